"""Tests for databuild.sources.so_survey: both survey formats, failures, the real files."""

from __future__ import annotations

import bz2
import csv
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from databuild.errors import SourceError
from databuild.sources import so_survey

FIXTURES = Path(__file__).parent / "fixtures" / "so_survey"
RAW = Path(__file__).resolve().parents[2] / "shared" / "data" / "raw"
REAL_2024 = RAW / so_survey.SOURCE.folder / so_survey.FILE_2024
REAL_2025 = RAW / so_survey.SOURCE.folder / so_survey.FILE_2025


def _raw_dir(
    tmp_path: Path, name_2024: str = "valid_2024.csv.bz2", name_2025: str = "valid_2025.csv"
) -> Path:
    """A raw directory holding two fixtures under the official file names."""
    folder = tmp_path / so_survey.SOURCE.folder
    folder.mkdir()
    shutil.copy(FIXTURES / name_2024, folder / so_survey.FILE_2024)
    shutil.copy(FIXTURES / name_2025, folder / so_survey.FILE_2025)
    return tmp_path


def _fixture_rows_2024() -> list[dict[str, str]]:
    text = bz2.decompress((FIXTURES / "valid_2024.csv.bz2").read_bytes()).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


# --- the fixtures in the official formats ----------------------------------------------------


def test_read_valid_fixtures(tmp_path: Path) -> None:
    result = so_survey.read(_raw_dir(tmp_path))
    table = result.tables["survey"]
    assert list(table.columns) == list(so_survey.TABLES["survey"])
    assert [str(dtype) for dtype in table.dtypes] == [
        doc.dtype for doc in so_survey.TABLES["survey"].values()
    ]
    assert result.rows_read == 10
    assert table["year"].tolist() == [2024] * 5 + [2025] * 5
    assert table["response_id"].tolist()[5:] == [
        "2025-0",
        "2025-1",
        "2025-45",
        "2025-138",
        "2025-180",
    ]
    assert table["experience_measure"].tolist() == ["professional"] * 5 + ["total coding"] * 5
    later = table[table["year"] == 2025]
    assert (
        later[
            [
                "remote",
                "industry",
                "org_size",
                "employment",
                "ic_or_pm",
                "learn_code",
                "ai_tools",
                "frameworks",
                "cloud_platforms",
            ]
        ]
        .isna()
        .all()
        .all()
    )
    assert later["ed_level"].iloc[0] == "Master’s degree (M.A., M.S., M.Eng., MBA, etc.)"
    assert later["ai_ml_role"].tolist() == [False, False, True, True, True]
    assert later["pay_usd"].tolist() == [61256.0, 104413.0, 80966.0, 66017.0, 6000.0]
    assert table["sampling_caveat"].nunique() == 2


def test_2024_values_and_outlier_rule(tmp_path: Path) -> None:
    table = so_survey.read(_raw_dir(tmp_path)).tables["survey"]
    rows = {row["ResponseId"]: row for row in _fixture_rows_2024()}
    early = table[table["year"] == 2024].set_index("response_id")
    assert set(early.index) == set(rows)
    for response_id, row in rows.items():
        got = early.loc[response_id]
        assert got["dev_type"] == row["DevType"] and got["country"] == row["Country"]
        assert got["cloud_platforms"] == row["PlatformHaveWorkedWith"]
        for column, raw in (
            ("employment", "Employment"),
            ("ic_or_pm", "ICorPM"),
            ("ed_level", "EdLevel"),
            ("learn_code", "LearnCode"),
        ):
            assert (got[column] if pd.notna(got[column]) else "") == row[raw], column
        pay = float(row["ConvertedCompYearly"]) if row["ConvertedCompYearly"] else None
        if pay is None or not 1_000 <= pay <= 2_000_000:
            assert pd.isna(got["pay_usd"])
        else:
            assert got["pay_usd"] == pay
        if row["YearsCodePro"] == "Less than 1 year":
            assert got["years_experience"] == 0.5
        elif row["YearsCodePro"] == "":
            assert pd.isna(got["years_experience"])
        else:
            assert got["years_experience"] == float(row["YearsCodePro"])
    assert early["ai_ml_role"].sum() == 2  # "Developer, AI" and a data scientist


def _bad_2024(tmp_path: Path, response_id: str, column: str, value: str) -> Path:
    """The valid 2024 fixture with one cell changed, written as bz2 under the official name."""
    rows = _fixture_rows_2024()
    for row in rows:
        if row["ResponseId"] == response_id:
            row[column] = value
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / so_survey.FILE_2024
    path.write_bytes(bz2.compress(buffer.getvalue().encode("utf-8")))
    return path


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        # A renamed answer would silently count everyone as "did not learn that way".
        ("LearnCode", "Colleague;Online Courses or Certificates", "not a list of LearnCode"),
        ("LearnCode", "Colleague;", "not a list of LearnCode"),
        ("Employment", "Employed, full-time;Freelancing", "not a list of Employment"),
        ("ICorPM", "Manager", "not an ICorPM answer"),
        ("EdLevel", "PhD", "not an EdLevel answer"),
    ],
)
def test_2024_unknown_answers_stop_the_build(
    tmp_path: Path, column: str, value: str, message: str
) -> None:
    path = _bad_2024(tmp_path, "2189", column, value)  # the fixture's third row: line 4
    with pytest.raises(SourceError) as info:
        so_survey.parse_2024(path)
    assert (info.value.line, info.value.column) == (4, column)
    assert message in str(info.value) and repr(value) in str(info.value)


