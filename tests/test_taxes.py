"""Tests for analysis.taxes: the stored take-home table and its interpolation (run time).

These run without policyengine-us (CI installs requirements-dev.txt only): they read the
committed data/take_home.parquet. Known answers come from published tables, cited inline.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import taxes
from analysis.taxes import TAX_COLUMNS, read_schedule, take_home

# IRS, Rev. Proc. 2024-40, section 3.01, Table 3 (unmarried individuals, tax year 2025):
# taxable income over -> marginal rate. https://www.irs.gov/pub/irs-drop/rp-24-40.pdf
IRS_2025_SINGLE_BRACKETS = [
    (0, 0.10),
    (11_925, 0.12),
    (48_475, 0.22),
    (103_350, 0.24),
    (197_300, 0.32),
    (250_525, 0.35),
    (626_350, 0.37),
]
# Standard deduction, single, 2025: $15,750 (Rev. Proc. 2024-40 gave $15,000; P.L. 119-21,
# the One Big Beautiful Bill Act, sec. 70102, raised it for 2025; IRS news release IR-2025-81).
IRS_2025_SINGLE_STANDARD_DEDUCTION = 15_750
# SSA, "2025 Social Security Changes" fact sheet: contribution and benefit base $176,100;
# employee OASDI rate 6.2%. https://www.ssa.gov/news/press/factsheets/colafacts2025.pdf
SSA_2025_WAGE_BASE = 176_100
OASDI_EMPLOYEE_RATE = 0.062
# Local taxes, published rates. Indiana DOR, Departmental Notice #1 (county income tax rates
# by county, 2025), https://www.in.gov/dor/files/dn01.pdf: Marion County 2.02%, levied on
# Indiana adjusted gross income (IC 6-3.6-8), which for wages only is wages minus the $1,000
# personal exemption of a single filer (IC 6-3-1-3.5(a)(1)).
MARION_COUNTY_RATE = 0.0202
INDIANA_SINGLE_EXEMPTION = 1_000
# Kansas City, MO: 1% earnings tax on all earned income of residents,
# https://www.kcmo.gov/city-hall/departments/finance/earnings-tax
KANSAS_CITY_EARNINGS_RATE = 0.01
# Denver employee occupational privilege tax: $5.75 a month for each month an employee earns
# $500 or more working in Denver (every grid wage does), D.R.M.C. sec. 53-311;
# https://www.denvergov.org (Business tax FAQ, occupational privilege tax).
DENVER_OPT_EMPLOYEE_MONTHLY = 5.75
# St. Louis: 1% earnings tax on residents' earnings and non-residents' earnings for work in the
# city, https://www.stlouis-mo.gov/government/departments/collector/earnings-tax/
ST_LOUIS_EARNINGS_RATE = 0.01
# Philadelphia Wage Tax, City of Philadelphia Department of Revenue (phila.gov, "Wage Tax"):
# residents 3.75% and non-residents 3.44% to June 30, 2025; 3.74% and 3.43% from July 1, 2025.
# A year of evenly paid wages is taxed at the average of the two halves.
PHILADELPHIA_2025_RESIDENT = (0.0375 + 0.0374) / 2
PHILADELPHIA_2025_NONRESIDENT = (0.0344 + 0.0343) / 2
# California EDD, "Contribution Rates, Withholding Schedules, and Meals and Lodging Values"
# (DE 44, 2025): SDI employee rate 1.2% of all wages (no taxable wage limit since 2024).
CA_SDI_2025 = 0.012
# New York City resident income tax, tax year 2025, single (NYS Form IT-201 instructions, NYC
# tax rate schedule): 3.078% to $12,000, 3.762% to $25,000, 3.819% to $50,000, 3.876% above; on
# NY taxable income = wages - the $8,000 NY standard deduction (single). Above $500,000 of
# taxable income no NYC credit (school tax credit or rate reduction) applies.
NYC_2025_SINGLE_BRACKETS = [(0, 0.03078), (12_000, 0.03762), (25_000, 0.03819), (50_000, 0.03876)]
NY_SINGLE_STANDARD_DEDUCTION = 8_000
# Washington ESD, Paid Family and Medical Leave, 2025: premium 0.92% of wages up to the Social
# Security wage base, employees pay 71.52% of it; WA Cares Fund: 0.58% of all wages.
WA_PFML_2025_RATE = 0.0092
WA_PFML_2025_EMPLOYEE_SHARE = 0.7152
WA_CARES_RATE = 0.0058
# Maryland 2025 resident instructions (Comptroller of Maryland, local tax rate chart): Baltimore
# City 3.20% of Maryland taxable income; 2025 standard deduction for a single filer $3,350 flat;
# personal exemption $3,200, $1,600 over $100,000 of federal AGI, $800 over $125,000, none over
# $150,000.
BALTIMORE_CITY_RATE = 0.032
MD_SINGLE_STANDARD_DEDUCTION = 3_350
# California's top rate: 12.3% over the top bracket plus the 1% Mental Health Services Tax on
# taxable income over $1,000,000 (FTB, 2025 California tax rate schedules; R&TC 17043).
CA_TOP_RATE = 0.123 + 0.01
LOCAL_STATE = {
    "NYC": "NY",
    "IN-MARION": "IN",
    "MO-KCMO": "MO",
    "CO-DENVER": "CO",
    "PA-PHL": "PA",
    "PA-PHL-NR": "PA",
    "MO-STL": "MO",
    "MD": "MD",
    "OH-CLE": "OH",
    "OH-COL": "OH",
    "OH-CIN": "OH",
    "MI-DET": "MI",
    "MI-DET-NR": "MI",
    "PA-PIT": "PA",
    "PA-PIT-NR": "PA",
    "KY-LOU": "KY",
    "KY-LOU-NR": "KY",
    "DE-WIL": "DE",
    "OR-PDX": "OR",
}
# Local taxes that start above a threshold (Portland's: over $125,000 of taxable income).
LOCAL_FROM_THRESHOLD = {"OR-PDX"}
# Top of the stored grid: a year of a senior AI offer can reach $2M+.
GRID_MAX = 5_000_000


def bracket_tax(taxable: float, brackets: list[tuple[float, float]]) -> float:
    """Tax on `taxable` income under a rate schedule of (income over, marginal rate) rows."""
    uppers = [lo for lo, _ in brackets[1:]] + [np.inf]
    return sum(
        rate * max(min(taxable, upper) - lower, 0.0)
        for (lower, rate), upper in zip(brackets, uppers, strict=True)
    )


def irs_2025_single_tax(wages: float) -> float:
    """Federal income tax, 2025, single, standard deduction, wages only (no credits apply)."""
    taxable = max(wages - IRS_2025_SINGLE_STANDARD_DEDUCTION, 0.0)
    return bracket_tax(taxable, IRS_2025_SINGLE_BRACKETS)


def nyc_2025_single_tax(wages: float) -> float:
    """NYC resident income tax, 2025, single, wages only, NY standard deduction (no credits:
    valid for NY taxable income over $500,000)."""
    taxable = max(wages - NY_SINGLE_STANDARD_DEDUCTION, 0.0)
    return bracket_tax(taxable, NYC_2025_SINGLE_BRACKETS)


@pytest.fixture(scope="module")
def full() -> pd.DataFrame:
    return read_schedule()


TAXED_FROM = 20_000
"""The properties below hold from these wages (USD/yr): under them refundable credits (the
federal EITC, Washington's Working Families Tax Credit, New York City's credits) make a tax
negative and taxes on income after deductions (county taxes) zero. The schedule starts at $100
so a job that starts late in a year can be taxed on a few months' wages."""


