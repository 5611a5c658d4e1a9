"""AI Pay Atlas: entry point. Only routes; every page lives in app_pages/.

The folder is deliberately not called `pages/`: Streamlit treats a `pages/` folder beside the
entry script as an automatic page list, and a shared link that is a fresh server's first
request would then bypass st.navigation (wrong titles, no page config).
"""

import streamlit as st

st.set_page_config(
    page_title="AI Pay Atlas",
    page_icon="/app/static/favicon.png",  # served locally (static/): no font host on page load
    layout="wide",
    initial_sidebar_state="auto",
)

PAGES = {
    "Market": [
        st.Page(
            "app_pages/overview.py", title="Overview", icon=":material/dashboard:", default=True
        ),
        st.Page("app_pages/hubs.py", title="Tech hubs", icon=":material/location_city:"),
        st.Page("app_pages/cost_of_living.py", title="Cost of living", icon=":material/home:"),
        st.Page("app_pages/levels.py", title="Career levels", icon=":material/stairs:"),
        st.Page(
            "app_pages/career_paths.py",
            title="Certifications & career paths",
            icon=":material/route:",
        ),
        st.Page(
            "app_pages/specializations.py", title="Specializations", icon=":material/psychology:"
        ),
        st.Page("app_pages/industries.py", title="Industries", icon=":material/factory:"),
        st.Page("app_pages/remote.py", title="Remote work", icon=":material/home_work:"),
        st.Page("app_pages/trends.py", title="Trends", icon=":material/trending_up:"),
    ],
    "For job seekers": [
        st.Page("app_pages/offer_check.py", title="Offer check", icon=":material/fact_check:"),
    ],
    "For recruiters": [
        st.Page("app_pages/pay_bands.py", title="Pay bands by region", icon=":material/tune:"),
    ],
    "About": [
        st.Page("app_pages/data_methods.py", title="Data & methods", icon=":material/description:"),
    ],
}

page = st.navigation(PAGES)
# Which page the previous run showed: a page that keeps a visitor's inputs in the session
# (Offer check) restores them when the visitor comes back (also with the browser's Back
# button, which drops the link's parameters).
st.session_state["came_from"] = st.session_state.get("showing")
st.session_state["showing"] = page.url_path
page.run()
