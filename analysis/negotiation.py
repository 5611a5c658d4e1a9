"""What base salary to ask for: a range for a level in a metro, with its basis.

BLS first. The aijobs.net level's 25th, 50th and 75th percentiles are placed in the NATIONAL
BLS distribution of the occupation (where does a senior data scientist sit among all US data
scientists?), and the same percentiles are read off the METRO's BLS distribution. aijobs.net
records are mostly high-paying US listings, so they position a level but never set the metro's
dollar level; the range always lies within the metro's published 10th-90th percentiles.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analysis import stats
from analysis.data import Tables
from analysis.offer import comparable_records, market_row
from analysis.wages import ladder, national_row

RANGE_QUANTILES = (0.25, 0.5, 0.75)
"""Quantiles of the level's aijobs.net records whose BLS positions give the ask (low, mid, high)."""


@dataclass(frozen=True)
class NegotiationRange:
    """A base-salary range to ask for, with its basis in words (USD/yr).

    low/mid/high: wages in the market area's BLS distribution at pct_low/pct_mid/pct_high
    (mid NaN in the fallback); pct_*: percentiles (0-100) of the level's aijobs.net 25th, 50th
    and 75th percentiles in the national BLS distribution, kept within the published 10th-90th
    range of both distributions; capped: True when a position had to be kept in that range;
    basis: how it was made; n: index records behind it (0 when BLS-only); status: their sample
    status.
    """

    low: float
    high: float
    mid: float
    pct_low: float
    pct_mid: float
    pct_high: float
    capped: bool
    basis: str
    n: int
    status: str


def _usable_pct(position: stats.Position) -> float:
    """A position as one percentile: exact, else the published bound nearest to it."""
    if position.exact:
        return position.low
    return position.high if position.below else position.low


def negotiation_range(
    data: Tables,
    cbsa: str,
    occupation: str,
    level: str,
    track: str,
    *,
    specialization: str | None = None,
    remote: bool | None = None,
    drop_duplicates: bool = True,
) -> NegotiationRange:
    """A base range for `occupation` in metro `cbsa` (or the area it falls back to, see
    `offer.place_in_market`), positioned by the `level` and `track` records of the salary
    index (`offer.comparable_records`, with the same optional filters).

    The 25th, 50th and 75th percentiles of those records are placed in the national OEWS
    distribution of the occupation (`stats.percentile_of`); those percentiles, kept within the
    published points of both distributions, are read off the area's distribution
    (`stats.wage_at_percentile`). With fewer than MIN_SHOWN records the area's BLS
    median-75th percentile is the range. Raises ValueError when neither can be made.
    """
    top_code = data.facts.top_code
    row, _ = market_row(data, cbsa, occupation)
    area, where, title = ladder(row, top_code), str(row["area_name"]), str(row["occ_title"])
    values, scope = comparable_records(
        data,
        level,
        track,
        specialization=specialization,
        remote=remote,
        drop_duplicates=drop_duplicates,
    )
    n, status = len(values), stats.sample_status(len(values))
    area_points = [p for p, _ in area.published]
    if status != "hidden" and len(area_points) >= 2:
        nat = ladder(national_row(data.wages, occupation), top_code)
        quantiles = np.quantile(values, RANGE_QUANTILES)
        raw = [_usable_pct(stats.percentile_of(float(q), nat)) for q in quantiles]
        pcts = [min(max(p, area_points[0]), area_points[-1]) for p in raw]
        exact = [stats.percentile_of(float(q), nat).exact for q in quantiles]
        capped = not all(exact) or pcts != raw
        low, mid, high = (stats.wage_at_percentile(p, area) for p in pcts)
        basis = (
            f"{n:,} {scope}: their middle half (${quantiles[0]:,.0f} – "
            f"${quantiles[2]:,.0f}, median ${quantiles[1]:,.0f}) sits at the "
            f"{stats.ordinal(pcts[0])}–{stats.ordinal(pcts[2])} percentiles of US "
            f"{title} pay (BLS). The same percentiles of {where}'s BLS "
            "distribution give the range."
        )
        if capped:
            basis += (
                " Part of the level's range is outside the percentiles BLS publishes, so it is "
                f"kept within {stats.ordinal(area_points[0])}–{stats.ordinal(area_points[-1])}."
            )
        if status == "low confidence":
            basis += " Few records: treat as rough."
        return NegotiationRange(
            low, high, mid, *pcts, capped=capped, basis=basis, n=n, status=status
        )
    oews_low, oews_high = area.wage(50), area.wage(75)
    if np.isfinite(oews_low) and np.isfinite(oews_high):
        basis = (
            f"The BLS median to 75th percentile for {title} in {where} "
            f"(too few salary-index records to position the level: {n})."
        )
        return NegotiationRange(
            oews_low, oews_high, float("nan"), 50.0, float("nan"), 75.0,
            capped=False, basis=basis, n=0, status=status,
        )  # fmt: skip
    raise ValueError(
        f"Not enough data to suggest a range for {title} in {where}; "
        "try another level, track or metro."
    )
