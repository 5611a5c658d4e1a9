"""OMB 2023 metropolitan areas with Census 2024 Gazetteer centroids: table `metros`.

One row per metropolitan statistical area (CBSA) in OMB's July 2023 delineation (Census
`list1_2023.xlsx`), with a unique display name built from the title's first principal city
(`list2_2023.xlsx` keeps real hyphenated city names such as Winston-Salem whole), its states,
Census region, county count and the Gazetteer internal point (`2024_Gaz_cbsa_national.txt`).

The build then appends the BLS OEWS nonmetropolitan areas as rows of kind 'nonmetro'
(`databuild.nonmetro`), so one key joins `wages` to `metros` for both kinds of area.
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
    read_csv_text,
    read_text,
    require_file,
    to_number,
)

SOURCE = SourceInfo(
    key="geo",
    publisher="U.S. Office of Management and Budget (delineation) and U.S. Census Bureau",
    title="OMB July 2023 CBSA delineation (Census list1/list2) and 2024 Gazetteer CBSA file",
    url="https://www2.census.gov/programs-surveys/metro-micro/geographies/reference-files/2023/"
    "delineation-files/list1_2023.xlsx",
    licence="Public domain (U.S. federal government work)",
    vintage="OMB Bulletin 23-01 (July 2023); Census 2024 Gazetteer",
    folder="geo",
    caveats=(
        "Delineation rows (kind 'metro'): metropolitan statistical areas only (393, 6 of them "
        "in Puerto Rico); micropolitan areas are left out.",
        "lat/lon are the Census internal point of the CBSA, for maps, not a city centre.",
        "Rows of kind 'nonmetro' are the BLS OEWS May 2025 nonmetropolitan areas (from the "
        "oews source), not CBSAs: keyed by their 7-digit BLS area code, without centroid.",
    ),
)

LIST1 = "list1_2023.xlsx"
LIST2 = "list2_2023.xlsx"
GAZETTEER = "2024_Gaz_cbsa_national.txt"
METRO = "Metropolitan Statistical Area"

REGIONS: dict[str, tuple[str, ...]] = {
    "Northeast": ("CT", "ME", "MA", "NH", "RI", "VT", "NJ", "NY", "PA"),
    "Midwest": ("IL", "IN", "MI", "OH", "WI", "IA", "KS", "MN", "MO", "NE", "ND", "SD"),
    "South": (
        *("DE", "DC", "FL", "GA", "MD", "NC", "SC", "VA", "WV"),
        *("AL", "KY", "MS", "TN", "AR", "LA", "OK", "TX"),
    ),
    "West": ("AZ", "CO", "ID", "MT", "NV", "NM", "UT", "WY", "AK", "CA", "HI", "OR", "WA"),
}
"""Census Bureau regions by state postal code (Puerto Rico belongs to none)."""
REGION_OF = {state: region for region, states in REGIONS.items() for state in states}

FACTS: dict[str, str] = {
    "delineation": "OMB delineation, from list1's source note, e.g. 'July 2023'",
    "gazetteer_year": "Census Gazetteer year (file name)",
    "metros": "Metropolitan statistical areas in the delineation",
}

TABLES: dict[str, dict[str, ColumnDoc]] = {
    "metros": {
        "cbsa": ColumnDoc(
            "string",
            "area key",
            "5-digit OMB 2023 CBSA code; for kind 'nonmetro' the 7-digit BLS OEWS area code "
            "(e.g. '0100001'), which can never equal a CBSA code. wages.cbsa joins on it",
        ),
        "title": ColumnDoc(
            "string",
            "name",
            "Official CBSA title, e.g. 'San Jose-Sunnyvale-Santa Clara, CA'; for kind "
            "'nonmetro' the OEWS area name, e.g. 'Northwest Alabama nonmetropolitan area'",
        ),
        "short_name": ColumnDoc(
            "string",
            "name",
            "Display name: the title's first principal city ('San Jose', 'New York'); unique: "
            "when several metros share it, each gets ', ST' (its principal state) appended. "
            "Kind 'nonmetro': the OEWS name with 'nonmetropolitan area' (and a trailing "
            "'(noncontiguous)') shortened to 'nonmetro', e.g. 'Northwest Alabama nonmetro'",
        ),
        "principal_state": ColumnDoc(
            "string",
            "USPS code",
            "First state in the title (2-letter postal code); kind 'nonmetro': the area's "
            "state (OEWS state_code, as the postal code the metros of that state carry)",
        ),
        "states": ColumnDoc(
            "string",
            "USPS codes",
            "All states in the title joined with '-', e.g. 'MO-KS'; kind 'nonmetro': its state",
        ),
        "census_region": ColumnDoc(
            "string",
            "category",
            "Census region of the principal state: Northeast | Midwest | South | West; NA for "
            "Puerto Rico",
        ),
        "lat": ColumnDoc(
            "float64",
            "degrees north",
            "Gazetteer internal point latitude; NaN for kind 'nonmetro' (the raw geography has "
            "no nonmetro centroids: the Gazetteer lists CBSAs only)",
        ),
        "lon": ColumnDoc(
            "float64",
            "degrees east",
            "Gazetteer internal point longitude; NaN for kind 'nonmetro' (as lat)",
        ),
        "counties": ColumnDoc(
            "Int64",
            "counties",
            "Number of counties (or equivalents) in list1; NA for kind 'nonmetro' (OEWS does "
            "not list an area's counties)",
        ),
        "kind": ColumnDoc(
            "string",
            "category",
            "metro (a metropolitan statistical area of the OMB 2023 delineation) | nonmetro (a "
            "BLS OEWS nonmetropolitan area: counties of one state outside metropolitan areas, "
            "as BLS groups them). Rows: metros by cbsa, then nonmetro areas by code",
        ),
    }
}


def read_sheet(
    path: Path, sheet: str | int, first_header: str, notes: list[str] | None = None
) -> pd.DataFrame:
    """Read an .xlsx sheet as an all-string frame with `_line` (1-based spreadsheet row).

    The header is the first row (among the first 10) whose first cell is `first_header`,
    so title lines above it are skipped. Blank rows are dropped, and so are trailing note
    rows (text in the first column only). Any read failure (not a zip, corrupt workbook,
    missing sheet) raises SourceError naming the file. When `notes` is given, the last five
    non-empty cells of the sheet's first column are appended to it (where Census puts its
    source note), so the workbook is parsed only once.
    """
    require_file(path)
    try:
        raw = pd.read_excel(path, sheet_name=sheet, dtype=str, header=None, engine="openpyxl")
    except Exception as err:  # openpyxl/zipfile raise many types for a corrupt workbook
        raise SourceError(
            path, f"not a readable Excel workbook or sheet {sheet!r} ({type(err).__name__}: {err})"
        ) from None
    if notes is not None and raw.shape[1]:
        notes.extend(raw.iloc[:, 0].dropna().iloc[-5:])
    first = raw.iloc[:10, 0].astype("string").str.strip() if raw.shape[1] else pd.Series()
    hits = first.index[first == first_header]
    if len(hits) == 0:
        raise SourceError(path, f"header row starting with {first_header!r} not found", line=1)
    top = int(hits[0])
    header = [str(c).strip() if pd.notna(c) else f"_unnamed{i}" for i, c in enumerate(raw.loc[top])]
    body = raw.loc[top + 1 :].copy()
    body.columns = header
    body["_line"] = body.index + 1
    body = body.dropna(how="all", subset=header)
    rest = header[1:]
    note = body[rest].isna().all(axis=1)
    trailing = note[::-1].cummin()[::-1]
    body = body[~trailing]
    for col in header:
        body[col] = body[col].astype("string").str.strip()
    return body.reset_index(drop=True)


def require_columns(frame: pd.DataFrame, columns: list[str], path: Path) -> None:
    """Raise SourceError (line 1) when any of `columns` is not in `frame`."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        found = [c for c in frame.columns if c != "_line"][:14]
        raise SourceError(path, f"missing column(s) {', '.join(missing)}; found {found}")


