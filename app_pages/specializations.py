"""Specializations: what NLP, computer vision, generative AI or MLOps titles add to pay."""

from __future__ import annotations

import streamlit as st

from analysis import specialties, stats, taxonomy, tools
from ui import cache, inputs, layout, state
from ui.career_text import specialization_answer, tool_takeaway
from ui.charts import specialties as charts
from ui.text import duplicate_note, money, plain, premium_headline

PAGE = "specializations"
VIEWS = {
    "Raw and adjusted": specialties.METHODS,
    "Raw": specialties.METHODS[:1],
    "Adjusted": specialties.METHODS[1:],
}


st.title("Specializations")
slot = st.container()  # the answer, once the filters below are read
data = cache.tables()
cache.require(data, "salaries", "survey")
facts = data.facts
with layout.filters("baseline, tracks, raw or adjusted, duplicates"):
    baseline = state.choice(
        "Compare against", taxonomy.SPECIALIZATIONS, key="base", default="General"
    )
    tracks = state.choices(
        "Career tracks", taxonomy.TRACKS, key="tracks", default=list(specialties.DEFAULT_TRACKS)
    )
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
answered = raw if view == "Raw" else adjusted
with slot:
    layout.answer(specialization_answer(answered, baseline, view != "Raw", tracks))

st.subheader("Pay difference by specialization")
if shown.empty:
    layout.empty_state("No specialization has enough records (10+) to show with these filters.")
else:
    layout.takeaway(premium_headline(answered, baseline, view != "Raw"))
    layout.chart(charts.premium_chart, shown, key=f"{PAGE}_premium_chart")
hidden = raw.loc[raw["status"] == "hidden", "specialization"].tolist()
layout.source_caption(
    facts.caption("aijobs"),
    n=int(raw["n"].sum()),
    note=f"full-time {', '.join(tracks)}, {duplicate_note(not keep)} · {baseline} median "
    f"{money(base_row['median_usd'])} · raw: ratio of medians; adjusted: regression holding "
    f"{specialties.controls_text(adjusted)} fixed · 95% intervals · hollow = under "
    f"{stats.MIN_CONFIDENT}"
    + (f" · under {stats.MIN_SHOWN}: {', '.join(hidden)}" if hidden else ""),
)
st.dataframe(
    charts.premium_table(shown),
    column_config={
        **charts.PREMIUM_TABLE,
        "status_text": st.column_config.TextColumn("Note", width=125),
    },
    column_order=list(charts.PREMIUM_TABLE),
    hide_index=True,
)
# What each group holds, as wrapping text: as a table column it ran past a 1400 px window.
with st.expander("What each group holds: its most common job titles (records)"):
    groups = shown.drop_duplicates("specialization")
    st.markdown(
        "\n".join(f"- **{r.specialization}**: {plain(r.holds)}" for r in groups.itertuples())
    )
layout.download(both, "specialization_premiums.csv", key=f"{PAGE}_download")


@st.fragment
def tool_section() -> None:
    """Tools and platforms: its list picker, kept in the section, redraws it alone."""
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
        layout.takeaway(tool_takeaway(tool_table, tools.TOOL_LISTS[tool_list].label))
        layout.chart(charts.tool_chart, tool_table, key=f"{PAGE}_tool_chart")
    else:
        layout.empty_state("No tool in this list has enough users to compare.")
    low, high = tools.SURVEY_PAY_RANGE
    layout.source_caption(
        facts.caption("so_survey"),
        n=tool_table.attrs["n_respondents"],
        note=f"2024 respondents paid ${low:,.0f}–${high:,.0f} · tools with "
        f"{tool_table.attrs['min_users']}+ users · regression on use, experience and country, "
        "95% intervals; filled: holds after a Holm correction · association, not effect",
    )
    st.dataframe(
        charts.tool_table(tool_table),
        # The tool column wide enough for "Hugging Face Transformers" at 1400 px.
        column_config={**charts.TOOL_TABLE, "tool": st.column_config.TextColumn("Tool", width=220)},
        column_order=list(charts.TOOL_TABLE),
        hide_index=True,
    )
    layout.download(tool_table, f"tool_premiums_{tool_list}.csv", key=f"{PAGE}_tools_download")


tool_section()
