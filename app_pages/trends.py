"""Trends: how did AI and data pay move from 2020 to 2025, and how much of that is mix?"""

import streamlit as st

from analysis import taxonomy, trends
from analysis.filters import LEVELS
from ui import cache, inputs, layout, state
from ui.charts import trends as charts
from ui.headlines import inflation_answer
from ui.text import duplicate_note, money

SERIES = {"both": "Raw and adjusted", "raw": "Raw only", "adjusted": "Adjusted only"}
BREAK = 2024


def interval(low: float, high: float) -> str:
    """'$139,360–$141,300', or '—' when the interval is missing."""
    return "—" if low != low else f"{money(low)}–{money(high)}"


st.title("Trends")
st.write(
    "How has pay for AI and data roles moved since 2020, and how much of the change "
    "is only a change in who the salary index samples?"
)

data = cache.tables()
cache.require(data, "salaries")
facts = data.facts
cpi_year = inputs.cpi_year(data)
c1, c2, c3 = st.columns(3)
with c1:
    level = state.choice(
        "Level", [trends.ALL_LEVELS, *LEVELS], key="level", default=trends.ALL_LEVELS
    )
with c2:
    group = state.choice(
        "Company country", list(trends.COUNTRY_GROUPS), key="country", default="All countries"
    )
with c3:
    tracks = state.choices(
        "Tracks", taxonomy.TRACKS, key="tracks", default=[], placeholder="All tracks"
    )
c4, c5, c6 = st.columns(3)
with c4:
    show = state.choice(
        "Series", list(SERIES), key="series", default="both", format_func=SERIES.get
    )
with c5:
    real = inputs.constant_dollars(data)
with c6:
    keep_dups = inputs.keep_duplicates()
unit = f"{cpi_year} dollars" if real else "dollars of each year"

chosen = {
    "level": None if level == trends.ALL_LEVELS else level,
    "country_group": group,
    "tracks": tracks or None,
    "drop_duplicates": not keep_dups,
}
with layout.friendly_errors():
    series = cache.run(trends.adjusted_trend, data, real=real, **chosen)
    comp = cache.run(trends.composition, data, **chosen)
table = trends.trend_table(series, comp)
shown = trends.select_series(series, show)
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
        "level × US/non-US companies. That removes a shift in levels and countries, not the "
        "change of source itself (job listings pay differently from survey answers at the same "
        "level), so compare years on the same side of the shaded line. "
        + ("**2025 covers only early January** (hollow points)." if table["partial"].any() else ""),
        icon=":material/history:",
    )
full = table.loc[~table["partial"].astype(bool)].tail(3)
card = "raw" if show == "raw" else "adjusted"
for col, row in zip(st.columns(len(full)), full.itertuples(), strict=True):
    col.metric(
        f"{card.capitalize()} median {row.year}",
        money(getattr(row, f"{card}_median")),
        help=(
            f"Reweighted to the {ref} level × US/non-US mix; effective n = "
            f"{row.adjusted_n_eff:,.0f} ({row.adjusted_status})"
            if card == "adjusted"
            else f"The median of {row.n:,} records, as collected that year"
        )
        + f"; {unit}.",
    )

layout.chart(charts.trend_chart, shown, comp, ref, BREAK, unit, key="trends_chart")
layout.source_caption(
    facts.caption("aijobs", *(["cpi"] if real else [])),
    n=int(table["n"].sum()),
    note=f"{level}, {group}, {', '.join(tracks) or 'all tracks'}, full-time, {unit} · medians "
    "with 95% intervals (adjusted: bootstrap) · shaded from 2024: mostly job listings · "
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

st.subheader("Did AI pay beat inflation?")
if cpi_year is None:
    layout.empty_state("The CPI table is not built, so pay cannot be put in constant dollars.")
else:
    start, end = 2021, 2023  # the longest span on one side of the 2024 change of source
    asked = {"tracks": tracks or None, "drop_duplicates": not keep_dups}
    try:
        change = {
            basis: cache.run(
                trends.pay_change, data, start, end, chosen["level"], group,
                adjusted=basis == "adjusted", **asked,
            )
            for basis in ("adjusted", "raw")
        }  # fmt: skip
    except ValueError as err:
        layout.empty_state(str(err))
    else:
        for column, (basis, c) in zip(st.columns(2), change.items(), strict=True):
            column.metric(
                f"{basis.capitalize()} median {start} → {end}, after inflation",
                f"{c['change']:+.1%}",
                f"95% interval {c['ci_low']:+.1%} to {c['ci_high']:+.1%}",
                delta_color="off",
                delta_arrow="off",
                border=True,
            )
        st.markdown(inflation_answer(change, start, end, cpi_year, ref))
        layout.source_caption(
            facts.caption("aijobs", "cpi"),
            n=int(change["raw"]["n_start"] + change["raw"]["n_end"]),
            note=f"{level}, {group}, {', '.join(tracks) or 'all tracks'}, full-time · adjusted: "
            f"each year reweighted to the {ref} level × US/non-US mix, as the line above; raw: "
            f"each year's records as collected · each year's dollars turned into {cpi_year} "
            "dollars by the CPI-U annual average (US city average: what the pay buys in the "
            "US; salaries of companies abroad are in US dollars at each year's exchange rate) "
            "· seeded bootstrap 95% intervals of the ratio",
        )
