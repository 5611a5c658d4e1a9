"""The BLS OEWS `wages` table: the rows every question reads, and their percentile ladders.

One place answers "which OEWS row?": cross-industry rows (industry 000000) of an occupation
by area type, the national row, a metro's row, and the percentile ladder of a row with its
top-coded points. A cell BLS publishes only as "at least the top-code" (note "top-coded") is
NaN in the table and never used as a number; the top-code itself comes from the build's
manifest (`analysis.data.Facts.top_code`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from analysis.data import Tables
from analysis.stats import Ladder

CROSS_INDUSTRY = "000000"
"""OEWS industry code of the all-industries rows."""
DEFAULT_OCCUPATION = "15-2051"
"""Data Scientists (SOC 15-2051), the occupation closest to AI engineering that BLS publishes."""
PCT_COLUMNS: dict[str, int] = {
    "a_pct10": 10,
    "a_pct25": 25,
    "a_median": 50,
    "a_pct75": 75,
    "a_pct90": 90,
}
"""OEWS annual wage column -> the percentile it publishes."""
PLACES = ("metro", "nonmetro")
"""The OEWS area types a person lives and works in: metros (CBSAs) and the nonmetropolitan
areas BLS publishes for the rest of each state (keyed like metros by `cbsa`)."""
TOP_CODED = "top-coded"
"""The `<column>_note` value of a top-coded OEWS cell."""
NOT_RELEASED = "not released"


def cross_industry(
    wages: pd.DataFrame, occupation: str, area_type: str | tuple[str, ...] | None = None
) -> pd.DataFrame:
    """Cross-industry rows of `occupation`, of one area type ("metro", "state", "national",
    "nonmetro"), several (e.g. `PLACES`) or all; a filtered view (do not modify)."""
    keep = (wages["occ_code"] == occupation) & (wages["industry_code"] == CROSS_INDUSTRY)
    if isinstance(area_type, str):
        keep &= wages["area_type"] == area_type
    elif area_type is not None:
        keep &= wages["area_type"].isin(list(area_type))
    return wages.loc[keep.to_numpy(dtype=bool)]


def occupation_title(wages: pd.DataFrame, occupation: str) -> str:
    """The BLS title of `occupation` (ValueError naming the code when unknown)."""
    hit = wages.loc[wages["occ_code"] == occupation, "occ_title"]
    if hit.empty:
        raise ValueError(f"Unknown occupation {occupation!r}; pick one from the list.")
    return str(hit.iloc[0])


def occupations(data: Tables) -> pd.DataFrame:
    """Occupations with a published median in some place: occ_code, occ_title, and how many
    metro areas (`metros`) and OEWS nonmetropolitan areas (`nonmetro_areas`) publish one;
    sorted by code."""
    wages = data.wages
    rows = wages[wages["area_type"].isin(PLACES) & wages["a_median"].notna()]
    return (
        rows.assign(
            metro=rows["cbsa"].where(rows["area_type"] == "metro"),
            nonmetro=rows["cbsa"].where(rows["area_type"] == "nonmetro"),
        )
        .groupby("occ_code", observed=True)
        .agg(
            occ_title=("occ_title", "first"),
            metros=("metro", "nunique"),
            nonmetro_areas=("nonmetro", "nunique"),
        )
        .reset_index()
        .sort_values("occ_code", ignore_index=True)
    )


def national_row(wages: pd.DataFrame, occupation: str) -> pd.Series:
    """The US cross-industry row of `occupation` (ValueError when BLS publishes none)."""
    rows = cross_industry(wages, occupation, "national")
    if rows.empty:
        raise ValueError(f"BLS publishes no national wages for occupation {occupation!r}.")
    return rows.iloc[0]


def national_median(data: Tables, occupation: str = DEFAULT_OCCUPATION) -> float:
    """The US cross-industry annual median of `occupation`, USD (NaN when top-coded/missing)."""
    rows = cross_industry(data.wages, occupation, "national")
    return float(rows["a_median"].iloc[0]) if len(rows) else float("nan")


def ladder(row: Mapping[str, object], top_code: float) -> Ladder:
    """The percentile ladder of one OEWS row (USD/yr; NaN where top-coded or not released) and
    its top-coded percentiles, whose wage is at least `top_code`."""
    points: dict[int, float] = {}
    coded: set[int] = set()
    for column, pct in PCT_COLUMNS.items():
        value = row[column]
        points[pct] = float(value) if pd.notna(value) else float("nan")  # type: ignore[arg-type]
        note = row.get(f"{column}_note")
        if isinstance(note, str) and note == TOP_CODED:
            coded.add(pct)
    return Ladder(points, frozenset(coded), float(top_code))


def usable(row: Mapping[str, object]) -> bool:
    """True when the row publishes at least two percentiles (enough to place an amount)."""
    return sum(pd.notna(row[c]) for c in PCT_COLUMNS) >= 2


def is_top_coded(note: object) -> bool:
    """True when an OEWS note says the value is top-coded."""
    return isinstance(note, str) and note == TOP_CODED


def cell_value(value: object) -> float:
    """An OEWS cell as a float, NaN when missing (employment, RSEs)."""
    return float(value) if pd.notna(value) else float("nan")  # type: ignore[arg-type]


def market_row(data: Tables, cbsa: str, occupation: str) -> tuple[pd.Series, str]:
    """The OEWS cross-industry row whose percentiles price `occupation` in metro `cbsa`, and
    why it is not the metro's own ("" when it is).

    Where BLS publishes fewer than two percentiles for the occupation in the metro (or none at
    all), the metro's state is used (the state OEWS files the metro under), then the nation.
    Raises ValueError for an unknown occupation or metro.
    """
    found = market_rows(data, [cbsa], occupation)
    if str(cbsa) not in found:
        raise ValueError(f"Unknown metro {cbsa!r}; pick a metro from the list.")
    return found[str(cbsa)]


def market_rows(
    data: Tables, cbsas: Sequence[str], occupation: str
) -> dict[str, tuple[pd.Series, str]]:
    """`market_row` for many metros at once: {cbsa: (row, why)}, unknown metros left out.
    Raises ValueError for an unknown occupation, or when BLS publishes no usable row for it
    where one is needed (not even the nation's)."""
    wages = data.wages
    title = occupation_title(wages, occupation)
    wanted = list(dict.fromkeys(str(c) for c in cbsas))
    places = wages.loc[wages["area_type"].isin(PLACES) & wages["cbsa"].isin(wanted)]
    areas = places.drop_duplicates("cbsa").set_index("cbsa")
    rows = cross_industry(wages, occupation)
    own = rows[rows["area_type"].isin(PLACES) & rows["cbsa"].isin(wanted)].drop_duplicates("cbsa")
    own = own.set_index("cbsa", drop=False)
    states = rows[rows["area_type"] == "state"].drop_duplicates("state_code")
    states = states.set_index("state_code", drop=False)
    nation = rows[rows["area_type"] == "national"]
    out = {}
    for cbsa in wanted:
        if cbsa not in areas.index:
            continue
        if cbsa in own.index and usable(own.loc[cbsa]):
            out[cbsa] = (own.loc[cbsa], "")
            continue
        missing = f"BLS publishes no {title} wage percentiles for {areas.loc[cbsa, 'area_name']}"
        fips = areas.loc[cbsa, "state_code"]
        if fips in states.index and usable(states.loc[fips]):
            state = states.loc[fips]
            out[cbsa] = (state, f"{missing}; showing {state['area_name']}'s.")
        elif len(nation) and usable(nation.iloc[0]):
            out[cbsa] = (nation.iloc[0], f"{missing} or its state; showing the US.")
        else:
            raise ValueError(f"BLS publishes no wage percentiles for {title}.")
    return out
