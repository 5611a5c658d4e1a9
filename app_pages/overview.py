"""Overview: the headline answers, and where each kind of user goes next."""

import streamlit as st

from analysis import overview, remote
from analysis.filters import US
from ui import cache, layout, place_text
from ui.charts import overview as charts
from ui.text import duplicate_note, money

st.title("AI Pay Atlas")
data = cache.tables()
cache.require(data, "wages", "metros", "price_parities", "salaries")
facts = data.facts
medians = cache.run(overview.national_medians, data)
head = cache.run(overview.headline, data)
step = head.step
layout.answer(
    place_text.overview_answer(medians, head.top_nominal, head.top_real, head.hubs_compared, step)
)
ds = medians.set_index("occ_code").loc["15-2051"]
years = f"{min(step.years)}–{max(step.years)}" if step.years else "all years"

cols = st.columns(3)
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
us_shares = cache.run(remote.remote_share, data, country=US)
caveat = place_text.remote_source_caveat(us_shares, head.remote_year)
cols[2].metric(
    f"Fully remote, US, {head.remote_year}",
    f"{head.remote_share:.0%}",
    f"95% CI {head.remote_low:.0%}–{head.remote_high:.0%}",
    delta_color="off",
    delta_arrow="off",
    help="Share of US companies' full-time salary records in the AI and data tracks with "
    f"remote ratio 100 in {head.remote_year} (latest full year), exact duplicates dropped; "
    f"n = {head.remote_n:,}. {caveat}",
)
layout.source_caption(
    facts.caption("oews", "bea_rpp", "aijobs"),
    note=f"{head.records:,} salary records · entry → senior: {step.track}s at US companies, "
    f"full-time, {years}"
    + (f" · {flag}" if (flag := place_text.remote_source_flag(head.remote_year)) else ""),
)

st.subheader("National median pay, AI/ML occupations and everyone")
layout.takeaway(place_text.medians_takeaway(medians))
layout.chart(charts.national_medians_chart, medians, key="overview_medians")
layout.source_caption(
    facts.caption("oews"),
    note="whiskers: approx. 95% range (BLS's standard error of the mean, applied to the "
    "median) · the computer occupations are part of Computer and Mathematical",
)

st.subheader("Where next")
# One row per question, as the navigation groups the pages (the two tools are linked above
# every page).
ROUTES = {
    "Where does pay go furthest?": [
        ("app_pages/hubs.py", "Compare tech hubs", ":material/location_city:"),
        ("app_pages/cost_of_living.py", "Translate pay between metros", ":material/home:"),
        ("app_pages/remote.py", "Remote pay and a geo-pay policy", ":material/home_work:"),
    ],
    "How does pay grow?": [
        ("app_pages/levels.py", "How pay grows by level", ":material/stairs:"),
        ("app_pages/career_paths.py", "Certifications and career paths", ":material/route:"),
        ("app_pages/trends.py", "Pay against inflation", ":material/trending_up:"),
    ],
    "What adds pay?": [
        ("app_pages/specializations.py", "What specializations add", ":material/psychology:"),
        ("app_pages/industries.py", "Which industries pay most", ":material/factory:"),
        ("app_pages/data_methods.py", "Sources and methods", ":material/description:"),
    ],
}
for question, links in ROUTES.items():
    st.markdown(f"**{question}**")
    with st.container(horizontal=True, gap="small"):
        for target, label, icon in links:
            st.page_link(target, label=label, icon=icon)
