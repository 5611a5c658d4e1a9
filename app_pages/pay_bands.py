"""Pay bands by region: market pay bands per metro for recruiters, and a check of your own."""

from urllib.parse import urlencode

import streamlit as st

from analysis import bands, hubs
from ui import cached, columns, layout, sections, state
from ui.charts import bands as charts
from ui.data import require

PAGE = "pay_bands"
ALL = "All regions"
PCT_NAMES = ("10th", "25th", "Median", "75th", "90th")


st.title("Pay bands by region")
st.write(
    "What does the market pay for these roles in the metros you hire in, "
    "and how do your bands compare?"
)

wages, metros = require("wages"), require("metros")
occs = cached.occupation_options()
titles = dict(zip(occs["occ_code"], occs["occ_title"], strict=True))
names = cached.metro_names()
labels = dict(zip(names["cbsa"], names["label"], strict=True))

c1, c2, c3 = st.columns([1, 2, 3])
with c1:
    regions = [ALL, *sorted(metros["census_region"].dropna().unique())]
    region = state.choice("Census region", regions, page=PAGE, param="region", default=ALL)
in_region = bands.region_metros(metros, region=None if region == ALL else region)
with c2:
    codes = sorted({s for v in in_region["states"].dropna() for s in v.split("-")})
    states = state.choices(
        "States", codes, page=PAGE, param="states", default=[], placeholder="All states"
    )
pool = bands.region_metros(in_region, states=states or None)
pool = pool[pool["cbsa"].isin(wages.loc[wages["area_type"] == "metro", "cbsa"])]
with c3:
    options = sorted(pool["cbsa"], key=labels.get)
    default = [c for c in hubs.DEFAULT_HUBS if c in options] or options[:5]
    chosen = state.choices(
        "Metros",
        options,
        page=PAGE,
        param="metros",
        default=default,
        format_func=labels.get,
        placeholder="Add metros",
    )
c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
with c1:
    occ_codes = state.choices(
        "Occupations",
        list(titles),
        page=PAGE,
        param="occ",
        default=[hubs.OCCUPATION],
        format_func=lambda c: f"{titles[c]} ({c})",
    )
with c2:
    use_target = state.toggle(
        "Show a target percentile",
        page=PAGE,
        param="tgt",
        default=False,
        help="Mark the pay at a chosen percentile (e.g. the 75th to lead the market).",
    )
target = None
if use_target:
    target = state.choice(
        "Target percentile",
        list(range(10, 91, 5)),
        page=PAGE,
        param="pct",
        default=50,
        widget=st.select_slider,
        format_func=lambda p: f"{p}th",
    )

if not chosen or not occ_codes:
    layout.empty_state("Pick at least one metro and one occupation to see market bands.")
    st.stop()
with layout.friendly_errors():
    table = cached.labelled_bands(tuple(chosen), tuple(occ_codes), target)
if table.empty:
    layout.empty_state("BLS publishes no wages for these occupations in the chosen metros.")
    st.stop()

st.subheader("Market bands per metro")
layout.chart(charts.band_ranges(table, target=table.get("target_pay")), key="pay_bands_ranges")
coded = table[[f"{c}_note" for c in bands.PCT_COLUMNS]].eq("top-coded").any().any()
layout.source_caption(
    layout.OEWS,
    n=int(table["tot_emp"].sum()),
    note="n = jobs · line 10th–90th, bar 25th–75th, dot median · "
    + (
        "a dotted end is top-coded (BLS gives only ≥ $239,200)"
        if coded
        else "BLS marks some wages only as ≥ $239,200; none in this view"
    ),
)
show = ["metro", "occ_title", "tot_emp", "loc_quotient", "price_level", *bands.PCT_COLUMNS]
show += ["target_pay"] if use_target else []
st.dataframe(
    table[show],
    hide_index=True,
    placeholder="—",
    column_config=columns.market_bands(bands.PCT_COLUMNS, PCT_NAMES, target),
)
layout.download(table, "pay_bands.csv", key="pay_bands_csv")

sections.regional_band(table, PCT_NAMES)

sections.talent_map(tuple(pool["cbsa"]), occ_codes[0], titles[occ_codes[0]])
sections.band_upload(table, wages, metros, require("price_parities"), occ_codes[0])

st.subheader("Share this view")
st.code(f"/{PAGE}?{urlencode(st.query_params.to_dict())}", language=None, wrap_lines=True)
