"""After-tax take-home pay at run time: the stored schedule, checked and interpolated.

`data/take_home.parquet` is written offline by `python -m databuild.taxes` (policyengine-us, in
its own virtualenv; see databuild/taxes/ for the filer, the jurisdictions and the grid).
Here `take_home` linearly interpolates each tax column of that table with pandas/numpy only.
Columns and units: see `COLUMN_DOCS`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.paths import DATA_DIR

SCHEDULE_PATH = DATA_DIR / "take_home.parquet"
SIDECAR_PATH = SCHEDULE_PATH.with_suffix(".json")
"""Provenance of the schedule: library, tax year, grid, local taxes, the corrections applied to
the library ("corrections": parameter, library_value, value_used, source), what is not included
("not_included") and the measured interpolation error ("interpolation_check")."""
REBUILD = "python -m databuild.taxes --out data/take_home.parquet"

TAX_COLUMNS: tuple[str, ...] = (
    "federal_income_tax",
    "social_security",
    "medicare",
    "state_income_tax",
    "state_payroll_tax",
    "local_income_tax",
)
COLUMNS: tuple[str, ...] = ("tax_year", "jurisdiction", "gross", *TAX_COLUMNS, "take_home")
COLUMN_DOCS: dict[str, str] = {
    "tax_year": "Int64; calendar tax year",
    "jurisdiction": (
        "string; 2-letter state code (50 states + DC), or a local code: 'NYC' (NY State + NYC "
        "resident), 'IN-MARION' (IN + Marion County resident), 'MO-KCMO' (MO + lives or works "
        "in Kansas City, MO), 'MO-STL' (MO + lives or works in the City of St. Louis), "
        "'CO-DENVER' (CO + works in Denver), 'PA-PHL' (PA + Philadelphia resident), "
        "'PA-PHL-NR' (PA resident outside Philadelphia who works in Philadelphia); 'MD' rows "
        "include a county income tax (Baltimore City's)"
    ),
    "gross": "float64 USD/yr; wages (employment_income), $20,000 to $5,000,000",
    "federal_income_tax": "float64 USD/yr; federal income tax after credits (income_tax)",
    "social_security": "float64 USD/yr; employee OASDI, 6.2% up to the wage base",
    "medicare": "float64 USD/yr; employee Medicare 1.45% plus 0.9% Additional Medicare Tax",
    "state_income_tax": "float64 USD/yr; state income tax after credits (state_income_tax)",
    "state_payroll_tax": (
        "float64 USD/yr; employee state payroll contributions (employee_state_payroll_tax): "
        "e.g. CA SDI (at the EDD's published rate for the year where the library's differs: "
        "see the sidecar's corrections), NY DBL and PFL, NJ/RI disability and family leave, "
        "WA PFML and WA Cares; Hawaii TDI and Alaska's employee UI are not modelled"
    ),
    "local_income_tax": (
        "float64 USD/yr; the local tax of the row's jurisdiction, else 0: NYC resident income "
        "tax (NYC: nyc_income_tax); Marion County income tax (IN-MARION: in_county_tax); Kansas "
        "City, MO earnings tax, 1% for residents and for non-residents working there (MO-KCMO: "
        "mo_kansas_city_earnings_tax); St. Louis earnings tax, 1% likewise (MO-STL: "
        "mo_st_louis_earnings_tax); Denver employee occupational privilege tax (CO-DENVER: "
        "co_denver_employee_occupational_privilege_tax); Philadelphia wage tax at the resident "
        "rate (PA-PHL) or the non-resident rate (PA-PHL-NR: pa_philadelphia_wage_tax); "
        "Maryland county income tax at Baltimore City's rate (MD: "
        "md_local_income_tax_before_refundable_credits)"
    ),
    "take_home": "float64 USD/yr; gross minus all the tax columns",
}


def check_schedule(schedule: pd.DataFrame) -> None:
    """Raise ValueError unless `schedule` has the columns of `COLUMNS` and one tax year."""
    missing = [c for c in COLUMNS if c not in schedule.columns]
    if missing:
        raise ValueError(f"The take-home table lacks columns {missing}; rebuild it ({REBUILD}).")
    years = schedule["tax_year"].dropna().unique()
    if len(years) != 1:
        raise ValueError(f"The take-home table must hold one tax year, not {sorted(years)}.")


def read_schedule(path: Path = SCHEDULE_PATH) -> pd.DataFrame:
    """Read and check the stored schedule (data/take_home.parquet by default)."""
    schedule = pd.read_parquet(path)
    check_schedule(schedule)
    return schedule


def read_sidecar(path: Path = SIDECAR_PATH) -> dict:
    """The schedule's provenance record (data/take_home.json by default), as a dict."""
    return json.loads(path.read_text(encoding="utf-8"))


def take_home(
    gross: float | Sequence[float] | np.ndarray, jurisdiction: str, schedule: pd.DataFrame
) -> pd.Series | pd.DataFrame:
    """Interpolate taxes and take-home pay for wages `gross` (USD a year) in `jurisdiction`.

    Each tax column is interpolated linearly between the two nearest grid incomes, and
    take_home = gross minus the interpolated taxes. A scalar `gross` gives a Series indexed by
    gross, the tax columns and take_home; an array gives a DataFrame with one row per value.
    Raises ValueError (message fit for a user) for an unknown jurisdiction, or a gross that
    is not a positive number inside the table's income range.
    """
    check_schedule(schedule)
    scalar = np.ndim(gross) == 0
    values = np.atleast_1d(np.asarray(gross, dtype=float))
    rows = schedule[schedule["jurisdiction"] == jurisdiction]
    if rows.empty:
        known = ", ".join(sorted(schedule["jurisdiction"].unique()))
        raise ValueError(f"No tax table for {jurisdiction!r}; choose one of: {known}.")
    rows = rows.sort_values("gross")
    grid = rows["gross"].to_numpy(dtype=float)
    lo, hi = grid[0], grid[-1]
    for value in values:
        if not np.isfinite(value) or value <= 0:
            raise ValueError(f"Gross pay must be a positive amount, not {value:,.0f}.")
        if value < lo or value > hi:
            raise ValueError(
                f"Take-home pay is tabulated for gross pay from ${lo:,.0f} to ${hi:,.0f} "
                f"a year; ${value:,.0f} is outside that range."
            )
    out = pd.DataFrame({"gross": values})
    for column in TAX_COLUMNS:
        out[column] = np.interp(values, grid, rows[column].to_numpy(dtype=float))
    out["take_home"] = out["gross"] - out[list(TAX_COLUMNS)].sum(axis=1)
    return out.iloc[0].rename(jurisdiction) if scalar else out