def require_values(frame: pd.DataFrame, columns: list[str], path: Path) -> None:
    """Raise SourceError at the first empty cell of `columns`."""
    for col in columns:
        empty = frame[col].isna() | (frame[col] == "")
        if empty.any():
            first = empty.idxmax()
            raise SourceError(path, "empty cell", line=int(frame.at[first, "_line"]), column=col)


def split_title(title: str) -> tuple[str, list[str]]:
    """'Kansas City, MO-KS' -> ('Kansas City', ['MO', 'KS'])."""
    cities, _, states = title.rpartition(", ")
    return cities, states.split("-")


def first_city(title: str, principal_cities: list[str], county_names: set[str]) -> str:
    """The title's first principal city, for display.

    OMB separates the title's cities with '-', or with '--' when one of them contains a
    hyphen. A hyphenated name listed in list2 (Winston-Salem) is kept whole unless it is a
    consolidated city-county ('Lexington-Fayette', 'Macon-Bibb County': the part after the
    hyphen is one of the CBSA's counties), which displays as the city. '/' alternatives
    ('Louisville/Jefferson County') keep their first name.
    """
    cities, _ = split_title(title)
    parts = cities.split("--") if "--" in cities else cities.split("-")
    name = parts[0]
    for city in sorted(principal_cities, key=len, reverse=True):
        if "-" in city and (cities == city or cities.startswith(city + "-")):
            tail = city.split("-", 1)[1]
            if tail not in county_names and f"{tail} County" not in county_names:
                name = city
            break
    name = name.split("/")[0]
    if "-" in name and name not in principal_cities:
        # e.g. 'Nashville-Davidson' (a consolidated government listed with a suffix in list2)
        tail = name.split("-", 1)[1]
        if tail in county_names or f"{tail} County" in county_names:
            name = name.split("-")[0]
    return name.strip()


