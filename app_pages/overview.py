"""Overview: the headline answers, and where each kind of user goes next."""

import streamlit as st

from analysis import overview
from ui import data, layout
from ui.charts import overview as charts

st.title("AI Pay Atlas")
st.write(
    "What AI and data professionals earn in the US, where pay goes furthest, and how it grows "
    "— from official wage statistics and 74,000 individual salaries."
)

wages, metros = data.require("wages"), data.require("metros")
parities, salaries = data.require("price_parities"), data.require("salaries")


@st.cache_data(max_entries=1, show_spinner=False)
def figures() -> tuple:
    return overview.national_medians(wages), overview.headline(wages, metros, parities, salaries)


medians, head = figures()
ds = medians.set_index("occ_code").loc["15-2051"]

cols = st.columns(5)
cols[0].metric(
    "US data scientist median",
    layout.money(ds["median"]),
    f"{ds['vs_all']:.1f}× all jobs",
    delta_color="off",
    delta_arrow="off",
    help="BLS OEWS May 2025, cross-industry, annual wage",
)
cols[1].metric(
    "Top hub in dollars",
    f"{head.top_nominal['short_name']}",
    layout.money(head.top_nominal["median"]),
    delta_color="off",
    delta_arrow="off",
    help=f"Highest data-scientist median among the {head.hubs_compared} default tech hubs",
)
cols[2].metric(
    "Top hub after cost of living",
    f"{head.top_real['short_name']}",
    layout.money(head.top_real["real_median"]) + " at US prices",
    delta_color="off",
    delta_arrow="off",
    help="Median divided by the BEA regional price parity (2024)",
)
cols[3].metric(
    "Entry → senior pay",
    f"×{head.step_up:.2f}",
    f"95% CI ×{head.step_low:.2f}–{head.step_high:.2f}",
    delta_color="off",
    delta_arrow="off",
    help=f"{head.track} track, US salary-index medians; "
    f"n = {head.entry_n:,} entry, {head.senior_n:,} senior",
)
cols[4].metric(
    f"Fully remote, {head.remote_year}",
    f"{head.remote_share:.0%}",
    f"95% CI {head.remote_low:.1%}–{head.remote_high:.1%}",
    delta_color="off",
    delta_arrow="off",
    help=f"Share of aijobs.net salary records with remote ratio 100; n = {head.remote_n:,}",
)
layout.source_caption(
    f"{layout.OEWS}; {layout.RPP}; {layout.AIJOBS}",
    note="medians; hubs = the ten tech hubs of the Tech hubs page",
)

st.subheader("National median pay, AI occupations vs. everyone")
layout.chart(charts.national_medians(medians), key="overview_medians")
layout.source_caption(
    layout.OEWS,
    n=int(
        medians["employment"].sum() - medians.set_index("occ_code")["employment"].get("00-0000", 0)
    ),
    note="n = employment in the occupations shown · bars ±1.96 × BLS RSE of the mean",
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
