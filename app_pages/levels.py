"""Career levels: how much does pay grow from entry to senior and beyond?"""

import streamlit as st

from analysis import company_size, filters, levels, stats, taxonomy
from ui import cache, columns, inputs, layout, state
from ui.charts import levels as charts
from ui.headlines import company_size_note
from ui.text import duplicate_note, money, top_code_note

COUNTRIES = {"US": "United States", "GB": "United Kingdom", "CA": "Canada", "DE": "Germany"}
COUNTRIES["ALL"] = "All countries"
OCCUPATIONS = ("15-2051", "15-1221", "15-1252", "11-3021")
RECENT = f"{min(filters.RECENT_YEARS)}–{max(filters.RECENT_YEARS)}"


st.title("Career levels")
st.write("How much more do AI and data roles pay at each step from entry level to executive?")

data = cache.tables()
cache.require(data, "salaries", "survey", "wages")
facts = data.facts
c1, c2, c3, c4 = st.columns([3, 2, 2, 2])
with c1:
    tracks = state.choices(
        "Tracks",
        taxonomy.TRACKS,
        key="tracks",
        default=["ML engineer", "Data scientist"],
        max_selections=4,
    )
with c2:
    country = state.choice(
        "Company country", list(COUNTRIES), key="country", default="US", format_func=COUNTRIES.get
    )
with c3:
    real = inputs.constant_dollars(data, default="nominal")
with c4:
    keep_dups = inputs.keep_duplicates()
dollars = f"in {inputs.cpi_year(data)} dollars (BLS CPI-U)" if real else "as recorded"

if not tracks:
    layout.empty_state("Choose at least one track to compare levels.")
    st.stop()
with layout.friendly_errors():
    curve = cache.run(
        levels.progression,
        data,
        tracks,
        None if country == "ALL" else country,
        drop_duplicates=not keep_dups,
        real=real,
    )

for track in tracks:
    rows = curve.loc[curve["track"] == track].set_index("level")
    for col, level in zip(st.columns(4), levels.LEVELS, strict=True):
        row = rows.loc[level]
        shown = row["status"] != "hidden"
        step = row["step_up"]
        col.metric(
            f"{track} · {level} median",
            money(row["median"]) if shown else "—",
            delta=None if not shown or step != step else f"×{step:.2f} vs previous level",
            delta_color="off",
            help=f"n = {row['n']:,} ({row['status']})" if shown else f"n = {row['n']:,}: under 10",
        )

layout.chart(charts.progression_chart, curve, key="levels_curve")
dup_note = duplicate_note(not keep_dups)
layout.source_caption(
    facts.caption("aijobs", *(["cpi"] if real else [])),
    n=int(curve["n"].sum()),
    note=f"full-time, work years {RECENT}, companies in {COUNTRIES[country]} · pay {dollars} "
    "· medians with "
    "95% intervals (whiskers), dotted lines: 25th and 75th percentiles · hollow = under 30 "
    f"records · {dup_note}",
)
st.info(
    "Most 2024–2025 records are US job-listing salaries: the index changed what it collects "
    f"in 2024, and {cache.run(filters.duplicate_share, data):.0%} of its records repeat another "
    "exactly (re-posted listings). Those are dropped unless you keep them with the toggle.",
    icon=":material/info:",
)
table = curve.assign(
    median_ci=[
        "—" if r.status == "hidden" else f"{money(r.ci_low)}–{money(r.ci_high)}"
        for r in curve.itertuples()
    ],
    step_ci=stats.ratio_intervals(curve["step_up"], curve["step_low"], curve["step_high"]),
)
st.dataframe(
    table[["track", "level", "n", "median", "median_ci", "p25", "p75", "step_up", "step_ci"]],
    hide_index=True,
    placeholder="—",
    column_config=columns.progression_columns(),
)
layout.download(curve, "levels_progression.csv", key="levels_dl_curve")
st.page_link(
    "app_pages/career_paths.py",
    label="Beyond engineering: what managers, architects, researchers and consultants earn, "
    "and whether certifications pay",
    icon=":material/route:",
)

