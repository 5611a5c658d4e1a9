"""AppTest of the Pay bands by region page, run through dashboard.py."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest

from analysis.paths import DATA_DIR
from tests.apptest_helpers import default_view, run_page

PAGE = "app_pages/pay_bands.py"
pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "wages.parquet").is_file(), reason="data/ not built yet"
)
HUBS = ["41860", "41940", "42660", "35620", "12420", "19740", "12060", "17410", "28140", "26900"]
LEVELS = ["Entry", "Mid", "Senior", "Executive"]
# BLS OEWS May 2025 Data Scientists jobs in the ten hubs: 10,460 + 6,060 + 8,370 + 23,160 +
# 3,730 + 4,510 + 6,820 + 1,260 + 1,260 + 1,880.
HUB_JOBS = "67,510"


def check_bands(table, spread: float) -> None:
    """Each band is its midpoint ± the spread, and midpoints rise with the level in every area
    (higher national percentiles read off the same distribution)."""
    shown = table.dropna(subset=["mid"])
    assert len(shown) >= 4
    assert ((shown["minimum"] - shown["mid"] * (1 - spread)).abs() < 1).all()
    assert ((shown["maximum"] - shown["mid"] * (1 + spread)).abs() < 1).all()
    for area, rows in shown.groupby("area"):
        ordered = rows.set_index("level").reindex(LEVELS)["mid"].dropna()
        assert ordered.is_monotonic_increasing, area


def test_default_view_shows_bands_by_level_market_and_map():
    at = default_view(PAGE)
    assert not at.exception and not at.warning and not at.error
    assert at.title[0].value == "Pay bands by region"
    assert len(at.get("plotly_chart")) == 3
    assert at.selectbox(key="region").value == "All regions"
    assert at.multiselect(key="metros").value == HUBS
    assert at.selectbox(key="occ").value == "15-2051"
    assert at.selectbox(key="track").value == "Data scientist"
    assert at.select_slider(key="pct").value == 50
    assert at.number_input(key="spread").value == 20
    # OEWS May 2025 estimates describe pay in May 2025: the bands' default date.
    assert at.date_input(key="asof").value == dt.date(2025, 5, 15)
    table = at.dataframe[0].value
    areas = set(table["area"])
    assert "Region" in areas and len(areas) == 11  # the region and its ten metros
    assert {"San Jose, CA", "Cleveland, OH", "Kansas City, MO"} <= areas
    assert set(table["level"]) == set(LEVELS)
    check_bands(table, 0.20)
    captions = " ".join(c.value for c in at.caption)
    assert f"n = {HUB_JOBS} · Data Scientists, every level" in captions
    assert "BLS OEWS, May 2025" in captions and "≥ $239,200" in captions
    assert "BLS publishes jobs" in captions


@pytest.mark.parametrize(
    "link",
    [
        {"region": "West", "states": "CA", "metros": ["San Jose, CA", "San Francisco, CA"],
         "occ": "Software Developers (15-1252)", "pct": "75th percentile", "spread": "10"},
        {"region": "West", "states": "CA", "metros": "41940~41860", "occ": "15-1252",
         "pct": "75", "spread": "10"},
    ],
    ids=["new-link", "old-link"],
)  # fmt: skip
def test_link_opens_the_bands_it_names(link):
    at = run_page(PAGE, link)
    assert not at.exception and not at.warning
    assert at.selectbox(key="region").value == "West"
    assert at.multiselect(key="states").value == ["CA"]
    assert at.multiselect(key="metros").value == ["41940", "41860"]
    assert at.selectbox(key="occ").value == "15-1252"
    assert at.select_slider(key="pct").value == 75
    # A metro outside the chosen state is not offered.
    assert "Seattle, WA" not in at.multiselect(key="metros").options
    table = at.dataframe[0].value
    assert set(table["area"]) == {"Region", "San Jose, CA", "San Francisco, CA"}
    check_bands(table, 0.10)
    assert at.subheader[0].value.startswith("Bands by level: Software Developers")


def test_old_multi_occupation_link_keeps_its_first_occupation():
    at = run_page(PAGE, {"metros": "41940~41860", "occ": "15-2051~15-1252"})
    assert not at.exception
    assert at.selectbox(key="occ").value == "15-2051"
    assert at.multiselect(key="metros").value == ["41940", "41860"]


def test_share_link_keeps_every_metro():
    metros = ["San Jose, CA", "Austin, TX"]
    at = run_page(PAGE, {"metros": metros, "pct": "75th percentile"})
    assert not at.exception and not at.warning
    query = parse_qs(urlsplit(at.code[0].value).query)
    assert query["metros"] == metros and query["pct"] == ["75th percentile"]


def test_junk_link_values_warn_and_fall_back():
    link = {"region": "Atlantis", "metros": "99999~abc", "pct": "7", "occ": "x"}
    at = run_page(PAGE, link)
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 4
    assert not any(bad in w for w in warnings for bad in ("Atlantis", "99999", "abc"))
    assert at.multiselect(key="metros").value == HUBS
    assert at.selectbox(key="occ").value == "15-2051"
    assert at.select_slider(key="pct").value == 50
    assert len(at.get("plotly_chart")) == 3


def test_empty_selection_explains():
    at = run_page(PAGE, {"metros": ""})
    assert not at.exception and not at.warning
    assert len(at.get("plotly_chart")) == 0
    assert any("Pick at least one metro" in i.value for i in at.info)
