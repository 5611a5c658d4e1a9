"""`python -m benchmarks.pages`: what each page costs, as ratios to a floor page run alongside.

Every measurement is repeated with the floor page (benchmarks/floor_page.py: a title, one
URL-bound selectbox, one small chart) interleaved: floor, page 1, ..., page N, floor, page 1,
... A machine that slows down during the run slows the floor's repetitions too, so the ratios
("× floor" = page statistic / floor statistic of the same kind) hold up better than seconds.

Script time, in AppTest (this process; `--runs`):
- warm rerun: a rerun of the page's default view with every cache filled (the least any
  interaction costs). The default view is run once, untimed, first.
- first filter (script): with empty st.cache_data and st.cache_resource, the default view is
  run (untimed), then the page's URL-bound filter (tests/e2e/page_specs.py) is set to its
  other value and the rerun is timed. The processed tables stay loaded (held by ui.cache).

What a visitor waits for, in headless Chromium (`--browser-runs`; each round a fresh
`streamlit run` of the page, or of the floor page):
- cold start: from starting the process to the first plotly chart (to the title, marked †,
  on a page without charts);
- first filter (browser): the filter's other option clicked in its selectbox, to the page
  settled (script finished, every chart drawn with its new data, nothing changing for
  SETTLE_MS; the time is that of the last change);
- warm load (browser): a new tab at the default view the server has just shown, from
  navigation to settled;
- server MB: the server's resident memory at the end of the round; and, once, the memory of
  one server after a tab has shown every page once.

Page order is dashboard.py's; pages without a filter show "–". Prints a markdown table of min
and median (seconds, and × floor). Numbers depend on the machine; compare runs on the same
one. Options: --runs N, --browser-runs N, --page FILE (repeatable), --browser-page FILE
(repeatable; default: every page), --no-browser.
"""

from __future__ import annotations

import argparse
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
BROWSER_RUNS = 3
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
    filter_label: str | None = None  # the widget's label (the browser picks by it)
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
    found = [Target(FLOOR_FILE, "", "points", "20", "Points")]
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
                flt and flt.label,
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


def _first_filter(target: Target) -> None:
    """One first filter change from empty caches: the default view run (untimed), then the
    filter set to its other value, timed into `times["filter"]`."""
    _clear_caches()
    at = _app(target)
    from tests.apptest_helpers import pick

    change = lambda: pick(at, target.filter_key, target.filter_value)  # noqa: E731
    target.times.setdefault("filter", []).append(_timed(change))
    box = at.selectbox(key=target.filter_key)
    if at.exception:
        target.notes["filter"] = f"exception: {at.exception[0].value}"[:120]
    elif box.format_func(box.value) != target.filter_value:
        target.notes["filter"] = f"the filter shows {box.format_func(box.value)!r}"


def measure_scripts(found: list[Target], runs: int) -> None:
    """Warm reruns and first filter changes in AppTest, interleaved; fills
    `times["warm"]` and `times["filter"]`."""
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
                _first_filter(target)
    _clear_caches()


def vm_rss_mb(pid: int) -> float | None:
    """Resident memory of process `pid` in MB, from /proc/<pid>/status (None if unreadable)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


QUIET_JS = """async ([settleMs, before]) => {
    // Resolves, once the app has been idle for settleMs with every chart drawn (and, given
    // `before`, the charts no longer show it), with the time (performance.now()) of the last
    // change of what the page shows: its script state or the data of any chart.
    const busy = () =>
        document.querySelector("[data-testid='stStatusWidget']") ||
        document.querySelector("[data-testid='stApp']")
            ?.getAttribute("data-test-script-state") !== "notRunning" ||
        document.querySelector("[data-testid='stMain'] [data-testid^='stSkeleton']");
    const charts = () => [...document.querySelectorAll('.js-plotly-plot')];
    const drawn = () => charts().every(e => e.querySelector('.main-svg'));
    const data = gd => JSON.stringify(gd.data || [], (k, v) => (k === 'uid' ? undefined : v));
    const look = () => (busy() ? 'busy' : 'idle') + '|' + charts().map(data).join('|');
    let last = look(), changedAt = performance.now();
    return await new Promise(resolve => {
        const tick = () => {
            const now = look();
            if (now !== last) { last = now; changedAt = performance.now(); }
            const done = !busy() && drawn() && (before === null || now !== before);
            if (done && performance.now() - changedAt >= settleMs) resolve(changedAt);
            else setTimeout(tick, 25);
        };
        tick();
    });
}"""
"""What a visitor waits for: the moment the page stopped changing (script finished, every chart
drawn with its new data), found by polling every 25 ms until nothing changed for SETTLE_MS."""
SETTLE_MS = 600
LOOK_JS = QUIET_JS.split("let last")[0].split("=> {", 1)[1]


def _look(page) -> str:
    return page.evaluate("() => {" + LOOK_JS + " return look(); }")


def _quiet(page, before: str | None = None, timeout_s: float = TIMEOUT_S) -> float:
    """performance.now() (ms) of the page's last change once it has settled."""
    page.set_default_timeout(timeout_s * 1000)
    return page.evaluate(QUIET_JS, [SETTLE_MS, before])


