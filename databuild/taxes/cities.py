"""The local taxes the schedule adds to its states' rows from their statutes, where
policyengine-us 2.68 does not levy them as the app needs (Cleveland, Columbus, Cincinnati,
Detroit, Pittsburgh, Louisville, Wilmington DE, Portland's Multnomah and Metro taxes): each
rate, base and threshold with the ordinance, statute or official page it comes from
(`CITY_ROWS`), and the formula (`city_tax`). Plain data; no library import."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


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
