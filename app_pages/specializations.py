"""Specializations: what NLP, computer vision, generative AI or MLOps titles add to pay."""

from __future__ import annotations

import streamlit as st

from analysis import specialties, stats, taxonomy, tools
from ui import cache, inputs, layout, state
from ui.charts import specialties as charts
from ui.text import duplicate_note, money, premium_headline

PAGE = "specializations"
VIEWS = {
    "Raw and adjusted": specialties.METHODS,
    "Raw": specialties.METHODS[:1],
    "Adjusted": specialties.METHODS[1:],
}


st.title("Specializations")
st.write(
    "Do specialist titles (NLP, computer vision, generative AI, MLOps…) pay more than general "
    "ML engineering, once level, year, country, track, remote work and company size are held "
    "fixed?"
)
data = cache.tables()
cache.require(data, "salaries", "survey")
facts = data.facts
c1, c2, c3 = st.columns([2, 3, 2])  # columns stack on a phone; a horizontal row squeezes
with c1:
    baseline = state.choice(
        "Compare against", taxonomy.SPECIALIZATIONS, key="base", default="General"
    )
with c2:
    tracks = state.choices(
        "Career tracks", taxonomy.TRACKS, key="tracks", default=list(specialties.DEFAULT_TRACKS)
    )
with c3:
    view = state.choice(
        "Show", list(VIEWS), key="view", default="Raw and adjusted", widget=st.segmented_control
    )
keep = inputs.keep_duplicates()

chosen = {"baseline": baseline, "tracks": tracks, "drop_duplicates": not keep}
with layout.friendly_errors():
    raw = cache.run(specialties.raw_premiums, data, **chosen)
    adjusted = cache.run(specialties.adjusted_premiums, data, **chosen)
both = specialties.premium_comparison(raw, adjusted)
shown = specialties.premium_comparison(raw, adjusted, VIEWS[view])
base_row = raw[raw["is_baseline"]].iloc[0]
st.markdown(
    "**" + premium_headline(raw if view == "Raw" else adjusted, baseline, view != "Raw") + "**"
)
st.metric(f"Baseline median: {baseline}", money(base_row["median_usd"]))
if shown.empty:
    layout.empty_state("No specialization has enough records (10+) to show with these filters.")
else:
    layout.chart(charts.premium_chart, shown, key=f"{PAGE}_premium_chart")
hidden = raw.loc[raw["status"] == "hidden", "specialization"].tolist()
layout.source_caption(
    facts.caption("aijobs"),
    n=int(raw["n"].sum()),
    note=f"full-time records of {', '.join(tracks)}, "
    f"{duplicate_note(not keep)}; raw and adjusted use "
    f"the same records · raw = ratio of medians, seeded bootstrap 95% interval · adjusted = "
    f"log-salary regression holding {specialties.controls_text(adjusted)} fixed (countries "
    f"with {specialties.MIN_COUNTRY_RECORDS}+ records on their own), robust 95% interval · "
    f"hollow = under {stats.MIN_CONFIDENT} records, treat as noise"
    + (f" · not shown (under {stats.MIN_SHOWN}): {', '.join(hidden)}" if hidden else ""),
)
st.caption(
    "Association, not causation: titles differ in employer and role in ways no control "
    "captures. 2024+ records are mostly US job listings (the collection changed)."
)
st.dataframe(
    charts.premium_table(shown),
    column_config=charts.PREMIUM_TABLE,
    column_order=list(charts.PREMIUM_TABLE),
    hide_index=True,
)
layout.download(both, "specialization_premiums.csv", key=f"{PAGE}_download")


@st.fragment
def tool_section() -> None:
    """Tools and platforms (its list picker redraws this section alone)."""
    st.subheader("Tools and platforms (Stack Overflow 2024)")
    tool_list = state.choice(
        "Tool list",
        list(tools.TOOL_LISTS),
        key="tools",
        default=tools.DEFAULT_TOOL_LIST,
        format_func=lambda k: tools.TOOL_LISTS[k].label,
        widget=st.segmented_control,
    )
    with layout.friendly_errors():
        tool_table = cache.run(tools.stored_tool_premiums, data, tool_list)
    compared = tool_table.attrs["n_compared"]
    if compared:
        layout.chart(charts.tool_chart, tool_table, key=f"{PAGE}_tool_chart")
    else:
        layout.empty_state("No tool in this list has enough users to compare.")
    low, high = tools.SURVEY_PAY_RANGE
    layout.source_caption(
        facts.caption("so_survey"),
        n=tool_table.attrs["n_respondents"],
        note=f"2024 respondents with pay ${low:,.0f}–${high:,.0f} who answered the question · "
        f"tools with at least {tool_table.attrs['min_users']} users (and non-users) shown: "
        f"{compared} compared, so some 95% intervals exclude 0 by chance; filled dots still "
        "differ from 0 after a Holm correction for that · log-pay regression on use + experience "
        "+ country, robust 95% interval · association, not effect · a non-random subset",
    )
    st.dataframe(
        charts.tool_table(tool_table),
        column_config=charts.TOOL_TABLE,
        column_order=list(charts.TOOL_TABLE),
        hide_index=True,
    )
    layout.download(tool_table, f"tool_premiums_{tool_list}.csv", key=f"{PAGE}_tools_download")


tool_section()
