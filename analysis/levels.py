"""How pay grows with seniority: level progression, experience curve, the market's spread.

Three views, three sources:

- `progression`: aijobs.net salaries by experience level (Entry -> Mid -> Senior -> Executive)
  per track, with the step-up from each level to the next as a ratio of medians.
- `experience_curve`: Stack Overflow survey pay against years of experience, one curve per
  survey year, because 2024 asks *professional* years and 2025 *total coding* years.
- `market_spread`: the BLS OEWS national percentile ladder (p10..p90) for an occupation.

All pay is annual USD. Nothing here imports streamlit; nothing mutates its inputs.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import prices, stats
from analysis.data import Tables, stored
from analysis.filters import LEVELS, RECENT_YEARS, filter_records
from analysis.wages import DEFAULT_OCCUPATION, PCT_COLUMNS, national_row

ALL_TRACKS = "All tracks"
US_NAMES = frozenset({"US", "USA", "United States", "United States of America"})

EXPERIENCE_BINS: tuple[tuple[str, float, float], ...] = (
    ("0-2", 0, 3),
    ("3-5", 3, 6),
    ("6-9", 6, 10),
    ("10-14", 10, 15),
    ("15-19", 15, 20),
    ("20+", 20, np.inf),
)
"""(label, lower bound inclusive, upper bound exclusive) in years of experience."""
BIN_MIDS = {"0-2": 1.0, "3-5": 4.0, "6-9": 7.5, "10-14": 12.0, "15-19": 17.0, "20+": 22.5}
"""Where each bin is drawn on a years axis (its middle; 20+ drawn at 22.5)."""

SURVEY_PAY_RANGE = (5_005.0, 499_750.0)
"""Plausible annual pay (USD) kept from the survey. These are the bounds the 2025 extract's
author already applied; applying them to 2024 too keeps the two years comparable and drops
the 2024 file's $1 and multi-million answers."""

CURVE_GRID_POINTS = 41
"""Points at which the smooth fit is evaluated across the span of the shown bins."""


def _track_sample(
    salaries: pd.DataFrame,
    tracks: list[str] | None,
    *,
    country: str | None,
    years: Sequence[int] | None,
    full_time_only: bool,
    drop_duplicates: bool,
) -> pd.DataFrame:
    """track, level, year, salary_usd of the kept records; tracks None pools them as
    ALL_TRACKS."""
    rows = filter_records(
        salaries,
        country=country,
        years=years,
        tracks=tracks,
        full_time_only=full_time_only,
        drop_duplicates=drop_duplicates,
        columns=["track", "level", "year", "salary_usd"],
    )
    if tracks is None:
        rows["track"] = ALL_TRACKS
    return pd.DataFrame(
        {
            "track": rows["track"].astype(str).to_numpy(),
            "level": rows["level"].astype(str).to_numpy(),
            "year": rows["year"].astype("int64").to_numpy(),
            "salary_usd": rows["salary_usd"].to_numpy(dtype=float),
        }
    )


def _ratio_interval(
    upper: np.ndarray, lower: np.ndarray, n_boot: int, seed: int
) -> tuple[float, float, float]:
    """median(upper) / median(lower) and its seeded percentile-bootstrap 95% interval."""
    ratio = stats.ratio_of_medians(upper, lower)
    low, high = stats.ratio_interval(upper, lower, n_boot=n_boot, seed=seed)
    return ratio, low, high


