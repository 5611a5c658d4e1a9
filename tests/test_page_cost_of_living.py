"""AppTest of the Cost of living page, run through dashboard.py."""

from __future__ import annotations

import pytest

from analysis.paths import DATA_DIR
from tests.apptest_helpers import run_page

PAGE = "app_pages/cost_of_living.py"
pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "wages.parquet").is_file(), reason="data/ not built yet"
)


def test_default_view_shows_both_answers():
    at = run_page(PAGE)
    assert not at.exception
    assert at.title[0].value == "Cost of living"
    assert len(at.get("plotly_chart")) == 4
    labels = [m.label for m in at.metric]
    assert labels == ["Your pay in San Jose", "Same purchasing power", "Same market position"]
    assert any("San Jose, CA → Austin, TX" in m.value for m in at.markdown)
    assert at.metric[0].value == "$150,000"
    assert any("local pay does not move one-for-one" in m.value for m in at.markdown)
    assert not at.warning
    # A clean delta: a signed share with its meaning, no arrow stacked on a minus sign.
    assert at.metric[1].proto.delta.endswith("% vs your pay")
    assert at.metric[1].proto.direction == at.metric[1].proto.NONE
    # Rent on the typed salary as well as the median pay, and each labelled.
    assert any(m.value.startswith("**On your $150,000**") for m in at.markdown)
    captions = " ".join(c.value for c in at.caption)
    assert "median data scientists gross pay (not your salary)" in captions
    assert "compares places within that year" in captions


def test_median_salary_maps_to_the_other_median():
    # San Jose's published Data Scientist median -> Indianapolis's (99,110): same position
    at = run_page(PAGE, {"salary": "185080", "from": "41940", "to": "26900"})
    assert not at.exception and not at.warning
    assert at.number_input(key="cost_of_living_salary").value == 185_080
    assert at.selectbox(key="cost_of_living_to").value == "26900"
    assert at.metric[2].value == "$99,110"
    assert any("50th percentile" in m.value for m in at.markdown)


def test_url_round_trip_for_extra_metros():
    at = run_page(PAGE, {"more": "42660~35620"})
    assert not at.exception
    assert at.multiselect(key="cost_of_living_more").value == ["42660", "35620"]
    assert at.query_params["more"] == "42660~35620"
    at.selectbox(key="cost_of_living_to").set_value("42660").run()
    assert at.query_params["to"] == "42660"


def test_junk_url_warns_and_falls_back():
    at = run_page(PAGE, {"salary": "-4", "from": "zzz", "to": "41940", "occ": "x"})
    assert not at.exception
    assert len(at.warning) == 3
    assert at.number_input(key="cost_of_living_salary").value == 150_000
    assert at.selectbox(key="cost_of_living_from").value == "41940"
    assert len(at.get("plotly_chart")) == 4


def test_salary_beyond_published_range_shows_a_bound():
    at = run_page(PAGE, {"salary": "4000000"})
    assert not at.exception
    assert at.metric[2].value.startswith("> $")
