"""Remote work: does remote pay less, and what does a geo-pay policy do to a hire's money?"""

import streamlit as st

from analysis import remote, salary_index
from analysis.levels import LEVELS
from analysis.trends import ALL_LEVELS
from ui import cached, layout, state
from ui.charts import remote as charts

PAGE = "remote"
COUNTRIES = {"US": "US companies", "ALL": "All countries"}
MEASURES = {"pay": "Pay", "purchasing_power": "Purchasing power"}


def usd(label: str) -> st.column_config.NumberColumn:
    """A whole-dollar column: $ with thousands separators, no cents."""
    return st.column_config.NumberColumn(label, format="dollar", step=1)


st.title("Remote work")
st.write(
    "Do fully-remote AI and data jobs pay less than on-site ones, and what would a "
    "company's geo-pay policy pay you in each tech hub?"
)

years, latest = cached.salary_years()
c1, c2, c3, c4 = st.columns([2, 2, 2, 2])
with c1:
    level = state.choice(
        "Level", [ALL_LEVELS, *LEVELS], page=PAGE, param="level", default=ALL_LEVELS
    )
with c2:
    year = state.choice(
        "Work year",
        [*years, "all"],
        page=PAGE,
        param="year",
        default=latest,
        format_func=lambda y: "All years pooled" if y == "all" else str(y),
        help=f"Default: {latest}, the latest full year. Pooling years mixes in the 2024 change "
        "of who the index samples.",
    )
with c3:
    country = state.choice(
        "Companies",
        list(COUNTRIES),
        page=PAGE,
        param="country",
        default="US",
        format_func=COUNTRIES.get,
    )
with c4:
    keep_dups = state.toggle(
        "Keep exact duplicates",
        page=PAGE,
        param="dups",
        default=False,
        help="Off (default): records that repeat another exactly (re-posted listings) are "
        "dropped, so they do not inflate n or narrow the intervals.",
    )
where = None if country == "ALL" else country
with layout.friendly_errors():
    table = cached.pay_by_remote(
        None if level == ALL_LEVELS else level, None if year == "all" else year, where, keep_dups
    )
    share = cached.remote_share(where, keep_dups)
dup_note = salary_index.duplicate_note(not keep_dups)
population = f"{COUNTRIES[country]}, full-time"
st.markdown(f"**Both charts below: {population}, {dup_note}.**")
layout.chart(charts.pay_by_arrangement(table), key="remote_pay")
layout.source_caption(
    layout.AIJOBS,
    n=int(table["n"].sum()),
    note=f"{population}, work year {'2020–2025 pooled' if year == 'all' else year} · medians "
    "with 95% intervals · hatched = under 30 records · “n < 10” = too few to show · "
    f"{dup_note}",
)
view = table.assign(
    premium_ci=[
        "—" if p != p else f"×{lo:.2f}–{hi:.2f}"
        for p, lo, hi in zip(
            table["premium"], table["premium_low"], table["premium_high"], strict=True
        )
    ]
)
st.dataframe(
    view[["level", "arrangement", "n", "median", "p25", "p75", "premium", "premium_ci"]],
    hide_index=True,
    placeholder="—",
    column_config={
        "level": "Level",
        "arrangement": "Arrangement",
        "n": st.column_config.NumberColumn("Records", format="localized"),
        "median": usd("Median"),
        "p25": usd("25th percentile"),
        "p75": usd("75th percentile"),
        "premium": st.column_config.NumberColumn("vs on-site", format="×%.2f"),
        "premium_ci": "vs on-site, 95% interval",
    },
)
layout.download(table, "remote_pay.csv", key="remote_dl_pay")

st.subheader("How common is fully-remote work?")
layout.chart(charts.remote_share(share), key="remote_share")
layout.source_caption(
    layout.AIJOBS,
    n=int(share["n"].sum()),
    note=f"{population} · band: 95% Wilson interval · shaded 2024: the index switched to "
    "mostly US job listings, so the change is partly who is sampled · 2025 = early January "
    f"only · {dup_note}",
)

st.subheader("Geo-pay policy simulator")
hubs = cached.hub_names()
occ_title = cached.occupation_options().set_index("occ_code")["occ_title"][remote.DEFAULT_OCC]
c5, c6, c7 = st.columns(3)
with c5:
    hq = state.choice(
        "HQ metro",
        list(hubs),
        page=PAGE,
        param="hq",
        default=remote.DEFAULT_HQ,
        format_func=hubs.get,
    )
try:
    default_salary = cached.hq_median(hq)
    explain = f"Default: the BLS median for {occ_title} in {hubs[hq]}, "
    explain += f"{layout.money(default_salary)} ({layout.OEWS})."
except ValueError as err:  # not published there: the visitor types a salary instead
    default_salary = cached.national_median(remote.DEFAULT_OCC)
    st.warning(f"{err} Starting from the US median, {layout.money(default_salary)}.")
    explain = f"Default: the US median for {occ_title}, {layout.money(default_salary)}."
with c6:
    salary = state.number(
        "HQ salary (USD a year)",
        page=PAGE,
        param="salary",
        default=int(default_salary),
        min_value=20_000,
        max_value=1_000_000,
        step=5_000,
        help=explain,
    )
with c7:
    measure = state.choice(
        "Show",
        list(MEASURES),
        page=PAGE,
        param="measure",
        default="pay",
        format_func=MEASURES.get,
        widget=st.segmented_control,
    )
st.caption(explain)
with st.expander("Tiered-zone parameters (illustrative inputs, not data)"):
    st.caption(
        "Companies publish their own zones; these round numbers only illustrate how a tiered "
        "policy works. A hub's tier comes from its BEA price level (US = 100)."
    )
    t1, t2, t3, t4 = st.columns(4)
    limits = {"min_value": 80.0, "max_value": 130.0, "step": 1.0, "page": PAGE}
    with t1:
        tier1 = state.number("Tier 1 if price level ≥", param="t1", default=108.0, **limits)
    with t2:
        tier2 = state.number("Tier 2 if price level ≥", param="t2", default=98.0, **limits)
    shares = {"min_value": 50, "max_value": 100, "step": 5, "page": PAGE}
    with t3:
        pay2 = state.number("Tier 2 pay (% of HQ)", param="p2", default=90, **shares)
    with t4:
        pay3 = state.number("Tier 3 pay (% of HQ)", param="p3", default=80, **shares)
with layout.friendly_errors():
    sim = cached.geo_policy(float(salary), hq, tier1, tier2, pay2 / 100, pay3 / 100)
layout.chart(charts.policies(sim, measure, float(salary)), key="remote_policy")
layout.source_caption(
    layout.RPP,
    note=f"HQ {hubs[hq]} at {layout.money(salary)} · purchasing power = pay ÷ "
    "(price level / 100), in US-average dollars · national rate: everyone gets the HQ salary; "
    "full cost-of-living: HQ salary × hub price level ÷ HQ price level · tier thresholds "
    f"({tier1:g} / {tier2:g}) and shares are illustrative inputs, not data",
)
wide = remote.policy_table(sim, measure)
st.dataframe(
    wide,
    hide_index=True,
    placeholder="—",
    column_config={
        "hub": "Hub",
        "rpp": st.column_config.NumberColumn("Price level (US = 100)", format="%.1f"),
        "tier": st.column_config.NumberColumn("Tier", format="%d"),
    }
    | {p: usd(f"{p}: {MEASURES[measure].lower()}") for p in remote.POLICIES},
)
layout.download(sim, "remote_geo_policy.csv", key="remote_dl_policy")