st.subheader("Startup or large company? Only where a size was recorded")
where = None if country == "ALL" else country
with layout.friendly_errors():
    recording = cache.run(
        company_size.size_recording, data, tracks, where, drop_duplicates=not keep_dups
    )
    sizes = cache.run(
        company_size.pay_by_company_size,
        data,
        tracks,
        where,
        drop_duplicates=not keep_dups,
        real=real,
    )
st.info(company_size_note(recording, sizes, filters.RECENT_YEARS), icon=":material/info:")
layout.chart(charts.company_size_chart, sizes, key="levels_company_size")
absent = sizes.loc[sizes["status"] == "hidden"]
layout.source_caption(
    facts.caption("aijobs", *(["cpi"] if real else [])),
    n=int(sizes["n"].sum()),
    note=f"{', '.join(tracks)}, full-time, work years {RECENT}, companies in "
    f"{COUNTRIES[country]} · pay {dollars}: the index's total gross salary, no equity · "
    "records marked small (under 50 employees) or large (over 250) only; “M” (50–250) is "
    "left out as mostly a default · medians with 95% intervals, compared within each level · "
    "hollow = under 30 records · "
    + (
        "not shown (under 10 records): "
        + ", ".join(f"{r.size_label} {r.level} ({r.n})" for r in absent.itertuples())
        if len(absent)
        else "every size shown"
    )
    + f" · {dup_note}",
)
st.dataframe(
    sizes.assign(
        ratio_ci=stats.ratio_intervals(sizes["ratio"], sizes["ratio_low"], sizes["ratio_high"])
    )[["level", "size_label", "n", "median", "p25", "p75", "ratio", "ratio_ci", "status"]],
    hide_index=True,
    placeholder="—",
    column_config=columns.company_size_columns(),
)
layout.download(sizes, "levels_company_size.csv", key="levels_dl_company_size")


@st.fragment
def experience(us_only: bool) -> None:
    """Pay by years of experience (its toggle redraws this section alone)."""
    st.subheader("Pay by years of experience")
    ai_only = state.toggle("AI/ML roles only", key="aiml", default=True)
    with layout.friendly_errors():
        bins, fit = cache.run(levels.stored_experience_curve, data, ai_only, us_only)
    layout.chart(charts.experience_chart, bins, fit, key="levels_experience")
    per_year = bins.groupby("year")["n"].sum()
    layout.source_caption(
        facts.caption("so_survey"),
        n=int(per_year.sum()),
        note=" and ".join(
            f"{n:,} in {y}" + (" (under 100: read that curve as rough)" if n < 100 else "")
            for y, n in per_year.items()
        )
        + f" · {'US respondents only' if us_only else 'respondents in all countries'}"
        + f" · {'AI/ML roles' if ai_only else 'all roles'} · 2024 counts professional years, "
        "2025 total coding years: never pooled · dots: binned medians with 95% intervals · line: "
        "LOWESS of log pay with bootstrap band, drawn only as far as the shown bins · non-random "
        "subsets, compare shapes not levels",
    )
    layout.download(bins, "levels_experience.csv", key="levels_dl_experience")


@st.fragment
def spread() -> None:
    """The market's spread for one occupation (its picker redraws this section alone)."""
    st.subheader("The market's spread")
    spread_occ = inputs.occupation(data, "Occupation (BLS)", codes=OCCUPATIONS)
    with layout.friendly_errors():
        ladder = cache.run(levels.market_spread, data, spread_occ)
    layout.chart(charts.spread_chart, ladder, top_code=facts.top_code, key="levels_spread")
    n_coded = int(ladder["note"].fillna("").eq("top-coded").sum())
    layout.source_caption(
        facts.caption("oews"),
        note=f"{ladder['occ_title'].iloc[0]}, all US employers, annual wages · "
        f"{ladder['tot_emp'].iloc[0]:,.0f} jobs · {top_code_note(n_coded, facts.top_code)}",
    )
    layout.download(ladder, "levels_market_spread.csv", key="levels_dl_spread")


experience(us_only=country == "US")
spread()
