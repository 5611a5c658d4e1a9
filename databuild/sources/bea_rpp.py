"""BEA Regional Price Parities (RPP), release of 2026-02-19: table `price_parities`.

One row per area x year (2008-2024) for the nation, the 50 states + DC, the 387 metropolitan
statistical areas and the U.S. nonmetropolitan portion, from `MARPP_MSA_2008_2024.csv` and
`SARPP_STATE_2008_2024.csv`. An RPP is a price index with the U.S. average = 100.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree

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
    reject_first,
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
FOOTNOTES_FILE = "MARPP__Footnotes.html"
DEFINITION_FILE = "MARPP__definition.xml"
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
_UPDATED = re.compile(r"Last updated: (\w+ \d{1,2}, \d{4})-- new statistics for (\d{4})")
_NOT_AVAILABLE = re.compile(
    r"\s*(?:and )?([^,]+?, [A-Z]{2}(?:-[A-Z]{2})*)(?: \(Metropolitan Statistical Area\))? "
    r"prior to (\d{4})"
)


def _parity_doc(what: str, line: str) -> ColumnDoc:
    return ColumnDoc(
        "float64",
        "index, U.S. = 100",
        f"Regional price parity for {what} (BEA LineCode {line}); NaN where BEA prints (NA)",
    )


FACTS: dict[str, str] = {
    "first_year": "First year column of the MARPP table",
    "latest_year": "Last year column; equals the footer's 'new statistics for' year",
    "release_date": "BEA release date (ISO), from the footer's 'Last updated'",
    "release": "Release month, e.g. 'Feb 2026'",
}

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


def _split_footer(path: Path, text: str) -> tuple[str, list[str]]:
    """Drop BEA's footer (trailing one-field lines) -> (data text, footer lines).

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
    return "".join(lines[:end]), [row[0].strip() for row in footer]


@dataclass
class TableInfo:
    """What a BEA file says about itself: table, years, release (footer 'Last updated')."""

    table: str
    years: list[int]
    release_date: date
    new_year: int
    missing: dict[str, list[int]]
    """GeoFIPS -> the years printed (NA), identical on all its LineCodes."""
    path: Path


def _footer_info(path: Path, footer: list[str], line: int) -> tuple[str, date, int]:
    """(table name, release date, year of the new statistics) from BEA's footer lines."""
    table = next((m.group(1) for f in footer if (m := re.match(r"([A-Z]+): ", f))), None)
    updated = next((m for f in footer if (m := _UPDATED.search(f))), None)
    if table is None or updated is None:
        raise SourceError(
            path, "footer lacks the table line or 'Last updated: <date>-- new statistics for "
            "<year>'", line=line,
        )  # fmt: skip
    when = datetime.strptime(updated.group(1), "%B %d, %Y").date()
    return table, when, int(updated.group(2))


def _check_header(path: Path, frame: pd.DataFrame, years: list[int], table: str) -> None:
    """The file is the expected table, its years contiguous and equal to its name's span."""
    names = frame["TableName"].str.strip()
    reject_first(frame, names != table, path, "TableName", f"is not the expected table {table}")
    if years != list(range(years[0], years[-1] + 1)):
        raise SourceError(path, f"year columns {years} are not contiguous", line=1)
    span = re.search(r"_(\d{4})_(\d{4})\.csv$", path.name)
    if span and (int(span.group(1)), int(span.group(2))) != (years[0], years[-1]):
        raise SourceError(
            path,
            f"year columns run {years[0]}-{years[-1]} but the file name says "
            f"{span.group(1)}-{span.group(2)} (another release or shifted header?)",
            line=1,
        )


def _missing_years(frame: pd.DataFrame, years: list[str], path: Path) -> dict[str, list[int]]:
    """GeoFIPS -> years printed (NA). Every LineCode of an area must have the same (NA) years,
    and they must be a leading run (BEA starts a new metro's series late, never pauses it)."""
    out: dict[str, list[int]] = {}
    na = frame[years].isna()
    for code, rows in na.groupby(frame["GeoFIPS"], sort=False):
        first = rows.index[0]
        pattern = rows.iloc[0]
        differs = (rows != pattern).any(axis=1)
        leading = pattern.cummin().equals(pattern)
        if differs.any() or not leading:
            where = rows.index[differs.to_numpy()][0] if differs.any() else first
            raise SourceError(
                path,
                f"GeoFIPS {code}: (NA) years differ between its LineCodes or are not the first "
                "years (a row shifted?)",
                line=int(frame.at[where, "_line"]),
            )
        if pattern.any():
            out[code] = [int(y) for y in pattern.index[pattern.to_numpy()]]
    return out


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


def read_table(path: Path, table: str | None = None) -> tuple[pd.DataFrame, int]:
    """Read one BEA RPP CSV (MARPP, SARPP) -> (long frame, data rows read); see `_read_table`."""
    wide, rows, _ = _read_table(path, table)
    return wide, rows


