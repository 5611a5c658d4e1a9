"""Remote work: does remote pay less, and what does a geo-pay policy do to a hire's money?"""

import streamlit as st

from analysis import filters, metros, remote, stats, wages
from analysis.filters import LEVELS
from ui import cache, columns, inputs, layout, state
from ui.charts import remote as charts
from ui.market_text import (
    policy_answer,
    remote_answer,
    remote_pay_takeaway,
    remote_share_takeaway,
    share_count_note,
)
from ui.text import duplicate_note, money, plain

ALL_LEVELS = "All levels"
COUNTRIES = {"US": "US companies", "ALL": "All countries"}
MEASURES = {"pay": "Pay", "purchasing_power": "Purchasing power"}
AT = {"US": "At US companies", "ALL": "At companies in all countries"}
SIMULATOR = "Geo-pay policy simulator"
SIMULATOR_ANCHOR = "geo-pay-policy-simulator"


st.title("Remote work")
slot = st.container()  # the answer, written once the figures below are known

data = cache.tables()
cache.require(data, "salaries", "wages", "metros", "price_parities")
facts = data.facts
years, latest = cache.run(filters.salary_years, data)
with layout.filters("tracks, level, year, companies"):
    tracks = state.choices(
        "Tracks",
        list(remote.AI_DATA_TRACKS),
        key="tracks",
        default=list(remote.AI_DATA_TRACKS),
        help="The salary index's AI and data tracks. Generic software, consulting and product "
        "titles (the 'Other' track, e.g. 7,930 'Software Engineer' records) are left out.",
    )
    c1, c2, c3, c4 = st.columns([2, 2, 2, 2])
    with c1:
        level = state.choice("Level", [ALL_LEVELS, *LEVELS], key="level", default=ALL_LEVELS)
    with c2:
        year = state.choice(
            "Work year",
            [*years, "all"],
            key="year",
            default=latest,
            format_func=lambda y: "All years pooled" if y == "all" else str(y),
            help=f"Default: {latest}, the latest full year. Pooling years mixes in the 2024 "
            "change of who the index samples.",
        )
    with c3:
        country = state.choice(
            "Companies", list(COUNTRIES), key="country", default="US", format_func=COUNTRIES.get
        )
    with c4:
        keep_dups = inputs.keep_duplicates()
if not tracks:
    layout.empty_state("Choose at least one track.")
    st.stop()
where = None if country == "ALL" else country
with layout.friendly_errors():
    table = cache.run(
        remote.pay_by_remote,
        data,
        None if level == ALL_LEVELS else level,
        None if year == "all" else year,
        where,
        tracks=tracks,
        drop_duplicates=not keep_dups,
    )
    share = cache.run(
        remote.remote_share, data, where, tracks=tracks, drop_duplicates=not keep_dups
    )
dup_note = duplicate_note(not keep_dups)
which = "all AI and data tracks" if set(tracks) == set(remote.AI_DATA_TRACKS) else ", ".join(tracks)
population = f"{COUNTRIES[country]}, full-time, {which}"
when = "2020–2025 pooled" if year == "all" else f"in {year}"
with slot:
    layout.answer(remote_answer(table, f"{AT[country]} {when} (full-time, {plain(which)})"))
    st.markdown(f"Tool on this page: [{SIMULATOR} ↓](#{SIMULATOR_ANCHOR})")

st.subheader("Remote and on-site pay by level")
layout.takeaway(remote_pay_takeaway(table))
layout.chart(charts.arrangement_chart, table, key="remote_pay")
layout.source_caption(
    facts.caption("aijobs"),
    n=int(table["n"].sum()),
    note=f"{population}, work year {'2020–2025 pooled' if year == 'all' else year} · medians, "
    "95% intervals · hatched: under 30 records · “n < 10”: too few to show · "
    + "".join(
        f"{a}: under 10 records at every level, not drawn · "
        for a, rows in table.groupby("arrangement")
        if (rows["status"] == "hidden").all()
    )
    + dup_note,
)
view = table.assign(
    premium_ci=stats.ratio_intervals(table["premium"], table["premium_low"], table["premium_high"])
)
st.dataframe(
    view[["level", "arrangement", "n", "median", "p25", "p75", "premium", "premium_ci"]],
    hide_index=True,
    placeholder="—",
    column_config=columns.remote_pay_columns(),
)
layout.download(table, "remote_pay.csv", key="remote_dl_pay")

st.subheader("How common is fully-remote work?")
layout.takeaway(remote_share_takeaway(share))
layout.chart(charts.remote_share_chart, share, key="remote_share")
layout.source_caption(
    facts.caption("aijobs"),
    note=f"{share_count_note(share)} · {population} · band: 95% Wilson interval · shaded "
    "2024: the index switched to mostly US job listings · 2025 = early January only · "
    f"{dup_note}",
)


