"""Career levels: how much does pay grow from entry to senior and beyond?"""

import streamlit as st

from analysis import company_size, filters, levels, stats, taxonomy
from ui import cache, columns, inputs, layout, state
from ui.career_text import (
    company_size_note,
    experience_takeaway,
    level_growth_answer,
    size_takeaway,
    spread_takeaway,
)
from ui.charts import levels as charts
from ui.text import duplicate_note, money, top_code_note

COUNTRIES = {"US": "United States", "GB": "United Kingdom", "CA": "Canada", "DE": "Germany"}
COUNTRIES["ALL"] = "All countries"
IN = {"US": "the United States", "GB": "the United Kingdom", "CA": "Canada", "DE": "Germany"}
OCCUPATIONS = ("15-2051", "15-1221", "15-1252", "11-3021")
RECENT = f"{min(filters.RECENT_YEARS)}–{max(filters.RECENT_YEARS)}"


st.title("Career levels")
slot = st.container()  # the answer, once the filters below are read

data = cache.tables()
cache.require(data, "salaries", "survey", "wages")
facts = data.facts
with layout.filters("tracks, country, dollars or duplicates"):
    tracks = state.choices(
        "Tracks",
        taxonomy.TRACKS,
        key="tracks",
        default=["ML engineer", "Data scientist"],
        max_selections=4,
    )
    country = state.choice(
        "Company country", list(COUNTRIES), key="country", default="US", format_func=COUNTRIES.get
    )
    real = inputs.constant_dollars(data, default="nominal")
    keep_dups = inputs.keep_duplicates()
dollars = f"in {inputs.cpi_year(data)} dollars (BLS CPI-U)" if real else "as recorded"
where = None if country == "ALL" else country
place = "companies in all countries" if where is None else f"companies in {IN[country]}"

if not tracks:
    with slot:
        layout.empty_state("Choose at least one track to compare levels.")
    st.stop()
with layout.friendly_errors():
    curve = cache.run(
        levels.progression, data, tracks, where, drop_duplicates=not keep_dups, real=real
    )
shown = curve.set_index(["track", "level"])["status"] != "hidden"
steps = {
    track: cache.run(
        levels.step_up, data, track, "Entry", "Senior", where, drop_duplicates=not keep_dups,
        real=real,
    )
    if shown[(track, "Entry")] and shown[(track, "Senior")]
    else None
    for track in tracks
}  # fmt: skip
with slot:
    layout.answer(level_growth_answer(curve, steps, f"{place}, {RECENT}"))

layout.chart(charts.progression_chart, curve, key="levels_curve")
dup_note = duplicate_note(not keep_dups)
dup_share = cache.run(filters.duplicate_share, data)
layout.source_caption(
    facts.caption("aijobs", *(["cpi"] if real else [])),
    n=int(curve["n"].sum()),
    note=f"full-time, {RECENT}, pay {dollars} · medians, 95% intervals, dotted: middle half "
    f"· hollow = under 30 · {dup_note} ({dup_share:.0%} repeat another: re-posted listings)",
)
table = curve.assign(
    median_ci=[
        "—" if r.status == "hidden" else f"{money(r.ci_low)}–{money(r.ci_high)}"
        for r in curve.itertuples()
    ],
    step_ci=stats.ratio_intervals(curve["step_up"], curve["step_low"], curve["step_high"]),
)
shown_columns = ["track", "level", "n", "median", "median_ci", "p25", "p75", "step_up", "step_ci"]
st.dataframe(
    layout.whole_dollars(table[shown_columns], columns.progression_columns()),
    hide_index=True,
    placeholder="—",
    column_config=columns.progression_columns(),
)
layout.download(curve, "levels_progression.csv", key="levels_dl_curve")
st.page_link(
    "app_pages/career_paths.py",
    label="Beyond engineering, and certifications",
    icon=":material/route:",
)

st.subheader("Startup or large company?")
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
visible = sizes.loc[sizes["status"] != "hidden"]
both = visible.groupby("level")["size"].nunique()
compared = sizes.loc[sizes["level"].isin(both[both > 1].index)]
size_rows = sizes.assign(
    ratio_ci=stats.ratio_intervals(sizes["ratio"], sizes["ratio_low"], sizes["ratio_high"])
)[["level", "size_label", "n", "median", "p25", "p75", "ratio", "ratio_ci", "status"]]
size_note = (
    f"{place}, full-time, {RECENT}, pay {dollars}, no equity · small = under 50 employees, "
    f"large = over 250 · medians, 95% intervals · {dup_note}"
)
if compared.empty:
    # No chart that cannot answer its question: the note above says why; the counts stay.
    with st.expander("Records by company size"):
        layout.source_caption(facts.caption("aijobs"), n=int(sizes["n"].sum()), note=size_note)
        st.dataframe(
            size_rows,
            hide_index=True,
            placeholder="—",
            column_config=columns.company_size_columns(),
        )
else:
    layout.takeaway(size_takeaway(compared))
    layout.chart(charts.company_size_chart, compared, key="levels_company_size")
    layout.source_caption(
        facts.caption("aijobs", *(["cpi"] if real else [])),
        n=int(compared["n"].sum()),
        note=size_note + " · levels with both sizes only (10+ records each)",
    )
    st.dataframe(
        size_rows,
        hide_index=True,
        placeholder="—",
        column_config=columns.company_size_columns(),
    )
layout.download(sizes, "levels_company_size.csv", key="levels_dl_company_size")


@st.fragment
def experience(us_only: bool) -> None:
    """Pay by years of experience: its own toggle, kept in the section, redraws it alone."""
    st.subheader("Pay by years of experience")
    ai_only = state.toggle("AI/ML roles only", key="aiml", default=True)
    with layout.friendly_errors():
        bins, fit = cache.run(levels.stored_experience_curve, data, ai_only, us_only)
    layout.takeaway(experience_takeaway(bins))
    layout.chart(charts.experience_chart, bins, fit, key="levels_experience")
    per_year = bins.groupby("year")["n"].sum()
    layout.source_caption(
        facts.caption("so_survey"),
        n=int(per_year.sum()),
        note=" and ".join(f"{n:,} in {y}" for y, n in per_year.items())
        + f" · {'US respondents only' if us_only else 'respondents in all countries'}"
        + f" · {'AI/ML roles' if ai_only else 'all roles'} · years measured differently each "
        "year, never pooled · dots: medians, 95% intervals; line: smooth fit",
    )
    layout.download(bins, "levels_experience.csv", key="levels_dl_experience")


@st.fragment
def spread() -> None:
    """The market's spread: its own occupation picker, kept in the section, redraws it alone."""
    st.subheader("The market's spread")
    spread_occ = inputs.occupation(data, "Occupation (BLS)", codes=OCCUPATIONS)
    with layout.friendly_errors():
        ladder = cache.run(levels.market_spread, data, spread_occ)
    layout.takeaway(spread_takeaway(ladder, facts.top_code))
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
