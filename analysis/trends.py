"""How pay moved over the years in the aijobs.net salary index, and how much of that is mix.

The index changed what it collects: from 2024 it is mostly US job-listing salaries (62,229
records in 2024 against 8,522 in 2023, about half of them exact duplicate postings). A raw
median by year therefore mixes pay growth with a change in *who* is sampled. This module gives
the raw series and a composition-adjusted one side by side, and a per-year composition table
that flags the years where the sample changed sharply.

Composition adjustment (documented for the page): each record of year t gets the weight
share_ref(cell) / share_t(cell), where a cell is experience level x company country group
(US / outside US) and share_ref is the cell's share of records in the reference year (2024 by
default, the year with the most records). The weighted median of year t is then the median a
year-t sample would have if it had the reference year's level x country mix. Cells of the
reference mix that year t lacks are dropped and the remaining weights renormalised;
`mix_coverage` says what share of the reference mix was present.

2025 covers only the first weeks of January (snapshot 2025-01-19): `partial` marks it.
All pay is annual USD. Nothing here imports streamlit; nothing mutates its inputs.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis import prices, stats
from analysis.data import Tables
from analysis.filters import LEVELS, PARTIAL_YEARS, US, filter_records

COUNTRY_GROUPS: tuple[str, ...] = ("All countries", "US", "Outside US")
ALL_LEVELS = "All levels"
REFERENCE_YEAR = 2024
MIX_SHIFT = 0.10
"""Total-variation distance between consecutive years' level x US mixes flagged as a change."""
COUNT_JUMP = 3.0
"""A year whose record count is this many times the previous year's is flagged as a change."""


