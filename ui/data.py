"""Cached access to the processed tables for the pages.

The tables are held once per server with st.cache_resource: every rerun and every session gets
the same frame, with no copy. (st.cache_data would unpickle a fresh copy of a 45 MB table on
every rerun, doubling memory and costing ~70 ms a page.) Callers must therefore treat the
frames as read-only; the analysis functions never mutate their inputs, and tests check that.
A missing or damaged table stops the page with a clear message instead of a traceback.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import load


@st.cache_resource(max_entries=len(load.TABLES), show_spinner=False)
def table(name: str) -> pd.DataFrame:
    """A processed table by name (see analysis.load.TABLES)."""
    return load.load_table(name)


@st.cache_data(max_entries=1, show_spinner=False)
def manifest() -> dict[str, object]:
    """The build manifest (sources, vintages, licences, row counts)."""
    return load.load_manifest()


def require(name: str) -> pd.DataFrame:
    """`table(name)`, or an error box and st.stop() when the data is not there."""
    try:
        return table(name)
    except load.DataUnavailable as err:
        st.error(f"The data behind this page is not available: {err}", icon=":material/error:")
        st.stop()
        raise  # unreachable: st.stop() ends the script run
