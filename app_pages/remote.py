"""Remote work: does remote pay less, and what does a geo-pay policy do to a hire's money?"""

import streamlit as st

from analysis import remote, salary_index, stats
from analysis.levels import LEVELS
from analysis.trends import ALL_LEVELS
from ui import cached, columns, layout, sections, state
from ui.charts import remote as charts

PAGE = "remote"
COUNTRIES = {"US": "US companies", "ALL": "All countries"}
MEASURES = {"pay": "Pay", "purchasing_power": "Purchasing power"}


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
    keep_dups = sections.keep_duplicates(PAGE)
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
    premium_ci=stats.ratio_intervals(table["premium"], table["premium_low"], table["premium_high"])
)
st.dataframe(
    view[["level", "arrangement", "n", "median", "p25", "p75", "premium", "premium_ci"]],
    hide_index=True,
    placeholder="—",
    column_config=columns.remote_pay(),
)
layout.download(table, "remote_pay.csv", key="remote_dl_pay")

sections.remote_share(share, population, dup_note)

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
default_salary, explain = sections.hq_default_salary(hq, hubs[hq], occ_title)
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
tier1, tier2, pay2, pay3 = sections.tier_parameters(PAGE)
with layout.friendly_errors():
    sim = cached.geo_policy(float(salary), hq, tier1, tier2, pay2 / 100, pay3 / 100)
sections.geo_policy(sim, measure, MEASURES[measure], float(salary), hubs[hq], (tier1, tier2))