def progression(
    data: Tables,
    track: str | Sequence[str] | None,
    country: str | None = "US",
    years: Sequence[int] | None = RECENT_YEARS,
    drop_duplicates: bool = True,
    *,
    real: bool = False,
    full_time_only: bool = True,
    n_boot: int = 400,
    seed: int = stats.DEFAULT_SEED,
) -> pd.DataFrame:
    """Pay by experience level for one or more tracks, with the step-up between levels.

    Inputs: `data.salaries`; `track` a track name, a list of them, or None for all
    tracks pooled (labelled "All tracks"); `country` an ISO-2 company country or None for
    every country; `years` the work years kept (None = all); `drop_duplicates` (default
    True, the project default) drops rows flagged `is_duplicate`; `real` puts each record in
    the dollars of the latest CPI-U annual average (`analysis.prices`, by its work year)
    before any statistic; `full_time_only` keeps employment_type "Full-time". Filters:
    analysis.filters.filter_records.

    Output, one row per track x level in Entry -> Executive order: track, level, n, p25,
    median, p75, ci_low, ci_high (95% order-statistic interval of the median), status
    ('ok' | 'low confidence' | 'hidden'), step_up (median / previous level's median),
    step_low, step_high (seeded bootstrap 95% interval of that ratio). USD per year.
    Hidden groups keep NaN statistics so a page can say what it left out.
    """
    tracks = [track] if isinstance(track, str) else (None if track is None else list(track))
    if tracks is not None and not tracks:
        raise ValueError("Choose at least one track.")
    frame = _track_sample(
        data.salaries,
        tracks,
        country=country,
        years=years,
        full_time_only=full_time_only,
        drop_duplicates=drop_duplicates,
    )
    if real:
        frame = prices.in_dollars_of_latest(data, frame)
    if frame.empty:
        raise ValueError("No salaries match this selection; widen the tracks, country or years.")
    tracks = tracks or [ALL_TRACKS]
    summary = stats.summarize(frame, ["track", "level"], "salary_usd")
    grid = pd.MultiIndex.from_product([tracks, LEVELS], names=["track", "level"]).to_frame(
        index=False
    )
    out = grid.merge(summary, on=["track", "level"], how="left")
    out["n"] = out["n"].fillna(0).astype("int64")
    out["status"] = out["status"].fillna("hidden")
    out = out.drop(columns=["p10", "p90"])

    values = {
        key: g.to_numpy(dtype=float) for key, g in frame.groupby(["track", "level"])["salary_usd"]
    }
    step, low, high = [], [], []
    for i, row in out.iterrows():
        prev = out.iloc[i - 1] if i > 0 else None
        if (
            prev is None
            or prev["track"] != row["track"]
            or row["status"] == "hidden"
            or prev["status"] == "hidden"
        ):
            step.append(np.nan)
            low.append(np.nan)
            high.append(np.nan)
            continue
        here = values[(row["track"], row["level"])]
        below = values[(prev["track"], prev["level"])]
        ratio, lo, hi = _ratio_interval(here, below, n_boot, seed)
        step.append(ratio)
        low.append(lo)
        high.append(hi)
    out["step_up"] = step
    out["step_low"] = low
    out["step_high"] = high
    return out


@dataclass(frozen=True)
class StepUp:
    """Median pay at `to_level` / median at `from_level` for one track (USD ratio).

    low, high: seeded bootstrap 95% interval of the ratio; n_from, n_to: records behind each
    median; the filters that produced it are echoed so a caption can state the population.
    """

    track: str
    from_level: str
    to_level: str
    ratio: float
    low: float
    high: float
    n_from: int
    n_to: int
    country: str | None
    years: tuple[int, ...] | None
    drop_duplicates: bool


def step_up(
    data: Tables,
    track: str | None,
    from_level: str = "Entry",
    to_level: str = "Senior",
    country: str | None = "US",
    years: Sequence[int] | None = RECENT_YEARS,
    drop_duplicates: bool = True,
    *,
    real: bool = False,
    full_time_only: bool = True,
    n_boot: int = 400,
    seed: int = stats.DEFAULT_SEED,
) -> StepUp:
    """How many times `from_level` pay the `to_level` median is, for one track (or all).

    Same filters and bootstrap as `progression` (whose consecutive step-ups are this ratio for
    neighbouring levels), but for any two levels, e.g. Entry -> Senior; `real` deflates each
    record as `progression` does. Raises ValueError for an unknown level or when either level
    has fewer than MIN_SHOWN records.
    """
    for level in (from_level, to_level):
        if level not in LEVELS:
            raise ValueError(f"Unknown level {level!r}; use one of {', '.join(LEVELS)}.")
    frame = _track_sample(
        data.salaries,
        None if track is None else [track],
        country=country,
        years=years,
        full_time_only=full_time_only,
        drop_duplicates=drop_duplicates,
    )
    if real:
        frame = prices.in_dollars_of_latest(data, frame)
    lower = frame.loc[frame["level"] == from_level, "salary_usd"].to_numpy(dtype=float)
    upper = frame.loc[frame["level"] == to_level, "salary_usd"].to_numpy(dtype=float)
    if min(len(lower), len(upper)) < stats.MIN_SHOWN:
        raise ValueError(
            f"Too few {track or ALL_TRACKS} salaries at {from_level} ({len(lower)}) or "
            f"{to_level} ({len(upper)}) level to compare; widen the country or years."
        )
    ratio, low, high = _ratio_interval(upper, lower, n_boot, seed)
    return StepUp(
        track=track or ALL_TRACKS,
        from_level=from_level,
        to_level=to_level,
        ratio=ratio,
        low=low,
        high=high,
        n_from=len(lower),
        n_to=len(upper),
        country=country,
        years=None if years is None else tuple(years),
        drop_duplicates=drop_duplicates,
    )


