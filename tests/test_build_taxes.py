"""Tests for databuild.taxes, the offline take-home schedule generator.

Most run without policyengine-us (CI installs requirements-dev.txt only): the generator's grid,
situations, reform and check logic on small hand-made inputs, the committed data/take_home.parquet
and its sidecar against the generator's constants, and that the tax library is only imported
lazily. The tests at the end need the library (the tax virtualenv) and are skipped without it.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from analysis.paths import ROOT
from analysis.taxes import COLUMN_DOCS, COLUMNS, SIDECAR_PATH, TAX_COLUMNS, read_schedule
from databuild.taxes import cities, law, simulate
from databuild.taxes import grid as income_grid
from databuild.taxes.cities import CITY_ROWS
from databuild.taxes.law import JURISDICTIONS, LOCAL
from tests.test_taxes import LOCAL_STATE

HAS_LIBRARY = importlib.util.find_spec("policyengine_us") is not None
needs_library = pytest.mark.skipif(not HAS_LIBRARY, reason="policyengine-us is not installed")


@pytest.fixture(scope="module")
def schedule():
    return read_schedule()


@pytest.fixture(scope="module")
def side():
    return json.loads(SIDECAR_PATH.read_text(encoding="utf-8"))


def test_jurisdictions():
    # 50 states + DC, then 7 library local codes (MD's county tax rides on the MD rows
    # themselves), then 11 statutory city codes.
    assert len(JURISDICTIONS) == len(set(JURISDICTIONS)) == 69
    assert JURISDICTIONS[:51] == law.STATES
    assert JURISDICTIONS[58:] == tuple(CITY_ROWS)
    states = {name: spec.state for name, spec in LOCAL.items()}
    assert states | {code: spec.state for code, spec in CITY_ROWS.items()} == LOCAL_STATE
    assert LOCAL["MD"].county == "BALTIMORE_CITY_MD"
    assert LOCAL["PA-PHL"].flags == (("pa_philadelphia_wage_tax_resident", True),)
    assert LOCAL["PA-PHL-NR"].flags == (("pa_philadelphia_wage_tax_resident", False),)
    assert LOCAL["PA-PHL-NR"].county != "PHILADELPHIA_COUNTY_PA"


def test_schedule_holds_the_generators_jurisdictions(schedule):
    assert set(schedule["jurisdiction"]) == set(JURISDICTIONS)


def test_sidecar_matches_table(schedule, side):
    assert side["library"] == "policyengine-us"
    assert side["version"] == "2.68.0"
    assert side["tax_year"] == 2026 and side["tax_years"] == [2025, 2026] == list(law.TAX_YEARS)
    assert "2026" in side["tax_year_note"] and "uprat" in side["tax_year_note"]
    assert side["rows"] == len(schedule)
    assert side["jurisdictions"] == 69
    assert set(side["local"]) == set(LOCAL_STATE)
    assert "non-resident" in side["local"]["MO-KCMO"]["applies_to"]
    cleveland = side["local"]["OH-CLE"]["taxes"][0]
    assert cleveland["brackets"] == [[0, 0.025]] and "191.0501" in cleveland["source"]
    assert all(t["source"] for c in CITY_ROWS for t in side["local"][c]["taxes"])
    assert "reciprocal" in side["cross_state"]["rule"]
    assert side["cross_state"]["reciprocity"]["PA"] == ["IN", "MD", "NJ", "OH", "VA", "WV"]
    assert "1-206.02" in side["cross_state"]["no_nonresident_tax"]["DC"]
    assert side["grid"]["min"] == 100 and side["grid"]["max"] == 5_000_000
    assert side["grid"]["points"] == schedule["gross"].nunique() == len(income_grid.default_grid())
    assert [tuple(s.values()) for s in side["grid"]["segments"]] == list(income_grid.GRID_SEGMENTS)
    breaks = [b.wages for b in income_grid.GRID_BREAKS]
    assert [b["wages"] for b in side["grid"]["breaks"]] == breaks
    assert side["columns"] == COLUMN_DOCS
    assert side["command"] == "python -m databuild.taxes --out data/take_home.parquet"


def test_sidecar_records_the_ca_sdi_correction(side):
    assert side["corrections"] == [
        {
            "parameter": "gov.states.ca.tax.payroll.disability.employee_rate",
            "year": 2025,
            "library_value": 0.013,
            "value_used": 0.012,
            "source": "California EDD, 2025 SDI rate 1.2% (no wage ceiling)",
            "why": "policyengine-us 2.68.0 holds one 1.3% rate for every year",
        },
        *side["corrections"][1:],
    ]
    philadelphia = {c["parameter"]: c for c in side["corrections"][1:3]}
    assert philadelphia[law.PHL_RESIDENT]["library_value"] == 0.0375
    assert philadelphia[law.PHL_RESIDENT]["value_used"] == 0.03745
    assert philadelphia[law.PHL_NONRESIDENT]["library_value"] == 0.0344
    assert philadelphia[law.PHL_NONRESIDENT]["value_used"] == 0.03435


def test_sidecar_records_dropping_the_oregon_kicker(side):
    kicker = [c for c in side["corrections"] if c["parameter"] == law.OR_KICKER]
    assert len(kicker) == 1
    assert kicker[0]["year"] == 2025 and kicker[0]["value_used"] == 0.0
    assert kicker[0]["library_value"] == 0.09863  # 9.863% of the prior year's tax
    assert "Article IX" in kicker[0]["source"] and "prior year" in kicker[0]["why"]


def test_sidecar_lists_what_is_not_modelled(side):
    missing = " | ".join(item["tax"] for item in side["not_included"])
    for tax in ("Hawaii Temporary Disability", "Alaska employee unemployment", "Ohio municipal"):
        assert tax in missing
    assert "Indiana county income tax outside Marion County" in missing
    assert all(item["why"] for item in side["not_included"])


def test_sidecar_interpolation_check(side):
    check = side["interpolation_check"]
    assert check["points"] == 2 * 69 * (len(income_grid.default_grid()) - 1)
    segments = check["segments"]
    assert [(s["min"], s["max"], s["step"]) for s in segments] == list(income_grid.GRID_SEGMENTS)
    assert sum(s["points"] for s in segments) == check["points"]
    assert check["max_abs_error"] == max(s["max_abs_error"] for s in segments)
    # Above $1.2M every modelled tax is linear in wages: interpolation is exact to the cent.
    for segment in segments[-2:]:
        assert segment["max_abs_error"] <= 1.0, segment


def test_default_grid_reaches_five_million():
    grid = income_grid.default_grid()
    assert grid[0] == 100 and grid[-1] == 5_000_000
    assert np.all(np.diff(grid) > 0)
    assert {1_000_000, 1_200_000, 2_000_000, 2_100_000, 4_900_000} <= set(grid)
    # 353 evenly spaced points ($100, then every $1,000 from $1,000); each jump adds the wages
    # -1/+1 around it (and itself when off the segments: NY's two and Ohio's), each kink its
    # wages: 7 x 2 + 3 x 3 + 3 x 1.
    assert len(grid) == 1 + 19 + 81 + 80 + 70 + 40 + 32 + 30 + 26


def test_grid_brackets_each_jump_and_holds_each_kink():
    grid = set(income_grid.default_grid())
    for b in income_grid.GRID_BREAKS:
        wanted = {b.wages - 1, b.wages, b.wages + 1} if b.jump else {b.wages}
        assert wanted <= grid, b
        assert b.why
    ny = {b.wages for b in income_grid.GRID_BREAKS if "NY supplemental" in b.why}
    # NY taxable income thresholds $215,400 and $1,077,550 + the $8,000 standard deduction;
    # the 50,000 phase-in ends at AGI threshold + 50,000.
    assert ny == {223_400, 265_400, 1_085_550, 1_127_550}


def test_midpoints_are_one_per_interval():
    assert income_grid.midpoints([30, 10, 20, 40, 20]).tolist() == [15, 25, 35]
    points = income_grid.midpoints(income_grid.default_grid())
    assert points[0] == 550 and points[-1] == 4_950_000
    assert len(points) == len(income_grid.default_grid()) - 1
    assert 1_085_549.5 in set(points)  # across NY's jump, the interval is a dollar wide


def test_reform_dict_covers_only_the_tax_year():
    assert simulate.reform_dict(2025) == {
        "gov.states.ca.tax.payroll.disability.employee_rate": {"2025-01-01.2025-12-31": 0.012},
        law.PHL_RESIDENT: {"2025-01-01.2025-12-31": 0.03745},
        law.PHL_NONRESIDENT: {"2025-01-01.2025-12-31": 0.03435},
        law.OR_KICKER: {"2025-01-01.2025-12-31": 0.0},
    }
    assert simulate.reform_dict(2024) == {law.CA_SDI: {"2024-01-01.2024-12-31": 0.011}}
    assert simulate.reform_dict(2026) == {}  # the library's 1.3% is the EDD's 2026 rate


def test_situation_has_one_household_per_wage():
    plain = simulate.household_situation("TX", 2025, [20_000, 30_000, 40_000])
    assert list(plain["people"]) == ["you0", "you1", "you2"]
    assert [p["employment_income"] for p in plain["people"].values()] == [
        {"2025": 20_000.0},
        {"2025": 30_000.0},
        {"2025": 40_000.0},
    ]
    assert plain["people"]["you1"]["ak_permanent_fund_dividend"] == {"2025": 0}
    for group in ("tax_units", "spm_units", "families", "marital_units", "households"):
        assert [u["members"] for u in plain[group].values()] == [["you0"], ["you1"], ["you2"]]
    assert all(u["tax_unit_itemizes"] == {"2025": False} for u in plain["tax_units"].values())
    household = plain["households"]["household1"]
    assert household["state_code"] == {"2025": "TX"} and "county" not in household
    # Zero-padded names keep the situation's order whatever the count.
    assert list(simulate.household_situation("TX", 2025, range(1, 12))["people"])[:2] == [
        "you00",
        "you01",
    ]


def test_situation_sets_where_you_live_and_work():
    phl = simulate.household_situation("PA-PHL-NR", 2025, [20_000, 40_000])
    assert phl["households"]["household1"]["county"] == {"2025": "MONTGOMERY_COUNTY_PA"}
    assert phl["households"]["household1"]["state_code"] == {"2025": "PA"}
    person = phl["people"]["you1"]
    assert person["pa_philadelphia_wage_tax_resident"] == {"2025": False}
    assert person["pa_philadelphia_wage_tax_taxable_wages"] == {"2025": 40_000.0}
    assert simulate.household_situation("PA-PHL", 2025, [1])["people"]["you0"][
        "pa_philadelphia_wage_tax_resident"
    ] == {"2025": True}
    stl = simulate.household_situation("MO-STL", 2025, [55_000])["people"]["you0"]
    assert stl["mo_st_louis_earnings_tax_taxable_earnings"] == {"2025": 55_000.0}

    md = simulate.household_situation("MD", 2025, [20_000])
    assert md["households"]["household0"]["state_code"] == {"2025": "MD"}
    assert md["households"]["household0"]["county"] == {"2025": "BALTIMORE_CITY_MD"}
    denver = simulate.household_situation("CO-DENVER", 2025, [20_000])
    months = "co_denver_employee_occupational_privilege_tax_months"
    assert denver["people"]["you0"][months] == {"2025": 12}


def _paid(**nonzero):
    variables = {spec.variable for spec in LOCAL.values()} | {"local_tax"}
    paid = {v: np.zeros(2) for v in variables}
    paid.update({k: np.asarray(v, dtype=float) for k, v in nonzero.items()})
    return paid


def test_check_local_accepts_the_expected_local_taxes():
    wage_tax = [750.0, 1500.0]
    simulate.check_local("TX", _paid(), np.zeros(2))
    simulate.check_local(
        "PA-PHL-NR", _paid(pa_philadelphia_wage_tax=wage_tax, local_tax=wage_tax), wage_tax
    )
    # The library gives a plain IN household its default county's tax; it is not stored.
    simulate.check_local("IN", _paid(in_county_tax=[300, 600], local_tax=[300, 600]), np.zeros(2))
    # Under LEVIED_FROM a tax on income after deductions may be zero (MD's county tax).
    county = _paid(md_local_income_tax_before_refundable_credits=[0, 900], local_tax=[0, 900])
    simulate.check_local("MD", county, np.array([0.0, 900.0]), np.array([1_000.0, 50_000.0]))
    with pytest.raises(RuntimeError, match="not positive"):
        simulate.check_local("MD", county, np.array([0.0, 900.0]), np.array([30_000.0, 50_000.0]))


@pytest.mark.parametrize(
    ("jurisdiction", "paid", "stored", "message"),
    [
        ("MO-STL", _paid(), np.zeros(2), "not positive"),
        (
            "MO-STL",
            _paid(mo_st_louis_earnings_tax=[0, 10], local_tax=[0, 10]),
            np.array([0.0, 10.0]),
            "not positive",
        ),
        ("MO", _paid(mo_st_louis_earnings_tax=[0, 10]), np.zeros(2), "not zero"),
        ("PA", _paid(in_county_tax=[1, 1]), np.zeros(2), "not zero"),
        ("OR", _paid(local_tax=[5, 5]), np.zeros(2), "local_tax differs"),
    ],
)
def test_check_local_rejects(jurisdiction, paid, stored, message):
    with pytest.raises(RuntimeError, match=message):
        simulate.check_local(jurisdiction, paid, stored)


def test_finish_rounds_sorts_and_adds_take_home():
    raw = pd.DataFrame(
        {
            "jurisdiction": ["TX", "CA", "CA"],
            "gross": [50_000.004, 60_000.0, 50_000.0],
            "federal_income_tax": [4_000.123, 5_000.0, 4_000.0],
            "social_security": [3_100.0, 3_720.0, 3_100.0],
            "medicare": [725.0, 870.0, 725.0],
            "state_income_tax": [-0.001, 2_000.0, 1_500.0],
            "state_payroll_tax": [0.0, 720.0, 600.0],
            "local_income_tax": [0.0, 0.0, 0.0],
        }
    )
    out = simulate.finish(raw, 2025)
    assert list(out.columns) == list(COLUMNS)
    assert out["jurisdiction"].tolist() == ["CA", "CA", "TX"]
    assert out["gross"].tolist() == [50_000.0, 60_000.0, 50_000.0]
    tx = out.iloc[2]
    assert tx["federal_income_tax"] == 4_000.12
    assert np.signbit(tx["state_income_tax"]) == np.False_  # -0.0 written as 0.0
    assert tx["take_home"] == pytest.approx(50_000 - 4_000.12 - 3_100 - 725)
    assert str(out["tax_year"].dtype) == "Int64" and out["tax_year"].tolist() == [2025] * 3
    assert all(out[c].dtype == "float64" for c in ("gross", *TAX_COLUMNS))


def _tiny_schedule(tax):
    grid = np.array([100.0, 200.0, 300.0])
    raw = pd.DataFrame({"jurisdiction": "TX", "gross": grid})
    for column in TAX_COLUMNS:
        raw[column] = 0.0
    raw["federal_income_tax"] = [tax(g) for g in grid]
    return simulate.finish(raw, 2025)


def test_interpolation_errors_against_direct_values():
    # A tax with a kink at 150: 10% of wages, plus 20% of wages over 150. Interpolating between
    # 100 (10) and 200 (30) gives 20 at 150, where the tax is 15: take-home 5 too low.
    def tax(g):
        return 0.1 * g + 0.2 * max(g - 150, 0)

    schedule = _tiny_schedule(tax)
    raw = pd.DataFrame({"jurisdiction": "TX", "gross": [150.0, 250.0]})
    for column in TAX_COLUMNS:
        raw[column] = 0.0
    raw["federal_income_tax"] = [tax(150), tax(250)]
    direct = simulate.finish(raw, 2025)
    errors = income_grid.interpolation_errors(schedule, direct)
    assert errors["gross"].tolist() == [150, 250]
    assert errors["error"].tolist() == pytest.approx([-5.0, 0.0])


def test_summarize_errors_reports_each_segment(monkeypatch):
    monkeypatch.setattr(income_grid, "GRID_SEGMENTS", ((0, 100, 10), (100, 300, 50)))
    errors = pd.DataFrame(
        {
            "tax_year": [2025, 2025, 2025, 2026],
            "jurisdiction": ["CA", "TX", "TX", "CA"],
            "gross": [5.0, 95.0, 125.0, 275.0],
            "error": [0.5, -2.0, 0.25, 0.0],
        }
    )
    assert income_grid.summarize_errors(errors) == [
        {
            "min": 0,
            "max": 100,
            "step": 10,
            "points": 2,
            "max_abs_error": 2.0,
            "at": {"tax_year": 2025, "jurisdiction": "TX", "gross": 95.0},
            "share_within_1_usd": 0.5,
        },
        {
            "min": 100,
            "max": 300,
            "step": 50,
            "points": 2,
            "max_abs_error": 0.25,
            "at": {"tax_year": 2025, "jurisdiction": "TX", "gross": 125.0},
            "share_within_1_usd": 1.0,
        },
    ]


def test_module_imports_without_policyengine():
    # A None entry in sys.modules makes `import policyengine_us` fail, as if not installed.
    code = (
        "import sys\n"
        "sys.modules['policyengine_us'] = None\n"
        "sys.modules['policyengine_core'] = None\n"
        "from analysis import taxes as runtime\n"
        "from databuild.taxes import simulate\n"
        "s = runtime.read_schedule()\n"
        "print(round(runtime.take_home(100000, 'CA', s)['take_home']))\n"
        "try:\n"
        "    simulate.build_schedule([50000, 60000], [2025])\n"
        "except ImportError:\n"
        "    print('lazy')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    first, second = done.stdout.split()
    assert 0 < int(first) < 100_000
    assert second == "lazy"


# --- With the library (the tax virtualenv only; minutes: it builds the tax system twice) ---


@needs_library
def test_ca_sdi_reform_applies_the_edd_rate_without_leaking():
    from policyengine_us.system import system

    frame = simulate.simulate_jurisdiction("CA", 2025, [150_000])
    assert frame["state_payroll_tax"].iloc[0] == pytest.approx(1_800.00)  # 1.2%, not 1.3%
    # The library's shared parameter tree keeps its own value: the reform did not leak.
    assert simulate.parameter_value(system.parameters, law.CA_SDI, "2025-01-01") == 0.013
    assert simulate.correction_records(2025)[0]["library_value"] == 0.013


@needs_library
def test_local_rows_with_the_library():
    for code, rate in (("PA-PHL", 0.03745), ("PA-PHL-NR", 0.03435), ("MO-STL", 0.01)):
        frame = simulate.simulate_jurisdiction(code, 2025, [100_000, 200_000])
        assert frame["local_income_tax"].tolist() == pytest.approx([rate * 100_000, rate * 200_000])
    md = simulate.simulate_jurisdiction("MD", 2025, [1_000_000])
    assert md["local_income_tax"].iloc[0] == pytest.approx(0.032 * (1_000_000 - 3_350))


# --- Statutory local taxes (cities.CITY_ROWS): each worked by hand from its published rate ---

# (code, wages or Oregon taxable income, tax): Cleveland 2.5% (Codified Ordinances 191.0501);
# Columbus 2.5% (City Code 361.19); Cincinnati 1.8% (Municipal Code 311-9); Detroit 2.4% of
# residents' and 1.2% of non-residents' income over the $600 exemption (MCL 141.503);
# Pittsburgh residents 1% city + 2% school district EIT plus the $52 Local Services Tax, other
# Pennsylvanians working there the LST alone; Louisville Metro 2.20% residents, 1.45%
# non-residents (Form W-1KJC); Wilmington 1.25%; Portland: Multnomah PFA 1.5% of taxable
# income over $125,000 and 3% over $250,000 plus Metro SHS 1% over $125,000 (single).
CITY_CASES = [
    ("OH-CLE", 150_000, 3_750.00),  # 0.025 x 150,000
    ("OH-COL", 100_000, 2_500.00),  # 0.025 x 100,000
    ("OH-CIN", 100_000, 1_800.00),  # 0.018 x 100,000
    ("MI-DET", 100_000, 2_385.60),  # 0.024 x (100,000 - 600)
    ("MI-DET-NR", 100_000, 1_192.80),  # 0.012 x 99,400
    ("PA-PIT", 100_000, 3_052.00),  # 0.03 x 100,000 + 52
    ("PA-PIT-NR", 100_000, 52.00),  # the LST only
    ("KY-LOU", 100_000, 2_200.00),  # 0.022 x 100,000
    ("KY-LOU-NR", 100_000, 1_450.00),  # 0.0145 x 100,000
    ("DE-WIL", 100_000, 1_250.00),  # 0.0125 x 100,000
    ("OR-PDX", 100_000, 0.00),  # under both $125,000 thresholds
    # PFA 0.015 x 125,000 + 0.03 x 47,165 = 3,289.95; SHS 0.01 x 172,165 = 1,721.65
    ("OR-PDX", 297_165, 5_011.60),
]


@pytest.mark.parametrize(("code", "base", "expected"), CITY_CASES)
def test_city_tax_by_hand(code, base, expected):
    spec = CITY_ROWS[code]
    got = sum(float(cities.city_tax(t, np.array([base]))[0]) for t in spec.taxes)
    assert got == pytest.approx(expected, abs=0.005)


def test_city_tax_takes_the_library_rate_for_a_flat_tax():
    wilmington = cities.city_tax(cities.WILMINGTON, np.array([100_000.0]), 0.02)
    assert wilmington[0] == pytest.approx(2_000)
    with pytest.raises(ValueError, match="flat rate"):
        cities.city_tax(cities.MULTNOMAH_PFA, np.array([1.0]), 0.02)


@pytest.mark.parametrize(
    ("code", "gross", "expected"),
    [c for c in CITY_CASES if c[0] != "OR-PDX"],
)
def test_city_rows_in_the_schedule(schedule, code, gross, expected):
    # The stored rows: the state's taxes plus the city's, in both tax years.
    for year in (2025, 2026):
        rows = schedule[schedule["tax_year"] == year].set_index(["jurisdiction", "gross"])
        city, state = rows.loc[(code, gross)], rows.loc[(CITY_ROWS[code].state, gross)]
        assert city["local_income_tax"] == pytest.approx(expected, abs=0.01)
        assert city["state_income_tax"] == state["state_income_tax"]
        assert city["take_home"] == pytest.approx(state["take_home"] - expected, abs=0.02)


def test_portland_rows_tax_oregon_taxable_income(schedule):
    # At $400,000 of 2025 wages Oregon taxable income is wages less the $2,835 standard
    # deduction (no federal tax subtraction over $145,000 of AGI): 397,165. PFA 0.015 x 125,000
    # + 0.03 x 147,165 = 6,289.95; SHS 0.01 x 272,165 = 2,721.65; together 9,011.60.
    rows = schedule[schedule["tax_year"] == 2025].set_index(["jurisdiction", "gross"])
    assert rows.loc[("OR-PDX", 400_000), "local_income_tax"] == pytest.approx(9_011.60, abs=0.01)


@needs_library
def test_oregon_rows_carry_no_kicker_with_the_library():
    # 2025: the library's kicker (9.863% of "prior-year" tax, proxied by the current year's)
    # is set to 0, so Oregon's tax at $200,000 is the recurring liability, $17,771.84, not
    # $16,019 (issue 19's independent computation: $17,771).
    frame = simulate.simulate_jurisdiction("OR", 2025, [200_000])
    assert frame["state_income_tax"].iloc[0] == pytest.approx(17_771.84, abs=0.01)
    # And the city rows read the flat rates the library holds (Wilmington, Louisville).
    assert simulate.library_rate(cities.WILMINGTON.rate_parameter, 2026) == 0.0125
    assert simulate.library_rate(cities.LOUISVILLE.rate_parameter, 2026) == 0.022
