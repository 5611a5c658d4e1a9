"""Tests for databuild.sources.aijobs: the salaries table, its validation, the real file."""

from __future__ import annotations

import csv
import shutil
import statistics
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

from databuild.errors import SourceError
from databuild.sources import aijobs

FIXTURES = Path(__file__).parent / "fixtures" / "aijobs"
RAW = Path(__file__).resolve().parents[2] / "shared" / "data" / "raw"
REAL = RAW / aijobs.SOURCE.folder / aijobs.FILE_NAME


# --- the fixture in the official format ----------------------------------------------------


def test_parse_valid_fixture() -> None:
    table = aijobs.parse(FIXTURES / "valid.csv")
    assert list(table.columns) == list(aijobs.TABLES["salaries"])
    assert [str(dtype) for dtype in table.dtypes] == [
        doc.dtype for doc in aijobs.TABLES["salaries"].values()
    ]
    assert table["record"].tolist() == [1, 2, 3, 4, 5, 6]
    first = table.iloc[0]
    assert (first["year"], first["level"], first["employment_type"]) == (
        2022,
        "Executive",
        "Full-time",
    )
    assert (first["title"], first["track"], first["specialization"]) == (
        "Consultant",
        "Other",
        "General",
    )
    prompt = table.iloc[1]
    assert (prompt["track"], prompt["specialization"]) == ("AI engineer", "Generative AI / LLM")
    assert (prompt["salary"], prompt["salary_currency"], prompt["salary_usd"]) == (
        65000.0,
        "EUR",
        68421.0,
    )
    assert prompt["employee_country"] == "AT" and prompt["remote_ratio"] == 0


def test_is_duplicate_flags_only_later_copies() -> None:
    table = aijobs.parse(FIXTURES / "valid.csv")
    # Row 6 repeats row 1 exactly: row 1 stays False, row 6 is True.
    assert table["is_duplicate"].tolist() == [False, False, False, False, False, True]


def test_read_uses_the_source_folder_and_logs_taxonomy(tmp_path: Path) -> None:
    folder = tmp_path / aijobs.SOURCE.folder
    folder.mkdir()
    shutil.copy(FIXTURES / "valid.csv", folder / aijobs.FILE_NAME)
    result = aijobs.read(tmp_path)
    assert result.rows_read == 6 and result.inputs == [folder / aijobs.FILE_NAME]
    log = "\n".join(result.log)
    assert "1 repeat an earlier record" in log
    assert "taxonomy rule counts" in log and "titles no track rule matched" in log


# --- failures ---------------------------------------------------------------------------------


def _error(path: Path) -> SourceError:
    with pytest.raises(SourceError) as info:
        aijobs.parse(path)
    assert str(path) in str(info.value)
    return info.value


def test_truncated_file_names_the_short_line() -> None:
    err = _error(FIXTURES / "truncated.csv")
    assert err.line == 6 and "line 6" in str(err)


def test_renamed_column_is_reported() -> None:
    err = _error(FIXTURES / "renamed_column.csv")
    assert "salary_in_usd" in str(err) and err.line == 1


def test_text_in_numeric_column_names_line_and_column() -> None:
    err = _error(FIXTURES / "text_in_number.csv")
    assert (err.line, err.column) == (4, "salary_in_usd")
    assert "'lots'" in str(err)


def test_bad_country_code_names_line_and_column() -> None:
    err = _error(FIXTURES / "bad_country.csv")
    assert (err.line, err.column) == (3, "company_location")


def test_empty_file() -> None:
    assert "empty" in str(_error(FIXTURES / "empty.csv"))


