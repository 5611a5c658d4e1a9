"""Specializations: what NLP, computer vision, generative AI or MLOps titles add to pay."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import specialties, taxonomy
from ui import layout, state
from ui.charts import specialties as charts
from ui.data import require, table

PAGE = "specializations"
VIEWS = ("Raw and adjusted", "Raw", "Adjusted")
TOOL_LISTS = {
    "frameworks": "ML frameworks & libraries",
    "ai_tools": "AI assistants",
    "cloud_platforms": "Cloud platforms",
}


@st.cache_data(max_entries=32, show_spinner="Comparing specializations…")
def premiums(baseline: str, tracks: tuple[str, ...], drop: bool) -> tuple[pd.DataFrame, ...]:
    """Raw and adjusted premiums (bootstrap + regression take ~1 s, so cached)."""
    salaries = table("salaries")
    raw = specialties.raw_premiums(salaries, baseline=baseline, tracks=tracks, drop_duplicates=drop)
    adjusted = specialties.adjusted_premiums(
        salaries, baseline=baseline, tracks=tracks, drop_duplicates=drop
    )
    return raw, adjusted, specialties.premium_comparison(raw, adjusted)


@st.cache_data(max_entries=8, show_spinner=False)
def tools(column: str) -> pd.DataFrame:
    """Survey tool associations for one list column (~0.2 s, cached)."""
    return specialties.tool_premiums(table("survey"), column=column)


st.title("Specializations")
st.write(
    "Do specialist titles (NLP, computer vision, generative AI, MLOps…) pay more than general "
    "ML engineering, once level, year, country, remote work and company size are held fixed?"
)
require("salaries")
with st.container(horizontal=True):
    baseline = state.choice(
        "Compare against", taxonomy.SPECIALIZATIONS, page=PAGE, param="base", default="General"
    )
    tracks = state.choices(
        "Career tracks",
        taxonomy.TRACKS,
        page=PAGE,
        param="tracks",
        default=list(specialties.DEFAULT_TRACKS),
    )
    view = state.choice(
        "Show", VIEWS, page=PAGE, param="view", default=VIEWS[0], widget=st.segmented_control
    )
drop = state.toggle(
    "Drop exact duplicates",
    page=PAGE,
    param="dedup",
    default=True,
    help="Repeated copies of one job posting are not independent records: "
    "keeping them inflates n and makes intervals look narrower than they are.",
)

with layout.friendly_errors():
    raw, adjusted, both = premiums(baseline, tuple(tracks), drop)
shown = both if view == VIEWS[0] else both[both["method"].str.startswith(view[:3])]
base_row = raw[raw["is_baseline"]].iloc[0]
c1, c2, c3 = st.columns(3)
c1.metric(f"Baseline median: {baseline}", layout.money(base_row["median_usd"]))
c2.metric("Salary records compared", f"{int(raw['n'].sum()):,}")
c3.metric("Records in the regression", f"{adjusted.attrs['n_model']:,}")
if shown.empty:
    layout.empty_state("No specialization has enough records (10+) to show with these filters.")
else:
    layout.chart(charts.premium_chart(shown), key=f"{PAGE}_premium_chart")
hidden = raw.loc[raw["status"] == "hidden", "specialization"].tolist()
layout.source_caption(
    layout.AIJOBS,
    n=int(raw["n"].sum()),
    note=f"{'exact duplicates dropped' if drop else 'exact duplicates kept'} · raw = ratio of "
    "medians, seeded bootstrap 95% interval · adjusted = log-salary OLS (full-time; level, "
    "year, US vs other, remote ratio, company size), HC3 95% interval · hollow = under 30 "
    "records" + (f" · not shown (under 10): {', '.join(hidden)}" if hidden else ""),
)
st.caption(
    "Association, not causation: titles differ in employer and role in ways no control "
    "captures. 2024+ records are mostly US job listings (the collection changed)."
)
table_cols = {
    "specialization": "Specialization",
    "method": "Method",
    "n": st.column_config.NumberColumn("n", format="%d"),
    "premium": st.column_config.NumberColumn("Premium", format="percent"),
    "ci_low": st.column_config.NumberColumn("95% low", format="percent"),
    "ci_high": st.column_config.NumberColumn("95% high", format="percent"),
    "status": "Status",
}
st.dataframe(shown, column_config=table_cols, hide_index=True, column_order=list(table_cols))
layout.download(shown, "specialization_premiums.csv", key=f"{PAGE}_download")

st.subheader("Tools and platforms (Stack Overflow 2024)")
column = state.choice(
    "Tool list",
    list(TOOL_LISTS),
    page=PAGE,
    param="tools",
    default="frameworks",
    format_func=TOOL_LISTS.get,
    widget=st.segmented_control,
)
require("survey")
with layout.friendly_errors():
    tool_table = tools(column)
layout.chart(charts.tool_chart(tool_table), key=f"{PAGE}_tool_chart")
layout.source_caption(
    layout.SO_SURVEY,
    n=tool_table.attrs.get("n_respondents"),
    note="2024 respondents with pay $5,005–$499,750 who answered the question · log-pay OLS "
    "on use + experience spline + country, HC3 95% interval · association, not effect · "
    "a non-random subset of respondents",
)
st.dataframe(
    tool_table,
    hide_index=True,
    column_config={
        "tool": "Tool",
        "n_users": st.column_config.NumberColumn("Users", format="localized"),
        "n_non_users": st.column_config.NumberColumn("Non-users", format="localized"),
        "premium": st.column_config.NumberColumn("Premium", format="percent"),
        "ci_low": st.column_config.NumberColumn("95% low", format="percent"),
        "ci_high": st.column_config.NumberColumn("95% high", format="percent"),
        "p_value": st.column_config.NumberColumn("p", format="%.3f"),
        "status": "Status",
    },
)
layout.download(tool_table, f"tool_premiums_{column}.csv", key=f"{PAGE}_tools_download")
