"""Placeholder until the page lands."""

import streamlit as st

st.title("trends")
st.info("This page is being built.")