@pytest.fixture(scope="module")
def schedule(full) -> pd.DataFrame:
    """The 2025 rows from TAXED_FROM: the published 2025 figures below are checked against
    them."""
    return full[(full["tax_year"] == 2025) & (full["gross"] >= TAXED_FROM)]


def rows(schedule: pd.DataFrame, jurisdiction: str) -> pd.DataFrame:
    return schedule[schedule["jurisdiction"] == jurisdiction].sort_values("gross")


def test_schedule_shape_and_dtypes(full):
    schedule = full[full["tax_year"] == 2025]
    assert list(schedule.columns) == list(taxes.COLUMNS)
    assert str(schedule["tax_year"].dtype) == "Int64"
    assert pd.api.types.is_string_dtype(schedule["jurisdiction"])
    for column in ("gross", *TAX_COLUMNS, "take_home"):
        assert schedule[column].dtype == "float64", column
    # 50 states + DC + NYC, Marion County, Kansas City, St. Louis, Denver, Philadelphia x 2,
    # and the 11 statutory city codes (Cleveland ... Portland)
    assert schedule["jurisdiction"].nunique() == 69
    assert schedule["tax_year"].unique().tolist() == [2025]
    grid = rows(schedule, "CA")["gross"].to_numpy()
    assert grid[0] == 100 and grid[-1] == GRID_MAX
    for _, group in schedule.groupby("jurisdiction"):
        assert np.array_equal(np.sort(group["gross"].to_numpy()), grid)
    assert not schedule[list(TAX_COLUMNS)].isna().any().any()


