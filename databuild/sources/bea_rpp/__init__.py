"""BEA Regional Price Parities (RPP), release of 2026-02-19: table `price_parities`.

One row per area x year (2008-2024) for the nation, the 50 states + DC, the 387 metropolitan
statistical areas and the U.S. nonmetropolitan portion, from `MARPP_MSA_2008_2024.csv` and
`SARPP_STATE_2008_2024.csv`, then each state's metropolitan and nonmetropolitan portion from
`PARPP_PORT_2008_2024.csv` (the price level of a state's BLS OEWS nonmetropolitan areas).
An RPP is a price index with the U.S. average = 100.

The package, one job per module: `table` (one BEA CSV and its checks), `levels` (MARPP +
SARPP + PARPP -> the table), `notes` (footnote and definition files), `columns` (codes and column
docs). This module holds the reader contract (SOURCE, TABLES, FACTS, `read`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from databuild.sources.base import ReadResult, SourceInfo
from databuild.sources.bea_rpp.columns import LEVEL_ORDER, NONMETRO_CODE, TABLES, US_CODE
from databuild.sources.bea_rpp.levels import read_files, read_files_info
from databuild.sources.bea_rpp.notes import check_definition, check_footnotes
from databuild.sources.bea_rpp.table import (
    LINES,
    PARITY_RANGE,
    UPDATED,
    WIDE_RANGE,
    TableInfo,
    read_table,
    read_table_info,
)

SOURCE = SourceInfo(
    key="bea_rpp",
    publisher="U.S. Bureau of Economic Analysis (BEA)",
    title="Regional Price Parities by MSA (MARPP), by state (SARPP) and by state metro and "
    "nonmetro portion (PARPP), 2008-2024",
    url="https://apps.bea.gov/regional/zip/MARPP.zip",
    licence="Public domain (U.S. federal government work)",
    vintage="Release of 2026-02-19 (new 2024, revised 2008-2023); OMB 2023 metro delineation",
    folder="bea_rpp",
    caveats=(
        "Price levels relative to the U.S. average (= 100) in the same year; compare places "
        "within a year, not one place across years.",
        "(NA) before 2013 for Enid OK, before 2015 for Twin Falls ID and before 2016 for "
        "Kiryas Joel-Poughkeepsie-Newburgh NY.",
        "Metro codes follow the OMB July 2023 delineation (e.g. Cleveland is 17410).",
        "State portions (PARPP): BEA prints 0.000 on every line and year for the "
        "nonmetropolitan portion of the states it does not price there (fact "
        "nonmetro_missing); those rows are left out, never stored as 0.",
    ),
)

METRO_FILE = "MARPP_MSA_2008_2024.csv"
STATE_FILE = "SARPP_STATE_2008_2024.csv"
FOOTNOTES_FILE = "MARPP__Footnotes.html"
DEFINITION_FILE = "MARPP__definition.xml"
PORTION_FILE = "PARPP_PORT_2008_2024.csv"
VINTAGE_DIR = "vintage_2024-12"
VINTAGE_METRO_FILE = "MARPP_MSA_2008_2023.csv"
VINTAGE_STATE_FILE = "SARPP_STATE_2008_2023.csv"

FACTS: dict[str, str] = {
    "first_year": "First year column of the MARPP table",
    "latest_year": "Last year column; equals the footer's 'new statistics for' year",
    "release_date": "BEA release date (ISO), from the footer's 'Last updated'",
    "release": "Release month, e.g. 'Feb 2026'",
    "nonmetro_states": "States (and DC) with a nonmetropolitan-portion price level in PARPP "
    "(rows 'state nonmetro')",
    "nonmetro_missing": "State FIPS -> name of the states whose nonmetropolitan portion BEA "
    "prints as 0.000 (no price level; no 'state nonmetro' rows)",
}


def find_file(folder: Path, name: str) -> Path:
    """`folder/name`, or else the newest BEA file of the same table (e.g. MARPP_MSA_*.csv).

    BEA names files after their year span, so a newer release (…_2008_2025.csv) is found
    too; the last in sorted order is the one with the latest end year.
    """
    path = folder / name
    if path.exists():
        return path
    matches = sorted(folder.glob(name.rsplit("_", 2)[0] + "_*.csv"))
    return matches[-1] if matches else path


def read(raw_dir: Path) -> ReadResult:
    """Read `raw_dir/bea_rpp/` MARPP, SARPP and PARPP -> table `price_parities`.

    MARPP's footnote and definition files, when present beside it, are checked against it.
    """
    folder = Path(raw_dir) / SOURCE.folder
    metro_path, state_path = find_file(folder, METRO_FILE), find_file(folder, STATE_FILE)
    portion_path = find_file(folder, PORTION_FILE)
    table, rows, info, portions = read_files_info(metro_path, state_path, portion_path)
    inputs = [metro_path, state_path, portion_path]
    if (notes := folder / FOOTNOTES_FILE).exists():
        check_footnotes(notes, info)
        inputs.append(notes)
    if (definition := folder / DEFINITION_FILE).exists():
        check_definition(definition, "MARPP")
        inputs.append(definition)
    counts = table.drop_duplicates(["geo_level", "geo_code"])["geo_level"].value_counts()
    unpriced = sorted(portions.unpriced.items()) if portions else []
    found = {
        "first_year": info.years[0],
        "latest_year": info.years[-1],
        "release_date": info.release_date.isoformat(),
        "release": info.release_date.strftime("%b %Y"),
        "nonmetro_states": int(counts.get("state nonmetro", 0)),
        "nonmetro_missing": {code[:2]: name[: name.rindex(" (")] for code, name in unpriced},
    }
    return ReadResult(
        tables={"price_parities": table},
        inputs=inputs,
        rows_read=rows,
        facts=found,
        caption=f"BEA Regional Price Parities, {found['latest_year']} "
        f"(released {found['release']})",
        log=[
            f"{metro_path.name} + {state_path.name} + {portion_path.name}: {rows} data rows -> "
            f"price_parities {len(table)} rows",
            "areas: " + ", ".join(f"{k} {v}" for k, v in counts.items()),
            f"all_items (NA) cells: {int(table['all_items'].isna().sum())}",
            f"nonmetropolitan portions printed 0.000 (left out): {found['nonmetro_missing']}",
        ],
    )


def read_vintage(raw_dir: Path) -> pd.DataFrame:
    """The previous release (2024-12-12, 2008-2023, OMB 2020 codes) as `price_parities`.

    For comparing vintages only; the build's table comes from `read`.
    """
    folder = Path(raw_dir) / SOURCE.folder / VINTAGE_DIR
    table, _ = read_files(folder / VINTAGE_METRO_FILE, folder / VINTAGE_STATE_FILE)
    return table


__all__ = [
    "DEFINITION_FILE",
    "FACTS",
    "FOOTNOTES_FILE",
    "LEVEL_ORDER",
    "LINES",
    "METRO_FILE",
    "NONMETRO_CODE",
    "PARITY_RANGE",
    "PORTION_FILE",
    "SOURCE",
    "STATE_FILE",
    "TABLES",
    "UPDATED",
    "US_CODE",
    "VINTAGE_DIR",
    "VINTAGE_METRO_FILE",
    "VINTAGE_STATE_FILE",
    "WIDE_RANGE",
    "TableInfo",
    "check_definition",
    "check_footnotes",
    "find_file",
    "read",
    "read_files",
    "read_files_info",
    "read_table",
    "read_table_info",
    "read_vintage",
]
