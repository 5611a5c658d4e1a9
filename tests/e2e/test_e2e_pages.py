"""Every dashboard page in a real browser: default view, and its URL-bound filter if it has one.

Expectations live in tests/e2e/page_specs.py. The default view of each page is saved as
test-artifacts/e2e/<page>.png (for the README and for reviewing a run).
"""

from __future__ import annotations

import pytest

from tests.e2e.checks import check_default_view, check_filter_from_url, check_filter_from_widget
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.page_specs import PAGE_SPECS

pytestmark = pytest.mark.e2e

WITH_FILTER = [pytest.param(s, id=s.name) for s in PAGE_SPECS if s.filter is not None] or [
    pytest.param(None, id="none", marks=pytest.mark.skip(reason="no page declares a filter yet"))
]


@pytest.mark.parametrize("spec", PAGE_SPECS, ids=[s.name for s in PAGE_SPECS])
def test_default_view(page, dashboard_url, spec):
    check_default_view(page, spec, dashboard_url, ARTIFACTS / f"{spec.name}.png")


@pytest.mark.parametrize("spec", WITH_FILTER)
def test_filter_survives_link_and_reload(page, dashboard_url, spec):
    check_filter_from_url(page, dashboard_url, spec.url_path, spec.filter)


@pytest.mark.parametrize("spec", WITH_FILTER)
def test_filter_widget_updates_url(page, dashboard_url, spec):
    check_filter_from_widget(page, dashboard_url, spec.url_path, spec.filter)


def test_shared_link_is_the_first_request_of_a_fresh_server(browser):
    """A link to a page, opened before anyone has visited the app, gets the real navigation.

    (A folder named `pages/` beside dashboard.py made Streamlit route such a first request
    through its automatic page list instead of st.navigation: wrong titles, no page config.)
    """
    from tests.e2e.browser import settle, streamlit_server

    with streamlit_server("dashboard.py", log=ARTIFACTS / "server-deeplink.log") as server:
        tab = browser.new_page()
        try:
            tab.goto(f"{server.url}/hubs?occ=15-1252")
            settle(tab)
            labels = "els => els.map(e => e.innerText.trim().split('\\n').pop().trim())"
            nav = tab.eval_on_selector_all("[data-testid='stSidebarNav'] a", labels)
            assert "Tech hubs" in nav and "dashboard" not in nav, nav
            assert tab.locator("h1").first.inner_text().strip() == "Tech hubs"
            assert "occ=15-1252" in tab.url
        finally:
            tab.close()
