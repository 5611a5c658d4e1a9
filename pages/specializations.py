"""Placeholder until the page lands."""

import streamlit as st

st.title("specializations")
st.info("This page is being built.")
