"""Placeholder until the page lands."""

import streamlit as st

st.title("offer_check")
st.info("This page is being built.")