def _pick(page, target: Target) -> float:
    """Pick `filter_value` in the filter's selectbox; seconds until the page settled again."""
    from tests.e2e.checks import selectbox

    box = selectbox(page, target.filter_label)
    box.click()
    box.fill(target.filter_value)  # long option lists are virtualised: narrow them down first
    option = page.get_by_role("option", name=target.filter_value, exact=True)
    before = _look(page)
    clicked = page.evaluate("() => performance.now()")
    option.click()
    return (_quiet(page, before) - clicked) / 1000


def browser_round(browser, target: Target, log: Path, timeout_s: float = 120) -> None:
    """One fresh `streamlit run` for `target`, in headless Chromium: cold start (process start
    to the first chart; to the title for a page without charts, marked †), the first filter
    change (the widget picked, to the page settled), a warm load (a new tab at the default
    view: navigation to settled) and the server's resident memory at the end."""
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
            target.times.setdefault("cold", []).append(
                navigated - start + (chart_ms or title_ms) / 1000
            )
            if not chart_ms:
                target.notes["cold"] = "†"
            _quiet(page)
            if target.filter_key is not None:
                target.times.setdefault("browser_filter", []).append(_pick(page, target))
            again = context.new_page()
            again.goto(f"{server.url}/{target.url_path}", wait_until="commit")
            target.times.setdefault("browser_warm", []).append(_quiet(again) / 1000)
            rss = vm_rss_mb(server.process.pid)
        finally:
            context.close()
    if rss is not None:
        target.times.setdefault("rss", []).append(rss)


def tour_memory(browser, found: list[Target], log: Path, timeout_s: float = 120) -> float | None:
    """Resident memory (MB) of one dashboard server after one tab has shown every page's
    default view once, each settled."""
    from tests.e2e.browser import VIEWPORT, streamlit_server

    pages = [t for t in found if t.file != FLOOR_FILE]
    with streamlit_server("dashboard.py", log=log, startup_timeout=timeout_s) as server:
        context = browser.new_context(viewport=VIEWPORT)
        try:
            page = context.new_page()
            for target in pages:
                page.goto(f"{server.url}/{target.url_path}", wait_until="commit")
                _quiet(page)
            return vm_rss_mb(server.process.pid)
        finally:
            context.close()


def measure_browser(
    found: list[Target], browser_files: set[str] | None, runs: int
) -> tuple[str | None, float | None]:
    """Browser rounds, interleaved (floor, page 1, ..., floor, ...), then the memory of a tour
    of every page. Returns (why it was skipped or None, tour MB)."""
    from tests.e2e.browser import chromium, missing_browser_reason

    reason = missing_browser_reason()
    if reason:
        return reason, None
    log = ROOT / "test-artifacts" / "benchmarks" / "server.log"
    chosen = [t for t in found if browser_files is None or t.file in browser_files]
    chosen = [t for t in found if t.name == FLOOR and t not in chosen] + chosen
    with chromium() as browser:
        for _ in range(runs):
            for target in chosen:
                browser_round(browser, target, log)
        tour = tour_memory(browser, found, log) if len(found) > 2 else None
    return None, tour


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


COLUMNS = {
    "warm": "warm rerun (script)",
    "filter": "first filter (script)",
    "browser_filter": "first filter (browser)",
    "browser_warm": "warm load (browser)",
    "cold": "cold start",
}


def report(found: list[Target], runs: int, browser_runs: int, skipped: str | None,
           tour: float | None) -> str:  # fmt: skip
    """The markdown table of every measurement (floor first)."""
    floor = found[0]
    header = " | ".join(f"{name} min | {name} median" for name in COLUMNS.values())
    lines = [
        f"## Pages against the floor (script: {runs} runs; browser: {browser_runs} runs; "
        "seconds, (× floor) = the page's statistic / the floor's, min | median)",
        "",
        f"| page | {header} | server MB |",
        "|---|" + "---:|" * (2 * len(COLUMNS) + 1),
    ]
    for target in found:
        rss = target.times.get("rss")
        cells = [c for kind in COLUMNS for c in _cell(target, floor, kind)]
        memory = f"{statistics.median(rss):.0f}" if rss else "–"
        lines.append(f"| {target.name} | " + " | ".join(cells) + f" | {memory} |")
    notes = [f"{t.name}: {n}" for t in found for k, n in t.notes.items() if k != "cold"]
    if any(t.notes.get("cold") for t in found):
        notes.append("† the page draws no chart: cold start to its title, script finished")
    if tour is not None:
        notes.append(f"server memory after every page once (one tab): {tour:.0f} MB")
    if skipped:
        notes.append(f"browser not measured: {skipped}")
    return "\n".join(lines + (["", *notes] if notes else []))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS, help="warm and filter repetitions")
    parser.add_argument(
        "--browser-runs", type=int, default=BROWSER_RUNS, help="browser repetitions"
    )
    parser.add_argument("--page", action="append", help="only these page files")
    parser.add_argument(
        "--browser-page", action="append", help="in the browser only these pages (and the floor)"
    )
    parser.add_argument("--no-browser", action="store_true", help="skip the browser")
    args = parser.parse_args(argv)

    found = targets(args.page)
    measure_scripts(found, args.runs)
    print(f"  measured warm reruns and filter changes of {len(found)} scripts", file=sys.stderr)
    skipped, tour = ("--no-browser", None) if args.no_browser else (None, None)
    if not args.no_browser:
        chosen = set(args.browser_page) if args.browser_page else None
        skipped, tour = measure_browser(found, chosen, args.browser_runs)
    print(report(found, args.runs, args.browser_runs, skipped, tour))
    return 0


if __name__ == "__main__":
    sys.exit(main())
