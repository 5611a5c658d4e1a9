"""Trends: how did AI and data pay move from 2020 to 2025, and how much of that is mix?"""

import streamlit as st

from analysis import trends
from analysis.levels import LEVELS
from ui import layout, state
from ui.charts import trends as charts
from ui.data import require

PAGE = "trends"
SERIES = {"both": "Raw and adjusted", "raw": "Raw only", "adjusted": "Adjusted only"}


@st.cache_data(max_entries=32, show_spinner="Reweighting each year…")
def trend(level: str, group: str, drop_dup: bool):
    level_arg = None if level == trends.ALL_LEVELS else level
    salaries = require("salaries")
    series = trends.adjusted_trend(salaries, level_arg, group, drop_duplicates=drop_dup)
    return series, trends.composition(salaries, drop_duplicates=drop_dup)


st.title("Trends")
st.write(
    "How has pay for AI and data roles moved since 2020, and how much of the change "
    "is only a change in who the salary index samples?"
)

c1, c2, c3, c4 = st.columns(4)
with c1:
    level = state.choice(
        "Level", [trends.ALL_LEVELS, *LEVELS], page=PAGE, param="level", default=trends.ALL_LEVELS
    )
with c2:
    group = state.choice(
        "Company country",
        list(trends.COUNTRY_GROUPS),
        page=PAGE,
        param="country",
        default="All countries",
    )
with c3:
    show = state.choice(
        "Series", list(SERIES), page=PAGE, param="series", default="both", format_func=SERIES.get
    )
with c4:
    drop_dup = state.toggle("Drop exact duplicates", page=PAGE, param="dedup", default=False)

with layout.friendly_errors():
    series, comp = trend(level, group, drop_dup)

counts = comp.set_index("year")
if {2023, 2024} <= set(counts.index):
    before, after = counts.loc[2023], counts.loc[2024]
    st.info(
        f"**The sample changed in 2024.** The index went from {before['n']:,} records in 2023 "
        f"to {after['n']:,} in 2024, {after['us_share']:.0%} from US companies and "
        f"{after['duplicate_share']:.0%} repeated postings. A raw median mixes pay growth with "
        "that change; the adjusted line reweights every year to the 2024 mix of level × "
        "US/non-US companies. **2025 covers only early January** (hollow points).",
        icon=":material/history:",
    )
raw = series.loc[series["series"] == "Raw"].set_index("year")
cols = st.columns(3)
for col, year in zip(cols, (2022, 2023, 2024), strict=True):
    if year in raw.index and raw.loc[year, "status"] != "hidden":
        col.metric(
            f"Raw median {year}",
            layout.money(raw.loc[year, "median"]),
            help=f"n = {raw.loc[year, 'n']:,}",
        )

shown = series if show == "both" else series.loc[series["series"].str.lower() == show]
layout.chart(charts.trend(shown, comp), key="trends_chart")
dup_note = "exact duplicates dropped" if drop_dup else "duplicate postings kept"
layout.source_caption(
    layout.AIJOBS,
    n=int(raw["n"].sum()),
    note=f"{level}, {group}, full-time · medians with 95% intervals (adjusted: bootstrap) · "
    f"bars: records per year, orange = sample composition changed sharply · {dup_note}",
)
table = series.pivot(index="year", columns="series", values=["median", "ci_low", "ci_high"])
table.columns = [f"{s.lower()}_{m}" for m, s in table.columns]
table = table.join(
    comp.set_index("year")[["n", "us_share", "duplicate_share", "composition_changed", "partial"]]
).reset_index()
money_cols = [c for c in table.columns if c.startswith(("raw_", "adjusted_"))]
st.dataframe(
    table.round({c: 0 for c in money_cols}),
    hide_index=True,
    column_config={"year": st.column_config.NumberColumn("Year", format="%d")}
    | {c: st.column_config.NumberColumn(c + " ($)", format="localized") for c in money_cols}
    | {
        c: st.column_config.NumberColumn(c, format="percent")
        for c in ("us_share", "duplicate_share")
    },
)
layout.download(table, "trends.csv", key="trends_dl")
