"""Small pieces every page uses: the tools row, answers and takeaways, the filters box, charts,
source captions, CSV downloads, friendly errors.

Source names and vintages are not typed here: pages pass `data.facts.caption("oews")` etc.,
which the build recorded in data/manifest.json.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.data import DataUnavailable, Tables
from analysis.export import escape_cell, to_safe_csv
from ui import cache
from ui.text import plain

PLOTLY_CONFIG = {
    # Maps read their outline from static/ (served at app/static/) instead of plotly's CDN.
    "topojsonURL": "app/static/",
    "displaylogo": False,
    # The tool bar covered legends and titles on phones; CSV downloads cover data export.
    "displayModeBar": False,
}


def chart(builder: Callable[..., go.Figure], *args: Any, key: str, **kwargs: Any) -> None:
    """Draw `builder(*args, **kwargs)` (a figure builder of `ui.charts`), built once per input
    (`ui.cache.figure`), with the project's config (offline map outline, no mode bar)."""
    fig = cache.figure(builder, *args, **kwargs)
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


def whole_dollars(frame: pd.DataFrame, config: dict) -> pd.DataFrame:
    """`frame` with the columns `config` shows as dollars (`usd`) rounded to whole dollars, as
    `ui.text.money` rounds a card's figure: the grid would cut the cents off instead ($97,694
    in a table beside $97,695 on a card)."""
    dollars = [
        c
        for c, v in config.items()
        if c in frame and isinstance(v, dict) and v.get("type_config", {}).get("format") == "dollar"
    ]
    return frame.assign(**{c: frame[c].round() for c in dollars})


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


def formula_safe(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """`frame` with the text of `columns` (text a visitor typed or uploaded) formula-escaped,
    as the CSV download escapes it: the grid's own "Download as CSV" then exports it safely."""
    return frame.assign(**{c: frame[c].map(escape_cell) for c in columns})


def available(data: Tables, *names: str) -> bool:
    """True when every table in `names` can be read; else an info box naming the missing one
    (for a section of a page that shows the rest without it)."""
    try:
        for name in names:
            data.table(name)
    except DataUnavailable as err:
        st.info(f"This section is not shown: {err}", icon=":material/info:")
        return False
    return True


def tools_bar(*tools: st.Page) -> None:
    """One short row of links to the two tools (Offer check, Pay bands), above every page's
    title: on a phone the navigation is folded behind the menu button."""
    with st.container(horizontal=True, gap="small", key="tools_bar"):
        for tool in tools:
            st.page_link(tool, label=tool.title, icon=tool.icon)


def answer(text: str) -> None:
    """The page's answer, right under its title: one or two sentences computed from the data
    in view (who leads, by how much, how sure). Text a visitor typed must pass `ui.text.plain`."""
    st.markdown(text)


def takeaway(text: str) -> None:
    """A chart's one-line takeaway, between its heading and the chart, computed from the
    figures the chart draws. Method details go in the caption under the chart."""
    st.markdown(text)


@contextmanager
def filters(what: str) -> Iterator[None]:
    """A page's filters in one box, closed until the visitor opens it: its line names what can
    be changed (`what`, e.g. "occupation, metros, dollars or after prices"); the page's answer
    above it says what is shown. The box stays as the visitor left it across reruns."""
    with st.expander(f"Change {what}", icon=":material/tune:", key="filters"):
        yield


def row_notes(frame: pd.DataFrame, note: str, *names: str, label: str) -> None:
    """The long text of a table's `note` column as a list under the table, in a closed box
    titled `label`: each distinct note once, after the rows it belongs to (named by `names`
    joined with " · "). A grid cuts such text at its column's edge."""
    noted = frame[frame[note].fillna("").astype(str).str.strip() != ""]
    if noted.empty:
        return
    rows = noted.assign(_who=noted[list(names)].astype(str).agg(" · ".join, axis=1))
    grouped = rows.groupby(note, sort=False)["_who"].agg(lambda who: "; ".join(dict.fromkeys(who)))
    with st.expander(f"{label} ({len(grouped)})"):
        st.markdown(
            "\n".join(f"- **{plain(who)}**: {plain(text)}" for text, who in grouped.items())
        )
