"""analysis.take_home: taxes from the stored schedule against statutory amounts worked by hand,
jurisdictions by where one lives and works, and a salary's worth in each hub."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis import take_home
from tests.tables import real, tiny

SAN_FRANCISCO, SAN_JOSE, NEW_YORK, AUSTIN, SEATTLE = "41860", "41940", "35620", "12420", "42660"
INDIANAPOLIS, KANSAS_CITY, DENVER, CLEVELAND = "26900", "28140", "19740", "17410"
BUFFALO, PHILADELPHIA, ST_LOUIS, SAN_JUAN = "15380", "37980", "41180", "41980"
DETROIT, LOUISVILLE, PITTSBURGH, PORTLAND = "19820", "31140", "38300", "38900"
WASHINGTON, RICHMOND, TRENTON = "47900", "40060", "45940"
# BEA RPP 2024, all items (US = 100).
RPP = {SAN_FRANCISCO: 115.613, SAN_JOSE: 110.423, NEW_YORK: 112.563, AUSTIN: 98.066}


def _federal_2025_single(gross: float) -> float:
    """2025 federal income tax of a single filer with wages only: standard deduction $15,750
    (One Big Beautiful Bill Act), IRS 2025 brackets (Rev. Proc. 2024-40)."""
    taxable = max(gross - 15_750, 0.0)
    brackets = [(11_925, 0.10), (48_475, 0.12), (103_350, 0.22), (197_300, 0.24),
                (250_525, 0.32), (626_350, 0.35), (math.inf, 0.37)]  # fmt: skip
    tax, low = 0.0, 0.0
    for high, rate in brackets:
        tax += max(min(taxable, high) - low, 0.0) * rate
        low = high
    return tax


@pytest.mark.parametrize("gross", [60_000.0, 150_000.0, 300_000.0])
def test_texas_taxes_are_the_statutory_federal_and_payroll_amounts(gross):
    tax = take_home.after_tax(real(), gross, "TX", 2025)
    assert tax.tax_year == 2025 and tax.jurisdiction == "TX"
    assert tax.federal == pytest.approx(_federal_2025_single(gross), abs=0.01)
    # Social Security 6.2% up to the 2025 wage base of $176,100; Medicare 1.45%, plus 0.9%
    # above $200,000 for a single filer.
    assert tax.social_security == pytest.approx(0.062 * min(gross, 176_100), abs=0.01)
    assert tax.medicare == pytest.approx(0.0145 * gross + 0.009 * max(gross - 200_000, 0), abs=0.01)
    assert (tax.state, tax.state_payroll, tax.local) == (0, 0, 0)  # no state income tax
    parts = tax.federal + tax.social_security + tax.medicare
    assert tax.take_home == pytest.approx(gross - parts)


def test_washington_has_payroll_contributions_but_no_income_tax():
    tax = take_home.after_tax(real(), 150_000, "WA")
    assert tax.state == 0 and tax.local == 0 and tax.state_payroll > 0


@pytest.mark.parametrize(
    ("code", "state", "local"),
    [
        ("MO-KCMO", "MO", 0.01 * 150_000),  # Kansas City earnings tax: 1% of wages
        ("CO-DENVER", "CO", 5.75 * 12),  # Denver OPT: $5.75 a month from the employee
        ("IN-MARION", "IN", 0.0202 * (150_000 - 1_000)),  # 2.02% of IN AGI ($1,000 exemption)
    ],
)
def test_local_taxes_at_their_published_rates(code, state, local):
    city = take_home.after_tax(real(), 150_000, code, 2025)
    plain = take_home.after_tax(real(), 150_000, state, 2025)
    assert city.local == pytest.approx(local, abs=0.01) and plain.local == 0
    assert city.take_home == pytest.approx(plain.take_home - city.local)
    assert city.frame()["amount"].iloc[:-1].sum() + city.take_home == pytest.approx(150_000)
    assert code in take_home.LOCAL_TAXES


def test_nyc_has_a_local_tax_and_the_frame_adds_up():
    nyc = take_home.after_tax(real(), 150_000, "NYC")
    ny = take_home.after_tax(real(), 150_000, "NY")
    assert (
        nyc.local > 0 and ny.local == 0 and nyc.take_home == pytest.approx(ny.take_home - nyc.local)
    )
    frame = nyc.frame()
    assert frame["item"].iloc[-1] == "Take-home"
    assert frame["amount"].iloc[:-1].sum() == pytest.approx(150_000 - nyc.take_home)
    assert frame["share"].tolist() == pytest.approx((frame["amount"] / 150_000).tolist())


def test_outside_the_schedule_is_a_message():
    with pytest.raises(ValueError, match="outside that range"):
        take_home.after_tax(real(), 6_000_000, "CA")
    with pytest.raises(ValueError, match="No tax table"):
        take_home.after_tax(real(), 100_000, "PR")


def test_schedule_taxes_for_many_wages_and_its_messages():
    out = take_home.schedule_taxes(real(), [60_000.0, 150_000.0], "TX", 2025)
    assert out["gross"].tolist() == [60_000, 150_000]
    assert out["tax_year"].tolist() == [2025, 2025]
    assert out["federal_income_tax"].tolist() == pytest.approx(
        [_federal_2025_single(60_000), _federal_2025_single(150_000)], abs=0.01
    )
    with pytest.raises(ValueError, match="no tax schedule for PR"):
        take_home.schedule_taxes(real(), [100_000.0], "PR")
    with pytest.raises(ValueError, match=r"above the tax schedule's top \(\$5,000,000"):
        take_home.schedule_taxes(real(), [100_000.0, 6_000_000.0], "TX")


def test_take_home_rises_with_gross_where_the_law_has_no_step():
    # (New York, Maryland, Missouri and a few others have steps: tests/test_taxes.py.)
    grid = np.linspace(20_000, 5_000_000, 400)
    for code in ("CA", "TX", "WA", "CO-DENVER", "PA-PHL"):
        kept = take_home.schedule_taxes(real(), grid, code)["take_home"].to_numpy()
        assert np.all(np.diff(kept) > 0), code


def test_gross_for_take_home_inverts_the_schedule():
    for code, gross in (("CA", 150_000.0), ("NYC", 233_333.0), ("TX", 61_000.0)):
        kept = take_home.after_tax(real(), gross, code).take_home
        assert take_home.gross_for_take_home(real(), kept, code) == pytest.approx(gross)
    assert math.isnan(take_home.gross_for_take_home(real(), 5_000_000, "TX"))
    # Where take-home dips (NY's supplemental tax at wages $1,085,550), the answer is the
    # lowest wage that reaches the target: never after a stored wage that already does.
    ny = real().take_home.query("jurisdiction == 'NY' and tax_year == 2026").sort_values("gross")
    for target in np.linspace(600_000, 680_000, 161):
        found = take_home.gross_for_take_home(real(), target, "NY")
        first = ny.loc[ny["take_home"] >= target, "gross"].iloc[0]
        assert found <= first, target
        assert take_home.after_tax(real(), found, "NY").take_home == pytest.approx(target, abs=1)
    assert math.isnan(take_home.gross_for_take_home(real(), 1.0, "TX"))
    with pytest.raises(ValueError, match="no tax schedule"):
        take_home.gross_for_take_home(real(), 100_000, "PR")


# --- jurisdictions --------------------------------------------------------------------------------


def test_jurisdiction_follows_where_one_lives_and_works():
    def code(cbsa: str, **where: bool) -> str:
        return take_home.jurisdiction_for(real(), cbsa, **where)

    # New York City taxes residents only; another New York metro is never NYC.
    assert code(NEW_YORK, lives_in_city=True) == "NYC"
    assert code(NEW_YORK, works_in_city=True) == "NY"
    assert code(BUFFALO, lives_in_city=True, works_in_city=True) == "NY"
    # Marion County taxes residents; Denver taxes work there; Kansas City, MO taxes both.
    assert code(INDIANAPOLIS, lives_in_city=True) == "IN-MARION"
    assert code(INDIANAPOLIS, works_in_city=True) == "IN"
    assert code(DENVER, works_in_city=True) == "CO-DENVER"
    assert code(DENVER, lives_in_city=True) == "CO"
    assert code(KANSAS_CITY, lives_in_city=True) == code(KANSAS_CITY, works_in_city=True)
    assert code(KANSAS_CITY, works_in_city=True) == "MO-KCMO"
    assert code(KANSAS_CITY) == "MO"  # principal state of Kansas City, MO-KS
    # Philadelphia's wage tax has a resident and a lower non-resident rate; St. Louis's
    # earnings tax is 1% for both, Cleveland's municipal tax 2.5% for both.
    assert code(PHILADELPHIA, lives_in_city=True) == "PA-PHL"
    assert code(PHILADELPHIA, lives_in_city=True, works_in_city=True) == "PA-PHL"
    assert code(PHILADELPHIA, works_in_city=True) == "PA-PHL-NR"
    assert code(PHILADELPHIA) == "PA"
    assert code(ST_LOUIS, works_in_city=True) == "MO-STL"
    assert code(ST_LOUIS, lives_in_city=True) == "MO-STL"
    assert code(CLEVELAND, lives_in_city=True, works_in_city=True) == "OH-CLE"
    assert code(CLEVELAND, works_in_city=True) == code(CLEVELAND, lives_in_city=True) == "OH-CLE"
    assert code(CLEVELAND) == "OH"
    # Detroit: 2.4% of residents, 1.2% of others working there; Louisville's fee follows the
    # workplace (none for a resident working outside Jefferson County).
    assert code(DETROIT, lives_in_city=True, works_in_city=True) == "MI-DET"
    assert code(DETROIT, works_in_city=True) == "MI-DET-NR"
    assert code(LOUISVILLE, lives_in_city=True, works_in_city=True) == "KY-LOU"
    assert code(LOUISVILLE, works_in_city=True) == "KY-LOU-NR"
    assert code(LOUISVILLE, lives_in_city=True) == "KY"
    assert code(PITTSBURGH, lives_in_city=True) == "PA-PIT"
    assert code(PITTSBURGH, works_in_city=True) == "PA-PIT-NR"
    assert code(PORTLAND, lives_in_city=True, works_in_city=True) == "OR-PDX"
    assert code(AUSTIN, lives_in_city=True, works_in_city=True) == "TX"
    with pytest.raises(ValueError, match="Unknown metro"):
        code("99999")


# --- worth in hubs --------------------------------------------------------------------------------


HUBS = [SAN_JOSE, NEW_YORK, AUSTIN, DENVER, KANSAS_CITY, INDIANAPOLIS]


@pytest.fixture(scope="module")
def worth() -> pd.DataFrame:
    return take_home.worth_in_hubs(real(), 150_000, SAN_FRANCISCO, "15-2051", hubs=HUBS)


def test_worth_in_hubs_follows_the_published_price_parities(worth):
    assert list(worth["cbsa"]) == [SAN_FRANCISCO, *HUBS]
    assert worth["is_home"].tolist() == [True] + [False] * len(HUBS)
    by = worth.set_index("cbsa")
    for cbsa, rpp in RPP.items():
        assert by.loc[cbsa, "rpp"] == pytest.approx(rpp, abs=5e-4)
        assert by.loc[cbsa, "same_power"] == pytest.approx(
            150_000 * rpp / RPP[SAN_FRANCISCO], rel=1e-5
        )
    assert (worth["real_take_home"] == worth["take_home"] / (worth["rpp"] / 100)).all()
    assert by.loc[SAN_FRANCISCO, "same_power"] == pytest.approx(150_000)
    # BLS OEWS May 2025 metro medians, and the labels people know.
    assert by.loc[SAN_JOSE, "role_median"] == 185_080
    assert by.loc[NEW_YORK, "label"] == "New York, NY"
    # Same gross: Texas takes no state income tax, so Austin keeps more than San Francisco.
    assert by.loc[AUSTIN, "take_home"] == pytest.approx(
        take_home.after_tax(real(), 150_000, "TX").take_home
    )
    assert by.loc[AUSTIN, "take_home"] > by.loc[SAN_FRANCISCO, "take_home"]


def test_each_hub_uses_its_own_city_tax_whatever_the_home_toggles():
    # The filer lives outside San Francisco's city (no local tax there anyway) and says they
    # neither live nor work in a taxing city at home; every hub row still assumes life and
    # work in that hub's main city.
    out = take_home.worth_in_hubs(
        real(), 150_000, SAN_FRANCISCO, "15-2051", hubs=HUBS,
        lives_in_city=False, works_in_city=False,
    ).set_index("cbsa")  # fmt: skip
    assert out["jurisdiction"].to_dict() == {
        SAN_FRANCISCO: "CA",
        SAN_JOSE: "CA",
        NEW_YORK: "NYC",
        AUSTIN: "TX",
        DENVER: "CO-DENVER",
        KANSAS_CITY: "MO-KCMO",
        INDIANAPOLIS: "IN-MARION",
    }
    kc = take_home.after_tax(real(), 150_000, "MO-KCMO").take_home
    assert out.loc[KANSAS_CITY, "take_home"] == pytest.approx(kc)


def test_the_home_row_follows_the_filers_toggles():
    def home(**where: bool) -> str:
        out = take_home.worth_in_hubs(real(), 150_000, NEW_YORK, "15-2051", hubs=[], **where)
        return out.iloc[0]["jurisdiction"]

    assert home() == "NYC"  # by default: lives and works in the city
    assert home(lives_in_city=False) == "NY"
    out = take_home.worth_in_hubs(
        real(), 150_000, DENVER, "15-2051", hubs=[NEW_YORK], works_in_city=False,
        lives_in_city=False,
    ).set_index("cbsa")  # fmt: skip
    assert out.loc[DENVER, "jurisdiction"] == "CO" and out.loc[NEW_YORK, "jurisdiction"] == "NYC"


def test_worth_in_hubs_price_year_and_errors():
    old = take_home.worth_in_hubs(
        real(), 150_000, SAN_FRANCISCO, "15-2051", hubs=[AUSTIN], year=2019
    ).set_index("cbsa")
    assert old.loc[AUSTIN, "rpp"] == pytest.approx(99.360, abs=5e-4)  # BEA 2019
    with pytest.raises(ValueError, match="price level for metro 41980"):
        take_home.worth_in_hubs(real(), 150_000, SAN_JUAN, "15-2051")
    with pytest.raises(ValueError, match="extra zeros"):
        take_home.worth_in_hubs(real(), 1e9, SAN_FRANCISCO, "15-2051")
    unknown = take_home.worth_in_hubs(real(), 150_000, AUSTIN, "15-2051", hubs=["99999"])
    assert unknown["cbsa"].tolist() == [AUSTIN]


def test_a_hub_without_a_price_level_keeps_nan_prices():
    out = take_home.worth_in_hubs(real(), 150_000, AUSTIN, "15-2051", hubs=[SAN_JUAN]).set_index(
        "cbsa"
    )
    row = out.loc[SAN_JUAN]
    assert np.isnan(row["rpp"]) and np.isnan(row["same_power"]) and np.isnan(row["real_take_home"])
    assert np.isnan(row["take_home"])  # no tax schedule for Puerto Rico either


def test_after_tax_on_a_tiny_schedule_interpolates_linearly():
    schedule = pd.DataFrame(
        {
            "tax_year": pd.array([2025, 2025], dtype="Int64"),
            "jurisdiction": ["ZZ", "ZZ"],
            "gross": [100_000.0, 200_000.0],
            "federal_income_tax": [10_000.0, 30_000.0],
            "social_security": [6_200.0, 10_000.0],
            "medicare": [1_450.0, 2_900.0],
            "state_income_tax": [0.0, 10_000.0],
            "state_payroll_tax": [0.0, 0.0],
            "local_income_tax": [0.0, 1_000.0],
            "take_home": [82_350.0, 146_100.0],
        }
    )
    tax = take_home.after_tax(tiny(take_home=schedule), 150_000, "ZZ")
    assert (tax.federal, tax.social_security, tax.state, tax.local) == (20_000, 8_100, 5_000, 500)
    assert tax.take_home == 150_000 - 20_000 - 8_100 - 2_175 - 5_000 - 500


def test_real_frames_are_not_mutated(worth):
    names = ("take_home", "metros", "price_parities", "wages")
    before = {name: real().table(name).copy() for name in names}
    take_home.worth_in_hubs(real(), 120_000, KANSAS_CITY, "15-1252", hubs=HUBS)
    take_home.gross_for_take_home(real(), 90_000, "CA")
    for name, frame in before.items():
        pd.testing.assert_frame_equal(real().table(name), frame)


# --- across state lines ---------------------------------------------------------------------------


def _code(cbsa: str, **where) -> str:
    return take_home.jurisdiction_for(real(), cbsa, **where)


def _kept(code: str, gross: float = 150_000.0, year: int = 2026) -> float:
    return take_home.after_tax(real(), gross, code, year).take_home


@pytest.mark.parametrize("year", [2025, 2026])
def test_a_job_in_a_metros_other_state_is_taxed_as_that_state(year):
    # Vancouver, WA (Portland metro) with a Washington home = a Seattle job at the same pay.
    vancouver = _code(PORTLAND, work_state="WA", home_state="WA")
    assert vancouver == "WA" == _code(SEATTLE)
    assert _kept(vancouver, year=year) == _kept(_code(SEATTLE), year=year)
    # Arlington, VA (Washington metro) with a Virginia home = Richmond.
    arlington = _code(WASHINGTON, work_state="VA", home_state="VA")
    assert arlington == "VA" == _code(RICHMOND)
    assert _kept(arlington, year=year) == _kept(_code(RICHMOND), year=year)
    # Newark, NJ (New York metro) with a New Jersey home = Trenton; home defaults to the job's.
    newark = _code(NEW_YORK, work_state="NJ")
    assert newark == "NJ" == _code(TRENTON)
    assert _kept(newark, year=year) == _kept(_code(TRENTON), year=year)


def test_the_metro_must_span_the_states_asked():
    assert take_home.metro_states(real(), WASHINGTON) == ("DC", "VA", "MD", "WV")
    assert take_home.state_spans(real())[PORTLAND] == ("OR", "WA")
    assert SEATTLE not in take_home.state_spans(real())
    with pytest.raises(ValueError, match="spans OR, WA"):
        _code(PORTLAND, work_state="CA")
    with pytest.raises(ValueError, match="home state"):
        _code(NEW_YORK, home_state="PA")


def _row(code: str, gross: float, year: int = 2026) -> pd.Series:
    rows = real().take_home
    hit = rows[(rows["jurisdiction"] == code) & (rows["tax_year"] == year)]
    return hit.set_index("gross").loc[gross]


@pytest.mark.parametrize("gross", [300_000.0, 1_000_000.0])
def test_new_jersey_resident_working_in_new_york_city(gross):
    # NYC taxes no non-resident, NY taxes the wages as a non-resident's, NJ taxes its resident
    # and credits the NY tax up to its own: together the larger of the two states' taxes (NY's
    # at $300,000, NJ's at $1,000,000, where NJ's 8.97% and 10.75% brackets pass NY's).
    code = _code(NEW_YORK, work_state="NY", home_state="NJ", lives_in_city=True, works_in_city=True)
    assert code == "NJ|NY"
    ny, nj = _row("NY", gross), _row("NJ", gross)
    tax = take_home.after_tax(real(), gross, code, 2026)
    assert tax.state == pytest.approx(max(ny["state_income_tax"], nj["state_income_tax"]))
    assert tax.state_payroll == pytest.approx(ny["state_payroll_tax"])  # NY DBL and PFL
    assert tax.local == 0 and tax.federal == pytest.approx(ny["federal_income_tax"])
    bigger = "NY" if gross == 300_000 else "NJ"
    assert tax.state == pytest.approx(_row(bigger, gross)["state_income_tax"])
    assert tax.take_home == pytest.approx(
        gross - tax.federal - tax.social_security - tax.medicare - tax.state - tax.state_payroll
    )


def test_kansas_resident_working_in_kansas_city_missouri():
    # Missouri taxes the non-resident, Kansas credits it: the larger state tax, plus Kansas
    # City's 1% earnings tax on work done in the city (no state credits it).
    code = _code(KANSAS_CITY, work_state="MO", home_state="KS", works_in_city=True)
    assert code == "KS|MO-KCMO"
    tax = take_home.after_tax(real(), 150_000, code, 2026)
    ks, mo = _row("KS", 150_000), _row("MO", 150_000)
    assert tax.state == pytest.approx(max(ks["state_income_tax"], mo["state_income_tax"]))
    assert tax.local == pytest.approx(0.01 * 150_000)


def test_reciprocity_and_dc_tax_only_the_home_state():
    # DC taxes no non-resident; Maryland and Virginia, Pennsylvania and New Jersey have
    # reciprocal agreements: only the home state's tax, and Maryland's county tax only on its
    # own residents.
    cases = [
        (WASHINGTON, "DC", "VA", "VA"),
        (WASHINGTON, "DC", "MD", "MD"),
        (WASHINGTON, "MD", "VA", "VA"),
        (PHILADELPHIA, "NJ", "PA", "PA"),
        (PHILADELPHIA, "PA", "NJ", "NJ"),
    ]
    for cbsa, work, home, taxed in cases:
        code = _code(cbsa, work_state=work, home_state=home)
        tax = take_home.after_tax(real(), 150_000, code, 2026)
        assert tax.state == pytest.approx(_row(taxed, 150_000)["state_income_tax"]), code
        assert tax.local == pytest.approx(_row(home, 150_000)["local_income_tax"]), code
        assert tax.state_payroll == pytest.approx(_row(work, 150_000)["state_payroll_tax"]), code
    # A Marylander working in DC keeps the county tax; a Virginian working in Maryland pays none.
    assert take_home.after_tax(real(), 150_000, "MD|DC", 2026).local > 0
    assert take_home.after_tax(real(), 150_000, "VA|MD", 2026).local == 0


def test_an_oregon_resident_working_in_washington_pays_oregon_tax():
    # Washington has no income tax: the Oregon resident pays all of Oregon's, plus Washington's
    # payroll contributions (PFML, WA Cares) where the job is.
    tax = take_home.after_tax(real(), 150_000, "OR|WA", 2026)
    assert tax.state == pytest.approx(_row("OR", 150_000)["state_income_tax"])
    assert tax.state_payroll == pytest.approx(_row("WA", 150_000)["state_payroll_tax"])
    # A Washingtonian working in Portland pays Oregon's tax and Portland's (non-residents too).
    code = _code(PORTLAND, work_state="OR", home_state="WA", works_in_city=True)
    assert code == "WA|OR-PDX"
    away = take_home.after_tax(real(), 300_000, code, 2026)
    assert away.state == pytest.approx(_row("OR", 300_000)["state_income_tax"])
    assert away.local == pytest.approx(_row("OR-PDX", 300_000)["local_income_tax"])


def test_describe_names_the_rule():
    assert "reciprocal" in take_home.describe("PA|NJ")
    assert "taxes no non-resident" in take_home.describe("VA|DC")
    assert take_home.describe("NJ|NY") == (
        "lives in NJ, works in NY: federal, NY non-resident tax, NJ resident tax less NJ's credit "
        "for it"
    )
    assert take_home.describe("TX") == "federal and TX taxes"


def test_tax_year_for_an_offer_year():
    assert [take_home.tax_year_for(real(), y) for y in (2024, 2025, 2026, 2027, 2030)] == [
        2025,
        2025,
        2026,
        2026,
        2026,
    ]


def test_the_home_row_of_the_hub_table_follows_work_and_home_states():
    out = take_home.worth_in_hubs(
        real(), 150_000, PORTLAND, "15-2051", hubs=[SEATTLE], work_state="WA", home_state="WA"
    ).set_index("cbsa")
    assert out.loc[PORTLAND, "jurisdiction"] == "WA"
    assert out.loc[PORTLAND, "take_home"] == out.loc[SEATTLE, "take_home"]
