"""AppTest of the Pay bands by region page, run through dashboard.py."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from analysis.paths import DATA_DIR
from tests.apptest_helpers import default_view, run_page

PAGE = "app_pages/pay_bands.py"
pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "wages.parquet").is_file(), reason="data/ not built yet"
)
HUBS = ["41860", "41940", "42660", "35620", "12420", "19740", "12060", "17410", "28140", "26900"]


def test_default_view_shows_bands_table_and_map():
    at = default_view(PAGE)
    assert not at.exception and not at.warning and not at.error
    assert at.title[0].value == "Pay bands by region"
    assert len(at.get("plotly_chart")) == 2
    assert at.selectbox(key="region").value == "All regions"
    assert at.multiselect(key="metros").value == HUBS
    assert at.multiselect(key="occ").value == ["15-2051"]
    assert at.toggle(key="tgt").value is False
    bands = at.dataframe[0].value
    assert len(bands) == 10
    medians = bands.set_index("metro")["a_median"]
    # Data Scientists medians as BLS publishes them (OEWS May 2025).
    assert medians["San Jose, CA"] == 185_080
    assert medians["San Francisco, CA"] == 170_110
    assert medians["Seattle, WA"] == 164_740
    captions = " ".join(c.value for c in at.caption)
    assert "approximation" in captions and "BLS OEWS, May 2025" in captions
    assert "BLS publishes jobs (with or without a median" in captions
    assert "no metro left out" in captions or "left out of at least one" in captions
    assert at.code[0].value.startswith("/pay_bands?")
    # One naming style: metro labels as elsewhere ("Cleveland, OH", "Kansas City, MO"), no
    # separate State column; the target slider is hidden until asked for.
    assert {"Cleveland, OH", "Kansas City, MO"} <= set(bands["metro"]) and "state" not in bands
    assert not [s for s in at.select_slider if s.key == "pct"]
    regional = at.dataframe[1].value
    assert "n_excluded" in regional and "occ_code" not in regional


@pytest.mark.parametrize(
    "link",
    [
        {"region": "West", "states": "CA", "metros": ["San Jose, CA", "San Francisco, CA"],
         "occ": ["Data Scientists (15-2051)", "Software Developers (15-1252)"],
         "tgt": "true", "pct": "75th"},
        {"region": "West", "states": "CA", "metros": "41940~41860", "occ": "15-2051~15-1252",
         "tgt": "1", "pct": "75"},
    ],
    ids=["new-link", "old-link"],
)  # fmt: skip
def test_link_opens_the_bands_it_names(link):
    at = run_page(PAGE, link)
    assert not at.exception and not at.warning
    assert at.selectbox(key="region").value == "West"
    assert at.multiselect(key="states").value == ["CA"]
    assert at.multiselect(key="metros").value == ["41940", "41860"]
    assert at.multiselect(key="occ").value == ["15-2051", "15-1252"]
    assert at.select_slider(key="pct").value == 75
    # A metro outside the chosen state is not offered.
    assert "Seattle, WA" not in at.multiselect(key="metros").options
    table = at.dataframe[0].value
    assert len(table) == 4
    # The pay at the 75th percentile is the published 75th percentile.
    assert (table["target_pay"] == table["a_pct75"]).all()
    ds = table[table["occ_title"] == "Data Scientists"].set_index("metro")["a_pct75"]
    assert ds.to_dict() == {"San Jose, CA": 219_460, "San Francisco, CA": 212_970}  # BLS


def test_share_link_keeps_every_metro_and_occupation():
    link = {"metros": ["San Jose, CA", "Austin, TX"],
            "occ": ["Data Scientists (15-2051)", "Software Developers (15-1252)"]}  # fmt: skip
    at = run_page(PAGE, link)
    assert not at.exception and not at.warning
    shared = urlsplit(at.code[0].value)
    assert shared.path == "/pay_bands"
    query = parse_qs(shared.query)
    assert query["metros"] == link["metros"] and query["occ"] == link["occ"]


def test_junk_link_values_warn_and_fall_back():
    link = {"region": "Atlantis", "metros": "99999~abc", "tgt": "1", "pct": "7", "occ": "x"}
    at = run_page(PAGE, link)
    assert not at.exception
    assert len(at.warning) == 4
    assert at.multiselect(key="metros").value == HUBS
    assert at.multiselect(key="occ").value == ["15-2051"]
    assert at.select_slider(key="pct").value == 50
    assert len(at.get("plotly_chart")) == 2


def test_empty_selection_explains():
    at = run_page(PAGE, {"metros": ""})
    assert not at.exception and not at.warning
    assert len(at.get("plotly_chart")) == 0
    assert any("Pick at least one metro" in i.value for i in at.info)
