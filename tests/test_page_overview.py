"""AppTest of the Overview page, run through dashboard.py."""

from __future__ import annotations

import re

import pytest

from analysis.paths import DATA_DIR
from tests.apptest_helpers import dashboard_pages, default_view, visible_texts

PAGE = "app_pages/overview.py"
pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "wages.parquet").is_file(), reason="data/ not built yet"
)


def _ratio(text: str) -> list[float]:
    """The decimal numbers in a card's text ('×1.44' -> [1.44]; '95% CI ×1.38–1.50' -> both)."""
    return [float(x) for x in re.findall(r"\d+\.\d+", text)]


def _after_title(at) -> str:
    texts = visible_texts(at)
    return texts[texts.index(at.title[0].value) + 1]


def test_overview_answers_first_then_cards_chart_and_next_steps():
    at = default_view(PAGE)
    assert not at.exception and not at.warning and not at.error
    assert at.title[0].value == "AI Pay Atlas"
    # The answer is the first text under the title. BLS OEWS May 2025, Data Scientists:
    # San Jose $185,080 is the highest of the ten hubs, 185,080 / 120,230 - 1 = 54% above the
    # US median; after BEA prices (RPP 110.4) $185,080 / 1.104 = $167,610, still the highest.
    answer = _after_title(at)
    assert answer.startswith(
        "**Of the 10 tech hubs, San Jose, CA pays data scientists most: $185,080 a year, 54% "
        "above the US median of $120,230**, and it still leads after cost of living ($167,610"
    )
    ratio, low, high = _ratio(answer.split("grows")[1])
    assert 1 < low <= ratio <= high
    metrics = {m.label: m for m in at.metric}
    assert list(metrics) == [
        "US data scientists median",
        "Entry → senior pay",
        "Fully remote, US, 2024",
    ]
    assert metrics["US data scientists median"].value == "$120,230"
    # ... 2.4 times the median of all occupations ($50,980).
    assert metrics["US data scientists median"].proto.delta == "2.4× all jobs"
    # Entry -> senior: the card says the answer's ratio and interval.
    step = metrics["Entry → senior pay"]
    assert _ratio(step.value) == [ratio] and _ratio(step.proto.delta) == [low, high]
    remote = metrics["Fully remote, US, 2024"]
    share = int(remote.value.rstrip("%"))
    low, high = (int(x) for x in re.findall(r"(\d+)%", remote.proto.delta.split("CI")[1]))
    assert 0 < low <= share <= high < 100
    # 2024 is the year the index turned to job listings: the card says shares across the
    # change are not comparable (the caption, in a few words).
    assert "changed from a survey to mostly job listings in 2024 (2023: " in remote.help
    assert "shares across that change are not comparable" in remote.help
    assert len(at.get("plotly_chart")) == 1
    # The chart's takeaway: Computer and Information Research Scientists' $140,300 is
    # 140,300 / 50,980 = 2.8 times all occupations.
    assert any(
        m.value.startswith("Computer and Information Research Scientists earn the most here "
                           "($140,300, 2.8×")
        for m in at.markdown
    )  # fmt: skip
    captions = " ".join(c.value for c in at.caption)
    assert "BLS OEWS, May 2025" in captions and "approx." in captions
    assert "n = 7," not in captions  # no sum of nested employment counts
    assert "ML engineers at US companies, full-time, 2023–2025" in captions
    # The aijobs.net snapshot of 2025-01-19 holds 74,301 salary records.
    assert "74,301 salary records" in captions
    assert "remote 2024: listings, not comparable to survey years" in captions
    assert all(len(c.value.replace(" · ", " ").split()) <= 40 for c in at.caption)  # words
    linked = {p.proto.page for p in at.get("page_link")}
    # The tools bar links the two tools; the routes, one row per question, every other page.
    assert linked == {p.url_path for p in dashboard_pages()} - {""}