def _subset(
    salaries: pd.DataFrame,
    *,
    level: str | None,
    country_group: str,
    drop_duplicates: bool,
    full_time_only: bool,
    tracks: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Year, level, us (bool), salary_usd of the rows kept by the filters (a new frame).

    Filters: analysis.filters.filter_records; "US" = company_country US.
    """
    if country_group not in COUNTRY_GROUPS:
        raise ValueError(f"Unknown country group {country_group!r}; use one of {COUNTRY_GROUPS}.")
    if level is not None and level not in LEVELS:
        raise ValueError(f"Unknown level {level!r}; use one of {', '.join(LEVELS)}.")
    rows = filter_records(
        salaries,
        country=None if country_group == "All countries" else US,
        exclude_country=country_group == "Outside US",
        levels=LEVELS if level is None else [level],
        tracks=tracks,
        full_time_only=full_time_only,
        drop_duplicates=drop_duplicates,
        columns=["year", "level", "company_country", "salary_usd"],
    )
    out = pd.DataFrame(
        {
            "year": rows["year"].astype("int64").to_numpy(),
            "level": rows["level"].astype(str).to_numpy(),
            "us": (rows["company_country"] == US).fillna(False).astype(bool).to_numpy(),
            "salary_usd": rows["salary_usd"].to_numpy(dtype=float),
        }
    )
    if out.empty:
        raise ValueError("No salaries match this selection; choose another level or country.")
    return out


def composition(
    data: Tables,
    *,
    level: str | None = None,
    country_group: str = "All countries",
    tracks: Sequence[str] | None = None,
    drop_duplicates: bool = True,
    full_time_only: bool = True,
) -> pd.DataFrame:
    """Who is in the sample each year, to show the 2024 collection change.

    Same filters as `adjusted_trend` (so its n matches the trend's records). Output per year:
    year, n (records kept), us_share (share with company_country US), duplicate_share
    (share of the year's records, before any dropping, that repeat an earlier record
    exactly, i.e. repeated job postings), share_<level> for each level, mix_shift
    (total-variation distance of the level x US mix from the previous year, 0..1),
    count_ratio (n / previous year's n), composition_changed (mix_shift >= MIX_SHIFT or
    count_ratio >= COUNT_JUMP), partial.
    """
    salaries = data.salaries
    options = {"level": level, "country_group": country_group, "full_time_only": full_time_only}
    frame = _subset(salaries, drop_duplicates=drop_duplicates, tracks=tracks, **options)
    everything = salaries.loc[
        filter_records(
            salaries,
            country=None if country_group == "All countries" else US,
            exclude_country=country_group == "Outside US",
            levels=LEVELS if level is None else [level],
            tracks=tracks,
            full_time_only=full_time_only,
            drop_duplicates=False,
            columns=[],
        ).index
    ]
    dup = (
        everything["is_duplicate"]
        .fillna(False)
        .astype(bool)
        .groupby(everything["year"].astype("int64"))
        .mean()
    )
    cells = frame.groupby(["year", "level", "us"]).size().unstack(["level", "us"], fill_value=0)
    mix = cells.div(cells.sum(axis=1), axis=0)
    out = pd.DataFrame(index=mix.index)
    out["n"] = cells.sum(axis=1).astype("int64")
    out["us_share"] = frame.groupby("year")["us"].mean()
    out["duplicate_share"] = dup.reindex(out.index).astype(float)
    for name in LEVELS:
        out[f"share_{name.lower()}"] = (
            frame.assign(x=frame["level"] == name).groupby("year")["x"].mean()
        )
    out["mix_shift"] = 0.5 * mix.diff().abs().sum(axis=1)
    out.loc[out.index[0], "mix_shift"] = np.nan
    out["count_ratio"] = out["n"] / out["n"].shift(1)
    out["composition_changed"] = (out["mix_shift"] >= MIX_SHIFT) | (
        out["count_ratio"] >= COUNT_JUMP
    )
    out = out.reset_index()
    out["partial"] = out["year"].isin(PARTIAL_YEARS)
    return out


def kish_n_eff(weights: np.ndarray) -> float:
    """Kish's effective sample size (sum w)^2 / sum w^2 of non-negative `weights`.

    Equal weights give the record count; uneven weights give fewer effective records (a
    few heavily up-weighted records carry the estimate). 0.0 for empty or all-zero weights.
    """
    w = np.asarray(weights, dtype=float)
    square = float(np.sum(w**2))
    return float(np.sum(w) ** 2 / square) if square > 0 else 0.0


def _weighted_median_draws(
    values: np.ndarray, weights: np.ndarray, n_boot: int, rng: np.random.Generator
) -> np.ndarray:
    """`n_boot` seeded bootstrap draws of the weighted median (records resampled, each keeping
    its weight).

    Sorts once; each resample is a count per record (bincount of drawn indices), so a draw
    costs O(n) rather than a sort.
    """
    order = np.argsort(values, kind="stable")
    x, w = values[order], weights[order]
    n = len(x)
    draws = np.empty(n_boot)
    for b in range(n_boot):
        # The weighted median of sorted values (as stats.weighted_median: inverted CDF).
        cum = np.cumsum(w * np.bincount(rng.integers(0, n, n), minlength=n))
        draws[b] = x[min(int(np.searchsorted(cum, cum[-1] / 2, side="left")), n - 1)]
    return draws


def _weighted_interval(
    values: np.ndarray, weights: np.ndarray, n_boot: int, seed: int
) -> tuple[float, float]:
    """Seeded percentile-bootstrap 95% interval of the weighted median (records resampled)."""
    draws = _weighted_median_draws(values, weights, n_boot, np.random.default_rng(seed))
    low, high = np.quantile(draws, [0.025, 0.975])
    return float(low), float(high)


def _reweighted(frame: pd.DataFrame, reference_year: int) -> pd.DataFrame:
    """`frame` (year, level, us, salary_usd) with `cell` and `weight`: each record's weight
    share_ref(cell) / share_year(cell) (see the module docstring), 0 for cells the reference
    mix lacks; `coverage` per row: the share of the reference mix its year has. A new frame.
    Raises ValueError when the reference year has no records."""
    out = frame.assign(cell=frame["level"] + "|" + np.where(frame["us"], "US", "non-US"))
    ref = out.loc[out["year"] == reference_year, "cell"].value_counts()
    if ref.empty:
        raise ValueError(f"No records in the reference year {reference_year} for this selection.")
    ref_share = ref / ref.sum()
    weights, coverage = pd.Series(0.0, index=out.index), pd.Series(0.0, index=out.index)
    for _, group in out.groupby("year", sort=True):
        counts = group["cell"].value_counts()
        present = ref_share.index.intersection(counts.index)
        # One division of integer products, so identical mixes give weights of exactly 1.
        numerator = ref[present].astype("int64") * len(group)
        denominator = counts[present].astype("int64") * int(ref[present].sum())
        cell_weight = (numerator / denominator).reindex(counts.index, fill_value=0.0)
        weights[group.index] = group["cell"].map(cell_weight).to_numpy(dtype=float)
        coverage[group.index] = float(ref_share[present].sum())
    return out.assign(weight=weights, coverage=coverage)


def adjusted_trend(
    data: Tables,
    level: str | None = None,
    country_group: str = "All countries",
    *,
    tracks: Sequence[str] | None = None,
    reference_year: int = REFERENCE_YEAR,
    real: bool = False,
    drop_duplicates: bool = True,
    full_time_only: bool = True,
    n_boot: int = 200,
    seed: int = stats.DEFAULT_SEED,
) -> pd.DataFrame:
    """Raw and composition-adjusted median pay by year, side by side (long format).

    With `real`, every salary is first put in the dollars of the latest year with a CPI-U
    annual average (`analysis.prices`; years without one are left out).

    Inputs: `level` one of LEVELS or None for all; `country_group` one of COUNTRY_GROUPS;
    `reference_year` whose level x US mix every year is reweighted to (see module doc).
    `drop_duplicates` (default True) drops exact duplicate records first.
    Output: year, series ("Raw" | "Adjusted"), n (records), n_eff (Kish effective sample
    size (sum w)^2 / sum w^2 of the weights; = n for Raw), median, ci_low, ci_high, status,
    mix_coverage (share of the reference mix present that year; 1.0 for Raw), partial.
    Raw status follows n, Adjusted status follows n_eff (sample_status of its floor).
    Raw intervals are order-statistic intervals; adjusted ones a seeded bootstrap
    (`n_boot` resamples). Series-years under MIN_SHOWN (records or effective records) are
    kept with status 'hidden' and NaN statistics. USD per year.
    """
    frame = _subset(
        data.salaries,
        level=level,
        country_group=country_group,
        drop_duplicates=drop_duplicates,
        full_time_only=full_time_only,
        tracks=tracks,
    )
    if real:
        frame = prices.in_dollars_of_latest(data, frame)
    frame = _reweighted(frame, reference_year)
    rows = []
    for year, group in frame.groupby("year", sort=True):
        x = group["salary_usd"].to_numpy(dtype=float)
        n = len(x)
        partial = int(year) in PARTIAL_YEARS
        w = group["weight"].to_numpy(dtype=float)
        keep = w > 0
        n_eff = kish_n_eff(w[keep])
        raw = {"year": int(year), "series": "Raw", "n": n, "n_eff": float(n)}
        raw.update(status=stats.sample_status(n), mix_coverage=1.0)
        adj = {"year": int(year), "series": "Adjusted", "n": n, "n_eff": n_eff}
        # The adjusted median leans on a few up-weighted records when the year's mix is far
        # from the reference: its confidence follows the effective, not the raw, count.
        adj.update(status=stats.sample_status(int(np.floor(n_eff + 1e-9))))
        adj["mix_coverage"] = float(group["coverage"].iloc[0])
        if raw["status"] != "hidden":
            raw["median"] = float(np.median(x))
            raw["ci_low"], raw["ci_high"] = stats.median_interval(x)
        if adj["status"] != "hidden":
            adj["median"] = stats.weighted_median(x, w)
            adj["ci_low"], adj["ci_high"] = _weighted_interval(x[keep], w[keep], n_boot, seed)
        rows.extend([{**raw, "partial": partial}, {**adj, "partial": partial}])
    columns = ["year", "series", "n", "n_eff", "median", "ci_low", "ci_high", "status"]
    columns += ["mix_coverage", "partial"]
    out = pd.DataFrame(rows).reindex(columns=columns)
    out["n"] = out["n"].astype("int64")
    return out


def trend_table(series: pd.DataFrame, comp: pd.DataFrame) -> pd.DataFrame:
    """`adjusted_trend` and `composition` output side by side, one row per year.

    Output: year, n (records), raw_median, raw_ci_low, raw_ci_high, adjusted_median,
    adjusted_ci_low, adjusted_ci_high, adjusted_n_eff, adjusted_status, us_share,
    duplicate_share, composition_changed, partial. USD per year; shares 0..1.
    """
    wide = series.pivot(index="year", columns="series", values=["median", "ci_low", "ci_high"])
    wide.columns = [f"{s.lower()}_{m}" for m, s in wide.columns]
    adjusted = series.loc[series["series"] == "Adjusted"].set_index("year")
    wide["adjusted_n_eff"] = adjusted["n_eff"]
    wide["adjusted_status"] = adjusted["status"]
    extra = ["n", "us_share", "duplicate_share", "composition_changed", "partial"]
    out = wide.join(comp.set_index("year")[extra], how="left").reset_index()
    order = ["year", "n"]
    order += [f"{s}_{m}" for s in ("raw", "adjusted") for m in ("median", "ci_low", "ci_high")]
    order += ["adjusted_n_eff", "adjusted_status", *extra[1:]]
    return out[order]


def select_series(series: pd.DataFrame, which: str = "both") -> pd.DataFrame:
    """The rows of `adjusted_trend` output for `which`: "raw", "adjusted" or "both"."""
    if which == "both":
        return series
    if which not in ("raw", "adjusted"):
        raise ValueError(f"Unknown series {which!r}; use 'raw', 'adjusted' or 'both'.")
    return series.loc[series["series"].str.lower() == which].reset_index(drop=True)


def pay_change(
    data: Tables,
    start: int,
    end: int,
    level: str | None = None,
    country_group: str = "US",
    *,
    tracks: Sequence[str] | None = None,
    adjusted: bool = False,
    reference_year: int = REFERENCE_YEAR,
    real: bool = True,
    drop_duplicates: bool = True,
    n_boot: int = 400,
    seed: int = stats.DEFAULT_SEED,
) -> dict[str, float]:
    """How much the median moved from work year `start` to `end`, with `real` in constant
    dollars of the latest CPI year, and a seeded bootstrap 95% interval of the ratio (each
    year resampled alone).

    Raw (default): the median of each year's records. `adjusted`: the composition-adjusted
    median of `adjusted_trend` (each year reweighted to `reference_year`'s level x US mix),
    the same numbers as the page's adjusted line.

    Keys: start, end, median_start, median_end, change (end / start - 1), ci_low, ci_high,
    n_start, n_end (records), n_eff_start, n_eff_end (effective records: = n when raw).
    Raises ValueError when either year has fewer than MIN_SHOWN records (effective records
    when adjusted).
    """
    frame = _subset(
        data.salaries,
        level=level,
        country_group=country_group,
        drop_duplicates=drop_duplicates,
        full_time_only=True,
        tracks=tracks,
    )
    if real:
        frame = prices.in_dollars_of_latest(data, frame)
    frame = _reweighted(frame, reference_year) if adjusted else frame.assign(weight=1.0)
    years = [frame[(frame["year"] == y) & (frame["weight"] > 0)] for y in (start, end)]
    values = [y["salary_usd"].to_numpy(dtype=float) for y in years]
    weights = [y["weight"].to_numpy(dtype=float) for y in years]
    n_eff = [kish_n_eff(w) for w in weights]
    if min(n_eff) < stats.MIN_SHOWN - 1e-9:
        raise ValueError(
            f"Too few records in {start} ({len(values[0])}) or {end} ({len(values[1])}) to compare."
        )
    if adjusted:
        medians = [stats.weighted_median(x, w) for x, w in zip(values, weights, strict=True)]
        rng = np.random.default_rng(seed)
        a, b = (
            _weighted_median_draws(x, w, n_boot, rng) for x, w in zip(values, weights, strict=True)
        )
        low, high = np.quantile(b / a, [0.025, 0.975])
    else:  # as the raw line: the plain median and its order-statistic bootstrap
        medians = [float(np.median(x)) for x in values]
        low, high = stats.ratio_interval(values[1], values[0], n_boot=n_boot, seed=seed)
    return {
        "start": float(start),
        "end": float(end),
        "median_start": medians[0],
        "median_end": medians[1],
        "change": medians[1] / medians[0] - 1,
        "ci_low": float(low) - 1,
        "ci_high": float(high) - 1,
        "n_start": float(len(values[0])),
        "n_end": float(len(values[1])),
        "n_eff_start": n_eff[0],
        "n_eff_end": n_eff[1],
    }
