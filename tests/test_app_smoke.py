"""Every page in dashboard.py opens, through the navigation, on a sound default view: no
exception, no error box, a title, and no text saying something is "not available".

The page list is read from dashboard.py, so a new page is covered as soon as it is routed.
The last test proves the check can fail: with a table missing, the pages that need it say so,
and the smoke check flags exactly those.
"""

from __future__ import annotations

import pytest

from analysis.paths import DATA_DIR
from tests.apptest_helpers import (
    app_data,
    dashboard_pages,
    data_copy_without,
    default_view,
    default_view_problems,
    run_page,
)

PAGES = dashboard_pages()
# The pages that cannot show anything without the OEWS wages table (each draws BLS wages).
NEED_WAGES = {
    "app_pages/overview.py",
    "app_pages/hubs.py",
    "app_pages/cost_of_living.py",
    "app_pages/levels.py",
    "app_pages/industries.py",
    "app_pages/remote.py",
    "app_pages/offer_check.py",
    "app_pages/pay_bands.py",
}


def test_dashboard_lists_pages():
    assert len(PAGES) >= 1
    assert sum(p.default for p in PAGES) == 1
    assert len({p.url_path for p in PAGES}) == len(PAGES), "two pages share a url path"
    assert {p.file for p in PAGES} >= NEED_WAGES


@pytest.mark.parametrize("entry", PAGES, ids=[p.name for p in PAGES])
def test_default_view_is_sound(entry):
    at = default_view(entry.file)
    problems = default_view_problems(at)
    assert not problems, f"{entry.file} default view:\n" + "\n".join(problems)


@pytest.mark.skipif(not (DATA_DIR / "wages.parquet").is_file(), reason="data/ not built yet")
def test_smoke_check_fails_when_a_table_is_missing(tmp_path):
    # The pages that need wages, and Data & methods, which lists every table: the others do
    # not read wages (their sound default views are checked above, with every table there).
    folder = data_copy_without(DATA_DIR, tmp_path / "data", "wages")
    flagged: dict[str, list[str]] = {}
    with app_data(folder):
        for entry in PAGES:
            if entry.file not in NEED_WAGES | {"app_pages/data_methods.py"}:
                continue
            at = run_page(entry.file)
            problems = default_view_problems(at)
            if problems:
                flagged[entry.file] = problems
            if entry.file in NEED_WAGES:
                # The visitor is told, in an error box naming the missing file, not a traceback.
                errors = [e.value for e in at.error]
                assert not at.exception, (entry.file, at.exception)
                assert any(
                    "data behind this page is not available" in e and "wages.parquet" in e
                    for e in errors
                ), (entry.file, errors)
                assert not at.get("plotly_chart"), entry.file
            if entry.file == "app_pages/data_methods.py":
                assert "wages: not built" in [c.value for c in at.caption]
    assert set(flagged) == NEED_WAGES, flagged
