"""Placeholder until the page lands."""

import streamlit as st

st.title("industries")
st.info("This page is being built.")
