"""Career levels: how much does pay grow from entry to senior and beyond?"""

import streamlit as st

from analysis import levels, taxonomy
from ui import cached, layout, state
from ui.charts import levels as charts
from ui.data import require

PAGE = "levels"
COUNTRIES = {"US": "United States", "GB": "United Kingdom", "CA": "Canada", "DE": "Germany"}
COUNTRIES["ALL"] = "All countries"
OCCUPATIONS = {
    "15-2051": "Data Scientists",
    "15-1221": "Computer and Information Research Scientists",
    "15-1252": "Software Developers",
    "11-3021": "Computer and Information Systems Managers",
}


@st.cache_data(max_entries=32, show_spinner="Computing level medians…")
def progression(tracks: tuple[str, ...], country: str, drop_dup: bool):
    salaries = require("salaries")
    return levels.progression(
        salaries, list(tracks), None if country == "ALL" else country, drop_duplicates=drop_dup
    )


@st.cache_data(max_entries=8, show_spinner="Fitting the experience curve…")
def experience(ai_ml_only: bool, us_only: bool):
    return levels.experience_curve(require("survey"), ai_ml_only=ai_ml_only, us_only=us_only)


st.title("Career levels")
st.write("How much more do AI and data roles pay at each step from entry level to executive?")

c1, c2, c3 = st.columns([3, 2, 2])
with c1:
    tracks = state.choices(
        "Tracks",
        taxonomy.TRACKS,
        page=PAGE,
        param="tracks",
        default=["ML engineer", "Data scientist"],
        max_selections=4,
    )
with c2:
    country = state.choice(
        "Company country",
        list(COUNTRIES),
        page=PAGE,
        param="country",
        default="US",
        format_func=COUNTRIES.get,
    )
with c3:
    drop_dup = state.toggle(
        "Drop exact duplicates",
        page=PAGE,
        param="dedup",
        default=False,
        help="Many records repeat another exactly (separate job postings); kept by default.",
    )

if not tracks:
    layout.empty_state("Choose at least one track to compare levels.")
    st.stop()
with layout.friendly_errors():
    curve = progression(tuple(tracks), country, drop_dup)

first = curve.loc[curve["track"] == tracks[0]].set_index("level")
cols = st.columns(4)
for col, level in zip(cols, levels.LEVELS, strict=True):
    row = first.loc[level]
    shown = row["status"] != "hidden"
    step = row["step_up"]
    col.metric(
        f"{level} median · {tracks[0]}",
        layout.money(row["median"]) if shown else "—",
        delta=None if not shown or step != step else f"×{step:.2f} vs previous level",
        delta_color="off",
        help=f"n = {row['n']:,} ({row['status']})",
    )

layout.chart(charts.progression(curve), key="levels_curve")
dup_share = cached.duplicate_share()
dup_note = (
    "exact duplicates dropped"
    if drop_dup
    else f"duplicate postings kept ({dup_share:.0%} of all records)"
)
layout.source_caption(
    layout.AIJOBS,
    n=int(curve["n"].sum()),
    note=f"full-time, work years 2023–2025, {COUNTRIES[country]} · medians with middle half "
    f"(band) and 95% interval (whiskers) · hollow = under 30 records · {dup_note}",
)
st.info(
    "Most 2024–2025 records are US job-listing salaries: the index changed what it collects "
    f"in 2024, and {dup_share:.0%} of its records repeat another exactly (separate postings). "
    "Use the toggle to drop them.",
    icon=":material/info:",
)
MONEY = {
    "p25": "25th pct ($)",
    "median": "Median ($)",
    "p75": "75th pct ($)",
    "ci_low": "Median 95% low ($)",
    "ci_high": "Median 95% high ($)",
}
STEPS = {"step_up": "Step-up ×", "step_low": "Step-up 95% low", "step_high": "Step-up 95% high"}
st.dataframe(
    curve.round({c: 0 for c in MONEY}),
    hide_index=True,
    column_config={
        c: st.column_config.NumberColumn(t, format="localized") for c, t in MONEY.items()
    }
    | {c: st.column_config.NumberColumn(t, format="%.2f") for c, t in STEPS.items()},
)
layout.download(curve, "levels_progression.csv", key="levels_dl_curve")

st.subheader("Pay by years of experience")
ai_only = state.toggle("AI/ML roles only", page=PAGE, param="aiml", default=True)
with layout.friendly_errors():
    bins, fit = experience(ai_only, country == "US")
layout.chart(charts.experience(bins, fit), key="levels_experience")
layout.source_caption(
    layout.SO_SURVEY,
    n=int(bins["n"].sum()),
    note="2024 counts professional years, 2025 total coding years: never pooled · dots: "
    "binned medians with 95% intervals · line: LOWESS of log pay with bootstrap band · "
    "non-random subsets, compare shapes not levels",
)
layout.download(bins, "levels_experience.csv", key="levels_dl_experience")

st.subheader("The market's spread")
occ = state.choice(
    "Occupation (BLS)",
    list(OCCUPATIONS),
    page=PAGE,
    param="occ",
    default="15-2051",
    format_func=OCCUPATIONS.get,
)
with layout.friendly_errors():
    ladder = cached.market_spread(occ)
layout.chart(charts.spread(ladder), key="levels_spread")
layout.source_caption(
    layout.OEWS,
    note=f"{OCCUPATIONS[occ]}, all US employers, annual wages "
    f"· {ladder['tot_emp'].iloc[0]:,.0f} jobs · ≥ $239,200 = top-coded",
)
layout.download(ladder, "levels_market_spread.csv", key="levels_dl_spread")
