"""The shared OEWS normaliser: the readers' intermediate "cells" frame -> the `wages` table.

Every reader (CSV extract, sqlite, flat files) builds the same cells frame; this module checks
its codes and names, parses each measure with its BLS footnotes into a value and a note, checks
that the wages fit their columns (ordered percentiles, annual = hourly x 2,080) and sorts.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pandas as pd

from databuild.errors import SourceError
from databuild.sources.base import conform
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
    TABLES,
)

HOURS_A_YEAR = 2080
"""BLS footnote 2: annual wage = hourly wage x 2,080 where both are published."""
ANNUAL_TOLERANCE = 16.0
"""USD: BLS multiplies the unrounded hourly wage and rounds the annual one to $10, so a
published annual wage is within 0.005 x 2,080 + 5 = 15.4 of the published hourly x 2,080."""
LADDERS = (
    ("h_pct10", "h_pct25", "h_median", "h_pct75", "h_pct90"),
    ("a_pct10", "a_pct25", "a_median", "a_pct75", "a_pct90"),
)

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

# Intermediate ("cells") frame every reader builds before `normalise`: string columns
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


def normalise(cells: pd.DataFrame, path: Path, labels: dict[str, str]) -> pd.DataFrame:
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
            "cbsa": cells["area_code"]
            .str[2:]
            .where(area_type == "metro", cells["area_code"].where(area_type == "nonmetro")),
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
