"""BEA Regional Price Parities (RPP), release of 2026-02-19: table `price_parities`.

One row per area x year (2008-2024) for the nation, the 50 states + DC, the 387 metropolitan
statistical areas and the U.S. nonmetropolitan portion, from `MARPP_MSA_2008_2024.csv` and
`SARPP_STATE_2008_2024.csv`. An RPP is a price index with the U.S. average = 100.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from databuild.errors import SourceError
from databuild.sources.base import (
    ColumnDoc,
    ReadResult,
    SourceInfo,
    check_pattern,
    conform,
    read_csv_text,
    read_text,
    to_number,
)

SOURCE = SourceInfo(
    key="bea_rpp",
    publisher="U.S. Bureau of Economic Analysis (BEA)",
    title="Regional Price Parities by MSA (MARPP) and by state (SARPP), 2008-2024",
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
    ),
)

METRO_FILE = "MARPP_MSA_2008_2024.csv"
STATE_FILE = "SARPP_STATE_2008_2024.csv"
VINTAGE_DIR = "vintage_2024-12"
VINTAGE_METRO_FILE = "MARPP_MSA_2008_2023.csv"
VINTAGE_STATE_FILE = "SARPP_STATE_2008_2023.csv"

US_CODE = "00000"
NONMETRO_CODE = "00999"
LEVEL_ORDER: tuple[str, ...] = ("nation", "state", "metro", "nonmetro portion")

LINES: dict[str, tuple[str, str]] = {
    "1": ("all_items", "RPPs: All items"),
    "2": ("goods", "RPPs: Goods"),
    "3": ("housing", "RPPs: Services: Housing"),
    "4": ("utilities", "RPPs: Services: Utilities"),
    "5": ("other_services", "RPPs: Services: Other"),
}
"""BEA LineCode -> (column, Description after trimming spaces)."""

PARITY_RANGE = (50.0, 200.0)
"""Plausible range of all-items, goods and other-services parities (real extremes 75-123)."""
WIDE_RANGE = (25.0, 400.0)
"""Housing and utilities parities vary far more (real extremes 38.9 and 266.0)."""
_WIDE_LINES = ("3", "4")
_FOOTER_END = "U.S. Bureau of Economic Analysis"


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


def _split_footer(path: Path, text: str) -> tuple[str, int]:
    """Drop BEA's footer (trailing one-field lines) -> (data text, footer lines dropped).

    A BEA table always ends with the line 'U.S. Bureau of Economic Analysis'; when it is
    missing the file was cut short, which raises SourceError.
    """
    lines = text.splitlines(keepends=True)
    end = len(lines)
    while end > 1:
        line = lines[end - 1]
        fields = next(csv.reader(io.StringIO(line)), [])
        if line.strip() and len(fields) > 1:
            break
        end -= 1
    footer = [next(csv.reader(io.StringIO(line)), [""]) for line in lines[end:] if line.strip()]
    if not footer or footer[-1][0].strip() != _FOOTER_END:
        raise SourceError(
            path,
            f"BEA footer ending '{_FOOTER_END}' not found: the file looks truncated",
            line=len(lines),
        )
    return "".join(lines[:end]), len(footer)


def _check_range(frame: pd.DataFrame, year: str, path: Path) -> None:
    """Raise SourceError at the first parity outside its LineCode's plausible range."""
    wide = frame["LineCode"].isin(_WIDE_LINES)
    low = wide.map({True: WIDE_RANGE[0], False: PARITY_RANGE[0]})
    high = wide.map({True: WIDE_RANGE[1], False: PARITY_RANGE[1]})
    out = (frame[year] < low) | (frame[year] > high)
    if out.any():
        first = out.idxmax()
        raise SourceError(
            path,
            f"{frame.at[first, year]:g} is outside the plausible range "
            f"[{low[first]:g}, {high[first]:g}] for LineCode {frame.at[first, 'LineCode']}",
            line=int(frame.at[first, "_line"]),
            column=year,
        )


