"""Industries: which industries pay an occupation most, from BLS OEWS national estimates."""

from __future__ import annotations

import streamlit as st

from analysis import industries
from analysis.wages import TOP_CODED
from ui import cache, layout, state
from ui.charts import industries as charts
from ui.market_text import (
    employment_label,
    industry_answer,
    industry_detail_answer,
    industry_takeaway,
)
from ui.text import top_code_note, wage

PAGE = "industries"
VIEWS = ("Industry groups", "NAICS detail")
METHOD = """
- **Pay** is the average of the member industries' median wages, weighted by their jobs. BLS
  publishes no pooled distribution, so this is not a true median of the group.
- **Members** are the 4-digit NAICS industries BLS publishes for this occupation. Only one
  NAICS depth is used, so a job is never counted in both a parent and a child industry.
  Ownership splits ("State Government Owned" and the like) overlap the NAICS rows and are left
  out. A 3-digit industry without published 4-digit rows is missing, so a group's jobs are a
  lower bound.
- **Interval**: approximate 95% interval from the BLS relative standard errors of the member
  mean wages (none is published for medians), members treated as independent.
- **Thin** groups have fewer than {thin:,} jobs or a single industry: read them with care.
- Members with a top-coded or unreleased median, or unreleased employment, are not averaged.
- Ride-hail platforms are classified by NAICS in 4853 "Taxi and Limousine Service"; this
  page counts 4853 as Software and internet, and social networks and streaming (5162) too.
- The groups hold {coverage:.0%} of the occupation's US jobs; the rest work in industries
  outside these groups or not published in detail.
"""


st.title("Industries")
slot = st.container()  # the answer, written once the figures below are known
data = cache.tables()
cache.require(data, "wages")
facts = data.facts
occs = cache.run(industries.occupations, data)
titles = dict(zip(occs["occ_code"], occs["occ_title"], strict=True))
with layout.filters("occupation, industry groups or NAICS detail"):
    occ = state.choice(
        "Occupation",
        list(titles),
        key="occ",
        default=industries.DEFAULT_OCCUPATION,
        format_func=lambda c: f"{titles.get(c, c)} ({c})",
    )
    view = state.choice("Show", VIEWS, key="view", default=VIEWS[0], widget=st.segmented_control)
    depth = None
    if view == VIEWS[1]:
        depth = state.choice(
            "NAICS depth",
            list(industries.DEPTHS),
            key="depth",
            default=industries.GROUP_DEPTH,
            format_func=industries.DEPTHS.get,
        )

with layout.friendly_errors():
    nation = cache.run(industries.national_total, data, occ)
    if depth is None:
        result = cache.run(industries.industry_groups, data, occ)
    else:
        result = cache.run(industries.industry_detail, data, occ, depth)
top_coded = isinstance(nation["a_median_note"], str) and nation["a_median_note"] == TOP_CODED
us_median = float("nan") if top_coded else float(nation["a_median"])
occ_title = titles.get(occ, occ)
with slot:
    if depth is None:
        layout.answer(industry_answer(result, us_median, occ_title))
    else:
        layout.answer(
            industry_detail_answer(
                result,
                us_median,
                occ_title,
                f"industries at {industries.DEPTHS[depth]}",
                facts.top_code,
            )
        )

if depth is None:
    st.subheader("Pay by industry group")
    layout.takeaway(industry_takeaway(result))
    layout.chart(
        charts.group_pay_chart,
        result,
        top_code=facts.top_code,
        us_median=us_median,
        key=f"{PAGE}_groups",
    )
    thin = result.loc[result["thin"], "industry_group"].tolist()
    layout.source_caption(
        facts.caption("oews"),
        note=f"job-weighted average of member industries' medians, ≈95% interval · the groups "
        f"hold {result.attrs['coverage']:.0%} of the occupation's "
        f"{result.attrs['national_emp']:,.0f} US jobs · "
        + (f"hatched = thin: {', '.join(thin)} · " if thin else "")
        + top_code_note(int(result["n_topcoded"].sum()), facts.top_code, "drawn at that floor"),
    )
    with st.expander("How the groups are built"):
        st.markdown(METHOD.format(thin=industries.THIN_JOBS, coverage=result.attrs["coverage"]))
    table, config = charts.group_table(result, top_code=facts.top_code), charts.GROUP_TABLE
else:
    st.subheader(f"Pay by industry, {industries.DEPTHS[depth]}")
    if result["a_median"].notna().any() or result["a_median_note"].eq(TOP_CODED).any():
        layout.chart(
            charts.detail_pay_chart,
            result,
            top_code=facts.top_code,
            us_median=us_median,
            key=f"{PAGE}_detail",
        )
    else:
        layout.empty_state("BLS released no median for any industry at this depth.")
    layout.source_caption(
        facts.caption("oews"),
        note=f"{len(result)} industries · the 20 best-paid drawn, all in the table · thin: "
        f"under {industries.THIN_JOBS:,} jobs, a noisy median · RSE = BLS relative standard "
        "error · "
        + top_code_note(
            int(result["a_median_note"].eq(TOP_CODED).sum()), facts.top_code, "drawn at that floor"
        ),
    )
    table, config = charts.detail_table(result, top_code=facts.top_code), charts.DETAIL_TABLE
c1, c2 = st.columns(2)
c1.metric(
    "US median, all industries",
    wage(nation["a_median"], nation["a_median_note"], facts.top_code),
)
c2.metric(employment_label(occ_title), f"{nation['tot_emp']:,.0f}")
st.dataframe(table, column_config=config, column_order=list(config), hide_index=True)
layout.download(result, f"industries_{occ}_{depth or 'groups'}.csv", key=f"{PAGE}_download")
