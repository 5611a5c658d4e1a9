"""How far the level method (`analysis.level_pay`) can be trusted: what can be tested, tested.

- `backtest`: holdout calibration of the level's range, by level and by year (the index has
  no places, so this tests the level side of the method, not the metro translation).
- `sensitivity`: how much a level's range moves when one choice of the method is flipped
  (`level_pay.CHOICES`: exact duplicates kept, the other reference population, the other
  occupation basis, ageing at another rate), for a set of metros, tracks and levels;
  `sensitivity_summary` says it per choice in a few numbers. A verdict whose place flips
  under one of these choices says "could go either way" (`level_pay.verdict`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis import stats
from analysis.data import Tables, stored
from analysis.filters import LEVELS, RECENT_YEARS, US, filter_records
from analysis.level_pay import CHOICES, RANGE, level_pay, variants
from analysis.metros import metro_labels
from analysis.populations import BY_EVIDENCE

CHECKED_TRACKS: tuple[str, ...] = ("ML engineer", "Data scientist", "AI engineer", "Data engineer")
"""The tracks the checks run over: the AI and data engineering tracks the Offer check is for."""
CHECKED_METROS: tuple[str, ...] = ("42660", "12420")
"""Seattle (a pay-transparency state) and Austin (not one): the sensitivity table's metros."""
EDGES = ("low", "mid", "high")


def backtest(
    data: Tables,
    *,
    tracks: Sequence[str] = CHECKED_TRACKS,
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


def stored_backtest(data: Tables) -> pd.DataFrame:
    """`backtest(data)` with its defaults as the build stored it (data/level_backtest.parquet,
    `databuild.precomputed`). `sensitivity` has no stored table: it reads the ranges for
    today's date, so its answer changes from day to day."""
    return stored(data, "level_backtest")


def sensitivity(
    data: Tables,
    cbsas: Sequence[str] = CHECKED_METROS,
    tracks: Sequence[str] = CHECKED_TRACKS,
    *,
    as_of: dt.date | None = None,
    rate: float = 0.0,
    other_rate: float | None = None,
) -> pd.DataFrame:
    """Each level's range under the method's defaults (the track's filed occupations, the
    national reference, exact duplicates dropped, read for `as_of` at `rate`) and with each
    choice flipped (`level_pay.variants`; ageing at `other_rate`), per metro, track and level.

    Columns: area, cbsa, track, level, n, choice (a `CHOICES` key), choice_label, low, mid,
    high (the default range, USD), alt_low, alt_mid, alt_high (with the choice flipped),
    move_low, move_mid, move_high (alt / default - 1; NaN where either end is open), opened
    (edges open in one reading and not the other, e.g. "high"). Levels under 10 records are
    left out.
    """
    labels = metro_labels(data)
    rows = []
    for cbsa in cbsas:
        for track in tracks:
            for level in LEVELS:
                options = {"as_of": as_of, "rate": rate}
                try:
                    pay = level_pay(data, cbsa, BY_EVIDENCE, level, track, n_draws=0, **options)
                except ValueError:
                    continue
                flipped = variants(
                    data, cbsa, BY_EVIDENCE, level, track, other_rate=other_rate, **options
                )
                base = {"area": labels.get(cbsa, cbsa), "cbsa": cbsa, "track": track}
                base |= {"level": level, "n": pay.n}
                base |= dict(zip(EDGES, pay.wages, strict=True))
                for choice, alt in flipped.items():
                    row = base | {"choice": choice, "choice_label": CHOICES[choice]}
                    row |= {f"alt_{e}": w for e, w in zip(EDGES, alt.wages, strict=True)}
                    for e, w, a in zip(EDGES, pay.wages, alt.wages, strict=True):
                        row[f"move_{e}"] = (
                            a / w - 1 if np.isfinite(w) and np.isfinite(a) else np.nan
                        )
                    row["opened"] = ", ".join(
                        e
                        for e, w, a in zip(EDGES, pay.wages, alt.wages, strict=True)
                        if np.isfinite(w) != np.isfinite(a)
                    )
                    rows.append(row)
    return pd.DataFrame(rows)


def sensitivity_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per choice of `sensitivity` output: choice, choice_label, edges (range edges and
    middles compared with a number in both readings), median_move and largest_move (of the
    absolute moves, fractions), opened (edges with a number in one reading only), cells
    (metro x track x level combinations)."""
    out = []
    for choice, rows in table.groupby("choice", sort=False):
        moves = rows[[f"move_{e}" for e in EDGES]].to_numpy(dtype=float).ravel()
        moves = np.abs(moves[np.isfinite(moves)])
        out.append(
            {
                "choice": choice,
                "choice_label": CHOICES[str(choice)],
                "edges": len(moves),
                "median_move": float(np.median(moves)) if len(moves) else np.nan,
                "largest_move": float(moves.max()) if len(moves) else np.nan,
                "opened": int(rows["opened"].str.count(r"\w+").sum()),
                "cells": len(rows),
            }
        )
    return pd.DataFrame(out)
