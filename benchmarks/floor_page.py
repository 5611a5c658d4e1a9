"""The benchmark floor: the cheapest page the dashboard could have (a title, one URL-bound
filter, one small chart).

Pages are timed against this script (`python -m benchmarks.pages`), so "× floor" says how much
a page costs beyond Streamlit and plotly themselves: a rerun, a first change of a filter
(here: a selectbox bound to the URL, as the pages' filters are) and a cold server start to
the first chart. The points are a fixed line, not data.
"""

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run benchmarks/floor_page.py` puts benchmarks/ first
    sys.path.insert(0, str(ROOT))

from ui import state  # noqa: E402
from ui.charts import floor_figure  # noqa: E402

FILTER_KEY = "points"
"""The floor's filter (widget key and URL parameter); benchmarks.pages changes it to 20."""

st.title("Benchmark floor")
n = state.choice("Points", [10, 20], key=FILTER_KEY, default=10, format_func=str)
points = [float(i) for i in range(n)]
st.plotly_chart(floor_figure(points, points), key="floor_chart")
