"""Headline figures for the Overview page, composed from the question modules.

Nothing is computed here that another module already computes: national medians come
straight from OEWS rows, the hub leaders from `hubs.compare_hubs`, the level step-up from
`levels.step_up` (the same filters and bootstrap as the Career levels page), the remote
share from `remote.remote_share` (US companies, as the other cards). Salary-index figures
drop exact duplicate records (the project default).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import hubs, levels, remote
from analysis.data import Tables
from analysis.filters import US, latest_full_year
from analysis.wages import CROSS_INDUSTRY, DEFAULT_OCCUPATION

AI_OCCUPATIONS = ("15-2051", "15-1221")
"""The BLS occupations closest to AI/ML work (BLS has none named so): Data Scientists and
Computer and Information Research Scientists."""
RELATED_OCCUPATIONS = ("15-1252",)
"""AI-adjacent for comparison, not AI/ML itself: Software Developers."""
CONTEXT_OCCUPATIONS = ("15-0000", "00-0000")
"""All computer & mathematical occupations (contains the ones above), all occupations."""
GROUPS = {
    **dict.fromkeys(AI_OCCUPATIONS, "Closest to AI/ML (BLS)"),
    **dict.fromkeys(RELATED_OCCUPATIONS, "Related occupation"),
    **dict.fromkeys(CONTEXT_OCCUPATIONS, "All-occupation context"),
}


def national_medians(data: Tables) -> pd.DataFrame:
    """National cross-industry median pay of the AI occupations and the two context groups.

    Output: occ_code, occ_title, group ("Closest to AI/ML (BLS)" | "Related occupation" |
    "All-occupation context"), median (USD/yr; NaN when top-coded), median_note, employment
    (jobs; 15-0000 contains the computer occupations listed, so never add them up),
    mean_prse (%), vs_all (median / all-occupations median), in the order AI/ML
    occupations, related, all computer & math, all occupations.
    """
    wages = data.wages
    wanted = [*AI_OCCUPATIONS, *RELATED_OCCUPATIONS, *CONTEXT_OCCUPATIONS]
    rows = wages[
        (wages["area_type"] == "national")
        & (wages["industry_code"] == CROSS_INDUSTRY)
        & wages["occ_code"].isin(wanted)
    ]
    out = pd.DataFrame(
        {
            "occ_code": rows["occ_code"],
            "occ_title": rows["occ_title"],
            "median": rows["a_median"],
            "median_note": rows["a_median_note"],
            "employment": rows["tot_emp"],
            "mean_prse": rows["mean_prse"],
        }
    )
    out = out.set_index("occ_code").reindex([c for c in wanted if c in set(out["occ_code"])])
    everyone = out.loc["00-0000", "median"] if "00-0000" in out.index else np.nan
    out["vs_all"] = out["median"] / everyone
    out.insert(1, "group", out.index.map(GROUPS))
    return out.reset_index()


@dataclass(frozen=True)
class Headline:
    """The Overview's headline figures; USD per year unless stated.

    step: the entry-to-senior step-up (levels.StepUp: ratio, interval, n, population);
    remote_*: the share of fully remote records among US companies' full-time salary
    records (exact duplicates dropped) in `remote_year`, the latest full work year.
    """

    top_nominal: pd.Series
    top_real: pd.Series
    hubs_compared: int
    step: levels.StepUp
    remote_share: float
    remote_low: float
    remote_high: float
    remote_n: int
    remote_year: int
    remote_country: str
    records: int


def headline(
    data: Tables, occupation: str = DEFAULT_OCCUPATION, track: str = "ML engineer"
) -> Headline:
    """Top hub in dollars and after cost of living (among the default hubs), the entry-to-
    senior step-up for `track` at US companies (levels.step_up with its defaults: work
    years analysis.filters.RECENT_YEARS, full-time, exact duplicates dropped), and the share of
    fully remote records at US companies in the latest full work year.
    """
    table = hubs.compare_hubs(data, occupation).table
    top_nominal = table.sort_values("rank_nominal").iloc[0]
    top_real = table.sort_values("rank_real").iloc[0]
    step = levels.step_up(data, track, "Entry", "Senior", country=US)
    shares = remote.remote_share(data, country=US).set_index("year")
    year = latest_full_year(data.salaries)
    full = shares.loc[year]
    return Headline(
        top_nominal=top_nominal,
        top_real=top_real,
        hubs_compared=len(table),
        step=step,
        remote_share=float(full["share"]),
        remote_low=float(full["ci_low"]),
        remote_high=float(full["ci_high"]),
        remote_n=int(full["n"]),
        remote_year=year,
        remote_country=US,
        records=len(data.salaries),
    )