def _unique_names(first: pd.Series, state: pd.Series) -> pd.Series:
    """Append ', ST' to every first city that more than one metro shares."""
    shared = first.duplicated(keep=False)
    return first.where(~shared, first + ", " + state)


def read_files(
    list1: Path, list2: Path, gazetteer: Path, notes: list[str] | None = None
) -> tuple[pd.DataFrame, int]:
    """Read the three geography files -> (`metros` table, data rows read); `notes` as in
    `read_sheet`, for list1."""
    counties = read_sheet(list1, 0, "CBSA Code", notes)
    cols1 = [
        "CBSA Code",
        "CBSA Title",
        "Metropolitan/Micropolitan Statistical Area",
        "County/County Equivalent",
        "FIPS State Code",
        "FIPS County Code",
    ]
    require_columns(counties, cols1, list1)
    require_values(counties, cols1, list1)
    check_pattern(counties, "CBSA Code", r"\d{5}", list1, "a 5-digit CBSA code")
    check_pattern(counties, "FIPS State Code", r"\d{2}", list1, "a 2-digit state FIPS code")
    check_pattern(counties, "FIPS County Code", r"\d{3}", list1, "a 3-digit county FIPS code")
    kinds = counties["Metropolitan/Micropolitan Statistical Area"]
    check_pattern(
        counties.assign(kind=kinds),
        "kind",
        r"(Metro|Micro)politan Statistical Area",
        list1,
        "a metro/micro type",
    )
    titles = counties.groupby("CBSA Code")["CBSA Title"].nunique()
    if (titles > 1).any():
        raise SourceError(list1, f"CBSA {titles.idxmax()} has more than one title")
    check_pattern(
        counties, "CBSA Title", r"[^,]+, [A-Z]{2}(-[A-Z]{2})*", list1, "a title 'City, ST(-ST)'"
    )
    metro_counties = counties[kinds == METRO]
    if metro_counties.empty:
        raise SourceError(list1, f"no rows of type {METRO!r}")

    cities = read_sheet(list2, 0, "CBSA Code")
    require_columns(cities, ["CBSA Code", "Principal City Name"], list2)
    require_values(cities, ["CBSA Code", "Principal City Name"], list2)
    check_pattern(cities, "CBSA Code", r"\d{5}", list2, "a 5-digit CBSA code")
    principal = cities.groupby("CBSA Code")["Principal City Name"].apply(list).to_dict()

    gaz = _read_gazetteer(gazetteer)

    metros = metro_counties.drop_duplicates("CBSA Code").set_index("CBSA Code")
    county_names = (
        metro_counties.groupby("CBSA Code")["County/County Equivalent"].apply(set).to_dict()
    )
    firsts = pd.Series(
        [
            first_city(t, principal.get(c, []), county_names[c])
            for c, t in metros["CBSA Title"].items()
        ],
        index=metros.index,
    )
    # Lists of states per title: pandas 3 no longer offers .str on a column of lists.
    states = metros["CBSA Title"].map(lambda t: "-".join(split_title(t)[1]))
    principal_state = states.map(lambda s: s.split("-")[0])
    out = pd.DataFrame(
        {
            "cbsa": metros.index,
            "title": metros["CBSA Title"],
            "short_name": _unique_names(firsts, principal_state),
            "principal_state": principal_state,
            "states": states,
            "census_region": principal_state.map(REGION_OF),
            "counties": metro_counties.drop_duplicates(["FIPS State Code", "FIPS County Code"])
            .groupby("CBSA Code")
            .size(),
        },
        index=metros.index,
    )
    unknown = ~principal_state.isin([*REGION_OF, "PR"])
    if unknown.any():
        code = unknown.idxmax()
        raise SourceError(
            list1,
            f"state {principal_state[code]!r} in title of CBSA {code} is not a U.S. state",
            line=int(metros.at[code, "_line"]),
            column="CBSA Title",
        )
    if out["short_name"].duplicated().any():
        name = out.loc[out["short_name"].duplicated(), "short_name"].iloc[0]
        raise SourceError(list1, f"short name {name!r} is not unique even with its state")
    missing = ~out.index.isin(gaz.index)
    if missing.any():
        raise SourceError(gazetteer, f"no GEOID row for metro CBSA {out.index[missing][0]}")
    # Both files list every CBSA (metro and micro) of the same delineation.
    unknown = ~gaz.index.isin(counties["CBSA Code"])
    if unknown.any():
        raise SourceError(
            gazetteer,
            f"GEOID {gaz.index[unknown][0]} is not a CBSA of the OMB delineation in {list1.name}",
            line=int(gaz["_line"][unknown].iloc[0]),
            column="GEOID",
        )
    out["lat"] = gaz["lat"].reindex(out.index)
    out["lon"] = gaz["lon"].reindex(out.index)
    out["kind"] = "metro"
    out = out.sort_values("cbsa", kind="stable")
    return conform(out, TABLES["metros"]), len(counties) + len(cities) + len(gaz)


