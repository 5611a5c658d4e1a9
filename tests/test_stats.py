import math

import numpy as np
import pandas as pd
import pytest

from analysis import stats


def test_sample_status_thresholds():
    assert stats.sample_status(9) == "hidden"
    assert stats.sample_status(10) == "low confidence"
    assert stats.sample_status(29) == "low confidence"
    assert stats.sample_status(30) == "ok"


def test_median_interval_contains_median_and_narrows_with_n():
    rng = np.random.default_rng(1)
    small = rng.lognormal(11.5, 0.4, 50)
    large = rng.lognormal(11.5, 0.4, 5000)
    lo_s, hi_s = stats.median_interval(small)
    lo_l, hi_l = stats.median_interval(large)
    assert lo_s <= np.median(small) <= hi_s
    assert lo_l <= np.median(large) <= hi_l
    assert (hi_l - lo_l) < (hi_s - lo_s)


def test_median_interval_coverage_is_close_to_95_percent():
    rng = np.random.default_rng(7)
    true_median = math.exp(11.5)
    hits = 0
    for _ in range(400):
        lo, hi = stats.median_interval(rng.lognormal(11.5, 0.5, 40))
        hits += lo <= true_median <= hi
    assert 0.92 <= hits / 400 <= 0.99


def test_bootstrap_interval_is_deterministic_for_a_seed_and_contains_estimate():
    a = np.array([100, 120, 130, 150, 170, 200.0] * 5)
    b = np.array([90, 100, 110, 115, 120, 140.0] * 5)
    first = stats.bootstrap_interval([a, b], stats.ratio_of_medians, seed=3)
    second = stats.bootstrap_interval([a, b], stats.ratio_of_medians, seed=3)
    assert first == second
    assert first[0] <= stats.ratio_of_medians(a, b) <= first[1]


def test_bootstrap_interval_empty_sample_is_nan():
    lo, hi = stats.bootstrap_interval([np.array([]), np.array([1.0])], stats.ratio_of_medians)
    assert math.isnan(lo) and math.isnan(hi)


def test_summarize_hides_small_groups_and_flags_low_confidence():
    frame = pd.DataFrame(
        {"g": ["a"] * 5 + ["b"] * 20 + ["c"] * 40, "pay": np.arange(65, dtype=float) + 100}
    )
    out = stats.summarize(frame, ["g"], "pay").set_index("g")
    assert out.loc["a", "status"] == "hidden" and math.isnan(out.loc["a", "median"])
    assert out.loc["b", "status"] == "low confidence"
    assert out.loc["c", "status"] == "ok"
    assert out.loc["c", "n"] == 40
    assert out.loc["c", "p25"] <= out.loc["c", "median"] <= out.loc["c", "p75"]
    assert out.loc["c", "ci_low"] <= out.loc["c", "median"] <= out.loc["c", "ci_high"]


def test_percentile_of_is_log_linear_between_published_points():
    ladder = {10: 50_000, 25: 70_000, 50: 100_000, 75: 140_000, 90: 200_000}
    assert stats.percentile_of(100_000, ladder).percentile == pytest.approx(50)
    mid = math.sqrt(100_000 * 140_000)  # geometric midpoint -> halfway in percentile
    assert stats.percentile_of(mid, ladder).percentile == pytest.approx(62.5)
    low = stats.percentile_of(40_000, ladder)
    assert (low.low, low.high) == (0, 10) and low.below and math.isnan(low.percentile)
    high = stats.percentile_of(250_000, ladder)
    assert (high.low, high.high) == (90, 100) and high.above and high.top_coded is None
    assert stats.position_label(low) == "below the 10th percentile"
    assert stats.position_label(high) == "above the 90th percentile"
    assert stats.position_label(stats.percentile_of(mid, ladder)) == "about the 62nd percentile"


