"""Pay bands by region: market pay bands per metro for recruiters, and a check of your own."""

from urllib.parse import urlencode

import streamlit as st

from analysis import bands, hubs
from ui import cached, layout, state
from ui.charts import bands as charts
from ui.data import require

PAGE = "pay_bands"
ALL = "All regions"
usd = st.column_config.NumberColumn

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
c1, c2, c3 = st.columns([3, 1, 2], vertical_alignment="bottom")
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
    use_target = state.toggle("Target percentile", page=PAGE, param="tgt", default=False)
with c3:
    target = state.choice(
        "Target",
        list(range(10, 91, 5)),
        page=PAGE,
        param="pct",
        default=50,
        widget=st.select_slider,
        disabled=not use_target,
        format_func=lambda p: f"{p}th percentile",
    )

if not chosen or not occ_codes:
    layout.empty_state("Pick at least one metro and one occupation to see market bands.")
    st.stop()
with layout.friendly_errors():
    table = cached.labelled_bands(tuple(chosen), tuple(occ_codes), target if use_target else None)
if table.empty:
    layout.empty_state("BLS publishes no wages for these occupations in the chosen metros.")
    st.stop()

st.subheader("Market bands per metro")
layout.chart(charts.band_ranges(table, target=table.get("target_pay")), key="pay_bands_ranges")
layout.source_caption(
    layout.OEWS,
    n=int(table["tot_emp"].sum()),
    note="n = jobs · line 10th–90th, bar 25th–75th, dot median · "
    "a dotted end is top-coded (≥ $239,200)",
)
pct_cols = {
    c: usd(n, format="localized")
    for c, n in zip(
        bands.PCT_COLUMNS,
        ("10th ($)", "25th ($)", "Median ($)", "75th ($)", "90th ($)"),
        strict=True,
    )
}
show = [
    "metro",
    "state",
    "occ_code",
    "occ_title",
    "tot_emp",
    "loc_quotient",
    "price_level",
    *bands.PCT_COLUMNS,
    *(["target_pay"] if use_target else []),
]
st.dataframe(
    table[show].round({"target_pay": 0} if use_target else {}),
    hide_index=True,
    column_config={
        "metro": "Metro",
        "state": "State",
        "occ_code": "SOC",
        "occ_title": "Occupation",
        "tot_emp": usd("Employment", format="localized"),
        "loc_quotient": usd("Location quotient", format="%.2f"),
        "price_level": usd("Price level (US = 100)", format="%.1f"),
        "target_pay": usd(f"Pay at {target}th ($)", format="localized"),
        **pct_cols,
    },
)
layout.download(table[show], "pay_bands.csv", key="pay_bands_csv")

st.subheader("Regional band (employment-weighted, approximate)")
regional = bands.regional_band(table)
st.dataframe(
    regional.round({c: 0 for c in bands.PCT_COLUMNS}),
    hide_index=True,
    column_config={
        "occ_code": "SOC",
        "occ_title": "Occupation",
        "metros": "Metros",
        "tot_emp": usd("Employment", format="localized"),
        "excluded_topcoded": "Metros with a top-coded percentile",
        **pct_cols,
    },
)
layout.source_caption(
    layout.OEWS,
    n=int(regional["tot_emp"].sum()),
    note="an approximation: the employment-weighted average of each metro's percentiles, "
    "not the pooled percentile (BLS does not publish one)",
)
layout.download(regional, "regional_band.csv", key="pay_bands_regional_csv")

st.subheader("Where the talent is")
points = cached.talent_pools(tuple(pool["cbsa"]), occ_codes[0])
layout.chart(charts.talent_map(points), key="pay_bands_map")
layout.source_caption(
    layout.OEWS,
    n=int(points["tot_emp"].sum()),
    note=f"{titles[occ_codes[0]]} in {len(points)} metros of the region · "
    "bubble = jobs, colour = location quotient (1 = the US share)",
)

st.subheader("Check your own bands")
st.caption(
    "A CSV (UTF-8, up to 1 MB) with columns role, metro, min, mid, max — role an SOC code "
    "such as 15-2051 (else the first occupation above), metro a CBSA code or a name like San Jose."
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
            gaps,
            hide_index=True,
            column_config={
                "mid_gap_pct": usd("Gap (%)", format="%+.1f%%"),
                "mid_gap_usd": usd("Gap ($)", format="localized"),
                "mid_percentile": usd("Mid's BLS percentile", format="%.0f"),
            },
        )
        layout.download(gaps, "bands_vs_market.csv", key="pay_bands_gaps_csv")

st.subheader("Share this view")
st.code(f"/{PAGE}?{urlencode(st.query_params.to_dict())}", language=None)
