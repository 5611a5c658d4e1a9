"""Statistics shared by every question module: quantiles, intervals, small-sample rules.

Pay is skewed, so everything here is about medians and percentiles. Intervals are
deterministic: order-statistic (binomial) intervals for a median, and seeded bootstrap
intervals for anything else (ratios of medians, premiums).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

MIN_SHOWN = 10
"""Groups with fewer records than this are not shown at all."""
MIN_CONFIDENT = 30
"""Groups with fewer records than this are shown but flagged as low-confidence."""
PERCENTILES = (10, 25, 50, 75, 90)
"""The percentiles BLS publishes; OEWS columns a_pct10, a_pct25, a_median, a_pct75, a_pct90."""
PCT_COLUMNS: dict[str, int] = {
    "a_pct10": 10,
    "a_pct25": 25,
    "a_median": 50,
    "a_pct75": 75,
    "a_pct90": 90,
}
"""OEWS annual wage column -> the percentile it publishes (the one map every module uses)."""
TOP_CODE = 239_200.0
"""BLS OEWS May 2025 annual top-code (footnote 5: "≥ $115.00/h or $239,200/yr"). A cell noted
TOP_CODED is NaN and known only to be at least this; other wages above it are published exactly
(San Jose Data Scientists 90th percentile: $282,840)."""
TOP_CODED = "top-coded"
"""The `<column>_note` value of a top-coded OEWS cell."""
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
    from scipy import stats as sps  # imported here: pages that never need it start faster

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


@dataclass(frozen=True)
class Position:
    """Where an amount sits in a distribution known only by published percentiles (0-100).

    `low` and `high` bound the position. They are equal (and `percentile` is that value) when
    the amount lies between two published points, where it is interpolated log-linearly. Below
    the lowest published point `low` is 0; above the highest `high` is 100, or the first
    top-coded percentile above it when the amount is under the top code (a top-coded wage is
    at least TOP_CODE, so a smaller amount sits below it). `top_coded` is that top-coded
    percentile (or the one above the range when the amount is at or over the top code), else
    None.
    """

    low: float
    high: float
    top_coded: int | None = None

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
        f" (the {ordinal(position.top_coded)} is top-coded: ≥ ${TOP_CODE:,.0f})"
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


def ratio_intervals(
    ratios: Sequence[float], lows: Sequence[float], highs: Sequence[float]
) -> list[str]:
    """A 95% interval of a pay ratio for a table cell: '×1.05–1.21', or '—' where the ratio is NaN.

    The three sequences are parallel (same length); ratios are unitless (1 = equal pay).
    """
    return [
        "—" if r != r else f"×{lo:.2f}–{hi:.2f}"
        for r, lo, hi in zip(ratios, lows, highs, strict=True)
    ]


def oews_ladder(row: Mapping[str, object]) -> tuple[dict[int, float], frozenset[int]]:
    """The percentile ladder of one OEWS row and its top-coded percentiles.

    `row` has the PCT_COLUMNS (USD/yr, NaN when top-coded or not released) and their
    `<column>_note`. Returns ({10: wage, ..., 90: wage}, percentiles noted TOP_CODED).
    """
    ladder: dict[int, float] = {}
    coded: set[int] = set()
    for column, pct in PCT_COLUMNS.items():
        value = row[column]
        ladder[pct] = float(value) if pd.notna(value) else float("nan")  # type: ignore[arg-type]
        note = row.get(f"{column}_note")
        if isinstance(note, str) and note == TOP_CODED:
            coded.add(pct)
    return ladder, frozenset(coded)


def percentile_of(
    amount: float, ladder: Mapping[int, float], top_coded: Collection[int] = ()
) -> Position:
    """Where `amount` (USD/yr) sits in a distribution known only by published percentiles.

    `ladder` maps percentile (10, 25, 50, 75, 90) to wage; NaN wages (top-coded or not
    released) are not used as numbers. `top_coded` lists the percentiles whose wage BLS gives
    only as "≥ TOP_CODE". Between two published points the position is interpolated linearly
    in log(wage) (an exact `Position`); outside them only bounds are returned, never an
    invented tail (see `Position`).
    """
    points = sorted((p, w) for p, w in ladder.items() if w is not None and np.isfinite(w))
    if len(points) < 2:
        raise ValueError("need at least two published percentiles to place an amount")
    if not amount > 0:
        raise ValueError("amount must be positive")
    pcts = np.array([p for p, _ in points], dtype=float)
    wages = np.array([w for _, w in points], dtype=float)
    coded = sorted(int(p) for p in top_coded)
    if wages[0] <= amount <= wages[-1]:
        i = int(np.searchsorted(wages, amount, side="left"))
        if wages[i] == amount:
            return Position(float(pcts[i]), float(pcts[i]))
        lo, hi = pcts[i - 1], pcts[i]
        between = [p for p in coded if lo < p < hi]
        if not between:
            x = np.log(amount)
            pct = float(np.interp(x, np.log(wages[i - 1 : i + 1]), [lo, hi]))
            return Position(pct, pct)
        if amount < TOP_CODE:
            return Position(float(lo), float(between[0]), between[0])
        return Position(float(lo), float(hi))
    if amount < wages[0]:
        return Position(0.0, float(pcts[0]))
    above = [p for p in coded if p > pcts[-1]]
    if above and amount < TOP_CODE:
        return Position(float(pcts[-1]), float(above[0]), above[0])
    return Position(float(pcts[-1]), 100.0, above[0] if above else None)


def wage_at_percentile(pct: float, ladder: Mapping[int, float]) -> float:
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
    exact = dict(points)
    if pct in exact:
        return float(exact[pct])  # a published point as published, not exp(log(w))
    logs = np.log([w for _, w in points])
    return float(np.exp(np.interp(pct, pcts, logs)))
