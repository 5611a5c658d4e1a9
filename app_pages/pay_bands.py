"""Pay bands by region: bands per career level for the metros you hire in and their region, as
of the date they take effect, and a check of your own band table."""

import datetime as dt
from urllib.parse import urlencode

import streamlit as st

from analysis import band_check, bands, level_bands, metros, taxonomy
from ui import cache, columns, inputs, layout, state
from ui.charts import bands as charts
from ui.text import money, plain, top_code_note

ALL = "All regions"
PCT_NAMES = ("10th", "25th", "Median", "75th", "90th")


st.title("Pay bands by region")
st.write(
    "Bands per career level for the metros you hire in and for the region they make, at the "
    "percentile you pay to, as of the date they take effect — and a check of your own."
)

data = cache.tables()
cache.require(data, "wages", "metros", "price_parities", "salaries")
facts = data.facts
titles = inputs.occupation_titles(data)
labels = cache.run(metros.metro_labels, data)
reference = cache.run(level_bands.reference_date, data)

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
        "Metros", options, key="metros", default=default, format_func=labels.get,
        placeholder="Add metros",
    )  # fmt: skip
c1, c2, c3, c4 = st.columns([3, 2, 2, 2])
with c1:
    occ = inputs.occupation(data)
with c2:
    track = state.choice(
        "Salary-index track",
        [t for t in taxonomy.TRACKS if t != "Other"],
        key="track",
        default="Data scientist",
        help="Whose levels position the bands: the salary-index records of this track.",
    )
with c3:
    target = state.choice(
        "Pay at the", list(range(10, 91, 5)), key="pct", default=50, widget=st.select_slider,
        format_func=lambda p: f"{p}th percentile",
    )  # fmt: skip
with c4:
    spread = state.number(
        "Range ± % of midpoint", key="spread", default=20.0, min_value=0.0, max_value=60.0,
        step=5.0,
    )  # fmt: skip
c1, c2 = st.columns(2)
with c1:
    effective = state.date(
        "Bands take effect on",
        key="asof",
        default=reference,
        min_value=reference - dt.timedelta(days=3650),
        max_value=reference + dt.timedelta(days=3650),
        help=f"BLS wages describe {facts.captions['oews'].split(', ')[-1]}; later dates age "
        "them at the rate you enter.",
    )
with c2:
    rate = state.number(
        "Annual pay growth to that date (%)", key="rate", default=0.0, min_value=-20.0,
        max_value=30.0, step=0.5,
        help="Your own assumption (0% = none): the data carries no forecast.",
    )  # fmt: skip

if not chosen:
    layout.empty_state("Pick at least one metro to see bands.")
    st.stop()
with layout.friendly_errors():
    table = cache.run(
        level_bands.level_bands, data, chosen, occ, track, target, spread / 100,
        effective=effective, rate=rate / 100,
    )  # fmt: skip
    region_ladder = cache.run(level_bands.regional_ladder, data, chosen, occ)
as_of = f"as of {effective.isoformat()}" + (
    f" (BLS {facts.captions['oews'].split(', ')[-1]} aged at {rate:g}% a year)" if rate else ""
)

st.subheader(f"Bands by level: {titles[occ]}, {as_of}")
layout.chart(charts.level_bands_chart, table, key="pay_bands_levels")
hidden = table.loc[table["status"] == "hidden", "level"].unique().tolist()
thin = table.loc[table["status"] == "low confidence", "level"].unique().tolist()
opened = table.loc[table["open"] == "above", "level"].unique().tolist()
layout.source_caption(
    facts.caption("oews", "aijobs"),
    n=int(table.drop_duplicates("level")["n"].sum()),
    note=f"n = {track} records placing the levels · midpoint: the level's {target}th "
    f"percentile among them, placed among all US {titles[occ]} (BLS) and read off each "
    f"metro's and the region's pooled distribution · range ±{spread:g}%"
    + (f" · too few records (under 10), no band: {', '.join(hidden)}" if hidden else "")
    + (f" · under 30 records, rough: {', '.join(thin)}" if thin else "")
    + (
        f" · open (past the 90th percentile BLS publishes; at least the metro's top "
        f"published wage): {', '.join(opened)}"
        if opened
        else ""
    ),
)
st.dataframe(
    table,
    hide_index=True,
    placeholder="—",
    column_order=list(columns.level_bands_columns()),
    column_config=columns.level_bands_columns(),
)
layout.download(table, f"pay_bands_by_level_{effective.isoformat()}.csv", key="pay_bands_csv")
if region_ladder.left_out:
    st.info(
        "Left out of the region: "
        + "; ".join(f"{plain(m)} ({why})" for m, why in region_ladder.left_out.items()),
        icon=":material/info:",
    )

