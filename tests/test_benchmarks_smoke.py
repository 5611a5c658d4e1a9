"""Every benchmark module runs once, with its smallest settings, so a changed signature breaks
the build rather than the next hand-run benchmark. Nothing here is timed or compared.

- benchmarks.analysis: every case once (as the pages call each function), and every analysis
  function a page calls has a case.
- benchmarks.pages: the floor and one page with a filter, one repetition of the AppTest
  measurements, and one browser round of the floor page in Chromium (the browser tests' rules:
  skipped without Chromium, failed under CI=true).
- benchmarks.build: one repetition on the small fixture sources (tests/fixtures), which the
  full build does not accept; the real build is tests/test_build.py's job. What is checked is
  that the module runs, calls the build and times every table load without a Python error.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from analysis.paths import DATA_DIR
from tests.apptest_helpers import ROOT

pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "wages.parquet").is_file(), reason="data/ not built yet"
)
PROGRAMMING_ERRORS = ("TypeError", "AttributeError", "ImportError", "NameError", "KeyError")


def test_analysis_benchmark_has_a_case_for_every_page_call():
    from benchmarks import analysis

    called = analysis.page_calls()
    timed = {case.name for case in analysis.cases()}
    assert len(called) >= 20, "page_calls() finds too few calls: is its parsing out of date?"
    missing = {name: sorted(pages) for name, pages in called.items() if name not in timed}
    assert not missing, f"page calls benchmarks/analysis.py does not time (add a Case): {missing}"


def test_analysis_benchmark_runs_every_case_once(capsys):
    from analysis.data import TABLES
    from benchmarks import analysis

    analysis.main(["--quick"])
    out = capsys.readouterr().out
    assert "| floor: salaries groupby median | floor |" in out
    for case in analysis.cases():
        assert f"| {case.page} | {case.name} |" in out
    # A case may only fail for a table data/ does not hold yet (the build adds it).
    unbuilt = [n for n in TABLES if not (DATA_DIR / f"{n}.parquet").is_file()]
    failed = [line for line in out.splitlines() if "| failed:" in line]
    unexpected = [
        line
        for line in failed
        if not ("DataUnavailable" in line and any(f"{n}.parquet" in line for n in unbuilt))
    ]
    assert not unexpected, "\n".join(unexpected)


def run_benchmark(name: str, argv: list[str]) -> subprocess.CompletedProcess:
    """`python -m benchmarks.<name> *argv` in its own process (as it runs by hand: Playwright's
    sync API cannot start inside a test session whose browser fixture already runs it)."""
    return subprocess.run(
        [sys.executable, "-m", f"benchmarks.{name}", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_pages_benchmark_runs_once():
    from benchmarks.pages import FLOOR_FILE
    from tests.e2e.browser import missing_browser_reason

    reason = missing_browser_reason()
    if reason and os.environ.get("CI") == "true":
        pytest.fail(f"the pages benchmark needs Chromium under CI=true: {reason}")
    argv = ["--runs", "1", "--browser-runs", "1", "--page", "app_pages/industries.py"]
    argv += ["--browser-page", FLOOR_FILE] if reason is None else ["--no-browser"]
    done = run_benchmark("pages", argv)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    floor = next(line for line in lines if line.startswith("| floor |"))
    page = next(line for line in lines if line.startswith("| app_pages/industries.py"))
    assert floor.count("–") <= (0 if reason is None else 7), floor  # every floor cell measured
    # Script ratios for the page; in the browser only the floor was measured.
    assert "×" in page and page.count("–") == 7, page
    assert "exception" not in done.stdout and "the filter shows" not in done.stdout


def test_build_benchmark_runs_once(capsys):
    from benchmarks import build

    fixtures = ROOT / "tests" / "fixtures"
    assert build.main(["--runs", "1", "--raw-dir", str(fixtures)]) == 0
    out = capsys.readouterr().out
    assert "| build (databuild.build.build) |" in out and "| load wages | 1 |" in out
    assert not [e for e in PROGRAMMING_ERRORS if e in out], out[-3000:]


def test_load_benchmark_runs_once():
    from tests.e2e.browser import missing_browser_reason

    reason = missing_browser_reason()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the load benchmark needs Chromium under CI=true: {reason}")
        pytest.skip(f"load benchmark: {reason}")
    argv = ["--sessions", "1", "--seconds", "5", "--pollers", "2", "--page", "/industries"]
    argv += ["--rss-limit-mb", "100000"]  # a smoke: memory is the full run's question
    done = run_benchmark("load", argv)
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    lines = done.stdout.splitlines()
    assert any(line.startswith("## Load: 1 sessions for 5 s, 2 health pollers") for line in lines)
    views = next(line for line in lines if line.startswith("| /industries |"))
    assert int(views.split("|")[2]) >= 1, views  # the session saw the page at least once
    memory = next(line for line in lines if line.startswith("| server memory peak |"))
    assert "MB" in memory, memory
