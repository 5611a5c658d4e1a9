"""What one career level earns in one place: the method behind the offer verdict, the ask and
the pay bands by level.

BLS publishes pay by place but not by level; the salary index has levels but no places (and
is mostly high-paying US job listings). One method joins them, used everywhere:

1. Take the salary-index records of the level and track (US companies, full-time, 2023-2025,
   the one filter `analysis.filters.comparable_records`) and their quantiles (e.g. the 25th,
   50th and 75th percentile of the level's pay).
2. Place each quantile in the NATIONAL BLS wage distribution of the occupation (log-linear
   between published percentiles): "a senior data scientist's median sits at the 71st
   percentile of all US data scientists".
3. Read the same BLS percentile off the AREA's BLS distribution (the metro; where BLS
   publishes too little there, its state, then the nation): that is the level's pay there.

A position outside the published 10th-90th percentiles (or next to a top-coded one) has no
number: that edge is *open* ("above the 90th percentile, ≥ $X"), never extrapolated.

Uncertainty combines both sources by simulation (`n_draws`, seeded): the level's records are
resampled (bootstrap), and each BLS ladder is scaled by one random factor with the relative
standard error BLS publishes for the area's mean wage (BLS publishes none for percentiles, so
this is an approximation, stated wherever it is shown). Each edge gets the 2.5-97.5%
interval of its draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import stats
from analysis.data import Tables
from analysis.filters import LEVELS, RECENT_YEARS, US, comparable_records, filter_records
from analysis.stats import Ladder
from analysis.wages import cell_value, ladder, market_row, national_row

RANGE = (0.25, 0.5, 0.75)
"""The quantiles of the level's pay that make its range: low, middle, high."""
N_DRAWS = 300


def _published(rung: Ladder) -> tuple[np.ndarray, np.ndarray]:
    points = rung.published
    return np.array([p for p, _ in points], float), np.log([w for _, w in points])


def position(amounts: np.ndarray, rung: Ladder) -> np.ndarray:
    """Percentile (0-100) of each amount in `rung`, log-linear between published points; NaN
    outside them (an open end). Works on any array shape."""
    pcts, logs = _published(rung)
    x = np.log(np.asarray(amounts, dtype=float))
    out = np.interp(x, logs, pcts)
    return np.where((x < logs[0]) | (x > logs[-1]), np.nan, out)


def wage_at(pcts: np.ndarray, rung: Ladder) -> np.ndarray:
    """Wage (USD) at each percentile in `rung`, log-linear between published points; NaN
    outside them."""
    known, logs = _published(rung)
    p = np.asarray(pcts, dtype=float)
    out = np.exp(np.interp(p, known, logs))
    return np.where(np.isnan(p) | (p < known[0]) | (p > known[-1]), np.nan, out)


@dataclass(frozen=True)
class LevelPay:
    """The pay of `level` (`track` records) for `occupation` in an area, at `quantiles`.

    `wages`: USD at each quantile in the area (NaN = open end); `percentiles`: where each
    quantile sits among all US workers of the occupation (BLS); `index_wages`: the quantiles of
    the salary-index records themselves (USD, national); `low`/`high`: 95% interval of each
    wage from the simulation (NaN where the edge is open in more than 5% of draws);
    `open_low`/`open_high` per quantile: the position is below/above the published range.
    `n`/`status`: records behind it; `area_*`, `fallback`: where the BLS ladder comes from
    and why it is not the metro's own; `area_top`: the area's highest published wage (USD) and
    `area_top_pct` its percentile, the floor an open top end is at least.
    """

    occupation: str
    occ_title: str
    level: str
    track: str
    quantiles: tuple[float, ...]
    wages: tuple[float, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]
    percentiles: tuple[float, ...]
    index_wages: tuple[float, ...]
    open_low: tuple[bool, ...]
    open_high: tuple[bool, ...]
    n: int
    status: str
    scope: str
    area_name: str
    area_type: str
    fallback: str
    area_top: float
    area_top_pct: int
    area_bottom: float
    area_bottom_pct: int


