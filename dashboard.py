"""AI Pay Atlas: entry point. Only routes; every page lives in app_pages/.

The folder is deliberately not called `pages/`: Streamlit treats a `pages/` folder beside the
entry script as an automatic page list, and a shared link that is a fresh server's first
request would then bypass st.navigation (wrong titles, no page config).
"""

import streamlit as st

from ui import layout

st.set_page_config(
    page_title="AI Pay Atlas",
    page_icon="/app/static/favicon.png",  # served locally (static/): no font host on page load
    layout="wide",
    initial_sidebar_state="auto",
)

OFFER_CHECK = st.Page("app_pages/offer_check.py", title="Offer check", icon=":material/fact_check:")
PAY_BANDS = st.Page("app_pages/pay_bands.py", title="Pay bands by region", icon=":material/tune:")

# Sections name the question a visitor brings; the two tools come first after the overview.
# Each page's address is its file's name, so links made before this grouping still open it.
PAGES = {
    "Start": [
        st.Page(
            "app_pages/overview.py", title="Overview", icon=":material/dashboard:", default=True
        ),
    ],
    "Which offer? Which band?": [OFFER_CHECK, PAY_BANDS],
    "Where does pay go furthest?": [
        st.Page("app_pages/hubs.py", title="Tech hubs", icon=":material/location_city:"),
        st.Page("app_pages/cost_of_living.py", title="Cost of living", icon=":material/home:"),
        st.Page("app_pages/remote.py", title="Remote work", icon=":material/home_work:"),
    ],
    "How does pay grow?": [
        st.Page("app_pages/levels.py", title="Career levels", icon=":material/stairs:"),
        st.Page(
            "app_pages/career_paths.py",
            title="Certifications & career paths",
            icon=":material/route:",
        ),
        st.Page("app_pages/trends.py", title="Trends", icon=":material/trending_up:"),
    ],
    "What adds pay?": [
        st.Page(
            "app_pages/specializations.py", title="Specializations", icon=":material/psychology:"
        ),
        st.Page("app_pages/industries.py", title="Industries", icon=":material/factory:"),
    ],
    "About the data": [
        st.Page("app_pages/data_methods.py", title="Data & methods", icon=":material/description:"),
    ],
}

page = st.navigation(PAGES)
# Which page the previous run showed: a page that keeps a visitor's inputs in the session
# (Offer check) restores them when the visitor comes back (also with the browser's Back
# button, which drops the link's parameters).
st.session_state["came_from"] = st.session_state.get("showing")
st.session_state["showing"] = page.url_path
# The two tools from the first screen of every page: on a phone the navigation is folded
# behind the menu button, so without this row a visitor sees no way to them.
layout.tools_bar(OFFER_CHECK, PAY_BANDS)
page.run()
