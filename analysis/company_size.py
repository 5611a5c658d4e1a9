"""Pay by company size at each career level, only where a size was recorded.

aijobs.net defines three sizes: S (fewer than 50 employees), M (50 to 250), L (more than 250).
But "M" is what nearly every record since 2022 carries (97.5% of 2024's, the year the index
became mostly job listings, against 23% in 2020-2021 when it was a survey): it reads as the
index's value when a listing states no size, not as a measured one (`size_recording` shows the
shares by year). So a size is taken as recorded only when it is S or L (`RECORDED`), and pay is
compared between those: small against large within each level (so a size with more senior
records does not look better paid for that reason alone), the median of each with an
order-statistic interval and the small/large ratio with a seeded bootstrap interval. Pay is
what the index records: "the total gross salary amount paid" (aijobs.net), not base pay; the
index holds no equity, so a startup's trade of salary for equity is not visible here.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis import prices, stats
from analysis.data import Tables
from analysis.filters import LEVELS, RECENT_YEARS, filter_records

SIZES: dict[str, str] = {
    "S": "Small (under 50)",
    "M": "Medium (50–250) or not recorded",
    "L": "Large (over 250)",
}
"""aijobs.net company-size codes and what they hold (employees)."""
DEFAULT_SIZE = "M"
"""The size nearly every job-listing record carries: the index's default, not a measurement."""
RECORDED: tuple[str, ...] = ("S", "L")
"""Sizes taken as recorded (a choice someone made), the only ones compared."""
REFERENCE = "L"


def pay_by_company_size(
    data: Tables,
    tracks: Sequence[str] | None = None,
    country: str | None = "US",
    *,
    years: Sequence[int] | None = RECENT_YEARS,
    sizes: Sequence[str] = RECORDED,
    drop_duplicates: bool = True,
    real: bool = False,
    n_boot: int = 400,
    seed: int = stats.DEFAULT_SEED,
) -> pd.DataFrame:
    """Median pay by level and company size, full-time records (`filters.filter_records`) of
    the `sizes` given (default: the recorded ones, small and large).

    Output, one row per level x size present: level, size, size_label, n, p25, median, p75,
    ci_low, ci_high (95% interval of the median), status, ratio (median / the large-company
    median of the level; NaN where either is hidden), ratio_low, ratio_high (bootstrap 95%;
    NaN for the large companies themselves).
    USD a year; with `real`, each record in the dollars of the latest CPI-U annual average
    (`analysis.prices`, by its work year) first. Raises ValueError when no record matches.
    """
    rows = filter_records(
        data.salaries,
        country=country,
        years=years,
        tracks=tracks,
        drop_duplicates=drop_duplicates,
        columns=["level", "company_size", "year", "salary_usd"],
    )
    if real:
        rows = prices.in_dollars_of_latest(data, rows)
    rows = rows[rows["company_size"].isin([z for z in SIZES if z in sizes])]
    if rows.empty:
        raise ValueError(
            "No salary records with a recorded company size match; choose more tracks or "
            "another country."
        )
    frame = pd.DataFrame(
        {
            "level": rows["level"].astype(str).to_numpy(),
            "size": rows["company_size"].astype(str).to_numpy(),
            "salary_usd": rows["salary_usd"].to_numpy(dtype=float),
        }
    )
    out = stats.summarize(frame, ["level", "size"], "salary_usd").drop(columns=["p10", "p90"])
    out["size_label"] = out["size"].map(SIZES)
    order = {lv: i for i, lv in enumerate(LEVELS)}
    out = out.assign(_o=out["level"].map(order), _s=out["size"].map(list(SIZES).index))
    out = out.sort_values(["_o", "_s"]).drop(columns=["_o", "_s"]).reset_index(drop=True)
    values = {k: g.to_numpy(float) for k, g in frame.groupby(["level", "size"])["salary_usd"]}
    shown = out[out["status"] != "hidden"].set_index(["level", "size"])["median"]
    ratio, low, high = [], [], []
    for r in out.itertuples():
        ref = (r.level, REFERENCE)
        if r.status == "hidden" or ref not in shown.index:
            ratio.append(np.nan), low.append(np.nan), high.append(np.nan)
            continue
        ratio.append(r.median / shown[ref])
        if r.size == REFERENCE:
            low.append(np.nan), high.append(np.nan)
            continue
        lo, hi = stats.ratio_interval(
            values[(r.level, r.size)], values[ref], n_boot=n_boot, seed=seed
        )
        low.append(lo), high.append(hi)
    out["ratio"], out["ratio_low"], out["ratio_high"] = ratio, low, high
    return out


def size_recording(
    data: Tables,
    tracks: Sequence[str] | None = None,
    country: str | None = "US",
    *,
    years: Sequence[int] | None = None,
    drop_duplicates: bool = True,
) -> pd.DataFrame:
    """What company size the records carry, by work year: year, n, share_s, share_m, share_l
    (shares 0-1 of the year's full-time records with a known level), and default_share (the
    share carrying `DEFAULT_SIZE`). Same filters as `pay_by_company_size`; all years unless
    `years` is given."""
    rows = filter_records(
        data.salaries,
        country=country,
        years=years,
        tracks=tracks,
        drop_duplicates=drop_duplicates,
        columns=["year", "company_size"],
    )
    if rows.empty:
        raise ValueError("No salary records match; choose more tracks or another country.")
    counts = pd.crosstab(rows["year"].astype("int64"), rows["company_size"].astype(str))
    counts = counts.reindex(columns=list(SIZES), fill_value=0)
    out = pd.DataFrame({"year": counts.index, "n": counts.sum(axis=1).to_numpy()})
    for size in SIZES:
        out[f"share_{size.lower()}"] = (counts[size] / counts.sum(axis=1)).to_numpy()
    out["default_share"] = out[f"share_{DEFAULT_SIZE.lower()}"]
    return out.reset_index(drop=True)
