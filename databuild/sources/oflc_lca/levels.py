"""OFLC prevailing wage levels I-IV by county (`wage_levels/<SOC>.json`) -> table `wage_levels`.

Each file maps a 5-digit county FIPS code to the county's name (`c`), state (`s`, USPS code)
and the four annual wage levels (`l1`..`l4`, whole dollars; the publisher's pipeline turned
hourly figures under $200 into annual ones by x 2,080, truncating cents). Every county is given
the metropolitan CBSA that OMB's 2023 delineation (geo/list1_2023.xlsx, the file the geo source
reads) puts it in, so a metro's levels can be looked up by its CBSA code.

Checks, each naming the file and the county: a 5-digit FIPS code whose state part is a state of
the delineation and agrees with `s` (one state code per FIPS state, in every file); a county the
delineation lists has the delineation's name; the same name and state in every file; four
whole-dollar levels in [15,000, 1,000,000] a year, strictly ascending (l1 < l2 < l3 < l4).
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pandas as pd

from databuild.errors import SourceError
from databuild.sources.base import read_text
from databuild.sources.geo import METRO, read_sheet, require_columns

WAGE_LEVEL_COLUMNS = ("l1", "l2", "l3", "l4")
LEVEL_RANGE = (15_000, 1_000_000)
"""Plausible annual wage levels (USD): a full-time federal minimum wage is $15,080 a year; an
hourly figure left unconverted (e.g. 56.61) or a missing one (the pipeline writes 0) is below."""
INDEX = "job-index.json"


def load_json(path: Path) -> object:
    """Parse one JSON file; a syntax error names the file, line and character."""
    try:
        return json.loads(read_text(path))
    except json.JSONDecodeError as err:
        raise SourceError(
            path, f"not valid JSON ({err.msg}, char {err.pos})", line=err.lineno
        ) from None


def job_index(path: Path) -> dict[str, str]:
    """`job-index.json` -> {SOC 2018 code: title} (the OFLC wage library's occupations)."""
    items = load_json(path)
    if not isinstance(items, list) or not items:
        raise SourceError(path, "expected a non-empty list of {soc, title}")
    out: dict[str, str] = {}
    for i, item in enumerate(items):
        if not (
            isinstance(item, dict)
            and isinstance(item.get("soc"), str)
            and isinstance(item.get("title"), str)
        ):
            raise SourceError(path, f"entry {i} is not {{soc, title}}: {item!r:.80}")
        if item["soc"] in out:
            raise SourceError(path, f"SOC {item['soc']} is listed twice")
        out[item["soc"]] = item["title"]
    return out


def metro_counties(list1: Path) -> pd.DataFrame:
    """list1_2023.xlsx -> every county of the delineation: fips, name, state_fips, cbsa (the
    metropolitan CBSA; NA for a county of a micropolitan area)."""
    rows = read_sheet(list1, 0, "CBSA Code")
    kind = "Metropolitan/Micropolitan Statistical Area"
    columns = ["CBSA Code", kind, "County/County Equivalent", "FIPS State Code", "FIPS County Code"]
    require_columns(rows, columns, list1)
    fips = rows["FIPS State Code"] + rows["FIPS County Code"]
    if fips.duplicated().any():
        raise SourceError(list1, f"county {fips[fips.duplicated()].iloc[0]} is listed twice")
    return pd.DataFrame(
        {
            "fips": fips,
            "name": rows["County/County Equivalent"],
            "state_fips": rows["FIPS State Code"],
            "cbsa": rows["CBSA Code"].where(rows[kind] == METRO),
        }
    ).set_index("fips")


def read_file(path: Path, soc: str) -> pd.DataFrame:
    """One `<SOC>.json` -> rows soc, fips, county, state, l1..l4 (checked, sorted by fips)."""
    counties = load_json(path)
    if not isinstance(counties, dict) or not counties:
        raise SourceError(path, "expected a non-empty object of counties by FIPS code")
    rows = []
    for fips, entry in counties.items():
        where = f"county {fips}"
        if not (isinstance(fips, str) and len(fips) == 5 and fips.isascii() and fips.isdigit()):
            raise SourceError(path, f"{fips!r} is not a 5-digit county FIPS code")
        if not isinstance(entry, dict) or set(entry) != {"c", "s", *WAGE_LEVEL_COLUMNS}:
            raise SourceError(path, f"{where}: expected keys c, s, l1-l4, found {entry!r:.80}")
        for key in ("c", "s"):
            if not isinstance(entry[key], str) or not entry[key].strip():
                raise SourceError(path, f"{where}: empty {key}", column=key)
        for key in WAGE_LEVEL_COLUMNS:
            value = entry[key]
            if isinstance(value, bool) or not isinstance(value, int):
                raise SourceError(path, f"{where}: {value!r} is not whole dollars", column=key)
            if not LEVEL_RANGE[0] <= value <= LEVEL_RANGE[1]:
                raise SourceError(
                    path,
                    f"{where} ({entry['c']}, {entry['s']}): {value:,} a year is outside the "
                    f"plausible range [{LEVEL_RANGE[0]:,}, {LEVEL_RANGE[1]:,}]",
                    column=key,
                )
        for low, high in itertools.pairwise(WAGE_LEVEL_COLUMNS):
            if not entry[low] < entry[high]:
                raise SourceError(
                    path,
                    f"{where} ({entry['c']}, {entry['s']}): levels not ascending: "
                    f"{low} {entry[low]:,} >= {high} {entry[high]:,}",
                    column=high,
                )
        rows.append((soc, fips, entry["c"], entry["s"], *(entry[k] for k in WAGE_LEVEL_COLUMNS)))
    frame = pd.DataFrame(rows, columns=["soc", "fips", "county", "state", *WAGE_LEVEL_COLUMNS])
    return frame.sort_values("fips", ignore_index=True)


def check_places(frame: pd.DataFrame, paths: dict[str, Path], counties: pd.DataFrame) -> None:
    """Raise SourceError (naming the wage file) unless every county's FIPS is a real place:
    its state part is a state of the delineation with one USPS code, the same name and state
    in every file, and the delineation's name wherever the delineation lists the county."""
    states = set(counties["state_fips"])
    state_fips = frame["fips"].str[:2]

    def fail(mask: pd.Series, problem: str, column: str | None = None) -> None:
        if mask.any():
            row = frame[mask.to_numpy()].iloc[0]
            raise SourceError(
                paths[row["soc"]],
                f"county {row['fips']} ({row['county']}, {row['state']}): {problem}",
                column=column,
            )

    fail(~state_fips.isin(states), "state FIPS is not a state of the OMB delineation")
    postal = (
        frame.assign(state_fips=state_fips)
        .groupby("state_fips")["state"]
        .agg(lambda s: s.mode().iloc[0])
    )
    fail(
        frame["state"] != state_fips.map(postal).to_numpy(),
        "state code differs from the other counties of its FIPS state",
        "s",
    )
    shared = frame.groupby("state")["fips"].transform(lambda f: f.str[:2].nunique())
    fail(shared > 1, "its state code is used by counties of another FIPS state", "s")
    first = frame.drop_duplicates("fips").set_index("fips")["county"]
    fail(
        frame["county"] != frame["fips"].map(first).to_numpy(),
        "named differently in another occupation's file",
        "c",
    )
    listed = frame["fips"].map(counties["name"])
    fail(
        listed.notna() & (listed != frame["county"]),
        "the OMB delineation names this FIPS code differently (a shifted or mistyped code)",
        "c",
    )


def read_levels(
    folder: Path, list1: Path
) -> tuple[pd.DataFrame, dict[str, str], list[Path], pd.DataFrame]:
    """Every `<SOC>.json` of `folder` -> (table rows with cbsa, job index, input files, the
    delineation's counties from `metro_counties`).

    The SOC of a file is its name; it must be a code of `job-index.json`.
    """
    index_path = folder / INDEX
    index = job_index(index_path)
    files = sorted(p for p in folder.glob("*.json") if p.name != INDEX)
    if not files:
        raise SourceError(folder, "no <SOC>.json wage-level files")
    paths: dict[str, Path] = {}
    frames = []
    for path in files:
        soc = path.stem
        if soc not in index:
            raise SourceError(path, f"file name {soc!r} is not an occupation of {INDEX}")
        paths[soc] = path
        frames.append(read_file(path, soc))
    frame = pd.concat(frames, ignore_index=True)
    counties = metro_counties(list1)
    check_places(frame, paths, counties)
    frame["cbsa"] = frame["fips"].map(counties["cbsa"])
    return frame, index, [index_path, *files], counties
