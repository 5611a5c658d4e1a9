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


def _after_title(at) -> str:
    texts = visible_texts(at)
    return texts[texts.index(at.title[0].value) + 1]


def test_default_view_shows_hubs_and_published_medians():
    at = default_view(PAGE)
    assert not at.exception and not at.warning and not at.error
    assert at.title[0].value == "Tech hubs"
    assert len(at.get("plotly_chart")) == 3
    assert at.selectbox(key="occ").value == "15-2051"
    assert at.multiselect(key="metros").value == HUBS
    assert at.segmented_control(key="view").value == "nominal"
    # The answer is the first text under the title. BLS OEWS May 2025, Data Scientists: San
    # Jose $185,080 (the highest), US $120,230: 185,080 / 120,230 - 1 = 54% above. BEA prices
    # 2024: San Jose 110.4, $185,080 / 1.104 = $167,610, still the highest of the ten.
    answer = _after_title(at)
    assert answer.startswith(
        "**Among the 10 metros picked, San Jose, CA pays data scientists the most: $185,080 a "
        "year, 54% above the US median ($120,230); after cost of living it still leads "
        "($167,610 at US-average prices).**"
    )
    # San Jose's lead in dollars is $15,000 over San Francisco: clear of BLS's sampling error;
    # San Francisco ($170,110) and Seattle ($164,740) are not.
    assert "first place is clear of the rest in both" in answer
    assert "second place is a statistical tie between San Francisco, CA and Seattle, WA" in answer
    assert not at.metric
    table = at.dataframe[0].value
    assert len(table) == 10
    medians = table.set_index("label")["median"]
    # Published: San Francisco $170,110, Seattle $164,740.
    assert medians["San Francisco, CA"] == 170_110 and medians["Seattle, WA"] == 164_740
    # Rank, with its range when the medians' sampling error makes neighbours ties: "2 (2–3)".
    assert [int(str(r).split()[0]) for r in table["rank"]] == list(range(1, 11))
    assert table["median"].is_monotonic_decreasing  # ranked in dollars by default
    # The key columns first, after-prices among them (it was off-screen at 1400 px).
    assert list(table.columns[:4]) == ["rank", "label", "median", "real_median"]
    assert "emp_prse" not in table and "rank_nominal" not in table  # the CSV has those
    captions = _captions(at)
    assert "BLS OEWS, May 2025" in captions
    # n = the ten hubs' published Data Scientists jobs (10,460 in San Francisco, 6,060 in San
    # Jose, 8,370 in Seattle, 23,160 in New York, ...): 67,510.
    assert "n = 67,510" in captions
    # BLS's top-code, and no top-coded Data Scientists wage in these hubs: said so, not implied.
    assert "≥ $239,200; none in this view" in captions
    assert "BEA Regional Price Parities, 2024" in captions
    assert all(len(c.value.replace(" · ", " ").split()) <= 40 for c in at.caption)  # words
    # A takeaway above each chart: 185,080 / 99,110 (Indianapolis) = 1.87x; New York's 23,160
    # jobs are the most; above the equal-power line: San Jose, San Francisco, Seattle, Austin
    # ($129,870 after prices) and New York ($120,800) beat $120,230.
    shown = [m.value for m in at.markdown]
    assert "Medians run from $99,110 (Indianapolis, IN) to $185,080 (San Jose, CA): 1.87×" in (
        " ".join(shown)
    )
    assert any(t.startswith("New York, NY has the most jobs (23,160 data scientists)")
               for t in shown)  # fmt: skip
    assert any(t.startswith("5 of the 10 metros picked sit above the dashed line") for t in shown)


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
    # BLS OEWS May 2025, Software Developers: San Jose $213,110, US $135,980: 57% above.
    assert _after_title(at).startswith(
        "**Among the 2 metros picked, San Jose, CA pays software developers the most: "
        "$213,110 a year, 57% above the US median ($135,980)"
    )
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
    assert _after_title(at).startswith("**Among the 1 metro picked, San Jose, CA")
    assert not any("Pick at least one metro" in t for t in visible_texts(at))
