"""Prices over time: the Consumer Price Index (CPI-U) to express pay of different years in the
dollars of one year.

The `cpi` table holds BLS CPI-U annual averages (all items, not seasonally adjusted) for the
US city average (series CUUR0000SA0) and the metro areas BLS publishes, as bundled in the
`cpi` package the build reads (vintage and series ids in the manifest). BEA's price parities
(`analysis.metros`) compare places within one year; the CPI compares years.
"""

from __future__ import annotations

import pandas as pd

from analysis.data import Tables

US_CITY_AVERAGE = "CUUR0000SA0"
"""CPI-U, U.S. city average, all items, not seasonally adjusted (1982-84 = 100)."""


def annual_cpi(data: Tables, series: str = US_CITY_AVERAGE) -> dict[int, float]:
    """Year -> the annual average of CPI series `series` (ValueError when BLS publishes none)."""
    cpi = data.table("cpi")
    rows = cpi[cpi["series_id"] == series]
    if rows.empty:
        raise ValueError(f"No CPI series {series} in the cpi table.")
    return {int(y): float(v) for y, v in zip(rows["year"], rows["value"], strict=True)}


def latest_year(data: Tables, series: str = US_CITY_AVERAGE) -> int:
    """The latest year with an annual average of `series`."""
    return max(annual_cpi(data, series))


def to_dollars_of(data: Tables, year: int | None = None, series: str = US_CITY_AVERAGE) -> dict:
    """Year -> the factor that turns that year's dollars into `year`'s (default: the latest
    annual average), CPI[year] / CPI[y]."""
    cpi = annual_cpi(data, series)
    year = max(cpi) if year is None else year
    if year not in cpi:
        raise ValueError(f"No {series} annual average for {year}.")
    return {y: cpi[year] / v for y, v in cpi.items()}


def in_dollars_of_latest(
    data: Tables, frame: pd.DataFrame, value: str = "salary_usd", year: str = "year"
) -> pd.DataFrame:
    """`frame` (a new one) with its `value` column in the dollars of the latest CPI-U annual
    average (US city average), each row by its own `year`; rows of years without an annual
    average are dropped."""
    factors = to_dollars_of(data)
    out = frame.assign(**{value: frame[value] * frame[year].map(factors)})
    return out[out[value].notna()].reset_index(drop=True)
