"""The take-home schedule simulated with policyengine-us: one single filer per wage, one
simulation per jurisdiction, with the corrections of `law.CORRECTIONS` as a reform. The library
is imported lazily inside the functions that run it, so importing this module never loads it."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from analysis.taxes import COLUMNS, TAX_COLUMNS
from databuild.taxes.cities import CITY_ROWS, city_tax
from databuild.taxes.law import (
    JURISDICTIONS,
    LOCAL,
    NYC,
    TAX_YEARS,
    UNSTORED_DEFAULT_LOCAL,
    corrections_for,
)

# Library variable(s) summed into each stored column.
_VARIABLES: dict[str, tuple[str, ...]] = {
    "federal_income_tax": ("income_tax",),
    "social_security": ("employee_social_security_tax",),
    "medicare": ("employee_medicare_tax", "additional_medicare_tax"),
    "state_income_tax": ("state_income_tax",),
    "state_payroll_tax": ("employee_state_payroll_tax",),
}


def reform_dict(year: int) -> dict[str, dict[str, float]]:
    """The `CORRECTIONS` of `year` as a policyengine-core reform dict: each parameter set to
    the published value from January 1 to December 31 of `year` only (empty if none)."""
    return {c.parameter: {f"{year}-01-01.{year}-12-31": c.value} for c in corrections_for(year)}


def parameter_value(parameters: Any, path: str, instant: str) -> float:
    """The value of the parameter at dotted `path` on `instant` (YYYY-MM-DD)."""
    node = parameters
    for part in path.split("."):
        node = node.children[part] if hasattr(node, "children") else getattr(node, part)
    return float(node(instant))


@cache
def _tax_system(year: int) -> Any:
    """The library's tax-benefit system for `year`: its shared default when `year` has no
    correction, else one system built once with the corrections as a reform (a reform passed
    to each Simulation would rebuild the whole system, minutes each). The shared default's
    parameter tree is never changed: the check below fails the build if it were."""
    from policyengine_core.reforms import Reform  # lazy: the app never loads the library
    from policyengine_us.system import CountryTaxBenefitSystem, system

    fixes = corrections_for(year)
    if not fixes:
        return system
    reformed = CountryTaxBenefitSystem(reform=Reform.from_dict(reform_dict(year), country_id="us"))
    for fix in fixes:
        used = parameter_value(reformed.parameters, fix.parameter, f"{year}-01-01")
        later = parameter_value(reformed.parameters, fix.parameter, f"{year}-12-31")
        if not (np.isclose(used, fix.value) and np.isclose(later, fix.value)):
            raise RuntimeError(f"{fix.parameter}: the reform did not set {fix.value} in {year}")
        if np.isclose(
            parameter_value(system.parameters, fix.parameter, f"{year}-01-01"), fix.value
        ):
            raise RuntimeError(f"{fix.parameter}: the library already uses {fix.value}")
    return reformed


def correction_records(year: int) -> list[dict]:
    """The sidecar record of each correction of `year`: parameter, year, library value (what
    the unreformed library applies to the year), value used, source, why."""
    from policyengine_us.system import system  # lazy

    return [
        {
            "parameter": fix.parameter,
            "year": fix.year,
            "library_value": parameter_value(system.parameters, fix.parameter, f"{year}-01-01"),
            "value_used": fix.value,
            "source": fix.source,
            "why": fix.why,
        }
        for fix in corrections_for(year)
    ]


def household_situation(jurisdiction: str, year: int, wages: Sequence[float]) -> dict:
    """A PolicyEngine situation: one single filer per wage, each in a household of their own
    (entities named with a zero-padded index, in the order of `wages`)."""
    period = str(year)
    local = LOCAL.get(jurisdiction)
    groups = ("tax_units", "spm_units", "families", "marital_units", "households")
    out: dict = {"people": {}} | {group: {} for group in groups}
    width = len(str(max(len(wages) - 1, 0)))
    for i, wage in enumerate(wages):
        key = f"{i:0{width}d}"
        you = f"you{key}"
        # Wages only: the library would otherwise give Alaskans the Permanent Fund Dividend.
        person: dict = {
            "age": {period: 30},
            "employment_income": {period: float(wage)},
            "ak_permanent_fund_dividend": {period: 0},
        }
        household: dict = {"members": [you]}
        if local is None:
            household["state_code"] = {period: jurisdiction}
        else:
            household["state_code"] = {period: local.state}
            household["county"] = {period: local.county}
            if local.months:
                person[local.months] = {period: 12}
            for name, value in local.flags:
                person[name] = {period: value}
            for name in local.person_inputs:
                person[name] = {period: float(wage)}
        out["people"][you] = person
        out["tax_units"][f"tax_unit{key}"] = {
            "members": [you],
            "tax_unit_itemizes": {period: False},
        }
        for group in ("spm_units", "families", "marital_units"):
            out[group][f"{group}{key}"] = {"members": [you]}
        out["households"][f"household{key}"] = household
    return out


LEVIED_FROM = 20_000.0
"""Wages (USD/yr) from which every local income tax the schedule holds is levied: below, a
tax on income after deductions (Maryland's county tax) can be zero."""


def check_local(
    jurisdiction: str,
    paid: dict[str, np.ndarray],
    stored: np.ndarray,
    gross: np.ndarray | None = None,
) -> None:
    """Raise RuntimeError unless the local taxes of one simulation are as the schedule says.

    `paid`: each `LOCAL` variable (and "local_tax", the library's total local tax) as computed
    for `jurisdiction`'s household, one value per wage of `gross` (None: every wage counts as
    taxed); `stored`: its local_income_tax. A jurisdiction's own local tax is positive at every
    wage from LEVIED_FROM (below, deductions and refundable credits can make it zero or less);
    every other one is zero (except the
    default-county tax of `UNSTORED_DEFAULT_LOCAL`); and what is stored is all the local tax
    the library levies on the household (its `local_tax`), so none is silently left out.
    """
    own = LOCAL[jurisdiction].variable if jurisdiction in LOCAL else None
    for variable in dict.fromkeys(spec.variable for spec in LOCAL.values()):
        values = paid[variable]
        if variable == own:
            levied = np.ones(len(values), bool) if gross is None else gross >= LEVIED_FROM
            if not (values[levied] > 0).all():
                raise RuntimeError(f"{jurisdiction}: {variable} is not positive at every wage")
        elif UNSTORED_DEFAULT_LOCAL.get(jurisdiction) != variable and (values != 0).any():
            raise RuntimeError(f"{jurisdiction}: {variable} is not zero outside its jurisdiction")
    if jurisdiction not in UNSTORED_DEFAULT_LOCAL and not np.allclose(
        paid["local_tax"], stored, rtol=0, atol=0.01
    ):
        raise RuntimeError(f"{jurisdiction}: the library's local_tax differs from the one stored")


def simulate_jurisdiction(
    jurisdiction: str, year: int, wages: Sequence[float], bases: Sequence[str] = ()
) -> pd.DataFrame:
    """Run one simulation of `jurisdiction` at every wage; return gross and the tax columns,
    one row per wage, in the order given, plus a column for each library variable of `bases`
    (the base of a statutory local tax, e.g. or_taxable_income)."""
    from policyengine_us import Simulation  # lazy: the app never loads the tax library

    sim = Simulation(
        situation=household_situation(jurisdiction, year, wages),
        tax_benefit_system=_tax_system(year),
    )
    period = str(year)

    def calc(name: str) -> np.ndarray:
        return np.asarray(sim.calculate(name, period), dtype=float)

    gross = calc("employment_income")
    expected = np.asarray(wages, dtype=float)
    if gross.shape != expected.shape or not np.allclose(gross, expected, rtol=0, atol=0.005):
        raise RuntimeError(f"{jurisdiction}: the people do not have the requested wages")
    in_nyc = calc("in_nyc").astype(bool)
    if not (in_nyc == (jurisdiction == NYC)).all():
        raise RuntimeError(f"{jurisdiction}: in_nyc is not {jurisdiction == NYC}")
    if calc("tax_unit_itemizes").astype(bool).any():
        raise RuntimeError(f"{jurisdiction}: the filer itemizes; expected the standard deduction")
    # Tax-unit arrays are in the people's order: each unit's AGI is its one member's wages.
    if not np.allclose(calc("adjusted_gross_income"), gross, rtol=0, atol=0.5):
        raise RuntimeError(
            f"{jurisdiction}: federal AGI differs from wages; income is not wages-only"
        )
    frame = pd.DataFrame({"gross": gross})
    for column, variables in _VARIABLES.items():
        frame[column] = sum(calc(v) for v in variables)
    local = LOCAL.get(jurisdiction)
    for name in local.person_inputs if local else ():
        if not np.allclose(calc(name), gross, rtol=0, atol=0.01):
            raise RuntimeError(f"{jurisdiction}: {name} does not equal wages")
    # Each jurisdiction stores only its own local tax: e.g. the library would give a plain
    # "IN" household the county tax of its default county, which is not ours to assume.
    frame["local_income_tax"] = calc(local.variable) if local else 0.0
    paid = {v: calc(v) for v in {*(s.variable for s in LOCAL.values()), "local_tax"}}
    check_local(jurisdiction, paid, frame["local_income_tax"].to_numpy(), np.asarray(gross))
    for name in bases:
        frame[name] = calc(name)
    return frame


def library_rate(path: str, year: int) -> float:
    """The library's value of parameter `path` on January 1 of `year`."""
    return parameter_value(_tax_system(year).parameters, path, f"{year}-01-01")


def city_rows(code: str, state_rows: pd.DataFrame, year: int) -> pd.DataFrame:
    """The rows of `CITY_ROWS[code]`: its state's simulated rows (gross, the tax columns and
    the base columns its taxes need) with each statutory tax added to local_income_tax. A tax
    whose rate the library also holds (`rate_parameter`) must hold the same rate in `year`."""
    spec = CITY_ROWS[code]
    frame = state_rows.copy()
    for tax in spec.taxes:
        rate = None
        if tax.rate_parameter:
            rate = library_rate(tax.rate_parameter, year)
            if not np.isclose(rate, tax.brackets[0][1]):
                raise RuntimeError(
                    f"{code}: the library's {tax.rate_parameter} is {rate} in {year}, the "
                    f"statute in cities.py says {tax.brackets[0][1]}"
                )
        base = frame["gross"] if tax.base == "wages" else frame[tax.base]
        frame["local_income_tax"] = frame["local_income_tax"] + city_tax(
            tax, base.to_numpy(dtype=float), rate
        )
    return frame


def tabulate(jurisdictions: Sequence[str], incomes: Sequence[float], year: int) -> pd.DataFrame:
    """Simulated taxes for every jurisdiction and income (one simulation per state or library
    jurisdiction; a `CITY_ROWS` code adds its statutory taxes to its state's rows):
    jurisdiction, gross, the tax columns."""
    wages = np.unique(np.asarray(incomes, dtype=float))
    if len(wages) == 0 or wages[0] <= 0:
        raise ValueError("incomes must be a non-empty list of positive wages")
    bases: dict[str, set[str]] = {}
    for code in jurisdictions:
        if code in CITY_ROWS:
            needed = {t.base for t in CITY_ROWS[code].taxes if t.base != "wages"}
            bases.setdefault(CITY_ROWS[code].state, set()).update(needed)
    simulated: dict[str, pd.DataFrame] = {}
    for code in (*(c for c in jurisdictions if c not in CITY_ROWS), *bases):
        if code not in simulated:
            simulated[code] = simulate_jurisdiction(code, year, wages, sorted(bases.get(code, ())))
    parts = []
    for code in jurisdictions:
        if code in CITY_ROWS:
            part = city_rows(code, simulated[CITY_ROWS[code].state], year)
        else:
            part = simulated[code]
        part = part[["gross", *TAX_COLUMNS]].copy()
        part.insert(0, "jurisdiction", code)
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def finish(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """The stored form of simulated rows (jurisdiction, gross, the tax columns): amounts rounded
    to cents (no -0.0), take_home = gross minus the tax columns, tax_year added, sorted by
    jurisdiction then gross, columns `COLUMNS` with their documented dtypes."""
    frame = frame.copy()
    frame["gross"] = frame["gross"].round(2)
    for column in TAX_COLUMNS:
        frame[column] = frame[column].round(2) + 0.0  # + 0.0 turns -0.0 into 0.0
    frame["take_home"] = (frame["gross"] - frame[list(TAX_COLUMNS)].sum(axis=1)).round(2)
    frame.insert(0, "tax_year", pd.array([year] * len(frame), dtype="Int64"))
    frame["jurisdiction"] = frame["jurisdiction"].astype("string")
    frame = frame.sort_values(["jurisdiction", "gross"], ignore_index=True)
    return frame[list(COLUMNS)].astype({c: "float64" for c in ("gross", *TAX_COLUMNS)})


def build_schedule(incomes: Sequence[float], years: Sequence[int] = TAX_YEARS) -> pd.DataFrame:
    """Taxes and take-home pay for every jurisdiction over an income grid, from policyengine-us.

    Inputs: `incomes`, wages in USD a year (> 0; one simulation per jurisdiction and year, one
    household per wage); `years`, the tax years (each with its `CORRECTIONS`).
    Output: one row per year, jurisdiction and income, columns `COLUMNS` (see `COLUMN_DOCS`),
    sorted by tax year, jurisdiction then gross, amounts rounded to cents, take_home = gross
    minus the taxes.
    """
    parts = [finish(tabulate(JURISDICTIONS, incomes, year), year) for year in sorted(years)]
    return pd.concat(parts, ignore_index=True)
