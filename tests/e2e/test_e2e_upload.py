"""Pay bands upload in a real browser: a good file is checked against the market, a bad one is
answered with every problem of every row, rows that used to crash the check are read, and
5,000 rows are checked with a chart that stays readable (one page of rows at a time). One tab:
each file replaces the one before."""

from __future__ import annotations

import re
import time

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
# Rows that crashed the check or were misread before: a level in a metro without published
# Data Scientist wages (Aguadilla, PR), a 140,000-character cell, "Portland" (Oregon or
# Maine?), a European "190.000" and a repeated row.
HARD = (
    "role,metro,level,min,mid,max\n"
    "15-2051,10380,Senior,60000,80000,100000\n"
    "15-2051," + "x" * 140_000 + ",Senior,100000,120000,140000\n"
    "15-2051,Portland,Mid,100000,120000,140000\n"
    '15-2051,Seattle,Mid,"160.000","190.000","220.000"\n'
    "15-2051,Seattle,Mid,160000,190000,220000\n"
)
GRID_CELLS = "table[role='grid'] td"  # the dataframe's accessible cells (it draws on a canvas)
SUMMARY = "[data-testid='stAlertContentInfo']"


def upload(page, tmp_path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(path))
    page.wait_for_timeout(500)
    settle(page)


def grid(page, column: str):
    """The cells of the table whose header names `column` ("Problem", "Note")."""
    # The whole header: "Note" is not the bands table's "Why / note".
    header = page.locator("table[role='grid'] th", has_text=re.compile(rf"^\s*{column}\s*$"))
    table = page.locator("[data-testid='stDataFrame']").filter(has=header).first
    return table.locator(GRID_CELLS)


def summary(page) -> str:
    alert = page.locator(SUMMARY).filter(has_text="read:").first
    return alert.locator("[data-testid='stMarkdownContainer']").inner_text()


def test_uploaded_bands_are_checked_and_a_bad_file_is_answered(page, dashboard_url, tmp_path):
    open_page(page, page_url(dashboard_url, "pay_bands"))
    before = wait_for_charts(page, 3)
    upload(page, tmp_path, "bands.csv", GOOD)
    assert not exceptions(page) and not warnings(page), warnings(page)
    assert wait_for_charts(page, before + 1) == before + 1  # the check chart
    assert summary(page).startswith("2 rows read: 2 compared, none with problems")
    captions = page.locator("[data-testid='stCaptionContainer']").all_inner_texts()
    assert any("n = 2" in c and "market band:" in c for c in captions), captions

    upload(page, tmp_path, "bad.csv", BAD)
    assert not exceptions(page)
    assert summary(page).startswith("1 row read: 0 compared, 1 with problems")
    problems = grid(page, "Problem")
    problems.nth(2).wait_for(state="attached")  # the grid's cells are filled after it is drawn
    assert problems.all_inner_texts()[:3] == ["2", "min", "'lots' is not a number"]
    page.wait_for_function(
        "n => document.querySelectorAll('.js-plotly-plot').length === n", arg=before
    )  # no row to check: the check chart is gone, the market charts stay

    upload(page, tmp_path, "hard.csv", HARD)
    assert not exceptions(page)
    text = summary(page)
    assert text.startswith("5 rows read: 2 compared, 2 with problems"), text
    assert "1 repeat of an earlier row" in text
    shown = " ".join(grid(page, "Problem").all_inner_texts())
    assert "140,000 characters; at most 200" in shown and "Portland, ME; Portland, OR" in shown
    notes = " ".join(grid(page, "Note").all_inner_texts())
    assert "'190.000' read as 190,000" in notes and "repeats row 5" in notes
    assert wait_for_charts(page, before + 1) == before + 1


def test_five_thousand_rows_are_checked_with_a_readable_chart(page, dashboard_url, tmp_path):
    from tests.tables import real

    wages = real().wages
    rows = wages[
        (wages["area_type"] == "metro")
        & (wages["industry_code"] == "000000")
        & (wages["occ_code"] == "15-2051")
    ].dropna(subset=["a_pct25", "a_median", "a_pct75"])
    levels = ("Entry", "Mid", "Senior", "")
    lines = ["role,metro,level,min,mid,max"]
    for i in range(5_000):  # each metro's published 25th / median / 75th, at every level
        r = rows.iloc[i % len(rows)]
        lines.append(
            f"15-2051,{r['cbsa']},{levels[i // len(rows) % 4]},{r['a_pct25']:.0f},"
            f"{r['a_median'] + i // len(rows):.0f},{r['a_pct75']:.0f}"
        )
    open_page(page, page_url(dashboard_url, "pay_bands"))
    before = wait_for_charts(page, 3)
    start = time.perf_counter()
    upload(page, tmp_path, "many.csv", "\n".join(lines) + "\n")
    seconds = time.perf_counter() - start
    assert not exceptions(page)
    assert summary(page).startswith("5,000 rows read: 5,000 compared, none with problems")
    assert wait_for_charts(page, before + 1) == before + 1
    chart = page.locator(".js-plotly-plot").last.bounding_box()
    assert chart["height"] < 25 * 46 + 200  # one page of 25 rows, not 5,000
    pager = page.get_by_label("Rows shown in the chart: page (of 200, 25 rows each)")
    assert pager.input_value() == "1"
    print(f"5,000-row upload checked and drawn in {seconds:.1f} s (browser, upload to idle)")
