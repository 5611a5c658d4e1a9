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
LOCAL_STATE = {"NYC": "NY", "IN-MARION": "IN", "MO-KCMO": "MO", "CO-DENVER": "CO"}


def irs_2025_single_tax(wages: float) -> float:
    """Federal income tax, 2025, single, standard deduction, wages only (no credits apply)."""
    taxable = max(wages - IRS_2025_SINGLE_STANDARD_DEDUCTION, 0.0)
    tax = 0.0
    uppers = [lo for lo, _ in IRS_2025_SINGLE_BRACKETS[1:]] + [np.inf]
    for (lower, rate), upper in zip(IRS_2025_SINGLE_BRACKETS, uppers, strict=True):
        tax += rate * max(min(taxable, upper) - lower, 0.0)
    return tax


@pytest.fixture(scope="module")
def schedule() -> pd.DataFrame:
    return read_schedule()


def rows(schedule: pd.DataFrame, jurisdiction: str) -> pd.DataFrame:
    return schedule[schedule["jurisdiction"] == jurisdiction].sort_values("gross")


def test_schedule_shape_and_dtypes(schedule):
    assert list(schedule.columns) == list(taxes.COLUMNS)
    assert str(schedule["tax_year"].dtype) == "Int64"
    assert pd.api.types.is_string_dtype(schedule["jurisdiction"])
    for column in ("gross", *TAX_COLUMNS, "take_home"):
        assert schedule[column].dtype == "float64", column
    # 50 states + DC + NYC, Marion County, Kansas City, Denver
    assert schedule["jurisdiction"].nunique() == 55
    assert schedule["tax_year"].unique().tolist() == [2025]
    grid = rows(schedule, "CA")["gross"].to_numpy()
    assert grid[0] == 20_000 and grid[-1] == 1_000_000
    for _, group in schedule.groupby("jurisdiction"):
        assert np.array_equal(np.sort(group["gross"].to_numpy()), grid)
    assert not schedule[list(TAX_COLUMNS)].isna().any().any()


def test_rows_are_sorted(schedule):
    ordered = schedule.sort_values(["jurisdiction", "gross"], ignore_index=True)
    pd.testing.assert_frame_equal(schedule, ordered)


@pytest.mark.parametrize("state", ["TX", "WA", "FL"])
def test_no_state_income_tax(schedule, state):
    assert (rows(schedule, state)["state_income_tax"] == 0).all()


def test_california_taxes_150k(schedule):
    ca = take_home(150_000, "CA", schedule)
    assert ca["state_income_tax"] > 0
    assert ca["take_home"] < take_home(150_000, "TX", schedule)["take_home"]


def test_local_income_tax_only_in_local_jurisdictions(schedule):
    local = schedule["jurisdiction"].isin(list(LOCAL_STATE))
    assert (schedule.loc[~local, "local_income_tax"] == 0).all()
    for code, state in LOCAL_STATE.items():
        city = rows(schedule, code)
        assert (city["local_income_tax"] > 0).all(), code
        # Residents pay the same state and federal tax as others in the state, plus the local tax.
        plain = rows(schedule, state)
        for column in ("federal_income_tax", "state_income_tax", "state_payroll_tax"):
            assert np.allclose(city[column].to_numpy(), plain[column].to_numpy()), (code, column)
        assert (city["take_home"].to_numpy() < plain["take_home"].to_numpy()).all(), code


def test_marion_county_tax_is_the_published_rate(schedule):
    marion = rows(schedule, "IN-MARION")
    expected = MARION_COUNTY_RATE * (marion["gross"] - INDIANA_SINGLE_EXEMPTION)
    assert np.abs(marion["local_income_tax"] - expected).max() < 0.05


def test_kansas_city_earnings_tax_is_one_percent(schedule):
    kc = rows(schedule, "MO-KCMO")
    assert np.abs(kc["local_income_tax"] - KANSAS_CITY_EARNINGS_RATE * kc["gross"]).max() < 0.05


def test_denver_occupational_privilege_tax_is_flat(schedule):
    denver = rows(schedule, "CO-DENVER")
    assert np.allclose(denver["local_income_tax"], 12 * DENVER_OPT_EMPLOYEE_MONTHLY)


def test_take_home_increases_with_gross(schedule):
    for jurisdiction, group in schedule.groupby("jurisdiction"):
        steps = np.diff(group.sort_values("gross")["take_home"].to_numpy())
        assert (steps > 0).all(), jurisdiction


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


@pytest.mark.parametrize("gross", [0, -50_000, float("nan"), 1_000_001, 50_000_000, 5_000])
def test_take_home_rejects_bad_gross(schedule, gross):
    with pytest.raises(ValueError, match=r"Gross pay|tabulated"):
        take_home(gross, "CA", schedule)


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
