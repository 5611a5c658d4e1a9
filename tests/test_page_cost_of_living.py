"""AppTest of the Cost of living page, run through dashboard.py."""

from __future__ import annotations

import pytest

from analysis.paths import DATA_DIR
from tests.apptest_helpers import default_view, run_page, visible_texts

PAGE = "app_pages/cost_of_living.py"
pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "wages.parquet").is_file(), reason="data/ not built yet"
)


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _after_title(at) -> str:
    texts = visible_texts(at)
    return texts[texts.index(at.title[0].value) + 1]


def test_default_view_shows_the_answers():
    at = default_view(PAGE)
    assert not at.exception and not at.warning and not at.error
    assert at.title[0].value == "Cost of living"
    assert len(at.get("plotly_chart")) == 4
    assert at.number_input(key="salary").value == 150_000
    assert at.selectbox(key="occ").value == "15-2051"
    assert (at.selectbox(key="from").value, at.selectbox(key="to").value) == ("41940", "12420")
    assert at.multiselect(key="more").value == []
    # The answer is the first text under the title. BEA RPP 2024: San Jose 110.423, Austin
    # 98.066: $150,000 x 98.066 / 110.423 = $133,214, 11% less.
    answer = _after_title(at)
    assert answer.startswith(
        "**To live as well in Austin, TX as on $150,000 in San Jose, CA, you would need "
        "$133,214 by prices alone (11% less), and $"
    )
    assert "once each place's taxes are counted (" in answer
    labels = [m.label for m in at.metric]
    assert labels == ["Same purchasing power", "After tax and prices", "Same market position"]
    assert at.subheader[0].value == "San Jose, CA → Austin, TX, data scientists"
    assert metric(at, "Same purchasing power") == "$133,214"
    assert any("local pay does not move one-for-one" in m.value for m in at.markdown)
    # A clean delta: a signed share with its meaning, no arrow stacked on a minus sign.
    assert at.metric[0].proto.delta.endswith("% vs your pay")
    assert at.metric[0].proto.direction == at.metric[0].proto.NONE
    # Takeaways: housing 211.9 in San Jose against 120.4 in Austin is the widest component.
    shown = [m.value for m in at.markdown]
    assert (
        "Housing (rents) makes the biggest difference: 212 in San Jose, CA against 120 in "
        "Austin, TX (US = 100)." in shown
    )
    assert any(t.startswith("Price level (US = 100), 2008 → 2024: ") for t in shown)
    # Rent on the typed salary as well as the median pay, and each labelled.
    assert any(m.value.startswith("**On your $150,000**") for m in at.markdown)
    captions = " ".join(c.value for c in at.caption)
    # Rent as a share of the typed salary and of the metro's median pay, each labelled.
    assert "÷ your gross pay (the same in every metro)" in captions
    assert "÷ the metro's median data scientists pay" in captions
    assert "compares places within that year" in captions
    assert "BLS OEWS, May 2025" in captions
    assert all(len(c.value.replace(" · ", " ").split()) <= 40 for c in at.caption)  # words


def test_a_published_median_maps_to_the_other_metros_median():
    # BLS OEWS May 2025 Data Scientists medians: San Jose $185,080, Seattle $164,740. The
    # same market position (the median) in Seattle is Seattle's published median.
    link = {"salary": "185080", "from": "San Jose, CA", "to": "Seattle, WA"}
    at = run_page(PAGE, link)
    assert not at.exception and not at.warning
    assert at.number_input(key="salary").value == 185_080
    assert at.selectbox(key="to").value == "42660"
    assert metric(at, "Same market position") == "$164,740"
    assert any("50th percentile" in m.value for m in at.markdown)


def test_old_link_and_the_same_metro_on_both_sides():
    # Older links: metro codes and a `~`-joined list. From a metro to itself, every answer
    # is the salary itself.
    at = run_page(PAGE, {"from": "41940", "to": "41940", "more": "42660~35620"})
    assert not at.exception and not at.warning
    assert at.selectbox(key="from").value == "41940" == at.selectbox(key="to").value
    assert at.multiselect(key="more").value == ["42660", "35620"]
    assert [m.value for m in at.metric] == ["$150,000"] * 3
    rent = next(m.value for m in at.markdown if m.value.startswith("**On your"))
    assert "Seattle, WA" in rent and "New York, NY" in rent


def test_junk_link_warns_and_falls_back():
    at = run_page(PAGE, {"salary": "-4", "from": "zzz", "to": "Austin, TX", "occ": "x"})
    assert not at.exception
    assert len(at.warning) == 3
    assert at.number_input(key="salary").value == 150_000
    assert at.selectbox(key="from").value == "41940"
    assert at.selectbox(key="to").value == "12420"
    assert len(at.get("plotly_chart")) == 4


def test_salary_beyond_published_range_shows_a_bound():
    at = run_page(PAGE, {"salary": "4000000"})
    assert not at.exception
    assert metric(at, "Same market position").startswith("> $")


def test_after_tax_sentence_names_the_taxes_not_a_schedule_code():
    at = default_view(PAGE)
    sentence = next(c.value for c in at.caption if c.value.startswith("After tax"))
    # San Francisco -> Austin: California's and Texas's taxes, said in words (was "(CA)").
    assert "(federal and CA taxes)" in sentence and "(federal and TX taxes)" in sentence
