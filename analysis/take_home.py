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
    """The local tax of a city that the tax schedule models: `city` (its name), `resident`
    (the schedule code when you live there; None when residents who work elsewhere do not pay
    it), `worker` (the code when you work there but live elsewhere; None when non-residents do
    not pay it) and `both` (the code when you live and work there, when it differs from
    `resident`: a tax on working there that residents pay at their own rate)."""

    city: str
    resident: str | None
    worker: str | None
    both: str | None = None

    def code(self, *, lives: bool, works: bool) -> str | None:
        """The schedule code for where you live and work (None: only the state's taxes)."""
        if lives and works:
            return self.both or self.resident or self.worker
        if lives:
            return self.resident
        return self.worker if works else None


LOCAL_RULES: dict[str, LocalTax] = {
    "35620": LocalTax("New York City", "NYC", None),  # residents only
    "26900": LocalTax("Indianapolis (Marion County)", "IN-MARION", None),  # county of residence
    "28140": LocalTax("Kansas City, MO", "MO-KCMO", "MO-KCMO"),  # 1% of residents and workers
    "19740": LocalTax("Denver", None, "CO-DENVER"),  # a tax on working in Denver
    "37980": LocalTax("Philadelphia", "PA-PHL", "PA-PHL-NR"),  # wage tax, two rates
    "41180": LocalTax("St. Louis", "MO-STL", "MO-STL"),  # 1% of residents and workers
    "17410": LocalTax("Cleveland", "OH-CLE", "OH-CLE"),  # 2.5% of residents and workers
    "18140": LocalTax("Columbus", "OH-COL", "OH-COL"),  # 2.5% of residents and workers
    "17140": LocalTax("Cincinnati", "OH-CIN", "OH-CIN"),  # 1.8% of residents and workers
    "19820": LocalTax("Detroit", "MI-DET", "MI-DET-NR"),  # 2.4% residents, 1.2% workers
    "38300": LocalTax("Pittsburgh", "PA-PIT", "PA-PIT-NR"),  # EIT 3% residents; LST workers
    "31140": LocalTax("Louisville", None, "KY-LOU-NR", "KY-LOU"),  # follows the workplace
    "38900": LocalTax("Portland (Multnomah County)", "OR-PDX", "OR-PDX"),  # PFA + Metro SHS
}
"""Metros (CBSA) whose main city has a local tax the schedule can hold, by who pays it. A
code the stored schedule does not (yet) have falls back to the state."""
OTHER_STATE_RULES: dict[tuple[str, str], LocalTax] = {
    ("37980", "DE"): LocalTax("Wilmington, DE", "DE-WIL", "DE-WIL"),  # 1.25% of both
}
"""(CBSA, state) -> the local tax of the main city of a metro's part in another state than
its principal one."""
LOCAL_TAXES: dict[str, str] = {
    "NYC": "NYC income tax",
    "IN-MARION": "Marion County income tax",
    "MO-KCMO": "Kansas City earnings tax",
    "CO-DENVER": "Denver occupational privilege tax",
    "PA-PHL": "Philadelphia wage tax (resident)",
    "PA-PHL-NR": "Philadelphia wage tax (non-resident)",
    "MO-STL": "St. Louis earnings tax",
    "MD": "Maryland county income tax (3.20%)",
    "OH-CLE": "Cleveland income tax",
    "OH-COL": "Columbus income tax",
    "OH-CIN": "Cincinnati income tax",
    "MI-DET": "Detroit income tax (resident)",
    "MI-DET-NR": "Detroit income tax (non-resident)",
    "PA-PIT": "Pittsburgh earned income and local services taxes",
    "PA-PIT-NR": "Pittsburgh local services tax",
    "KY-LOU": "Louisville occupational license fee (resident)",
    "KY-LOU-NR": "Louisville occupational license fee (non-resident)",
    "DE-WIL": "Wilmington wage tax",
    "OR-PDX": "Multnomah Preschool for All and Metro supportive housing taxes",
}
"""The local tax each local jurisdiction of the schedule adds, by name."""


def left_out_first(coverage: pd.DataFrame, codes: Sequence[str]) -> list[str]:
    """The taxes `coverage` (`catalog.tax_coverage`) says the figures leave out, those of the
    places in `codes` (schedule codes, "home|work" ones too) first, then those left out
    everywhere; other places' omissions are dropped."""
    places = {part for code in codes for part in taxes.split_code(code)}
    missing = coverage[~coverage["covered"].astype(bool)]
    here = missing[missing["place"].isin(places)]["tax"].tolist()
    return here + missing[missing["place"] == ""]["tax"].tolist()


def local_rule(cbsa: str, state: str, principal: str) -> LocalTax | None:
    """The local tax rule of metro `cbsa`'s main city in `state` (None: no modelled tax)."""
    if state == principal:
        return LOCAL_RULES.get(str(cbsa))
    return OTHER_STATE_RULES.get((str(cbsa), state))


