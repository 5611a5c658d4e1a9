"""AppTest of the Industries page, run through dashboard.py."""

from __future__ import annotations

import pytest

from analysis.paths import DATA_DIR
from tests.apptest_helpers import run_page

PAGE = "app_pages/industries.py"
pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "wages.parquet").is_file(), reason="data/ not built yet"
)


def test_default_view_shows_groups_and_known_figures():
    at = run_page(PAGE)
    assert not at.exception
    assert at.title[0].value == "Industries"
    assert len(at.get("plotly_chart")) == 1
    values = [m.value for m in at.metric]
    # National Data Scientists (15-2051), all industries, as BLS publishes it (OEWS May 2025).
    assert "$120,230" in values and "262,440" in values
    captions = " ".join(c.value for c in at.caption)
    assert "BLS OEWS, May 2025" in captions
    assert "employment-weighted average of industry medians" in captions
    groups = at.dataframe[0].value
    assert "Software and internet" in set(groups["industry_group"])
    assert not at.warning


def test_url_round_trip_detail_view():
    at = run_page(PAGE, {"occ": "15-1252", "view": "NAICS detail", "depth": "3"})
    assert not at.exception and not at.warning
    assert at.selectbox(key="industries_occ").value == "15-1252"
    assert at.selectbox(key="industries_depth").value == 3
    assert at.query_params["view"] == "NAICS detail"
    detail = at.dataframe[0].value
    assert set(detail["naics_level"]) == {3}
    assert len(at.get("plotly_chart")) == 1


def test_junk_url_warns_and_falls_back():
    at = run_page(PAGE, {"occ": "nope", "view": "<script>", "depth": "9"})
    assert not at.exception
    assert len(at.warning) == 3
    assert at.selectbox(key="industries_occ").value == "15-2051"
    assert len(at.get("plotly_chart")) == 1
