"""The CPI areas of the `cpi` table: which BLS areas and series, their CBSAs and index bases.

`CROSSWALK` maps each current metro CPI area to its OMB 2023 CBSA, and `check_crosswalk` checks
it against the `metros` table of the same build (`CHECKS` in the package registers it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from databuild.errors import SourceError
from databuild.sources.base import ReadResult

NATION = "0000"

US_SERIES = "CUUR0000SA0"

REGIONS = {"0100": "Northeast", "0200": "Midwest", "0300": "South", "0400": "West"}
"""BLS region area codes -> census region (the names geo.REGIONS uses)."""

CROSSWALK: dict[str, str] = {
    # BLS: Boston-Cambridge-Newton, MA-NH
    # OMB 2023: Boston-Cambridge-Newton, MA-NH
    "S11A": "14460",
    # BLS: New York-Newark-Jersey City, NY-NJ-PA
    # OMB 2023: New York-Newark-Jersey City, NY-NJ
    "S12A": "35620",
    # BLS: Philadelphia-Camden-Wilmington, PA-NJ-DE-MD
    # OMB 2023: Philadelphia-Camden-Wilmington, PA-NJ-DE-MD
    "S12B": "37980",
    # BLS: Chicago-Naperville-Elgin, IL-IN-WI
    # OMB 2023: Chicago-Naperville-Elgin, IL-IN
    "S23A": "16980",
    # BLS: Detroit-Warren-Dearborn, MI
    # OMB 2023: Detroit-Warren-Dearborn, MI
    "S23B": "19820",
    # BLS: Minneapolis-St.Paul-Bloomington, MN-WI
    # OMB 2023: Minneapolis-St. Paul-Bloomington, MN-WI
    "S24A": "33460",
    # BLS: St. Louis, MO-IL
    # OMB 2023: St. Louis, MO-IL
    "S24B": "41180",
    # BLS: Washington-Arlington-Alexandria, DC-VA-MD-WV
    # OMB 2023: Washington-Arlington-Alexandria, DC-VA-MD-WV
    "S35A": "47900",
    # BLS: Miami-Fort Lauderdale-West Palm Beach, FL
    # OMB 2023: Miami-Fort Lauderdale-West Palm Beach, FL
    "S35B": "33100",
    # BLS: Atlanta-Sandy Springs-Roswell, GA
    # OMB 2023: Atlanta-Sandy Springs-Roswell, GA
    "S35C": "12060",
    # BLS: Tampa-St. Petersburg-Clearwater, FL
    # OMB 2023: Tampa-St. Petersburg-Clearwater, FL
    "S35D": "45300",
    # BLS: Baltimore-Columbia-Towson, MD
    # OMB 2023: Baltimore-Columbia-Towson, MD
    "S35E": "12580",
    # BLS: Dallas-Fort Worth-Arlington, TX
    # OMB 2023: Dallas-Fort Worth-Arlington, TX
    "S37A": "19100",
    # BLS: Houston-The Woodlands-Sugar Land, TX
    # OMB 2023: Houston-Pasadena-The Woodlands, TX
    "S37B": "26420",
    # BLS: Phoenix-Mesa-Scottsdale, AZ
    # OMB 2023: Phoenix-Mesa-Chandler, AZ
    "S48A": "38060",
    # BLS: Denver-Aurora-Lakewood, CO
    # OMB 2023: Denver-Aurora-Centennial, CO
    "S48B": "19740",
    # BLS: Los Angeles-Long Beach-Anaheim, CA
    # OMB 2023: Los Angeles-Long Beach-Anaheim, CA
    "S49A": "31080",
    # BLS: San Francisco-Oakland-Hayward, CA
    # OMB 2023: San Francisco-Oakland-Fremont, CA
    "S49B": "41860",
    # BLS: Riverside-San Bernardino-Ontario, CA
    # OMB 2023: Riverside-San Bernardino-Ontario, CA
    "S49C": "40140",
    # BLS: Seattle-Tacoma-Bellevue WA
    # OMB 2023: Seattle-Tacoma-Bellevue, WA
    "S49D": "42660",
    # BLS: San Diego-Carlsbad, CA
    # OMB 2023: San Diego-Chula Vista-Carlsbad, CA
    "S49E": "41740",
    # BLS: Urban Hawaii (BLS releases: Honolulu)
    # OMB 2023: Urban Honolulu, HI
    "S49F": "46520",
    # BLS: Urban Alaska (BLS releases: Anchorage area)
    # OMB 2023: Anchorage, AK
    "S49G": "11260",
}
"""Current metro CPI area -> OMB 2023 (July 2023 delineation) CBSA; each comment: BLS's area
name (cpi.db areas) and the CBSA title. BLS names its areas by earlier CBSA titles, so later
principal cities may differ, but the first is the same (`check_crosswalk`), except for the two
areas BLS names after their state (`STATE_NAMED`). The reader stops when the database's current
metro areas are not exactly these."""

STATE_NAMED = {"S49F": "Urban Honolulu", "S49G": "Anchorage"}
"""Areas BLS names after their state -> the first principal city their CBSA title must have."""

SEMIANNUAL = frozenset({"S24A", "S24B", "S35D", "S48A", "S48B", "S49E", "S49F", "S49G"})
"""Areas read from their semiannual CUUS series (S03): BLS priced them only semiannually until
2017, so their CUUR series has annual averages from 2018 only. Other areas: CUUR (M13), which
covers the same years. `check_pairs` holds both claims: the two agree where both publish, and
the series read covers every year the other does."""

BASE_1982_84 = "1982-84=100"

BASES = {"S35D": "1987=100", "S48A": "Dec 2001=100", "S49C": "Dec 2017=100"}
"""Index base as BLS publishes it where not 1982-84=100 (Tampa, Phoenix, Riverside); cpi.db has
no base column. `check_base` checks each where the database holds the base period (the
1982-84 annual averages average 100; 1987 average; Dec 2017 index); Phoenix's starts in 2002."""


