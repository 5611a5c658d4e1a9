"""HUD Fair Market Rents FY2026 by metropolitan CBSA: table `rents`.

`FY26_FMRs.xlsx` (sheet FY26_FMRs) has one row per county, or per town in New England, with
the FMR of the HUD area it belongs to. For metro rows `hud_area_code` is 'METRO' + the 5-digit
CBSA + the HUD area suffix (e.g. METRO41860MM7360 is the San Francisco HMFA inside CBSA
41860); non-metro county codes start with 'NCNTY' and are not used.

When a CBSA is one HUD area its FMRs are copied as published. When it spans several HUD areas
(e.g. San Francisco and Oakland-Fremont HMFAs in CBSA 41860), each FMR is the mean of the
county (or town) rows' FMRs weighted by their pop2023, i.e. the rent a resident of the CBSA
faces on average.
"""

from __future__ import annotations

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
    to_number,
)
from databuild.sources.geo import read_sheet, require_columns, require_values

SOURCE = SourceInfo(
    key="hud_fmr",
    publisher="U.S. Department of Housing and Urban Development (HUD), HUD USER",
    title="Fair Market Rents FY2026 by county / HUD area",
    url="https://www.huduser.gov/portal/datasets/fmr/fmr2026/FY26_FMRs.xlsx",
    licence="Public domain (U.S. federal government work)",
    vintage="FY2026 original release (effective 2025-10-01); the May 2026 revision was not used",
    folder="hud_fmr",
    caveats=(
        "An FMR is HUD's 40th-percentile gross rent (rent + utilities) of standard-quality "
        "units for recent movers, not a median rent.",
        "CBSAs spanning several HUD areas get the county pop2023-weighted mean FMR.",
    ),
)

FILE = "FY26_FMRs.xlsx"
SHEET = "FY26_FMRs"
FMR_COLUMNS = ("fmr_0", "fmr_1", "fmr_2", "fmr_3", "fmr_4")
FMR_RANGE = (100.0, 20_000.0)
SINGLE = "single HUD area"

_WEIGHT_NOTE = (
    "; for a CBSA spanning several HUD areas, the mean of its county/town rows' FMRs weighted "
    "by pop2023"
)

TABLES: dict[str, dict[str, ColumnDoc]] = {
    "rents": {
        "cbsa": ColumnDoc(
            "string", "CBSA code", "5-digit CBSA code (hud_area_code characters 6-10)"
        ),
        **{
            col: ColumnDoc(
                "float64",
                "USD per month",
                f"FY2026 Fair Market Rent, {col[-1]} bedroom{'s' if col[-1] != '1' else ''}"
                + _WEIGHT_NOTE,
            )
            for col in FMR_COLUMNS
        },
        "hud_areas": ColumnDoc(
            "Int64", "areas", "Number of distinct HUD areas (hud_area_code) in the CBSA"
        ),
        "pop2023": ColumnDoc(
            "float64", "persons", "2023 population of the CBSA: sum of its county/town rows"
        ),
        "method": ColumnDoc(
            "string",
            "text",
            "'single HUD area' (FMRs as published) or 'population-weighted across N HUD "
            "areas' (pop2023-weighted mean of the county/town rows)",
        ),
    }
}

_COLUMNS = ["stusps", "hud_area_code", "metro", "fips", "pop2023", *FMR_COLUMNS]


def rents_by_cbsa(rows: pd.DataFrame) -> pd.DataFrame:
    """County/town rows (cbsa, hud_area_code, pop2023, fmr_0..fmr_4) -> one row per CBSA.

    Single-area CBSAs keep the published FMRs; multi-area CBSAs get the pop2023-weighted mean
    over their rows. Output columns as in TABLES['rents'] (not yet cast).
    """
    out = []
    for cbsa, group in rows.groupby("cbsa", sort=True):
        areas = group["hud_area_code"].nunique()
        pop = float(group["pop2023"].sum())
        record: dict[str, object] = {"cbsa": cbsa, "hud_areas": areas, "pop2023": pop}
        if areas == 1:
            for col in FMR_COLUMNS:
                record[col] = float(group[col].iloc[0])
            record["method"] = SINGLE
        else:
            for col in FMR_COLUMNS:
                record[col] = float((group[col] * group["pop2023"]).sum() / pop)
            record["method"] = f"population-weighted across {areas} HUD areas"
        out.append(record)
    return pd.DataFrame(out)


