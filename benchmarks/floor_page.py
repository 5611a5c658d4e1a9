"""The benchmark floor: the cheapest page the dashboard could have (a title, one small chart).

Pages are timed against this script (`python -m benchmarks.pages`), so "warm / floor" says how
much a page costs beyond Streamlit and plotly themselves. The ten points are a fixed line, not
data.
"""

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run benchmarks/floor_page.py` puts benchmarks/ first
    sys.path.insert(0, str(ROOT))

from ui.charts import floor_figure  # noqa: E402

st.title("Benchmark floor")
points = [float(i) for i in range(10)]
st.plotly_chart(floor_figure(points, points), key="floor_chart")
