"""AppTest of the Tech hubs page, run through dashboard.py."""

from __future__ import annotations

import pytest

from analysis.paths import DATA_DIR
from tests.apptest_helpers import run_page

PAGE = "app_pages/hubs.py"
pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "wages.parquet").is_file(), reason="data/ not built yet"
)


def test_default_view_shows_hubs_and_known_figure():
    at = run_page(PAGE)
    assert not at.exception
    assert at.title[0].value == "Tech hubs"
    assert len(at.get("plotly_chart")) == 3
    # San Jose's Data Scientists median, as BLS publishes it (OEWS May 2025)
    assert "$185,080" in [m.value for m in at.metric]
    assert at.multiselect(key="hubs_metros").value[:2] == ["41860", "41940"]
    assert any("BLS OEWS, May 2025" in c.value for c in at.caption)
    assert any("239,200" in c.value for c in at.caption)
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 10
    assert not at.warning
    # No top-coded wage among these hubs: the caption says so rather than implying all are.
    assert any("none in this view" in c.value for c in at.caption)
    table = at.dataframe[0].value
    assert list(table.columns[:4]) == ["rank", "label", "employment", "median"]
    assert "emp_prse" not in table and "rank_nominal" not in table  # the CSV has those
    assert any("Regional Price Parity 2024" in c.value for c in at.caption)


def test_url_round_trip():
    at = run_page(PAGE, {"occ": "15-1252", "metros": "41940~42660", "view": "real"})
    assert not at.exception and not at.warning
    assert at.selectbox(key="hubs_occ").value == "15-1252"
    assert at.multiselect(key="hubs_metros").value == ["41940", "42660"]
    assert at.query_params["view"] == "real"
    assert len(at.dataframe[0].value) == 2


def test_junk_url_warns_and_falls_back():
    at = run_page(PAGE, {"occ": "nope", "metros": "00000~abc", "view": "<script>"})
    assert not at.exception
    assert len(at.warning) == 3
    assert at.selectbox(key="hubs_occ").value == "15-2051"
    assert len(at.multiselect(key="hubs_metros").value) == 10
    assert len(at.get("plotly_chart")) == 3


def test_empty_selection_explains_instead_of_charting():
    at = run_page(PAGE)
    at.multiselect(key="hubs_metros").set_value([]).run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 0
    assert any("Pick at least one metro" in i.value for i in at.info)
