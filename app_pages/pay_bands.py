"""Pay bands by region: market pay bands per metro for recruiters, and a check of your own."""

from urllib.parse import urlencode

import streamlit as st

from analysis import bands, hubs
from ui import cached, layout, state
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
pct_cols = {c: layout.usd(n) for c, n in zip(bands.PCT_COLUMNS, PCT_NAMES, strict=True)}
show = ["metro", "occ_title", "tot_emp", "loc_quotient", "price_level", *bands.PCT_COLUMNS]
show += ["target_pay"] if use_target else []
st.dataframe(
    table[show],
    hide_index=True,
    placeholder="—",
    column_config={
        "metro": "Metro",
        "occ_title": "Occupation",
        "tot_emp": st.column_config.NumberColumn("Jobs", format="localized"),
        "loc_quotient": st.column_config.NumberColumn(
            "Location quotient", format="%.2f", help="1 = the occupation's US share of jobs"
        ),
        "price_level": st.column_config.NumberColumn("Price level (US = 100)", format="%.0f"),
        "target_pay": layout.usd(f"Pay at the {target}th"),
        **pct_cols,
    },
)
layout.download(table, "pay_bands.csv", key="pay_bands_csv")

st.subheader("Regional band (employment-weighted, approximate)")
regional = bands.regional_band(table)
st.dataframe(
    regional.drop(columns="occ_code"),
    hide_index=True,
    placeholder="—",
    column_config={
        "occ_title": "Occupation",
        "metros": st.column_config.NumberColumn("Metros"),
        "tot_emp": st.column_config.NumberColumn("Jobs", format="localized"),
        "n_excluded": st.column_config.NumberColumn(
            "Metros left out", help="Left out of at least one percentile's average"
        ),
        **pct_cols,
    },
)
excluded = int(regional["n_excluded"].sum())
layout.source_caption(
    layout.OEWS,
    n=int(regional["tot_emp"].sum()),
    note="an approximation: the employment-weighted average of each metro's percentiles, "
    "not the pooled percentile (BLS does not publish one) · "
    + (
        f"{excluded} metro(s) left out of at least one average: a percentile top-coded or not "
        "released, or jobs not released (no weight)"
        if excluded
        else "no metro left out"
    ),
)
layout.download(regional, "regional_band.csv", key="pay_bands_regional_csv")

st.subheader("Where the talent is")
points = cached.talent_pools(tuple(pool["cbsa"]), occ_codes[0])
layout.chart(charts.talent_map(points), key="pay_bands_map")
layout.source_caption(
    layout.OEWS,
    n=int(points["tot_emp"].sum()),
    note=f"{titles[occ_codes[0]]} in {len(points)} metros of the region where BLS publishes "
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
    bands.upload_template(table),
    file_name="pay_bands_template.csv",
    mime="text/csv",
    key="pay_bands_template",
    icon=":material/download:",
    on_click="ignore",
)
upload = st.file_uploader("Your pay bands (CSV)", type=["csv"], key="pay_bands_upload")
if upload is not None:
    try:
        mine = bands.parse_upload(upload.getvalue(), metros)
        gaps = bands.compare_upload(mine, wages, metros, require("price_parities"), occ_codes[0])
    except bands.UploadError as err:
        st.warning(str(err), icon=":material/warning:")
    else:
        layout.chart(charts.upload_gaps(gaps), key="pay_bands_gaps")
        layout.source_caption(
            layout.OEWS, n=len(gaps), note="gap = your band mid − the metro's BLS median"
        )
        st.dataframe(
            gaps[
                [
                    "row",
                    "role",
                    "metro",
                    "min",
                    "mid",
                    "max",
                    "market_median",
                    "mid_gap_usd",
                    "mid_gap_pct",
                    "mid_position",
                ]
            ],
            hide_index=True,
            placeholder="—",
            column_config={
                "row": st.column_config.NumberColumn("Row"),
                "role": "Role",
                "metro": "Metro",
                "min": layout.usd("Your min"),
                "mid": layout.usd("Your mid"),
                "max": layout.usd("Your max"),
                "market_median": layout.usd("BLS median"),
                "mid_gap_usd": layout.usd("Mid − median"),
                "mid_gap_pct": st.column_config.NumberColumn("Gap", format="%+.0f%%"),
                "mid_position": "Mid's BLS percentile",
            },
        )
        layout.download(gaps, "bands_vs_market.csv", key="pay_bands_gaps_csv")

st.subheader("Share this view")
st.code(f"/{PAGE}?{urlencode(st.query_params.to_dict())}", language=None, wrap_lines=True)
