"""Placeholder until the page lands."""

import streamlit as st

st.title("levels")
st.info("This page is being built.")
