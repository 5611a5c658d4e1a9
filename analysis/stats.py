"""Statistics shared by every question module: quantiles, intervals, small-sample rules, and
distributions known only by published percentiles.

Pay is skewed, so everything here is about medians and percentiles. Intervals are
deterministic: distribution-free order-statistic intervals for a median
(`scipy.stats.quantile_test`), and seeded percentile-bootstrap intervals for ratios of
medians (premiums, step-ups, changes), drawn from each median's exact bootstrap distribution
(`bootstrap_medians`) rather than by resampling records.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

MIN_SHOWN = 10
"""Groups with fewer records than this are not shown at all."""
MIN_CONFIDENT = 30
"""Groups with fewer records than this are shown but flagged as low-confidence."""
PERCENTILES = (10, 25, 50, 75, 90)
"""The percentiles BLS publishes."""
Z95 = 1.959963984540054
"""The standard normal 97.5% quantile: a 95% interval is estimate ± Z95 × standard error."""
DEFAULT_SEED = 20250519


def sample_status(n: int) -> str:
    """'hidden' under MIN_SHOWN records, 'low confidence' under MIN_CONFIDENT, else 'ok'."""
    if n < MIN_SHOWN:
        return "hidden"
    if n < MIN_CONFIDENT:
        return "low confidence"
    return "ok"


def median_interval(
    values: Sequence[float] | np.ndarray, level: float = 0.95
) -> tuple[float, float]:
    """Distribution-free interval for the median from order statistics (binomial rule).

    Returns (low, high) in the unit of `values` (NaN values ignored); NaN when there are too
    few values for any pair of order statistics to reach `level` (fewer than 6 at 95%).
    """
    from scipy import stats as sps  # imported here: pages that never need it start faster

    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if len(x) < 2:
        return (float("nan"), float("nan"))
    ci = sps.quantile_test(x, q=float(np.median(x)), p=0.5).confidence_interval(level)
    return (float(ci.low), float(ci.high))


def bootstrap_medians(values: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """`n_boot` draws of the median of a bootstrap resample of `values` (n values drawn with
    replacement; the median as np.median takes it), without building any resample.

    Exact, not an approximation: a resample is x[floor(n U_i)] for n uniform U_i and x sorted,
    so its k-th smallest value is x[floor(n U_(k))], and the k-th order statistic of n
    uniforms is Beta(k, n + 1 - k). For even n the next one is U_(k) + (1 - U_(k)) B with
    B ~ Beta(1, n - k) (the least of the n - k uniforms above U_(k)), and the median is the
    mean of the two. Costs a sort of `values` and O(n_boot), where resampling costs
    O(n x n_boot): the same distribution as `scipy.stats.bootstrap` resampling the median.
    """
    x = np.sort(np.asarray(values, dtype=float))
    n = len(x)
    k = (n + 1) // 2
    u = rng.beta(k, n + 1 - k, n_boot)
    lower = x[np.minimum((u * n).astype(np.int64), n - 1)]
    if n % 2:
        return lower
    v = u + (1 - u) * rng.beta(1, n - k, n_boot)
    return (lower + x[np.minimum((v * n).astype(np.int64), n - 1)]) / 2


def ratio_interval(
    upper: np.ndarray,
    lower: np.ndarray,
    *,
    n_boot: int = 400,
    level: float = 0.95,
    seed: int = DEFAULT_SEED,
) -> tuple[float, float]:
    """Percentile bootstrap interval of median(upper) / median(lower), each sample resampled
    alone (`bootstrap_medians`). The same seed gives the same interval. Returns (low, high);
    NaN when either sample is empty.
    """
    a, b = np.asarray(upper, dtype=float), np.asarray(lower, dtype=float)
    if len(a) == 0 or len(b) == 0:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    ratios = bootstrap_medians(a, n_boot, rng) / bootstrap_medians(b, n_boot, rng)
    tail = (1 - level) / 2
    low, high = np.quantile(ratios, [tail, 1 - tail])
    return (float(low), float(high))


def ratio_of_medians(a: np.ndarray, b: np.ndarray, axis: int = -1) -> np.ndarray | float:
    """median(a) / median(b) along `axis` (a batch of resamples, or two plain samples)."""
    return np.median(a, axis=axis) / np.median(b, axis=axis)


def summarize(frame: pd.DataFrame, by: Sequence[str], value: str) -> pd.DataFrame:
    """Per group of `by`: n, p10, p25, median, p75, p90 of `value`, a 95% interval, status.

    Output columns: *by, n, p10, p25, median, p75, p90, ci_low, ci_high, status. Groups
    under MIN_SHOWN are kept with status 'hidden' and NaN statistics so that a page can say
    what it left out; callers drop them before charting.
    """
    rows = []
    for key, group in frame.groupby(list(by), observed=True, sort=True, dropna=True):
        x = group[value].dropna().to_numpy(dtype=float)
        status = sample_status(len(x))
        row = dict(zip(by, key if isinstance(key, tuple) else (key,), strict=True))
        row["n"] = len(x)
        row["status"] = status
        if status != "hidden":
            q = np.quantile(x, [0.1, 0.25, 0.5, 0.75, 0.9])
            row.update(dict(zip(("p10", "p25", "median", "p75", "p90"), q, strict=True)))
            row["ci_low"], row["ci_high"] = median_interval(x)
        rows.append(row)
    columns = [*by, "n", "p10", "p25", "median", "p75", "p90", "ci_low", "ci_high", "status"]
    out = pd.DataFrame(rows, columns=columns)
    out["n"] = out["n"].astype("int64")
    return out


def holm(p_values: pd.Series, alpha: float = 0.05) -> tuple[pd.Series, pd.Series]:
    """Holm's step-down correction over the non-missing `p_values` (one family of tests).

    Returns (adjusted p-values: float, NaN where the p-value is missing; reject: boolean,
    whether the difference holds at family-wise error rate `alpha`, NA where missing), both on
    the index of `p_values`. With k tests the smallest p-value is multiplied by k, the next by
    k - 1, ..., each kept at least as large as the one before and capped at 1; a test is
    rejected when its adjusted p-value is at most `alpha` (statsmodels' `multipletests(...,
    method="holm")`, without its import and garbage collection).
    """
    adjusted = pd.Series(np.nan, index=p_values.index, dtype=float)
    reject = pd.Series(pd.NA, index=p_values.index, dtype="boolean")
    tested = p_values.notna().to_numpy()
    p = p_values.to_numpy(float)[tested]
    order = np.argsort(p, kind="stable")
    steps = np.maximum.accumulate(p[order] * (len(p) - np.arange(len(p))))
    values = np.empty_like(p)
    values[order] = np.minimum(steps, 1.0)
    adjusted[tested] = values
    reject[tested] = values <= alpha
    return adjusted, reject


@dataclass(frozen=True)
class Ladder:
    """A wage distribution known only by published percentiles (USD a year).

    `points`: percentile (10, 25, 50, 75, 90) -> wage, NaN where not published;
    `top_coded`: the percentiles published only as "at least `top_code`" (their wage is NaN);
    `top_code`: that floor (BLS OEWS: the annual top-code of the release).
    """

    points: Mapping[int, float]
    top_coded: frozenset[int] = field(default_factory=frozenset)
    top_code: float = float("nan")

    @property
    def published(self) -> list[tuple[int, float]]:
        """(percentile, wage) of the published points, in percentile order."""
        return sorted(
            (int(p), float(w)) for p, w in self.points.items() if w is not None and np.isfinite(w)
        )

    def wage(self, pct: int) -> float:
        """The published wage at `pct` (NaN when top-coded or not released)."""
        value = self.points.get(pct, float("nan"))
        return float(value) if value is not None else float("nan")


@dataclass(frozen=True)
class Position:
    """Where an amount sits in a `Ladder` (percentiles 0-100).

    `low` and `high` bound the position. They are equal (and `percentile` is that value) when
    the amount lies between two published points, where it is interpolated log-linearly. Below
    the lowest published point `low` is 0; above the highest `high` is 100, or the first
    top-coded percentile above it when the amount is under the top code (a top-coded wage is
    at least the top code, so a smaller amount sits below it). `top_coded` is that top-coded
    percentile (or the one above the range when the amount is at or over the top code), else
    None; `top_code` is the ladder's top-code (USD).
    """

    low: float
    high: float
    top_coded: int | None = None
    top_code: float = float("nan")

    @property
    def exact(self) -> bool:
        """True when the position is a single interpolated percentile."""
        return self.low == self.high

    @property
    def percentile(self) -> float:
        """The percentile when `exact`, else NaN (only bounds are known)."""
        return float(self.low) if self.exact else float("nan")

    @property
    def below(self) -> bool:
        """True when the amount is under the lowest published percentile."""
        return self.low == 0 and not self.exact

    @property
    def above(self) -> bool:
        """True when the amount is over the highest published percentile (bounded or not)."""
        return not self.exact and self.low > 0


def ordinal(n: float) -> str:
    """A whole percentile as an ordinal: 1 -> '1st', 63 -> '63rd', 11 -> '11th'."""
    k = round(n)
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


def position_label(position: Position) -> str:
    """A `Position` in words for a sentence.

    'about the 63rd percentile', 'below the 10th percentile', 'above the 90th percentile',
    'between the 75th and 90th percentile (the 90th is top-coded: ≥ $239,200)', or
    'above the 75th percentile (the 90th is top-coded: ≥ $239,200)'.
    """
    if position.exact:
        return f"about the {ordinal(position.low)} percentile"
    coded = (
        f" (the {ordinal(position.top_coded)} is top-coded: ≥ ${position.top_code:,.0f})"
        if position.top_coded is not None
        else ""
    )
    if position.below:
        return f"below the {ordinal(position.high)} percentile"
    if position.high >= 100:
        return f"above the {ordinal(position.low)} percentile{coded}"
    return f"between the {ordinal(position.low)} and {ordinal(position.high)} percentile{coded}"


def short_label(position: Position) -> str:
    """A `Position` for a metric tile: '63rd', 'below 10th', 'above 90th', '75th–90th'."""
    if position.exact:
        return ordinal(position.low)
    if position.below:
        return f"below {ordinal(position.high)}"
    if position.high >= 100:
        return f"above {ordinal(position.low)}"
    return f"{ordinal(position.low)}–{ordinal(position.high)}"


def percentile_of(amount: float, ladder: Ladder) -> Position:
    """Where `amount` (USD/yr) sits in a distribution known only by published percentiles.

    Between two published points the position is interpolated linearly in log(wage) (an
    exact `Position`); outside them, or next to a top-coded percentile, only bounds are
    returned, never an invented tail (see `Position`). Raises ValueError with fewer than two
    published points or a non-positive amount.
    """
    points = ladder.published
    if len(points) < 2:
        raise ValueError("need at least two published percentiles to place an amount")
    if not amount > 0:
        raise ValueError("amount must be positive")
    pcts = np.array([p for p, _ in points], dtype=float)
    wages = np.array([w for _, w in points], dtype=float)
    coded = sorted(int(p) for p in ladder.top_coded)
    floor = ladder.top_code
    if wages[0] <= amount <= wages[-1]:
        i = int(np.searchsorted(wages, amount, side="left"))
        if wages[i] == amount:
            return Position(float(pcts[i]), float(pcts[i]), top_code=floor)
        lo, hi = pcts[i - 1], pcts[i]
        between = [p for p in coded if lo < p < hi]
        if not between:
            pct = float(np.interp(np.log(amount), np.log(wages[i - 1 : i + 1]), [lo, hi]))
            return Position(pct, pct, top_code=floor)
        if amount < floor:
            return Position(float(lo), float(between[0]), between[0], floor)
        return Position(float(lo), float(hi), top_code=floor)
    if amount < wages[0]:
        return Position(0.0, float(pcts[0]), top_code=floor)
    above = [p for p in coded if p > pcts[-1]]
    if above and amount < floor:
        return Position(float(pcts[-1]), float(above[0]), above[0], floor)
    return Position(float(pcts[-1]), 100.0, above[0] if above else None, floor)


def wage_at_percentile(pct: float, ladder: Ladder) -> float:
    """Inverse of `percentile_of`: the wage at percentile `pct`, log-linear between points.

    Raises ValueError outside the published range (no extrapolation into the tails).
    """
    points = ladder.published
    if len(points) < 2:
        raise ValueError("need at least two published percentiles")
    pcts = np.array([p for p, _ in points], dtype=float)
    if not pcts[0] <= pct <= pcts[-1]:
        raise ValueError(
            f"percentile {pct} is outside the published range {pcts[0]:g}-{pcts[-1]:g}"
        )
    exact = dict(points)
    if pct in exact:
        return float(exact[pct])  # a published point as published, not exp(log(w))
    logs = np.log([w for _, w in points])
    return float(np.exp(np.interp(pct, pcts, logs)))


def wage_or_nan(pct: float, ladder: Ladder) -> float:
    """`wage_at_percentile`, NaN outside the published range (0 and 100 included)."""
    try:
        return wage_at_percentile(pct, ladder)
    except ValueError:
        return float("nan")


def ratio_intervals(
    ratios: Sequence[float], lows: Sequence[float], highs: Sequence[float]
) -> list[str]:
    """A 95% interval of a pay ratio for a table cell: '×1.05–1.21', or '—' where the ratio or
    either end is NaN (a hidden group, or the reference group, which has no interval against
    itself).

    The three sequences are parallel (same length); ratios are unitless (1 = equal pay).
    """
    return [
        "—" if np.isnan([r, lo, hi]).any() else f"×{lo:.2f}–{hi:.2f}"
        for r, lo, hi in zip(ratios, lows, highs, strict=True)
    ]


def weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    """The weighted median (numpy's inverted-CDF weighted quantile): the smallest value whose
    cumulative weight reaches half the total. Weights >= 0 with a positive sum; NaN when
    empty."""
    x = np.asarray(values, dtype=float)
    if len(x) == 0:
        return float("nan")
    w = np.asarray(weights, dtype=float)
    return float(np.quantile(x, 0.5, weights=w, method="inverted_cdf"))
