"""An offer's pay month by month, and by year: base, bonus, equity vesting, refreshers, sign-on,
relocation, and the employer's 401(k) match.

Pure arithmetic on the terms a job seeker types in (no data table): `OfferTerms` holds them;
`monthly_pay` is the ledger of what is paid in each month after the start, and everything else
adds it up: by year of employment (`yearly_gross`), by calendar year from a start date
(`calendar_gross`, the years taxes are filed in), and up to a leaving month (`walk_away`).

Conventions, stated once:
- Money is USD. Base is paid in twelve equal monthly parts; the target bonus is paid in full
  at each work anniversary (month 12, 24, ...) for the year just worked; sign-on and relocation
  are paid in month 1.
- The equity grant is its value at grant, vested over four years by `schedule` (percent per
  year), each year's share in equal parts every 1, 3 or 12 months (`frequency`). With a
  one-year cliff nothing vests before month 12 and month 12 vests everything accrued, so the
  year-1 total is the same when you stay a year; what changes is what you keep if you leave.
- A refresher is a new grant of `refresher` dollars at each anniversary, vesting evenly over
  the next four years at the same frequency, without a cliff.
- Equity is valued at its grant price times `price_factor` (1 = no price change; 0.5 = the
  share price halved from the start); `liquidity` is the share of that value you could sell
  (1 for a listed company; lower for a private company's illiquid shares).
- The 401(k) match is the employer's contribution, `match` percent of base, paid monthly into
  the plan: a line of its own, not take-home pay.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

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
SUPPLEMENTAL = ("Bonus", "Equity", "Refreshers", "Sign-on", "Relocation")
"""The components employers withhold federal tax on as supplemental wages (IRS Publication 15,
"Supplemental wages"): everything but the regular base salary."""
FREQUENCIES: dict[str, int] = {"monthly": 1, "quarterly": 3, "yearly": 12}
"""Vesting frequency -> months between vesting dates."""
CLAWBACKS = ("full", "pro rata", "none")
"""What leaving in the first year costs of a sign-on bonus: all of it back, the share of the
year not worked, or nothing."""
HORIZON_MONTHS = 48
MIN_BASE = 10_000.0
MAX_BASE = 5_000_000.0
MAX_EXTRA_RATIO = 20.0
"""A bonus, a yearly equity value, a sign-on or a relocation over this many times the base is
almost certainly a typing mistake (extra zeros); checked in `check_terms`."""


@dataclass(frozen=True)
class OfferTerms:
    """What an offer promises (USD). `bonus` is the target bonus: a percent of base when
    `bonus_percent`, else dollars a year. `schedule` is a key of SCHEDULES or "custom" with
    `custom` the four yearly percentages (summing to 100); `frequency` a key of FREQUENCIES;
    `clawback` one of CLAWBACKS; `match` the employer's 401(k) match in percent of base;
    `price_factor` and `liquidity` value the equity (see the module)."""

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
    frequency: str = "monthly"
    clawback: str = "full"
    match: float = 0.0
    price_factor: float = 1.0
    liquidity: float = 1.0

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
    if terms.frequency not in FREQUENCIES:
        raise ValueError(f"Vesting happens {', '.join(FREQUENCIES)}, not {terms.frequency!r}.")
    if terms.clawback not in CLAWBACKS:
        raise ValueError(f"A sign-on clawback is {', '.join(CLAWBACKS)}, not {terms.clawback!r}.")
    if not 0 <= _amount("401(k) match", terms.match) <= 100:
        raise ValueError("Enter the 401(k) match as a percent of base from 0 to 100.")
    if not 0 <= _amount("share price factor", terms.price_factor) <= 10:
        raise ValueError("A share price scenario runs from a total loss (0) to ten times (10).")
    if not 0 <= _amount("sellable share", terms.liquidity) <= 1:
        raise ValueError("The share of equity you could sell runs from 0 to 100%.")
    return terms


def vest_by_month(
    grant: float,
    percentages: Sequence[float],
    cliff: bool,
    frequency: str = "monthly",
    months: int = HORIZON_MONTHS,
) -> np.ndarray:
    """The value (USD) of a `grant` vesting in each of its first `months` months: year n's
    share (`percentages[n]`, percent) in equal parts every FREQUENCIES[frequency] months, on
    the last month of each period; with a `cliff`, nothing vests before month 12 and month 12
    vests everything accrued by then. Months after the fourth year vest nothing."""
    step = FREQUENCIES[frequency]
    vest = np.zeros(max(months, 12 * VESTING_YEARS))
    for year, share in enumerate(percentages):
        for end in range(step, 13, step):
            vest[12 * year + end - 1] += float(share) / 100.0 * grant * step / 12.0
    if cliff:
        vest[11] = vest[:12].sum()
        vest[:11] = 0.0
    return vest[:months]


def monthly_pay(terms: OfferTerms, months: int = HORIZON_MONTHS) -> pd.DataFrame:
    """The ledger of `terms`: month (1 = the first month after the start), Base, Bonus, Equity,
    Refreshers, Sign-on, Relocation, total (what is paid or vests in that month, USD; equity at
    its grant value x price_factor x liquidity), and match (the employer's 401(k) contribution,
    not in total). Checks the terms first (`check_terms`)."""
    check_terms(terms)
    month = np.arange(1, months + 1)
    worth = terms.price_factor * terms.liquidity
    shares = vesting_percentages(terms)
    refreshers = np.zeros(months)
    for granted in range(12, months, 12):  # a refresher at each anniversary, even, no cliff
        vest = vest_by_month(terms.refresher, [25.0] * 4, False, terms.frequency)
        room = min(len(vest), months - granted)
        refreshers[granted : granted + room] += vest[:room]
    out = pd.DataFrame({"month": month})
    out["Base"] = float(terms.base) / 12.0
    out["Bonus"] = np.where(month % 12 == 0, terms.bonus_usd, 0.0)
    out["Equity"] = (
        vest_by_month(terms.equity, shares, terms.cliff, terms.frequency, months) * worth
    )
    out["Refreshers"] = refreshers * worth
    out["Sign-on"] = np.where(month == 1, float(terms.sign_on), 0.0)
    out["Relocation"] = np.where(month == 1, float(terms.relocation), 0.0)
    out["total"] = out[list(COMPONENTS)].sum(axis=1)
    out["match"] = float(terms.base) * terms.match / 100.0 / 12.0
    return out


def yearly_gross(terms: OfferTerms, years: int = VESTING_YEARS) -> pd.DataFrame:
    """Gross pay in each of the first `years` years of employment, by component: year, Base,
    Bonus, Equity, Refreshers, Sign-on, Relocation, total, match (USD; see `monthly_pay`). The
    target bonus is assumed paid in full."""
    ledger = monthly_pay(terms, 12 * years)
    out = ledger.groupby((ledger["month"] - 1) // 12 + 1).sum().drop(columns="month")
    return out.round(2).rename_axis("year").reset_index()  # to the cent: sums of twelfths


def month_dates(start: dt.date, months: int = HORIZON_MONTHS) -> pd.Series:
    """The calendar month (its first day) of each month of employment from `start`: month 1 is
    the month of `start`."""
    first = pd.Timestamp(start.year, start.month, 1)
    return pd.Series(pd.date_range(first, periods=months, freq="MS"), name="date")


def calendar_gross(terms: OfferTerms, start: dt.date, months: int = HORIZON_MONTHS) -> pd.DataFrame:
    """Gross pay by calendar year for a job starting in `start`'s month: year (calendar),
    months (worked that year), Base, Bonus, Equity, Refreshers, Sign-on, Relocation, total,
    match (USD). A start mid-year makes the first and last years partial: each is taxed as
    its own tax year's wages."""
    ledger = monthly_pay(terms, months)
    ledger["year"] = month_dates(start, months).dt.year.to_numpy()
    out = ledger.drop(columns="month").groupby("year").sum().round(2)
    out.insert(0, "months", ledger.groupby("year").size())
    return out.reset_index()


