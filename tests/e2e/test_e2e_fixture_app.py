"""The browser checks themselves, on a small fixture app with a URL-bound selectbox.

Proves the filter round trip and the page checks work before any dashboard page declares a
filter in page_specs.py (and tells a broken check apart from a broken page).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.browser import streamlit_server
from tests.e2e.checks import (
    check_default_view,
    check_filter_from_url,
    check_filter_from_widget,
    exceptions,
    open_page,
    page_url,
)
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.page_specs import Filter, PageSpec

pytestmark = pytest.mark.e2e

PICKER = PageSpec(
    "pages/picker.py",
    "picker",
    title="Fixture picker",
    known_text="Chosen colour: red",
    min_charts=1,
    filter=Filter("colour", "blue", "Colour"),
)


@pytest.fixture(scope="module")
def fixture_url(browser) -> Iterator[str]:
    with streamlit_server(
        "tests/e2e/fixture_app/app.py", log=ARTIFACTS / "fixture-server.log"
    ) as server:
        yield server.url


def test_checks_pass_on_default_view(page, fixture_url, tmp_path):
    check_default_view(page, PICKER, fixture_url, tmp_path / "picker.png")
    assert (tmp_path / "picker.png").stat().st_size > 0


def test_default_view_check_catches_a_wrong_title(page, fixture_url, tmp_path):
    wrong = PageSpec("pages/picker.py", "picker", title="Another title")
    with pytest.raises(AssertionError):
        check_default_view(page, wrong, fixture_url, tmp_path / "x.png")


def test_filter_from_url_and_reload(page, fixture_url):
    check_filter_from_url(page, fixture_url, PICKER.url_path, PICKER.filter)


def test_filter_from_widget(page, fixture_url):
    check_filter_from_widget(page, fixture_url, PICKER.url_path, PICKER.filter)


def test_junk_url_value_warns_without_exception(page, fixture_url):
    open_page(page, page_url(fixture_url, "picker", {"colour": "junk"}))
    assert not exceptions(page)
    assert "not one this page knows" in page.locator("[data-testid='stAlert']").inner_text()