def describe(code: str) -> str:
    """A schedule code in words: "federal and TX taxes", "federal, state and NYC income tax",
    or for a home|work code who taxes what ("lives in NJ, works in NY: ...")."""
    home, work = taxes.split_code(code)
    if home == work:
        if code in LOCAL_TAXES:
            return f"federal, state and {LOCAL_TAXES[code]}"
        return f"federal and {code} taxes"
    hs, ws = taxes.state_of(home), taxes.state_of(work)
    if ws in taxes.NO_NONRESIDENT_TAX:
        away = f"{ws} taxes no non-resident"
    elif frozenset((hs, ws)) in taxes.RECIPROCITY:
        away = f"{hs} and {ws} have a reciprocal agreement: only {hs} taxes the wages"
    else:
        away = f"{ws} non-resident tax, {hs} resident tax less {hs}'s credit for it"
    locals_ = [LOCAL_TAXES[c] for c in (home, work) if c in LOCAL_TAXES]
    extra = f"; {' and '.join(locals_)}" if locals_ else ""
    return f"lives in {hs}, works in {ws}: federal, {away}{extra}"


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


def tax_year_for(data: Tables, year: int) -> int:
    """The tax year whose rules apply to pay earned in calendar `year`: the year itself when
    the schedule holds it, else the nearest it holds (the last published rules after it)."""
    years = taxes.tax_years(data.take_home)
    return min(max(int(year), years[0]), years[-1])