def read_file(path: Path) -> tuple[pd.DataFrame, int]:
    """Read FY26_FMRs.xlsx -> (`rents` table, county/town rows read)."""
    frame = read_sheet(path, SHEET, "stusps")
    require_columns(frame, _COLUMNS, path)
    if frame.empty:
        raise SourceError(path, "no data rows")
    require_values(frame, _COLUMNS, path)
    check_pattern(
        frame,
        "hud_area_code",
        r"(METRO\d{5}|NCNTY\d{5})[A-Z0-9]{6}",
        path,
        "a HUD area code (METROnnnnn... or NCNTYnnnnn...)",
    )
    check_pattern(frame, "fips", r"\d{10}", path, "a 10-digit FIPS code")
    check_pattern(frame, "metro", "[01]", path, "a metro flag 0/1")
    is_metro = frame["hud_area_code"].str.startswith("METRO")
    mismatch = is_metro != (frame["metro"] == "1")
    if mismatch.any():
        first = mismatch.idxmax()
        raise SourceError(
            path,
            "metro flag disagrees with hud_area_code",
            line=int(frame.at[first, "_line"]),
            column="metro",
        )
    if frame["fips"].duplicated().any():
        first = frame["fips"].duplicated().idxmax()
        raise SourceError(
            path, "duplicate fips row", line=int(frame.at[first, "_line"]), column="fips"
        )
    frame["pop2023"] = to_number(frame, "pop2023", path, low=0, high=50_000_000)
    for col in FMR_COLUMNS:
        frame[col] = to_number(frame, col, path, low=FMR_RANGE[0], high=FMR_RANGE[1])
    varies = frame.groupby("hud_area_code")[list(FMR_COLUMNS)].transform("nunique").gt(1)
    if varies.any(axis=None):
        first = varies.any(axis=1).idxmax()
        raise SourceError(
            path,
            f"HUD area {frame.at[first, 'hud_area_code']} has different FMRs on different rows",
            line=int(frame.at[first, "_line"]),
        )
    metro = frame[is_metro].assign(cbsa=frame["hud_area_code"].str[5:10])
    zero = metro.groupby("cbsa")["pop2023"].transform("sum") <= 0
    if zero.any():
        first = zero.idxmax()
        raise SourceError(
            path,
            f"CBSA {metro.at[first, 'cbsa']} has zero population to weight by",
            line=int(metro.at[first, "_line"]),
            column="pop2023",
        )
    return conform(rents_by_cbsa(metro), TABLES["rents"]), len(frame)


FACTS: dict[str, str] = {"fiscal_year": "HUD fiscal year of the FMRs, from the sheet name"}


def fiscal_year(path: Path) -> int:
    """2026 from the workbook's sheet 'FY26_FMRs' (checked against the file name's FY)."""
    try:
        sheets = pd.ExcelFile(path, engine="openpyxl").sheet_names
    except Exception as err:  # openpyxl/zipfile raise many types for a corrupt workbook
        raise SourceError(path, f"not a readable Excel workbook ({err})") from None
    years = {m.group(1) for name in sheets if (m := re.fullmatch(r"FY(\d\d)_FMRs", name))}
    named = re.match(r"FY(\d\d)_", path.name)
    if len(years) != 1 or (named and named.group(1) not in years):
        raise SourceError(path, f"sheets {sheets}: expected one 'FYnn_FMRs' matching the name")
    return 2000 + int(years.pop())


def read(raw_dir: Path) -> ReadResult:
    """Read `raw_dir/hud_fmr/FY26_FMRs.xlsx` -> table `rents`."""
    path = Path(raw_dir) / SOURCE.folder / FILE
    table, rows = read_file(path)
    year = fiscal_year(path)
    weighted = int((table["hud_areas"] > 1).sum())
    return ReadResult(
        tables={"rents": table},
        inputs=[path],
        rows_read=rows,
        facts={"fiscal_year": year},
        caption=f"HUD Fair Market Rents, FY{year}",
        log=[
            f"{FILE}: {rows} county/town rows -> rents {len(table)} CBSAs",
            f"CBSAs spanning several HUD areas (population-weighted): {weighted}",
        ],
    )
