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
    "tax_year": "Int64; calendar tax year whose rules the row follows (2025, 2026)",
    "jurisdiction": (
        "string; 2-letter state code (50 states + DC: a resident living and working there), or "
        "a local code: 'NYC' (NY State + NYC resident), 'IN-MARION' (IN + Marion County "
        "resident), 'MO-KCMO' (MO + lives or works in Kansas City, MO), 'MO-STL' (MO + lives or "
        "works in the City of St. Louis), 'CO-DENVER' (CO + works in Denver), 'PA-PHL' (PA + "
        "Philadelphia resident), 'PA-PHL-NR' (PA resident outside Philadelphia who works in "
        "Philadelphia), 'OH-CLE' / 'OH-COL' / 'OH-CIN' (OH + lives or works in Cleveland / "
        "Columbus / Cincinnati), 'MI-DET' (MI + Detroit resident), 'MI-DET-NR' (MI + works in "
        "Detroit, lives elsewhere), 'PA-PIT' (PA + Pittsburgh resident), 'PA-PIT-NR' (PA + works "
        "in Pittsburgh, lives elsewhere), 'KY-LOU' (KY + lives and works in Louisville Metro), "
        "'KY-LOU-NR' (works in Louisville Metro, lives elsewhere), 'DE-WIL' (DE + lives or works "
        "in Wilmington), 'OR-PDX' (OR + lives or works in Portland: Multnomah County and the "
        "Metro district); 'MD' rows include a county income tax (3.20%). Across state lines the "
        "app combines two codes ('NJ|NY'): see the sidecar's cross_state"
    ),
    "gross": "float64 USD/yr; wages (employment_income), $100 to $5,000,000",
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
        "Maryland county income tax at 3.20% (MD: md_local_income_tax_before_refundable_credits); "
        "and the statutory taxes of the city codes (OH-CLE, OH-COL, OH-CIN, MI-DET, MI-DET-NR, "
        "PA-PIT, PA-PIT-NR, KY-LOU, KY-LOU-NR, DE-WIL, OR-PDX: rates, bases and sources in the "
        "sidecar's local record)"
    ),
    "take_home": "float64 USD/yr; gross minus all the tax columns",
}


def check_schedule(schedule: pd.DataFrame) -> None:
    """Raise ValueError unless `schedule` has the columns of `COLUMNS` and a tax year on
    every row."""
    missing = [c for c in COLUMNS if c not in schedule.columns]
    if missing:
        raise ValueError(f"The take-home table lacks columns {missing}; rebuild it ({REBUILD}).")
    if schedule.empty or schedule["tax_year"].isna().any():
        raise ValueError(f"The take-home table has rows without a tax year; rebuild it ({REBUILD})")


def tax_years(schedule: pd.DataFrame) -> list[int]:
    """The tax years the schedule holds, ascending."""
    return sorted(int(y) for y in schedule["tax_year"].dropna().unique())


def year_rows(schedule: pd.DataFrame, tax_year: int | None = None) -> pd.DataFrame:
    """The schedule's rows of `tax_year` (default: its latest year, the rules of pay earned
    now). ValueError naming the years held for a year the schedule does not hold."""
    years = tax_years(schedule)
    year = years[-1] if tax_year is None else int(tax_year)
    if year not in years:
        raise ValueError(
            f"The tax schedule holds tax years {', '.join(map(str, years))}, not {year}."
        )
    return schedule[schedule["tax_year"] == year]


def read_schedule(path: Path = SCHEDULE_PATH) -> pd.DataFrame:
    """Read and check the stored schedule (data/take_home.parquet by default)."""
    schedule = pd.read_parquet(path)
    check_schedule(schedule)
    return schedule


def read_sidecar(path: Path = SIDECAR_PATH) -> dict:
    """The schedule's provenance record (data/take_home.json by default), as a dict."""
    return json.loads(path.read_text(encoding="utf-8"))


