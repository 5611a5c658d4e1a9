"""Shared fixtures: a clean st.cache_data for every test, and `app_page` for AppTest runs."""

from __future__ import annotations

import sys

import pytest

from tests.apptest_helpers import run_page


@pytest.fixture(autouse=True)
def _clear_streamlit_cache():
    """Start every test with an empty st.cache_data, so no test sees another's cached tables.

    Streamlit is only touched when something already imported it: tests that never use it
    pay nothing.
    """
    st = sys.modules.get("streamlit")
    if st is not None:
        st.cache_data.clear()
    yield


@pytest.fixture
def app_page():
    """`app_page("app_pages/hubs.py", query_params={...})`: the page run through dashboard.py.

    Same as tests.apptest_helpers.run_page (returns the AppTest after its run).
    """
    return run_page
