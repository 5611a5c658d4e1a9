"""The DOL prevailing wage level (I-IV) a base salary reaches for an occupation in a place.

The FY2027 H-1B selection is weighted by the OFLC wage level of the offered wage (Level IV
most, Level I least). OFLC publishes four levels per occupation and area; the build attaches
them to counties (`wage_levels`, from the DOL OFLC wage library) and each county to its metro.
A base reaches a level when it is at least that level's wage; under Level I it is "below I".

Where a place has several counties, every one is read: in this release each metro's counties
share one set of levels, and when they do not the answer is the range (the level reached in
every county, and the highest level reached in some county). A BLS nonmetropolitan area has no
county list here, so it is read as the range over its state's counties outside metropolitan
areas. This is an approximation (`CAVEAT`): OFLC's own determination for a job depends on its
duties, education and experience.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from analysis.data import Tables
from analysis.metros import metro_labels

WAGE_LEVELS: tuple[str, ...] = ("below I", "I", "II", "III", "IV")
"""Wage levels from lowest to highest; 'below I' is a base under the Level I wage."""
COLUMNS: tuple[str, ...] = ("l1", "l2", "l3", "l4")
"""The `wage_levels` columns of Levels I-IV (annual USD)."""
CAVEAT = (
    "An approximation: OFLC's own wage level for a job depends on its duties, education and "
    "experience, not on its pay alone."
)


@dataclass(frozen=True)
class WageLevel:
    """The wage level a base reaches in a place, and what reaches the next one.

    `level`: the level reached in every county read (one of `WAGE_LEVELS`); `highest_level`: the
    level reached in the county with the lowest levels (equal to `level` when the counties
    agree). `next_level` / `next_base`: the level above `level` and the smallest base that
    reaches it in every county (None at Level IV). `low` / `high`: Levels I-IV (annual USD),
    the lowest and highest over the counties read (equal when they agree). `counties`: the
    names of the counties read ("King County, WA", ...); `area`: the place's display name;
    `basis`: which counties were read and why, then `CAVEAT`.
    """

    cbsa: str
    area: str
    occupation: str
    base: float
    level: str
    highest_level: str
    next_level: str | None
    next_base: float | None
    low: tuple[float, float, float, float]
    high: tuple[float, float, float, float]
    counties: tuple[str, ...]
    basis: str

    @property
    def uniform(self) -> bool:
        """True when every county read has the same four levels."""
        return self.low == self.high


def level_reached(base: float, levels: tuple[float, float, float, float]) -> str:
    """The level `base` reaches against Levels I-IV (`levels`, ascending): the highest level
    whose wage it is at least, or 'below I'. 150,000 against (149,364, 187,740, ...) -> 'I'."""
    reached = sum(base >= wage for wage in levels)
    return WAGE_LEVELS[reached]


def area_counties(data: Tables, cbsa: str, occupation: str) -> tuple[pd.DataFrame, str]:
    """(the `wage_levels` rows of `occupation` that stand for area `cbsa`, which ones and why).

    A metro: its counties in the OMB delineation. A BLS nonmetro area (7-digit code): every
    county of its state outside metropolitan areas. Raises ValueError for an unknown area or
    occupation, or an area with no levels.
    """
    places = data.metros.set_index("cbsa")
    if cbsa not in places.index:
        raise ValueError(f"Unknown area code {cbsa!r}: choose a metro from the list.")
    levels = data.wage_levels
    occupations = sorted(levels["soc"].unique())
    if occupation not in occupations:
        raise ValueError(
            f"No OFLC wage levels for occupation {occupation}; they are published here for "
            f"{', '.join(occupations)}."
        )
    rows = levels[levels["soc"] == occupation]
    label = metro_labels(data).get(cbsa, str(places.at[cbsa, "title"]))
    if places.at[cbsa, "kind"] == "nonmetro":
        state = str(places.at[cbsa, "principal_state"])
        found = rows[(rows["state"] == state) & rows["cbsa"].isna()]
        basis = (
            f"{label} is a BLS nonmetropolitan area, and the wage-level table lists counties, "
            f"not these areas: the range over all {len(found)} counties of {state} outside "
            "metropolitan areas."
        )
    else:
        found = rows[rows["cbsa"] == cbsa]
        basis = f"The levels of {label}'s {len(found)} counties in the OMB delineation."
    if found.empty:
        raise ValueError(
            f"No OFLC wage levels for {label}: none of its counties is in the published "
            "county table (Data & methods lists what it leaves out). Choose a nearby metro."
        )
    return found, basis


def wage_level(data: Tables, cbsa: str, occupation: str, base: float) -> WageLevel:
    """The DOL prevailing wage level an annual `base` (USD) reaches for SOC `occupation` in
    area `cbsa` (a metro's CBSA code or a BLS nonmetro area code), and the base reaching the
    next level.

    Seattle (42660), Software Developers (15-1252), $150,000: Level II (Level II is $149,240,
    Level III $180,710), so the next level, III, takes $180,710. Raises ValueError for a base
    that is not a positive number, an unknown area or occupation, or an area without levels.
    """
    if not isinstance(base, int | float) or not math.isfinite(base) or base <= 0:
        raise ValueError(f"The base salary must be a positive number of dollars, not {base!r}.")
    rows, basis = area_counties(data, cbsa, occupation)
    low = tuple(float(rows[c].min()) for c in COLUMNS)
    high = tuple(float(rows[c].max()) for c in COLUMNS)
    level = level_reached(base, high)
    above = WAGE_LEVELS.index(level) + 1
    next_level = WAGE_LEVELS[above] if above < len(WAGE_LEVELS) else None
    next_base = high[above - 1] if next_level else None
    names = tuple(f"{r.county}, {r.state}" for r in rows.itertuples(index=False))
    if low != high:
        basis += " Its counties' levels differ, so the answer is a range."
    return WageLevel(
        cbsa=cbsa,
        area=metro_labels(data).get(cbsa, cbsa),
        occupation=occupation,
        base=float(base),
        level=level,
        highest_level=level_reached(base, low),
        next_level=next_level,
        next_base=next_base,
        low=low,  # type: ignore[arg-type]
        high=high,  # type: ignore[arg-type]
        counties=names,
        basis=f"{basis} {CAVEAT}",
    )
