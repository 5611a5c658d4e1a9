"""`python -m benchmarks.pages`: how long each page's script takes, against a floor page.

For every page in dashboard.py plus benchmarks/floor_page.py, a fresh Python process runs the
page with Streamlit's AppTest:

- cold s: the first run, with an empty st.cache_data. The libraries every page uses
  (streamlit, pandas, numpy, plotly, pyarrow) are imported beforehand; the project's own
  modules and the tables are not, so their import and load are part of "cold".
- warm s: the median of 5 further runs in the same session (caches filled).
- warm / floor: warm time over the floor page's warm time.
- peak MB: the process's peak resident memory (resource.getrusage ru_maxrss), baseline included.

Then, in headless Chromium (skipped with a reason when Chromium or playwright is missing):
time from a cold `streamlit run dashboard.py` to the first plotly chart on the default page,
and the server's resident memory (VmRSS) after visiting every page.

Options: --no-browser, --runs N (warm runs, default 5), --page app_pages/x.py (only that page).
Prints markdown tables. Numbers depend on the machine; compare runs on the same one.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = ROOT / "benchmarks" / "floor_page.py"
FLOOR_NAME = "floor (benchmarks/floor_page.py)"
WARM_RUNS = 5
# Installed before any page script: records when the first plotly chart enters the DOM
# (ms since navigation start) in window.__firstChart.
FIRST_CHART_PROBE = """
new MutationObserver((_, observer) => {
    if (document.querySelector('.js-plotly-plot .main-svg')) {
        window.__firstChart = performance.now();
        observer.disconnect();
    }
}).observe(document, {childList: true, subtree: true});
"""


def measure_one(page_file: str, runs: int, timeout: float = 300) -> dict[str, object]:
    """In this process: cold then warm AppTest runs of one page; returns timings and peak RSS.

    `page_file` is a dashboard page ("app_pages/hubs.py") or "floor".
    """
    import resource

    import numpy  # noqa: F401  (pre-imported: see the module docstring)
    import pandas  # noqa: F401
    import plotly.graph_objects  # noqa: F401
    import pyarrow.parquet  # noqa: F401
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.apptest_helpers import run_page

    st.cache_data.clear()
    start = time.perf_counter()
    if page_file == "floor":
        at = AppTest.from_file(str(FLOOR), default_timeout=timeout).run()
    else:
        at = run_page(page_file, timeout=timeout)
    cold = time.perf_counter() - start
    warm: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - start)
    return {
        "cold": cold,
        "warm": statistics.median(warm),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "exception": [str(e.value)[:200] for e in at.exception],
        "charts": len(at.get("plotly_chart")),
    }


def measure_in_subprocess(page_file: str, runs: int) -> dict[str, object]:
    """Run `measure_one` in a fresh interpreter; returns its result or {"error": ...}."""
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.pages", "--one", page_file, "--runs", str(runs)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=900,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        return {"error": f"exit {proc.returncode}: {tail[0][:150]}"}
    return json.loads(lines[-1])


def script_table(pages: list[str], runs: int) -> str:
    """Markdown table of cold/warm/peak for the floor page and `pages`."""
    floor = measure_in_subprocess("floor", runs)
    rows = [(FLOOR_NAME, floor)]
    for page_file in pages:
        rows.append((page_file, measure_in_subprocess(page_file, runs)))
        print(f"  measured {page_file}", file=sys.stderr)
    floor_warm = floor.get("warm")
    lines = [
        "| page | cold s | warm s | warm / floor | peak MB | charts | note |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for name, r in rows:
        if "error" in r:
            lines.append(f"| {name} | – | – | – | – | – | failed: {r['error']} |")
            continue
        ratio = f"{r['warm'] / floor_warm:.1f}×" if floor_warm else "–"
        note = f"exception: {r['exception'][0]}" if r["exception"] else ""
        lines.append(
            f"| {name} | {r['cold']:.3f} | {r['warm']:.3f} | {ratio} | {r['peak_mb']:.0f} "
            f"| {r['charts']} | {note} |"
        )
    return "\n".join(lines)


def vm_rss_mb(pid: int) -> float | None:
    """Resident memory of process `pid` in MB, from /proc/<pid>/status (None if unreadable)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def browser_table(pages: list[tuple[str, str]], chart_timeout_s: float = 60) -> str:
    """Cold server start to first chart on the default page, and server RSS after all pages.

    `pages` are (file, url_path). Returns a markdown table, or a line saying why it was skipped.
    """
    from tests.e2e.browser import (
        VIEWPORT,
        chromium,
        missing_browser_reason,
        settle,
        streamlit_server,
    )

    reason = missing_browser_reason()
    if reason:
        return f"Browser measurements skipped: {reason}."
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    log = ROOT / "test-artifacts" / "benchmarks" / "server.log"
    rows: list[tuple[str, str]] = []
    with chromium() as browser:
        start = time.perf_counter()
        with streamlit_server("dashboard.py", log=log) as server:
            healthy = time.perf_counter() - start
            rows.append(("server start → /_stcore/health", f"{healthy:.2f} s"))
            rows.append(("server RSS at start", f"{vm_rss_mb(server.process.pid) or 0:.0f} MB"))
            context = browser.new_context(viewport=VIEWPORT)
            context.add_init_script(FIRST_CHART_PROBE)
            page = context.new_page()
            navigated = time.perf_counter()
            page.goto(server.url + "/", wait_until="commit")
            settle(page, timeout_ms=chart_timeout_s * 1000)
            settled = time.perf_counter() - start
            # Charts draw a moment after the script ends; none after 5 s = the page has none.
            with suppress(PlaywrightTimeout):
                page.wait_for_function("() => window.__firstChart", timeout=5_000)
            chart_ms = page.evaluate("() => window.__firstChart")
            first_chart = (
                f"{navigated - start + chart_ms / 1000:.2f} s"
                if chart_ms
                else "no chart on the default page"
            )
            rows.append(("server start → first chart on default page", first_chart))
            rows.append(("server start → default page finished running", f"{settled:.2f} s"))
            for _, url_path in pages:
                page.goto(f"{server.url}/{url_path}", wait_until="commit")
                settle(page)
            rss = vm_rss_mb(server.process.pid)
            rows.append((f"server RSS after visiting all {len(pages)} pages", f"{rss or 0:.0f} MB"))
            context.close()
    lines = ["| browser measurement | value |", "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=WARM_RUNS, help="warm runs per page")
    parser.add_argument("--page", action="append", help="only these page files")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium part")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: measure in this process
    args = parser.parse_args(argv)

    if args.one:
        print(json.dumps(measure_one(args.one, args.runs)))
        return 0

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.apptest_helpers import dashboard_pages

    entries = dashboard_pages()
    files = args.page or [e.file for e in entries]
    print(f"## Page scripts (AppTest, cold = fresh process; warm = median of {args.runs})\n")
    print(script_table(files, args.runs))
    if not args.no_browser:
        print("\n## Browser (headless Chromium)\n")
        print(browser_table([(e.file, e.url_path) for e in entries if e.file in files]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
