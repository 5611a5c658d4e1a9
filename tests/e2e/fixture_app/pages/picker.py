import plotly.graph_objects as go
import streamlit as st

from ui import state

st.title("Fixture picker")
colour = state.choice(
    "Colour",
    ["red", "green", "blue"],
    key="colour",
    default="red",
    format_func=str.capitalize,  # shown (and in the URL) as "Blue"; older links say "blue"
)
st.write(f"Chosen colour: {colour}")
st.plotly_chart(go.Figure(go.Bar(x=[1, 2], y=[3, 4], marker_color=colour)), key="picker_chart")
