"""After-tax take-home pay where a job is, and what a salary is worth in each tech hub.

Taxes come from the stored schedule (`take_home` table, built offline with policyengine-us
for one tax year: federal, Social Security, Medicare, state income tax, state payroll taxes and
the local taxes the library models), interpolated with `analysis.taxes.take_home`. Price levels
are BEA RPP (`analysis.metros`). Money is USD per year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import compensation, metros, taxes
from analysis.data import Tables
from analysis.wages import PLACES, cross_industry


@dataclass(frozen=True)
class LocalTax:
    """The local tax of a metro's main city that the tax schedule models: `city` (its name),
    `resident` (the schedule code when you live there; None when residents who work elsewhere
    do not pay it) and `worker` (the code when you work there but live elsewhere in the
    state; None when non-residents do not pay it)."""

    city: str
    resident: str | None
    worker: str | None


LOCAL_RULES: dict[str, LocalTax] = {
    "35620": LocalTax("New York City", "NYC", None),  # residents only
    "26900": LocalTax("Indianapolis (Marion County)", "IN-MARION", None),  # county of residence
    "28140": LocalTax("Kansas City, MO", "MO-KCMO", "MO-KCMO"),  # 1% of residents and workers
    "19740": LocalTax("Denver", None, "CO-DENVER"),  # a tax on working in Denver
    "37980": LocalTax("Philadelphia", "PA-PHL", "PA-PHL-NR"),  # wage tax, two rates
    "41180": LocalTax("St. Louis", "MO-STL", "MO-STL"),  # 1% of residents and workers
}
"""Metros (CBSA) whose main city has a local tax the schedule can hold, by who pays it. A
code the stored schedule does not (yet) have falls back to the state."""
LOCAL_TAXES: dict[str, str] = {
    "NYC": "NYC income tax",
    "IN-MARION": "Marion County income tax",
    "MO-KCMO": "Kansas City earnings tax",
    "CO-DENVER": "Denver occupational privilege tax",
    "PA-PHL": "Philadelphia wage tax (resident)",
    "PA-PHL-NR": "Philadelphia wage tax (non-resident)",
    "MO-STL": "St. Louis earnings tax",
    "MD": "Maryland county income tax (Baltimore City rate)",
}
"""The local tax each local jurisdiction of the schedule adds, by name."""


@dataclass(frozen=True)
class AfterTax:
    """Annual taxes and take-home pay (USD) for a single filer with the standard deduction.

    state_payroll is the employee's state payroll contributions (e.g. CA SDI, WA PFML).
    """

    tax_year: int
    jurisdiction: str
    gross: float
    federal: float
    social_security: float
    medicare: float
    state: float
    state_payroll: float
    local: float
    take_home: float

    def frame(self) -> pd.DataFrame:
        """item, amount (USD/yr), share (of gross): the taxes then take-home, for a table."""
        items = {
            "Federal income tax": self.federal,
            "Social Security": self.social_security,
            "Medicare": self.medicare,
            "State income tax": self.state,
            "State payroll (disability, leave)": self.state_payroll,
            "Local income tax": self.local,
            "Take-home": self.take_home,
        }
        out = pd.DataFrame({"item": list(items), "amount": list(items.values())})
        out["share"] = out["amount"] / self.gross
        return out


def after_tax(data: Tables, gross: float, jurisdiction: str) -> AfterTax:
    """Federal, Social Security, Medicare, state, local taxes and take-home for `gross` (USD/yr)
    in `jurisdiction` (2-letter state code or a local code of `LOCAL_TAXES`), interpolated from
    the stored schedule by `analysis.taxes.take_home`. Raises ValueError outside the
    schedule's income range."""
    schedule = data.take_home
    row = taxes.take_home(float(gross), jurisdiction, schedule)
    return AfterTax(
        tax_year=int(schedule["tax_year"].dropna().iloc[0]),
        jurisdiction=jurisdiction,
        gross=float(gross),
        federal=float(row["federal_income_tax"]),
        social_security=float(row["social_security"]),
        medicare=float(row["medicare"]),
        state=float(row["state_income_tax"]),
        state_payroll=float(row.get("state_payroll_tax", 0.0)),
        local=float(row["local_income_tax"]),
        take_home=float(row["take_home"]),
    )


def schedule_taxes(data: Tables, gross: Sequence[float], jurisdiction: str) -> pd.DataFrame:
    """Taxes and take-home for each wage in `gross` (USD a year) in `jurisdiction`: gross,
    federal_income_tax, social_security, medicare, state_income_tax, state_payroll_tax,
    local_income_tax, take_home. Raises ValueError a user can act on: a place without a tax
    schedule (Puerto Rico: the schedule covers the 50 states and DC), or a wage outside it."""
    schedule = data.take_home
    known = set(schedule["jurisdiction"].astype(str))
    if jurisdiction not in known:
        raise ValueError(
            f"AI Pay Atlas has no tax schedule for {jurisdiction} (it covers the 50 states and "
            "DC), so after-tax figures are not shown there; compare gross pay instead."
        )
    top = float(schedule["gross"].max())
    too_high = [g for g in gross if g > top]
    if too_high:
        raise ValueError(
            f"A year's pay of ${max(too_high):,.0f} is above the tax schedule's top "
            f"(${top:,.0f} a year); after-tax figures stop there."
        )
    return taxes.take_home(np.asarray(gross, dtype=float), jurisdiction, schedule)


