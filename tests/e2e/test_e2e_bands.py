"""Pay bands in a real browser: a typed effective date applies on Enter and on Tab, the URL and
the "Share this view" link carry it after the change, and the link opened by a new visitor
shows the same bands."""

from __future__ import annotations

import re

import pytest

from tests.e2e.browser import VIEWPORT, settle
from tests.e2e.checks import (
    exceptions,
    open_filters,
    open_page,
    page_url,
    stable_chart_signature,
    warnings,
)

pytestmark = pytest.mark.e2e

DATE = "Bands take effect on (YYYY-MM-DD)"
RATE = "Annual pay growth to that date (%)"


def answer(page) -> str:
    """The page's first text: the region's band for each level, with its date, and how sure."""
    return page.get_by_test_id("stMarkdown").first.inner_text()


def share_link(page) -> str:
    return page.get_by_test_id("stCode").last.inner_text().strip()


def type_into(page, label: str, text: str, key: str) -> None:
    """Type into a field of the page's filters box (opened first when closed)."""
    open_filters(page)
    box = page.get_by_role("textbox", name=label) if label == DATE else page.get_by_role(
        "spinbutton", name=label
    )  # fmt: skip
    box.fill(text)
    box.press(key)
    settle(page)


def test_a_typed_date_applies_and_the_share_link_reopens_the_same_bands(
    page, dashboard_url, browser
):
    from playwright.sync_api import expect

    link = page_url(
        dashboard_url, "pay_bands",
        {"metros": ["Seattle, WA", "Portland, OR"], "pct": "60th percentile"},
    )  # fmt: skip
    open_page(page, link)
    assert "as of 2025-05-15" in answer(page)
    type_into(page, DATE, "2027-01-01", "Enter")  # Enter applies it
    page.wait_for_url(re.compile(r"asof=2027-01-01"))
    expect(page.get_by_test_id("stMarkdown").first).to_contain_text("as of 2027-01-01")
    type_into(page, RATE, "3", "Tab")
    page.wait_for_url(re.compile(r"rate=3"))
    shared = share_link(page)
    assert "asof=2027-01-01" in shared and "rate=3" in shared, shared
    type_into(page, DATE, "2026-06-30", "Tab")  # so does Tab
    page.wait_for_url(re.compile(r"asof=2026-06-30"))
    expect(page.get_by_test_id("stMarkdown").first).to_contain_text("as of 2026-06-30")
    settle(page)
    shared = share_link(page)
    assert "asof=2026-06-30" in shared and "rate=3" in shared and "pct=60th" in shared, shared
    assert not exceptions(page) and not warnings(page)
    bands, charts = answer(page), stable_chart_signature(page)

    # Whoever opens the link sees the same bands (a fresh browser context: a new visitor).
    context = browser.new_context(viewport=VIEWPORT)
    try:
        fresh = context.new_page()
        open_page(fresh, shared)
        assert answer(fresh) == bands
        assert stable_chart_signature(fresh) == charts
        assert not warnings(fresh)
    finally:
        context.close()


def test_a_date_that_is_not_one_goes_back_with_a_note(page, dashboard_url):
    open_page(page, page_url(dashboard_url, "pay_bands", {"asof": "2027-01-01"}))
    type_into(page, DATE, "2027-02-30", "Enter")
    assert any("is not a date" in w for w in warnings(page)), warnings(page)
    assert page.get_by_role("textbox", name=DATE).input_value() == "2027-01-01"
    assert "asof=2027-01-01" in page.url and not exceptions(page)
