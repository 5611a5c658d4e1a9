"""AI Pay Atlas: entry point. Only routes; every page lives in pages/."""

import streamlit as st

st.set_page_config(
    page_title="AI Pay Atlas",
    page_icon=":material/payments:",
    layout="wide",
    initial_sidebar_state="expanded",
)

PAGES = {
    "Market": [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page("pages/hubs.py", title="Tech hubs", icon=":material/location_city:"),
        st.Page("pages/cost_of_living.py", title="Cost of living", icon=":material/home:"),
        st.Page("pages/levels.py", title="Career levels", icon=":material/stairs:"),
        st.Page("pages/specializations.py", title="Specializations", icon=":material/psychology:"),
        st.Page("pages/industries.py", title="Industries", icon=":material/factory:"),
        st.Page("pages/remote.py", title="Remote work", icon=":material/home_work:"),
        st.Page("pages/trends.py", title="Trends", icon=":material/trending_up:"),
    ],
    "For job seekers": [
        st.Page("pages/offer_check.py", title="Offer check", icon=":material/fact_check:"),
    ],
    "For recruiters": [
        st.Page("pages/pay_bands.py", title="Pay bands by region", icon=":material/tune:"),
    ],
    "About": [
        st.Page("pages/data_methods.py", title="Data & methods", icon=":material/description:"),
    ],
}

st.navigation(PAGES).run()
