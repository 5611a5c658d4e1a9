"""Browser fixtures: one dashboard server per session, one Chromium, a fresh page per test.

Without Chromium or playwright the browser tests skip with the reason, except under CI=true,
where they fail: CI must never pass by skipping them. A full-page screenshot of every failing
browser test is saved under test-artifacts/e2e/failures/, the server log in
test-artifacts/e2e/server.log.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest

from tests.e2e.browser import (
    ROOT,
    VIEWPORT,
    chromium,
    missing_browser_reason,
    streamlit_server,
)

ARTIFACTS = ROOT / "test-artifacts" / "e2e"


def require(reason: str | None, what: str = "browser tests") -> None:
    """Skip `what` when `reason` (why it cannot run here) is set; under CI=true, fail instead."""
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} cannot run under CI=true: {reason}", pytrace=False)
    pytest.skip(f"{what} skipped: {reason}")


def _require_browser() -> None:
    require(missing_browser_reason(), "browser tests")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[object]:
    """The session's one Playwright driver (sync API): every browser launches from it."""
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver) -> Iterator[object]:
    """Headless Debian Chromium through Playwright, shared by the session."""
    with chromium(playwright_driver) as b:
        yield b


@pytest.fixture(scope="session")
def dashboard_url(browser) -> Iterator[str]:
    """Base URL ("http://127.0.0.1:PORT") of `streamlit run dashboard.py`, stopped at the end."""
    with streamlit_server("dashboard.py", log=ARTIFACTS / "server.log") as server:
        yield server.url


@pytest.fixture(scope="session")
def browser_context(browser) -> Iterator[object]:
    """One context for the session, so the app's static files are fetched once."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(30_000)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(browser_context, request) -> Iterator[object]:
    """A new tab for one test: its own websocket, so a fresh Streamlit session."""
    tab = browser_context.new_page()
    try:
        yield tab
    finally:
        failed = any(
            getattr(getattr(request.node, f"rep_{when}", None), "failed", False)
            for when in ("setup", "call")
        )
        if failed:
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
            shot = ARTIFACTS / "failures" / f"{name}.png"
            shot.parent.mkdir(parents=True, exist_ok=True)
            try:
                tab.screenshot(path=str(shot), full_page=True)
            except Exception as err:  # the page may be gone; the test's own error matters more
                print(f"could not save failure screenshot {shot}: {err}")
        tab.close()
