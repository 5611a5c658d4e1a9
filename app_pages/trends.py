"""Trends: how did AI and data pay move from 2020 to 2025, and how much of that is mix?"""

import streamlit as st

from analysis import trends
from analysis.filters import LEVELS
from ui import cache, inputs, layout, state
from ui.charts import trends as charts
from ui.text import duplicate_note

SERIES = {"both": "Raw and adjusted", "raw": "Raw only", "adjusted": "Adjusted only"}


def interval(low: float, high: float) -> str:
    """'$139,360–$141,300', or '—' when the interval is missing."""
    return "—" if low != low else f"{layout.money(low)}–{layout.money(high)}"


st.title("Trends")
st.write(
    "How has pay for AI and data roles moved since 2020, and how much of the change "
    "is only a change in who the salary index samples?"
)

data = cache.tables()
cache.require(data, "salaries")
facts = data.facts
c1, c2, c3, c4 = st.columns(4)
with c1:
    level = state.choice(
        "Level", [trends.ALL_LEVELS, *LEVELS], key="level", default=trends.ALL_LEVELS
    )
with c2:
    group = state.choice(
        "Company country", list(trends.COUNTRY_GROUPS), key="country", default="All countries"
    )
with c3:
    show = state.choice(
        "Series", list(SERIES), key="series", default="both", format_func=SERIES.get
    )
with c4:
    keep_dups = inputs.keep_duplicates()

chosen = {
    "level": None if level == trends.ALL_LEVELS else level,
    "country_group": group,
    "drop_duplicates": not keep_dups,
}
with layout.friendly_errors():
    series = cache.run(trends.adjusted_trend, data, **chosen)
    comp = cache.run(trends.composition, data, **chosen)
table = cache.run(trends.trend_table, series, comp)
ref = trends.REFERENCE_YEAR

changed = table.loc[table["composition_changed"].astype(bool)]
if not changed.empty:
    steps = "; ".join(
        f"{r.year}: {r.n:,} records, {r.us_share:.0%} US companies, "
        f"{r.duplicate_share:.0%} repeated postings{'' if keep_dups else ' (dropped)'}"
        for r in changed.itertuples()
    )
    years_text = ", ".join(str(y) for y in changed["year"])
    st.info(
        f"**The sample changed sharply in {years_text}** (orange bars): {steps}. In 2024 the "
        "index switched to mostly US job-listing salaries. A raw median mixes pay growth "
        f"with these changes; the adjusted line reweights every year to the {ref} mix of "
        "level × US/non-US companies. "
        + ("**2025 covers only early January** (hollow points)." if table["partial"].any() else ""),
        icon=":material/history:",
    )
full = table.loc[~table["partial"].astype(bool)].tail(3)
for col, row in zip(st.columns(len(full)), full.itertuples(), strict=True):
    col.metric(
        f"Adjusted median {row.year}",
        layout.money(row.adjusted_median),
        help=f"Reweighted to the {ref} level × US/non-US mix; effective n = "
        f"{row.adjusted_n_eff:,.0f} ({row.adjusted_status}). Raw median "
        f"{layout.money(row.raw_median)} from {row.n:,} records mixes in the change of sample.",
    )

shown = cache.run(trends.select_series, series, show)
layout.chart(charts.trend_chart, shown, comp, ref, key="trends_chart")
layout.source_caption(
    facts.caption("aijobs"),
    n=int(table["n"].sum()),
    note=f"{level}, {group}, full-time · medians with 95% intervals (adjusted: bootstrap) · "
    "faded points: low confidence (adjusted: effective n under 30 after reweighting) · "
    "bars: records per year, orange = sample composition changed sharply · "
    + duplicate_note(not keep_dups),
)
view = table.assign(
    year=[
        f"{y} (partial)" if p else str(y)
        for y, p in zip(table["year"], table["partial"], strict=True)
    ],
    raw_ci=[
        interval(lo, hi) for lo, hi in zip(table["raw_ci_low"], table["raw_ci_high"], strict=True)
    ],
    adjusted_ci=[
        interval(lo, hi)
        for lo, hi in zip(table["adjusted_ci_low"], table["adjusted_ci_high"], strict=True)
    ],
)
columns = {
    "year": "Year",
    "n": st.column_config.NumberColumn("Records", format="localized"),
    "raw_median": layout.usd("Raw: median"),
    "raw_ci": "Raw: 95% interval",
    "adjusted_median": layout.usd("Adjusted: median"),
    "adjusted_ci": "Adjusted: 95% interval",
    "adjusted_n_eff": st.column_config.NumberColumn(
        "Adjusted: effective n", format="localized", step=1
    ),
    "adjusted_status": "Adjusted: confidence",
    "us_share": st.column_config.NumberColumn("US companies", format="percent", step=0.01),
    "composition_changed": st.column_config.CheckboxColumn("Sample changed sharply"),
}
st.dataframe(view[list(columns)], hide_index=True, placeholder="—", column_config=columns)
layout.download(table, "trends.csv", key="trends_dl")
