"""Reader for `oflc_lca/`: DOL OFLC prevailing wage levels by county, and certified H-1B LCA
filings as job title -> SOC code counts, as published by the open repository
idealidler/h1b-wage-map (see oflc_lca/PROVENANCE.md).

Two tables:

- ``wage_levels``: levels I-IV for each occupation file x county, with the county's metro CBSA
  (geo/list1_2023.xlsx, the delineation the geo source reads), so a metro's levels can be
  looked up (`analysis.visa`).
- ``lca_titles``: filings summed over employers per job title x SOC code as filed, with the
  code's SOC 2018 reading (`soc`), for the titles this project uses (`titles.TitleChoice`):
  every title of the salary index (aijobs/salaries.csv, cleaned as the LCA titles are:
  `analysis.occupations.lca_title`), every title the taxonomy puts in an AI, ML or data track,
  and leadership titles that name AI, ML or data science. Employer names are not written.

The snapshot's date is the repository commit date that PROVENANCE.md states; a filing's fiscal
year may not be later than that date's fiscal year.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from databuild.errors import SourceError
from databuild.sources import aijobs, geo
from databuild.sources.base import (
    ColumnDoc,
    ReadResult,
    SourceInfo,
    conform,
    provenance_date,
    read_csv_text,
    read_text,
)
from databuild.sources.oflc_lca import soc
from databuild.sources.oflc_lca.levels import LEVEL_RANGE, WAGE_LEVEL_COLUMNS, read_levels
from databuild.sources.oflc_lca.titles import TitleChoice, read_titles

SOURCE = SourceInfo(
    key="oflc_lca",
    publisher="U.S. Department of Labor, Office of Foreign Labor Certification (OFLC), via the "
    "open repository idealidler/h1b-wage-map",
    title="OFLC prevailing wage levels I-IV by county, and certified H-1B labor condition "
    "applications (job title -> SOC code)",
    url="https://flag.dol.gov/",
    licence="Public domain (U.S. federal government data); the repository states MIT",
    vintage="h1b-wage-map commit e6bc83a of 2026-01-03 (OFLC wage library as then published; LCA "
    "disclosure data of fiscal years 2022-2025)",
    folder="oflc_lca",
    caveats=(
        "A wage level read from these tables is an approximation: OFLC's own determination for "
        "a job depends on its duties, education and experience, not on pay alone.",
        "Wage levels are OFLC's hourly figures x 2,080 (cents dropped), joined to counties by "
        "name by the publisher: places that join did not match are absent (all of Connecticut, "
        "Puerto Rico, Doña Ana County, NM). The files do not state the OFLC wage year.",
        "LCA counts are certified filings for H-1B workers, not all employees. For each "
        "employer and title the publisher kept at most the three SOC codes filed most often and "
        "dropped codes filed fewer than three times when there were several, so rare "
        "classifications are undercounted.",
        "Job titles are as employers typed them, upper-cased with '.' and ',' removed. SOC 2010 "
        "codes are moved to SOC 2018 only where the BLS crosswalk moves them whole (15-1132 and "
        "15-1133 to 15-1252...); codes it splits (15-1199.xx, 15-1134, 15-1141) are kept as "
        "filed.",
        "Six LCA shards whose file names hold non-ASCII letters were left out of the copy (a "
        "few small employers).",
    ),
)

WAGE_FOLDER = "wage_levels"
TITLE_FOLDER = "lca_titles"
PROVENANCE = "PROVENANCE.md"

FACTS: dict[str, str] = {
    "snapshot": "Date of the repository commit the files were copied from (PROVENANCE.md)",
    "first_fiscal_year": "Earliest fiscal year of a certified filing",
    "last_fiscal_year": "Latest fiscal year of a certified filing",
    "occupations": "SOC codes with wage-level files",
    "counties": "Counties (FIPS codes) with wage levels",
    "metros_without_levels": "Metro CBSAs of the OMB delineation none of whose counties has "
    "wage levels",
    "filings": "Certified filings in the shards, all titles (lca_titles keeps the project's)",
    "titles": "Distinct job titles in the shards",
    "titles_kept": "Distinct job titles kept in lca_titles",
}

_LEVEL_NAMES = dict(zip(WAGE_LEVEL_COLUMNS, ("I", "II", "III", "IV"), strict=True))
TABLES: dict[str, dict[str, ColumnDoc]] = {
    "wage_levels": {
        "soc": ColumnDoc("string", "SOC 2018 code", "Occupation (the file name), e.g. '15-1252'."),
        "fips": ColumnDoc("string", "county FIPS", "5-digit county FIPS code (state + county)."),
        "county": ColumnDoc("string", "name", "County name as published, e.g. 'King County'."),
        "state": ColumnDoc("string", "USPS code", "State of the county, e.g. 'WA'."),
        "cbsa": ColumnDoc(
            "string",
            "CBSA code",
            "Metropolitan CBSA of the county in the OMB July 2023 delineation (geo/list1); NA "
            "for a county outside every metropolitan area.",
        ),
        **{
            key: ColumnDoc(
                "float64",
                "US dollars per year",
                f"Prevailing wage level {name} (OFLC hourly figure x 2,080, cents dropped); "
                f"levels rise strictly from l1 to l4, each in [{LEVEL_RANGE[0]:,}, "
                f"{LEVEL_RANGE[1]:,}].",
            )
            for key, name in _LEVEL_NAMES.items()
        },
    },
    "lca_titles": {
        "title": ColumnDoc(
            "string",
            "text",
            "Job title as filed, upper-cased with '.' and ',' removed (the publisher's cleaning). "
            "Kept: every salary-index title (cleaned the same way), every title the taxonomy puts "
            "in the ML, AI, data-science, research or data-engineering track, and Leadership "
            "titles naming AI, ML or data science.",
        ),
        "track": ColumnDoc(
            "string",
            "category",
            "Career track of the title by analysis.taxonomy.title_track (as for the salary index).",
        ),
        "soc_filed": ColumnDoc(
            "string", "code", "SOC code as filed (SOC 2018, O*NET-SOC or SOC 2010), e.g. '15-1132'."
        ),
        "soc": ColumnDoc(
            "string",
            "SOC code",
            "The code to analyse by: the SOC 2018 code (O*NET detail dropped; SOC 2010 moved by "
            "the BLS crosswalk where it moves whole), or the code as filed when it is not SOC "
            "2018 (soc_basis says which); NA when the filed text is not a SOC code.",
        ),
        "soc_basis": ColumnDoc("string", "category", " | ".join(soc.BASES) + "."),
        "soc_title": ColumnDoc(
            "string",
            "name",
            "Title of `soc` in the OFLC occupation list (job-index.json), else the SOC title "
            "filed most often with the code.",
        ),
        "filings": ColumnDoc(
            "Int64", "filings", "Certified LCA filings of the title under the code, all employers."
        ),
        "employers": ColumnDoc(
            "Int64", "employers", "Employers that filed the title under the code."
        ),
        "first_year": ColumnDoc("Int64", "fiscal year", "First fiscal year of those filings."),
        "last_year": ColumnDoc("Int64", "fiscal year", "Last fiscal year of those filings."),
    },
}


def fiscal_year(day: str) -> int:
    """The U.S. federal fiscal year of an ISO date (FY2026 runs 2025-10-01 to 2026-09-30)."""
    parsed = date.fromisoformat(day)
    return parsed.year + (parsed.month >= 10)


def read(raw_dir: Path) -> ReadResult:
    """Read `raw_dir/oflc_lca/` (and the delineation geo/list1_2023.xlsx) -> both tables."""
    folder = Path(raw_dir) / SOURCE.folder
    provenance = folder / PROVENANCE
    snapshot = provenance_date(provenance)
    list1 = Path(raw_dir) / geo.SOURCE.folder / geo.LIST1
    salaries = Path(raw_dir) / aijobs.SOURCE.folder / aijobs.FILE_NAME
    levels, index, level_files, delineation = read_levels(folder / WAGE_FOLDER, list1)
    known = frozenset(index)
    for old, new in soc.SOC_2010_TO_2018.items():
        if old in known or new not in known:
            raise SourceError(
                level_files[0],
                f"crosswalk {old} -> {new} does not lead from a retired code to a SOC 2018 "
                "code of this list: update databuild.sources.oflc_lca.soc",
            )
    choice = TitleChoice.of(salary_titles(salaries))
    titles, shard_files, tally = read_titles(
        folder / TITLE_FOLDER, choice, index, fiscal_year(snapshot)
    )
    if titles.empty:
        raise SourceError(folder / TITLE_FOLDER, "no filing of a title this project uses")
    lca_titles = conform(titles, TABLES["lca_titles"])
    wage_levels = conform(levels, TABLES["wage_levels"])
    counties = wage_levels.drop_duplicates("fips")
    metros = sorted(set(delineation["cbsa"].dropna()) - set(wage_levels["cbsa"].dropna()))
    first, last = tally.first_year, tally.last_year
    kept = lca_titles["title"].nunique()
    facts = {
        "snapshot": snapshot,
        "first_fiscal_year": first,
        "last_fiscal_year": last,
        "occupations": sorted(wage_levels["soc"].unique()),
        "counties": len(counties),
        "metros_without_levels": metros,
        "filings": tally.filings,
        "titles": len(choice.seen),
        "titles_kept": kept,
    }
    basis = lca_titles.groupby("soc_basis")["filings"].sum()
    log = [
        f"{WAGE_FOLDER}: {len(level_files) - 1} occupations x {len(counties)} counties -> "
        f"{len(wage_levels)} rows; {int(counties['cbsa'].notna().sum())} counties in metros",
        f"metros of the delineation without wage levels: {len(metros)} {metros}",
        f"{TITLE_FOLDER}: {len(shard_files)} shards, {tally.rows} employer x title x code rows, "
        f"{len(choice.seen)} titles, {tally.filings} filings, FY{first}-{last}",
        f"lca_titles: {kept} titles kept, {len(lca_titles)} title x code rows, "
        f"{int(lca_titles['filings'].sum())} filings; by SOC reading:",
        *(f"  {name}: {int(n)}" for name, n in basis.items()),
    ]
    return ReadResult(
        tables={"wage_levels": wage_levels, "lca_titles": lca_titles},
        inputs=[provenance, list1, salaries, *level_files, folder / TITLE_FOLDER],
        rows_read=len(levels) + tally.rows,
        log=log,
        facts=facts,
        caption=f"DOL OFLC wage levels & H-1B LCAs FY{first}-{last} (via h1b-wage-map, {snapshot})",
    )


def salary_titles(path: Path) -> list[str]:
    """The distinct job titles of the salary index (aijobs/salaries.csv), first seen first.

    The aijobs reader checks that file; here only its titles are needed."""
    frame = read_csv_text(path, read_text(path), required=["job_title"])
    return list(dict.fromkeys(frame["job_title"]))


__all__ = ["FACTS", "SOURCE", "TABLES", "read"]
