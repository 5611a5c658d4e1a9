"""Placeholder until the page lands."""

import streamlit as st

st.title("cost_of_living")
st.info("This page is being built.")
