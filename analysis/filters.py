"""The one filter every question module applies to the aijobs.net salary index.

Career levels, Remote work, Trends, Specializations, the Overview and the offer check all ask
"which salary records count?": company country, work years, experience levels, tracks,
full-time only, and whether exact duplicate records (`is_duplicate`, 53% of rows, mostly
repeated job postings) are kept. They all answer it here, so "US" means the same thing
everywhere: `company_country == "US"` (where the employer is, not where the employee lives).

Project default: exact duplicates are DROPPED (they inflate n and narrow intervals without
adding information); a page may offer "Keep exact duplicates" to override.

Nothing here imports streamlit; nothing mutates its inputs.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.data import Tables, derived

LEVELS: tuple[str, ...] = ("Entry", "Mid", "Senior", "Executive")
"""Experience levels, junior to senior (aijobs EN, MI, SE, EX)."""
US = "US"
"""ISO-2 code of the United States as `company_country` spells it."""
PARTIAL_YEARS = frozenset({2025})
"""Work years the 2025-01-19 snapshot covers only in part (the first weeks of January)."""
RECENT_YEARS = (2023, 2024, 2025)
"""The work years a level's pay is read from (`comparable_records`): the recent market."""
LISTINGS_FROM = 2024
"""The work year from which the index is mostly US job listings that state a salary, before
it a survey its visitors fill in (its PROVENANCE.md: "Since 2024 the data has shifted heavily
toward US job-listing salaries"): shares and medians across that year compare different
samples (Trends shades the years, the Overview's remote share says so)."""


def filter_records(
    salaries: pd.DataFrame,
    *,
    country: str | None = None,
    exclude_country: bool = False,
    years: Sequence[int] | None = None,
    levels: Sequence[str] | None = LEVELS,
    tracks: Sequence[str] | None = None,
    full_time_only: bool = True,
    drop_duplicates: bool = True,
    columns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The rows of the `salaries` table kept by the shared filters (a new frame).

    Inputs: `country` an ISO-2 `company_country` (None = every country); with
    `exclude_country` the rows of every country *except* `country`; `years` work years kept
    (None = all); `levels` experience levels kept (None = any, including unknown); `tracks`
    career tracks kept (None = all); rows without a positive `salary_usd` are never kept;
    `full_time_only` keeps employment_type "Full-time"; `drop_duplicates` drops rows flagged
    `is_duplicate` (the first copy of each record stays); `columns` the columns returned
    (None = all). Rows keep their original index. No rows is not an error here: callers say
    what to widen.
    """
    keep = (salaries["salary_usd"] > 0).fillna(False).astype(bool)
    if country is not None:
        same = (salaries["company_country"] == country).fillna(False).astype(bool)
        keep &= ~same if exclude_country else same
    if years is not None:
        keep &= salaries["year"].isin(list(years)).fillna(False).astype(bool)
    if levels is not None:
        keep &= salaries["level"].isin(list(levels)).fillna(False).astype(bool)
    if tracks is not None:
        keep &= salaries["track"].isin(list(tracks)).fillna(False).astype(bool)
    if full_time_only:
        keep &= (salaries["employment_type"] == "Full-time").fillna(False).astype(bool)
    if drop_duplicates:
        keep &= ~salaries["is_duplicate"].fillna(False).astype(bool)
    rows = salaries.loc[keep.to_numpy(dtype=bool)]
    return rows.loc[:, list(columns)].copy() if columns is not None else rows.copy()


def latest_full_year(salaries: pd.DataFrame) -> int:
    """The most recent work year in `salaries` that the snapshot covers in full.

    Raises ValueError when every year present is partial (or the table is empty).
    """
    years = sorted(set(salaries["year"].dropna().astype(int)) - PARTIAL_YEARS)
    if not years:
        raise ValueError("The salary index has no complete work year.")
    return years[-1]


def work_years(salaries: pd.DataFrame) -> list[int]:
    """Every work year in the salary index, ascending."""
    return sorted(int(y) for y in salaries["year"].dropna().unique())


def duplicate_share(data: Tables) -> float:
    """Share (0..1) of salary records flagged `is_duplicate` (exact repeats, mostly job
    postings)."""
    return float(data.salaries["is_duplicate"].fillna(False).astype(bool).mean())


def salary_years(data: Tables) -> tuple[list[int], int]:
    """Every work year in the salary index (ascending) and the latest full one."""
    return work_years(data.salaries), latest_full_year(data.salaries)


@derived
def comparable_rows(
    data: Tables, level: str, track: str, *, country: str = US, drop_duplicates: bool = True
) -> pd.DataFrame:
    """year and salary_usd of the full-time records of `level` and `track` at companies in
    `country`, work years RECENT_YEARS (`filter_records`: the same filter as every page);
    exact duplicates dropped unless `drop_duplicates` is False. Computed once per tables and
    arguments (`data.derived`); do not modify the frame."""
    return filter_records(
        data.salaries,
        country=country,
        years=RECENT_YEARS,
        levels=[level],
        tracks=[track],
        drop_duplicates=drop_duplicates,
        columns=["year", "salary_usd"],
    )


def comparable_scope(
    level: str, track: str, *, country: str = US, drop_duplicates: bool = True
) -> str:
    """The records of `comparable_rows` in words ("Senior ML engineer records, US companies,
    full-time, 2023-2025, exact duplicates dropped")."""
    dups = "exact duplicates dropped" if drop_duplicates else "exact duplicates kept"
    years = f"{RECENT_YEARS[0]}-{RECENT_YEARS[-1]}"
    return f"{level} {track} records, {country} companies, full-time, {years}, {dups}"


def comparable_records(
    data: Tables, level: str, track: str, *, country: str = US, drop_duplicates: bool = True
) -> tuple[np.ndarray, str]:
    """salary_usd of `comparable_rows` and their scope in words (`comparable_scope`)."""
    rows = comparable_rows(data, level, track, country=country, drop_duplicates=drop_duplicates)
    scope = comparable_scope(level, track, country=country, drop_duplicates=drop_duplicates)
    return rows["salary_usd"].to_numpy(dtype=float), scope
