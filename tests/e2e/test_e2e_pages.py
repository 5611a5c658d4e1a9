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