def _simulate(
    values: np.ndarray,
    quantiles: Sequence[float],
    nat: Ladder,
    area: Ladder,
    rse: tuple[float, float],
    n_draws: int,
    seed: int,
) -> np.ndarray:
    """Draws x quantiles of the area wage: records resampled, each ladder scaled by one
    lognormal factor per draw with the given relative standard errors (national, area). A
    draw past the top of the published range is +inf, past the bottom -inf (open ends)."""
    rng = np.random.default_rng(seed)
    picks = values[rng.integers(0, len(values), (n_draws, len(values)))]
    q = np.quantile(picks, quantiles, axis=1).T  # draws x quantiles
    nat_shift = np.exp(rng.normal(0.0, rse[0], (n_draws, 1)))
    area_shift = np.exp(rng.normal(0.0, rse[1], (n_draws, 1)))
    # Scaling a ladder by f is the same as placing q / f in the unscaled ladder.
    scaled = q / nat_shift
    pcts = position(scaled, nat)
    wages = wage_at(pcts, area) * area_shift
    _, nat_logs = _published(nat)
    area_pcts, _ = _published(area)
    high = (np.log(scaled) > nat_logs[-1]) | (pcts > area_pcts[-1])
    low = (np.log(scaled) < nat_logs[0]) | (pcts < area_pcts[0])
    return np.where(high, np.inf, np.where(low, -np.inf, wages))


def level_pay(
    data: Tables,
    cbsa: str,
    occupation: str,
    level: str,
    track: str,
    quantiles: Sequence[float] = RANGE,
    *,
    drop_duplicates: bool = True,
    n_draws: int = N_DRAWS,
    seed: int = stats.DEFAULT_SEED,
) -> LevelPay:
    """The pay of `level` in metro `cbsa` (see the module docstring for the method).

    Raises ValueError when the level has fewer than MIN_SHOWN records, or the occupation or
    metro is unknown. Quantiles are fractions (0.25 = the level's 25th percentile).
    """
    if level not in LEVELS:
        raise ValueError(f"Unknown level {level!r}; use one of {', '.join(LEVELS)}.")
    values, scope = comparable_records(data, level, track, drop_duplicates=drop_duplicates)
    status = stats.sample_status(len(values))
    if status == "hidden":
        raise ValueError(
            f"Only {len(values)} salary-index records of {level} {track}s at US companies: too "
            "few to place the level. Pick another track or level."
        )
    top_code = data.facts.top_code
    row, fallback = market_row(data, cbsa, occupation)
    nat_row = national_row(data.wages, occupation)
    nat, area = ladder(nat_row, top_code), ladder(row, top_code)
    qs = tuple(float(q) for q in quantiles)
    index_wages = np.quantile(values, qs)
    pcts = position(index_wages, nat)
    wages = wage_at(pcts, area)
    rse = (cell_value(nat_row["mean_prse"]) / 100, cell_value(row["mean_prse"]) / 100)
    rse = tuple(r if np.isfinite(r) else 0.0 for r in rse)
    draws = _simulate(values, qs, nat, area, rse, n_draws, seed)
    with np.errstate(invalid="ignore"):  # infinite draws (open ends) give infinite edges
        low, high = np.percentile(draws, [2.5, 97.5], axis=0)
    low, high = np.where(np.isfinite(low), low, np.nan), np.where(np.isfinite(high), high, np.nan)
    _, nat_logs = _published(nat)
    area_pcts, area_logs = _published(area)
    below = np.log(index_wages) < nat_logs[0]
    above = np.log(index_wages) > nat_logs[-1]
    # An exact national position can still fall outside the area's published points.
    open_low = below | (~np.isnan(pcts) & (pcts < area_pcts[0]))
    open_high = above | (~np.isnan(pcts) & (pcts > area_pcts[-1]))
    return LevelPay(
        occupation=occupation,
        occ_title=str(nat_row["occ_title"]),
        level=level,
        track=track,
        quantiles=qs,
        wages=tuple(float(w) for w in wages),
        low=tuple(float(v) for v in low),
        high=tuple(float(v) for v in high),
        percentiles=tuple(float(p) for p in pcts),
        index_wages=tuple(float(v) for v in index_wages),
        open_low=tuple(bool(b) for b in open_low),
        open_high=tuple(bool(b) for b in open_high),
        n=len(values),
        status=status,
        scope=scope,
        area_name=str(row["area_name"]),
        area_type=str(row["area_type"]),
        fallback=fallback,
        area_top=float(np.exp(area_logs[-1])),
        area_top_pct=int(area_pcts[-1]),
        area_bottom=float(np.exp(area_logs[0])),
        area_bottom_pct=int(area_pcts[0]),
    )


