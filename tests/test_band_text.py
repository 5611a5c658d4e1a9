"""The Pay bands page's answer and chart takeaways (ui/band_text.py), on tiny hand-made
frames."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from ui.band_text import (
    ALL_LEVELS,
    levels_takeaway,
    market_takeaway,
    region_answer,
    talent_takeaway,
)

NAN = float("nan")


def bands() -> pd.DataFrame:
    """Two levels of a two-metro region: Mid 100,000 ± 20% in the region (n = 40), Senior
    only bounded below (n = 25: rough). Metro midpoints: Mid 90,000 (A) and 120,000 (B)."""
    rows = [
        ("Mid", "Region", "", 100_000.0, 80_000.0, 120_000.0, NAN, 40, "ok"),
        ("Mid", "A, TX", "1", 90_000.0, 72_000.0, 108_000.0, NAN, 40, "ok"),
        ("Mid", "B, CA", "2", 120_000.0, 96_000.0, 144_000.0, NAN, 40, "ok"),
        ("Senior", "Region", "", NAN, NAN, NAN, 150_000.0, 25, "low confidence"),
        ("Senior", "A, TX", "1", NAN, NAN, NAN, 140_000.0, 25, "low confidence"),
    ]
    cols = ["level", "area", "cbsa", "mid", "minimum", "maximum", "floor", "n", "status"]
    return pd.DataFrame(rows, columns=cols).assign(pm=0.0, note="", as_of="2026-01-01")


def test_the_answer_names_the_selection_and_how_sure():
    ladder = SimpleNamespace(metros=("1",), employment=1_234.0)
    said = region_answer(
        bands(), ALL_LEVELS, "Data Scientists", 50, track="Data scientist", picked=2,
        region="West", ladder=ladder,
    )  # fmt: skip
    assert said == (
        "**The region's bands for Data Scientists at the 50th percentile, as of 2026-01-01:** "
        "Mid $80,000–$120,000; Senior at least $150,000. The region: the 2 metros you picked "
        "in the West, pooled from the BLS wages of 1 of them (1,234 jobs); each level placed "
        "by Data scientist salary records (Mid 40, Senior 25 (rough))."
    )


def test_one_level_and_nothing_to_pool():
    said = region_answer(
        bands(), "Mid", "Data Scientists", 60, track="ML engineer", picked=1,
        region="All regions", ladder=None,
    )  # fmt: skip
    assert said == (
        "**The region's Mid band for Data Scientists at the 60th percentile is "
        "$80,000–$120,000**, as of 2026-01-01. The region: the 1 metro you picked, with no "
        "BLS wages published to pool; each level placed by ML engineer salary records (Mid 40)."
    )


def test_levels_takeaway_reads_the_highest_level_with_metro_midpoints():
    # Senior has no midpoint: Mid is read, 90,000 (A) to 120,000 (B): 33% higher.
    assert levels_takeaway(bands()) == (
        "**Mid midpoints run from $90,000 in A, TX to $120,000 in B, CA**, 33% higher."
    )


def test_market_takeaway_lowest_and_highest_median():
    market = pd.DataFrame(
        {"label": ["B", "A", "C"], "a_median": [150_000.0, 100_000.0, NAN],
         "target_pay": [170_000.0, 110_000.0, NAN]}
    )  # fmt: skip
    assert market_takeaway(market, 50) == "**Medians run from $100,000 in A to $150,000 in B**."
    assert market_takeaway(market, 75) == (
        "**Medians run from $100,000 in A to $150,000 in B**; your 75th percentile there: "
        "$110,000 and $170,000."
    )


def test_talent_takeaway_most_jobs_and_most_concentrated():
    points = pd.DataFrame(
        {"label": ["Big", "Dense", "Small"], "tot_emp": [20_000.0, 1_500.0, 300.0],
         "loc_quotient": [1.2, 3.96, 0.5]}
    )  # fmt: skip
    assert talent_takeaway(points) == (
        "**Most jobs: Big (20,000)**; most concentrated: Dense, 4.0 times the US share of jobs."
    )
