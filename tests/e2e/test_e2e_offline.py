"""Offline for real: no request leaves the machine while any page of the app loads.

For every page routed in dashboard.py (parsed by tests.apptest_helpers.dashboard_pages), a
fresh browser context (empty cache) opens the page, waits until the script has finished, every
plotly chart is drawn and the network is idle, and records every request the page made
(`page.on("request")`, websockets included). Anything that is not 127.0.0.1 / localhost /
[::1] / data: / blob: fails the test, named with its page. Such requests are also aborted, so
the test never reaches the internet even on a machine that could, and is as fast without it.

The server runs as a plain `streamlit run dashboard.py` does (all interfaces, no address), and
its own start is checked too: with no browser.serverAddress set, Streamlit asks
checkip.amazonaws.com for the machine's public address to print an "External URL".

The favicon gets a check of its own: Streamlit swaps the tab icon in from page_icon after the
page loads (":material/..." icons come from fonts.gstatic.com), and the swapped-in icon must be
local and really there (not a 404 that would leave the tab without an icon).
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest

from tests.apptest_helpers import dashboard_pages
from tests.e2e.browser import VIEWPORT, settle, streamlit_server
from tests.e2e.conftest import ARTIFACTS

pytestmark = pytest.mark.e2e

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
LOCAL_SCHEMES = {"data", "blob"}
ALL_CHARTS_DRAWN = (
    "() => [...document.querySelectorAll('.js-plotly-plot')]"
    ".every(e => e.querySelector('.main-svg'))"
)
FAVICON_HREF = "() => document.querySelector(\"link[rel='shortcut icon']\")?.href ?? null"
PAGES = dashboard_pages()


def is_local(url: str) -> bool:
    """True for URLs that stay on this machine: loopback hosts, data: and blob: URLs."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname in LOCAL_HOSTS


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://127.0.0.1:8501/app/static/favicon.png", True),
        ("ws://localhost:9/_stcore/stream", True),
        ("http://[::1]:8501/", True),
        ("data:image/svg+xml,<svg/>", True),
        ("blob:http://127.0.0.1:8501/0b7c", True),
        ("https://fonts.gstatic.com/s/i/short-term/release/x/24px.svg", False),
        ("http://127.0.0.1.example.com/", False),
        ("https://cdn.plot.ly/un/usa_110m.json", False),
        ("chrome-extension://abc/x.js", False),
    ],
)
def test_is_local(url, local):
    assert is_local(url) is local


@pytest.fixture(scope="module")
def offline_server(browser):
    """`streamlit run dashboard.py` listening on all interfaces, like a local run."""
    with streamlit_server("dashboard.py", log=ARTIFACTS / "server-offline.log", address=None) as s:
        yield s


def test_server_start_asks_no_outside_service(offline_server):
    end = time.monotonic() + 15  # the URL is printed just after the server answers
    while "URL:" not in (log := offline_server.log_tail(20_000)) and time.monotonic() < end:
        time.sleep(0.2)
    assert "URL: http://localhost:" in log, log
    assert "External URL" not in log and "external IP" not in log, (
        f"the server looked up its public address at start:\n{log}"
    )


@pytest.mark.parametrize("entry", PAGES, ids=[p.name for p in PAGES])
def test_page_load_stays_on_this_machine(browser, offline_server, entry):
    dashboard_url = offline_server.url
    # A fresh context per page: nothing is served from an earlier page's cache.
    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    requested: list[str] = []
    outside: list[str] = []

    def guard(route):
        if is_local(route.request.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort("blockedbyclient")

    try:
        context.route("**/*", guard)
        page = context.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.on("websocket", lambda ws: requested.append(ws.url))
        page.goto(f"{dashboard_url}/{entry.url_path}", wait_until="domcontentloaded")
        settle(page)
        page.wait_for_function(ALL_CHARTS_DRAWN, timeout=30_000)
        page.wait_for_load_state("networkidle", timeout=30_000)
        favicon = page.evaluate(FAVICON_HREF)
        if favicon and favicon.startswith("data:"):
            favicon_status = 200  # inline (an emoji page_icon): nothing to fetch
        elif favicon and is_local(favicon):
            favicon_status = page.request.get(favicon).status
        else:
            favicon_status = None
    finally:
        context.close()

    leaving = sorted(set(outside) | {u for u in requested if not is_local(u)})
    assert not leaving, (
        f"{entry.file} ({entry.title}) requested {len(leaving)} URL(s) off this machine: "
        f"{leaving[:10]}"
    )
    assert any(u.startswith(dashboard_url) for u in requested), "recorded no request at all"
    assert favicon and is_local(favicon), f"{entry.file}: tab icon {favicon!r} is not local"
    assert favicon_status == 200, f"{entry.file}: tab icon {favicon} answers {favicon_status}"
