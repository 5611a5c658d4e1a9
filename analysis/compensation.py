"""An offer's pay, year by year: base, bonus, equity vesting, refreshers, sign-on, relocation.

Pure arithmetic on the terms a job seeker types in (no data table): `OfferTerms` holds them,
`vest_by_month` spreads an equity grant over 48 months under a vesting schedule and an optional
one-year cliff, and `yearly_gross` adds up each of the first `VESTING_YEARS` years by component.

Conventions, stated once:
- Money is USD. Base and target bonus are per year; the equity grant is its value at grant,
  vested over four years; a refresher is a new grant of the same size every year from the end
  of year 1, vesting evenly over the four years after it; sign-on and relocation are paid once,
  in year 1.
- Vesting inside a year is monthly (1/12 of that year's share each month). With a one-year
  cliff nothing vests in months 1-11 and the whole first-year share vests in month 12, so the
  year-1 total is the same when you stay a full year; what changes is what you would walk
  away with if you left earlier (`vested_after`).
- Year n runs from month 12(n-1)+1 to 12n after the start; taxes treat each year's pay as one
  tax year's wages (equity taxed as wages when it vests, at its grant value: no price change
  is assumed).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

VESTING_YEARS = 4
SCHEDULES: dict[str, tuple[float, ...]] = {
    "even": (25.0, 25.0, 25.0, 25.0),
    "front": (33.0, 33.0, 22.0, 12.0),
    "back": (5.0, 15.0, 40.0, 40.0),
}
"""Vesting schedules, percent of the grant per year: even 25/25/25/25, front-loaded
33/33/22/12 and back-loaded 5/15/40/40 (as some large employers publish them); "custom" takes
the user's own four percentages."""
COMPONENTS = ("Base", "Bonus", "Equity", "Refreshers", "Sign-on", "Relocation")
MIN_BASE = 10_000.0
MAX_BASE = 5_000_000.0
MAX_EXTRA_RATIO = 20.0
"""A bonus, a yearly equity value, a sign-on or a relocation over this many times the base is
almost certainly a typing mistake (extra zeros); checked in `check_terms`."""


@dataclass(frozen=True)
class OfferTerms:
    """What an offer promises (USD). `bonus` is the target bonus: a percent of base when
    `bonus_percent`, else dollars a year. `schedule` is a key of SCHEDULES or "custom" with
    `custom` the four yearly percentages (summing to 100)."""

    base: float
    bonus: float = 0.0
    bonus_percent: bool = False
    equity: float = 0.0
    schedule: str = "even"
    custom: tuple[float, ...] = ()
    cliff: bool = True
    refresher: float = 0.0
    sign_on: float = 0.0
    relocation: float = 0.0

    @property
    def bonus_usd(self) -> float:
        """The target bonus in dollars a year."""
        return self.base * self.bonus / 100.0 if self.bonus_percent else self.bonus


def _amount(name: str, value: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"Enter the {name} as a number of US dollars.") from None
    if not math.isfinite(number):
        raise ValueError(f"Enter the {name} as a number of US dollars.")
    if number < 0:
        raise ValueError(f"The {name} cannot be negative (got {number:,.0f}).")
    return number


def vesting_percentages(terms: OfferTerms) -> tuple[float, ...]:
    """The four yearly vesting percentages of `terms` (ValueError when custom ones are not
    four non-negative numbers summing to 100)."""
    if terms.schedule in SCHEDULES:
        return SCHEDULES[terms.schedule]
    if terms.schedule != "custom":
        raise ValueError(f"Unknown vesting schedule {terms.schedule!r}.")
    shares = tuple(float(p) for p in terms.custom)
    if len(shares) != VESTING_YEARS or any(not math.isfinite(p) or p < 0 for p in shares):
        raise ValueError("Enter four yearly vesting percentages, each 0 or more.")
    if not math.isclose(sum(shares), 100.0, abs_tol=0.05):
        raise ValueError(f"The vesting percentages add up to {sum(shares):g}%, not 100%.")
    return shares