def read_table(path: Path) -> tuple[pd.DataFrame, int]:
    """Read one BEA RPP CSV (MARPP, SARPP) -> (long frame, data rows read).

    The frame has one row per GeoFIPS x year with columns geo_fips, geo_name, year and the
    five parities (float64). Raises SourceError for a missing column, a bad GeoFIPS, an
    unknown LineCode, a Description not matching its LineCode, a non-4-digit year column, a
    parity outside [50, 200] ([25, 400] for housing and utilities) or text that is not a
    number.
    """
    # The SARPP copy ends lines with "\r\r\n" (a carrier's double CRLF conversion): count
    # lines as "\n"-terminated, as grep -n and wc -l do.
    text = re.sub(r"\r+\n", "\n", read_text(path))
    text, _ = _split_footer(path, text)
    frame = read_csv_text(path, text, required=["GeoFIPS", "GeoName", "LineCode", "Description"])
    header = [c for c in frame.columns if c != "_line"]
    years = header[header.index("Unit") + 1 :] if "Unit" in header else []
    bad_year = [c for c in years if not re.fullmatch(r"\d{4}", c)]
    if not years or bad_year:
        raise SourceError(
            path,
            f"year columns after 'Unit' must be 4-digit years; found {bad_year or 'none'}",
            line=1,
            column=(bad_year or ["Unit"])[0],
        )
    if frame.empty:
        raise SourceError(path, "no data rows")
    frame["GeoFIPS"] = frame["GeoFIPS"].str.strip().str.strip('"').str.strip()
    check_pattern(frame, "GeoFIPS", r"\d{5}", path, "a 5-digit GeoFIPS code")
    frame["LineCode"] = frame["LineCode"].str.strip()
    check_pattern(frame, "LineCode", "[1-5]", path, "a BEA RPP LineCode 1-5")
    desc = frame["Description"].str.split().str.join(" ")
    expected = frame["LineCode"].map({k: v[1] for k, v in LINES.items()})
    wrong = desc != expected
    if wrong.any():
        first = wrong.idxmax()
        raise SourceError(
            path,
            f"Description {frame.at[first, 'Description']!r} does not match LineCode "
            f"{frame.at[first, 'LineCode']} ({expected[first]!r})",
            line=int(frame.at[first, "_line"]),
            column="Description",
        )
    dup = frame.duplicated(["GeoFIPS", "LineCode"])
    if dup.any():
        first = dup.idxmax()
        raise SourceError(
            path, "duplicate GeoFIPS x LineCode row", line=int(frame.at[first, "_line"])
        )
    for year in years:
        frame[year] = to_number(frame, year, path, missing=("(NA)",))
        _check_range(frame, year, path)
    complete = frame.groupby("GeoFIPS")["LineCode"].transform("size") == len(LINES)
    if not complete.all():
        first = (~complete).idxmax()
        raise SourceError(
            path,
            f"GeoFIPS {frame.at[first, 'GeoFIPS']} lacks some of LineCodes 1-5",
            line=int(frame.at[first, "_line"]),
            column="LineCode",
        )
    frame["geo_name"] = (
        frame["GeoName"]
        .str.strip()
        .str.replace(" (Metropolitan Statistical Area)", "", regex=False)
        .str.replace(r"\s*\*$", "", regex=True)
    )
    names = frame.groupby("GeoFIPS")["geo_name"].transform("nunique")
    if (names > 1).any():
        first = (names > 1).idxmax()
        raise SourceError(
            path,
            f"GeoFIPS {frame.at[first, 'GeoFIPS']} has different GeoNames across LineCodes",
            line=int(frame.at[first, "_line"]),
            column="GeoName",
        )
    long = frame.melt(
        id_vars=["GeoFIPS", "geo_name", "LineCode"], value_vars=years, var_name="year"
    )
    wide = long.pivot(index=["GeoFIPS", "geo_name", "year"], columns="LineCode", values="value")
    wide = wide.rename(columns={k: v[0] for k, v in LINES.items()}).reset_index()
    wide = wide.rename(columns={"GeoFIPS": "geo_fips"})
    wide["year"] = wide["year"].astype(int)
    return wide, len(frame)


def _levels(metro: pd.DataFrame, state: pd.DataFrame, state_path: Path) -> pd.DataFrame:
    """Combine the MARPP and SARPP long frames into the documented table."""
    metro = metro.copy()
    metro["geo_level"] = "metro"
    metro.loc[metro["geo_fips"] == US_CODE, "geo_level"] = "nation"
    metro.loc[metro["geo_fips"] == NONMETRO_CODE, "geo_level"] = "nonmetro portion"
    metro["geo_code"] = metro["geo_fips"]
    state = state[state["geo_fips"] != US_CODE].copy()
    not_state = ~state["geo_fips"].str.fullmatch(r"\d{2}000")
    if not_state.any():
        raise SourceError(
            state_path,
            f"GeoFIPS {state.loc[not_state.idxmax(), 'geo_fips']} is not a state code (ss000)",
            column="GeoFIPS",
        )
    state["geo_level"] = "state"
    state["geo_code"] = state["geo_fips"].str[:2]
    both = pd.concat([metro, state], ignore_index=True)
    both["_order"] = both["geo_level"].map({t: i for i, t in enumerate(LEVEL_ORDER)})
    both = both.sort_values(["_order", "geo_code", "year"], kind="stable")
    return conform(both, TABLES["price_parities"])


def read_files(metro_path: Path, state_path: Path) -> tuple[pd.DataFrame, int]:
    """Read a MARPP + SARPP pair -> (`price_parities` table, data rows read)."""
    metro, metro_rows = read_table(metro_path)
    state, state_rows = read_table(state_path)
    return _levels(metro, state, state_path), metro_rows + state_rows


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
    """Read `raw_dir/bea_rpp/` MARPP and SARPP (2008-2024) -> table `price_parities`."""
    folder = Path(raw_dir) / SOURCE.folder
    metro_path, state_path = find_file(folder, METRO_FILE), find_file(folder, STATE_FILE)
    table, rows = read_files(metro_path, state_path)
    counts = table.drop_duplicates("geo_code")["geo_level"].value_counts()
    return ReadResult(
        tables={"price_parities": table},
        inputs=[metro_path, state_path],
        rows_read=rows,
        log=[
            f"{metro_path.name} + {state_path.name}: {rows} data rows -> "
            f"price_parities {len(table)} rows",
            "areas: " + ", ".join(f"{k} {v}" for k, v in counts.items()),
            f"all_items (NA) cells: {int(table['all_items'].isna().sum())}",
        ],
    )


def read_vintage(raw_dir: Path) -> pd.DataFrame:
    """The previous release (2024-12-12, 2008-2023, OMB 2020 codes) as `price_parities`.

    For comparing vintages only; the build's table comes from `read`.
    """
    folder = Path(raw_dir) / SOURCE.folder / VINTAGE_DIR
    table, _ = read_files(folder / VINTAGE_METRO_FILE, folder / VINTAGE_STATE_FILE)
    return table
