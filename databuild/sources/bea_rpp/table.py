"""One BEA RPP CSV (MARPP, SARPP, PARPP) -> a long frame, with every check a BEA table allows.

The footer names the table and the release; the header's year columns must be contiguous and
match the file name's span; each area has LineCodes 1-5 with their BEA descriptions, the same
(NA) years on every line, and parities in a plausible range. PARPP prints 0.000 on every line
and year for a state's nonmetropolitan portion that BEA does not price (`unpriced`): such an
area is reported in `TableInfo.unpriced` and left out of the frame; a 0 anywhere else is out
of range like any other implausible parity.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from databuild.errors import SourceError
from databuild.sources.base import (
    check_pattern,
    read_csv_text,
    read_text,
    reject_first,
    to_number,
)

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
UPDATED = re.compile(r"Last updated: (\w+ \d{1,2}, \d{4})-- new statistics for (\d{4})")


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
    unpriced: dict[str, str] = field(default_factory=dict)
    """GeoFIPS -> GeoName of the areas printed 0.000 on every line and year (left out)."""
    lines: dict[str, int] = field(default_factory=dict)
    """GeoFIPS -> the file line of its first row, for messages about an area."""


def _footer_info(path: Path, footer: list[str], line: int) -> tuple[str, date, int]:
    """(table name, release date, year of the new statistics) from BEA's footer lines."""
    table = next((m.group(1) for f in footer if (m := re.match(r"([A-Z]+): ", f))), None)
    updated = next((m for f in footer if (m := UPDATED.search(f))), None)
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


def _unpriced_rows(frame: pd.DataFrame, years: list[str], unpriced: str | None) -> pd.Series:
    """Rows of the areas whose GeoFIPS fully matches `unpriced` and whose every parity, on
    every LineCode and year, is exactly 0 (BEA's mark for a portion it does not price)."""
    if unpriced is None:
        return pd.Series(False, index=frame.index)
    zero = (frame[years] == 0).all(axis=1)
    area_zero = zero.groupby(frame["GeoFIPS"]).transform("all")
    return area_zero & frame["GeoFIPS"].str.fullmatch(unpriced)


def read_table(path: Path, table: str | None = None) -> tuple[pd.DataFrame, int]:
    """Read one BEA RPP CSV (MARPP, SARPP, PARPP) -> (long frame, data rows read); see
    `read_table_info`."""
    wide, rows, _ = read_table_info(path, table)
    return wide, rows


def read_table_info(
    path: Path,
    table: str | None = None,
    *,
    codes: str = r"\d{5}",
    unpriced: str | None = None,
) -> tuple[pd.DataFrame, int, TableInfo]:
    """Read one BEA RPP CSV (MARPP, SARPP, PARPP) -> (long frame, data rows read, what it says).

    The frame has one row per GeoFIPS x year with columns geo_fips, geo_name, year and the
    five parities (float64). Raises SourceError for a missing column, a GeoFIPS not matching
    `codes`, an unknown LineCode, a Description not matching its LineCode, a non-4-digit year
    column, a parity outside [50, 200] ([25, 400] for housing and utilities) or text that is
    not a number. Areas whose GeoFIPS matches `unpriced` and which are 0.000 on every line and
    year are left out of the frame and listed in `TableInfo.unpriced`.
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
    what = "a 5-digit GeoFIPS code" + ("" if codes == r"\d{5}" else f" matching {codes}")
    check_pattern(frame, "GeoFIPS", codes, path, what)
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
    zero = _unpriced_rows(frame, years, unpriced)
    for year in years:
        _check_range(frame[~zero], year, path)
    missing = _missing_years(frame[~zero], years, path)
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
    rows_read = len(frame)
    lines = frame.groupby("GeoFIPS", sort=False)["_line"].min()
    left_out = frame[zero].drop_duplicates("GeoFIPS")
    frame = frame[~zero]
    long = frame.melt(
        id_vars=["GeoFIPS", "geo_name", "LineCode"], value_vars=years, var_name="year"
    )
    wide = long.pivot(index=["GeoFIPS", "geo_name", "year"], columns="LineCode", values="value")
    wide = wide.rename(columns={k: v[0] for k, v in LINES.items()}).reset_index()
    wide = wide.rename(columns={"GeoFIPS": "geo_fips"})
    wide["year"] = wide["year"].astype(int)
    info = TableInfo(
        expected,
        [int(y) for y in years],
        released,
        new_year,
        missing,
        path,
        unpriced=dict(zip(left_out["GeoFIPS"], left_out["geo_name"], strict=True)),
        lines={code: int(line) for code, line in lines.items()},
    )
    return wide, rows_read, info
