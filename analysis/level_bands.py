"""Pay bands as recruiters set them: per career level, per metro and for a region, at a target
percentile, with a spread, as of the date they take effect.

- A level's band in a metro uses the one method of `analysis.level_pay`: the level's pay at the
  target percentile among salary-index records, placed in the national BLS distribution,
  read off the metro's. Midpoint = that wage; minimum and maximum = midpoint x (1 -/+ spread).
  Cells whose level has under 10 records are hidden, under 30 flagged. A metro where BLS
  publishes too little for the occupation is read off its state's distribution, then the
  nation's (`analysis.wages.market_row`), and says so in its note. Where a level sits
  nationally, with its bootstrap (`placements`), depends on the occupation, track, target
  and duplicates rule alone: computed once, it serves any metros, region, spread or date.
- A region's band reads the same BLS percentile off the region's POOLED distribution: the
  employment-weighted mixture of its metros' distributions (each known by its published
  percentiles, log-linear between them). Where the answer depends on a metro's unpublished
  tail (below its 10th or above its 90th percentile) only bounds are known. Bounds within
  ±TOLERANCE of their middle are shown as that middle "± x%"; wider bounds are named, not
  averaged; past every bound the band is open ("at least $X"). Metros without two published
  percentiles or without published employment are left out of the pool, by name.
- Ageing: BLS wages are of the reference month of the release (May 2025); a band can be
  carried to its effective date at an annual rate the user types (0% by default: no rate is
  assumed), factor (1 + rate) ** years.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import metros, pooled, stats
from analysis.ageing import age_factor, reference_date
from analysis.data import Tables
from analysis.filters import LEVELS, comparable_records
from analysis.level_pay import position, wage_at
from analysis.stats import Ladder
from analysis.wages import cell_value, ladder, market_rows, national_row

N_DRAWS = 300
COLUMNS = ("level", "area", "cbsa", "n", "status", "national_pct", "mid", "low_ci", "high_ci",
           "minimum", "maximum", "pm", "bound_low", "bound_high", "open", "floor", "ceiling",
           "reading", "note", "as_of", "factor")  # fmt: skip


@dataclass(frozen=True)
class Placement:
    """Where a level's pay sits: `n` records of the level and track (`status` as
    `stats.sample_status`), `quantile` their target percentile (USD, national), `pct` its
    national BLS percentile (NaN outside the published range), `open` "" / "above" / "below"."""

    level: str
    n: int
    status: str
    quantile: float
    pct: float
    open: str


@dataclass(frozen=True, eq=False)
class Placements:
    """Each level's `Placement` for one occupation, track and target (`placements[level]`),
    and `draws`: per shown level, bootstrap draws of its national percentile (the uncertainty
    every metro's and the region's band carries). Nothing in it depends on the metros, the
    spread or the effective date."""

    occupation: str
    track: str
    target: float
    levels: dict[str, Placement]
    draws: dict[str, np.ndarray]

    def __getitem__(self, level: str) -> Placement:
        return self.levels[level]


def placements(
    data: Tables,
    occupation: str,
    track: str,
    target: float = 50,
    *,
    drop_duplicates: bool = True,
    n_draws: int = N_DRAWS,
    seed: int = stats.DEFAULT_SEED,
) -> Placements:
    """Each level's `Placement` at the `target`-th percentile of its `track` records among all
    US workers of `occupation` (BLS). Hidden levels (under 10 records) have NaN numbers.

    `draws[level]`: `n_draws` national percentiles of the level's target wage with its records
    resampled (seeded) and the national wages shifted by their BLS relative standard error of
    the mean; none for hidden levels, none at all with `n_draws` 0 (band checks need none).
    Raises ValueError for a target outside (0, 100) or an occupation without national wages.
    """
    if not 0 < target < 100:
        raise ValueError("The target percentile must be between 0 and 100.")
    nat_row = national_row(data.wages, occupation)
    nat = ladder(nat_row, data.facts.top_code)
    nat_rse = cell_value(nat_row["mean_prse"]) / 100
    rng = np.random.default_rng(seed)
    levels, draws = {}, {}
    for level in LEVELS:
        values, _ = comparable_records(data, level, track, drop_duplicates=drop_duplicates)
        place = levels[level] = _place(level, values, target, nat)
        if place.status == "hidden" or n_draws == 0:
            continue
        n = place.n
        found = np.quantile(values[rng.integers(0, n, (n_draws, n))], target / 100, axis=1)
        shift = np.exp(rng.normal(0.0, nat_rse if np.isfinite(nat_rse) else 0.0, n_draws))
        draws[level] = position(found / shift, nat)
    return Placements(occupation, track, float(target), levels, draws)


def _place(level: str, values: np.ndarray, target: float, nat: Ladder) -> Placement:
    status = stats.sample_status(len(values))
    if status == "hidden":
        return Placement(level, len(values), status, np.nan, np.nan, "")
    q = float(np.quantile(values, target / 100))
    pct = float(position(np.array([q]), nat)[0])
    openness = "" if np.isfinite(pct) else ("above" if q > nat.published[-1][1] else "below")
    return Placement(level, len(values), status, q, pct, openness)


def _aged(rung: Ladder, factor: float) -> Ladder:
    """`rung` with every wage (and the top-code) x `factor`."""
    points = {p: w * factor for p, w in rung.points.items()}
    return Ladder(points, rung.top_coded, rung.top_code * factor)


def level_bands(
    data: Tables,
    cbsas: Sequence[str],
    placed: Placements,
    spread: float = 0.2,
    *,
    effective: dt.date | None = None,
    rate: float = 0.0,
    seed: int = stats.DEFAULT_SEED,
) -> pd.DataFrame:
    """Bands by level for each metro of `cbsas` and for the region they make.

    `placed` (`placements`: one occupation, track and target) gives each level (Entry, Mid,
    Senior, Executive) its `target`-th percentile among the track's salary-index records (US
    companies, 2023-2025), its national BLS percentile and that percentile's bootstrap draws;
    here it is read off each metro's distribution and the region's pooled one
    (`region_reading`), aged to `effective` (default: the reference date) at `rate`.
    Columns (COLUMNS): level, area ("Region" or the metro's label), cbsa ("" for the region),
    n (records), status, national_pct, mid, low_ci, high_ci (95% uncertainty of mid: records
    resampled, and for a metro its BLS relative standard error; for the region also the
    tails' bounds), minimum, maximum (mid x (1 -/+ spread)), pm (region: ± half-width of the
    tails' bounds, relative), bound_low, bound_high (those bounds), open ("" / "above" /
    "below": past the published range, mid NaN), floor / ceiling (what an open band is at
    least / at most), reading (exact, pinned, wide, open, fallback, none, hidden), note (why
    a row has no figure, or its ±; never blank when mid is NaN), as_of (ISO date), factor
    (the ageing factor). Levels under 10 records have one row (area "All") and no numbers.
    """
    if not 0 <= spread < 1:
        raise ValueError("The spread must be from 0% to under 100%.")
    occupation, track = placed.occupation, placed.track
    if any(p.status != "hidden" and p.level not in placed.draws for p in placed.levels.values()):
        raise ValueError("Bands need placements with their draws (n_draws above 0).")
    reference = reference_date(data)
    effective = effective or reference
    factor = age_factor(reference, effective, rate)
    top_code = data.facts.top_code
    labels = metros.metro_labels(data)
    nat = ladder(national_row(data.wages, occupation), top_code)
    # Every area's ladder aged to the effective date: its wages, and so every band, x factor.
    used, weights, ladders, _ = pooled.pool_metros(data, cbsas, occupation)
    ladders = [_aged(r, factor) for r in ladders]
    names = [labels.get(c, c) for c in used]
    chosen = list(dict.fromkeys(str(c) for c in cbsas))
    found = market_rows(data, chosen, occupation)
    areas = {}
    for cbsa in chosen:
        row, why = found.get(cbsa, (None, f"Unknown metro {cbsa!r}; pick a metro from the list."))
        rung = None if row is None else _aged(ladder(row, top_code), factor)
        rse = cell_value(row["mean_prse"]) / 100 if row is not None and not why else 0.0
        areas[cbsa] = (rung, why, rse if np.isfinite(rse) else 0.0)
    out = []
    for i, level in enumerate(LEVELS):
        place = placed[level]
        n, pct, openness = place.n, place.pct, place.open
        base = {"level": level, "n": n, "status": place.status, "as_of": effective.isoformat()}
        if place.status == "hidden":
            note = f"only {n} {level} {track} records: under 10, too few to place the level"
            out.append(base | {"area": "All", "cbsa": "", "reading": "hidden", "note": note})
            continue
        pct_draws = placed.draws[level]
        n_draws = len(pct_draws)
        region = {"area": "Region", "cbsa": "", "national_pct": pct}
        if ladders:
            region |= pooled.region_reading(ladders, weights, names, pct, openness, nat)
            if region["reading"] in ("exact", "pinned"):
                low_d, high_d = pooled.pooled_wages(ladders, weights, pct_draws)
                region |= _interval(low_d, high_d, n_draws)
        else:
            region |= {
                "reading": "none",
                "note": "nothing to pool: none of the chosen metros publishes wages (and "
                "jobs) for this occupation",
            }
        out.append(base | region)
        for cbsa in chosen:
            rung, why, rse = areas[cbsa]
            row = {"area": labels.get(cbsa, cbsa), "cbsa": cbsa, "national_pct": pct}
            if rung is None:
                out.append(base | row | {"reading": "none", "note": why})
                continue
            mid = float(wage_at(np.array([pct]), rung)[0])
            # The metro's BLS error: a stream per metro and level, apart from the placements'
            # draws, so a metro's band is the same whichever other metros are chosen.
            rng = np.random.default_rng((seed, zlib.crc32(cbsa.encode()), i))
            sims = wage_at(pct_draws, rung) * np.exp(rng.normal(0.0, rse, n_draws))
            row |= _interval(sims, sims, n_draws)
            mark = openness or _outside(pct, rung)
            if mark == "above":
                top = rung.published[-1]
                row |= {"floor": top[1], "reading": "open",
                        "note": f"open: at least ${top[1]:,.0f}, the highest wage BLS "
                        f"publishes here (its {stats.ordinal(top[0])} percentile)"}  # fmt: skip
            elif mark == "below":
                bottom = rung.published[0]
                row |= {"ceiling": bottom[1], "reading": "open",
                        "note": f"open: at most ${bottom[1]:,.0f}, the lowest wage BLS "
                        f"publishes here (its {stats.ordinal(bottom[0])} percentile)"}  # fmt: skip
            else:
                row |= {"reading": "fallback" if why else "exact", "note": why}
            if mark and why:  # open, and read off the state's or the nation's wages
                row["note"] += f" ({why.removesuffix('.')})"
            out.append(base | row | {"mid": mid, "open": mark})
    return _frame(out, spread, factor)


def _interval(low: np.ndarray, high: np.ndarray, n_draws: int) -> dict[str, float]:
    """low_ci / high_ci: the 2.5th percentile of `low` draws and the 97.5th of `high` draws,
    NaN when more than 5% of the draws have no wage (an open end)."""
    low, high = low[np.isfinite(low)], high[np.isfinite(high)]
    if min(len(low), len(high)) < 0.95 * n_draws:
        return {"low_ci": np.nan, "high_ci": np.nan}
    return {"low_ci": float(np.percentile(low, 2.5)), "high_ci": float(np.percentile(high, 97.5))}


def _frame(rows: list[dict], spread: float, factor: float) -> pd.DataFrame:
    """The rows as `level_bands` returns them (numbers already aged), text never NaN."""
    frame = pd.DataFrame(rows)
    for col in COLUMNS:
        if col not in frame:
            frame[col] = np.nan
    money = ("mid", "low_ci", "high_ci", "bound_low", "bound_high", "floor", "ceiling")
    for col in (*money, "national_pct", "pm"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype(float)
    frame["minimum"] = frame["mid"] * (1 - spread)
    frame["maximum"] = frame["mid"] * (1 + spread)
    for col in ("open", "note", "reading"):
        frame[col] = frame[col].astype(object).where(frame[col].notna(), "").astype(str)
    frame["factor"] = factor
    return frame[list(COLUMNS)]


def _outside(pct: float, area: Ladder) -> str:
    """ "above" / "below" when `pct` lies past the area's published percentiles, else ""."""
    published = [p for p, _ in area.published]
    if pct > published[-1]:
        return "above"
    return "below" if pct < published[0] else ""
