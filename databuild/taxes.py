"""Offline generator of the after-tax take-home schedule, data/take_home.parquet (+ .json).

`build_schedule` runs the PolicyEngine US microsimulation model (`policyengine-us`, pinned in
requirements-tax.txt and installed in its own virtualenv, because its pins conflict with
requirements.txt) for one single filer over an income grid in every state, DC, New York City
and the three principal cities whose local tax the library models (see `LOCAL`). The library
is imported lazily inside `_simulate`, so importing this module never loads it. The run-time
half (reading and interpolating the stored table) is `analysis.taxes`, whose column
constants this module writes to.

Filer: single, age 30, no dependents, wages only (`employment_income`; the Alaska Permanent
Fund Dividend the library adds by default is set to 0), standard deduction (federal
itemization is switched off; states that follow the federal choice follow it).
Columns and units: see `COLUMN_DOCS`.

Rebuild (in the tax virtualenv, from the repo root):
    python -m databuild.taxes --out data/take_home.parquet
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.paths import DATA_DIR, ROOT
from analysis.taxes import COLUMN_DOCS, COLUMNS, TAX_COLUMNS

REPO = ROOT
DEFAULT_OUT = DATA_DIR / "take_home.parquet"

# 2025 is the latest year for which policyengine-us 2.68 holds published (not uprated)
# parameters for every state: e.g. its CA, VT and NM income-tax parameters stop at 2025.
TAX_YEAR = 2025
LIBRARY = "policyengine-us"
FILER = "single, standard deduction, wages only, no dependents"
COMMAND = "python -m databuild.taxes --out data/take_home.parquet"

STATES: tuple[str, ...] = (
    "AK", "AL", "AR", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "HI", "IA", "ID",
    "IL", "IN", "KS", "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MS", "MT", "NC",
    "ND", "NE", "NH", "NJ", "NM", "NV", "NY", "OH", "OK", "OR", "PA", "RI", "SC", "SD",
    "TN", "TX", "UT", "VA", "VT", "WA", "WI", "WV", "WY",
)  # fmt: skip
NYC = "NYC"
# A New York County (Manhattan) household: the library derives `in_nyc` from the county, which
# switches on the NYC resident income tax (nyc_income_tax) on top of NY State tax.
NYC_COUNTY = "NEW_YORK_COUNTY_NY"


@dataclass(frozen=True)
class Local:
    """A local-tax jurisdiction: a state plus one local tax that policyengine-us models.

    state: USPS code; county: the library's county enum name (sets `county`); variable: the
    library's local-tax variable stored in local_income_tax; person_inputs: per-person inputs
    set equal to wages (the library takes the taxed base as an explicit input); months: the
    per-person monthly input set to 12 (a full year of work); note: how it is triggered.
    """

    state: str
    county: str
    variable: str
    person_inputs: tuple[str, ...] = ()
    months: str | None = None
    note: str = ""


# The local taxes of the default hubs that policyengine-us 2.68 models. Ohio municipal income
# tax (Cleveland) is not modelled by the library and is not included.
LOCAL: dict[str, Local] = {
    NYC: Local("NY", NYC_COUNTY, "nyc_income_tax", note="county NEW_YORK_COUNTY_NY -> in_nyc"),
    "IN-MARION": Local(
        "IN",
        "MARION_COUNTY_IN",
        "in_county_tax",
        note="county MARION_COUNTY_IN: Marion County (Indianapolis) resident county income tax, "
        "county rate x Indiana AGI",
    ),
    "MO-KCMO": Local(
        "MO",
        "JACKSON_COUNTY_MO",
        "mo_kansas_city_earnings_tax",
        person_inputs=("mo_kansas_city_earnings_tax_taxable_earnings",),
        note="Kansas City, MO resident earnings tax: mo_kansas_city_earnings_tax_taxable_earnings "
        "set to wages (a resident's earnings are all taxable), library rate",
    ),
    "CO-DENVER": Local(
        "CO",
        "DENVER_COUNTY_CO",
        "co_denver_employee_occupational_privilege_tax",
        months="co_denver_employee_occupational_privilege_tax_months",
        note="Denver employee occupational privilege tax (work in Denver): "
        "co_denver_employee_occupational_privilege_tax_months = 12, library monthly amount",
    ),
}
JURISDICTIONS: tuple[str, ...] = (*STATES, *LOCAL)

# The library's axes vary an input linearly, so the grid is piecewise linear: one axes run per
# segment, finer where taxes change fastest relative to income. (min, max, step), USD a year.
GRID_SEGMENTS: tuple[tuple[int, int, int], ...] = (
    (20_000, 100_000, 1_000),
    (100_000, 300_000, 2_500),
    (300_000, 1_000_000, 10_000),
)

# Library variable(s) summed into each stored column.
_VARIABLES: dict[str, tuple[str, ...]] = {
    "federal_income_tax": ("income_tax",),
    "social_security": ("employee_social_security_tax",),
    "medicare": ("employee_medicare_tax", "additional_medicare_tax"),
    "state_income_tax": ("state_income_tax",),
    "state_payroll_tax": ("employee_state_payroll_tax",),
}


def default_grid() -> np.ndarray:
    """The income grid of `GRID_SEGMENTS`: sorted unique wages, USD a year."""
    parts = [np.arange(lo, hi + step, step, dtype=float) for lo, hi, step in GRID_SEGMENTS]
    return np.unique(np.concatenate(parts))


def linear_runs(incomes: Sequence[float]) -> list[tuple[float, float, int]]:
    """Split incomes into evenly spaced runs, one library axes run each.

    Input: incomes in USD (any order, duplicates ignored). Output: (min, max, count) per run,
    covering every income exactly once, in increasing order.
    """
    grid = np.unique(np.asarray(incomes, dtype=float))
    runs: list[tuple[float, float, int]] = []
    i = 0
    while i < len(grid):
        j = i + 1
        if j < len(grid):
            step = grid[j] - grid[i]
            while j + 1 < len(grid) and np.isclose(grid[j + 1] - grid[j], step, rtol=0, atol=1e-6):
                j += 1
            runs.append((float(grid[i]), float(grid[j]), j - i + 1))
            i = j + 1
        else:
            runs.append((float(grid[i]), float(grid[i]), 1))
            i = j
    return runs


def _situation(jurisdiction: str, year: int, lo: float, hi: float, count: int) -> dict:
    """A PolicyEngine situation: one single filer, wages varied along one linear axis."""
    period = str(year)
    household: dict = {"members": ["you"]}
    person: dict = {"age": {period: 30}, "ak_permanent_fund_dividend": {period: 0}}
    local = LOCAL.get(jurisdiction)
    if local is None:
        household["state_code"] = {period: jurisdiction}
    else:
        household["state_code"] = {period: local.state}
        household["county"] = {period: local.county}
        if local.months:
            person[local.months] = {period: 12}
    wage_inputs = ("employment_income", *(local.person_inputs if local else ()))
    return {
        # Wages only: the library would otherwise give Alaskans the Permanent Fund Dividend.
        "people": {"you": person},
        "tax_units": {"tax_unit": {"members": ["you"], "tax_unit_itemizes": {period: False}}},
        "spm_units": {"spm_unit": {"members": ["you"]}},
        "families": {"family": {"members": ["you"]}},
        "marital_units": {"marital_unit": {"members": ["you"]}},
        "households": {"household": household},
        # One axis; inputs listed together vary in parallel (all equal to wages).
        "axes": [
            [
                {"name": name, "count": count, "min": lo, "max": hi, "period": period}
                for name in wage_inputs
            ]
        ],
    }


def _simulate(jurisdiction: str, year: int, lo: float, hi: float, count: int) -> pd.DataFrame:
    """Run one axes simulation; return gross and the tax columns, one row per axis point."""
    from policyengine_us import Simulation  # lazy: the app never loads the tax library

    sim = Simulation(situation=_situation(jurisdiction, year, lo, hi, count))
    period = str(year)
    gross = np.asarray(sim.calculate("employment_income", period), dtype=float)
    expected = np.linspace(lo, hi, count)
    if gross.shape != expected.shape or not np.allclose(gross, expected, rtol=0, atol=0.01):
        raise RuntimeError(f"{jurisdiction}: the axis did not produce the requested wages")
    in_nyc = np.asarray(sim.calculate("in_nyc", period), dtype=bool)
    if not (in_nyc == (jurisdiction == NYC)).all():
        raise RuntimeError(f"{jurisdiction}: in_nyc is not {jurisdiction == NYC}")
    if np.asarray(sim.calculate("tax_unit_itemizes", period), dtype=bool).any():
        raise RuntimeError(f"{jurisdiction}: the filer itemizes; expected the standard deduction")
    agi = np.asarray(sim.calculate("adjusted_gross_income", period), dtype=float)
    if not np.allclose(agi, gross, rtol=0, atol=0.5):
        raise RuntimeError(
            f"{jurisdiction}: federal AGI differs from wages; income is not wages-only"
        )
    frame = pd.DataFrame({"gross": gross})
    for column, variables in _VARIABLES.items():
        values = sum(np.asarray(sim.calculate(v, period), dtype=float) for v in variables)
        frame[column] = values
    local = LOCAL.get(jurisdiction)
    for name in local.person_inputs if local else ():
        if not np.allclose(sim.calculate(name, period), gross, rtol=0, atol=0.01):
            raise RuntimeError(f"{jurisdiction}: {name} does not equal wages")
    # Each jurisdiction stores only its own local tax: e.g. the library would give a plain
    # "IN" household the county tax of its default county, which is not ours to assume.
    frame["local_income_tax"] = (
        np.asarray(sim.calculate(local.variable, period), dtype=float) if local else 0.0
    )
    # As for NYC: each local tax is paid at every wage of its own rows, and the library gives
    # it to no other household (a household of the same state is skipped: a plain "IN"
    # household gets its default county's tax from the library, which we do not store).
    for name, spec in LOCAL.items():
        paid = np.asarray(sim.calculate(spec.variable, period), dtype=float)
        if name == jurisdiction and not (paid > 0).all():
            raise RuntimeError(f"{jurisdiction}: {spec.variable} is not positive at every wage")
        if name != jurisdiction and jurisdiction != spec.state and (paid != 0).any():
            raise RuntimeError(f"{jurisdiction}: {spec.variable} is not zero outside {name}")
    return frame


def build_schedule(incomes: Sequence[float], year: int) -> pd.DataFrame:
    """Taxes and take-home pay for every jurisdiction over an income grid, from policyengine-us.

    Inputs: `incomes`, wages in USD a year (> 0; split into evenly spaced runs, one
    simulation per run and jurisdiction); `year`, the tax year. Output: one row per
    jurisdiction and income, columns `COLUMNS` (see `COLUMN_DOCS`), sorted by jurisdiction
    then gross, amounts rounded to cents, take_home = gross minus the tax columns.
    """
    runs = linear_runs(incomes)
    if not runs or runs[0][0] <= 0:
        raise ValueError("incomes must be a non-empty list of positive wages")
    parts = []
    for jurisdiction in JURISDICTIONS:
        for lo, hi, count in runs:
            part = _simulate(jurisdiction, year, lo, hi, count)
            part.insert(0, "jurisdiction", jurisdiction)
            parts.append(part)
    frame = pd.concat(parts, ignore_index=True)
    frame["gross"] = frame["gross"].round(2)
    for column in TAX_COLUMNS:
        frame[column] = frame[column].round(2) + 0.0  # + 0.0 turns -0.0 into 0.0
    frame["take_home"] = (frame["gross"] - frame[list(TAX_COLUMNS)].sum(axis=1)).round(2)
    frame.insert(0, "tax_year", pd.array([year] * len(frame), dtype="Int64"))
    frame["jurisdiction"] = frame["jurisdiction"].astype("string")
    frame = frame.sort_values(["jurisdiction", "gross"], ignore_index=True)
    return frame[list(COLUMNS)].astype({c: "float64" for c in ("gross", *TAX_COLUMNS)})


def sidecar(schedule: pd.DataFrame, incomes: Sequence[float]) -> dict:
    """The provenance record written next to the parquet file (no timestamps)."""
    grid = np.unique(np.asarray(incomes, dtype=float))
    return {
        "library": LIBRARY,
        "version": metadata.version(LIBRARY),
        "core_version": metadata.version("policyengine-core"),
        "tax_year": int(schedule["tax_year"].iloc[0]),
        "filer": FILER,
        "grid": {
            "min": float(grid[0]),
            "max": float(grid[-1]),
            "points": len(grid),
            "spacing": "piecewise linear; one simulation axes run per segment",
            "segments": [{"min": lo, "max": hi, "step": step} for lo, hi, step in GRID_SEGMENTS],
        },
        "jurisdictions": int(schedule["jurisdiction"].nunique()),
        "rows": len(schedule),
        "nyc": f"state_code NY with county {NYC_COUNTY}, so in_nyc is true: NYC income tax",
        "local": {
            name: {"state": spec.state, "county": spec.county, "variable": spec.variable}
            | {"how": spec.note}
            for name, spec in LOCAL.items()
        },
        "columns": COLUMN_DOCS,
        "command": COMMAND,
    }


def main(argv: Sequence[str] | None = None) -> None:
    """CLI: build the schedule for `TAX_YEAR` over `default_grid()` and write parquet + JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="parquet file to write")
    parser.add_argument("--year", type=int, default=TAX_YEAR, help="tax year")
    args = parser.parse_args(argv)
    incomes = default_grid()
    started = time.perf_counter()
    schedule = build_schedule(incomes, args.year)
    elapsed = time.perf_counter() - started
    args.out.parent.mkdir(parents=True, exist_ok=True)
    schedule.to_parquet(args.out, index=False)
    side = args.out.with_suffix(".json")
    side.write_text(json.dumps(sidecar(schedule, incomes), indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(schedule)} rows) and {side} in {elapsed:.0f} s")


if __name__ == "__main__":
    main()
