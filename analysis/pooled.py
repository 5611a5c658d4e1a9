"""A region's pay as one distribution: the employment-weighted mixture of its metros' BLS wage
distributions, each known only by its published percentiles (log-linear between them).

Where a percentile of the mixture depends on a metro's unpublished tail (below its 10th or
above its 90th percentile) only bounds are known: `pooled_wages` returns both. A region's
wage is shown as the middle of its bounds "± x%" when they lie within ±TOLERANCE of it,
named as "between $A and $B" when wider, and open ("at least $X") past every bound; never
an invented tail. Metros without two published percentiles or without published employment
are left out, by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from analysis import metros, stats
from analysis.data import Tables
from analysis.level_pay import _published
from analysis.stats import Ladder
from analysis.wages import PLACES, cell_value, cross_industry, ladder, usable

TOLERANCE = 0.025
"""The widest a region's midpoint may be known (± its bounds' half-width, relative) and still
be shown as a figure. Half of the ±5% around a midpoint that compensation teams commonly
treat as "at market" (compa-ratio 0.95-1.05, a practitioners' convention): an uncertainty
this size cannot by itself move a salary across that zone. The default view's Senior region
midpoint is known to ±2.2%."""
EXACT = 0.0005
"""Bounds closer than this (±, relative) are one number: no "±" is shown."""


def pooled_wages(
    ladders: Sequence[Ladder], weights: Sequence[float], pcts: Sequence[float]
) -> tuple[np.ndarray, np.ndarray]:
    """Wages at percentiles `pcts` of the weighted mixture of `ladders`' distributions.

    Each ladder's CDF is log-linear between its published points; below its lowest point it is
    only known to lie in [0, that percentile], above its highest in [that percentile, 100].
    Returns (low, high): the mixture's wage at each percentile when the unknown tails are as
    heavy as possible on one side or the other. Equal (to rounding) means exact; NaN where
    a tail could reach past any wage (high: above, low: below).
    """
    w = np.asarray(weights, dtype=float)
    w = w / w.sum()
    logs = np.unique(np.concatenate([_published(r)[1] for r in ladders]))
    knots = np.exp(logs)
    # Each published point twice, just below and at it, so a jump of the CDF where a tail
    # starts is inverted exactly.
    grid = np.unique(
        np.concatenate(
            [np.exp(np.linspace(logs.min(), logs.max(), 4001)), knots * (1 - 1e-9), knots]
        )
    )
    lo_cdf = np.zeros_like(grid)  # tails at their heaviest: the CDF as low as it can be
    hi_cdf = np.zeros_like(grid)
    for rung, share in zip(ladders, w, strict=True):
        pcts_m, logs_m = _published(rung)
        inside = np.interp(np.log(grid), logs_m, pcts_m)
        below, above = grid < np.exp(logs_m[0]), grid > np.exp(logs_m[-1])
        lo_cdf += share * np.where(below, 0.0, np.where(above, pcts_m[-1], inside))
        hi_cdf += share * np.where(below, pcts_m[0], np.where(above, 100.0, inside))
    targets = np.asarray(pcts, dtype=float)
    # The wage where the CDF reaches p: higher when the CDF is low (heavy upper tail).
    high = np.interp(targets, lo_cdf, grid, left=np.nan, right=np.nan)
    low = np.interp(targets, hi_cdf, grid, left=np.nan, right=np.nan)
    return low, high


@dataclass(frozen=True)
class RegionalLadder:
    """The pooled distribution of a region's metros for one occupation: `wages` at `pcts`
    (the middle of `low`/`high` where they are within `tolerance`, else NaN), `low`/`high`
    its bounds, `metros` used with their employment, `left_out` {label: reason}."""

    occupation: str
    pcts: tuple[float, ...]
    wages: tuple[float, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]
    metros: tuple[str, ...]
    employment: float
    left_out: dict[str, str]
    tolerance: float = TOLERANCE


def pool_metros(
    data: Tables, cbsas: Sequence[str], occupation: str
) -> tuple[list[str], list[float], list[Ladder], dict[str, str]]:
    """The metros of `cbsas` that can be pooled (published percentiles and employment): their
    codes, jobs, ladders, and {label: why} for the rest."""
    labels = metros.metro_labels(data)
    rows = cross_industry(data.wages, occupation, PLACES)
    rows = rows[rows["cbsa"].isin([str(c) for c in cbsas])].set_index("cbsa")
    top_code = data.facts.top_code
    used, weights, ladders, left_out = [], [], [], {}
    for cbsa in dict.fromkeys(str(c) for c in cbsas):
        name = labels.get(cbsa, cbsa)
        if cbsa not in rows.index:
            left_out[name] = "no BLS wages published for this occupation"
            continue
        row = rows.loc[cbsa]
        jobs = cell_value(row["tot_emp"])
        if not usable(row):
            left_out[name] = "fewer than two percentiles published"
        elif not jobs > 0:
            left_out[name] = "employment not released (no weight)"
        else:
            used.append(cbsa)
            weights.append(jobs)
            ladders.append(ladder(row, top_code))
    return used, weights, ladders, left_out


def regional_ladder(
    data: Tables,
    cbsas: Sequence[str],
    occupation: str,
    pcts: Sequence[float] = stats.PERCENTILES,
    *,
    tolerance: float = TOLERANCE,
) -> RegionalLadder:
    """The region's pooled percentiles of `occupation` over metros `cbsas` (see
    `pooled_wages`); a percentile whose bounds lie more than `tolerance` (relative, ±) from
    their middle is NaN in `wages`. Raises ValueError when no metro can be pooled."""
    used, weights, ladders, left_out = pool_metros(data, cbsas, occupation)
    if not ladders:
        raise ValueError("None of the chosen metros has published wages to pool.")
    low, high = pooled_wages(ladders, weights, pcts)
    with np.errstate(invalid="ignore"):
        pinned = (high - low) <= tolerance * (high + low)
    wages = np.where(pinned, (low + high) / 2, np.nan)
    return RegionalLadder(
        occupation, tuple(float(p) for p in pcts), tuple(float(x) for x in wages),
        tuple(float(x) for x in low), tuple(float(x) for x in high), tuple(used),
        float(sum(weights)), left_out, tolerance,
    )  # fmt: skip


def _names(labels: Sequence[str], most: int = 3) -> str:
    """'A', 'A; B', 'A; B; C', 'A; B and 4 other metros' (labels hold commas: "Austin, TX")."""
    labels = list(labels)
    if len(labels) > most:
        return f"{'; '.join(labels[: most - 1])} and {len(labels) - most + 1} other metros"
    return "; ".join(labels)


def region_reading(
    ladders: Sequence[Ladder],
    weights: Sequence[float],
    names: Sequence[str],
    pct: float,
    openness: str,
    national: Ladder,
    tolerance: float = TOLERANCE,
) -> dict[str, float | str]:
    """The region's wage at national percentile `pct` (NaN with `openness` "above"/"below"
    when the level sits past the national published range), as a row of `level_bands`:
    mid, pm (± relative half-width of the bounds), bound_low, bound_high, open, floor,
    ceiling, reading ("exact", "pinned", "wide", "open") and note (why, in words)."""
    out: dict[str, float | str] = {"mid": np.nan, "pm": np.nan, "bound_low": np.nan,
                                   "bound_high": np.nan, "open": "", "floor": np.nan,
                                   "ceiling": np.nan}  # fmt: skip
    published = national.published
    at = {"above": published[-1][0], "below": published[0][0]}.get(openness, pct)
    low, high = (float(v[0]) for v in pooled_wages(ladders, weights, [at]))
    out["bound_low"], out["bound_high"] = low, high
    if openness == "above" or (np.isfinite(low) and not np.isfinite(high)):
        return out | {"open": "above", "floor": low, "reading": "open",
                      "note": f"open: at least ${low:,.0f}; the level sits past the "
                      "percentiles BLS publishes"}  # fmt: skip
    if openness == "below" or not np.isfinite(low):
        return out | {"open": "below", "ceiling": high, "reading": "open",
                      "note": f"open: at most ${high:,.0f}; the level sits below the "
                      "percentiles BLS publishes"}  # fmt: skip
    middle, pm = (low + high) / 2, (high - low) / (high + low)
    if pm <= EXACT:
        return out | {"mid": middle, "pm": 0.0, "reading": "exact", "note": ""}
    tails = [n for n, r in zip(names, ladders, strict=True) if not _inside(middle, r)]
    why = f"pay past the published percentiles of {_names(tails or names)} is unknown"
    span = f"${low:,.0f}–${high:,.0f}"
    if pm <= tolerance:
        note = f"±{pm:.1%}: {why}, so {span}, shown as its middle"
        return out | {"mid": middle, "pm": pm, "reading": "pinned", "note": note}
    note = f"no figure: {span} (±{pm:.1%}, wider than the ±{tolerance:.1%} shown); {why}"
    return out | {"reading": "wide", "note": note}


def _inside(wage: float, rung: Ladder) -> bool:
    points = rung.published
    return points[0][1] <= wage <= points[-1][1]
