"""Every page in dashboard.py runs through the navigation without an exception and shows a title.

The page list is read from dashboard.py, so a new page is covered as soon as it is routed.
"""

from __future__ import annotations

import pytest

from tests.apptest_helpers import dashboard_pages, exception_summary, run_page

PAGES = dashboard_pages()


def test_dashboard_lists_pages():
    assert len(PAGES) >= 1
    assert sum(p.default for p in PAGES) == 1
    assert len({p.url_path for p in PAGES}) == len(PAGES), "two pages share a url path"


@pytest.mark.parametrize("entry", PAGES, ids=[p.name for p in PAGES])
def test_page_runs_and_shows_a_title(entry):
    at = run_page(entry.file)
    assert not at.exception, f"{entry.file} raised:\n{exception_summary(at)}"
    titles = [t.value for t in at.title]
    assert titles and all(str(t).strip() for t in titles), f"{entry.file} shows no st.title"
