"""Small pieces every page uses: titles, source captions, CSV downloads, friendly errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd
import streamlit as st

from analysis.export import to_safe_csv

OEWS = "BLS OEWS, May 2025"
RPP = "BEA Regional Price Parities, 2024 (released Feb 2026)"
HUD = "HUD Fair Market Rents, FY2026"
AIJOBS = "aijobs.net salary index (CC0), snapshot 2025-01-19"
SO_SURVEY = "Stack Overflow Developer Survey 2024 subset & 2025 extract (ODbL)"


PLOTLY_CONFIG = {
    # Maps read their outline from static/ (served at app/static/) instead of plotly's CDN.
    "topojsonURL": "app/static/",
    "displaylogo": False,
    # The tool bar covered legends and titles on phones; CSV downloads cover data export.
    "displayModeBar": False,
}


def chart(fig: object, *, key: str) -> None:
    """Show a plotly figure with the project's config (offline map outline, lean mode bar)."""
    st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG, width="stretch")


def source_caption(source: str, *, n: int | None = None, note: str = "") -> None:
    """Caption under a chart: source and vintage, sample size, and any method note."""
    parts = [f"Source: {source}"]
    if n is not None:
        parts.append(f"n = {n:,}")
    if note:
        parts.append(note)
    st.caption(" · ".join(parts))


def download(frame: pd.DataFrame, filename: str, *, key: str, label: str = "Download CSV") -> None:
    """A CSV download button for `frame`, with spreadsheet formulas escaped.

    The CSV is made only when the button is clicked (a callable `data`), so large tables cost
    nothing on a normal page run; the click does not rerun the page.
    """
    st.download_button(
        label,
        lambda: to_safe_csv(frame),
        file_name=filename,
        mime="text/csv",
        key=key,
        icon=":material/download:",
        on_click="ignore",
    )


def usd(label: str, **kwargs: object) -> st.column_config.NumberColumn:
    """A table column of whole dollars: $ with thousands separators, no cents (step=1)."""
    return st.column_config.NumberColumn(label, format="dollar", step=1, **kwargs)


def empty_state(message: str) -> None:
    """Say plainly why there is nothing to draw, instead of an empty chart."""
    st.info(message, icon=":material/info:")


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Turn an analysis ValueError (bad input, empty selection) into a warning on the page."""
    try:
        yield
    except ValueError as err:
        st.warning(str(err), icon=":material/warning:")
        st.stop()


def money(value: float | None, *, topcoded: bool = False) -> str:
    """'$185,080'; top-coded wages as '≥ $239,200'; missing as '—'."""
    if value is None or pd.isna(value):
        return "—"
    text = f"${value:,.0f}"
    return f"≥ {text}" if topcoded else text