@st.fragment
def simulator() -> None:
    """The geo-pay policy simulator (its inputs redraw this section alone: they stay in the
    section, not in the page's filters box)."""
    st.subheader(f"{SIMULATOR}: what would a remote hire be paid?", anchor=SIMULATOR_ANCHOR)
    answer = st.container()  # the section's one-line answer, once the inputs are read
    hubs = cache.run(metros.hub_names, data)
    occ_title = inputs.occupation_titles(data)[wages.DEFAULT_OCCUPATION]
    c5, c6, c7, c8 = st.columns(4)
    with c5:
        hq = state.choice(
            "HQ metro", list(hubs), key="hq", default=remote.DEFAULT_HQ, format_func=hubs.get
        )
    try:
        default_salary = cache.run(remote.hq_median, data, hq)
        explain = (
            f"Default: the BLS median for {occ_title} in {hubs[hq]}, "
            f"{money(default_salary)} ({facts.caption('oews')})."
        )
    except ValueError as err:  # not published there: the visitor types a salary instead
        default_salary = cache.run(wages.national_median, data)
        st.warning(f"{err} Starting from the US median, {money(default_salary)}.")
        explain = f"Default: the US median for {occ_title}, {money(default_salary)}."
    # A new HQ brings its own default salary unless the visitor typed one: else the box keeps the
    # old HQ's median, a view the link (which leaves defaults out) does not reproduce.
    shown = st.session_state.get("_hq_default_salary")
    if shown not in (None, int(default_salary)) and st.session_state.get("salary") == shown:
        st.session_state["salary"] = int(default_salary)
    st.session_state["_hq_default_salary"] = int(default_salary)
    with c6:
        salary = state.number(
            "HQ salary (USD a year)",
            key="salary",
            default=int(default_salary),
            min_value=20_000,
            max_value=1_000_000,
            step=5_000,
            format="%.0f",
            help=explain,
        )
    with c7:
        measure = state.choice(
            "Show",
            list(MEASURES),
            key="measure",
            default="pay",
            format_func=MEASURES.get,
            widget=st.segmented_control,
        )
    st.caption(explain)
    with st.expander("Tiered-zone parameters (illustrative inputs, not data)"):
        st.caption(
            "Companies publish their own zones; these round numbers only illustrate how a "
            "tiered policy works. A hub's tier comes from its BEA price level (US = 100)."
        )
        t1, t2, t3, t4 = st.columns(4)
        prices = {"min_value": 80.0, "max_value": 130.0, "step": 1.0}
        shares = {"min_value": 50, "max_value": 100, "step": 5}
        with t1:
            tier1 = state.number("Tier 1 if price level ≥", key="t1", default=108.0, **prices)
        with t2:
            tier2 = state.number("Tier 2 if price level ≥", key="t2", default=98.0, **prices)
        with t3:
            pay2 = state.number("Tier 2 pay (% of HQ)", key="p2", default=90, **shares)
        with t4:
            pay3 = state.number("Tier 3 pay (% of HQ)", key="p3", default=80, **shares)
    tiers, disorder = remote.ordered_tiers(
        remote.Tiers(tier1_min=tier1, tier2_min=tier2, tier2_pay=pay2 / 100, tier3_pay=pay3 / 100)
    )
    for problem in disorder:
        st.warning(problem, icon=":material/swap_vert:")
    with layout.friendly_errors():
        sim = cache.run(remote.geo_policy, data, float(salary), hq, tiers)
    by_price = sim.drop_duplicates("cbsa").sort_values("rpp")
    names = dict(zip(by_price["cbsa"], by_price["hub"], strict=True))
    with c8:
        # Default: the hub with the lowest price level, where the policies differ most.
        home = state.choice(
            "Hire lives in", list(names), key="home", default=by_price["cbsa"].iloc[0],
            format_func=names.get,
        )  # fmt: skip
    with answer:  # metro names from the data; a link only picks one of them
        layout.answer(policy_answer(sim, names[home], hubs[hq], float(salary), measure))
    layout.chart(charts.policy_chart, sim, measure, float(salary), key="remote_policy")
    layout.source_caption(
        facts.caption("bea_rpp"),
        note=f"HQ {hubs[hq]} at {money(salary)} · full cost-of-living: HQ salary × hub price "
        "level ÷ HQ price level · purchasing power: pay ÷ (price level / 100), US-average "
        f"dollars · tier thresholds ({tiers.tier1_min:g} / {tiers.tier2_min:g}) and shares are "
        "illustrative inputs, not data",
    )
    st.dataframe(
        cache.run(remote.policy_table, data, float(salary), hq, tiers, measure),
        hide_index=True,
        placeholder="—",
        column_config=columns.geo_policy_columns(remote.POLICIES, MEASURES[measure].lower()),
    )
    layout.download(sim, "remote_geo_policy.csv", key="remote_dl_policy")


simulator()
