"""Placeholder until the page lands."""

import streamlit as st

st.title("pay_bands")
st.info("This page is being built.")