def test_rows_are_sorted(full):
    ordered = full.sort_values(["tax_year", "jurisdiction", "gross"], ignore_index=True)
    pd.testing.assert_frame_equal(full, ordered)


@pytest.mark.parametrize("state", ["TX", "WA", "FL", "NV", "SD", "TN", "WY", "AK", "NH"])
def test_no_state_income_tax(schedule, state):
    # No tax on wages: NH's interest and dividends tax was repealed for 2025 (RSA 77).
    assert (rows(schedule, state)["state_income_tax"] == 0).all()


def test_no_state_payroll_tax_in_texas(schedule):
    assert (rows(schedule, "TX")[["state_payroll_tax", "local_income_tax"]] == 0).all().all()


def test_california_taxes_150k(schedule):
    ca = take_home(150_000, "CA", schedule)
    assert ca["state_income_tax"] > 0
    assert ca["state_payroll_tax"] == pytest.approx(1_800.00, abs=0.005)  # 1.2%, not 1.3%
    assert ca["take_home"] < take_home(150_000, "TX", schedule)["take_home"]


def test_california_sdi_is_the_edd_2025_rate_on_all_wages(schedule):
    ca = rows(schedule, "CA")
    assert np.abs(ca["state_payroll_tax"] - CA_SDI_2025 * ca["gross"]).max() < 0.01
    assert ca["state_payroll_tax"].iloc[-1] == pytest.approx(60_000.00)  # $5M: no ceiling


def test_washington_pfml_and_wa_cares(schedule):
    wa = rows(schedule, "WA")
    wages = wa["gross"]
    expected = WA_CARES_RATE * wages + WA_PFML_2025_RATE * WA_PFML_2025_EMPLOYEE_SHARE * (
        wages.clip(upper=SSA_2025_WAGE_BASE)
    )
    assert np.abs(wa["state_payroll_tax"] - expected).max() < 0.01
    at_150k = take_home(150_000, "WA", schedule)["state_payroll_tax"]
    assert at_150k == pytest.approx(870.00 + 986.98, abs=0.01)  # WA Cares + PFML, by hand


def test_local_income_tax_only_in_local_jurisdictions(schedule):
    local = schedule["jurisdiction"].isin(list(LOCAL_STATE))
    assert (schedule.loc[~local, "local_income_tax"] == 0).all()
    for code, state in LOCAL_STATE.items():
        city = rows(schedule, code)
        if code in LOCAL_FROM_THRESHOLD:
            assert (city["local_income_tax"] >= 0).all() and city["local_income_tax"].max() > 0
        else:
            assert (city["local_income_tax"] > 0).all(), code
        if code == state:
            continue  # MD: the county tax is on the state's own rows
        # Residents pay the same state and federal tax as others in the state, plus the local tax.
        plain = rows(schedule, state)
        for column in ("federal_income_tax", "state_income_tax", "state_payroll_tax"):
            assert np.allclose(city[column].to_numpy(), plain[column].to_numpy()), (code, column)
        assert (city["take_home"].to_numpy() <= plain["take_home"].to_numpy()).all(), code