def check_base_salary(base: float) -> float:
    """`base` (USD a year) as a float if it is a plausible annual base salary, else ValueError
    worded for the person who typed it (monthly or hourly pay, extra zeros)."""
    base = _amount("base salary", base)
    if base < MIN_BASE:
        raise ValueError(
            f"A base salary of ${base:,.0f} a year is below ${MIN_BASE:,.0f}; enter the annual "
            "base (not the monthly or hourly amount)."
        )
    if base > MAX_BASE:
        raise ValueError(
            f"A base salary of ${base:,.0f} a year is over ${MAX_BASE:,.0f}; check for extra zeros."
        )
    return base


def check_terms(terms: OfferTerms) -> OfferTerms:
    """`terms` if every amount is plausible, else ValueError worded for the person who typed
    it (monthly pay for a base, extra zeros, a percent bonus over 200%, a bad schedule)."""
    base = check_base_salary(terms.base)
    if terms.bonus_percent and not 0 <= _amount("bonus", terms.bonus) <= 200:
        raise ValueError("Enter the target bonus as a percent of base from 0 to 200.")
    yearly_equity = _amount("equity grant", terms.equity) / VESTING_YEARS
    extras = {
        "bonus": _amount("bonus", terms.bonus_usd),
        "yearly equity (grant ÷ 4)": yearly_equity,
        "refresher": _amount("refresher", terms.refresher),
        "sign-on bonus": _amount("sign-on bonus", terms.sign_on),
        "relocation": _amount("relocation", terms.relocation),
    }
    for name, value in extras.items():
        if value > MAX_EXTRA_RATIO * base:
            raise ValueError(
                f"The {name} (${value:,.0f}) is more than {MAX_EXTRA_RATIO:g} times the base "
                f"salary (${base:,.0f}); check the amounts."
            )
    vesting_percentages(terms)
    return terms


def vest_by_month(grant: float, percentages: Sequence[float], cliff: bool) -> np.ndarray:
    """The value (USD) of a `grant` vesting in each of its 48 months: year n's share
    (`percentages[n]`, percent) in twelve equal parts; with a `cliff`, months 1-11 vest nothing
    and month 12 vests the whole first-year share."""
    months = np.repeat(np.asarray(percentages, dtype=float) / 100.0 * grant / 12.0, 12)
    if cliff:
        months[11] = months[:12].sum()
        months[:11] = 0.0
    return months


def equity_by_year(terms: OfferTerms, years: int = VESTING_YEARS) -> pd.DataFrame:
    """Equity vesting in each of the first `years` years: year, initial (the sign-up grant,
    under its schedule and cliff), refreshers (one grant of `terms.refresher` at the end of
    each year, each vesting evenly over the next four years, no cliff). USD."""
    # A cliff moves vesting inside year 1 (see vest_by_month), never between years.
    initial = np.array([terms.equity * p / 100.0 for p in vesting_percentages(terms)])
    refreshers = np.zeros(years)
    for granted in range(1, years):  # granted at the end of year `granted`
        for year in range(granted, min(granted + VESTING_YEARS, years)):
            refreshers[year] += terms.refresher / VESTING_YEARS
    first = np.zeros(years)
    first[: min(years, VESTING_YEARS)] = initial[: min(years, VESTING_YEARS)]
    return pd.DataFrame(
        {"year": np.arange(1, years + 1), "initial": first, "refreshers": refreshers}
    )


def vested_after(terms: OfferTerms, months: int) -> float:
    """The initial grant's value vested after `months` months (what you keep if you leave)."""
    vest = vest_by_month(terms.equity, vesting_percentages(terms), terms.cliff)
    return float(vest[: max(0, min(months, len(vest)))].sum())


def yearly_gross(terms: OfferTerms, years: int = VESTING_YEARS) -> pd.DataFrame:
    """Gross pay in each of the first `years` years, by component: year, Base, Bonus, Equity,
    Refreshers, Sign-on, Relocation, total (USD). The target bonus is assumed paid in full."""
    check_terms(terms)
    equity = equity_by_year(terms, years)
    out = pd.DataFrame({"year": equity["year"]})
    out["Base"] = float(terms.base)
    out["Bonus"] = terms.bonus_usd
    out["Equity"] = equity["initial"].to_numpy()
    out["Refreshers"] = equity["refreshers"].to_numpy()
    out["Sign-on"] = np.where(out["year"] == 1, float(terms.sign_on), 0.0)
    out["Relocation"] = np.where(out["year"] == 1, float(terms.relocation), 0.0)
    out["total"] = out[list(COMPONENTS)].sum(axis=1)
    return out
