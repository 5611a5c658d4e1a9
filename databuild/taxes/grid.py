"""The income grid of the take-home schedule and the check of interpolating between its
points: evenly spaced segments plus points at the jumps and kinks of the law (2025, 2026)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.taxes import take_home

# Evenly spaced segments, finer where taxes change fastest relative to income (federal and
# state brackets, wage bases; just above $1M several state top rates start: CA mental health
# tax, NJ, DC, MD, MA surtax, NY's 9.65% bracket). (min, max, step), USD a year.
# From $100 (a month of the lowest base an offer accepts is $833): a job that starts late in
# a year pays only a few months' wages in it, and each calendar year is taxed on its own.
GRID_SEGMENTS: tuple[tuple[int, int, int], ...] = (
    (100, 1_000, 900),
    (1_000, 20_000, 1_000),
    (20_000, 100_000, 1_000),
    (100_000, 300_000, 2_500),
    (300_000, 1_000_000, 10_000),
    (1_000_000, 1_200_000, 5_000),
    (1_200_000, 2_000_000, 25_000),
    (2_000_000, 5_000_000, 100_000),
)


@dataclass(frozen=True)
class Break:
    """Wages (USD/yr) at which a tax of a schedule year jumps (`jump`: the grid gets wages - 1,
    wages and wages + 1, so interpolation does not smear the step over a grid interval) or its slope
    changes sharply (a kink: the grid gets the wages), between the points of `GRID_SEGMENTS`.
    """

    wages: int
    jump: bool
    why: str


_NY_SUPPLEMENTAL = "NY supplemental tax (Tax Law 601(d-1)), single, NY standard deduction $8,000"
GRID_BREAKS: tuple[Break, ...] = (
    Break(
        28_450,
        True,
        "OH: tax starts at a fixed amount once Ohio taxable income passes $26,050 (wages "
        "$28,450 less the $2,400 personal exemption)",
    ),
    Break(100_000, True, "MD personal exemption falls to $1,600 over $100,000 of federal AGI"),
    Break(125_000, True, "MD personal exemption falls to $800 over $125,000"),
    Break(150_000, True, "MD personal exemption falls to $0 over $150,000"),
    Break(
        223_400,
        True,
        f"{_NY_SUPPLEMENTAL}: taxable income reaches $215,400, recapture "
        "of the 6.85% bracket starts 8,000/50,000 phased in",
    ),
    Break(250_000, True, "IL personal exemption ends over $250,000 of AGI"),
    Break(
        300_000,
        True,
        "CO: from $300,000 of federal AGI the federal standard deduction over $12,000 (2025) "
        "or $1,000 (2026, HB25-1274) is added back (C.R.S. 39-22-104(3)(p), (p.7))",
    ),
    Break(
        750_000,
        True,
        "OH 2025: no personal exemption over $750,000 of modified AGI (ORC 5747.025; "
        "$500,000 from 2026, a break already on the grid)",
    ),
    Break(500_000, True, "NYC school tax credit rate reduction: none over $500,000 of income"),
    Break(265_400, False, f"{_NY_SUPPLEMENTAL}: 6.85% recapture fully phased in (AGI $265,400)"),
    Break(
        1_085_550,
        True,
        f"{_NY_SUPPLEMENTAL}: taxable income reaches $1,077,550, recapture "
        "of the 9.65% bracket ($30,172) starts 8,000/50,000 phased in",
    ),
    Break(
        1_089_550,
        False,
        "MA 4% surtax on taxable income over $1,083,150 (+ $4,400 personal exemption + $2,000 "
        "deduction for Social Security and Medicare contributions)",
    ),
    Break(
        1_127_550, False, f"{_NY_SUPPLEMENTAL}: 9.65% recapture fully phased in (AGI $1,127,550)"
    ),
)


def default_grid() -> np.ndarray:
    """The income grid: `GRID_SEGMENTS` plus the points of `GRID_BREAKS`; sorted unique wages,
    USD a year."""
    parts = [np.arange(lo, hi + step, step, dtype=float) for lo, hi, step in GRID_SEGMENTS]
    for b in GRID_BREAKS:
        parts.append(np.array([b.wages - 1, b.wages, b.wages + 1] if b.jump else [b.wages]))
    return np.unique(np.concatenate(parts).astype(float))


def midpoints(incomes: Sequence[float]) -> np.ndarray:
    """The midpoint of every interval between consecutive grid incomes (USD, increasing)."""
    grid = np.unique(np.asarray(incomes, dtype=float))
    return (grid[:-1] + grid[1:]) / 2


def interpolation_errors(schedule: pd.DataFrame, simulated: pd.DataFrame) -> pd.DataFrame:
    """Interpolated (`analysis.taxes.take_home` on `schedule`) minus simulated take-home.

    `simulated`: rows as `finish` returns them (tax_year, jurisdiction, gross, ...), at incomes
    inside the schedule's range. Output: tax_year, jurisdiction, gross, error (USD/yr,
    interpolated minus simulated take-home).
    """
    parts = []
    for (year, jurisdiction), rows in simulated.groupby(["tax_year", "jurisdiction"], sort=True):
        got = take_home(rows["gross"].to_numpy(), str(jurisdiction), schedule, int(year))
        error = got["take_home"].to_numpy() - rows["take_home"].to_numpy()
        parts.append(
            pd.DataFrame(
                {
                    "tax_year": int(year),
                    "jurisdiction": jurisdiction,
                    "gross": rows["gross"].to_numpy(),
                    "error": error,
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def summarize_errors(errors: pd.DataFrame) -> list[dict]:
    """Per `GRID_SEGMENTS` segment: the largest absolute error and where it is (ties: the
    first by tax year, jurisdiction then gross), and the share of points within $1."""
    out = []
    for lo, hi, step in GRID_SEGMENTS:
        part = errors[(errors["gross"] > lo) & (errors["gross"] < hi)]
        part = part.sort_values(["tax_year", "jurisdiction", "gross"], ignore_index=True)
        worst = part.loc[part["error"].abs().idxmax()]
        out.append(
            {
                "min": lo,
                "max": hi,
                "step": step,
                "points": len(part),
                "max_abs_error": round(float(abs(worst["error"])), 2),
                "at": {
                    "tax_year": int(worst["tax_year"]),
                    "jurisdiction": str(worst["jurisdiction"]),
                    "gross": float(worst["gross"]),
                },
                "share_within_1_usd": round(float((part["error"].abs() <= 1).mean()), 4),
            }
        )
    return out