def test_2024_blank_answers_are_missing(tmp_path: Path) -> None:
    path = _bad_2024(tmp_path, "2189", "LearnCode", "")
    rows, _ = so_survey.parse_2024(path)
    got = rows.set_index("response_id")
    assert pd.isna(got.loc["2189", "learn_code"]) and pd.isna(got.loc["2189", "ic_or_pm"])
    assert got.loc["408", "ic_or_pm"] == "Individual contributor"
    assert got.loc["13764", "ic_or_pm"] == "People manager"


def test_log_counts_outliers(tmp_path: Path) -> None:
    log = so_survey.read(_raw_dir(tmp_path)).log
    assert "2 pay outliers set to NA (1 below 1,000, 1 above 2,000,000 USD)" in log[0]
    assert "0 pay outliers" in log[1]


def test_years_words_map_to_numbers() -> None:
    frame = pd.DataFrame(
        {"y": ["Less than 1 year", "More than 50 years", "7", ""], "_line": [2, 3, 4, 5]}
    )
    years = so_survey._years(frame, "y", Path("x.csv"), 2024)
    assert years.iloc[:3].tolist() == [0.5, 51.0, 7.0] and pd.isna(years.iloc[3])


# --- failures ----------------------------------------------------------------------------------


def _error(
    tmp_path: Path, name_2024: str = "valid_2024.csv.bz2", name_2025: str = "valid_2025.csv"
) -> SourceError:
    raw = _raw_dir(tmp_path, name_2024, name_2025)
    with pytest.raises(SourceError) as info:
        so_survey.read(raw)
    bad = so_survey.FILE_2024 if name_2024 != "valid_2024.csv.bz2" else so_survey.FILE_2025
    assert str(raw / so_survey.SOURCE.folder / bad) in str(info.value)
    return info.value


def test_2024_truncated_bz2_stream(tmp_path: Path) -> None:
    assert "bz2" in str(_error(tmp_path, name_2024="truncated_2024.csv.bz2"))


def test_2024_truncated_row(tmp_path: Path) -> None:
    err = _error(tmp_path, name_2024="short_row_2024.csv.bz2")
    assert err.line == 6 and "truncated" in str(err)


def test_2024_renamed_column(tmp_path: Path) -> None:
    assert "ConvertedCompYearly" in str(_error(tmp_path, name_2024="renamed_2024.csv.bz2"))


def test_2024_text_in_numeric_column(tmp_path: Path) -> None:
    err = _error(tmp_path, name_2024="text_in_number_2024.csv.bz2")
    assert (err.line, err.column) == (3, "YearsCodePro") and "'about ten'" in str(err)


def test_2024_empty_file(tmp_path: Path) -> None:
    assert "empty" in str(_error(tmp_path, name_2024="empty_2024.csv.bz2"))


def test_2024_random_bytes(tmp_path: Path) -> None:
    assert "bz2" in str(_error(tmp_path, name_2024="random_bytes_2024.csv.bz2"))


def test_2025_truncated_row(tmp_path: Path) -> None:
    err = _error(tmp_path, name_2025="truncated_2025.csv")
    assert err.line == 6 and "truncated" in str(err)


def test_2025_renamed_column(tmp_path: Path) -> None:
    assert "YearsCode" in str(_error(tmp_path, name_2025="renamed_2025.csv"))


def test_2025_text_in_numeric_column(tmp_path: Path) -> None:
    err = _error(tmp_path, name_2025="text_in_number_2025.csv")
    assert (err.line, err.column) == (4, "salary") and "'n/a'" in str(err)


def test_2025_empty_file(tmp_path: Path) -> None:
    assert "empty" in str(_error(tmp_path, name_2025="empty_2025.csv"))


def test_2025_random_bytes(tmp_path: Path) -> None:
    err = _error(tmp_path, name_2025="random_bytes_2025.csv")
    assert "UTF-8" in str(err) and err.line == 1


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("salary", "-5", "not a positive amount"),
        ("salary", "0", "not a positive amount"),
        ("salary", "1e9", "outside the plausible range"),
        ("YearsCode", "150", "outside the plausible range"),
        ("Country", "", "not a country name"),
        ("", "x7", "not a row index"),
    ],
)
def test_2025_bad_cells(tmp_path: Path, column: str, value: str, message: str) -> None:
    rows = list(csv.reader(io.StringIO((FIXTURES / "valid_2025.csv").read_text(encoding="utf-8"))))
    rows[2][rows[0].index(column)] = value
    path = tmp_path / "bad.csv"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    with pytest.raises(SourceError) as info:
        so_survey.parse_2025(path)
    assert (info.value.line, info.value.column) == (3, column)
    assert message in str(info.value) and str(path) in str(info.value)


