"""BEA RPP `price_parities` table: geography levels and codes, column docs."""

from __future__ import annotations

from databuild.sources.base import ColumnDoc

US_CODE = "00000"
NONMETRO_CODE = "00999"
PORTION_CODES = r"00000|\d{2}99[89]"
"""PARPP GeoFIPS: the U.S., then each state's metropolitan (ss998) and nonmetropolitan (ss999)
portion."""
UNPRICED_CODES = r"\d{2}999"
"""PARPP areas BEA may print as 0.000 on every line and year: a state's nonmetropolitan portion
it does not price (in the Feb 2026 release Delaware, the District of Columbia, New Jersey and
Rhode Island; the build finds them in the file, see the `nonmetro_missing` fact)."""
PORTION_LEVELS = {"998": "state metro", "999": "state nonmetro"}
PORTION_NAMES = {"998": " (Metropolitan Portion)", "999": " (Nonmetropolitan Portion)"}
"""PARPP GeoName = the SARPP state name + this suffix."""
LEVEL_ORDER: tuple[str, ...] = (
    "nation",
    "state",
    "metro",
    "nonmetro portion",
    "state metro",
    "state nonmetro",
)
"""Row order of the table (the PARPP levels come last, so the MARPP and SARPP rows keep their
positions)."""


def _parity_doc(what: str, line: str) -> ColumnDoc:
    return ColumnDoc(
        "float64",
        "index, U.S. = 100",
        f"Regional price parity for {what} (BEA LineCode {line}); NaN where BEA prints (NA)",
    )


TABLES: dict[str, dict[str, ColumnDoc]] = {
    "price_parities": {
        "geo_level": ColumnDoc(
            "string",
            "category",
            "nation | state | metro | nonmetro portion (U.S. nonmetro) | state metro | state "
            "nonmetro (a state's metropolitan / nonmetropolitan portion, BEA PARPP GeoFIPS "
            "ss998 / ss999; no state nonmetro rows where BEA prints 0.000, i.e. prices none)",
        ),
        "geo_code": ColumnDoc(
            "string",
            "code",
            "'00000' U.S.; 2-digit state FIPS for states (BEA GeoFIPS '06000' -> '06') and for "
            "state metro / state nonmetro portions ('06998', '06999' -> '06'); 5-digit OMB "
            "2023 CBSA code for metros; '00999' for the U.S. nonmetro portion",
        ),
        "geo_name": ColumnDoc(
            "string",
            "name",
            "BEA area name without ' (Metropolitan Statistical Area)' and the trailing ' *'",
        ),
        "year": ColumnDoc("Int64", "year", "Reference year, 2008-2024"),
        "all_items": _parity_doc("all items", "1"),
        "goods": _parity_doc("goods", "2"),
        "housing": _parity_doc("housing services (rents)", "3"),
        "utilities": _parity_doc("utilities", "4"),
        "other_services": _parity_doc("other services", "5"),
    }
}