def test_random_bytes() -> None:
    _error(FIXTURES / "random_bytes.csv")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="file not found"):
        aijobs.read(tmp_path)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("work_year", "2019", "outside the plausible range"),
        ("work_year", "2024.5", "not a whole number"),
        ("experience_level", "XX", "one of EN, MI, SE, EX"),
        ("employment_type", "", "empty"),
        ("remote_ratio", "25", "one of 0, 50, 100"),
        ("company_size", "XL", "one of S, M, L"),
        ("salary_in_usd", "0", "outside the plausible range"),
        ("salary_in_usd", "5000000", "outside the plausible range"),
        ("salary_currency", "usd", "ISO 4217"),
    ],
)
def test_bad_cell_values(tmp_path: Path, column: str, value: str, message: str) -> None:
    lines = (FIXTURES / "valid.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[2].split(",")
    cells[header.index(column)] = value
    lines[2] = ",".join(cells)
    path = tmp_path / "salaries.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = _error(path)
    assert (err.line, err.column) == (3, column)
    assert message in str(err)


# --- dates: no record after the file's own date (issue 23) ----------------------------------


def _with_year(folder: Path, year: str) -> Path:
    """valid.csv with data row 2 (file line 3) dated `year`, written into `folder`."""
    lines = (FIXTURES / "valid.csv").read_text(encoding="utf-8").splitlines()
    lines[2] = year + lines[2][4:]
    folder.mkdir(exist_ok=True)
    path = folder / aijobs.FILE_NAME
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_record_after_the_snapshot_date_in_provenance_is_refused(tmp_path: Path) -> None:
    path = _with_year(tmp_path / "aijobs", "2026")
    (path.parent / "PROVENANCE.md").write_text(
        "From the publisher's repository at commit **`" + "9" * 40 + "`** (2025-01-19 06:00 "
        "UTC, weekly update).",
        encoding="utf-8",
    )
    assert aijobs.dated(path) == ("2025-01-19", "snapshot date (PROVENANCE.md)")
    with pytest.raises(SourceError) as info:
        aijobs.read(tmp_path)
    assert (info.value.line, info.value.column) == (3, "work_year")
    assert "'2026' is after the file's snapshot date (PROVENANCE.md), 2025-01-19" in str(info.value)
    _with_year(tmp_path / "aijobs", "2025")  # the snapshot's own year is allowed
    assert aijobs.read(tmp_path).facts["latest_year"] == 2025


def test_without_a_known_date_no_record_is_after_the_build(tmp_path: Path, monkeypatch) -> None:
    class Today:
        @staticmethod
        def today():
            from datetime import date

            return date(2027, 3, 1)

    monkeypatch.setattr(aijobs, "date", Today)
    path = _with_year(tmp_path / "aijobs", "2028")  # within 2020-2030, but after the build
    with pytest.raises(SourceError, match=r"after the file.s build date .no snapshot date"):
        aijobs.parse(path, aijobs.dated(path))
    path = _with_year(tmp_path / "aijobs", "2027")
    assert aijobs.parse(path, aijobs.dated(path))["year"].max() == 2027


def test_header_only_file(tmp_path: Path) -> None:
    path = tmp_path / "salaries.csv"
    path.write_text(",".join(aijobs.SOURCE_COLUMNS) + "\n", encoding="utf-8")
    assert "no data rows" in str(_error(path))


# --- known answers on the real file ---------------------------------------------------------


@pytest.fixture(scope="module")
def real() -> tuple[pd.DataFrame, list[str], list[dict[str, str]]]:
    """The real salaries table, its log, and the raw rows read with the csv module."""
    if not REAL.is_file():
        pytest.skip("raw aijobs/salaries.csv not available")
    result = aijobs.read(RAW)
    with open(REAL, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return result.tables["salaries"], result.log, rows


def test_real_file_is_dated_by_its_known_snapshot() -> None:
    if not REAL.is_file():
        pytest.skip("raw aijobs/salaries.csv not available")
    # PROVENANCE.md: commit of 2025-01-19, sha256 fce1318d...
    assert aijobs.dated(REAL) == ("2025-01-19", "snapshot date")


def test_real_row_count_and_order(real) -> None:
    table, _, rows = real
    assert len(table) == len(rows) == 74_301
    assert table["record"].tolist() == list(range(1, 74_302))
    assert table["title"].tolist() == [row["job_title"] for row in rows]


def test_real_duplicates_match_provenance(real) -> None:
    table, _, rows = real
    seen: set[tuple[str, ...]] = set()
    later_copies = 0
    for row in rows:
        key = tuple(row.values())
        later_copies += key in seen
        seen.add(key)
    # PROVENANCE.md: "39,304 rows (53%) are exact duplicates of another row" = later copies.
    assert int(table["is_duplicate"].sum()) == later_copies == 39_304
    assert int(table.loc[table["year"] == 2024, "is_duplicate"].sum()) == 34_549


def test_real_us_median_by_level(real) -> None:
    table, _, rows = real
    by_level: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        if row["company_location"] == "US":
            by_level[row["experience_level"]].append(float(row["salary_in_usd"]))
    us = table[table["company_country"] == "US"].groupby("level")["salary_usd"].median()
    for code, level in aijobs.LEVEL_CODES.items():
        assert us[level] == statistics.median(by_level[code])
    # PROVENANCE.md rounds the Entry median to 95.8k.
    assert round(us["Entry"] / 100) * 100 == 95_800


def test_real_codes_and_counts(real) -> None:
    table, _, rows = real
    for column, source in (("level", "experience_level"), ("employment_type", "employment_type")):
        mapping = aijobs.LEVEL_CODES if column == "level" else aijobs.EMPLOYMENT_TYPES
        expected = pd.Series([mapping[row[source]] for row in rows]).value_counts()
        assert table[column].value_counts().to_dict() == expected.to_dict()
    assert table["year"].between(2020, 2025).all()
    assert table["title"].nunique() == 290
    usd = table["salary_currency"] == "USD"
    assert (table.loc[usd, "salary"] == table.loc[usd, "salary_usd"]).all()


def test_real_log_has_rule_counts_and_unmapped_titles(real) -> None:
    table, log, _ = real
    text = "\n".join(log)
    assert "taxonomy rule counts" in text
    assert "  Software Engineer (7930)" in log
    other = int((table["track"] == "Other").sum())
    assert other > 0 and table["track"].notna().all()
