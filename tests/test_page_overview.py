"""AppTest of the Overview page, run through dashboard.py."""

from __future__ import annotations

import re

import pytest

from analysis.paths import DATA_DIR
from tests.apptest_helpers import default_view

PAGE = "app_pages/overview.py"
pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "wages.parquet").is_file(), reason="data/ not built yet"
)


def _ratio(text: str) -> list[float]:
    """The decimal numbers in a card's text ('×1.44' -> [1.44]; '95% CI ×1.38–1.50' -> both)."""
    return [float(x) for x in re.findall(r"\d+\.\d+", text)]


def test_overview_shows_headlines_chart_and_next_steps():
    at = default_view(PAGE)
    assert not at.exception and not at.warning and not at.error
    assert at.title[0].value == "AI Pay Atlas"
    metrics = {m.label: m for m in at.metric}
    # BLS OEWS May 2025: US Data Scientists median $120,230; among the ten hubs San Jose's
    # $185,080 is the highest (San Francisco $170,110, Seattle $164,740).
    assert metrics["US data scientists median"].value == "$120,230"
    # ... 2.4 times the median of all occupations ($50,980).
    assert metrics["US data scientists median"].proto.delta == "2.4× all jobs"
    assert metrics["Top hub in dollars"].value == "San Jose"
    assert metrics["Top hub in dollars"].proto.delta == "$185,080"
    # Entry -> senior: a ratio above 1 that lies inside its own 95% interval.
    step = metrics["Entry → senior pay"]
    (ratio,), (low, high) = _ratio(step.value), _ratio(step.proto.delta)
    assert 1 < low <= ratio <= high
    remote = metrics["Fully remote, US, 2024"]
    share = int(remote.value.rstrip("%"))
    low, high = (int(x) for x in re.findall(r"(\d+)%", remote.proto.delta.split("CI")[1]))
    assert 0 < low <= share <= high < 100
    assert len(at.get("plotly_chart")) == 1
    captions = " ".join(c.value for c in at.caption)
    assert "BLS OEWS, May 2025" in captions and "approx." in captions
    assert "n = 7," not in captions  # no sum of nested employment counts
    assert "ML engineers at US companies, full-time, 2023–2025" in captions
    intro = " ".join(m.value for m in at.markdown)
    # The aijobs.net snapshot of 2025-01-19 holds 74,301 salary records.
    assert "74,301 individual salary records" in intro
    linked = {p.proto.page for p in at.get("page_link")}
    assert linked == {"offer_check", "hubs", "levels", "specializations", "career_paths",
                      "pay_bands", "cost_of_living", "remote", "data_methods"}  # fmt: skip
