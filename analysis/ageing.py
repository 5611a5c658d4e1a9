"""Market figures read for the date they are used at, at a stated annual rate.

BLS OEWS wages describe one reference month (May 2025, `reference_date`); a salary-index record
is pay of its work year (dated here at the middle of that year, `record_date`). A figure read
for another date is carried there at an annual rate: factor = (1 + rate) ** years.

Which rate. No measure of pay growth for these occupations is in the data: OEWS is one vintage
(May 2025), the salary index's year-on-year change mixes pay growth with its 2024 change of
source (mostly US job listings from 2024), and BLS's Employment Cost Index is not among the
sources. So the rate used is 0% (`NO_AGEING`: pay stays where it was measured, said wherever
it is used), as on Pay bands. What the data does hold is consumer prices: `price_rate` is the
CPI-U's latest change between annual averages, the rate at which pay would keep its
purchasing power. It measures prices, not pay, so it is the rate a verdict is *tested* at
(could it go either way?), not the one it is read at.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from analysis import prices
from analysis.data import DataUnavailable, Tables

MONTHS = {m: i for i, m in enumerate(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"), start=1)}  # fmt: skip
DAYS_A_YEAR = 365.25


@dataclass(frozen=True)
class Ageing:
    """An annual `rate` (a fraction: 0.026 = 2.6% a year), where it comes from (`source`, in
    words) and what carrying pay at it assumes (`assumes`, one sentence)."""

    rate: float
    source: str
    assumes: str


NO_AGEING = Ageing(
    0.0,
    "no published wage-growth rate is in the data: BLS's Employment Cost Index is not among "
    "its sources, and CPI measures prices, not pay",
    "pay stays where it was measured until the date it is read for; if pay rose since, the "
    "figures are low by that much.",
)
"""The rate used when no wage-growth rate can be sourced, with what it assumes."""


def reference_date(data: Tables) -> dt.date:
    """The date BLS wages refer to: the 15th of the release's reference month ("May 2025")."""
    period = str(data.manifest["sources"]["oews"]["facts"]["reference_period"])
    month, year = period.split()
    return dt.date(int(year), MONTHS[month], 15)


def record_date(year: int) -> dt.date:
    """The date a salary-index record of work `year` is taken to describe: 1 July, the middle
    of the year its pay was paid."""
    return dt.date(int(year), 7, 1)


def age_factor(reference: dt.date, effective: dt.date, rate: float) -> float:
    """(1 + rate) ** (years from `reference` to `effective`), rate a fraction a year (0.03 =
    3%); a date before the reference ages backwards. ValueError for a rate at or below -100%."""
    if not rate > -1:
        raise ValueError("An annual rate must be above -100%.")
    years = (effective - reference).days / DAYS_A_YEAR
    return float((1.0 + rate) ** years)


def record_factors(years: np.ndarray, end: dt.date, rate: float) -> np.ndarray:
    """Per record (its work year in `years`), the factor that carries its pay to `end`."""
    out = np.ones(len(years), dtype=float)
    for year in np.unique(years):
        out[years == year] = age_factor(record_date(int(year)), end, rate)
    return out


def price_rate(data: Tables) -> Ageing:
    """The latest change of the CPI-U between two annual averages (US city average), as the
    rate pay is carried at, with its source and what it assumes; `NO_AGEING` without the CPI
    table."""
    try:
        cpi = prices.annual_cpi(data)
    except (DataUnavailable, ValueError):
        return NO_AGEING
    last = max(cpi)
    if last - 1 not in cpi:
        return NO_AGEING
    rate = cpi[last] / cpi[last - 1] - 1
    return Ageing(
        rate,
        f"the rise of US consumer prices from {last - 1} to {last} (BLS CPI-U, US city "
        f"average, annual averages: {rate:.1%} a year)",
        "pay carried at the rate of prices keeps its purchasing power, no more; prices are "
        "not pay, so this rate tests a verdict, it does not set it.",
    )
