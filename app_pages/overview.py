"""Overview: the headline answers, and where each kind of user goes next."""

import streamlit as st

from analysis import overview
from ui import cache, layout
from ui.charts import overview as charts
from ui.text import duplicate_note, money

st.title("AI Pay Atlas")
data = cache.tables()
cache.require(data, "wages", "metros", "price_parities", "salaries")
facts = data.facts
medians = cache.run(overview.national_medians, data)
head = cache.run(overview.headline, data)
st.write(
    "What AI and data professionals earn in the US, where pay goes furthest, and how it grows "
    f"— from official wage statistics and {head.records:,} individual salary records."
)
ds = medians.set_index("occ_code").loc["15-2051"]
step = head.step
years = f"{min(step.years)}–{max(step.years)}" if step.years else "all years"

cols = st.columns(5)
cols[0].metric(
    f"US {ds['occ_title'].lower()} median",
    money(ds["median"]),
    f"{ds['vs_all']:.1f}× all jobs",
    delta_color="off",
    delta_arrow="off",
    help=f"{facts.caption('oews')}, all US employers (cross-industry), annual wage; "
    f"{ds['employment']:,.0f} jobs",
)
cols[1].metric(
    "Top hub in dollars",
    f"{head.top_nominal['short_name']}",
    money(head.top_nominal["median"]),
    delta_color="off",
    delta_arrow="off",
    help=f"Highest {ds['occ_title'].lower()} median among the {head.hubs_compared} default "
    f"tech hubs ({facts.caption('oews')})",
)
cols[2].metric(
    "Top hub after cost of living",
    f"{head.top_real['short_name']}",
    money(head.top_real["real_median"]) + " at US prices",
    delta_color="off",
    delta_arrow="off",
    help=f"{ds['occ_title']} median divided by the BEA regional price parity "
    f"({facts.price_year}), among the same hubs",
)
cols[3].metric(
    "Entry → senior pay",
    f"×{step.ratio:.2f}",
    f"95% CI ×{step.low:.2f}–{step.high:.2f}",
    delta_color="off",
    delta_arrow="off",
    help=f"Senior median ÷ entry median, {step.track} track, US companies, full-time, work "
    f"years {years}, {duplicate_note(step.drop_duplicates)} "
    f"(aijobs.net salary index); n = {step.n_from:,} entry, {step.n_to:,} senior; "
    "bootstrap interval",
)
cols[4].metric(
    f"Fully remote, US, {head.remote_year}",
    f"{head.remote_share:.0%}",
    f"95% CI {head.remote_low:.0%}–{head.remote_high:.0%}",
    delta_color="off",
    delta_arrow="off",
    help="Share of US companies' full-time salary records in the AI and data tracks with "
    f"remote ratio 100 in {head.remote_year} (latest full year), exact duplicates dropped; "
    f"n = {head.remote_n:,}",
)
layout.source_caption(
    facts.caption("oews", "bea_rpp", "aijobs"),
    note=f"medians · hubs: the ten tech hubs of the Tech hubs page · entry → senior: "
    f"{step.track}s at US companies, full-time, {years} · fully remote: AI and data tracks "
    f"at US companies, full-time, {head.remote_year} · salary-index cards: "
    + duplicate_note(step.drop_duplicates),
)

st.subheader(
    "National median pay: the two BLS occupations closest to AI/ML work, a related one, "
    "and everyone"
)
layout.chart(charts.national_medians_chart, medians, key="overview_medians")
layout.source_caption(
    facts.caption("oews"),
    note="jobs on each bar (Computer and Mathematical Occupations contains the computer "
    "occupations above, so they are not added up) · whiskers: approx. 95% range from BLS's "
    "relative standard error of the mean wage, applied to the median",
)

st.subheader("Where next")
seeker, recruiter = st.columns(2)
with seeker:
    st.markdown("**Job seekers**")
    st.page_link(
        "app_pages/offer_check.py", label="Check an offer, after tax", icon=":material/fact_check:"
    )
    st.page_link("app_pages/hubs.py", label="Compare tech hubs", icon=":material/location_city:")
    st.page_link(
        "app_pages/levels.py", label="See how pay grows by level", icon=":material/stairs:"
    )
    st.page_link(
        "app_pages/specializations.py",
        label="What specializations add",
        icon=":material/psychology:",
    )
    st.page_link(
        "app_pages/career_paths.py",
        label="Certifications and career paths beyond engineering",
        icon=":material/route:",
    )
with recruiter:
    st.markdown("**Recruiters**")
    st.page_link(
        "app_pages/pay_bands.py", label="Build pay bands by region", icon=":material/tune:"
    )
    st.page_link(
        "app_pages/cost_of_living.py", label="Translate pay between metros", icon=":material/home:"
    )
    st.page_link("app_pages/remote.py", label="Model a geo-pay policy", icon=":material/home_work:")
    st.page_link(
        "app_pages/data_methods.py", label="Sources and methods", icon=":material/description:"
    )
