"""The BLS OEWS flat files (`oe.data.0.Current`, `oe.series`, `oe.area`, ...) -> `wages`."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from databuild.errors import SourceError
from databuild.sources.base import require_file
from databuild.sources.oews.columns import MEASURES, OCCUPATIONS
from databuild.sources.oews.normalise import normalise
from databuild.sources.oews.release import facts, top_code_from_text

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
    """Read the `wages` table from the BLS OEWS flat files in `folder` (see `read_flat_facts`)."""
    return read_flat_facts(folder)[0]


def read_flat_facts(folder: Path) -> tuple[pd.DataFrame, dict]:
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
    table = normalise(cells.reset_index(drop=True), data_path, labels)
    note5 = footnotes.loc[footnotes["footnote_code"] == "5", "footnote_text"]
    top_code = top_code_from_text(" ".join(note5), folder / "oe.footnote")
    year = str(cells["year"].iloc[0]).strip()
    return table, facts(year, None, top_code, "oe.footnote footnote 5")
