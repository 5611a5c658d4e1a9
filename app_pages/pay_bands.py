"""Pay bands by region: the region's band per career level first, then the bands of each metro
you hire in, their structure, zones against an anchor metro with posting-ready ranges, the
market and talent behind them, and a check of your own band table."""

import datetime as dt

import streamlit as st

from analysis import (
    band_check,
    band_structure,
    bands,
    level_bands,
    metros,
    pay_laws,
    pooled,
    taxonomy,
    zones,
)
from analysis.filters import LEVELS
from ui import band_text, cache, columns, inputs, layout, state
from ui.charts import bands as charts
from ui.text import plain, top_code_note

ALL = "All regions"
PCT_NAMES = ("10th", "25th", "median", "75th", "90th")
PAGE_ROWS = 25
LINK = ("region", "states", "metros", "occ", "track", "pct", "spread", "level", "asof", "rate",
        "anchor")  # fmt: skip
RANGES = band_structure.COMMON_RANGES


st.title("Pay bands by region")
answer = st.container()  # filled once the bands are computed: the answer comes first

data = cache.tables()
cache.require(data, "wages", "metros", "price_parities", "salaries")
facts = data.facts
measured = facts.captions["oews"].split(", ")[-1]
titles = inputs.occupation_titles(data)
labels = cache.run(metros.metro_labels, data)
reference = cache.run(level_bands.reference_date, data)

with layout.filters("region, metros, occupation, track, percentile, spread, level or date"):
    c1, c2, c3 = st.columns([1, 2, 3])
    with c1:
        region = state.choice(
            "Census region", [ALL, *cache.run(bands.regions, data)], key="region", default=ALL
        )
    in_region = None if region == ALL else region
    with c2:
        states = state.choices(
            "States", cache.run(bands.region_states, data, in_region), key="states", default=[],
            placeholder="All states",
        )  # fmt: skip
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
            "Salary-index track", [t for t in taxonomy.TRACKS if t != "Other"], key="track",
            default="Data scientist",
            help="Whose levels position the bands: the salary-index records of this track.",
        )  # fmt: skip
    with c3:
        target = state.choice(
            "Pay at the", list(range(10, 91, 5)), key="pct", default=50, widget=st.select_slider,
            format_func=lambda p: f"{p}th percentile",
        )  # fmt: skip
    with c4:
        spread = state.number(
            "Range ± % of midpoint", key="spread", default=20.0, min_value=0.0, max_value=60.0,
            step=5.0, help="Also shown as range spread, max / min − 1: ±20% is a 50% spread.",
        )  # fmt: skip
    c1, c2, c3 = st.columns([3, 2, 2])
    with c1:
        level = state.choice(
            "Level", [band_text.ALL_LEVELS, *LEVELS], key="level", default=band_text.ALL_LEVELS,
            widget=st.segmented_control,
        )  # fmt: skip
    with c2:
        effective = state.date(
            "Bands take effect on (YYYY-MM-DD)", key="asof", default=reference,
            min_value=reference - dt.timedelta(days=3650),
            max_value=reference + dt.timedelta(days=3650),
            help=f"BLS wages describe {measured}; a later date ages them at the rate beside. "
            "Applies on Enter or Tab.",
        )  # fmt: skip
    with c3:
        rate = state.number(
            "Annual pay growth to that date (%)", key="rate", default=0.0, min_value=-20.0,
            max_value=30.0, step=0.5, help=band_text.ageing_note(0.0, measured),
        )  # fmt: skip

if not chosen:
    layout.empty_state("Pick at least one metro to see bands.")
    st.stop()
with layout.friendly_errors():
    placed = cache.run(level_bands.placements, data, occ, track, target)
    table = cache.run(
        level_bands.level_bands, data, chosen, placed, spread / 100, effective=effective,
        rate=rate / 100,
    )  # fmt: skip
try:
    region_ladder = cache.run(pooled.regional_ladder, data, chosen, occ)
except ValueError:  # no chosen metro publishes wages to pool: each row says so
    region_ladder = None
table = band_text.with_band_text(table)
shown = table if level == band_text.ALL_LEVELS else table[table["level"] == level]
with answer:
    layout.answer(
        band_text.region_answer(
            table,
            level,
            titles[occ],
            target,
            track=track,
            picked=len(chosen),
            region=region,
            ladder=region_ladder,
        )
    )
