"""Tech hubs: which US metros pay most for an occupation, in dollars and after local prices?"""

import streamlit as st

from analysis import hubs, metros, wages
from ui import cache, inputs, layout, place_text, state
from ui.charts import hubs as charts
from ui.text import money, top_code_note

VIEWS = {"nominal": "In dollars", "real": "After cost of living"}


st.title("Tech hubs")
slot = st.container()

data = cache.tables()
cache.require(data, "wages", "metros", "price_parities")
facts = data.facts
with layout.filters("occupation, metros, dollars or after prices"):
    occ = inputs.occupation(data)
    options = cache.run(metros.metro_options, data, occ)
    labels = dict(zip(options["cbsa"], options["label"], strict=True))
    chosen = state.choices(
        "Metros",
        list(labels),
        key="metros",
        default=[c for c in metros.DEFAULT_HUBS if c in labels],
        format_func=labels.get,
        placeholder="Add metros",
    )
    view = state.choice(
        "Show pay",
        list(VIEWS),
        key="view",
        default="nominal",
        widget=st.segmented_control,
        format_func=VIEWS.get,
    )
real = view == "real"
if not chosen:
    layout.empty_state("Pick at least one metro to compare (the ten default hubs are a start).")
    st.stop()

with layout.friendly_errors():
    result = cache.run(hubs.compare_hubs, data, occ, chosen)
    points = cache.run(hubs.all_metros_for_map, data, occ)
    national = cache.run(wages.national_median, data, occ)
    line = cache.run(hubs.equal_power_line, data, occ)
    ranks_nominal = cache.run(hubs.rank_intervals, data, occ, chosen, real=False)
    ranks_real = cache.run(hubs.rank_intervals, data, occ, chosen, real=True)
ranks = ranks_real if real else ranks_nominal
with slot:
    layout.answer(
        place_text.hubs_answer(result.table, national, result.occ_title, ranks_nominal, ranks_real)
    )
# Whole dollars once, so a card and the table round a value the same way.
money_columns = ["median", "real_median", "p10", "p90", "median_ci_low", "median_ci_high"]
table = result.table.assign(**{c: result.table[c].round() for c in money_columns})
if result.missing:
    st.info(f"No published {result.occ_title} wages for: {', '.join(result.missing)}.")
unpriced = table.loc[table["rpp"].isna(), "label"].tolist()
if unpriced:
    st.info(
        f"BEA publishes no price level for {', '.join(unpriced)} (it prices neither Puerto "
        "Rico nor Delaware's nonmetropolitan area), so pay after cost of living is not shown "
        "there.",
        icon=":material/info:",
    )

st.subheader(f"{result.occ_title}: pay range by metro")
layout.takeaway(place_text.ranges_takeaway(table, real))
layout.chart(
    charts.ranges_chart, result.table, real=real, top_code=facts.top_code, key="hubs_ranges"
)
layout.source_caption(
    facts.caption("oews", "bea_rpp") if real else facts.caption("oews"),
    n=int(table["n"].sum()),
    note=f"n = jobs · {top_code_note(result.n_top_coded, facts.top_code)}",
)

st.subheader("Where the jobs are")
layout.takeaway(place_text.map_takeaway(points, result.occ_title, real))
layout.chart(charts.metro_map_chart, points, real=real, highlight=chosen, key="hubs_map")
layout.source_caption(
    facts.caption("oews"),
    n=int(points["employment"].sum()),
    note=f"{len(points)} metros with a published median · bubble = jobs · no nonmetro areas",
)

st.subheader("Pay against price level")
layout.takeaway(place_text.scatter_takeaway(table, national))
layout.chart(charts.pay_vs_prices_chart, result.table, points, line, key="hubs_scatter")
layout.source_caption(
    facts.caption("oews", "bea_rpp"),
    n=int(table["n"].sum()),
    note="price level: all items, US = 100",
)

st.subheader("The numbers")
rank = "rank_real" if real else "rank_nominal"
shown = table.sort_values(rank).assign(
    interval=[
        "—" if lo != lo else f"{money(lo)} – {money(hi)}"
        for lo, hi in zip(table["median_ci_low"], table["median_ci_high"], strict=True)
    ],
)
spans = {
    r.cbsa: f"{r.rank}" + (f" ({r.rank_low}–{r.rank_high})" if r.rank_low != r.rank_high else "")
    for r in ranks.itertuples()
}
shown["rank"] = shown["cbsa"].map(spans).fillna("—")
columns = ["rank", "label", "median", "real_median", "employment", "interval", "rpp", "p10", "p90"]
st.dataframe(
    shown[columns],
    hide_index=True,
    placeholder="—",
    column_config={
        "rank": st.column_config.TextColumn(
            "Rank (95%)",
            help="1 = highest median in this view; in brackets the ranks it could take given "
            "BLS's sampling error (ranks that overlap are a statistical tie)",
        ),
        "label": "Metro",
        "employment": st.column_config.NumberColumn("Jobs", format="localized"),
        "median": layout.usd("Median"),
        "interval": st.column_config.TextColumn(
            "Median, 95% ≈",
            help="The mean wage's BLS relative standard error applied "
            "to the median (BLS publishes none for the median)",
        ),
        "p10": layout.usd("10th pct."),
        "p90": layout.usd("90th pct."),
        "rpp": st.column_config.NumberColumn(
            "Prices", format="%.0f", help="BEA all-items price level, US = 100"
        ),
        "real_median": layout.usd(
            "After prices", help="Median ÷ price level: national-average dollars"
        ),
    },
)
layout.download(table, f"tech_hubs_{occ}.csv", key="hubs_csv")
ties = [r for r in ranks.itertuples() if r.tied]
if ties:
    groups = {" · ".join(sorted([r.label, *r.tied.split("; ")])) for r in ties}
    st.caption("Statistical ties (overlapping rank ranges): " + "; ".join(sorted(groups)))
layout.source_caption(
    facts.caption("oews", "bea_rpp"),
    n=int(table["n"].sum()),
    note="the CSV adds the 25th/75th percentiles, standard errors and a housing-weighted median",
)
