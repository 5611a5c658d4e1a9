"""Shared fixtures: empty Streamlit caches for every test, and `app_page` for AppTest runs."""

from __future__ import annotations

import sys

import pytest

from tests.apptest_helpers import run_page


@pytest.fixture(autouse=True)
def _clear_streamlit_caches():
    """Start every test with an empty st.cache_data and st.cache_resource, so no test sees
    results (or figures) another test computed.

    The processed tables themselves are held by ui.cache (read once per process); a test that
    points the app at another data folder uses tests.apptest_helpers.app_data, which resets
    them. Streamlit is only touched when something already imported it: tests that never use
    it pay nothing.
    """
    st = sys.modules.get("streamlit")
    if st is not None:
        st.cache_data.clear()
        st.cache_resource.clear()
    yield


@pytest.fixture
def app_page():
    """`app_page("app_pages/hubs.py", query_params={...})`: the page run through dashboard.py.

    Same as tests.apptest_helpers.run_page (returns the AppTest after its run).
    """
    return run_page
