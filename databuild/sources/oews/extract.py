"""The OEWS CSV extract (`oews_may2025_tech_occupations.csv`, the build's input) -> `wages`."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from databuild.errors import SourceError
from databuild.sources.base import read_csv_text, read_text, reject_first
from databuild.sources.oews.columns import MEASURES
from databuild.sources.oews.normalise import normalise

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
    table, rows, _ = read_extract(path)
    return table, rows


def read_extract(path: Path) -> tuple[pd.DataFrame, int, str]:
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
    table = normalise(cells, path, labels)
    # The BLS series id repeats the row's codes: a code edited or shifted breaks the match.
    key = "OEU" + frame["area_type"] + frame["area_code"] + frame["industry_code"]
    key = key + frame["occ_code"].str.replace("-", "", regex=False)
    reject_first(frame, frame["series_key"] != key, path, "series_key", "does not match the "
                 "row's area_type, area_code, industry_code and occ_code")  # fmt: skip
    return table, len(frame), str(frame["year"].iloc[0]).strip()
