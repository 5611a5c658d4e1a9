"""`python -m benchmarks.pages`: what each page costs, as ratios to a floor page run alongside.

Three measurements, each repeated (`--runs`, `--cold-runs`) with the floor page
(benchmarks/floor_page.py: a title, one URL-bound selectbox, one small chart) interleaved:
floor, page 1, ..., page N, floor, page 1, ... A machine that slows down during the run slows
the floor's repetitions too, so the ratios ("× floor" = page statistic / floor statistic of the
same kind) hold up better than seconds.

- warm rerun: an AppTest rerun of the page's default view with every cache filled (the least
  any interaction costs). The default view is run once, untimed, first.
- first filter change: with empty st.cache_data and st.cache_resource, the default view is run
  (untimed), then the page's URL-bound filter (tests/e2e/page_specs.py) is set to its other
  value and the rerun is timed: the first visitor to ask for that view. Twice: after the
  statistics the page computes ahead for its filter's other values (`ui.cache.ahead`, in the
  background) are done, as for a visitor who looked at the first view for that long ("ahead":
  how long that took), and with nothing computed ahead ("alone"). The processed tables stay
  loaded (they are held by ui.cache, per server). Pages without a filter show "–".
- cold start: a fresh `streamlit run` per page and repetition; seconds from starting the
  process to the first plotly chart in headless Chromium (to the title, marked †, on a page
  without charts), plus the server's resident memory then.

The AppTest part runs in this process; page order is dashboard.py's. Prints markdown tables
of min and median (seconds, and × floor). Numbers depend on the machine; compare runs on the
same one. Options: --runs N, --cold-runs N, --page FILE (repeatable), --cold-page FILE
(repeatable; default: every page measured), --no-browser.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR_FILE = "benchmarks/floor_page.py"
FLOOR = "floor"
RUNS = 5
COLD_RUNS = 3
TIMEOUT_S = 300
# Installed before any page script: when the first plotly chart (and the first title) enters
# the DOM, in ms since navigation start: window.__firstChart, window.__firstTitle.
FIRST_CHART_PROBE = """
new MutationObserver((_, observer) => {
    if (!window.__firstTitle && document.querySelector("[data-testid='stMain'] h1")) {
        window.__firstTitle = performance.now();
    }
    if (document.querySelector('.js-plotly-plot .main-svg')) {
        window.__firstChart = performance.now();
        observer.disconnect();
    }
}).observe(document, {childList: true, subtree: true});
"""


FIRST_CHART = "() => Boolean(window.__firstChart)"
SCRIPT_DONE = """() => {
    const app = document.querySelector("[data-testid='stApp']");
    if (!window.__firstTitle || app?.getAttribute("data-test-script-state") !== "notRunning") {
        window.__doneAt = undefined;
        return false;
    }
    window.__doneAt = window.__doneAt || performance.now();
    return performance.now() - window.__doneAt > 1000;
}"""
"""A page whose default view draws no chart is done 1 s after its script finished (Streamlit's
stApp data-test-script-state) with its title drawn; a page with charts waits for the first."""


@dataclass
class Target:
    """A page to measure: its file ("app_pages/hubs.py" or the floor), browser path, filter."""

    file: str
    url_path: str
    filter_key: str | None = None
    filter_value: str | None = None  # the option as the widget shows it
    charts: bool = True  # whether its default view draws a chart (cold start waits for it)
    times: dict[str, list[float]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return FLOOR if self.file == FLOOR_FILE else self.file


def targets(files: Sequence[str] | None = None) -> list[Target]:
    """The floor and the dashboard's pages (all, or those in `files`), with their filters."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.apptest_helpers import dashboard_pages
    from tests.e2e.page_specs import PAGE_SPECS

    filters = {s.file: s.filter for s in PAGE_SPECS if s.filter is not None}
    charted = {s.file for s in PAGE_SPECS if s.min_charts > 0}
    found = [Target(FLOOR_FILE, "", "points", "20")]
    for entry in dashboard_pages():
        if files and entry.file not in files:
            continue
        flt = filters.get(entry.file)
        found.append(
            Target(
                entry.file,
                entry.url_path,
                flt and flt.param,
                flt and flt.text,
                charts=entry.file in charted,
            )
        )
    unknown = set(files or ()) - {t.file for t in found}
    if unknown:
        raise SystemExit(f"not pages of dashboard.py: {sorted(unknown)}")
    return found