def _read_gazetteer(path: Path) -> pd.DataFrame:
    """Gazetteer CBSA file -> frame indexed by GEOID with float64 lat, lon."""
    text = read_text(path)
    # Data lines end with runs of spaces that BLS-style readers must ignore.
    text = re.sub(r"[ \t]+(\r?\n)", r"\1", text)
    frame = read_csv_text(path, text, required=["GEOID", "NAME", "INTPTLAT", "INTPTLONG"], sep="\t")
    if frame.empty:
        raise SourceError(path, "no data rows")
    for col in ("GEOID", "INTPTLAT", "INTPTLONG"):
        frame[col] = frame[col].str.strip()
    check_pattern(frame, "GEOID", r"\d{5}", path, "a 5-digit CBSA code (GEOID)")
    frame["lat"] = to_number(frame, "INTPTLAT", path, low=13.0, high=72.0)
    frame["lon"] = to_number(frame, "INTPTLONG", path, low=-180.0, high=-60.0)
    if frame["GEOID"].duplicated().any():
        first = frame["GEOID"].duplicated().idxmax()
        raise SourceError(
            path, "duplicate GEOID", line=int(frame.at[first, "_line"]), column="GEOID"
        )
    return frame.set_index("GEOID")[["lat", "lon", "_line"]]


def _delineation(notes: list[str], list1: Path) -> str:
    """'July 2023' from list1's source note ('... based on OMB, July 2023 delineations'),
    among the last cells of its first column (`notes`, from `read_sheet`)."""
    for note in notes:
        if match := re.search(r"OMB, (\w+ \d{4}) delineations", note):
            return match.group(1)
    raise SourceError(list1, "source note 'based on OMB, <month year> delineations' not found")


def read(raw_dir: Path) -> ReadResult:
    """Read `raw_dir/geo/` (list1, list2, Gazetteer) -> table `metros`."""
    folder = Path(raw_dir) / SOURCE.folder
    paths = [folder / LIST1, folder / LIST2, folder / GAZETTEER]
    notes: list[str] = []
    table, rows = read_files(*paths, notes=notes)
    found = {
        "delineation": _delineation(notes, paths[0]),
        "gazetteer_year": int(GAZETTEER[:4]),
        "metros": len(table),
    }
    suffixed = int(table["short_name"].str.contains(", ", regex=False).sum())
    return ReadResult(
        tables={"metros": table},
        inputs=paths,
        rows_read=rows,
        facts=found,
        caption=f"OMB CBSA delineation ({found['delineation']}), Census "
        f"{found['gazetteer_year']} Gazetteer",
        log=[
            f"metros: {len(table)} metropolitan CBSAs",
            f"short names with ', ST' appended (shared first city): {suffixed}",
        ],
    )
