"""Placeholder until the page lands."""

import streamlit as st

st.title("remote")
st.info("This page is being built.")
