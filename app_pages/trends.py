"""Trends: how did AI and data pay move from 2020 to 2025, and how much of that is mix?"""

import streamlit as st

from analysis import filters, taxonomy, trends
from analysis.filters import LEVELS
from ui import cache, inputs, layout, state
from ui.charts import trends as charts
from ui.market_text import inflation_short, inflation_takeaway, trend_takeaway
from ui.text import duplicate_note, money, plain

SERIES = {"both": "Raw and adjusted", "raw": "Raw only", "adjusted": "Adjusted only"}
COMPANIES = {
    "All countries": "companies in all countries",
    "US": "US companies",
    "Outside US": "companies outside the US",
}


def interval(low: float, high: float) -> str:
    """'$139,360–$141,300', or '—' when the interval is missing."""
    return "—" if low != low else f"{money(low)}–{money(high)}"


st.title("Trends")
slot = st.container()  # the answer, written once the figures below are known
data = cache.tables()
cache.require(data, "salaries")
facts = data.facts
cpi_year = inputs.cpi_year(data)
with layout.filters("level, companies, tracks, series, dollars"):
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
selection = f"{level}, {group}, {', '.join(tracks) or 'all tracks'}"
named = (
    f"{'all levels' if level == trends.ALL_LEVELS else level + ' roles'} at "
    f"{COMPANIES[group]}, {plain(', '.join(tracks)) if tracks else 'all tracks'}"
)

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

change, change_error = None, None
# The longest span of full years on one side of the index's change of source.
start, end = 2021, filters.LISTINGS_FROM - 1
if cpi_year is not None:
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
        change_error = str(err)
with slot:
    if change is not None:
        layout.answer(inflation_short(change, start, end, cpi_year, named))
    else:
        layout.answer(f"**For {named}: {trend_takeaway(series)}**")

st.subheader("Median pay per year, raw and adjusted")
layout.takeaway(trend_takeaway(shown))
layout.chart(charts.trend_chart, shown, comp, ref, filters.LISTINGS_FROM, unit, key="trends_chart")
layout.source_caption(
    facts.caption("aijobs", *(["cpi"] if real else [])),
    n=int(table["n"].sum()),
    note=f"{selection}, full-time, {unit} · medians with 95% intervals · adjusted: reweighted "
    f"to the {ref} level × US/non-US mix · faded: low confidence · "
    + duplicate_note(not keep_dups),
)
changed = table.loc[table["composition_changed"].astype(bool)]
if not changed.empty:
    steps = "; ".join(
        f"{r.year}: {r.n:,} records, {r.us_share:.0%} US companies" for r in changed.itertuples()
    )
    years_text = ", ".join(str(y) for y in changed["year"])
    st.caption(f"Sample changed sharply (orange bars): {steps}.")
with st.expander("Why raw and adjusted differ, and what the shading means"):
    if not changed.empty:
        repeats = "; ".join(
            f"{r.year}: {r.duplicate_share:.0%} repeated postings"
            f"{'' if keep_dups else ' (dropped)'}"
            for r in changed.itertuples()
        )
        st.markdown(
            f"**The sample changed sharply in {years_text}** (orange bars; {repeats}). In "
            f"{filters.LISTINGS_FROM} the index switched to mostly US job-listing salaries "
            "(shaded). A raw median mixes pay growth with these changes; the adjusted line "
            "reweights every year to "
            f"the {ref} mix of level × US/non-US companies. That removes a shift in levels and "
            "countries, not the change of source itself (job listings pay differently from "
            "survey answers at the same level), so compare years on the same side of the "
            "shaded line. Faded points: effective n under 30 after reweighting. "
            + (
                "**2025 covers only early January** (hollow points)."
                if table["partial"].any()
                else ""
            )
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
    "raw_median": layout.usd("Raw median"),
    "raw_ci": st.column_config.TextColumn("Raw 95%", help="Raw median: 95% interval"),
    "adjusted_median": layout.usd("Adjusted", help=f"Median reweighted to the {ref} mix"),
    "adjusted_ci": st.column_config.TextColumn("Adj. 95%", help="Adjusted: 95% interval"),
    "adjusted_n_eff": st.column_config.NumberColumn(
        "Eff. n", help="Adjusted: effective records after reweighting", format="localized", step=1
    ),
    "adjusted_status": st.column_config.TextColumn("Adj. confidence"),
    "us_share": st.column_config.NumberColumn(
        "US cos.", format="percent", step=0.01, help="Share of records from US companies"
    ),
    "composition_changed": st.column_config.CheckboxColumn(
        "Shift", help="Sample composition changed sharply"
    ),
}
st.dataframe(view[list(columns)], hide_index=True, placeholder="—", column_config=columns)
layout.download(table, "trends.csv", key="trends_dl")

st.subheader("Did AI pay beat inflation?")
if cpi_year is None:
    layout.empty_state("The CPI table is not built, so pay cannot be put in constant dollars.")
elif change is None:
    layout.empty_state(change_error or "")
else:
    layout.takeaway(inflation_takeaway(change))
    for column, (basis, c) in zip(st.columns(2), change.items(), strict=True):
        column.metric(
            f"{basis.capitalize()} median {start} → {end}, after inflation",
            f"{c['change']:+.1%}",
            f"95% interval {c['ci_low']:+.1%} to {c['ci_high']:+.1%}",
            delta_color="off",
            delta_arrow="off",
            border=True,
        )
    layout.source_caption(
        facts.caption("aijobs", "cpi"),
        n=int(change["raw"]["n_start"] + change["raw"]["n_end"]),
        note=f"{selection}, full-time · {money(change['adjusted']['median_start'])} → "
        f"{money(change['adjusted']['median_end'])} adjusted (each year reweighted to the {ref} "
        f"level × US/non-US mix), in {cpi_year} dollars by the CPI-U annual average · both "
        f"years before the {filters.LISTINGS_FROM} change of source · bootstrap 95% intervals",
    )