def test_marion_county_tax_is_the_published_rate(schedule):
    marion = rows(schedule, "IN-MARION")
    expected = MARION_COUNTY_RATE * (marion["gross"] - INDIANA_SINGLE_EXEMPTION)
    assert np.abs(marion["local_income_tax"] - expected).max() < 0.05


def test_kansas_city_earnings_tax_is_one_percent(schedule):
    kc = rows(schedule, "MO-KCMO")
    assert np.abs(kc["local_income_tax"] - KANSAS_CITY_EARNINGS_RATE * kc["gross"]).max() < 0.05


def test_st_louis_earnings_tax_is_one_percent(schedule):
    stl = rows(schedule, "MO-STL")
    assert np.abs(stl["local_income_tax"] - ST_LOUIS_EARNINGS_RATE * stl["gross"]).max() < 0.05


@pytest.mark.parametrize(
    ("code", "rate"),
    [("PA-PHL", PHILADELPHIA_2025_RESIDENT), ("PA-PHL-NR", PHILADELPHIA_2025_NONRESIDENT)],
)
def test_philadelphia_wage_tax_is_the_2025_rate(schedule, code, rate):
    phl = rows(schedule, code)
    assert np.abs(phl["local_income_tax"] - rate * phl["gross"]).max() < 0.05


def test_philadelphia_residents_pay_more_than_commuters(schedule):
    resident = rows(schedule, "PA-PHL")["local_income_tax"].to_numpy()
    commuter = rows(schedule, "PA-PHL-NR")["local_income_tax"].to_numpy()
    assert (resident > commuter).all()
    assert take_home(150_000, "PA-PHL", schedule)["local_income_tax"] == pytest.approx(5_617.50)


def test_maryland_county_tax_is_baltimore_citys_rate(schedule):
    md = rows(schedule, "MD")
    top = md[md["gross"] > 150_000]  # no personal exemption above $150,000 of AGI
    expected = BALTIMORE_CITY_RATE * (top["gross"] - MD_SINGLE_STANDARD_DEDUCTION)
    assert np.abs(top["local_income_tax"] - expected).max() < 0.05
    low = md[md["gross"] <= 100_000]  # full $3,200 exemption
    expected = BALTIMORE_CITY_RATE * (low["gross"] - MD_SINGLE_STANDARD_DEDUCTION - 3_200)
    assert np.abs(low["local_income_tax"] - expected).max() < 0.05
    at_1m = take_home(1_000_000, "MD", schedule)["local_income_tax"]
    assert at_1m == pytest.approx(31_892.80)  # 3.2% x (1,000,000 - 3,350), by hand


def test_nyc_resident_tax_is_the_2025_rate_schedule(schedule):
    nyc = rows(schedule, "NYC")
    top = nyc[nyc["gross"] - NY_SINGLE_STANDARD_DEDUCTION > 500_000]
    expected = top["gross"].map(nyc_2025_single_tax)
    assert len(top) > 100
    assert np.abs(top["local_income_tax"] - expected).max() < 0.05
    # By hand at $1M: 3.078% x 12,000 + 3.762% x 13,000 + 3.819% x 25,000 + 3.876% x 942,000.
    assert nyc_2025_single_tax(1_000_000) == pytest.approx(38_325.09, abs=0.005)


def test_denver_occupational_privilege_tax_is_flat(schedule):
    denver = rows(schedule, "CO-DENVER")
    assert np.allclose(denver["local_income_tax"], 12 * DENVER_OPT_EMPLOYEE_MONTHLY)


