"""What the take-home schedule models: the tax year and filer, the jurisdictions (every state,
DC and the local taxes of `LOCAL`), what it leaves out (`NOT_INCLUDED`), and the library
parameters replaced by published values (`CORRECTIONS`), and the statutory local taxes the
library lacks (`CITY_ROWS`, computed by `city_tax`). Plain data; no library import."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# The tax years of the schedule: an offer's year n is taxed at the rules of its calendar year,
# and at the last of these after it (analysis.take_home.tax_year_for).
TAX_YEARS: tuple[int, ...] = (2025, 2026)
TAX_YEAR = TAX_YEARS[-1]
TAX_YEAR_NOTE = (
    "2025 and 2026. 2025: published parameters for every state. 2026: federal law as published "
    "(IRS Rev. Proc. 2025-32 after the One Big Beautiful Bill Act: standard deduction $16,100, "
    "brackets), the Social Security wage base $184,500 (SSA), CA SDI 1.3% (EDD), and each "
    "state's 2026 parameters as policyengine-us 2.68.0 holds them: published where the state had "
    "published them, otherwise carried forward or uprated for inflation by the library (e.g. its "
    "CA, VT and NM income-tax parameters stop at 2025). 2027 is not built: beyond the federal "
    "inflation adjustments nothing of it is published, so later years use the 2026 rules."
)
FILER = "single, standard deduction, wages only, no dependents"

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
    """A jurisdiction whose rows carry one local tax that policyengine-us models.

    state: USPS code; county: the library's county enum name (sets `county`); variable: the
    library's local-tax variable stored in local_income_tax; person_inputs: per-person inputs
    set equal to wages (the library takes the taxed base as an explicit input); flags:
    per-person boolean inputs, (name, value); months: the per-person monthly input set to 12
    (a full year of work); applies_to: whom the rows describe (where they live and work);
    note: how the library is made to levy the tax.
    """

    state: str
    county: str
    variable: str
    person_inputs: tuple[str, ...] = ()
    flags: tuple[tuple[str, bool], ...] = ()
    months: str | None = None
    applies_to: str = ""
    note: str = ""


# The local taxes of the hubs that policyengine-us 2.68 models. A key equal to a state code
# ("MD") adds the local tax to that state's own rows; any other key is an extra jurisdiction.
LOCAL: dict[str, Local] = {
    NYC: Local(
        "NY",
        NYC_COUNTY,
        "nyc_income_tax",
        applies_to="residents of New York City (NYC taxes no non-resident's wages)",
        note="county NEW_YORK_COUNTY_NY -> in_nyc; NYC resident income tax",
    ),
    "IN-MARION": Local(
        "IN",
        "MARION_COUNTY_IN",
        "in_county_tax",
        applies_to="residents of Marion County, IN (Indianapolis)",
        note="county MARION_COUNTY_IN: Marion County resident county income tax, county rate x "
        "Indiana AGI",
    ),
    "MO-KCMO": Local(
        "MO",
        "JACKSON_COUNTY_MO",
        "mo_kansas_city_earnings_tax",
        person_inputs=("mo_kansas_city_earnings_tax_taxable_earnings",),
        applies_to="Missouri residents who live in Kansas City, MO, or work there: the 1% "
        "earnings tax is the same for residents (all earnings) and for non-residents (earnings "
        "for work done in the city), so one row covers both",
        note="mo_kansas_city_earnings_tax_taxable_earnings = wages, library rate",
    ),
    "CO-DENVER": Local(
        "CO",
        "DENVER_COUNTY_CO",
        "co_denver_employee_occupational_privilege_tax",
        months="co_denver_employee_occupational_privilege_tax_months",
        applies_to="Colorado residents who work in Denver (the tax follows the workplace)",
        note="co_denver_employee_occupational_privilege_tax_months = 12, library monthly amount",
    ),
    "PA-PHL": Local(
        "PA",
        "PHILADELPHIA_COUNTY_PA",
        "pa_philadelphia_wage_tax",
        person_inputs=("pa_philadelphia_wage_tax_taxable_wages",),
        flags=(("pa_philadelphia_wage_tax_resident", True),),
        applies_to="residents of Philadelphia (resident wage tax rate, wherever they work)",
        note="pa_philadelphia_wage_tax_taxable_wages = wages, pa_philadelphia_wage_tax_resident "
        "= true: resident rate",
    ),
    "PA-PHL-NR": Local(
        "PA",
        "MONTGOMERY_COUNTY_PA",
        "pa_philadelphia_wage_tax",
        person_inputs=("pa_philadelphia_wage_tax_taxable_wages",),
        flags=(("pa_philadelphia_wage_tax_resident", False),),
        applies_to="Pennsylvania residents outside Philadelphia who work in Philadelphia "
        "(non-resident wage tax rate)",
        note="a Montgomery County, PA household; pa_philadelphia_wage_tax_taxable_wages = wages, "
        "pa_philadelphia_wage_tax_resident = false: non-resident rate",
    ),
    "MO-STL": Local(
        "MO",
        "ST_LOUIS_CITY_MO",
        "mo_st_louis_earnings_tax",
        person_inputs=("mo_st_louis_earnings_tax_taxable_earnings",),
        applies_to="Missouri residents who live in the City of St. Louis, or work there: the 1% "
        "earnings tax is the same for residents and non-residents, so one row covers both",
        note="mo_st_louis_earnings_tax_taxable_earnings = wages, library rate",
    ),
    "MD": Local(
        "MD",
        "BALTIMORE_CITY_MD",
        "md_local_income_tax_before_refundable_credits",
        applies_to="Maryland residents: every Maryland county levies an income tax on Maryland "
        "taxable income (2025: 2.25% to 3.30%); the rows use Baltimore City's (3.20%, the "
        "principal city of the state's largest metro, also the rate of Baltimore, Howard, "
        "Montgomery and Prince George's counties)",
        note="county BALTIMORE_CITY_MD: Maryland county income tax (not part of the library's "
        "state_income_tax), county rate x Maryland taxable income",
    ),
}


@dataclass(frozen=True)
class CityTax:
    """One local tax that policyengine-us 2.68 does not levy as we need it, from its statute.

    Tax = fixed + the marginal `brackets` ((over, rate) pairs, the first `over` 0) applied to
    the base less `exempt`. base: "wages" (the gross wages of the row) or "or_taxable_income"
    (Oregon taxable income, from the library). rate_parameter: where the library holds the flat
    rate, its parameter path: the build reads the rate of each tax year from it and fails unless
    it equals the first bracket's rate of `brackets`. source: the ordinance, statute or official
    page the amounts come from.
    """

    name: str
    brackets: tuple[tuple[float, float], ...]
    source: str
    base: str = "wages"
    exempt: float = 0.0
    fixed: float = 0.0
    rate_parameter: str | None = None


@dataclass(frozen=True)
class CityRows:
    """A jurisdiction whose rows are its state's rows plus the `CityTax`es of `taxes`:
    state (USPS code); applies_to (whom the rows describe: where they live and work);
    left_out (what of the place's local taxes the rows still leave out, '' if nothing)."""

    state: str
    taxes: tuple[CityTax, ...]
    applies_to: str
    left_out: str = ""


_OH_MUNI = "Ohio Revised Code 718 (qualifying wages = Medicare wages)"
CLEVELAND = CityTax(
    "Cleveland municipal income tax 2.5%",
    ((0, 0.025),),
    f"City of Cleveland Codified Ordinances 191.0501 (2.5% from 2017, voter Issue 32 of 2016); "
    f"Central Collection Agency rate table; {_OH_MUNI}",
)
COLUMBUS = CityTax(
    "Columbus municipal income tax 2.5%",
    ((0, 0.025),),
    f"Columbus City Code 361.19 (2.5% from October 1, 2009); Columbus Income Tax Division; "
    f"{_OH_MUNI}",
)
CINCINNATI = CityTax(
    "Cincinnati municipal income tax 1.8%",
    ((0, 0.018),),
    f"Cincinnati Municipal Code 311-9 (1.8% from October 1, 2020); Cincinnati Income Tax "
    f"Division; {_OH_MUNI}",
)
DETROIT = CityTax(
    "Detroit city income tax, resident 2.4%",
    ((0, 0.024),),
    "Michigan City Income Tax Act (MCL 141.503: a city over 600,000 people may levy 2.4% on "
    "residents, 1.2% on non-residents); City of Detroit Income Tax Ordinance; personal "
    "exemption $600 (Detroit Form 5118 instructions)",
    exempt=600.0,
)
DETROIT_NR = CityTax(
    "Detroit city income tax, non-resident 1.2%",
    ((0, 0.012),),
    DETROIT.source,
    exempt=600.0,
)
_LST = (
    "Pennsylvania Local Tax Enabling Act, 53 P.S. 6924.301.1(f) (Local Services Tax at most "
    "$52 a year; exempt under $12,000 of earnings); City of Pittsburgh Finance Department, Local "
    "Services Tax $52"
)
PITTSBURGH = CityTax(
    "Pittsburgh earned income tax, resident 3% (city 1% + Pittsburgh School District 2%), and "
    "the $52 Local Services Tax",
    ((0, 0.03),),
    "Pittsburgh Code 245.02 and City of Pittsburgh Finance Department, Earned Income Tax: "
    f"residents 3% (1% city, 2% school district); {_LST}",
    fixed=52.0,
)
PITTSBURGH_LST = CityTax(
    "Pittsburgh Local Services Tax $52 (on everyone working in the city)",
    ((0, 0.0),),
    _LST,
    fixed=52.0,
)
PITTSBURGH_NR = CityTax(
    "Pittsburgh earned income tax of non-residents of Pennsylvania 1%, and the $52 Local "
    "Services Tax",
    ((0, 0.01),),
    "City of Pittsburgh Finance Department, Earned Income Tax: non-residents of Pennsylvania who "
    f"work in the city pay 1%; {_LST}",
    fixed=52.0,
)
_LOUISVILLE = (
    "Louisville Metro Revenue Commission, occupational license fee (Form W-1KJC instructions "
    "2025): 2.20% for Jefferson County residents (1.45% Metro and TARC + 0.75% school board), "
    "1.45% for non-residents, on wages earned in Louisville Metro"
)
LOUISVILLE = CityTax(
    "Louisville Metro occupational license fee, resident 2.2%",
    ((0, 0.022),),
    _LOUISVILLE,
    rate_parameter="gov.local.ky.jefferson.tax.income.occupational.rate",
)
LOUISVILLE_NR = CityTax(
    "Louisville Metro occupational license fee, non-resident 1.45%", ((0, 0.0145),), _LOUISVILLE
)
WILMINGTON = CityTax(
    "Wilmington earned income (wage) tax 1.25%",
    ((0, 0.0125),),
    "City of Wilmington Code 44-1 ff. and FY2025/FY2026 tax rates: wage tax 1.25% on residents "
    "and on non-residents working in the city",
    rate_parameter="gov.local.de.wilmington.tax.income.rate",
)
MULTNOMAH_PFA = CityTax(
    "Multnomah County Preschool for All income tax (1.5% of taxable income over $125,000, "
    "3% over $250,000, single)",
    ((0, 0.0), (125_000, 0.015), (250_000, 0.03)),
    "Multnomah County Code 11.512(A)-(B) (single: 1.5% over $125,000, a further 1.5% over "
    "$250,000; the 0.8-point rise is delayed to 2027 by Ordinance 1326); the same brackets as "
    "the library's gov.local.or.multnomah_county.tax.income.pfa.rates.single",
    base="or_taxable_income",
)
METRO_SHS = CityTax(
    "Metro Supportive Housing Services income tax (1% of taxable income over $125,000, single)",
    ((0, 0.0), (125_000, 0.01)),
    "Metro Code 7.05 (Measure 26-210, 2020): 1% of Oregon taxable income over $125,000 for a "
    "single filer, residents of the Metro district and non-residents on income earned in it; "
    "oregonmetro.gov, Supportive housing services taxes",
    base="or_taxable_income",
)
_OHIO_LEFT = (
    "a resident's credit for municipal tax paid to the city where they work and the income tax "
    "of a suburb or school district (ORC 718, 5748) are not modelled"
)
CITY_ROWS: dict[str, CityRows] = {
    "OH-CLE": CityRows(
        "OH",
        (CLEVELAND,),
        "Ohio residents who live or work in Cleveland: 2.5% of wages (residents on all wages, "
        "non-residents on wages earned in the city)",
        _OHIO_LEFT,
    ),
    "OH-COL": CityRows(
        "OH",
        (COLUMBUS,),
        "Ohio residents who live or work in Columbus: 2.5% of wages",
        _OHIO_LEFT,
    ),
    "OH-CIN": CityRows(
        "OH",
        (CINCINNATI,),
        "Ohio residents who live or work in Cincinnati: 1.8% of wages",
        _OHIO_LEFT,
    ),
    "MI-DET": CityRows(
        "MI",
        (DETROIT,),
        "residents of Detroit: 2.4% of wages less the $600 exemption, wherever they work",
    ),
    "MI-DET-NR": CityRows(
        "MI",
        (DETROIT_NR,),
        "Michigan residents outside Detroit who work in Detroit: 1.2% of wages less $600",
        "the income tax of another Michigan city they live in (e.g. Hamtramck, Highland Park)",
    ),
    "PA-PIT": CityRows(
        "PA",
        (PITTSBURGH,),
        "residents of Pittsburgh: earned income tax 3% plus the $52 Local Services Tax when they "
        "work in the city",
    ),
    "PA-PIT-NR": CityRows(
        "PA",
        (PITTSBURGH_LST,),
        "Pennsylvania residents outside Pittsburgh who work in Pittsburgh: the $52 Local Services "
        "Tax (their earned income tax goes to their home municipality)",
        "the earned income tax of the home municipality and school district (Act 32: most "
        "Allegheny County places levy 1% or more)",
    ),
    "KY-LOU": CityRows(
        "KY",
        (LOUISVILLE,),
        "residents of Louisville Metro (Jefferson County) who work there: 2.2% of wages",
        "Kentucky occupational taxes of other cities and counties (e.g. in the Cincinnati metro: "
        "Covington, Kenton and Boone counties)",
    ),
    "KY-LOU-NR": CityRows(
        "KY",
        (LOUISVILLE_NR,),
        "people who live outside Jefferson County and work in Louisville Metro: 1.45% of wages "
        "(also paid by Indiana residents: reciprocity covers state taxes only)",
    ),
    "DE-WIL": CityRows(
        "DE",
        (WILMINGTON,),
        "people who live or work in Wilmington, DE: 1.25% of wages",
    ),
    "OR-PDX": CityRows(
        "OR",
        (MULTNOMAH_PFA, METRO_SHS),
        "people who live or work in Portland (Multnomah County, inside the Metro district): "
        "Preschool for All and Metro SHS taxes on Oregon taxable income (residents on all "
        "income, non-residents on income earned there; all of a job's wages are earned there)",
        "Metro's 2025 ordinance indexing the SHS threshold to inflation ($125,000 used for "
        "2026); the statewide transit tax 0.1% is in the state payroll column where the "
        "library levies it",
    ),
}
"""Jurisdictions built from their state's rows plus statutory local taxes (see `CityTax`)."""

JURISDICTIONS: tuple[str, ...] = (
    *STATES,
    *(code for code in LOCAL if code not in STATES),
    *CITY_ROWS,
)

# Plain state rows in which the library levies a local tax of a default county we do not
# store: a household with no county in Indiana pays its default county's income tax.
UNSTORED_DEFAULT_LOCAL: dict[str, str] = {"IN": "in_county_tax"}

# What the stored taxes leave out (the app lists it next to the figures).
NOT_INCLUDED: tuple[dict[str, str], ...] = (
    {
        "tax": "Hawaii Temporary Disability Insurance (TDI) employee withholding",
        "why": "not modelled by policyengine-us 2.68.0",
    },
    {
        "tax": "Alaska employee unemployment insurance contribution",
        "why": "not modelled by policyengine-us 2.68.0",
    },
    {
        "tax": "Ohio municipal income tax outside Cleveland, Columbus and Cincinnati, Ohio "
        "school district income taxes, and a city's credit for tax paid to the city of work",
        "why": "not modelled by policyengine-us 2.68.0; the OH-CLE, OH-COL and OH-CIN rows "
        "carry the three cities' rates (law.CITY_ROWS)",
    },
    {
        "tax": "Pennsylvania local earned income tax outside Philadelphia and Pittsburgh (Act "
        "32), also what a Pittsburgh commuter pays their home municipality",
        "why": "set by each of ~2,500 municipalities and school districts; no place to assume",
    },
    {
        "tax": "Indiana county income tax outside Marion County, and of people who work in "
        "Indiana but live in another state",
        "why": "modelled by the library per county, but the plain IN rows carry no county tax "
        "(no county to assume); IN-MARION carries Marion County's",
    },
    {
        "tax": "Maryland county income tax where it differs from 3.20% (2025: Anne Arundel 2.70-"
        "3.20%, Frederick 2.25-3.20%, Cecil 2.74%, Carroll and Charles 3.03%, Harford 3.06%, "
        "Talbot 2.40%, Worcester 2.25%), and the special non-resident tax of people who work in "
        "Maryland and live in a state without reciprocity (e.g. Delaware, New Jersey)",
        "why": "the MD rows use 3.20%, the rate of Baltimore City and of Baltimore, Howard, "
        "Montgomery and Prince George's counties; the offer picks a state, not a county",
    },
    {
        "tax": "other local taxes (e.g. Yonkers, other Michigan cities, Kentucky occupational "
        "taxes outside Louisville, Iowa school district surtaxes, Newark's and San Francisco's "
        "taxes fall on employers)",
        "why": "not stored: the schedule holds only the jurisdictions listed under 'local'",
    },
    {
        "tax": "a home state's credit for local taxes paid in another state (e.g. a New Jersey "
        "resident's credit for Philadelphia wage tax), and state taxes on non-residents that "
        "differ from the resident tax on the same wages",
        "why": "across state lines the schedule combines each state's resident tax by the "
        "rule of analysis.take_home (cross_state in this record): credits cover state income "
        "tax only",
    },
)


@dataclass(frozen=True)
class Correction:
    """A library parameter replaced, for one tax year, by the value the state or city publishes.

    parameter: the library's parameter path; value: the value used for the whole `year`;
    source: who publishes it and what; why: how the library's value is off.
    """

    parameter: str
    year: int
    value: float
    source: str
    why: str


CA_SDI = "gov.states.ca.tax.payroll.disability.employee_rate"
PHL_RESIDENT = "gov.local.pa.philadelphia.tax.income.resident_rate"
PHL_NONRESIDENT = "gov.local.pa.philadelphia.tax.income.nonresident_rate"
OR_KICKER = "gov.states.or.tax.income.credits.kicker.percent"
_CA_SDI_WHY = "policyengine-us 2.68.0 holds one 1.3% rate for every year"
_PHL_WHY = (
    "the library holds both rates but evaluates the yearly tax at January 1; wages paid evenly "
    "over the year are taxed at the half-year average"
)
CORRECTIONS: tuple[Correction, ...] = (
    Correction(
        CA_SDI, 2024, 0.011, "California EDD, 2024 SDI rate 1.1% (no wage ceiling)", _CA_SDI_WHY
    ),
    Correction(
        CA_SDI, 2025, 0.012, "California EDD, 2025 SDI rate 1.2% (no wage ceiling)", _CA_SDI_WHY
    ),
    Correction(
        PHL_RESIDENT,
        2025,
        0.03745,
        "City of Philadelphia Department of Revenue, Wage Tax: resident rate 3.75% to June 30, "
        "2025 and 3.74% from July 1, 2025 (average 3.745%)",
        _PHL_WHY,
    ),
    Correction(
        PHL_NONRESIDENT,
        2025,
        0.03435,
        "City of Philadelphia Department of Revenue, Wage Tax: non-resident rate 3.44% to June "
        "30, 2025 and 3.43% from July 1, 2025 (average 3.435%)",
        _PHL_WHY,
    ),
    Correction(
        OR_KICKER,
        2025,
        0.0,
        "Oregon Constitution Article IX Section 14; Oregon Department of Revenue, 2025 Oregon "
        'surplus ("kicker") credit: 9.863% of the filer\'s 2024 Oregon tax, claimed once on '
        "the 2025 return",
        "the kicker refunds a surplus of a prior year (none is certified for 2026): it is no "
        "part of the recurring tax on a salary, and a new Oregon resident has no 2024 Oregon "
        "tax; the library, lacking the prior year, takes 9.863% of the current year's tax",
    ),
)


def corrections_for(year: int) -> tuple[Correction, ...]:
    """The `CORRECTIONS` of tax year `year`, in table order."""
    return tuple(c for c in CORRECTIONS if c.year == year)


def city_tax(tax: CityTax, base: np.ndarray, rate: float | None = None) -> np.ndarray:
    """`tax` on each value of `base` (USD a year; wages or Oregon taxable income as `tax.base`
    says): fixed + the marginal brackets on max(base - exempt, 0). `rate`, when given, replaces
    the rate of a one-bracket tax (the library's value of `rate_parameter` for the year)."""
    brackets = tax.brackets
    if rate is not None:
        if len(brackets) != 1:
            raise ValueError(f"{tax.name}: a library rate replaces only a flat rate")
        brackets = ((brackets[0][0], rate),)
    taxed = np.maximum(np.asarray(base, dtype=float) - tax.exempt, 0.0)
    out = np.full(taxed.shape, tax.fixed)
    for i, (over, marginal) in enumerate(brackets):
        upto = brackets[i + 1][0] if i + 1 < len(brackets) else np.inf
        out = out + marginal * np.clip(taxed - over, 0.0, upto - over)
    return out