st.subheader("The market by metro, all levels")
market = cache.run(bands.labelled_bands, data, chosen, [occ], target=target)
layout.chart(charts.band_ranges_chart, market, top_code=facts.top_code, key="pay_bands_ranges")
coded = int(market[[f"{c}_note" for c in bands.PCT_COLUMNS]].eq("top-coded").sum().sum())
missing = [labels[c] for c in chosen if c not in set(market["cbsa"])]
layout.source_caption(
    facts.caption("oews"),
    n=int(market["tot_emp"].sum()),
    note=f"{titles[occ]}, every level · n = jobs · line 10th–90th, bar 25th–75th, dot median, "
    f"diamond your {target}th · "
    + top_code_note(coded, facts.top_code, "a dotted open end")
    + (f" · no BLS wages published: {', '.join(missing)}" if missing else ""),
)
pooled = dict(zip(PCT_NAMES, region_ladder.wages, strict=True))
st.markdown(
    "**The region's pooled distribution** ("
    + ", ".join(f"{n} {money(w)}" for n, w in pooled.items())
    + f"; {len(region_ladder.metros)} metros, {region_ladder.employment:,.0f} jobs): each "
    "metro's published percentiles, log-linear between them, mixed by its jobs. A percentile "
    "that depends on a metro's unpublished tail shows —."
)
layout.download(market, "pay_bands_market.csv", key="pay_bands_market_csv")

st.subheader("Where the talent is")
points = cache.run(bands.talent_pools, data, list(pool["cbsa"]), occ)
layout.chart(charts.talent_map_chart, points, key="pay_bands_map")
layout.source_caption(
    facts.caption("oews"),
    n=int(points["tot_emp"].sum()),
    note=f"{titles[occ]} in {len(points)} metros of the region where BLS publishes jobs · "
    "bubble = jobs, colour = location quotient (1 = the US share)",
)

st.subheader("Check your own bands")
st.markdown(
    "A CSV with columns **role, metro, min, mid, max** and optionally **level** (comma, "
    "semicolon or tab separated; UTF-8 or UTF-16; up to 1 MB). **role**: an SOC code "
    f"(15-2051 or 15-2051.00), a job title such as “Senior ML Engineer”, or blank for "
    f"{plain(titles[occ])}; **metro**: a CBSA code or a name like “San Jose” (a name with a "
    "comma in quotes); **level**: Entry, Mid, Senior or Executive (or words like junior, II, "
    "staff); amounts in dollars a year. Each band is checked at the target, spread and date "
    "above."
)
st.download_button(
    "Download a template CSV", cache.run(bands.upload_template, market),
    file_name="pay_bands_template.csv", mime="text/csv", key="pay_bands_template",
    icon=":material/download:", on_click="ignore",
)  # fmt: skip
upload = st.file_uploader("Your pay bands (CSV)", type=["csv", "txt"], key="pay_bands_upload")
if upload is not None:
    try:
        mine = band_check.read_bands(data, upload.getvalue(), occ)
    except band_check.UploadError as err:
        st.warning(plain(err), icon=":material/warning:")
    else:
        if mine.notes:
            st.caption("Read as: " + ", ".join(mine.notes))
        if len(mine.problems):
            st.warning(
                f"{len(mine.problems)} problem(s); those rows are not compared:",
                icon=":material/warning:",
            )
            st.dataframe(mine.problems, hide_index=True, key="pay_bands_problems")
        if len(mine.rows):
            checked = band_check.check_bands(
                data, mine, target=target, spread=spread / 100, track=track,
                effective=effective, rate=rate / 100,
            )  # fmt: skip
            layout.chart(charts.upload_check_chart, checked, key="pay_bands_check")
            layout.source_caption(
                facts.caption("oews", "aijobs"),
                n=len(checked),
                note=f"market band: the row's level at the {target}th percentile ± {spread:g}%,"
                f" {as_of}; rows without a level: the occupation's BLS {target}th percentile",
            )
            st.dataframe(
                checked, hide_index=True, placeholder="—",
                column_order=list(columns.upload_check_columns()),
                column_config=columns.upload_check_columns(),
            )  # fmt: skip
            layout.download(
                checked, f"bands_vs_market_{effective.isoformat()}.csv", key="pay_bands_check_csv"
            )

st.subheader("Share this view")
values = {key: st.query_params.get_all(key) for key in st.query_params}
st.code(f"{st.context.url or ''}?{urlencode(values, doseq=True)}", language=None, wrap_lines=True)
