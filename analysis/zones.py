"""Geo zones a team can adopt, and posting-ready ranges per location.

Compensation tools publish one band per level for an anchor location and a factor per
location ("zones" or "geo tiers": 100%, 95%, 90%, ...). Here a metro's factor is its band
midpoint over the anchor metro's, level by level (`analysis.level_bands`: the same BLS
percentile read off each metro's distribution), summarised by the median over the levels
where both have a midpoint; its tier is that factor rounded to the nearest TIER_STEP. A
location's posting-ready range for a level is the anchor's band x the tier, rounded outward
to ROUND_TO dollars (minimum down, maximum up), with the pay-transparency laws
(`analysis.pay_laws`) that require a posted range there.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd

from analysis import pay_laws
from analysis.data import Tables

TIER_STEP = 0.05
"""Tiers are published in 5% steps."""
ROUND_TO = 1_000
"""Posted ranges are in whole thousands of dollars."""


def geo_zones(
    data: Tables, bands: pd.DataFrame, anchor: str, effective: dt.date | None = None
) -> pd.DataFrame:
    """Zones against metro `anchor` (a CBSA code of `bands`, a `level_bands` frame) and, per
    metro and level, the posting-ready range and the laws requiring it.

    Columns: cbsa, area, factor (median over levels of mid / anchor's mid), levels (how many
    levels it is the median of), tier (factor to the nearest TIER_STEP; the anchor is 1),
    level, post_min, post_max (USD a year; NaN with a `note` why when the anchor's band for
    the level has no two ends), laws ("Place: statute (employers)", "; "-joined), law_note
    ("a posted range is required" / "... from <date>" when the law starts after `effective`
    / ""). ValueError when `anchor` is not a metro of `bands`.
    """
    metros = bands[bands["cbsa"] != ""]
    if anchor not in set(metros["cbsa"]):
        raise ValueError("Pick the anchor metro from the metros chosen above.")
    mids = metros.pivot_table(index="cbsa", columns="level", values="mid", aggfunc="first")
    ratios = mids.div(mids.loc[anchor], axis=1)
    factors = ratios.median(axis=1, skipna=True)
    used = ratios.notna().sum(axis=1)
    base = metros[metros["cbsa"] == anchor].set_index("level")
    states = data.metros.set_index("cbsa")["states"]
    rows = []
    for cbsa, area in dict(zip(metros["cbsa"], metros["area"], strict=True)).items():
        factor = float(factors.get(cbsa, np.nan))
        tier = round(factor / TIER_STEP) * TIER_STEP if np.isfinite(factor) else np.nan
        laws, law_note = _laws(states.get(cbsa), cbsa, effective)
        for level, band in base.iterrows():
            lo, hi = band["minimum"] * tier, band["maximum"] * tier
            note = ""
            if not np.isfinite(tier):
                note = "no factor: no level has a midpoint here and at the anchor"
            elif not (np.isfinite(lo) and np.isfinite(hi)):
                note = f"no range: the anchor's {level} band has no two ends ({band['note']})"
            rows.append(
                {"cbsa": cbsa, "area": area, "factor": factor, "levels": int(used.get(cbsa, 0)),
                 "tier": tier, "level": level, "post_min": _round(lo, math.floor),
                 "post_max": _round(hi, math.ceil), "note": note, "laws": laws,
                 "law_note": law_note}
            )  # fmt: skip
    return pd.DataFrame(rows)


def _round(value: float, direction) -> float:
    if not np.isfinite(value):
        return np.nan
    return float(direction(value / ROUND_TO) * ROUND_TO)


def _laws(states: object, cbsa: str, effective: dt.date | None) -> tuple[str, str]:
    """("Place: statute (employers); ...", note) for a metro spanning `states` ("NY-NJ-PA")."""
    codes = states.split("-") if isinstance(states, str) else []
    found = pay_laws.posting_laws(codes, cbsa)
    if not found:
        return "", ""
    text = "; ".join(f"{law.place}: {law.statute} ({law.employers})" for law in found)
    later = [law for law in found if effective is not None and law.since > effective]
    note = "a posted range is required"
    if later and len(later) == len(found):
        note += f" from {min(law.since for law in later).isoformat()}"
    if len({law.state for law in found}) < len(codes):
        note += " in part of this metro"
    return text, note
