"""AppTest of the Tech hubs page, run through dashboard.py."""

from __future__ import annotations

import pytest

from analysis.paths import DATA_DIR
from tests.apptest_helpers import default_view, run_page, visible_texts

PAGE = "app_pages/hubs.py"
pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "wages.parquet").is_file(), reason="data/ not built yet"
)
HUBS = ["41860", "41940", "42660", "35620", "12420", "19740", "12060", "17410", "28140", "26900"]


def _captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def test_default_view_shows_hubs_and_published_medians():
    at = default_view(PAGE)
    assert not at.exception and not at.warning and not at.error
    assert at.title[0].value == "Tech hubs"
    assert len(at.get("plotly_chart")) == 3
    assert at.selectbox(key="occ").value == "15-2051"
    assert at.multiselect(key="metros").value == HUBS
    assert at.segmented_control(key="view").value == "nominal"
    metrics = {m.label: m.value for m in at.metric}
    # BLS OEWS May 2025, Data Scientists: San Jose $185,080 (the highest), US $120,230.
    assert metrics["Highest median: San Jose, CA"] == "$185,080"
    assert metrics["US median, Data Scientists"] == "$120,230"
    table = at.dataframe[0].value
    assert len(table) == 10
    medians = table.set_index("label")["median"]
    # Published: San Francisco $170,110, Seattle $164,740.
    assert medians["San Francisco, CA"] == 170_110 and medians["Seattle, WA"] == 164_740
    # Rank, with its range when the medians' sampling error makes neighbours ties: "2 (2–3)".
    assert [int(str(r).split()[0]) for r in table["rank"]] == list(range(1, 11))
    assert table["median"].is_monotonic_decreasing  # ranked in dollars by default
    assert list(table.columns[:4]) == ["rank", "label", "employment", "median"]
    assert "emp_prse" not in table and "rank_nominal" not in table  # the CSV has those
    captions = _captions(at)
    assert "BLS OEWS, May 2025" in captions
    # n = the ten hubs' published Data Scientists jobs (10,460 in San Francisco, 6,060 in San
    # Jose, 8,370 in Seattle, 23,160 in New York, ...): 67,510.
    assert "n = 67,510" in captions
    # BLS's top-code, and no top-coded Data Scientists wage in these hubs: said so, not implied.
    assert "≥ $239,200; none in this view" in captions
    assert "Regional Price Parity 2024" in captions


def test_new_link_opens_the_view_it_names():
    link = {
        "occ": "Software Developers (15-1252)",
        "metros": ["San Jose, CA", "Seattle, WA"],
        "view": "After cost of living",
    }
    at = run_page(PAGE, link)
    assert not at.exception and not at.warning
    assert at.selectbox(key="occ").value == "15-1252"
    assert at.multiselect(key="metros").value == ["41940", "42660"]
    assert at.segmented_control(key="view").value == "real"
    assert at.subheader[0].value == "Software Developers: pay range by metro"
    metrics = {m.label: m.value for m in at.metric}
    # BLS OEWS May 2025, Software Developers: San Jose $213,110, US $135,980.
    assert metrics["Highest median: San Jose, CA"] == "$213,110"
    assert metrics["US median, Software Developers"] == "$135,980"
    table = at.dataframe[0].value
    assert set(table["label"]) == {"San Jose, CA", "Seattle, WA"}
    # After cost of living: the median in national-average dollars, ranked on that.
    expected = table["median"] / (table["rpp"] / 100)
    assert (abs(table["real_median"] - expected) < 1).all()
    assert table["real_median"].is_monotonic_decreasing


def test_old_link_format_still_opens_the_same_view():
    at = run_page(PAGE, {"occ": "15-1252", "metros": "41940~42660", "view": "real"})
    assert not at.exception and not at.warning
    assert at.selectbox(key="occ").value == "15-1252"
    assert at.multiselect(key="metros").value == ["41940", "42660"]
    assert at.segmented_control(key="view").value == "real"
    assert len(at.dataframe[0].value) == 2


@pytest.mark.parametrize(
    ("occ", "shown", "warned"),
    [
        ("15-1252~15-2051", "15-1252", "lists several"),  # an old list, joined: the first
        ("15-1252~", "15-1252", None),  # a trailing separator is not a second value
        # Repeated parameters: the last, as Streamlit's binding reads them (tests/
        # test_repeated_params.py), also when they repeat one value.
        (["15-1252", "15-2051"], "15-2051", "is given 2 times"),
        (["15-1252", "15-1252"], "15-1252", "is given 2 times"),
    ],
)
def test_several_values_where_one_is_asked_warn(occ, shown, warned):
    at = run_page(PAGE, {"occ": occ})
    assert not at.exception
    assert at.selectbox(key="occ").value == shown
    warnings = " ".join(w.value for w in at.warning)
    assert len(at.warning) == (warned is not None)
    assert warned is None or f"“occ” {warned}" in warnings


def test_junk_link_warns_without_echoing_and_falls_back():
    junk = {"occ": "nope-occ", "metros": ["00000", "qqq"], "view": "<script>x</script>"}
    at = run_page(PAGE, junk)
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 3
    assert not any(bad in w for w in warnings for bad in ("nope-occ", "00000", "qqq", "script"))
    assert at.selectbox(key="occ").value == "15-2051"
    assert at.multiselect(key="metros").value == HUBS
    assert at.segmented_control(key="view").value == "nominal"
    assert len(at.get("plotly_chart")) == 3


def test_empty_selection_explains_instead_of_charting():
    at = run_page(PAGE, {"metros": ""})  # `?metros=`: the URL of a cleared selection
    assert not at.exception and not at.warning
    assert at.multiselect(key="metros").value == []
    assert len(at.get("plotly_chart")) == 0
    assert any("Pick at least one metro" in i.value for i in at.info)
    at.multiselect(key="metros").set_value(["41940"]).run()
    assert len(at.get("plotly_chart")) == 3
    assert "Highest median: San Jose, CA" in [m.label for m in at.metric]
    assert not any("Pick at least one metro" in t for t in visible_texts(at))
