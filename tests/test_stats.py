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
    assert stats.percentile_of(100_000, ladder) == pytest.approx(50)
    mid = math.sqrt(100_000 * 140_000)  # geometric midpoint -> halfway in percentile
    assert stats.percentile_of(mid, ladder) == pytest.approx(62.5)
    assert stats.percentile_of(40_000, ladder) == -math.inf
    assert stats.percentile_of(250_000, ladder) == math.inf


def test_percentile_of_skips_topcoded_points():
    ladder = {10: 90_000, 25: 120_000, 50: 160_000, 75: 210_000, 90: float("nan")}
    assert stats.percentile_of(220_000, ladder) == math.inf  # above the 75th, 90th unknown
    assert stats.percentile_of(160_000, ladder) == pytest.approx(50)


def test_wage_at_percentile_inverts_percentile_of():
    ladder = {10: 50_000, 25: 70_000, 50: 100_000, 75: 140_000, 90: 200_000}
    for pct in (12, 33, 50, 61, 88):
        assert stats.percentile_of(stats.wage_at_percentile(pct, ladder), ladder) == pytest.approx(
            pct
        )
    with pytest.raises(ValueError):
        stats.wage_at_percentile(95, ladder)


def test_percentile_of_rejects_bad_input():
    with pytest.raises(ValueError):
        stats.percentile_of(-5, {10: 1.0, 90: 2.0})
    with pytest.raises(ValueError):
        stats.percentile_of(5, {10: 1.0})