as_of = f"as of {effective.isoformat()} ({band_text.ageing_note(rate, measured)})"

st.subheader(f"Bands by level: {titles[occ]}")
layout.takeaway(band_text.levels_takeaway(shown))
layout.chart(charts.level_bands_chart, shown, key="pay_bands_levels")
hidden = table.loc[table["status"] == "hidden", "level"].unique().tolist()
thin = table.loc[table["status"] == "low confidence", "level"].unique().tolist()
layout.source_caption(
    facts.caption("oews", "aijobs"),
    n=int(table.drop_duplicates("level")["n"].sum()),
    note=f"{track} records placing the levels · midpoint: the level's {target}th percentile, "
    f"read off each metro's BLS wages · range ±{spread:g}% · as of {effective.isoformat()}"
    + (f" · under 10 records, no band: {', '.join(hidden)}" if hidden else "")
    + (f" · under 30 records, rough: {', '.join(thin)}" if thin else ""),
)
# "Band" says minimum–maximum and the caption the date; notes are listed under the table
# (a grid cuts long text): the CSV keeps every column.
st.dataframe(
    shown, hide_index=True, placeholder="—",
    column_order=[
        c for c in columns.level_bands_columns() if c not in ("minimum", "maximum", "note", "as_of")
    ],
    column_config=columns.level_bands_columns(),
)  # fmt: skip
layout.row_notes(shown, "note", "level", "area", label="Why a band has no figure, or a ±")
st.caption(
    f"Bands {as_of} · placed among all US {titles[occ]} (BLS) and read off each metro's and "
    f"the region's pooled distribution · a region midpoint known within ±{pooled.TOLERANCE:.1%} "
    "is shown with its ± · every band without a figure says why"
)
layout.download(table, f"pay_bands_by_level_{effective.isoformat()}.csv", key="pay_bands_csv")
if region_ladder and region_ladder.left_out:
    st.info(
        "Left out of the region: "
        + "; ".join(f"{plain(m)} ({why})" for m, why in region_ladder.left_out.items()),
        icon=":material/info:",
    )

st.subheader("Band structure")
structure = band_structure.band_structure(shown)
st.dataframe(
    structure, hide_index=True, placeholder="",  # blank: no level below to compare with
    column_order=[c for c in columns.band_structure_columns() if c != "pm"],  # = the spread
    column_config=columns.band_structure_columns(),
)  # fmt: skip
st.caption(
    "Range spread = max / min − 1 (±20% of the midpoint is a 50% spread); midpoint step = a "
    "level's midpoint / the level below's − 1; overlap = (max of the level below − min) / "
    "(max − min of the level below). Flagged outside the ranges compensation practice "
    f"commonly quotes — spread {RANGES['width'][0]:.0%}–{RANGES['width'][1]:.0%}, step "
    f"{RANGES['progression'][0]:.0%}–{RANGES['progression'][1]:.0%}, overlap "
    f"{RANGES['overlap'][0]:.0%}–{RANGES['overlap'][1]:.0%}: a practitioners' rule of thumb "
    "for a company's grades, not a standard or a law. The salary index's levels are broader "
    "than grades, so the market's steps between them run wider."
)

st.subheader("Zones and posting ranges")
anchors = [c for c in chosen if table.loc[table["cbsa"] == c, "mid"].notna().any()] or chosen
anchor = state.choice(
    "Anchor metro (100%)", anchors, key="anchor", default=anchors[0], format_func=labels.get,
    help="Each metro's band as a factor of this one's: the geo tiers a team can adopt.",
)  # fmt: skip
zoned = cache.run(zones.geo_zones, data, table, anchor, effective)
zoned = zoned if level == band_text.ALL_LEVELS else zoned[zoned["level"] == level]
st.dataframe(  # why a range is missing and the statutes are listed under it
    zoned, hide_index=True, placeholder="—",
    column_order=[c for c in columns.zones_columns() if c not in ("note", "laws")],
    column_config=columns.zones_columns(),
)  # fmt: skip
layout.row_notes(zoned, "note", "level", "area", label="Why a posting range is missing")
layout.row_notes(zoned, "laws", "area", label="Posting-law statutes")
st.caption(
    f"Factor: the median over levels of a metro's midpoint / {plain(labels[anchor])}'s; tier: "
    f"the factor to the nearest {zones.TIER_STEP:.0%}; posting range: the anchor's band × the "
    f"tier, rounded outward to ${zones.ROUND_TO:,}. Posting laws: the state and city laws "
    f"that require a pay range in job postings, in effect by {pay_laws.AS_OF.isoformat()} "
    "(statutes named; not legal advice; later laws and most local ordinances not listed)."
)
layout.download(zoned, f"pay_zones_{effective.isoformat()}.csv", key="pay_bands_zones_csv")

