"""Pay by company size at each career level: what a job seeker weighing a startup against a
large company can read from the salary index.

The index records a company size for every record, as aijobs.net defines it: S (fewer than 50
employees), M (50 to 250), L (more than 250). Pay is compared within each level (so a size
with more senior records does not look better paid for that reason alone): the median of each
size with an order-statistic interval, and its ratio to the medium-size median of the same
level with a seeded bootstrap interval. Salaries are what the index records (base pay, in
USD); it holds no equity, so the startup trade of lower base for more equity is not visible
here. Most records are medium-size companies; small ones are few (flagged or hidden).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis import prices, stats
from analysis.data import Tables
from analysis.filters import LEVELS, RECENT_YEARS, filter_records

SIZES: dict[str, str] = {"S": "Small (under 50)", "M": "Medium (50–250)", "L": "Large (over 250)"}
"""aijobs.net company-size codes and what they hold (employees)."""
REFERENCE = "M"


def pay_by_company_size(
    data: Tables,
    tracks: Sequence[str] | None = None,
    country: str | None = "US",
    *,
    years: Sequence[int] | None = RECENT_YEARS,
    drop_duplicates: bool = True,
    real: bool = False,
    n_boot: int = 400,
    seed: int = stats.DEFAULT_SEED,
) -> pd.DataFrame:
    """Median pay by level and company size, full-time records (`filters.filter_records`).

    Output, one row per level x size present: level, size, size_label, n, p25, median, p75,
    ci_low, ci_high (95% interval of the median), status, ratio (median / the medium-size
    median of the level; NaN where either is hidden), ratio_low, ratio_high (bootstrap 95%).
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
    rows = rows[rows["company_size"].isin(list(SIZES))]
    if rows.empty:
        raise ValueError("No salary records match; choose more tracks or another country.")
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
            low.append(1.0), high.append(1.0)
            continue
        lo, hi = stats.ratio_interval(
            values[(r.level, r.size)], values[ref], n_boot=n_boot, seed=seed
        )
        low.append(lo), high.append(hi)
    out["ratio"], out["ratio_low"], out["ratio_high"] = ratio, low, high
    return out