# Across state lines: someone who lives in one state (home) and works in another (work).
# Codes: "<home code>|<work code>", e.g. "NJ|NY" (lives in New Jersey, works in New York).
SEPARATOR = "|"
NO_NONRESIDENT_TAX: dict[str, str] = {
    "DC": "District of Columbia Home Rule Act, DC Code 1-206.02(a)(5): the Council may not tax "
    "the personal income of non-residents (no commuter tax)",
}
"""Work states that tax no non-resident's wages, with the law that says so."""
RECIPROCAL: dict[str, tuple[str, ...]] = {
    "DC": ("MD", "VA"),
    "IA": ("IL",),
    "IL": ("IA", "KY", "MI", "WI"),
    "IN": ("KY", "MI", "OH", "PA", "WI"),
    "KY": ("IL", "IN", "MI", "OH", "VA", "WV", "WI"),
    "MD": ("DC", "PA", "VA", "WV"),
    "MI": ("IL", "IN", "KY", "MN", "OH", "WI"),
    "MN": ("MI", "ND"),
    "MT": ("ND",),
    "ND": ("MN", "MT"),
    "NJ": ("PA",),
    "OH": ("IN", "KY", "MI", "PA", "WV"),
    "PA": ("IN", "MD", "NJ", "OH", "VA", "WV"),
    "VA": ("DC", "KY", "MD", "PA", "WV"),
    "WI": ("IL", "IN", "KY", "MI"),
    "WV": ("KY", "MD", "OH", "PA", "VA"),
}
"""State -> the states whose residents it does not tax on wages earned in it (reciprocal
agreements: the worker pays only the home state), as `RECIPROCITY_SOURCES` publish them."""
RECIPROCITY_SOURCES = (
    "DC Code 47-1806.02 and Office of Tax and Revenue; Iowa Code 422.8(5) (IL); Illinois Income "
    "Tax Act 302(b) and IDOR Publication 130; Indiana Code 6-3-5-1 and DOR Information Bulletin "
    "28; KRS 141.070 and Kentucky DOR; Maryland Tax-General 10-806 and Comptroller Administrative "
    "Release 1; Michigan Income Tax Act (MCL 206.256) and Treasury, reciprocal states; Minnesota "
    "Statutes 290.081 (MI, ND); Montana Code 15-30-2620 (ND); North Dakota Century Code "
    "57-38-59.1; New Jersey Division of Taxation, NJ-PA Reciprocal Personal Income Tax Agreement; "
    "Ohio Revised Code 5747.05(A)(3); Pennsylvania Department of Revenue, reciprocal agreements "
    "(IN, MD, NJ, OH, VA, WV); Code of Virginia 58.1-332 and Virginia Tax (DC, KY, MD, PA, WV "
    "commuters); Wisconsin Statutes 71.05(2) and DOR Publication 121; West Virginia Code "
    "11-21-40"
)
RECIPROCITY: frozenset[frozenset[str]] = frozenset(
    frozenset((a, b)) for a, partners in RECIPROCAL.items() for b in partners
)
CROSS_STATE_RULE = (
    "Taxes of someone who lives in one state (home) and works in another (work), all wages "
    "earned at work: federal income tax, Social Security and Medicare are the same anywhere; "
    "state payroll contributions (disability, family leave, WA Cares) are the work state's; "
    "state income tax = the work state's non-resident tax + the home state's resident tax - "
    "the home state's credit for tax paid to the work state, credit = the smaller of the two. "
    "The non-resident tax is the work state's resident tax on the same wages (every income-tax "
    "state taxes a non-resident at its resident rates times the share of income earned in it, "
    "here all of it), and 0 when the two states have a reciprocal agreement or the work state "
    "taxes no non-resident (DC). So where both states tax wages the total is the larger of the "
    "two states' taxes. Local taxes: the home place's tax on residents plus the work place's "
    "tax on people who work there (no state credit for them); a county tax of residents only "
    "(Maryland's) falls on the home state's residents alone."
)


def cross_state_record() -> dict:
    """The cross-state rule and its law, as the schedule's sidecar records it."""
    return {
        "rule": CROSS_STATE_RULE,
        "code": "'<home>|<work>', e.g. 'NJ|NY': lives in New Jersey, works in New York",
        "no_nonresident_tax": dict(NO_NONRESIDENT_TAX),
        "reciprocity": {state: list(others) for state, others in RECIPROCAL.items()},
        "reciprocity_sources": RECIPROCITY_SOURCES,
    }


def state_of(code: str) -> str:
    """The USPS state of a schedule code: "NYC" -> "NY", "PA-PHL" -> "PA", "TX" -> "TX"."""
    return "NY" if code == "NYC" else code[:2]


def split_code(code: str) -> tuple[str, str]:
    """(home code, work code) of a schedule code; a plain code is both."""
    home, _, work = code.partition(SEPARATOR)
    return home, (work or home)