def gross_for_take_home(data: Tables, target: float, jurisdiction: str) -> float:
    """The lowest gross wage (USD a year) whose take-home in `jurisdiction` is at least
    `target`: the schedule's take-home column inverted at its first crossing of `target`,
    linearly between the two stored wages around it. Take-home rises with gross except at a
    few steps of the law (e.g. New York's supplemental tax), after which it takes a stretch of
    wages to recover; a target inside such a dip is first reached before it. NaN outside the
    schedule's range; ValueError for a place without a schedule."""
    schedule = data.take_home
    table = schedule[schedule["jurisdiction"] == jurisdiction].sort_values("gross")
    if table.empty:
        schedule_taxes(data, [1.0], jurisdiction)  # raises the user-facing message
    kept = table["take_home"].to_numpy(dtype=float)
    gross = table["gross"].to_numpy(dtype=float)
    if not kept[0] <= target <= kept.max():
        return float("nan")
    i = int(np.argmax(kept >= target))  # the first stored wage that reaches the target
    if i == 0:
        return float(gross[0])
    share = (target - kept[i - 1]) / (kept[i] - kept[i - 1])
    return float(gross[i - 1] + share * (gross[i] - gross[i - 1]))


def jurisdiction_for(
    data: Tables, cbsa: str, *, lives_in_city: bool = False, works_in_city: bool = False
) -> str:
    """The tax jurisdiction of a metro: its principal state (USPS code), or the local code of
    its main city's tax (`LOCAL_RULES`) when you live there (`lives_in_city`) or, for a tax
    non-residents pay too, work there (`works_in_city`). Living elsewhere in the metro is
    taken to mean in its principal state."""
    state = metros.jurisdiction_state(data, cbsa)
    rule = LOCAL_RULES.get(str(cbsa))
    code = None
    if rule is not None:
        if lives_in_city and rule.resident:
            code = rule.resident
        elif works_in_city and rule.worker:
            code = rule.worker
    if code is None or code not in set(data.take_home["jurisdiction"].astype(str)):
        return state
    return code


def worth_in_hubs(
    data: Tables,
    base: float,
    home_cbsa: str,
    occupation: str,
    *,
    hubs: Sequence[str] = metros.DEFAULT_HUBS,
    lives_in_city: bool = True,
    works_in_city: bool = True,
    year: int | None = None,
) -> pd.DataFrame:
    """What `base` (USD/yr, earned in `home_cbsa`) is worth in each hub, side by side.

    One row per metro, home first, then the hubs, columns: cbsa, label (as
    `metros.metro_names`), state, jurisdiction (each place's own taxes: the home row follows
    the filer's `lives_in_city` / `works_in_city`; a hub row assumes the filer would live and
    work in the hub's main city, so its local tax applies there), rpp (BEA all items,
    US = 100, `year`, default the latest in the table),
    same_power (the salary in the hub that buys what `base` buys at home:
    base x RPP_hub / RPP_home), role_median (OEWS median for `occupation`, NaN when not
    published),
    role_median_note, take_home (after tax on `base` earned there), real_take_home
    (take_home / (rpp / 100), in national-average dollars), is_home. Hubs without a BEA price
    level are kept with NaN price columns. Raises ValueError when the home metro has no price
    level.
    """
    compensation.check_base_salary(base)
    year = metros.latest_year(data) if year is None else year
    prices = metros.price_levels(data, year).set_index("cbsa")["rpp"]
    home_cbsa = str(home_cbsa)
    home_rpp = float(prices.get(home_cbsa, float("nan")))
    if not np.isfinite(home_rpp):
        raise ValueError(f"BEA publishes no {year} price level for metro {home_cbsa}.")
    names = metros.metro_names(data).set_index("cbsa")
    rows = cross_industry(data.wages, occupation, PLACES).set_index("cbsa")
    order = [c for c in dict.fromkeys([home_cbsa, *(str(c) for c in hubs)]) if c in names.index]
    if not order:
        raise ValueError("None of the chosen hubs is a known metro.")
    out = []
    for cbsa in order:
        rpp = float(prices.get(cbsa, float("nan")))
        is_home = cbsa == home_cbsa
        juris = jurisdiction_for(
            data,
            cbsa,
            lives_in_city=lives_in_city or not is_home,
            works_in_city=works_in_city or not is_home,
        )
        try:
            home = after_tax(data, base, juris).take_home
        except ValueError:
            home = float("nan")
        median = float(rows.loc[cbsa, "a_median"]) if cbsa in rows.index else float("nan")
        note = rows.loc[cbsa, "a_median_note"] if cbsa in rows.index else "not available"
        priced = np.isfinite(rpp)
        out.append(
            {
                "cbsa": cbsa,
                "label": str(names.loc[cbsa, "label"]),
                "state": str(names.loc[cbsa, "state"]),
                "jurisdiction": juris,
                "rpp": rpp,
                "same_power": metros.same_purchasing_power(base, home_rpp, rpp)
                if priced
                else float("nan"),
                "role_median": median,
                "role_median_note": None if pd.isna(note) else str(note),
                "take_home": home,
                "real_take_home": home / (rpp / 100.0) if priced else float("nan"),
                "is_home": is_home,
            }
        )
    return pd.DataFrame(out)