def _experience_bin(years: pd.Series) -> pd.Series:
    """Label each years-of-experience value with its EXPERIENCE_BINS label (NaN stays NA)."""
    edges = [b[1] for b in EXPERIENCE_BINS] + [np.inf]
    labels = [b[0] for b in EXPERIENCE_BINS]
    return pd.cut(years, bins=edges, labels=labels, right=False)


def _is_us(country: pd.Series) -> pd.Series:
    return country.isin(US_NAMES).fillna(False).astype(bool)


def survey_sample(
    survey: pd.DataFrame, *, ai_ml_only: bool = True, us_only: bool = False
) -> pd.DataFrame:
    """Survey rows with pay and years of experience, pay within SURVEY_PAY_RANGE.

    Returns columns year, experience_measure, years_experience, pay_usd (new frame).
    """
    keep = survey["pay_usd"].between(*SURVEY_PAY_RANGE).fillna(False).astype(bool)
    keep &= survey["years_experience"].notna()
    if ai_ml_only:
        keep &= survey["ai_ml_role"].fillna(False).astype(bool)
    if us_only:
        keep &= _is_us(survey["country"])
    cols = ["year", "experience_measure", "years_experience", "pay_usd"]
    out = survey.loc[keep, cols].copy()
    out["year"] = out["year"].astype("int64")
    out["experience_measure"] = out["experience_measure"].astype(str)
    out["years_experience"] = out["years_experience"].astype(float)
    out["pay_usd"] = out["pay_usd"].astype(float)
    return out.reset_index(drop=True)


def _lowess_curve(x: np.ndarray, y: np.ndarray, grid: np.ndarray, frac: float) -> np.ndarray:
    """LOWESS of y on x, interpolated at `grid` (NaN outside the data's range)."""
    # delta skips local fits between points closer than 1% of the range: years are mostly
    # whole numbers, so nothing visible changes and the bootstrap stays fast.
    from statsmodels.nonparametric.smoothers_lowess import lowess  # heavy: import on first use

    fitted = lowess(y, x, frac=frac, it=1, delta=0.01 * float(np.ptp(x)), return_sorted=True)
    out = np.interp(grid, fitted[:, 0], fitted[:, 1])
    out[(grid < x.min()) | (grid > x.max())] = np.nan
    return out


