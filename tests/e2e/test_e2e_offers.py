"""The Offer check in a real browser: two offers typed in, kept across pages and Back, and the
shared link reproducing the same numbers in a fresh browser context."""

from __future__ import annotations

import re

import pytest

from tests.e2e.browser import VIEWPORT, settle

pytestmark = pytest.mark.e2e


def verdict_numbers(page) -> list[str]:
    """The take-home figures of the verdict cards, in order."""
    cards = page.get_by_test_id("stMetricValue")
    return [cards.nth(i).inner_text() for i in range(cards.count())]


def settled_numbers(page, polls: int = 4) -> list[str]:
    """The verdict figures once they have not changed for `polls` reads 400 ms apart (a rerun
    after the last input may still be redrawing the cards when the status widget hides)."""
    last, same = None, 0
    for _ in range(100):
        current = verdict_numbers(page)
        same = same + 1 if current == last else 0
        if same >= polls:
            return current
        last = current
        page.wait_for_timeout(400)
    raise AssertionError(f"the verdict cards kept changing: {last}")


def fill(page, label: str, value: str, nth: int) -> None:
    box = page.get_by_label(label, exact=True).nth(nth)
    box.fill(value)
    box.press("Enter")
    settle(page)


def test_two_offers_survive_pages_back_and_a_shared_link(page, dashboard_url, browser):
    from playwright.sync_api import expect

    page.goto(f"{dashboard_url}/offer_check")
    settle(page)
    # A bare link: two offers (awaited: settle can return between the title and the form)
    expect(page.get_by_label("Employer", exact=True)).to_have_count(2, timeout=30_000)
    fill(page, "Employer", "Acme", 0)
    fill(page, "Base salary ($/yr)", "165000", 0)
    fill(page, "Employer", "Globex", 1)
    fill(page, "Base salary ($/yr)", "150000", 1)
    fill(page, "Equity grant ($, vests over 4 years)", "160000", 1)
    page.wait_for_url(re.compile(r"b_equity=160000"))
    before = settled_numbers(page)
    assert len(before) == 2 and all(re.match(r"\$[\d,]+ a year", v) for v in before)
    assert "a_base=165000" in page.url
    link = page.get_by_test_id("stCode").last.inner_text().strip()
    assert link.startswith(dashboard_url) and "a_label=Acme" in link

    # Another page and back through the navigation: every input is still there.
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Tech hubs").click()
    settle(page)
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Offer check").click()
    settle(page)
    expect(page.get_by_label("Employer", exact=True).nth(1)).to_have_value("Globex")
    assert settled_numbers(page) == before
    # And with the browser's Back button.
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Cost of living").click()
    settle(page)
    page.go_back()
    settle(page)
    expect(page.get_by_label("Employer", exact=True).nth(0)).to_have_value("Acme")
    assert settled_numbers(page) == before

    # The shared link in a fresh context (a new visitor): the same comparison.
    context = browser.new_context(viewport=VIEWPORT)
    try:
        fresh = context.new_page()
        fresh.goto(link)
        settle(fresh)
        expect(fresh.get_by_label("Employer", exact=True).nth(1)).to_have_value("Globex")
        assert settled_numbers(fresh) == before
    finally:
        context.close()


def test_an_old_single_offer_link_still_opens(page, dashboard_url):
    from playwright.sync_api import expect

    page.goto(f"{dashboard_url}/offer_check?metro=12420&base=165000&level=Senior&equity=40000")
    settle(page)
    # The old link is translated first (one rerun with the new parameters), then drawn.
    expect(page.get_by_label("Employer", exact=True)).to_have_count(1, timeout=30_000)
    assert "a_metro=12420" in page.url and "a_base=165000" in page.url
    assert page.get_by_label("Base salary ($/yr)", exact=True).input_value() == "165000"
    assert (
        page.get_by_label("Equity grant ($, vests over 4 years)", exact=True).input_value()
        == "160000"
    )
    assert "Austin" in page.get_by_test_id("stMain").inner_text()
