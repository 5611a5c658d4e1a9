"""Headline figures for the Overview page, composed from the question modules.

Nothing is computed here that another module already computes: national medians come
straight from OEWS rows, the hub leaders from `hubs.compare_hubs`, the level step-up from
`levels.progression`, the remote share from `remote.remote_share`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import hubs, levels, remote, stats

AI_OCCUPATIONS = ("15-2051", "15-1221", "15-1252")
CONTEXT_OCCUPATIONS = ("15-0000", "00-0000")


def national_medians(wages: pd.DataFrame) -> pd.DataFrame:
    """National cross-industry median pay of the AI occupations and the two context groups.

    Output: occ_code, occ_title, median (USD/yr; NaN when top-coded), median_note, employment,
    mean_prse (%), vs_all (median / all-occupations median), in the order AI occupations
    first, then all computer & math, then all occupations.
    """
    wanted = [*AI_OCCUPATIONS, *CONTEXT_OCCUPATIONS]
    rows = wages[
        (wages["area_type"] == "national")
        & (wages["industry_code"] == "000000")
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
    return out.reset_index()


@dataclass(frozen=True)
class Headline:
    """The Overview's headline figures; USD per year unless stated."""

    top_nominal: pd.Series
    top_real: pd.Series
    hubs_compared: int
    step_up: float
    step_low: float
    step_high: float
    entry_n: int
    senior_n: int
    track: str
    remote_share: float
    remote_low: float
    remote_high: float
    remote_n: int
    remote_year: int


def headline(
    wages: pd.DataFrame,
    metros: pd.DataFrame,
    parities: pd.DataFrame,
    salaries: pd.DataFrame,
    *,
    occupation: str = hubs.OCCUPATION,
    track: str = "ML engineer",
) -> Headline:
    """Top hub in dollars and after cost of living (among the default hubs), the entry-to-
    senior step-up for `track` in the US (median ratio with a bootstrap interval), and the
    share of fully remote salary records in the latest full year.
    """
    table = hubs.compare_hubs(wages, metros, parities, occupation=occupation).table
    top_nominal = table.sort_values("rank_nominal").iloc[0]
    top_real = table.sort_values("rank_real").iloc[0]

    subset = levels.progression(salaries, track, country="US").set_index("level")
    entry, senior = subset.loc["Entry"], subset.loc["Senior"]
    ratio = senior["median"] / entry["median"]
    sample = salaries[
        (salaries["track"] == track)
        & (salaries["company_country"] == "US")
        & (salaries["employment_type"] == "Full-time")
        & salaries["year"].isin(levels.DEFAULT_YEARS)
    ]
    low, high = stats.bootstrap_interval(
        [
            sample.loc[sample["level"] == "Senior", "salary_usd"].to_numpy(),
            sample.loc[sample["level"] == "Entry", "salary_usd"].to_numpy(),
        ],
        stats.ratio_of_medians,
    )

    shares = remote.remote_share(salaries)
    full = shares[~shares["partial"]].sort_values("year").iloc[-1]
    return Headline(
        top_nominal=top_nominal,
        top_real=top_real,
        hubs_compared=len(table),
        step_up=float(ratio),
        step_low=low,
        step_high=high,
        entry_n=int(entry["n"]),
        senior_n=int(senior["n"]),
        track=track,
        remote_share=float(full["share"]),
        remote_low=float(full["ci_low"]),
        remote_high=float(full["ci_high"]),
        remote_n=int(full["n"]),
        remote_year=int(full["year"]),
    )
