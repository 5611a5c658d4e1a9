"""Pay bands as recruiters set them: per career level, per metro and for a region, at a target
percentile, with a spread, as of the date they take effect.

- A level's band in a metro uses the one method of `analysis.level_pay`: the level's pay at the
  target percentile among salary-index records, placed in the national BLS distribution,
  read off the metro's. Midpoint = that wage; minimum and maximum = midpoint x (1 -/+ spread).
  Cells whose level has under 10 records are hidden, under 30 flagged.
- A region's band reads the same BLS percentile off the region's POOLED distribution: the
  employment-weighted mixture of its metros' distributions (each known by its published
  percentiles, log-linear between them). Where the answer depends on a metro's unpublished
  tail (below its 10th or above its 90th percentile) it is bounded, not invented; metros
  without two published percentiles or without published employment are left out, by name.
- Ageing: BLS wages are of the reference month of the release (May 2025); a band can be
  carried to its effective date at an annual rate the user types (0% by default: no rate is
  assumed), factor (1 + rate) ** years.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import metros, stats
from analysis.data import Tables
from analysis.filters import LEVELS, comparable_records
from analysis.level_pay import _published, position, wage_at
from analysis.stats import Ladder
from analysis.wages import PLACES, cell_value, cross_industry, ladder, national_row, usable

MONTHS = {m: i for i, m in enumerate(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"), start=1)}  # fmt: skip
N_DRAWS = 300


def reference_date(data: Tables) -> dt.date:
    """The date BLS wages refer to: the 15th of the release's reference month ("May 2025")."""
    period = str(data.manifest["sources"]["oews"]["facts"]["reference_period"])
    month, year = period.split()
    return dt.date(int(year), MONTHS[month], 15)


def age_factor(reference: dt.date, effective: dt.date, rate: float) -> float:
    """(1 + rate) ** (years from `reference` to `effective`), rate a fraction a year (0.03 =
    3%); a date before the reference ages backwards. ValueError for a rate at or below -100%."""
    if not rate > -1:
        raise ValueError("An annual rate must be above -100%.")
    years = (effective - reference).days / 365.25
    return float((1.0 + rate) ** years)


def pooled_wages(
    ladders: Sequence[Ladder], weights: Sequence[float], pcts: Sequence[float]
) -> tuple[np.ndarray, np.ndarray]:
    """Wages at percentiles `pcts` of the weighted mixture of `ladders`' distributions.

    Each ladder's CDF is log-linear between its published points; below its lowest point it is
    only known to lie in [0, that percentile], above its highest in [that percentile, 100].
    Returns (low, high): the mixture's wage at each percentile when the unknown tails are as
    heavy as possible on one side or the other. Equal (to rounding) means exact.
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
    (NaN where unpublished tails decide it), `low`/`high` its bounds, `metros` used with their
    employment, `left_out` {label: reason}."""

    occupation: str
    pcts: tuple[float, ...]
    wages: tuple[float, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]
    metros: tuple[str, ...]
    employment: float
    left_out: dict[str, str]


def regional_ladder(
    data: Tables,
    cbsas: Sequence[str],
    occupation: str,
    pcts: Sequence[float] = stats.PERCENTILES,
    *,
    tolerance: float = 0.005,
) -> RegionalLadder:
    """The region's pooled percentiles of `occupation` over metros `cbsas` (see
    `pooled_wages`); a percentile whose bounds differ by more than `tolerance` (relative) is
    NaN. Raises ValueError when no metro can be pooled."""
    labels = metros.metro_labels(data)
    rows = cross_industry(data.wages, occupation, PLACES)
    rows = rows[rows["cbsa"].isin([str(c) for c in cbsas])]
    top_code = data.facts.top_code
    used, weights, ladders, left_out = [], [], [], {}
    for cbsa in dict.fromkeys(str(c) for c in cbsas):
        name = labels.get(cbsa, cbsa)
        hit = rows[rows["cbsa"] == cbsa]
        if hit.empty:
            left_out[name] = "no BLS wages published for this occupation"
            continue
        row = hit.iloc[0]
        jobs = cell_value(row["tot_emp"])
        if not usable(row):
            left_out[name] = "fewer than two percentiles published"
        elif not jobs > 0:
            left_out[name] = "employment not released (no weight)"
        else:
            used.append(cbsa)
            weights.append(jobs)
            ladders.append(ladder(row, top_code))
    if not ladders:
        raise ValueError("None of the chosen metros has published wages to pool.")
    low, high = pooled_wages(ladders, weights, pcts)
    exact = np.abs(high - low) <= tolerance * np.where(np.isfinite(low), low, np.inf)
    wages = np.where(exact, (low + high) / 2, np.nan)
    return RegionalLadder(
        occupation, tuple(float(p) for p in pcts), tuple(float(x) for x in wages),
        tuple(float(x) for x in low), tuple(float(x) for x in high), tuple(used),
        float(sum(weights)), left_out,
    )  # fmt: skip


def _read(regional: RegionalLadder, pct: float) -> float:
    """The pooled wage at percentile `pct`, NaN where it is not pinned down."""
    pcts, wages = np.asarray(regional.pcts), np.asarray(regional.wages)
    known = np.isfinite(wages)
    if not np.isfinite(pct) or not known.any():
        return float("nan")
    if not pcts[known].min() <= pct <= pcts[known].max():
        return float("nan")
    return float(np.exp(np.interp(pct, pcts[known], np.log(wages[known]))))