def _app(target: Target):
    """An AppTest of `target`'s default view, run once (the floor runs on its own)."""
    from streamlit.testing.v1 import AppTest

    from tests.apptest_helpers import exception_summary, run_page

    if target.file == FLOOR_FILE:
        at = AppTest.from_file(str(ROOT / FLOOR_FILE), default_timeout=TIMEOUT_S).run()
    else:
        at = run_page(target.file, timeout=TIMEOUT_S)
    if at.exception:
        raise RuntimeError(f"{target.file}: {exception_summary(at)[:300]}")
    return at


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _clear_caches() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


def _change_filter(at, target: Target):
    """Pick `filter_value` (the option's shown text) in the filter's selectbox and rerun.

    The browser sends the shown text; AppTest's own setters take the option itself (or try
    the text through the widget's format_func, which not every page's accepts), so the
    selection is made by position, as the frontend reports it."""
    box = at.selectbox(key=target.filter_key)
    index = list(box.options).index(target.filter_value)

    class Picked(type(box)):
        @property
        def index(self) -> int:
            return index

    box.__class__ = Picked
    box._value = target.filter_value  # no longer the initial value: the state is sent
    return box.run()


def _first_filter(target: Target, ahead: bool) -> None:
    """One first filter change from empty caches: with `ahead`, after the page's compute-ahead
    (ui.cache.ahead) has finished, its time appended to `times["ahead"]`; without, nothing is
    computed ahead. Appends to `times["filter"]` or `times["filter_alone"]`."""
    from ui import cache

    os.environ[cache.AHEAD_ENV] = "1" if ahead else "0"
    _clear_caches()
    cache.reset_ahead()
    at = _app(target)
    if ahead:
        start = time.perf_counter()
        if not cache.idle(timeout=TIMEOUT_S):
            target.notes["ahead"] = f"compute-ahead unfinished after {TIMEOUT_S} s"
        target.times.setdefault("ahead", []).append(time.perf_counter() - start)
    kind = "filter" if ahead else "filter_alone"
    target.times.setdefault(kind, []).append(_timed(lambda: _change_filter(at, target)))
    cache.idle(timeout=TIMEOUT_S)  # the new view queues its own neighbours: not the next's time
    box = at.selectbox(key=target.filter_key)
    if at.exception:
        target.notes[kind] = f"exception: {at.exception[0].value}"[:120]
    elif box.format_func(box.value) != target.filter_value:
        target.notes[kind] = f"the filter shows {box.format_func(box.value)!r}"


def measure_scripts(found: list[Target], runs: int) -> None:
    """Warm reruns and first filter changes (after the compute-ahead, and with nothing computed
    ahead), interleaved; fills `times["warm"/"filter"/"filter_alone"/"ahead"]`."""
    from ui import cache

    before = os.environ.get(cache.AHEAD_ENV)
    os.environ[cache.AHEAD_ENV] = "0"  # warm reruns: nothing computed in the background
    apps = {}
    for target in found:  # untimed first runs: imports, tables, caches
        apps[target.file] = _app(target)
        target.times.update(warm=[])
    for _ in range(runs):
        for target in found:
            target.times["warm"].append(_timed(apps[target.file].run))
    for _ in range(runs):
        for target in found:
            if target.filter_key is not None:
                _first_filter(target, ahead=True)
                _first_filter(target, ahead=False)
    _clear_caches()
    if before is None:  # the cold starts' servers get the environment as it was
        os.environ.pop(cache.AHEAD_ENV, None)
    else:
        os.environ[cache.AHEAD_ENV] = before


