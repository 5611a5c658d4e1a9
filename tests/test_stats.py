"""analysis.stats: hand-worked answers, independent computations and properties."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis import stats
from analysis.stats import Ladder

TOP_CODE = 239_200.0
LADDER = Ladder({10: 50_000.0, 25: 70_000.0, 50: 100_000.0, 75: 140_000.0, 90: 200_000.0})


def test_sample_status_thresholds():
    assert stats.sample_status(0) == "hidden"
    assert stats.sample_status(9) == "hidden"
    assert stats.sample_status(10) == "low confidence"
    assert stats.sample_status(29) == "low confidence"
    assert stats.sample_status(30) == "ok"


def test_z95_is_the_normal_975_quantile():
    from scipy.stats import norm

    assert abs(stats.Z95 - norm.ppf(0.975)) < 1e-12


# --- median interval ---------------------------------------------------------------------------


def _order_statistic_rank(n: int, level: float = 0.95) -> int:
    """The classic distribution-free rule, computed here with math.comb: the largest k such
    that (x_(k), x_(n+1-k)) covers the median with probability P(k <= Bin(n, 1/2) <= n-k)
    of at least `level`; 0 when no k >= 1 reaches it."""
    best = 0
    for k in range(1, n // 2 + 1):
        coverage = sum(math.comb(n, j) for j in range(k, n - k + 1)) / 2**n
        if coverage >= level:
            best = k
    return best


@pytest.mark.parametrize("n", [*range(6, 31), 45, 60, 101])
def test_median_interval_is_the_binomial_order_statistic_rule(n):
    # Values 1..n (shuffled): the interval's ends are the ranks of the order statistics.
    values = np.random.default_rng(n).permutation(np.arange(1, n + 1, dtype=float))
    k = _order_statistic_rank(n)
    assert k >= 1
    assert stats.median_interval(values) == (float(k), float(n + 1 - k))


@pytest.mark.parametrize("n", [0, 1, 2, 3, 4, 5])
def test_median_interval_is_nan_when_no_pair_of_order_statistics_reaches_95(n):
    assert _order_statistic_rank(n) == 0  # even (x_(1), x_(n)) covers under 95% of the time
    low, high = stats.median_interval(np.arange(1, n + 1, dtype=float))
    assert math.isnan(low) and math.isnan(high)


def test_median_interval_ignores_nan_and_narrows_with_level_and_n():
    rng = np.random.default_rng(1)
    small = rng.lognormal(11.5, 0.4, 50)
    large = rng.lognormal(11.5, 0.4, 5000)
    with_nan = np.concatenate([small, [np.nan, np.nan]])
    assert stats.median_interval(with_nan) == stats.median_interval(small)
    lo_s, hi_s = stats.median_interval(small)
    lo_l, hi_l = stats.median_interval(large)
    assert lo_s <= np.median(small) <= hi_s
    assert lo_l <= np.median(large) <= hi_l
    assert (hi_l - lo_l) < (hi_s - lo_s)
    lo_90, hi_90 = stats.median_interval(small, level=0.90)
    assert lo_s <= lo_90 <= hi_90 <= hi_s and (lo_s, hi_s) != (lo_90, hi_90)


# --- bootstrap ---------------------------------------------------------------------------------


A = np.array([100, 120, 130, 150, 170, 200.0] * 5)
B = np.array([90, 100, 110, 115, 120, 140.0] * 5)


def test_ratio_interval_is_seeded_and_contains_the_estimate():
    first = stats.ratio_interval(A, B, seed=3)
    again = stats.ratio_interval(A, B, seed=3)
    other = stats.ratio_interval(A, B, seed=4)
    assert first == again
    assert first != other
    assert first[0] <= stats.ratio_of_medians(A, B) <= first[1]
    assert first[0] < first[1]


def test_ratio_interval_of_constant_samples_is_the_point():
    # Every resample of a constant sample has the same median: the interval is 2 / 1 exactly.
    low, high = stats.ratio_interval(np.full(20, 2.0), np.full(15, 1.0))
    assert (low, high) == (2.0, 2.0)


def test_ratio_intervals_of_one_seed_nest_by_level():
    # Same seed, same draws: a 99% percentile interval contains the 80% one.
    wide = stats.ratio_interval(A, B, level=0.99)
    narrow = stats.ratio_interval(A, B, level=0.80)
    assert wide[0] <= narrow[0] < narrow[1] <= wide[1]
    assert wide != narrow


def test_ratio_interval_empty_sample_is_nan():
    lo, hi = stats.ratio_interval(np.array([]), np.array([1.0]))
    assert math.isnan(lo) and math.isnan(hi)


def test_bootstrap_medians_of_an_odd_sample_follow_the_binomial_law():
    # The median of a resample of 7 sorted values is x_(k) or less exactly when at least 4 of
    # the 7 draws fall on the k smallest: P = P(Binomial(7, k/7) >= 4) (Efron 1979).
    from scipy.stats import binom

    x = np.array([3.0, 9.0, 1.0, 7.0, 5.0, 11.0, 13.0])
    draws = stats.bootstrap_medians(x, 400_000, np.random.default_rng(1))
    for k, value in enumerate(np.sort(x), start=1):
        expected = binom.sf(3, 7, k / 7)
        assert (draws <= value).mean() == pytest.approx(expected, abs=0.003), k


def test_bootstrap_medians_of_an_even_sample_match_resampling():
    # Against the plain bootstrap: 200,000 resamples of 6 values, the median of each (np.median
    # averages the two middle values), the law of the outcomes compared value by value.
    x = np.array([10.0, 20.0, 40.0, 80.0, 160.0, 320.0])
    rng = np.random.default_rng(2)
    plain = np.median(rng.choice(x, size=(200_000, 6), replace=True), axis=1)
    drawn = stats.bootstrap_medians(x, 200_000, np.random.default_rng(3))
    values = np.union1d(plain, drawn)
    p_plain = np.array([(plain == v).mean() for v in values])
    p_drawn = np.array([(drawn == v).mean() for v in values])
    assert np.abs(p_plain - p_drawn).sum() / 2 < 0.01  # total variation distance
    assert set(np.unique(drawn)) <= set(np.unique(plain))  # only reachable medians


def test_ratio_of_medians_by_row_of_a_batch():
    a = np.array([[1.0, 2.0, 3.0], [10.0, 20.0, 30.0]])
    b = np.array([[1.0, 1.0, 1.0], [4.0, 5.0, 6.0]])
    assert stats.ratio_of_medians(a, b, axis=1).tolist() == [2.0, 4.0]
    assert stats.ratio_of_medians(np.array([3.0, 1.0, 2.0]), np.array([4.0])) == 0.5


# --- summarize ---------------------------------------------------------------------------------


def test_summarize_hand_worked_quantiles_and_statuses():
    frame = pd.DataFrame(
        {"g": ["a"] * 5 + ["b"] * 20 + ["c"] * 40, "pay": np.arange(65, dtype=float) + 100}
    )
    before = frame.copy()
    out = stats.summarize(frame, ["g"], "pay").set_index("g")
    pd.testing.assert_frame_equal(frame, before)
    assert out.loc["a", "status"] == "hidden" and math.isnan(out.loc["a", "median"])
    assert out.loc["a", "n"] == 5
    assert out.loc["b", "status"] == "low confidence"
    c = out.loc["c"]  # pay 125..164
    assert (c["status"], c["n"]) == ("ok", 40)
    # Linear quantiles of 125..164: position (n - 1) x q from the first value.
    assert (c["p10"], c["p25"], c["median"], c["p75"], c["p90"]) == pytest.approx(
        (128.9, 134.75, 144.5, 154.25, 160.1)
    )
    # n = 40: the 95% order-statistic interval is (x_(14), x_(27)) = (138, 151).
    assert _order_statistic_rank(40) == 14
    assert (c["ci_low"], c["ci_high"]) == (138.0, 151.0)


def test_summarize_ignores_missing_values_in_n():
    frame = pd.DataFrame({"g": ["a"] * 12, "pay": [np.nan, np.nan, *range(10)]})
    row = stats.summarize(frame, ["g"], "pay").iloc[0]
    assert row["n"] == 10 and row["status"] == "low confidence" and row["median"] == 4.5


# --- ladders: positions and inverse ------------------------------------------------------------


def test_percentile_of_is_log_linear_between_published_points():
    assert stats.percentile_of(100_000, LADDER).percentile == 50
    mid = math.sqrt(100_000 * 140_000)  # geometric midpoint -> halfway in percentile
    assert stats.percentile_of(mid, LADDER).percentile == pytest.approx(62.5)
    low = stats.percentile_of(40_000, LADDER)
    assert (low.low, low.high) == (0, 10) and low.below and math.isnan(low.percentile)
    high = stats.percentile_of(250_000, LADDER)
    assert (high.low, high.high) == (90, 100) and high.above and high.top_coded is None
    assert stats.position_label(low) == "below the 10th percentile"
    assert stats.position_label(high) == "above the 90th percentile"
    assert stats.position_label(stats.percentile_of(mid, LADDER)) == "about the 62nd percentile"


def test_percentile_of_is_monotonic_in_the_amount():
    amounts = np.geomspace(50_000, 200_000, 60)
    pcts = [stats.percentile_of(a, LADDER).percentile for a in amounts]
    assert np.all(np.diff(pcts) > 0)
    assert pcts[0] == 10 and pcts[-1] == pytest.approx(90)


def test_percentile_of_skips_unreleased_points():
    ladder = Ladder({10: 90_000, 25: 120_000, 50: 160_000, 75: 210_000, 90: float("nan")})
    above = stats.percentile_of(220_000, ladder)  # 90th not released: nothing known above
    assert (above.low, above.high) == (75, 100)
    assert stats.position_label(above) == "above the 75th percentile"
    assert stats.percentile_of(160_000, ladder).percentile == 50


def test_top_coded_point_bounds_an_amount_below_the_top_code():
    # The 90th percentile is top-coded (>= $239,200): $230,000 is below it, so the position is
    # between the 75th and 90th, never "above the 90th".
    points = {10: 100_000.0, 25: 150_000.0, 50: 200_000.0, 75: 220_000.0, 90: float("nan")}
    ladder = Ladder(points, frozenset({90}), TOP_CODE)
    pos = stats.percentile_of(230_000, ladder)
    assert (pos.low, pos.high, pos.top_coded, pos.top_code) == (75, 90, 90, TOP_CODE)
    assert not pos.exact
    assert stats.position_label(pos) == (
        "between the 75th and 90th percentile (the 90th is top-coded: ≥ $239,200)"
    )
    assert stats.short_label(pos) == "75th–90th"
    # At or above the top code the amount may be above or below the top-coded 90th.
    over = stats.percentile_of(300_000, ladder)
    assert (over.low, over.high, over.top_coded) == (75, 100, 90)
    assert stats.position_label(over) == (
        "above the 75th percentile (the 90th is top-coded: ≥ $239,200)"
    )
    # Two top-coded points: bounded by the first one.
    two = {10: 100_000.0, 25: 150_000.0, 50: 200_000.0, 75: float("nan"), 90: float("nan")}
    pos = stats.percentile_of(230_000, Ladder(two, frozenset({75, 90}), TOP_CODE))
    assert (pos.low, pos.high, pos.top_coded) == (50, 75, 75)


def test_top_code_in_labels_is_the_ladders_not_a_constant():
    # The top-code is a fact of the release (the manifest's), carried by the ladder.
    points = {10: 60_000.0, 25: 80_000.0, 50: 100_000.0, 75: 150_000.0, 90: float("nan")}
    ladder = Ladder(points, frozenset({90}), 180_000.0)
    pos = stats.percentile_of(170_000, ladder)
    assert pos.top_code == 180_000.0 and (pos.low, pos.high) == (75, 90)
    assert stats.position_label(pos).endswith("(the 90th is top-coded: ≥ $180,000)")
    # Above this release's top-code, the same amount is no longer bounded by the 90th.
    assert stats.percentile_of(190_000, ladder).high == 100


def test_top_coded_point_between_two_published_points():
    # A top-coded 50th with published 25th and 75th (as for a few OEWS industry rows): an
    # amount under the top code sits between the 25th and the top-coded 50th.
    points = {10: 100_000.0, 25: 200_000.0, 50: float("nan"), 75: 300_000.0, 90: 350_000.0}
    ladder = Ladder(points, frozenset({50}), TOP_CODE)
    under = stats.percentile_of(220_000, ladder)
    assert (under.low, under.high, under.top_coded) == (25, 50, 50)
    over = stats.percentile_of(250_000, ladder)
    assert (over.low, over.high, over.top_coded) == (25, 75, None) and not over.exact


def test_ladder_published_points_and_wage():
    ladder = Ladder({90: 5.0, 10: 1.0, 50: float("nan"), 25: 2.0}, frozenset({50}))
    assert ladder.published == [(10, 1.0), (25, 2.0), (90, 5.0)]
    assert ladder.wage(25) == 2.0 and math.isnan(ladder.wage(50)) and math.isnan(ladder.wage(75))
    assert math.isnan(Ladder({10: 1.0}).top_code)


def test_ordinals_and_short_labels():
    assert [stats.ordinal(n) for n in (1, 2, 3, 11, 12, 13, 21.4, 62.5, 100, 111, 122)] == [
        "1st", "2nd", "3rd", "11th", "12th", "13th", "21st", "62nd", "100th", "111th", "122nd"
    ]  # fmt: skip
    ladder = Ladder({10: 50_000.0, 90: 200_000.0})
    assert stats.short_label(stats.percentile_of(40_000, ladder)) == "below 10th"
    assert stats.short_label(stats.percentile_of(250_000, ladder)) == "above 90th"
    assert stats.short_label(stats.percentile_of(50_000, ladder)) == "10th"
    assert stats.short_label(stats.Position(25.0, 50.0)) == "25th–50th"


def test_wage_at_percentile_inverts_percentile_of():
    for pct in (10, 12, 33, 50, 61, 88, 90):
        wage = stats.wage_at_percentile(pct, LADDER)
        assert stats.percentile_of(wage, LADDER).percentile == pytest.approx(pct)
    # A published point comes back exactly as published; between points, log-linear.
    assert stats.wage_at_percentile(75, LADDER) == 140_000.0
    assert stats.wage_at_percentile(62.5, LADDER) == pytest.approx(math.sqrt(100_000 * 140_000))
    with pytest.raises(ValueError, match="outside the published range"):
        stats.wage_at_percentile(95, LADDER)
    with pytest.raises(ValueError, match="at least two"):
        stats.wage_at_percentile(50, Ladder({50: 1.0}))


def test_wage_or_nan_outside_the_published_range():
    assert stats.wage_or_nan(50, LADDER) == 100_000.0
    for pct in (0, 5, 95, 100):
        assert math.isnan(stats.wage_or_nan(pct, LADDER))


def test_percentile_of_rejects_bad_input():
    with pytest.raises(ValueError, match="positive"):
        stats.percentile_of(-5, Ladder({10: 1.0, 90: 2.0}))
    with pytest.raises(ValueError, match="positive"):
        stats.percentile_of(0, Ladder({10: 1.0, 90: 2.0}))
    with pytest.raises(ValueError, match="two published"):
        stats.percentile_of(5, Ladder({10: 1.0, 90: float("nan")}))


def test_weighted_median_is_the_inverted_cdf_never_an_average():
    # Equal weights, even n: the lower middle value (3), not the average of 3 and 4.
    x = np.array([3.0, 1.0, 4.0, 1.0, 5.0, 9.0])
    assert stats.weighted_median(x, np.ones(6)) == 3.0
    assert stats.weighted_median(np.array([1.0, 2.0, 3.0, 4.0]), np.ones(4)) == 2.0
    # Odd n, equal weights: the ordinary median.
    assert stats.weighted_median(x[:5], np.ones(5)) == np.median(x[:5]) == 3.0
    # Weight 3 of 4 on 10: the first value whose cumulative weight reaches half is 10.
    assert stats.weighted_median(np.array([1.0, 10.0]), np.array([1.0, 3.0])) == 10.0
    # Exactly half the weight on 1: the cumulative weight reaches half at 1.
    assert stats.weighted_median(np.array([1.0, 10.0]), np.array([2.0, 2.0])) == 1.0
    # Zero weights count for nothing.
    assert stats.weighted_median(np.array([1.0, 100.0, 2.0]), np.array([1.0, 0.0, 1.0])) == 1.0
    assert math.isnan(stats.weighted_median(np.array([]), np.array([])))


def test_weighted_median_invariant_to_scaling_and_order():
    rng = np.random.default_rng(5)
    x = rng.lognormal(11.5, 0.5, 101)
    w = rng.uniform(0.1, 3.0, 101)
    value = stats.weighted_median(x, w)
    assert stats.weighted_median(x, 7.5 * w) == value
    order = rng.permutation(101)
    assert stats.weighted_median(x[order], w[order]) == value
    assert value in set(x)


def test_ratio_intervals_labels_each_row_and_dashes_missing_ratios():
    got = stats.ratio_intervals([1.1, float("nan")], [1.054, 0.9], [1.206, 1.2])
    assert got == ["×1.05–1.21", "—"]
    # The reference row: a ratio of 1 and no interval against itself; never "×nan–nan".
    assert stats.ratio_intervals([1.0], [float("nan")], [float("nan")]) == ["—"]
    with pytest.raises(ValueError):
        stats.ratio_intervals([1.0, 2.0], [1.0], [1.0, 2.0])