def _read_table(path: Path, table: str | None = None) -> tuple[pd.DataFrame, int, TableInfo]:
    """Read one BEA RPP CSV (MARPP, SARPP) -> (long frame, data rows read, what it says).

    The frame has one row per GeoFIPS x year with columns geo_fips, geo_name, year and the
    five parities (float64). Raises SourceError for a missing column, a bad GeoFIPS, an
    unknown LineCode, a Description not matching its LineCode, a non-4-digit year column, a
    parity outside [50, 200] ([25, 400] for housing and utilities) or text that is not a
    number.
    """
    # The SARPP copy ends lines with "\r\r\n" (a carrier's double CRLF conversion): count
    # lines as "\n"-terminated, as grep -n and wc -l do.
    text = re.sub(r"\r+\n", "\n", read_text(path))
    text, footer = _split_footer(path, text)
    footer_table, released, new_year = _footer_info(path, footer, text.count("\n") + 1)
    expected = table or re.match(r"[A-Z]*", path.name).group(0) or footer_table
    if footer_table != expected:
        raise SourceError(path, f"footer names table {footer_table}, expected {expected}")
    required = ["GeoFIPS", "GeoName", "TableName", "LineCode", "Description"]
    frame = read_csv_text(path, text, required=required)
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
    _check_header(path, frame, [int(y) for y in years], expected)
    if new_year != int(years[-1]):
        raise SourceError(
            path,
            f"the footer's new statistics are for {new_year} but the last year column is "
            f"{years[-1]}",
        )
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
    missing = _missing_years(frame, years, path)
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
    info = TableInfo(expected, [int(y) for y in years], released, new_year, missing, path)
    return wide, len(frame), info


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
    table, rows, _ = _read_files(metro_path, state_path)
    return table, rows


def _read_files(metro_path: Path, state_path: Path) -> tuple[pd.DataFrame, int, TableInfo]:
    """Read a MARPP + SARPP pair of one release -> (table, data rows read, metro file info)."""
    metro, metro_rows, info = _read_table(metro_path, "MARPP")
    state, state_rows, state_info = _read_table(state_path, "SARPP")
    if (state_info.years, state_info.release_date) != (info.years, info.release_date):
        raise SourceError(
            state_path,
            f"release {state_info.release_date} with years {state_info.years[0]}-"
            f"{state_info.years[-1]} differs from {metro_path.name}'s {info.release_date} "
            f"({info.years[0]}-{info.years[-1]})",
        )
    info.missing = {
        name: info.missing[code]
        for code, name in zip(metro["geo_fips"], metro["geo_name"], strict=True)
        if code in info.missing
    }
    return _levels(metro, state, state_path), metro_rows + state_rows, info


def check_footnotes(path: Path, info: TableInfo) -> None:
    """Check a MARPP__Footnotes.html against the table: same 'Last updated' text, and (NA)
    exactly where it says 'not available for <area> prior to <year>'."""
    text = re.sub(r"<[^>]+>|&nbsp;", " ", read_text(path))
    updated = _UPDATED.search(re.sub(r"\s+", " ", text))
    if updated is None:
        raise SourceError(path, "no 'Last updated: <date>-- new statistics for <year>' line")
    when = datetime.strptime(updated.group(1), "%B %d, %Y").date()
    if (when, int(updated.group(2))) != (info.release_date, info.new_year):
        raise SourceError(
            path, f"says last updated {when} with {updated.group(2)}; {info.path.name} says "
            f"{info.release_date} with {info.new_year}: files of different releases",
        )  # fmt: skip
    stated = re.search(r"not available for (.*?)\.\s", text, re.DOTALL)
    expected = {
        m.group(1).strip(): list(range(info.years[0], int(m.group(2))))
        for m in _NOT_AVAILABLE.finditer(stated.group(1) if stated else "")
    }
    if expected != info.missing:
        raise SourceError(
            path, f"says (NA) for {expected}, but {info.path.name} has (NA) for "
            f"{info.missing} (a row shifted, or footnotes of another release)",
        )  # fmt: skip


def check_definition(path: Path, table: str) -> None:
    """Check a MARPP__definition.xml: the table name and its LineCode descriptions."""
    try:
        root = ElementTree.fromstring(read_text(path))
    except ElementTree.ParseError as err:
        raise SourceError(path, f"not readable XML ({err})") from None
    lines = {e.findtext("Code"): e.findtext("Description") for e in root.iter("LINE")}
    wanted = {code: text for code, (_, text) in LINES.items()}
    if root.get("Table") != table or lines != wanted:
        raise SourceError(
            path, f"defines table {root.get('Table')} lines {lines}; expected {table} {wanted}"
        )


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
    """Read `raw_dir/bea_rpp/` MARPP and SARPP -> table `price_parities`.

    MARPP's footnote and definition files, when present beside it, are checked against it.
    """
    folder = Path(raw_dir) / SOURCE.folder
    metro_path, state_path = find_file(folder, METRO_FILE), find_file(folder, STATE_FILE)
    table, rows, info = _read_files(metro_path, state_path)
    inputs = [metro_path, state_path]
    if (notes := folder / FOOTNOTES_FILE).exists():
        check_footnotes(notes, info)
        inputs.append(notes)
    if (definition := folder / DEFINITION_FILE).exists():
        check_definition(definition, "MARPP")
        inputs.append(definition)
    counts = table.drop_duplicates("geo_code")["geo_level"].value_counts()
    found = {
        "first_year": info.years[0],
        "latest_year": info.years[-1],
        "release_date": info.release_date.isoformat(),
        "release": info.release_date.strftime("%b %Y"),
    }
    return ReadResult(
        tables={"price_parities": table},
        inputs=inputs,
        rows_read=rows,
        facts=found,
        caption=f"BEA Regional Price Parities, {found['latest_year']} "
        f"(released {found['release']})",
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