# Where take-home pay falls as wages rise, by law: (jurisdictions, lowest, highest wages of the
# grid intervals where it may fall). NY's supplemental tax (Tax Law 601(d-1); IT-201
# instructions, tax computation worksheets) recaptures the lower brackets' benefit over $50,000
# of NY AGI once taxable income enters a bracket, already 8,000/50,000 phased in (the $8,000
# standard deduction): a step at taxable income $215,400 and $1,077,550, then, in the 9.65%
# bracket, 9.65% + 30,172/50,000 = 70% on each further dollar to NY AGI $1,127,550. Maryland
# cuts the personal exemption over $100,000, $125,000 and $150,000 of AGI; Illinois ends it
# over $250,000. The steps show where the grid brackets them (wages - 1, wages, wages + 1 at
# each GRID_BREAKS jump); other steps fall between grid points. One step is the library's, not
# the law's: Hawaii (below).
TAKE_HOME_FALLS = [
    (("NY", "NYC"), 223_399, 223_401),  # NY supplemental tax recapture
    (("NY", "NYC"), 1_085_549, 1_127_550),
    (("NYC",), 249_999, 250_001),  # NYC school tax credit: income $250,000 or less
    (("NYC",), 499_999, 500_001),  # NYC school tax credit rate reduction: to $500,000
    # Ohio tax starts at a fixed amount over $26,050 taxable (so do the Ohio cities' rows)
    (("OH", "OH-CLE", "OH-COL", "OH-CIN"), 28_449, 28_451),
    # ... and its personal exemption ends over $750,000 of modified AGI in 2025 (ORC 5747.025)
    (("OH", "OH-CLE", "OH-COL", "OH-CIN"), 749_999, 750_001),
    (("MD",), 99_999, 100_001),  # MD personal exemption steps
    (("MD",), 124_999, 125_001),
    (("MD",), 149_999, 150_001),
    (("IL",), 249_999, 250_001),  # IL exemption ends over $250,000
    # CT 2% phase-out add-back and benefit recapture: computed per $5,000 step of AGI
    (("CT",), 124_999, 125_001),
    (("CT",), 149_999, 150_001),
    (("CT",), 249_999, 250_001),
    (("CT",), 299_999, 300_001),
    (("CT",), 499_999, 500_001),
    # CO adds back the federal standard deduction over $12,000 ($1,000 from 2026) from $300,000
    # of AGI (C.R.S. 39-22-104(3)(p), (p.7)): 4.4% x 3,750 = $165 at once in 2025
    (("CO", "CO-DENVER"), 299_999, 300_001),
    # ME sales tax fairness credit: phased out in $10 steps of income (one falls at $28,451)
    (("ME",), 28_449, 28_451),
    # MO federal income tax deduction: 15% of federal tax to $100,000 of AGI, 5% to $125,000,
    # none above (Kansas City and St. Louis rows are Missouri residents)
    (("MO", "MO-KCMO", "MO-STL"), 99_999, 100_001),
    (("MO", "MO-KCMO", "MO-STL"), 124_999, 125_001),
    # OR personal exemption credit: none over $100,000 of federal AGI; federal tax
    # subtraction limit steps down from $125,000
    (("OR", "OR-PDX"), 99_999, 100_001),
    (("OR", "OR-PDX"), 124_999, 125_001),
    # HI: the library itemizes (state taxes) below $100,000 of AGI and not at or above it
    (("HI",), 99_999, 100_001),
]
NY_930_INCREMENTAL_BENEFIT = 30_172  # NY 9.65% bracket, single, 2025
NY_PHASE_IN = 50_000


# 2026: the same steps of the law (Colorado's now 4.4% x 15,100 = $664, HB25-1274), less
# Hawaii's and Maine's (gone in the library's 2026), with Ohio's personal exemption ending over
# $500,000 of modified AGI instead of $750,000 (ORC 5747.025).
TAKE_HOME_FALLS_2026 = [
    *(f for f in TAKE_HOME_FALLS if f[0] not in (("HI",), ("ME",)) and f[1] != 749_999),
    (("OH", "OH-CLE", "OH-COL", "OH-CIN"), 499_999, 500_001),
]


