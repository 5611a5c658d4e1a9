import streamlit as st

st.title("Fixture home")