def nonresident_state_tax(home_state: str, work_state: str, resident_tax: np.ndarray) -> np.ndarray:
    """What the work state taxes a non-resident living in `home_state` on wages all earned in
    it: its resident tax on the same wages (`resident_tax`), or 0 under reciprocity or where
    it taxes no non-resident."""
    if work_state in NO_NONRESIDENT_TAX or frozenset((home_state, work_state)) in RECIPROCITY:
        return np.zeros_like(resident_tax)
    return resident_tax


def combine(home: pd.DataFrame, work: pd.DataFrame, home_code: str, work_code: str) -> pd.DataFrame:
    """Taxes of someone living under `home_code` and working under `work_code` (see
    `CROSS_STATE_RULE`), from the two codes' interpolated rows (gross and `TAX_COLUMNS`, same
    wages in the same order)."""
    home_state, work_state = state_of(home_code), state_of(work_code)
    out = home[["gross", "federal_income_tax", "social_security", "medicare"]].copy()
    if home_state == work_state:
        raise ValueError(f"{home_code} and {work_code} are in one state: use one code.")
    away = nonresident_state_tax(home_state, work_state, work["state_income_tax"].to_numpy())
    resident = home["state_income_tax"].to_numpy()
    credit = np.minimum(away, resident)
    out["state_income_tax"] = away + resident - credit
    out["state_payroll_tax"] = work["state_payroll_tax"].to_numpy()
    # A plain state's rows carry only a local tax of its residents (MD's county tax), which
    # someone living in another state does not pay; a city code's tax falls on its workers.
    work_local = work["local_income_tax"].to_numpy() * (work_code != work_state)
    out["local_income_tax"] = home["local_income_tax"].to_numpy() + work_local
    out["take_home"] = out["gross"] - out[list(TAX_COLUMNS)].sum(axis=1)
    return out


def _interpolate(values: np.ndarray, jurisdiction: str, held: pd.DataFrame) -> pd.DataFrame:
    """Linear interpolation of one code's rows of one year at `values` (checked wages)."""
    rows = held[held["jurisdiction"] == jurisdiction]
    if rows.empty:
        known = ", ".join(sorted(held["jurisdiction"].unique()))
        raise ValueError(f"No tax table for {jurisdiction!r}; choose one of: {known}.")
    rows = rows.sort_values("gross")
    grid = rows["gross"].to_numpy(dtype=float)
    lo, hi = grid[0], grid[-1]
    bad = ~np.isfinite(values) | (values <= 0)
    if bad.any():
        raise ValueError(f"Gross pay must be a positive amount, not {values[bad][0]:,.0f}.")
    outside = (values < lo) | (values > hi)
    if outside.any():
        raise ValueError(
            f"Take-home pay is tabulated for gross pay from ${lo:,.0f} to ${hi:,.0f} "
            f"a year; ${values[outside][0]:,.0f} is outside that range."
        )
    out = pd.DataFrame({"gross": values})
    for column in TAX_COLUMNS:
        out[column] = np.interp(values, grid, rows[column].to_numpy(dtype=float))
    out["take_home"] = out["gross"] - out[list(TAX_COLUMNS)].sum(axis=1)
    return out


def take_home(
    gross: float | Sequence[float] | np.ndarray,
    jurisdiction: str,
    schedule: pd.DataFrame,
    tax_year: int | None = None,
) -> pd.Series | pd.DataFrame:
    """Interpolate taxes and take-home pay for wages `gross` (USD a year) in `jurisdiction`,
    at the rules of `tax_year` (default: the schedule's latest year; see `year_rows`).

    Each tax column is interpolated linearly between the two nearest grid incomes, and
    take_home = gross minus the interpolated taxes. A code "<home>|<work>" combines the two
    codes' rows by `CROSS_STATE_RULE` (`combine`). A scalar `gross` gives a Series indexed by
    gross, the tax columns and take_home; an array gives a DataFrame with one row per value.
    Raises ValueError (message fit for a user) for an unknown jurisdiction, or a gross that
    is not a positive number inside the table's income range.
    """
    check_schedule(schedule)
    scalar = np.ndim(gross) == 0
    values = np.atleast_1d(np.asarray(gross, dtype=float))
    held = year_rows(schedule, tax_year)
    home, work = split_code(jurisdiction)
    out = _interpolate(values, home, held)
    if work != home:
        out = combine(out, _interpolate(values, work, held), home, work)
    return out.iloc[0].rename(jurisdiction) if scalar else out
