"""The `cpi` package's SQLite database: find it without running the package, open it
read-only, read both series of every area and check what the table relies on.

Every failure is a SourceError naming the database file.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import re
import sqlite3
from pathlib import Path

import pandas as pd

from databuild.errors import SourceError
from databuild.sources.cpi.areas import (
    BASE_1982_84,
    BASES,
    CROSSWALK,
    SEMIANNUAL,
    US_SERIES,
    series_id,
    series_read,
    table_areas,
)

PACKAGE, PACKAGE_VERSION, DB_NAME = "cpi", "2.1.0", "cpi.db"
"""The package and version SOURCE names: another installed version stops the build (update
SOURCE, the tests' figures and requirements.txt together)."""

ENV_DB = "ATLAS_CPI_DB"
"""Environment variable: path of a cpi.db to read instead of the installed package's."""

FIRST_YEAR = 2000

VALUE_RANGE = (10.0, 2000.0)

_ANNUAL = {"R": "M13", "S": "S03"}

_TABLE_NOTE = " (table indexes)"


def installed_db() -> Path:
    """The installed package's cpi.db, found without importing (running) the package."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SourceError(
            f"<site-packages>/{PACKAGE}/{DB_NAME}",
            f"package not installed: pip install {PACKAGE}=={PACKAGE_VERSION} (requirements.txt)",
        )
    return Path(next(iter(spec.submodule_search_locations))) / DB_NAME


def db_path() -> Path:
    """$ATLAS_CPI_DB when set, else the installed package's cpi.db."""
    return Path(os.environ[ENV_DB]) if os.environ.get(ENV_DB) else installed_db()


def package_version(db: Path) -> str:
    """The installed cpi distribution's version (its metadata; the package is not run)."""
    try:
        version = importlib.metadata.version(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        version = "none"
    if version != PACKAGE_VERSION:
        raise SourceError(
            db,
            f"{PACKAGE} {version} is installed but databuild/sources/cpi/database.py describes "
            f"{PACKAGE_VERSION}: update SOURCE, the tests' figures and requirements.txt together",
        )
    return version


def connect(db: Path) -> sqlite3.Connection:
    """Open `db` read-only once it is an intact SQLite file (else SourceError)."""
    if not db.is_file():
        raise SourceError(db, "file not found")
    with open(db, "rb") as handle:
        if not handle.read(16) == b"SQLite format 3\x00":
            raise SourceError(db, "not a SQLite database (bad header)")
    try:
        con = sqlite3.connect(f"file:{db.resolve().as_posix()}?mode=ro", uri=True)
        check = con.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as err:
        raise SourceError(db, f"not a readable SQLite database ({err})") from None
    if check != [("ok",)]:
        con.close()
        raise SourceError(db, f"damaged SQLite database (quick_check: {check[0][0]})")
    return con


def query(con: sqlite3.Connection, db: Path, sql: str, params: tuple = ()) -> pd.DataFrame:
    """Run `sql`; any SQLite failure (a missing table or column...) is a SourceError."""
    try:
        return pd.read_sql_query(sql, con, params=params)
    except (sqlite3.Error, pd.errors.DatabaseError) as err:
        raise SourceError(db, f"could not be read ({err})") from None


def read_series(con: sqlite3.Connection, db: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(series metadata with area name, every index row) of both series of every area."""
    wanted = tuple(series_id(a, p) for a in table_areas() for p in _ANNUAL)
    marks = ",".join("?" * len(wanted))
    meta = query(
        con,
        db,
        "SELECT s.id, s.survey, s.seasonally_adjusted, s.periodicity, s.area, s.items, "
        f"a.name AS area_name FROM series s LEFT JOIN areas a ON a.code = s.area "
        f"WHERE s.id IN ({marks})",
        wanted,
    )
    rows = query(
        con,
        db,
        "SELECT series, year, period, value, typeof(value) AS kind, typeof(year) AS year_kind "
        f"FROM indexes WHERE series IN ({marks})",
        wanted,
    )
    return meta, rows


def check_metadata(meta: pd.DataFrame, db: Path) -> None:
    """Both series of every area are listed once, as CPI-U, NSA, all items, of that area."""
    for area in table_areas():
        for periodicity in _ANNUAL:
            sid = series_id(area, periodicity)
            found = meta[meta["id"] == sid]
            if len(found) != 1:
                problem = "is missing" if found.empty else f"is listed {len(found)} times"
                raise SourceError(db, f"required series {sid} {problem} (table series)")
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
                        db, f"series {sid} has {column} {row[column]!r}", column=column
                    )
            if pd.isna(row["area_name"]) or not str(row["area_name"]).strip():
                raise SourceError(db, f"area {area} of series {sid} has no name (table areas)")


def check_current_metros(con: sqlite3.Connection, db: Path, latest: int) -> None:
    """The current metro CPI areas (S + 2 digits + letter, with an all-items annual average in
    the latest year) are exactly the CROSSWALK's."""
    found = query(
        con,
        db,
        "SELECT DISTINCT s.area FROM series s JOIN indexes i ON i.series = s.id "
        "WHERE s.items = 'SA0' AND s.seasonally_adjusted = 0 AND s.id LIKE 'CUU%' "
        "AND i.year = ? AND i.period IN ('M13', 'S03')",
        (latest,),
    )
    current = {a for a in found["area"] if re.fullmatch(r"S\d\d[A-Z]", str(a))}
    if extra := sorted(current - set(CROSSWALK)):
        raise SourceError(
            db, f"current metro CPI area {extra[0]} is not in cpi.CROSSWALK (add its CBSA)"
        )
    if gone := sorted(set(CROSSWALK) - current):
        raise SourceError(db, f"metro CPI area {gone[0]} of cpi.CROSSWALK has no {latest} average")


def check_rows(rows: pd.DataFrame, db: Path) -> None:
    """Index rows are numbers, one per (series, year, period)."""
    dup = rows.duplicated(["series", "year", "period"])
    if dup.any():
        row = rows[dup].iloc[0]
        where = f"{row['series']} {row['year']} {row['period']}"
        raise SourceError(db, f"duplicate (series, year) row: {where}{_TABLE_NOTE}")
    bad = ~rows["kind"].isin(["real", "integer"]) | (rows["year_kind"] != "integer")
    if bad.any():
        row = rows[bad].iloc[0]
        where = f"{row['series']} {row['year']} {row['period']}"
        raise SourceError(
            db, f"{where}: value {row['value']!r} is not a number{_TABLE_NOTE}", column="value"
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


def check_values(annual: pd.DataFrame, db: Path, latest: int) -> None:
    """Annual averages are within VALUE_RANGE, and each area's series read has every year
    from its first (the US series: FIRST_YEAR) to `latest`."""
    low, high = VALUE_RANGE
    bad = ~annual["value"].between(low, high)
    if bad.any():
        row = annual[bad].iloc[0]
        raise SourceError(
            db,
            f"{row['series']} {row['year']} {row['period']}: {row['value']:g} is outside the "
            f"plausible range [{low:g}, {high:g}]{_TABLE_NOTE}",
            column="value",
        )
    for area in table_areas():
        sid = series_read(area)
        years = set(annual.loc[annual["series"] == sid, "year"])
        first = FIRST_YEAR if sid == US_SERIES or not years else min(years)
        if missing := sorted(set(range(first, latest + 1)) - years):
            raise SourceError(
                db, f"{sid} has no annual average for {missing[0]} ({len(missing)} missing)"
            )


def check_pairs(annual: pd.DataFrame, db: Path) -> None:
    """An area's CUUR (M13) and CUUS (S03) annual averages agree where both are published,
    and the series read covers every year the other does."""
    wide = annual.pivot_table(index=["area", "year"], columns="periodicity", values="value")
    both = wide.dropna()
    differ = (both["R"] - both["S"]).abs() > 0.0005
    if differ.any():
        area, year = both.index[differ.to_numpy()][0]
        r, s = both.loc[(area, year), ["R", "S"]]
        raise SourceError(
            db,
            f"area {area} {year}: annual averages differ between {series_id(area, 'R')} "
            f"({r:g}) and {series_id(area, 'S')} ({s:g})",
            column="value",
        )
    for area in table_areas():
        published = wide.loc[area]
        read = "S" if area in SEMIANNUAL else "R"
        other = "R" if read == "S" else "S"
        if short := sorted(published.index[published[read].isna() & published[other].notna()]):
            raise SourceError(
                db,
                f"{series_id(area, read)} lacks the {short[0]} annual average that "
                f"{series_id(area, other)} publishes (areas.SEMIANNUAL)",
            )


def check_base(area: str, rows: pd.DataFrame, db: Path) -> str:
    """The area's base (BASES, else 1982-84=100), checked on both of its series' indexes where
    the database holds the base period."""
    base = BASES.get(area, BASE_1982_84)
    mine = rows[rows["series"].str[4:-3] == area].sort_values(["year", "series"])
    annual = mine[mine["period"].isin(["M13", "S03"])].drop_duplicates("year")  # CUUR first
    by_year = annual.set_index("year")["value"].astype("float64")
    december = mine[mine["period"] == "M12"].drop_duplicates("year").set_index("year")["value"]
    level = {
        BASE_1982_84: by_year.reindex([1982, 1983, 1984]).mean(skipna=False),
        "1987=100": by_year.get(1987),
        "Dec 2017=100": december.get(2017),
    }.get(base, 100.0)  # Dec 2001=100: Phoenix's data start in 2002
    if level is None or pd.isna(level) or abs(float(level) - 100.0) > 0.1:
        raise SourceError(db, f"area {area}: the base period of {base} is {level}, not 100")
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
