"""BEA RPP `price_parities` table: geography levels and codes, column docs."""

from __future__ import annotations

from databuild.sources.base import ColumnDoc

US_CODE = "00000"
NONMETRO_CODE = "00999"
LEVEL_ORDER: tuple[str, ...] = ("nation", "state", "metro", "nonmetro portion")


def _parity_doc(what: str, line: str) -> ColumnDoc:
    return ColumnDoc(
        "float64",
        "index, U.S. = 100",
        f"Regional price parity for {what} (BEA LineCode {line}); NaN where BEA prints (NA)",
    )


TABLES: dict[str, dict[str, ColumnDoc]] = {
    "price_parities": {
        "geo_level": ColumnDoc(
            "string", "category", "nation | state | metro | nonmetro portion (U.S. nonmetro)"
        ),
        "geo_code": ColumnDoc(
            "string",
            "code",
            "'00000' U.S.; 2-digit state FIPS for states (BEA GeoFIPS '06000' -> '06'); "
            "5-digit OMB 2023 CBSA code for metros; '00999' for the U.S. nonmetro portion",
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
