"""Pay bands by region: market pay bands per metro for recruiters, and a check of your own."""

from urllib.parse import urlencode

import streamlit as st

from analysis import band_upload, bands, metros, wages
from ui import cache, columns, inputs, layout, state
from ui.charts import bands as charts
from ui.text import top_code_note

PAGE = "pay_bands"
ALL = "All regions"
PCT_NAMES = ("10th", "25th", "Median", "75th", "90th")

st.title("Pay bands by region")
st.write(
    "What does the market pay for these roles in the metros you hire in, "
    "and how do your bands compare?"
)

data = cache.tables()
cache.require(data, "wages", "metros", "price_parities")
facts = data.facts
titles = inputs.occupation_titles(data)
labels = cache.run(metros.metro_labels, data)

c1, c2, c3 = st.columns([1, 2, 3])
with c1:
    region = state.choice(
        "Census region", [ALL, *cache.run(bands.regions, data)], key="region", default=ALL
    )
in_region = None if region == ALL else region
with c2:
    states = state.choices(
        "States",
        cache.run(bands.region_states, data, in_region),
        key="states",
        default=[],
        placeholder="All states",
    )
pool = cache.run(bands.region_metros, data, in_region, states or None)
with c3:
    options = sorted(pool["cbsa"], key=labels.get)
    default = [c for c in metros.DEFAULT_HUBS if c in options] or options[:5]
    chosen = state.choices(
        "Metros",
        options,
        key="metros",
        default=default,
        format_func=labels.get,
        placeholder="Add metros",
    )
c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
with c1:
    occ_codes = state.choices(
        "Occupations",
        list(titles),
        key="occ",
        default=[wages.DEFAULT_OCCUPATION],
        format_func=lambda c: f"{titles[c]} ({c})",
    )
with c2:
    use_target = state.toggle(
        "Show a target percentile",
        key="tgt",
        default=False,
        help="Mark the pay at a chosen percentile (e.g. the 75th to lead the market).",
    )
target = None
if use_target:
    target = state.choice(
        "Target percentile",
        list(range(10, 91, 5)),
        key="pct",
        default=50,
        widget=st.select_slider,
        format_func=lambda p: f"{p}th",
    )

if not chosen or not occ_codes:
    layout.empty_state("Pick at least one metro and one occupation to see market bands.")
    st.stop()
with layout.friendly_errors():
    table = cache.run(bands.labelled_bands, data, chosen, occ_codes, target=target)
if table.empty:
    layout.empty_state("BLS publishes no wages for these occupations in the chosen metros.")
    st.stop()

st.subheader("Market bands per metro")
layout.chart(charts.band_ranges_chart, table, top_code=facts.top_code, key="pay_bands_ranges")
coded = int(table[[f"{c}_note" for c in bands.PCT_COLUMNS]].eq("top-coded").sum().sum())
layout.source_caption(
    facts.caption("oews"),
    n=int(table["tot_emp"].sum()),
    note="n = jobs · line 10th–90th, bar 25th–75th, dot median · "
    + top_code_note(coded, facts.top_code, "a dotted open end"),
)
show = ["metro", "occ_title", "tot_emp", "loc_quotient", "price_level", *bands.PCT_COLUMNS]
show += ["target_pay"] if use_target else []
st.dataframe(
    table[show],
    hide_index=True,
    placeholder="—",
    column_config=columns.market_bands_columns(bands.PCT_COLUMNS, PCT_NAMES, target),
)
layout.download(table, "pay_bands.csv", key="pay_bands_csv")

st.subheader("Regional band (employment-weighted, approximate)")
regional = cache.run(bands.regional_band, data, chosen, occ_codes)
st.dataframe(
    regional.drop(columns="occ_code"),
    hide_index=True,
    placeholder="—",
    column_config=columns.regional_band_columns(bands.PCT_COLUMNS, PCT_NAMES),
)
excluded = int(regional["n_excluded"].sum())
layout.source_caption(
    facts.caption("oews"),
    n=int(regional["tot_emp"].sum()),
    note="an approximation: the employment-weighted average of each metro's percentiles, "
    "not the pooled percentile (BLS does not publish one) · "
    + (
        f"{excluded} metro(s) left out of at least one average: a percentile top-coded or "
        "not released, or jobs not released (no weight)"
        if excluded
        else "no metro left out"
    ),
)
layout.download(regional, "regional_band.csv", key="pay_bands_regional_csv")

st.subheader("Where the talent is")
talent_occ = occ_codes[0]
points = cache.run(bands.talent_pools, data, list(pool["cbsa"]), talent_occ)
layout.chart(charts.talent_map_chart, points, key="pay_bands_map")
layout.source_caption(
    facts.caption("oews"),
    n=int(points["tot_emp"].sum()),
    note=f"{titles[talent_occ]} in {len(points)} metros of the region where BLS publishes "
    "jobs (with or without a median: the Tech hubs map counts only metros with a published "
    "median) · bubble = jobs, colour = location quotient (1 = the US share)",
)

st.subheader("Check your own bands")
st.caption(
    "A CSV (UTF-8, up to 1 MB) with columns role, metro, min, mid, max — role an SOC code "
    "such as 15-2051 (else the first occupation above), metro a CBSA code or a name like "
    "San Jose, CA. The template's rows are real: the BLS 25th percentile, median and 75th "
    "percentile of the first metros above."
)
st.download_button(
    "Download a template CSV",
    cache.run(bands.upload_template, table),
    file_name="pay_bands_template.csv",
    mime="text/csv",
    key="pay_bands_template",
    icon=":material/download:",
    on_click="ignore",
)
upload = st.file_uploader("Your pay bands (CSV)", type=["csv"], key="pay_bands_upload")
if upload is not None:
    try:
        mine = band_upload.parse_upload(data, upload.getvalue())
        gaps = band_upload.compare_upload(data, mine, occ_codes[0])
    except band_upload.UploadError as err:
        st.warning(str(err), icon=":material/warning:")
    else:
        layout.chart(charts.upload_gaps_chart, gaps, key="pay_bands_gaps")
        layout.source_caption(
            facts.caption("oews"), n=len(gaps), note="gap = your band mid − the metro's BLS median"
        )
        st.dataframe(
            gaps[columns.UPLOAD_GAPS_SHOWN],
            hide_index=True,
            placeholder="—",
            column_config=columns.upload_gaps_columns(),
        )
        layout.download(gaps, "bands_vs_market.csv", key="pay_bands_gaps_csv")

st.subheader("Share this view")
# Every value of a repeated parameter (to_dict() keeps only the last: one metro of many).
shared = {key: st.query_params.get_all(key) for key in st.query_params}
st.code(f"/{PAGE}?{urlencode(shared, doseq=True)}", language=None, wrap_lines=True)
