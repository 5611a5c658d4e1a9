"""Remote work: does remote pay less, and what does a geo-pay policy do to a hire's money?"""

import streamlit as st

from analysis import remote
from analysis.levels import LEVELS
from analysis.trends import ALL_LEVELS
from ui import cached, layout, state
from ui.charts import remote as charts
from ui.data import require

PAGE = "remote"
YEARS = ["all", 2020, 2021, 2022, 2023, 2024, 2025]
MEASURES = {"pay": "Pay", "purchasing_power": "Purchasing power"}


@st.cache_data(max_entries=64, show_spinner=False)
def pay_table(level: str, year: str | int):
    """analysis.remote.pay_by_remote (~0.1 s on the full table), cached per selection."""
    return remote.pay_by_remote(
        require("salaries"), None if level == ALL_LEVELS else level, None if year == "all" else year
    )


st.title("Remote work")
st.write(
    "Do fully-remote AI and data jobs pay less than on-site ones, and what would a "
    "company's geo-pay policy pay you in each tech hub?"
)

salaries = require("salaries")
c1, c2 = st.columns(2)
with c1:
    level = state.choice(
        "Level", [ALL_LEVELS, *LEVELS], page=PAGE, param="level", default=ALL_LEVELS
    )
with c2:
    year = state.choice(
        "Work year",
        YEARS,
        page=PAGE,
        param="year",
        default="all",
        format_func=lambda y: "2020–2025" if y == "all" else str(y),
    )
with layout.friendly_errors():
    table = pay_table(level, year)
    share = cached.remote_share()
layout.chart(charts.pay_by_arrangement(table), key="remote_pay")
layout.source_caption(
    layout.AIJOBS,
    n=int(table["n"].sum()),
    note="US companies, full-time · medians with 95% intervals · hatched = under 30 records, "
    f"groups under 10 hidden · duplicate postings kept "
    f"({cached.duplicate_share():.0%} of records)",
)
money = ("p25", "median", "p75", "ci_low", "ci_high")
st.dataframe(
    table.round({c: 0 for c in money}),
    hide_index=True,
    column_config={c: st.column_config.NumberColumn(f"{c} ($)", format="localized") for c in money}
    | {"premium": st.column_config.NumberColumn("vs on-site ×", format="%.2f")},
)
layout.download(table, "remote_pay.csv", key="remote_dl_pay")

st.subheader("How common is fully-remote work?")
layout.chart(charts.remote_share(share), key="remote_share")
layout.source_caption(
    layout.AIJOBS,
    n=int(share["n"].sum()),
    note="all countries · band: 95% Wilson interval · shaded 2024: the index switched to "
    "mostly US job listings, so the drop is partly who is sampled · 2025 = early January only",
)

st.subheader("Geo-pay policy simulator")
hubs = cached.hub_names()
c3, c4, c5 = st.columns(3)
with c3:
    hq = state.choice(
        "HQ metro",
        list(hubs),
        page=PAGE,
        param="hq",
        default=remote.DEFAULT_HQ,
        format_func=hubs.get,
    )
with layout.friendly_errors():
    oews_median = cached.hq_median(hq)
with c4:
    salary = state.number(
        "HQ salary (USD a year)",
        page=PAGE,
        param="salary",
        default=int(oews_median),
        min_value=20_000,
        max_value=1_000_000,
        step=5_000,
        help=f"Default: the BLS median for Data Scientists in {hubs[hq]}, "
        f"{layout.money(oews_median)}.",
    )
with c5:
    measure = state.choice(
        "Show",
        list(MEASURES),
        page=PAGE,
        param="measure",
        default="pay",
        format_func=MEASURES.get,
        widget=st.segmented_control,
    )
with st.expander("Tiered-zone parameters"):
    t1, t2, t3, t4 = st.columns(4)
    with t1:
        tier1 = state.number(
            "Tier 1 if price level ≥",
            page=PAGE,
            param="t1",
            default=108.0,
            min_value=80.0,
            max_value=130.0,
            step=1.0,
        )
    with t2:
        tier2 = state.number(
            "Tier 2 if price level ≥",
            page=PAGE,
            param="t2",
            default=98.0,
            min_value=80.0,
            max_value=130.0,
            step=1.0,
        )
    with t3:
        pay2 = state.number(
            "Tier 2 pay (% of HQ)",
            page=PAGE,
            param="p2",
            default=90,
            min_value=50,
            max_value=100,
            step=5,
        )
    with t4:
        pay3 = state.number(
            "Tier 3 pay (% of HQ)",
            page=PAGE,
            param="p3",
            default=80,
            min_value=50,
            max_value=100,
            step=5,
        )
with layout.friendly_errors():
    sim = cached.geo_policy(float(salary), hq, tier1, tier2, pay2 / 100, pay3 / 100)
layout.chart(charts.policies(sim, measure), key="remote_policy")
layout.source_caption(
    layout.RPP,
    note=f"HQ {hubs[hq]} at {layout.money(salary)} · purchasing power = pay ÷ "
    "(price level / 100), in US-average dollars · national rate: everyone gets the HQ salary; "
    "full cost-of-living: HQ salary × hub price level ÷ HQ price level · tier thresholds are "
    "illustrative inputs, not data",
)
st.dataframe(
    sim.round({"pay": 0, "purchasing_power": 0}),
    hide_index=True,
    column_config={
        "pay": st.column_config.NumberColumn("Pay ($)", format="localized"),
        "purchasing_power": st.column_config.NumberColumn(
            "Purchasing power ($)", format="localized"
        ),
        "rpp": st.column_config.NumberColumn("Price level", format="%.1f"),
        "pay_vs_hq": st.column_config.NumberColumn("Pay vs HQ", format="percent"),
    },
)
layout.download(sim, "remote_geo_policy.csv", key="remote_dl_policy")
