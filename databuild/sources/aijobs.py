"""Reader for the aijobs.net salary index (`aijobs/salaries.csv`, snapshot of 2025-01-19).

One table, ``salaries``: every record of the file, in file order, with the published codes
spelled out, the title classified by `analysis.taxonomy`, and two keys for later steps:
``record`` (the 1-based data-row number in the file) and ``is_duplicate``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from analysis import taxonomy
from databuild.errors import SourceError
from databuild.sources.base import (
    ColumnDoc,
    ReadResult,
    SourceInfo,
    check_pattern,
    conform,
    provenance_date,
    read_csv_text,
    read_text,
    reject_first,
    require_file,
    sha256_of,
    to_number,
)

SOURCE = SourceInfo(
    key="aijobs",
    publisher="aijobs.net (Foorilla LLC)",
    title="Global AI, ML and Data Salary Index (salaries.csv)",
    url="https://aijobs.net/salaries/download/",
    licence="CC0 1.0",
    vintage="weekly snapshot 2025-01-19",
    folder="aijobs",
    caveats=(
        "Anonymous survey submissions plus job listings that state a salary; not a random "
        "sample of workers.",
        "53% of records (39,304) repeat an earlier record exactly, mostly 2024 job listings; "
        "they are kept and flagged in is_duplicate.",
        "Since 2024 the data is dominated by US job-listing salaries, so year-over-year changes "
        "partly reflect who is sampled.",
        "2025 covers only the first weeks of January.",
        "Titles are mostly generic; specialization titles are rare (tens to ~100 records).",
    ),
)

FILE_NAME = "salaries.csv"
SNAPSHOTS: dict[str, str] = {
    "fce1318d2fa6f574cd36ce192bf3c38debcb61892d15255eb8f772a05e4a5aef": "2025-01-19",
}
"""sha256 of a published salaries.csv -> its snapshot date (the file states no date; the
publisher's repository commit does, see aijobs/PROVENANCE.md). Another file has no known date."""
PROVENANCE = "PROVENANCE.md"
FACTS: dict[str, str] = {
    "snapshot": "Snapshot date of salaries.csv (known sha256), or null when unknown",
    "first_year": "Earliest work_year in the file",
    "latest_year": "Latest work_year in the file",
}
SOURCE_COLUMNS = [
    "work_year",
    "experience_level",
    "employment_type",
    "job_title",
    "salary",
    "salary_currency",
    "salary_in_usd",
    "employee_residence",
    "remote_ratio",
    "company_location",
    "company_size",
]
LEVEL_CODES = {"EN": "Entry", "MI": "Mid", "SE": "Senior", "EX": "Executive"}
EMPLOYMENT_TYPES = {"FT": "Full-time", "PT": "Part-time", "CT": "Contract", "FL": "Freelance"}
COMPANY_SIZES = ("S", "M", "L")
REMOTE_RATIOS = (0, 50, 100)
YEAR_RANGE = (2020, 2030)
# salary_in_usd must be > 0 and < 5,000,000: whole dollars, so [1, 4,999,999].
SALARY_USD_RANGE = (1.0, 4_999_999.0)

TABLES: dict[str, dict[str, ColumnDoc]] = {
    "salaries": {
        "year": ColumnDoc("Int64", "calendar year", "work_year: the year the salary was paid."),
        "level": ColumnDoc(
            "string",
            "category",
            "Experience level: Entry, Mid, Senior or Executive (published as EN/MI/SE/EX).",
        ),
        "employment_type": ColumnDoc(
            "string",
            "category",
            "Full-time, Part-time, Contract or Freelance (published as FT/PT/CT/FL).",
        ),
        "title": ColumnDoc("string", "text", "job_title exactly as published."),
        "track": ColumnDoc(
            "string",
            "category",
            "Career track from the title (analysis.taxonomy.title_track): ML engineer, "
            "AI engineer, Data scientist, Research scientist, Data engineer, Analyst, "
            "Leadership or Other.",
        ),
        "specialization": ColumnDoc(
            "string",
            "category",
            "Specialization named in the title (analysis.taxonomy.title_specialization); "
            "General when the title names none.",
        ),
        "salary": ColumnDoc(
            "float64", "salary_currency per year", "Gross yearly salary in salary_currency."
        ),
        "salary_currency": ColumnDoc("string", "ISO 4217 code", "Currency of salary."),
        "salary_usd": ColumnDoc(
            "float64",
            "US dollars per year",
            "salary_in_usd as published (converted by aijobs.net at the year's average rate).",
        ),
        "employee_country": ColumnDoc(
            "string", "ISO 3166-1 alpha-2", "employee_residence: where the employee lives."
        ),
        "company_country": ColumnDoc(
            "string", "ISO 3166-1 alpha-2", "company_location: country of the employer's office."
        ),
        "remote_ratio": ColumnDoc(
            "Int64", "percent", "Share of work done remotely: 0, 50 (hybrid) or 100."
        ),
        "company_size": ColumnDoc(
            "string", "category", "S (<50 employees), M (50-250) or L (>250), as published."
        ),
        "is_duplicate": ColumnDoc(
            "boolean",
            "flag",
            "True when all 11 published fields equal those of an EARLIER row of the file; the "
            "first row of each group of identical rows is False. Sum = 39,304, the PROVENANCE "
            "count. Identical rows are usually separate real records (e.g. one job posting "
            "per opening); drop them only to count distinct records.",
        ),
        "record": ColumnDoc(
            "Int64",
            "row number",
            "1-based data-row number in salaries.csv (file line minus 1): a stable key.",
        ),
    }
}


def _check_codes(frame: pd.DataFrame, column: str, codes: tuple[str, ...], path: Path) -> None:
    """Raise SourceError at the first value of `column` outside `codes`."""
    pattern = "|".join(codes)
    check_pattern(frame, column, f"(?:{pattern})", path, f"one of {', '.join(codes)}")


def _whole_numbers(values: pd.Series, frame: pd.DataFrame, column: str, path: Path) -> None:
    """Raise SourceError at the first value that is not a whole number."""
    fractional = values.notna() & (values != values.round())
    reject_first(frame, fractional, path, column, "is not a whole number")


def dated(path: Path) -> tuple[str, str]:
    """(date no record may be later than, where that date comes from) for a salaries.csv.

    A known file (sha256 in `SNAPSHOTS`) is dated by its snapshot; another file by the
    commit date the PROVENANCE.md beside it gives (the snapshot it claims to be: a damaged
    copy keeps that date); a file without either (a current download) by today.
    """
    known = SNAPSHOTS.get(sha256_of(path))
    if known:
        return known, "snapshot date"
    provenance = path.parent / PROVENANCE
    if provenance.is_file():
        return provenance_date(provenance), f"snapshot date ({PROVENANCE})"
    return date.today().isoformat(), "build date (no snapshot date is known)"


def parse(path: Path, latest: tuple[str, str] | None = None) -> pd.DataFrame:
    """Parse and validate one salaries.csv into the documented `salaries` table.

    Raises SourceError (file, line, column) on a missing column, a short row, an empty
    value, a code outside the published sets, a year outside 2020-2030 or after the file's
    own date (`latest`: (ISO date, where it comes from), see `dated`), a non-number, or
    salary_in_usd outside (0, 5,000,000).
    """
    frame = read_csv_text(path, read_text(path), required=SOURCE_COLUMNS)
    if frame.empty:
        raise SourceError(path, "no data rows after the header")
    for column in SOURCE_COLUMNS:
        check_pattern(frame, column, r".*\S.*", path, "a value (the cell is empty)")

    year = to_number(frame, "work_year", path, missing=(), low=YEAR_RANGE[0], high=YEAR_RANGE[1])
    _whole_numbers(year, frame, "work_year", path)
    if latest is not None:
        day, basis = latest
        reject_first(
            frame,
            year > int(day[:4]),
            path,
            "work_year",
            f"is after the file's {basis}, {day}: no record can be dated later",
        )
    _check_codes(frame, "experience_level", tuple(LEVEL_CODES), path)
    _check_codes(frame, "employment_type", tuple(EMPLOYMENT_TYPES), path)
    _check_codes(frame, "company_size", COMPANY_SIZES, path)
    _check_codes(frame, "remote_ratio", tuple(str(r) for r in REMOTE_RATIOS), path)
    check_pattern(frame, "salary_currency", r"[A-Z]{3}", path, "an ISO 4217 currency code")
    check_pattern(frame, "employee_residence", r"[A-Z]{2}", path, "an ISO-2 country code")
    check_pattern(frame, "company_location", r"[A-Z]{2}", path, "an ISO-2 country code")
    salary = to_number(frame, "salary", path, missing=(), low=1.0)
    salary_usd = to_number(
        frame, "salary_in_usd", path, missing=(), low=SALARY_USD_RANGE[0], high=SALARY_USD_RANGE[1]
    )

    titles = frame["job_title"]
    out = pd.DataFrame(
        {
            "year": year.round().astype("Int64"),
            "level": frame["experience_level"].map(LEVEL_CODES),
            "employment_type": frame["employment_type"].map(EMPLOYMENT_TYPES),
            "title": titles,
            "track": titles.map(taxonomy.title_track),
            "specialization": titles.map(taxonomy.title_specialization),
            "salary": salary,
            "salary_currency": frame["salary_currency"],
            "salary_usd": salary_usd,
            "employee_country": frame["employee_residence"],
            "company_country": frame["company_location"],
            "remote_ratio": pd.to_numeric(frame["remote_ratio"]).astype("Int64"),
            "company_size": frame["company_size"],
            "is_duplicate": frame[SOURCE_COLUMNS].duplicated(keep="first"),
            "record": (frame["_line"] - 1).astype("Int64"),
        }
    )
    return conform(out, TABLES["salaries"])


def taxonomy_log(titles: pd.Series) -> list[str]:
    """Build-log lines: records taken by each taxonomy rule, then the unmapped titles."""
    lines = ["taxonomy rule counts (table | label | records | distinct titles | rule):"]
    for row in taxonomy.rule_counts(titles).itertuples(index=False):
        lines.append(f"  {row.table} | {row.label} | {row.records} | {row.titles} | {row.rule}")
    unmapped = taxonomy.unmapped_titles(titles)
    lines.append(
        f"titles no track rule matched (track 'Other'): {len(unmapped)} titles, "
        f"{int(unmapped['records'].sum())} records:"
    )
    lines.extend(f"  {row.title} ({row.records})" for row in unmapped.itertuples(index=False))
    return lines


def read(raw_dir: Path) -> ReadResult:
    """Read `raw_dir / "aijobs" / "salaries.csv"` into the `salaries` table."""
    path = Path(raw_dir) / SOURCE.folder / FILE_NAME
    salaries = parse(path, latest=dated(require_file(path)))
    found = {
        "snapshot": SNAPSHOTS.get(sha256_of(path)),
        "first_year": int(salaries["year"].min()),
        "latest_year": int(salaries["year"].max()),
    }
    when = f"snapshot {found['snapshot']}" if found["snapshot"] else f"to {found['latest_year']}"
    log = [
        f"{path.name}: {len(salaries)} records, {int(salaries['is_duplicate'].sum())} repeat an "
        "earlier record exactly (is_duplicate)",
        *taxonomy_log(salaries["title"]),
    ]
    return ReadResult(
        tables={"salaries": salaries},
        inputs=[path],
        rows_read=len(salaries),
        log=log,
        facts=found,
        caption=f"aijobs.net salary index (CC0), {when}",
    )
