"""`python -m benchmarks.load`: many viewers on one server, for a bounded time.

One `streamlit run dashboard.py` on loopback; headless Chromium opens `--sessions` browser
contexts (each its own Streamlit session, as separate visitors are), and each walks every page
of dashboard.py in turn, starting at a different page, until `--seconds` have passed. A page
time is from navigation to the page being done: something drawn (a title, a chart, an alert
or an error) and no "Running..." status for 300 ms, counted to when the status went away.
Meanwhile `--pollers` threads ask /_stcore/health in a loop (a load balancer's check), and the
server's resident memory is sampled every 0.2 s.

The floor is the same walk by one session on the same server, run first, and the health check
with nobody browsing: the table gives each load figure as × that floor (page p50 / floor page
p50, and so on), so a slow machine shows in both. Errors are pages that showed an exception,
lost the connection or did not finish within `--page-timeout`.

Prints a markdown table; exits 1 if any page errored or peak memory exceeded `--rss-limit-mb`
(the README's target, 500 MB with 10 sessions). Numbers depend on the machine; compare runs
on the same one. A browser on the same two cores as the server also costs the server CPU: the
page times are an upper bound of what a visitor on their own machine would see.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.pages import vm_rss_mb  # noqa: E402
from tests.apptest_helpers import dashboard_pages  # noqa: E402
from tests.e2e.browser import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    EXCEPTION,
    VIEWPORT,
    missing_browser_reason,
    streamlit_server,
)

SESSIONS = 10
SECONDS = 120.0
POLLERS = 50
RSS_LIMIT_MB = 500.0
PAGE_TIMEOUT_S = 90.0
# Done = something drawn and no status widget for 300 ms; returns ms since navigation at which
# the status widget was last seen gone (the page's time), or {error} when the app shows one.
DONE = """
() => new Promise(resolve => {
    let quietSince = null;
    const tick = () => {
        const main = document.querySelector("[data-testid='stMain']");
        const drawn = main && main.querySelector(
            "[data-testid='stHeading'], [data-testid='stException'], " +
            "[data-testid='stAlert'], .js-plotly-plot");
        const running = document.querySelector("[data-testid='stStatusWidget']");
        const lost = document.querySelector("[data-testid='stConnectionStatus']") ||
            /Connection error|Is Streamlit still running/.test(document.body?.innerText || "");
        if (lost) return resolve({error: "connection lost"});
        if (drawn && !running) {
            if (quietSince === null) quietSince = performance.now();
            if (performance.now() - quietSince >= 300) return resolve({ms: quietSince});
        } else {
            quietSince = null;
        }
        setTimeout(tick, 50);
    };
    tick();
})
"""


@dataclass
class Walk:
    """What one phase measured: page times (s), errors, health times (s), memory (MB)."""

    pages: list[float] = field(default_factory=list)
    by_page: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    health: list[float] = field(default_factory=list)
    health_errors: int = 0
    rss: list[float] = field(default_factory=list)


class Sampler:
    """Background threads for the phase: memory sampling and health pollers."""

    def __init__(self, pid: int, url: str, pollers: int, walk: Walk) -> None:
        self.stop = threading.Event()
        self.walk = walk
        self.threads = [threading.Thread(target=self._memory, args=(pid,), daemon=True)]
        self.threads += [
            threading.Thread(target=self._poll, args=(url,), daemon=True) for _ in range(pollers)
        ]

    def _memory(self, pid: int) -> None:
        while not self.stop.is_set():
            mb = vm_rss_mb(pid)
            if mb is not None:
                self.walk.rss.append(mb)
            self.stop.wait(0.2)

    def _poll(self, url: str) -> None:
        while not self.stop.is_set():
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=30) as answer:
                    answer.read()
                self.walk.health.append(time.perf_counter() - start)
            except OSError:
                self.walk.health_errors += 1
            self.stop.wait(0.1)

    def __enter__(self) -> Sampler:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=35)


async def _session(
    browser,
    url: str,
    paths: list[str],
    start: int,
    deadline: float,
    walk: Walk,
    page_timeout: float,
    once: bool,
) -> None:
    """One visitor: a new browser context walking the pages from `paths[start]` on."""
    context = await browser.new_context(viewport=VIEWPORT)
    try:
        page = await context.new_page()
        i = start
        while time.monotonic() < deadline:
            path = paths[i % len(paths)]
            i += 1
            try:
                await page.goto(f"{url}/{path}", wait_until="commit")
                result = await asyncio.wait_for(page.evaluate(DONE), page_timeout)
                if "error" in result:
                    walk.errors.append(f"/{path}: {result['error']}")
                    page = await _fresh(context, page)
                elif await page.locator(EXCEPTION).count():
                    walk.errors.append(f"/{path}: exception shown")
                else:
                    seconds = result["ms"] / 1000
                    walk.pages.append(seconds)
                    walk.by_page.setdefault(path or "/", []).append(seconds)
            except Exception as error:  # a load test counts every failure
                walk.errors.append(f"/{path}: {type(error).__name__} {str(error)[:80]}")
                page = await _fresh(context, page)
            if once and i - start >= len(paths):
                return
    finally:
        await context.close()


async def _fresh(context, page):
    """A new tab after a failed one (a hung tab would fail every later page)."""
    await page.close()
    return await context.new_page()


async def _walk(
    url: str,
    paths: list[str],
    sessions: int,
    seconds: float,
    page_timeout: float,
    once: bool,
    walk: Walk,
) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            deadline = time.monotonic() + seconds
            step = max(1, len(paths) // max(1, sessions))
            await asyncio.gather(
                *(
                    _session(browser, url, paths, k * step, deadline, walk, page_timeout, once)
                    for k in range(sessions)
                )
            )
        finally:
            await browser.close()


def run_phase(
    server,
    paths: list[str],
    sessions: int,
    seconds: float,
    pollers: int,
    page_timeout: float,
    once: bool,
) -> Walk:
    """Browse with `sessions` visitors (each page once if `once`) while polling health."""
    walk = Walk()
    with Sampler(server.process.pid, server.url, pollers, walk):
        asyncio.run(_walk(server.url, paths, sessions, seconds, page_timeout, once, walk))
    return walk


def _q(values: list[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


def _cell(value: float | None, base: float | None, unit: str = "s") -> str:
    if value is None:
        return "–"
    text = f"{value:.2f} {unit}" if unit == "s" else f"{value:.0f} {unit}"
    return text + (f" ({value / base:.1f}×)" if base else "")


def report(
    floor: Walk, load: Walk, sessions: int, seconds: float, pollers: int, limit_mb: float
) -> str:
    """The markdown table: the load phase against the one-session floor of the same run."""
    peak = max(load.rss, default=None)
    rows = [
        ("page views finished", f"{len(floor.pages)}", f"{len(load.pages)}"),
        ("page errors", f"{len(floor.errors)}", f"{len(load.errors)}"),
        (
            "page time p50",
            _cell(_q(floor.pages, 0.5), None),
            _cell(_q(load.pages, 0.5), _q(floor.pages, 0.5)),
        ),
        (
            "page time p95",
            _cell(_q(floor.pages, 0.95), None),
            _cell(_q(load.pages, 0.95), _q(floor.pages, 0.95)),
        ),
        (
            "health check p50",
            _cell(_q(floor.health, 0.5), None),
            _cell(_q(load.health, 0.5), _q(floor.health, 0.5)),
        ),
        (
            "health check p95",
            _cell(_q(floor.health, 0.95), None),
            _cell(_q(load.health, 0.95), _q(floor.health, 0.95)),
        ),
        ("health check errors", f"{floor.health_errors}", f"{load.health_errors}"),
        (
            "server memory peak",
            _cell(max(floor.rss, default=None), None, "MB"),
            _cell(peak, max(floor.rss, default=None), "MB"),
        ),
    ]
    lines = [
        f"## Load: {sessions} sessions for {seconds:.0f} s, {pollers} health pollers, one server",
        "",
        "| measure | floor: 1 session, each page once | load (× floor) |",
        "|---|---:|---:|",
        *[f"| {name} | {a} | {b} |" for name, a, b in rows],
        "",
        "| page | views | p50 | p95 |",
        "|---|---:|---:|---:|",
        *[
            f"| /{p.strip('/')} | {len(v)} | {_q(v, 0.5):.2f} s | {_q(v, 0.95):.2f} s |"
            for p, v in sorted(load.by_page.items())
        ],
        "",
        f"Peak memory {'within' if peak is not None and peak <= limit_mb else 'OVER'} "
        f"the {limit_mb:.0f} MB target.",
    ]
    lines += [f"- {e}" for e in (floor.errors + load.errors)[:20]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=SESSIONS)
    parser.add_argument("--seconds", type=float, default=SECONDS)
    parser.add_argument("--pollers", type=int, default=POLLERS)
    parser.add_argument("--rss-limit-mb", type=float, default=RSS_LIMIT_MB)
    parser.add_argument("--page-timeout", type=float, default=PAGE_TIMEOUT_S)
    parser.add_argument(
        "--page", action="append", help="url path, e.g. industries (repeatable; default: all)"
    )
    args = parser.parse_args(argv)
    reason = missing_browser_reason()
    if reason:
        print(f"load benchmark skipped: {reason}")
        return 2
    paths = [e.url_path for e in dashboard_pages()]
    if args.page:
        wanted = {p.strip("/") for p in args.page}
        if unknown := wanted - set(paths):
            parser.error(f"no such page: {', '.join(sorted(unknown))}; pages: {', '.join(paths)}")
        paths = [p for p in paths if p in wanted]
    log = ROOT / "test-artifacts" / "benchmarks" / "load-server.log"
    with streamlit_server("dashboard.py", log=log) as server:
        floor = run_phase(server, paths, 1, 3600, args.pollers and 1, args.page_timeout, True)
        load = run_phase(
            server, paths, args.sessions, args.seconds, args.pollers, args.page_timeout, False
        )
    print(report(floor, load, args.sessions, args.seconds, args.pollers, args.rss_limit_mb))
    peak = max(load.rss, default=0.0)
    return 1 if floor.errors or load.errors or peak > args.rss_limit_mb else 0


if __name__ == "__main__":
    raise SystemExit(main())