@dataclass(frozen=True)
class Verdict:
    """Where a base salary sits against a level's range (`LevelPay` at RANGE).

    `place`: "below", "within" or "above" the range; `near`: "low" / "high" when the base
    lies inside the 95% interval of that edge (the verdict could go either way), else "";
    `gap`: base minus the range's middle (USD; NaN when the middle is open); `share_of_mid`:
    base / middle.
    """

    place: str
    near: str
    gap: float
    share_of_mid: float


def verdict(pay: LevelPay, base: float) -> Verdict:
    """Below, within or above the level's range: below its low edge, above its high edge, else
    within. An open low edge (the level's 25th percentile under the published 10th) means
    "below" needs a base under the area's lowest published wage; an open high edge means no
    base is "above" the range short of the area's highest published wage."""
    low, mid, high = pay.wages
    floor = low if np.isfinite(low) else pay.area_bottom if pay.open_low[0] else np.nan
    ceiling = high if np.isfinite(high) else pay.area_top if pay.open_high[2] else np.nan
    if np.isfinite(floor) and base < floor:
        place = "below"
    elif np.isfinite(ceiling) and base > ceiling and not pay.open_high[2]:
        place = "above"
    else:
        place = "within"
    near = ""
    if np.isfinite(pay.low[0]) and pay.low[0] <= base <= pay.high[0]:
        near = "low"
    elif np.isfinite(pay.low[2]) and pay.low[2] <= base <= pay.high[2]:
        near = "high"
    gap = base - mid if np.isfinite(mid) else float("nan")
    return Verdict(place, near, gap, base / mid if np.isfinite(mid) else float("nan"))


def backtest(
    data: Tables,
    *,
    tracks: Sequence[str] = ("ML engineer", "Data scientist", "AI engineer", "Data engineer"),
    quantiles: tuple[float, float] = (RANGE[0], RANGE[-1]),
    holdout: float = 0.3,
    seed: int = stats.DEFAULT_SEED,
) -> pd.DataFrame:
    """How often held-back US salary-index records fall inside their level's range.

    Two checks, per level (records of `tracks`, each judged against its own track and level):
    - "random": a seeded `holdout` share of 2023-2025 records is held back; the range comes
      from the rest. Inside the range of the 25th-75th percentiles should be about 50%: a
      check of the method's stability, not of its metro translation (the index has no places).
    - "2023 → 2024": the range from 2023 records, tested on 2024 records, so a change of who
      the index samples (mostly job listings from 2024) shows as a share far from 50%.
    Output: check, level, n_train, n_test, inside (share 0-1), ci_low, ci_high (Wilson 95%),
    expected (the width of the range, 0.5 for 25th-75th).
    """
    from scipy.stats import binomtest  # imported here: pages that never need it start faster

    rows = filter_records(
        data.salaries,
        country=US,
        years=RECENT_YEARS,
        tracks=list(tracks),
        columns=["year", "level", "track", "salary_usd"],
    )
    rng = np.random.default_rng(seed)
    held = rng.random(len(rows)) < holdout
    splits = {
        "random": (rows[~held], rows[held]),
        "2023 → 2024": (rows[rows["year"] == 2023], rows[rows["year"] == 2024]),
    }
    out = []
    for check, (train, test) in splits.items():
        for level in LEVELS:
            inside = n_test = n_train = 0
            for track in tracks:
                fit = train.loc[(train["level"] == level) & (train["track"] == track)]
                hold = test.loc[(test["level"] == level) & (test["track"] == track)]
                if len(fit) < stats.MIN_CONFIDENT or hold.empty:
                    continue
                lo, hi = np.quantile(fit["salary_usd"], quantiles)
                inside += int(hold["salary_usd"].between(lo, hi).sum())
                n_test += len(hold)
                n_train += len(fit)
            if n_test == 0:
                continue
            ci = binomtest(inside, n_test).proportion_ci(0.95, method="wilson")
            out.append(
                {
                    "check": check,
                    "level": level,
                    "n_train": n_train,
                    "n_test": n_test,
                    "inside": inside / n_test,
                    "ci_low": float(ci.low),
                    "ci_high": float(ci.high),
                    "expected": quantiles[1] - quantiles[0],
                }
            )
    return pd.DataFrame(out)
