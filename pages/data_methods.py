"""Placeholder until the page lands."""

import streamlit as st

st.title("data_methods")
st.info("This page is being built.")
