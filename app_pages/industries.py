"""Industries: which industries pay an occupation most, from BLS OEWS national estimates."""

from __future__ import annotations

import streamlit as st

from analysis import industries
from ui import cached, layout, state
from ui.charts import industries as charts

PAGE = "industries"
VIEWS = ("Industry groups", "NAICS detail")
GROUP_NOTE = (
    "pay = employment-weighted average of industry medians (not a true median) · each group "
    "sums its 4-digit industries only (no parent + child double counting; ownership splits "
    "left out), so its employment is a lower bound"
)
DETAIL_NOTE = (
    "top 20 by median drawn, all in the table · medians ≥ $239,200 are top-coded (a lower "
    "bound) · RSE = BLS relative standard error, %"
)

st.title("Industries")
st.write(
    "Which industries pay data scientists and other tech occupations the most, and how many "
    "of those jobs does each industry hold?"
)
occs = cached.industry_occupations()
titles = dict(zip(occs["occ_code"], occs["occ_title"], strict=True))
with st.container(horizontal=True):
    occ = state.choice(
        "Occupation",
        list(titles),
        page=PAGE,
        param="occ",
        default=industries.DEFAULT_OCCUPATION,
        format_func=lambda c: f"{titles.get(c, c)} ({c})",
    )
    view = state.choice(
        "Show", VIEWS, page=PAGE, param="view", default=VIEWS[0], widget=st.segmented_control
    )
    depth = state.choice(
        "NAICS depth (detail view)",
        list(industries.DEPTHS),
        page=PAGE,
        param="depth",
        default=industries.GROUP_DEPTH,
        format_func=industries.DEPTHS.get,
        disabled=view == VIEWS[0],
        help="Groups always combine 4-digit industries (see the note below).",
    )

with layout.friendly_errors():
    nation = cached.national_total(occ)
    result = cached.industry_view(occ, None if view == VIEWS[0] else depth)
c1, c2 = st.columns(2)
c1.metric(
    "US median, all industries",
    industries.wage_text(nation["a_median"], nation["a_median_note"]),
)
c2.metric("US employment, all industries", f"{nation['tot_emp']:,.0f}")

if view == VIEWS[0]:
    layout.chart(charts.group_pay_chart(result), key=f"{PAGE}_groups")
    excluded = int(result["n_excluded"].sum())
    layout.source_caption(
        layout.OEWS,
        note=f"{int(result['n_codes'].sum())} 4-digit NAICS industries combined · {GROUP_NOTE}"
        + (
            f" · {excluded} industries with a top-coded or unreleased median or "
            "employment not averaged"
            if excluded
            else ""
        ),
    )
    table = result.assign(
        max_text=[
            industries.wage_text(v, "top-coded" if t else None)
            for v, t in zip(result["max_median"], result["any_topcoded"], strict=True)
        ]
    )
    config = {
        "industry_group": "Industry group",
        "weighted_median": st.column_config.NumberColumn(
            "Weighted avg. of medians ($)", format="localized"
        ),
        "tot_emp": st.column_config.NumberColumn("Jobs", format="localized"),
        "emp_share": st.column_config.NumberColumn("Share of jobs", format="percent"),
        "n_codes": "Industries",
        "n_excluded": "Not averaged",
        "min_median": st.column_config.NumberColumn("Lowest median ($)", format="localized"),
        "max_text": "Highest median",
        "members": "NAICS industries combined",
    }
else:
    if result["a_median"].notna().any() or result["a_median_note"].eq("top-coded").any():
        layout.chart(charts.detail_pay_chart(result), key=f"{PAGE}_detail")
    else:
        layout.empty_state("BLS released no median for any industry at this depth.")
    layout.source_caption(
        layout.OEWS,
        note=f"{len(result)} industries, {industries.DEPTHS[depth]} · {DETAIL_NOTE}",
    )
    table = result.assign(
        industry_group=result["industry_group"].fillna("(none)"),
        median_text=[
            industries.wage_text(v, n)
            for v, n in zip(result["a_median"], result["a_median_note"], strict=True)
        ],
    )
    money = {
        c: st.column_config.NumberColumn(
            c.replace("a_", "").replace("pct", "P").title() + " ($)", format="localized"
        )
        for c in ("a_pct10", "a_pct25", "a_pct75", "a_pct90", "a_mean")
    }
    config = {
        "industry_code": "NAICS",
        "industry_name": "Industry",
        "industry_group": "Group",
        "median_text": "Median",
        **money,
        "tot_emp": st.column_config.NumberColumn("Jobs", format="localized"),
        "emp_prse": st.column_config.NumberColumn("Jobs RSE %", format="%.1f"),
        "mean_prse": st.column_config.NumberColumn("Mean RSE %", format="%.1f"),
    }
st.dataframe(table, column_config=config, column_order=list(config), hide_index=True)
layout.download(
    table, f"industries_{occ}_{'groups' if view == VIEWS[0] else depth}.csv", key=f"{PAGE}_download"
)
