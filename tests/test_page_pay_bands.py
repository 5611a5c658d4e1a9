"""AppTest of the Pay bands by region page, run through dashboard.py."""

from __future__ import annotations

import pytest

from analysis.paths import DATA_DIR
from tests.apptest_helpers import run_page

PAGE = "app_pages/pay_bands.py"
pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "wages.parquet").is_file(), reason="data/ not built yet"
)


def test_default_view_shows_bands_table_and_map():
    at = run_page(PAGE)
    assert not at.exception and not at.warning
    assert at.title[0].value == "Pay bands by region"
    assert len(at.get("plotly_chart")) == 2
    assert at.multiselect(key="pay_bands_metros").value[:2] == ["41860", "41940"]
    bands = at.dataframe[0].value
    assert len(bands) == 10
    # San Jose's Data Scientists median as BLS publishes it (OEWS May 2025)
    assert 185_080 in set(bands["a_median"])
    assert any("approximation" in c.value for c in at.caption)
    assert any("BLS OEWS, May 2025" in c.value for c in at.caption)
    assert at.code[0].value.startswith("/pay_bands?")
    # One naming style: metro labels as elsewhere ("Cleveland, OH", "Kansas City, MO"), no
    # separate State column; the target slider is hidden until asked for.
    assert {"Cleveland, OH", "Kansas City, MO"} <= set(bands["metro"]) and "state" not in bands
    assert not [s for s in at.select_slider if s.key == "pay_bands_pct"]
    regional = at.dataframe[1].value
    assert "n_excluded" in regional and "occ_code" not in regional
    assert any("no metro left out" in c.value or "left out of at least one" in c.value
               for c in at.caption)  # fmt: skip
    assert any("BLS publishes jobs (with or without a median" in c.value for c in at.caption)


def test_url_round_trip_and_cascade():
    params = {"region": "West", "states": "CA", "metros": "41940~41860", "occ": "15-2051~15-1252",
              "tgt": "1", "pct": "75"}  # fmt: skip
    at = run_page(PAGE, params)
    assert not at.exception and not at.warning
    assert at.selectbox(key="pay_bands_region").value == "West"
    assert at.multiselect(key="pay_bands_metros").value == ["41940", "41860"]
    assert all(at.query_params[k] == v for k, v in params.items())
    table = at.dataframe[0].value
    assert len(table) == 4 and table["target_pay"].notna().all()
    assert "region=West" in at.code[0].value and "pct=75" in at.code[0].value
    # A metro outside the chosen state is not offered.
    assert "42660" not in at.multiselect(key="pay_bands_metros").options


def test_junk_url_values_warn_and_fall_back():
    params = {"region": "Atlantis", "metros": "99999~abc", "tgt": "1", "pct": "7", "occ": "x"}
    at = run_page(PAGE, params)
    assert not at.exception
    assert len(at.warning) == 4
    assert len(at.get("plotly_chart")) == 2


def test_empty_selection_explains():
    at = run_page(PAGE)
    at.multiselect(key="pay_bands_metros").set_value([]).run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 0
    assert any("Pick at least one metro" in i.value for i in at.info)