def experience_curve(
    data: Tables,
    ai_ml_only: bool = True,
    us_only: bool = False,
    *,
    frac: float = 0.6,
    n_boot: int = 100,
    seed: int = stats.DEFAULT_SEED,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Pay against years of experience, per survey year (never pooled across years).

    2024 measures *professional* years of coding, 2025 *total* years of coding
    (`experience_measure`), so each year gets its own bins and its own curve.

    Returns (bins, fit):
    - bins: year, experience_measure, bin (EXPERIENCE_BINS label), bin_mid (years, for
      plotting), n, p25, median, p75, ci_low, ci_high (95% order-statistic interval), status.
    - fit: year, experience_measure, years, fit, band_low, band_high: a LOWESS smooth of
      log(pay) on years (`frac` of the data per local fit), back-transformed to USD (a
      smooth of the typical, roughly median, pay) with a seeded 95% bootstrap band
      (`n_boot` resamples of respondents). Only years with at least MIN_CONFIDENT
      respondents get a fit, drawn only from the first to the last shown bin's `bin_mid`
      (never past the binned medians, where respondents are few).
    Pay is annual USD. Raises ValueError when no respondents match.
    """
    sample = survey_sample(data.survey, ai_ml_only=ai_ml_only, us_only=us_only)
    if sample.empty:
        raise ValueError(
            "No survey respondents match this selection; include all roles or countries."
        )
    sample["bin"] = _experience_bin(sample["years_experience"])
    bins = stats.summarize(sample, ["year", "experience_measure", "bin"], "pay_usd")
    bins["bin"] = bins["bin"].astype(str)
    bins.insert(3, "bin_mid", bins["bin"].map(BIN_MIDS).astype(float))
    bins = bins.drop(columns=["p10", "p90"])

    rng = np.random.default_rng(seed)
    fits = []
    for (year, measure), group in sample.groupby(["year", "experience_measure"], sort=True):
        if len(group) < stats.MIN_CONFIDENT:
            continue
        x = group["years_experience"].to_numpy(dtype=float)
        y = np.log(group["pay_usd"].to_numpy(dtype=float))
        shown = bins.loc[(bins["year"] == year) & (bins["status"] != "hidden"), "bin_mid"]
        if shown.empty:
            continue
        # Drawn only across the binned medians shown beside it: past the last shown bin
        # the data are too thin for a curve to say anything the dots do not.
        grid = np.linspace(float(shown.min()), float(shown.max()), CURVE_GRID_POINTS)
        centre = _lowess_curve(x, y, grid, frac)
        draws = np.full((n_boot, len(grid)), np.nan)
        for b in range(n_boot):
            idx = rng.integers(0, len(x), len(x))
            draws[b] = _lowess_curve(x[idx], y[idx], grid, frac)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # grid points no resample reaches
            band_low = np.nanquantile(draws, 0.025, axis=0)
            band_high = np.nanquantile(draws, 0.975, axis=0)
        fits.append(
            pd.DataFrame(
                {
                    "year": year,
                    "experience_measure": measure,
                    "years": grid,
                    "fit": np.exp(centre),
                    "band_low": np.exp(band_low),
                    "band_high": np.exp(band_high),
                }
            )
        )
    fit_cols = ["year", "experience_measure", "years", "fit", "band_low", "band_high"]
    fit = pd.concat(fits, ignore_index=True) if fits else pd.DataFrame(columns=fit_cols)
    fit = fit.dropna(subset=["fit"]).reset_index(drop=True)
    return bins, fit


def stored_experience_curve(
    data: Tables, ai_ml_only: bool = True, us_only: bool = False
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`experience_curve(data, ai_ml_only, us_only)` (its other arguments at their defaults)
    as the build stored it for every switch (data/experience_bins and experience_fit.parquet,
    `databuild.precomputed`): the same (bins, fit), without the bootstrap at run time."""
    keys = {"ai_ml_only": bool(ai_ml_only), "us_only": bool(us_only)}
    return stored(data, "experience_bins", **keys), stored(data, "experience_fit", **keys)


LADDER = tuple((pct, column) for column, pct in PCT_COLUMNS.items())


def market_spread(data: Tables, occ: str = DEFAULT_OCCUPATION) -> pd.DataFrame:
    """The BLS OEWS national, cross-industry percentile ladder for occupation `occ`.

    Returns one row per published percentile: percentile (10..90), wage (annual USD, NaN if
    not published), note (NA when published; "top-coded": the wage is at least the release's
    top-code and must be shown as "≥" that), occ_code, occ_title, tot_emp.
    Raises ValueError when the occupation has no national row.
    """
    row = national_row(data.wages, occ)
    out = pd.DataFrame(
        {
            "percentile": [p for p, _ in LADDER],
            "wage": [float(row[col]) if pd.notna(row[col]) else np.nan for _, col in LADDER],
            "note": pd.array([row.get(f"{col}_note") for _, col in LADDER], dtype="string"),
        }
    )
    out["occ_code"] = occ
    out["occ_title"] = row["occ_title"]
    out["tot_emp"] = float(row["tot_emp"]) if pd.notna(row["tot_emp"]) else np.nan
    return out