st.subheader("The market by metro, all levels")
market = cache.run(bands.labelled_bands, data, chosen, [occ], target=target)
layout.takeaway(band_text.market_takeaway(market, target))
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
if region_ladder:
    st.markdown(
        "**The region's pooled distribution** ("
        + band_text.pooled_line(region_ladder, PCT_NAMES)
        + f"; {len(region_ladder.metros)} metros, {region_ladder.employment:,.0f} jobs): each "
        "metro's published percentiles, log-linear between them, mixed by its jobs. Where a "
        "metro's unpublished tail decides a percentile, its bounds are given."
    )
layout.download(market, "pay_bands_market.csv", key="pay_bands_market_csv")

st.subheader("Where the talent is")
points = cache.run(bands.talent_pools, data, list(pool["cbsa"]), occ)
layout.takeaway(band_text.talent_takeaway(points))
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
    "semicolon or tab separated; UTF-8 or UTF-16; up to 1 MB, 5,000 rows). **role**: an SOC "
    f"code (15-2051 or 15-2051.00), a job title such as “Senior ML Engineer”, or blank for "
    f"{plain(titles[occ])}; **metro**: a CBSA code or a name like “San Jose” or “Portland, "
    "OR” (a name with a comma in quotes); **level**: Entry, Mid, Senior or Executive (or "
    "words like junior, II, staff); amounts in dollars a year (190,000 or 190.000). Each band "
    "is checked at the target, spread and date above."
)
st.download_button(
    "Download a template CSV", cache.run(bands.upload_template, market),
    file_name="pay_bands_template.csv", mime="text/csv", key="pay_bands_template",
    icon=":material/download:", on_click="ignore",
)  # fmt: skip
upload = st.file_uploader("Your pay bands (CSV)", type=["csv", "txt"], key="pay_bands_upload")
if upload is not None:
    try:
        mine = cache.run(band_check.read_bands, data, upload.getvalue(), occ)
    except band_check.UploadError as err:
        st.warning(plain(err), icon=":material/warning:")
    else:
        checked = cache.run(
            band_check.check_bands, data, mine, target=target, spread=spread / 100,
            track=track, effective=effective, rate=rate / 100,
        )  # fmt: skip
        st.info(band_check.summary(mine, checked), icon=":material/fact_check:")
        if mine.notes:
            st.caption("Read as: " + ", ".join(mine.notes))
        for frame, what in ((mine.problems, "problems"), (mine.remarks, "notes")):
            if len(frame):
                st.dataframe(  # the file's text, escaped for the grid's own CSV too
                    layout.formula_safe(frame, *frame.columns), hide_index=True,
                    key=f"pay_bands_{what}",
                    column_config=columns.upload_problem_columns(),
                )  # fmt: skip
        if len(checked):
            pages = -(-len(checked) // PAGE_ROWS)
            page = 1
            if pages > 1:
                page = st.number_input(
                    f"Rows shown in the chart: page (of {pages}, {PAGE_ROWS} rows each)",
                    min_value=1, max_value=pages, value=1, key="pay_bands_check_page",
                )  # fmt: skip
            part = checked.iloc[(page - 1) * PAGE_ROWS : page * PAGE_ROWS]
            layout.chart(charts.upload_check_chart, part, key="pay_bands_check")
            layout.source_caption(
                facts.caption("oews", "aijobs"),
                n=len(checked),
                note=f"market band: the row's level at the {target}th percentile ± {spread:g}%,"
                f" {as_of}; rows without a level: the occupation's BLS {target}th percentile",
            )
            st.dataframe(
                layout.formula_safe(checked, "role"), hide_index=True, placeholder="—",
                column_order=list(columns.upload_check_columns()),
                column_config=columns.upload_check_columns(),
            )  # fmt: skip
            layout.download(
                checked, f"bands_vs_market_{effective.isoformat()}.csv", key="pay_bands_check_csv"
            )

st.subheader("Share this view")
state.share(
    state.share_query(LINK),
    "The link holds every choice above; opening it shows the same bands.",
)
