"""Placeholder until the page lands."""

import streamlit as st

st.title("hubs")
st.info("This page is being built.")