@pytest.mark.parametrize(("year", "known"), [(2025, TAKE_HOME_FALLS), (2026, TAKE_HOME_FALLS_2026)])
def test_take_home_increases_with_gross_except_at_known_steps(full, year, known):
    schedule = full[full["tax_year"] == year]
    for jurisdiction, group in schedule.groupby("jurisdiction"):
        group = group.sort_values("gross")
        gross = group["gross"].to_numpy()
        falls = np.diff(group["take_home"].to_numpy()) <= 0
        allowed = np.zeros_like(falls)
        for codes, lo, hi in known:
            if jurisdiction in codes:
                allowed |= (gross[:-1] >= lo) & (gross[1:] <= hi)
        assert not (falls & ~allowed).any(), (jurisdiction, gross[:-1][falls & ~allowed])
    for code in ("NY", "NYC"):
        assert (np.diff(rows(schedule, code)["take_home"].to_numpy()) <= 0).sum() >= 3, code


def test_ny_supplemental_tax_step_at_the_965_bracket(schedule):
    # Crossing taxable income $1,077,550 (wages $1,085,550) adds 8,000/50,000 of the 9.65%
    # bracket's $30,172 at once: $4,827.52, plus at most 70% of the $2 of wages in between.
    ny = rows(schedule, "NY").set_index("gross")["state_income_tax"]
    step = ny.loc[1_085_551] - ny.loc[1_085_549]
    expected = 8_000 / NY_PHASE_IN * NY_930_INCREMENTAL_BENEFIT
    assert expected == pytest.approx(4_827.52)
    assert expected < step < expected + 2
    nyc = rows(schedule, "NYC").set_index("gross")["state_income_tax"]
    assert nyc.loc[1_085_551] - nyc.loc[1_085_549] == pytest.approx(step)
    # In the phase-in every further dollar costs 9.65% + 30,172 / 50,000 in NY tax.
    slope = (ny.loc[1_125_000] - ny.loc[1_100_000]) / 25_000
    assert slope == pytest.approx(0.0965 + NY_930_INCREMENTAL_BENEFIT / NY_PHASE_IN, abs=1e-6)
    # Past NY AGI $1,127,550 the whole income is taxed at 9.65% (within $1: the library sums
    # the worksheets' whole-dollar amounts).
    top = ny.loc[[1_150_000, 1_500_000, 4_900_000]]
    assert np.allclose(top, 0.0965 * (top.index - NY_SINGLE_STANDARD_DEDUCTION), atol=1)


def test_massachusetts_surtax_starts_over_1083150(schedule):
    # MA DOR, 2025: 5% on taxable income, plus the 4% surtax over $1,083,150. A single filer
    # deducts the $4,400 personal exemption and up to $2,000 of Social Security and Medicare
    # contributions, so the surtax starts at wages of $1,089,550.
    ma = rows(schedule, "MA").set_index("gross")["state_income_tax"]
    assert (ma.loc[1_085_000] - ma.loc[1_080_000]) / 5_000 == pytest.approx(0.05, abs=1e-6)
    assert ma.loc[1_089_550] == pytest.approx(0.05 * (1_089_550 - 4_400 - 2_000), abs=0.01)
    assert (ma.loc[1_100_000] - ma.loc[1_089_550]) / 10_450 == pytest.approx(0.09, abs=1e-6)


# --- Statutory checks on every row, and the interpolation (restored: dropped in 350a77d) ---


def test_take_home_is_gross_minus_taxes(schedule):
    expected = schedule["gross"] - schedule[list(TAX_COLUMNS)].sum(axis=1)
    assert np.abs(schedule["take_home"] - expected).max() <= 0.01