def vm_rss_mb(pid: int) -> float | None:
    """Resident memory of process `pid` in MB, from /proc/<pid>/status (None if unreadable)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def cold_start(browser, target: Target, log: Path, timeout_s: float = 120) -> tuple[float, bool]:
    """Seconds from `streamlit run` to the first chart of `target` (to its title for a page
    without charts: then False) in a new browser context; records the server's resident
    memory in `target.times["rss"]`."""
    from tests.e2e.browser import VIEWPORT, streamlit_server

    script = FLOOR_FILE if target.file == FLOOR_FILE else "dashboard.py"
    start = time.perf_counter()
    with streamlit_server(script, log=log, startup_timeout=timeout_s) as server:
        context = browser.new_context(viewport=VIEWPORT)
        try:
            context.add_init_script(FIRST_CHART_PROBE)
            page = context.new_page()
            navigated = time.perf_counter()
            page.goto(f"{server.url}/{target.url_path}", wait_until="commit")
            page.wait_for_function(
                FIRST_CHART if target.charts else SCRIPT_DONE, timeout=timeout_s * 1000
            )
            chart_ms, title_ms = page.evaluate("() => [window.__firstChart, window.__firstTitle]")
            rss = vm_rss_mb(server.process.pid)
        finally:
            context.close()
    if rss is not None:
        target.times.setdefault("rss", []).append(rss)
    ms = chart_ms or title_ms
    return navigated - start + ms / 1000, bool(chart_ms)


def measure_cold(found: list[Target], cold_files: set[str] | None, runs: int) -> str | None:
    """Cold starts, interleaved; fills `times["cold"]`. Returns why it was skipped, or None."""
    from tests.e2e.browser import chromium, missing_browser_reason

    reason = missing_browser_reason()
    if reason:
        return reason
    log = ROOT / "test-artifacts" / "benchmarks" / "server.log"
    chosen = [t for t in found if cold_files is None or t.file in cold_files or t.name == FLOOR]
    with chromium() as browser:
        for _ in range(runs):
            for target in chosen:
                seconds, chart = cold_start(browser, target, log)
                target.times.setdefault("cold", []).append(seconds)
                if not chart:
                    target.notes["cold"] = "†"
    return None


def _cell(target: Target, floor: Target, kind: str) -> tuple[str, str]:
    """(min, median) cells: seconds and, for pages, × the floor's statistic of the same kind."""
    values, base = target.times.get(kind) or [], floor.times.get(kind) or []
    if not values:
        return "–", "–"
    cells = []
    for stat in (min, statistics.median):
        seconds = stat(values)
        ratio = f" ({seconds / stat(base):.1f}×)" if target is not floor and base else ""
        cells.append(f"{seconds:.3f}{ratio}")
    mark = target.notes.get(kind, "")
    return cells[0] + mark, cells[1] + mark


def report(found: list[Target], runs: int, cold_runs: int, skipped: str | None) -> str:
    """The markdown table of every measurement (floor first)."""
    floor = found[0]
    lines = [
        f"## Pages against the floor (warm and filter: {runs} runs; cold: {cold_runs} runs; "
        "seconds, (× floor) = the page's statistic / the floor's, min | median)",
        "",
        "| page | warm min | warm median | first filter min | first filter median "
        "| filter alone min | filter alone median | ahead median "
        "| cold start min | cold start median | server MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for target in found:
        rss, ahead = target.times.get("rss"), target.times.get("ahead")
        cells = [
            c
            for kind in ("warm", "filter", "filter_alone", "cold")
            for c in _cell(target, floor, kind)
        ]
        cells.insert(6, f"{statistics.median(ahead):.1f} s" if ahead else "–")
        memory = f"{statistics.median(rss):.0f}" if rss else "–"
        lines.append(f"| {target.name} | " + " | ".join(cells) + f" | {memory} |")
    notes = [f"{t.name}: {n}" for t in found for k, n in t.notes.items() if k != "cold"]
    if any(t.notes.get("cold") for t in found):
        notes.append("† the page draws no chart: cold start to its title, script finished")
    if skipped:
        notes.append(f"cold start not measured: {skipped}")
    return "\n".join(lines + (["", *notes] if notes else []))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS, help="warm and filter repetitions")
    parser.add_argument("--cold-runs", type=int, default=COLD_RUNS, help="cold repetitions")
    parser.add_argument("--page", action="append", help="only these page files")
    parser.add_argument("--cold-page", action="append", help="cold start only these pages")
    parser.add_argument("--no-browser", action="store_true", help="skip the cold starts")
    args = parser.parse_args(argv)

    found = targets(args.page)
    measure_scripts(found, args.runs)
    print(f"  measured warm reruns and filter changes of {len(found)} scripts", file=sys.stderr)
    skipped = "--no-browser" if args.no_browser else None
    if not args.no_browser:
        cold = set(args.cold_page) if args.cold_page else None
        skipped = measure_cold(found, cold, args.cold_runs)
    print(report(found, args.runs, args.cold_runs, skipped))
    return 0


if __name__ == "__main__":
    sys.exit(main())