def test_percentile_of_skips_unreleased_points():
    ladder = {10: 90_000, 25: 120_000, 50: 160_000, 75: 210_000, 90: float("nan")}
    above = stats.percentile_of(220_000, ladder)  # 90th not released: nothing known above
    assert (above.low, above.high) == (75, 100)
    assert stats.position_label(above) == "above the 75th percentile"
    assert stats.percentile_of(160_000, ladder).percentile == pytest.approx(50)


def test_top_coded_point_bounds_an_amount_below_the_top_code():
    # The 90th percentile is top-coded (>= $239,200): $230,000 is below it, so the position is
    # between the 75th and 90th, never "above the 90th".
    ladder = {10: 100_000.0, 25: 150_000.0, 50: 200_000.0, 75: 220_000.0, 90: float("nan")}
    pos = stats.percentile_of(230_000, ladder, top_coded={90})
    assert (pos.low, pos.high, pos.top_coded) == (75, 90, 90) and not pos.exact
    assert stats.position_label(pos) == (
        "between the 75th and 90th percentile (the 90th is top-coded: ≥ $239,200)"
    )
    assert stats.short_label(pos) == "75th–90th"
    # At or above the top code the amount may be above or below the top-coded 90th.
    over = stats.percentile_of(300_000, ladder, top_coded={90})
    assert (over.low, over.high, over.top_coded) == (75, 100, 90)
    assert stats.position_label(over).startswith("above the 75th percentile (the 90th is top")
    # Two top-coded points: bounded by the first one.
    two = {10: 100_000.0, 25: 150_000.0, 50: 200_000.0, 75: float("nan"), 90: float("nan")}
    pos = stats.percentile_of(230_000, two, top_coded={75, 90})
    assert (pos.low, pos.high) == (50, 75)


def test_oews_ladder_reads_values_and_top_coded_notes():
    row = pd.Series(
        {"a_pct10": 1.0, "a_pct25": 2.0, "a_median": 3.0, "a_pct75": np.nan, "a_pct90": np.nan,
         "a_pct75_note": pd.NA, "a_pct90_note": stats.TOP_CODED}
    )  # fmt: skip
    ladder, coded = stats.oews_ladder(row)
    assert ladder[50] == 3.0 and math.isnan(ladder[75]) and coded == {90}
    assert list(ladder) == [10, 25, 50, 75, 90] == list(stats.PCT_COLUMNS.values())


def test_ordinals_and_short_labels():
    assert [stats.ordinal(n) for n in (1, 2, 3, 11, 12, 13, 21.4, 62.5, 100)] == [
        "1st", "2nd", "3rd", "11th", "12th", "13th", "21st", "62nd", "100th"
    ]  # fmt: skip
    ladder = {10: 50_000, 90: 200_000}
    assert stats.short_label(stats.percentile_of(40_000, ladder)) == "below 10th"
    assert stats.short_label(stats.percentile_of(250_000, ladder)) == "above 90th"
    assert stats.short_label(stats.percentile_of(50_000, ladder)) == "10th"


def test_wage_at_percentile_inverts_percentile_of():
    ladder = {10: 50_000, 25: 70_000, 50: 100_000, 75: 140_000, 90: 200_000}
    for pct in (12, 33, 50, 61, 88):
        wage = stats.wage_at_percentile(pct, ladder)
        assert stats.percentile_of(wage, ladder).percentile == pytest.approx(pct)
    with pytest.raises(ValueError):
        stats.wage_at_percentile(95, ladder)


def test_percentile_of_rejects_bad_input():
    with pytest.raises(ValueError):
        stats.percentile_of(-5, {10: 1.0, 90: 2.0})
    with pytest.raises(ValueError):
        stats.percentile_of(5, {10: 1.0})


def test_ratio_intervals_labels_each_row_and_dashes_missing_ratios():
    got = stats.ratio_intervals([1.1, float("nan")], [1.054, 0.9], [1.206, 1.2])
    assert got == ["×1.05–1.21", "—"]