def test_federal_income_tax_matches_irs_brackets(schedule):
    # Standard deduction for everyone, so federal tax is the bracket formula at every row.
    expected = schedule["gross"].map(irs_2025_single_tax)
    assert np.abs(schedule["federal_income_tax"] - expected).max() < 1.0
    assert irs_2025_single_tax(137_500) == pytest.approx(22_067.0)  # worked by hand


def test_social_security_is_capped_at_wage_base(schedule):
    expected = OASDI_EMPLOYEE_RATE * schedule["gross"].clip(upper=SSA_2025_WAGE_BASE)
    assert np.abs(schedule["social_security"] - expected).max() < 0.05


def test_medicare_includes_additional_medicare_tax(schedule):
    # IRC 3101(b): 1.45% of wages, plus 0.9% of wages above $200,000 for a single filer.
    wages = schedule["gross"]
    expected = 0.0145 * wages + 0.009 * (wages - 200_000).clip(lower=0)
    assert np.abs(schedule["medicare"] - expected).max() < 0.05


@pytest.mark.parametrize(
    "gross",
    [
        137_500,
        # The federal bracket kinks in gross wages (threshold + standard deduction) and the
        # Social Security wage base: where linear interpolation errs most.
        11_925 + 15_750 + 0.5,
        103_350 + 15_750,
        197_300 + 15_750,
        250_525 + 15_750,
        626_350 + 15_750,
        SSA_2025_WAGE_BASE,
    ],
)
def test_interpolation_error_is_small(schedule, gross):
    grid = rows(schedule, "TX")["gross"].to_numpy()
    if gross != 137_500:
        assert gross not in grid  # a point between grid incomes, not on one
    got = take_home(gross, "TX", schedule)
    assert abs(got["federal_income_tax"] - irs_2025_single_tax(gross)) < 50
    expected_ss = OASDI_EMPLOYEE_RATE * min(gross, SSA_2025_WAGE_BASE)
    assert abs(got["social_security"] - expected_ss) < 50


def test_take_home_at_grid_point_returns_stored_row(schedule):
    stored = rows(schedule, "NYC").set_index("gross").loc[150_000]
    got = take_home(150_000.0, "NYC", schedule)
    assert isinstance(got, pd.Series)
    for column in (*TAX_COLUMNS, "take_home"):
        assert got[column] == pytest.approx(stored[column], abs=0.01)


def test_take_home_vectorised(schedule):
    got = take_home(np.array([50_000, 123_456, 750_000]), "CA", schedule)
    assert isinstance(got, pd.DataFrame)
    assert got["gross"].tolist() == [50_000, 123_456, 750_000]
    assert (got["take_home"] == got["gross"] - got[list(TAX_COLUMNS)].sum(axis=1)).all()
    assert got["take_home"].is_monotonic_increasing


def test_interpolation_is_linear_between_grid_points(schedule):
    lo, hi = take_home(120_000, "CA", schedule), take_home(122_500, "CA", schedule)
    mid = take_home(121_250, "CA", schedule)
    assert mid["state_income_tax"] == pytest.approx(
        (lo["state_income_tax"] + hi["state_income_tax"]) / 2
    )


@pytest.mark.parametrize("gross", [0, -50_000, float("nan"), 5_000_001, 50_000_000, 50])
def test_take_home_rejects_bad_gross(full, gross):
    with pytest.raises(ValueError, match=r"Gross pay|tabulated"):
        take_home(gross, "CA", full[full["tax_year"] == 2025])


def test_take_home_rejects_bad_gross_in_array(schedule):
    with pytest.raises(ValueError):
        take_home([100_000, 0], "CA", schedule)


@pytest.mark.parametrize("jurisdiction", ["ZZ", "ca", "", "New York"])
def test_take_home_rejects_unknown_jurisdiction(schedule, jurisdiction):
    with pytest.raises(ValueError, match="No tax table"):
        take_home(100_000, jurisdiction, schedule)


def test_check_schedule_rejects_missing_columns(schedule):
    with pytest.raises(ValueError, match="lacks columns"):
        take_home(100_000, "CA", schedule.drop(columns="medicare"))