def after_tax(
    data: Tables, gross: float, jurisdiction: str, tax_year: int | None = None
) -> AfterTax:
    """Federal, Social Security, Medicare, state, local taxes and take-home for `gross` (USD/yr)
    in `jurisdiction` (a schedule code, or "<home>|<work>" across state lines: see
    `jurisdiction_for`) at the rules of `tax_year` (default: the schedule's latest),
    interpolated from the stored schedule by `analysis.taxes.take_home`. Raises ValueError
    outside the schedule's income range."""
    schedule = data.take_home
    year = taxes.tax_years(schedule)[-1] if tax_year is None else int(tax_year)
    row = taxes.take_home(float(gross), jurisdiction, schedule, year)
    return AfterTax(
        tax_year=year,
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


def _check_known(data: Tables, jurisdiction: str) -> None:
    """ValueError a user can act on for a code (or half of one) without a tax schedule."""
    known = set(data.take_home["jurisdiction"].astype(str))
    for code in taxes.split_code(jurisdiction):
        if code not in known:
            raise ValueError(
                f"AI Pay Atlas has no tax schedule for {code} (it covers the 50 states and "
                "DC), so after-tax figures are not shown there; compare gross pay instead."
            )


def schedule_taxes(
    data: Tables,
    gross: Sequence[float],
    jurisdiction: str,
    tax_year: int | Sequence[int] | None = None,
) -> pd.DataFrame:
    """Taxes and take-home for each wage in `gross` (USD a year) in `jurisdiction` (a code or
    "<home>|<work>"), at the rules of `tax_year`: one year for all, one per wage, or None for
    the schedule's latest. Columns: gross, federal_income_tax, social_security, medicare,
    state_income_tax, state_payroll_tax, local_income_tax, take_home, tax_year. Raises
    ValueError a user can act on: a place without a tax schedule (Puerto Rico: the schedule
    covers the 50 states and DC), or a wage outside it."""
    schedule = data.take_home
    _check_known(data, jurisdiction)
    top = float(schedule["gross"].max())
    too_high = [g for g in gross if g > top]
    if too_high:
        raise ValueError(
            f"A year's pay of ${max(too_high):,.0f} is above the tax schedule's top "
            f"(${top:,.0f} a year); after-tax figures stop there."
        )
    values = np.asarray(gross, dtype=float)
    latest = taxes.tax_years(schedule)[-1]
    if tax_year is None or np.ndim(tax_year) == 0:
        years = np.full(len(values), latest if tax_year is None else int(tax_year))
    else:
        years = np.asarray(tax_year, dtype=int)
        if len(years) != len(values):
            raise ValueError("Give one tax year per wage, or one for all.")
    parts = []
    for year in sorted(set(years.tolist())):
        at = np.flatnonzero(years == year)
        part = taxes.take_home(values[at], jurisdiction, schedule, year)
        part.index = at
        part["tax_year"] = year
        parts.append(part)
    return pd.concat(parts).sort_index().reset_index(drop=True)


def gross_for_take_home(
    data: Tables, target: float, jurisdiction: str, tax_year: int | None = None
) -> float:
    """The lowest gross wage (USD a year) whose take-home in `jurisdiction` (a code or
    "<home>|<work>") is at least `target`, at the rules of `tax_year` (default: the latest):
    take-home on the schedule's wage grid inverted at its first crossing of `target`, linearly
    between the two grid wages around it. Take-home rises with gross except at a few steps of
    the law (e.g. New York's supplemental tax), after which it takes a stretch of wages to
    recover; a target inside such a dip is first reached before it. NaN outside the
    schedule's range; ValueError for a place without a schedule."""
    _check_known(data, jurisdiction)
    held = taxes.year_rows(data.take_home, tax_year)
    home = taxes.split_code(jurisdiction)[0]
    gross = np.sort(held.loc[held["jurisdiction"] == home, "gross"].to_numpy(dtype=float))
    kept = taxes.take_home(gross, jurisdiction, held)["take_home"].to_numpy(dtype=float)
    if not kept[0] <= target <= kept.max():
        return float("nan")
    i = int(np.argmax(kept >= target))  # the first stored wage that reaches the target
    if i == 0:
        return float(gross[0])
    share = (target - kept[i - 1]) / (kept[i] - kept[i - 1])
    return float(gross[i - 1] + share * (gross[i] - gross[i - 1]))


def metro_states(data: Tables, cbsa: str) -> tuple[str, ...]:
    """The states a metro spans (USPS codes, the principal state first): Portland, OR -> ("OR",
    "WA"). ValueError for an unknown metro."""
    principal = metros.jurisdiction_state(data, cbsa)
    table = data.metros
    hit = table.loc[table["cbsa"] == str(cbsa), "states"] if "states" in table else None
    spans = [] if hit is None or hit.empty or pd.isna(hit.iloc[0]) else str(hit.iloc[0]).split("-")
    return tuple(dict.fromkeys([principal, *spans]))


def state_spans(data: Tables) -> dict[str, tuple[str, ...]]:
    """CBSA -> its states (principal first) for every metro that spans more than one state."""
    table = data.metros
    out = {}
    for cbsa, principal, states in table[["cbsa", "principal_state", "states"]].itertuples(
        index=False
    ):
        if pd.isna(states) or pd.isna(principal) or "-" not in str(states):
            continue
        out[str(cbsa)] = tuple(dict.fromkeys([str(principal), *str(states).split("-")]))
    return out


def jurisdiction_for(
    data: Tables,
    cbsa: str,
    *,
    work_state: str | None = None,
    home_state: str | None = None,
    lives_in_city: bool = False,
    works_in_city: bool = False,
) -> str:
    """The tax code of a job in metro `cbsa` worked in `work_state` by someone living in
    `home_state` (USPS codes among the metro's states, `metro_states`; work_state defaults to
    the principal state, home_state to the work state).

    In one state: the state's code, or the local code of its main city's tax (`LOCAL_RULES`,
    `OTHER_STATE_RULES`) when you live there (`lives_in_city`) or, for a tax non-residents pay
    too, work there (`works_in_city`). Across state lines: "<home code>|<work code>", taxed by
    `analysis.taxes.CROSS_STATE_RULE` (the home code carries the city's tax on residents, the
    work code the city's tax on workers). A local code the stored schedule does not hold falls
    back to its state. ValueError for a state the metro does not span."""
    states = metro_states(data, cbsa)
    principal = states[0]
    work = (work_state or principal).upper()
    home = (home_state or work).upper()
    for role, state in (("work", work), ("home", home)):
        if state not in states:
            raise ValueError(
                f"This metro spans {', '.join(states)}; pick one of them as the {role} state, "
                f"not {state}."
            )
    known = set(data.take_home["jurisdiction"].astype(str))

    def held(code: str | None, state: str) -> str:
        return code if code is not None and code in known else state

    if home == work:
        rule = local_rule(cbsa, work, principal)
        code = rule.code(lives=lives_in_city, works=works_in_city) if rule else None
        return held(code, work)
    home_rule, work_rule = local_rule(cbsa, home, principal), local_rule(cbsa, work, principal)
    home_code = home_rule.code(lives=lives_in_city, works=False) if home_rule else None
    work_code = work_rule.code(lives=False, works=works_in_city) if work_rule else None
    return f"{held(home_code, home)}{taxes.SEPARATOR}{held(work_code, work)}"


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
    work_state: str | None = None,
    home_state: str | None = None,
) -> pd.DataFrame:
    """What `base` (USD/yr, earned in `home_cbsa`) is worth in each hub, side by side.

    One row per metro, home first, then the hubs, columns: cbsa, label (as
    `metros.metro_names`), state, jurisdiction (each place's own taxes: the home row follows
    the filer's `lives_in_city` / `works_in_city` and `work_state` / `home_state` (see
    `jurisdiction_for`); a hub row assumes the filer would live and
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
            work_state=work_state if is_home else None,
            home_state=home_state if is_home else None,
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