def test_2025_repeated_index(tmp_path: Path) -> None:
    lines = (FIXTURES / "valid_2025.csv").read_text(encoding="utf-8").splitlines()
    lines.append(lines[1])
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SourceError, match="appears more than once") as info:
        so_survey.parse_2025(path)
    assert info.value.line == 7


# --- known answers on the real files ----------------------------------------------------------


@pytest.fixture(scope="module")
def real() -> tuple[pd.DataFrame, list[str]]:
    if not (REAL_2024.is_file() and REAL_2025.is_file()):
        pytest.skip("raw so_survey files not available")
    result = so_survey.read(RAW)
    return result.tables["survey"], result.log


@pytest.fixture(scope="module")
def raw_2024() -> list[dict[str, str]]:
    if not REAL_2024.is_file():
        pytest.skip("raw so_survey 2024 file not available")
    text = bz2.decompress(REAL_2024.read_bytes()).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture(scope="module")
def raw_2025() -> list[dict[str, str]]:
    if not REAL_2025.is_file():
        pytest.skip("raw so_survey 2025 file not available")
    with open(REAL_2025, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_real_row_counts(real) -> None:
    table, _ = real
    assert table["year"].value_counts().to_dict() == {2024: 18_845, 2025: 21_942}
    assert table["response_id"].is_unique


def test_real_2024_values_match_raw(real, raw_2024) -> None:
    table, log = real
    early = table[table["year"] == 2024].set_index("response_id")
    for row in raw_2024[:: len(raw_2024) // 50]:
        got = early.loc[row["ResponseId"]]
        assert got["country"] == row["Country"]
        assert (got["remote"] if pd.notna(got["remote"]) else "") == row["RemoteWork"]
        assert (got["industry"] if pd.notna(got["industry"]) else "") == row["Industry"]
        assert (got["ai_tools"] if pd.notna(got["ai_tools"]) else "") == row[
            "AISearchDevHaveWorkedWith"
        ]
    paid = [float(row["ConvertedCompYearly"]) for row in raw_2024 if row["ConvertedCompYearly"]]
    kept = [pay for pay in paid if 1_000 <= pay <= 2_000_000]
    assert len(paid) == 9_550  # PROVENANCE.md
    assert early["pay_usd"].notna().sum() == len(kept)
    assert early["pay_usd"].median() == pd.Series(kept).median()
    assert f"{len(paid) - len(kept)} pay outliers" in log[0]
    roles = pd.Series([row["DevType"] for row in raw_2024]).value_counts()
    assert early["ai_ml_role"].sum() == (
        roles["Data scientist or machine learning specialist"] + roles["Developer, AI"]
    )
    us = early[early["country"] == "United States of America"]
    assert len(us) == 3_441  # PROVENANCE.md
    for column, raw in (
        ("employment", "Employment"),
        ("ic_or_pm", "ICorPM"),
        ("ed_level", "EdLevel"),
        ("learn_code", "LearnCode"),
    ):
        answered = sum(1 for row in raw_2024 if row[raw].strip())
        assert early[column].notna().sum() == answered, column
    learned = sum("Online Courses or Certification" in row["LearnCode"] for row in raw_2024)
    assert early["learn_code"].str.contains("Online Courses or Certification").sum() == learned
    managers = sum(row["ICorPM"] == "People manager" for row in raw_2024)
    assert (early["ic_or_pm"] == "People manager").sum() == managers


def test_real_2025_values_match_raw(real, raw_2025) -> None:
    table, _ = real
    later = table[table["year"] == 2025].reset_index(drop=True)
    assert later["response_id"].tolist() == [f"2025-{row['']}" for row in raw_2025]
    assert later["pay_usd"].tolist() == [float(row["salary"]) for row in raw_2025]
    assert later["years_experience"].tolist() == [float(row["YearsCode"]) for row in raw_2025]
    assert later["dev_type"].tolist() == [row["PrimaryRole"] for row in raw_2025]
    # PROVENANCE.md role counts: AI/ML engineer 318, Data scientist 318, Applied scientist 157,
    # Developer, AI apps or physical AI 94.
    assert later["ai_ml_role"].sum() == 318 + 318 + 157 + 94
    assert (later["country"] == "United States of America").sum() == 5_002


def test_download_cache_layout_reads_official_2024_without_2025(tmp_path):
    """databuild.download saves the official 2024 CSV and cannot fetch the 2025 extract."""
    from databuild.sources import so_survey as reader

    fixture = Path(__file__).parent / "fixtures" / "so_survey" / "valid_2024.csv.bz2"
    folder = tmp_path / "so_survey"
    folder.mkdir()
    (folder / reader.FILE_2024_OFFICIAL).write_bytes(bz2.decompress(fixture.read_bytes()))
    result = reader.read(tmp_path)
    survey = result.tables["survey"]
    assert set(survey["year"]) == {2024}
    assert survey["sampling_caveat"].str.contains("official").all()
    assert any("2024 only" in line for line in result.log)
