"""What the take-home schedule models: the tax year and filer, the jurisdictions (every state,
DC and the local taxes of `LOCAL`), what it leaves out (`NOT_INCLUDED`), and the library
parameters replaced by published values (`CORRECTIONS`); the statutory local taxes the library
lacks are in `cities` (`CITY_ROWS`). Plain data; no library import."""

from __future__ import annotations

from dataclasses import dataclass

from databuild.taxes.cities import CITY_ROWS

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
        "carry the three cities' rates (cities.CITY_ROWS)",
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
        "rule of analysis.taxes (cross_state in this record): credits cover state income "
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


WITHHOLDING: dict[str, object] = {
    "supplemental_rate": 0.22,
    "mandatory_rate": 0.37,
    "mandatory_above": 1_000_000,
    "source": (
        "IRS Publication 15 (2026), Employer's Tax Guide, section 7, Supplemental Wages: "
        "federal income tax may be withheld at a flat 22% on supplemental wages (bonuses, "
        "vesting stock, sign-on and relocation payments) and must be withheld at 37% on "
        "supplemental wages over $1 million in a calendar year"
    ),
    "url": "https://www.irs.gov/publications/p15",
}
"""The federal withholding rule for supplemental wages, as published: the Offer check compares
it with the tax actually owed (the bill left for filing time). Carried into the build manifest
as `carried.withholding`."""
