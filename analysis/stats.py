"""Statistics shared by every question module: quantiles, intervals, small-sample rules.

Pay is skewed, so everything here is about medians and percentiles. Intervals are
deterministic: order-statistic (binomial) intervals for a median, and seeded bootstrap
intervals for anything else (ratios of medians, premiums).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
from scipy import stats as sps

MIN_SHOWN = 10
"""Groups with fewer records than this are not shown at all."""
MIN_CONFIDENT = 30
"""Groups with fewer records than this are shown but flagged as low-confidence."""
PERCENTILES = (10, 25, 50, 75, 90)
"""The percentiles BLS publishes; OEWS columns a_pct10, a_pct25, a_median, a_pct75, a_pct90."""
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

    Returns (low, high) in the unit of `values`; NaN for fewer than 2 values. For n records
    the interval runs between the order statistics whose binomial(n, 0.5) tail
    probabilities leave (1 - level) / 2 on each side, so it needs no resampling.
    """
    x = np.sort(np.asarray(values, dtype=float))
    x = x[~np.isnan(x)]
    n = len(x)
    if n < 2:
        return (float("nan"), float("nan"))
    alpha = (1 - level) / 2
    lo = int(sps.binom.ppf(alpha, n, 0.5))
    hi = int(sps.binom.isf(alpha, n, 0.5))
    lo = max(lo - 1, 0)
    hi = min(hi, n - 1)
    return (float(x[lo]), float(x[hi]))


def bootstrap_interval(
    samples: Sequence[np.ndarray],
    statistic: Callable[..., float],
    *,
    n_boot: int = 400,
    level: float = 0.95,
    seed: int = DEFAULT_SEED,
) -> tuple[float, float]:
    """Percentile bootstrap interval of `statistic(*samples)`, each sample resampled alone.

    `samples` is a sequence of 1-D arrays (e.g. two groups for a ratio of medians). The same
    seed gives the same interval. Returns (low, high); NaN when any sample is empty.
    """
    arrays = [np.asarray(s, dtype=float) for s in samples]
    if any(len(a) == 0 for a in arrays):
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    draws = np.empty(n_boot)
    for i in range(n_boot):
        resampled = [a[rng.integers(0, len(a), len(a))] for a in arrays]
        draws[i] = statistic(*resampled)
    alpha = (1 - level) / 2
    low, high = np.quantile(draws, [alpha, 1 - alpha])
    return (float(low), float(high))


def ratio_of_medians(a: np.ndarray, b: np.ndarray) -> float:
    """median(a) / median(b)."""
    return float(np.median(a) / np.median(b))


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


def percentile_of(amount: float, ladder: dict[int, float]) -> float:
    """Where `amount` sits in a distribution known only by published percentiles.

    `ladder` maps percentile (e.g. 10, 25, 50, 75, 90) to wage; NaN wages (top-coded or not
    released) are ignored. Interpolates linearly in log(wage) between neighbouring
    percentiles. Below the lowest published point returns -inf; above the highest, +inf:
    callers say "below the 10th" / "above the 90th" rather than inventing a tail.
    """
    points = sorted((p, w) for p, w in ladder.items() if w is not None and np.isfinite(w))
    if len(points) < 2:
        raise ValueError("need at least two published percentiles to place an amount")
    if amount <= 0:
        raise ValueError("amount must be positive")
    pcts = np.array([p for p, _ in points], dtype=float)
    logs = np.log([w for _, w in points])
    x = np.log(amount)
    if x < logs[0]:
        return float("-inf")
    if x > logs[-1]:
        return float("inf")
    return float(np.interp(x, logs, pcts))


def wage_at_percentile(pct: float, ladder: dict[int, float]) -> float:
    """Inverse of `percentile_of`: the wage at percentile `pct`, log-linear between points.

    Raises ValueError outside the published range (no extrapolation into the tails).
    """
    points = sorted((p, w) for p, w in ladder.items() if w is not None and np.isfinite(w))
    if len(points) < 2:
        raise ValueError("need at least two published percentiles")
    pcts = np.array([p for p, _ in points], dtype=float)
    if not pcts[0] <= pct <= pcts[-1]:
        raise ValueError(
            f"percentile {pct} is outside the published range {pcts[0]:g}-{pcts[-1]:g}"
        )
    logs = np.log([w for _, w in points])
    return float(np.exp(np.interp(pct, pcts, logs)))