def series_id(area: str, periodicity: str) -> str:
    """CPI-U, not seasonally adjusted, all items: CUUR0000SA0 (monthly) or CUUS0000SA0."""
    return f"CUU{periodicity}{area}SA0"


def series_read(area: str) -> str:
    """The series the table takes for `area` (SEMIANNUAL: CUUS, else CUUR)."""
    return series_id(area, "S" if area in SEMIANNUAL else "R")


def table_areas() -> list[str]:
    """Area codes of the table, in table order: nation, regions, metros (by code)."""
    return [NATION, *REGIONS, *sorted(CROSSWALK)]


def _first_city(name: str) -> str:
    """'San Francisco-Oakland-Hayward, CA' -> 'San Francisco'."""
    return re.split(r"[-,]", name, maxsplit=1)[0].strip()


def check_crosswalk(results: Mapping[str, ReadResult]) -> None:
    """Every CROSSWALK CBSA is a metro of the same build's `metros` table, in the census region
    of its BLS region (the code's second character), with the same first principal city as
    BLS's area name (STATE_NAMED for the two areas BLS names after their state)."""
    cpi = results["cpi"]
    path = cpi.inputs[0]
    metros = results["geo"].tables["metros"]
    metros = metros[metros["kind"] == "metro"].set_index("cbsa")
    delineation = results["geo"].facts.get("delineation", "")
    region_of = dict(zip("1234", REGIONS.values(), strict=True))
    names = cpi.tables["cpi"].drop_duplicates("area_code").set_index("area_code")["area_name"]
    for area, cbsa in sorted(CROSSWALK.items()):
        what = f"metro CPI area {area} ({names[area]})"
        if cbsa not in metros.index:
            raise SourceError(
                path,
                f"{what} maps to CBSA {cbsa}, which is not a metro of the OMB {delineation} "
                "delineation (cpi.CROSSWALK)",
            )
        title, region = metros.at[cbsa, "title"], metros.at[cbsa, "census_region"]
        city = STATE_NAMED.get(area, _first_city(names[area]))
        if _first_city(title) != city:
            raise SourceError(
                path,
                f"{what} maps to CBSA {cbsa} ({title}): their principal cities differ "
                f"({city!r} vs {_first_city(title)!r}; cpi.CROSSWALK)",
            )
        if region != region_of.get(area[1]):
            raise SourceError(
                path, f"{what} is in BLS region {region_of.get(area[1])}, CBSA {cbsa} in {region}"
            )