def vested_after(terms: OfferTerms, months: int) -> float:
    """The initial grant's value (`monthly_pay`'s Equity) vested after `months` months."""
    return float(monthly_pay(terms, HORIZON_MONTHS)["Equity"].iloc[: max(0, months)].sum())


def walk_away(terms: OfferTerms, months: int) -> dict[str, float]:
    """What you keep (USD, before tax) if you leave after `months` months: paid (base, the
    bonuses of completed years, sign-on and relocation, equity vested), repaid (the sign-on
    given back under `clawback` when leaving before month 12: all of it, or the share of the
    year not worked), kept = paid - repaid, and forfeited (the initial grant not yet vested,
    at the same value)."""
    ledger = monthly_pay(terms, HORIZON_MONTHS)
    done = ledger.iloc[: max(0, months)]
    paid = float(done["total"].sum())
    repaid = 0.0
    if months < 12 and terms.clawback == "full":
        repaid = float(terms.sign_on)
    elif months < 12 and terms.clawback == "pro rata":
        repaid = float(terms.sign_on) * (12 - months) / 12.0
    granted = terms.equity * terms.price_factor * terms.liquidity
    return {
        "months": float(months),
        "paid": paid,
        "repaid": repaid,
        "kept": paid - repaid,
        "forfeited": granted - float(done["Equity"].sum()),
    }


def with_price(terms: OfferTerms, factor: float) -> OfferTerms:
    """The same offer with its equity valued at `factor` times the grant price."""
    return replace(terms, price_factor=factor)
