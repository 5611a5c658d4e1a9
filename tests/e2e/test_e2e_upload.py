"""Pay bands upload in a real browser: a good file is checked against the market, a bad one is
answered with its problems by row and column, and nothing else on the page breaks (one tab:
the second file replaces the first)."""

from __future__ import annotations

import pytest

from tests.e2e.browser import settle, wait_for_charts
from tests.e2e.checks import exceptions, open_page, page_url, warnings

pytestmark = pytest.mark.e2e

GOOD = (
    "role,metro,min,mid,max\n"
    "15-2051,San Jose,150000,180000,210000\n"
    "Data scientist,Austin,100000,120000,140000\n"
)
BAD = "role,metro,min,mid,max\nData scientist,San Jose,lots,180000,210000\n"
GRID_CELLS = "table[role='grid'] td"  # the dataframe's accessible cells (it draws on a canvas)


def upload(page, tmp_path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(path))
    page.wait_for_timeout(500)
    settle(page)


def test_uploaded_bands_are_checked_and_a_bad_file_is_answered(page, dashboard_url, tmp_path):
    open_page(page, page_url(dashboard_url, "pay_bands"))
    before = wait_for_charts(page, 3)
    upload(page, tmp_path, "bands.csv", GOOD)
    assert not exceptions(page) and not warnings(page), warnings(page)
    assert wait_for_charts(page, before + 1) == before + 1  # the check chart
    captions = page.locator("[data-testid='stCaptionContainer']").all_inner_texts()
    assert any("n = 2" in c and "market band:" in c for c in captions), captions

    upload(page, tmp_path, "bad.csv", BAD)
    assert not exceptions(page)
    assert any("1 problem(s); those rows are not compared" in w for w in warnings(page))
    problems = page.locator("[data-testid='stDataFrame']").last.locator(GRID_CELLS)
    problems.nth(2).wait_for(state="attached")  # the grid's cells are filled after it is drawn
    assert problems.all_inner_texts()[:3] == ["2", "min", "'lots' is not a number"]
    page.wait_for_function(
        "n => document.querySelectorAll('.js-plotly-plot').length === n", arg=before
    )  # no row to check: the check chart is gone, the market charts stay