def _outside(pct: float, area: Ladder) -> str:
    """ "above" / "below" when `pct` lies past the area's published percentiles, else ""."""
    published = [p for p, _ in area.published]
    if pct > published[-1]:
        return "above"
    return "below" if pct < published[0] else ""


def level_bands(
    data: Tables,
    cbsas: Sequence[str],
    occupation: str,
    track: str,
    target: float = 50,
    spread: float = 0.2,
    *,
    effective: dt.date | None = None,
    rate: float = 0.0,
    drop_duplicates: bool = True,
    n_draws: int = N_DRAWS,
    seed: int = stats.DEFAULT_SEED,
) -> pd.DataFrame:
    """Bands by level for each metro of `cbsas` and for the region they make.

    For each level (Entry, Mid, Senior, Executive) of `track`: the level's `target`-th
    percentile among its salary-index records (US companies, 2023-2025), its national BLS
    percentile, and the wage there in each metro and in the region's pooled distribution
    (`regional_ladder`), aged to `effective` (default: the reference date) at `rate`.
    Columns: level, area ("Region" or the metro's label), cbsa ("" for the region), n
    (records), status, national_pct, mid, low_ci, high_ci (95% uncertainty of mid: records
    resampled and the metro's BLS relative standard error; NaN for the region), minimum,
    maximum (mid x (1 -/+ spread)), open ("" or "above"/"below": the level's target sits past
    the published range, mid NaN), floor (for a metro open above: its highest published
    wage, which the midpoint is at least), note (why a row has no band), as_of (ISO date),
    factor (the ageing factor). Levels under 10 records have status "hidden" and no numbers.
    """
    if not 0 < target < 100:
        raise ValueError("The target percentile must be between 0 and 100.")
    if not 0 <= spread < 1:
        raise ValueError("The spread must be from 0% to under 100%.")
    reference = reference_date(data)
    effective = effective or reference
    factor = age_factor(reference, effective, rate)
    top_code = data.facts.top_code
    labels = metros.metro_labels(data)
    nat = ladder(national_row(data.wages, occupation), top_code)
    nat_rse = cell_value(national_row(data.wages, occupation)["mean_prse"]) / 100
    regional = regional_ladder(data, cbsas, occupation, np.linspace(1, 99, 99))
    rows = cross_industry(data.wages, occupation, PLACES)
    rng = np.random.default_rng(seed)
    out = []
    for level in LEVELS:
        values, _ = comparable_records(data, level, track, drop_duplicates=drop_duplicates)
        n, status = len(values), stats.sample_status(len(values))
        base = {"level": level, "n": n, "status": status, "as_of": effective.isoformat()}
        if status == "hidden":
            out.append(base | {"area": "All", "cbsa": "", "note": f"only {n} records"})
            continue
        q = float(np.quantile(values, target / 100))
        pct = float(position(np.array([q]), nat)[0])
        draws = np.quantile(values[rng.integers(0, n, (n_draws, n))], target / 100, axis=1)
        shift = np.exp(rng.normal(0.0, nat_rse if np.isfinite(nat_rse) else 0.0, n_draws))
        pct_draws = position(draws / shift, nat)
        openness = "" if np.isfinite(pct) else ("above" if q > nat.published[-1][1] else "below")
        region_mid = _read(regional, pct)
        out.append(base | {"area": "Region", "cbsa": "", "national_pct": pct, "mid": region_mid,
                           "open": openness})  # fmt: skip
        for cbsa in dict.fromkeys(str(c) for c in cbsas):
            hit = rows[rows["cbsa"] == cbsa]
            row = {"area": labels.get(cbsa, cbsa), "cbsa": cbsa, "national_pct": pct}
            if hit.empty or not usable(hit.iloc[0]):
                out.append(base | row | {"note": "BLS publishes no wage percentiles here"})
                continue
            area = ladder(hit.iloc[0], top_code)
            mid = float(wage_at(np.array([pct]), area)[0])
            rse = cell_value(hit.iloc[0]["mean_prse"]) / 100
            sims = wage_at(pct_draws, area) * np.exp(
                rng.normal(0.0, rse if np.isfinite(rse) else 0.0, n_draws)
            )
            sims = sims[np.isfinite(sims)]
            enough = len(sims) >= 0.95 * n_draws
            ci = np.percentile(sims, [2.5, 97.5]) if enough else (np.nan, np.nan)
            mark = openness or _outside(pct, area)
            top = area.published[-1][1] if mark == "above" else np.nan
            out.append(
                base | row | {"mid": mid, "low_ci": ci[0], "high_ci": ci[1], "open": mark,
                              "floor": top}
            )  # fmt: skip
    frame = pd.DataFrame(out)
    for col in ("national_pct", "mid", "low_ci", "high_ci", "floor"):
        frame[col] = pd.to_numeric(frame.get(col), errors="coerce").astype(float)
    for col in ("mid", "low_ci", "high_ci", "floor"):
        frame[col] = frame[col] * factor
    frame["minimum"] = frame["mid"] * (1 - spread)
    frame["maximum"] = frame["mid"] * (1 + spread)
    frame["open"] = frame.get("open", pd.Series(dtype=str)).fillna("")
    frame["note"] = frame.get("note", pd.Series(dtype=str)).fillna("")
    frame["factor"] = factor
    columns = ["level", "area", "cbsa", "n", "status", "national_pct", "mid", "low_ci",
               "high_ci", "minimum", "maximum", "open", "floor", "note", "as_of",
               "factor"]  # fmt: skip
    return frame[columns]
