"""Tests for databuild.sources.bea_rpp: MARPP + SARPP -> price_parities, and bad input."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import numpy as np
import pytest

from databuild.errors import SourceError
from databuild.sources import bea_rpp

FIXTURES = Path(__file__).parent / "fixtures" / "bea_rpp"
MARPP = FIXTURES / bea_rpp.METRO_FILE
SARPP = FIXTURES / bea_rpp.STATE_FILE
RAW = Path("/work/shared/data/raw")
REAL = RAW / "bea_rpp"


def _cell(path: Path, geofips: str, line_code: str, year: str) -> str:
    """One cell straight from a BEA CSV, read with the csv module."""
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if (row["GeoFIPS"] or "").strip(' "') == geofips and row["LineCode"] == line_code:
                return row[year]
    raise KeyError((geofips, line_code))


def _variant(tmp_path: Path, source: Path, old: bytes, new: bytes) -> Path:
    """Copy a fixture under its own name with one byte replacement (which must occur)."""
    data = source.read_bytes()
    assert old in data
    path = tmp_path / source.name
    path.write_bytes(data.replace(old, new, 1))
    return path


def _line_of(path: Path, needle: bytes) -> int:
    """1-based line (counting '\\n') of the first line containing `needle`."""
    return next(i for i, line in enumerate(path.read_bytes().split(b"\n"), 1) if needle in line)


def test_fixture_table_shape_and_docs():
    table, rows = bea_rpp.read_files(MARPP, SARPP)
    docs = bea_rpp.TABLES["price_parities"]
    assert list(table.columns) == list(docs)
    for name, doc in docs.items():
        assert str(table[name].dtype) == doc.dtype, name
    assert rows == 20 + 15
    assert len(table) == (4 + 2) * 17
    assert table["year"].min() == 2008 and table["year"].max() == 2024
    assert table["geo_level"].unique().tolist() == ["nation", "state", "metro", "nonmetro portion"]


def test_fixture_values_match_file_cells():
    table, _ = bea_rpp.read_files(MARPP, SARPP)
    by = table.set_index(["geo_code", "year"])
    assert by.loc[("41940", 2024), "all_items"] == float(_cell(MARPP, "41940", "1", "2024"))
    assert by.loc[("41940", 2019), "housing"] == float(_cell(MARPP, "41940", "3", "2019"))
    assert by.loc[("06", 2024), "all_items"] == float(_cell(SARPP, "06000", "1", "2024"))
    assert by.loc[("01", 2010), "utilities"] == float(_cell(SARPP, "01000", "4", "2010"))
    assert by.loc[("00999", 2008), "goods"] == float(_cell(MARPP, "00999", "2", "2008"))
    assert (table.loc[table["geo_code"] == "00000", "all_items"] == 100.0).all()


def test_names_codes_and_na_cells():
    table, _ = bea_rpp.read_files(MARPP, SARPP)
    names = table.drop_duplicates("geo_code").set_index("geo_code")["geo_name"]
    assert names["41940"] == "San Jose-Sunnyvale-Santa Clara, CA"
    assert names["21420"] == "Enid, OK"
    assert names["00999"] == "United States (Nonmetropolitan Portion)"
    assert names["06"] == "California"
    enid = table[table["geo_code"] == "21420"].set_index("year")
    assert _cell(MARPP, "21420", "1", "2012") == "(NA)"
    assert np.isnan(enid.loc[2012, "all_items"])
    assert enid.loc[2008:2012, "all_items"].isna().all()
    assert enid.loc[2013, "all_items"] == float(_cell(MARPP, "21420", "1", "2013"))


def test_read_uses_raw_folder(tmp_path):
    (tmp_path / "bea_rpp").mkdir()
    for path in (MARPP, SARPP):
        shutil.copy(path, tmp_path / "bea_rpp" / path.name)
    result = bea_rpp.read(tmp_path)
    assert set(result.tables) == {"price_parities"}
    assert [p.name for p in result.inputs] == [bea_rpp.METRO_FILE, bea_rpp.STATE_FILE]


def test_read_finds_a_newer_release_by_pattern(tmp_path):
    (tmp_path / "bea_rpp").mkdir()
    shutil.copy(MARPP, tmp_path / "bea_rpp" / "MARPP_MSA_2008_2024.csv")
    shutil.copy(SARPP, tmp_path / "bea_rpp" / "SARPP_STATE_2008_2023.csv")
    shutil.copy(SARPP, tmp_path / "bea_rpp" / "SARPP_STATE_2008_2024x.csv")
    result = bea_rpp.read(tmp_path)
    assert [p.name for p in result.inputs] == [
        "MARPP_MSA_2008_2024.csv",
        "SARPP_STATE_2008_2024x.csv",
    ]


def test_missing_file_is_named(tmp_path):
    (tmp_path / "bea_rpp").mkdir()
    shutil.copy(MARPP, tmp_path / "bea_rpp" / MARPP.name)
    with pytest.raises(SourceError, match=r"SARPP_STATE_2008_2024\.csv.*not found"):
        bea_rpp.read(tmp_path)


def test_double_crlf_file_reports_grep_line(tmp_path):
    # SARPP ends lines with \r\r\n; errors must point at the line grep -n shows.
    path = _variant(tmp_path, SARPP, b'"Alabama",5,SARPP,3,', b'"Alabama",5,SARPP,7,')
    with pytest.raises(SourceError) as err:
        bea_rpp.read_table(path)
    assert err.value.line == _line_of(path, b'"Alabama",5,SARPP,7')
    assert err.value.column == "LineCode"


def test_empty_file(tmp_path):
    path = tmp_path / bea_rpp.METRO_FILE
    path.write_bytes(b"")
    with pytest.raises(SourceError, match=r"MARPP_MSA_2008_2024\.csv.*empty"):
        bea_rpp.read_table(path)


def test_random_bytes(tmp_path):
    path = tmp_path / bea_rpp.METRO_FILE
    path.write_bytes(np.random.default_rng(3).integers(0, 256, 3000, dtype=np.uint8).tobytes())
    with pytest.raises(SourceError, match=r"MARPP_MSA_2008_2024\.csv"):
        bea_rpp.read_table(path)


def test_truncated_file(tmp_path):
    data = MARPP.read_bytes()
    for cut in (len(data) // 2, data.index(b'"Note:')):  # mid-row and at a row boundary
        path = tmp_path / bea_rpp.METRO_FILE
        path.write_bytes(data[:cut])
        with pytest.raises(SourceError) as err:
            bea_rpp.read_table(path)
        assert "MARPP_MSA_2008_2024.csv" in str(err.value)
        assert err.value.line is not None


def test_renamed_column(tmp_path):
    path = _variant(tmp_path, MARPP, b"GeoFIPS,", b"GeoFips,")
    with pytest.raises(SourceError) as err:
        bea_rpp.read_table(path)
    assert "MARPP_MSA_2008_2024.csv" in str(err.value) and "GeoFIPS" in str(err.value)
    assert err.value.line == 1


def test_text_in_numeric_column(tmp_path):
    value = _cell(MARPP, "41940", "1", "2015").encode()
    row_start = b'"41940","San Jose-Sunnyvale-Santa Clara, CA (Metropolitan Statistical Area)"'
    data = MARPP.read_bytes()
    line_no = _line_of(MARPP, row_start)
    lines = data.split(b"\n")
    target = next(i for i, line in enumerate(lines) if row_start in line)
    fields = lines[target].split(b",")
    fields[-10] = b"n.a."  # 2015 is the 10th column from the end
    assert fields[-10] != value
    lines[target] = b",".join(fields)
    path = tmp_path / bea_rpp.METRO_FILE
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(SourceError) as err:
        bea_rpp.read_table(path)
    assert err.value.line == line_no
    assert err.value.column == "2015"
    assert "'n.a.' is not a number" in str(err.value)


@pytest.mark.parametrize(
    ("old", "new", "column"),
    [
        (b'"41940"', b'"4194"', "GeoFIPS"),
        (b'"Index",119.286', b'"Index",219.286', "2008"),
        (b'"RPPs: All items ","Index",119.286', b'"RPPs: Goods ","Index",119.286', "Description"),
    ],
)
def test_bad_cells_name_line_and_column(tmp_path, old, new, column):
    path = _variant(tmp_path, MARPP, old, new)
    with pytest.raises(SourceError) as err:
        bea_rpp.read_table(path)
    assert err.value.column == column
    assert err.value.line == _line_of(path, new)
    assert "MARPP_MSA_2008_2024.csv" in str(err.value)


def test_bad_year_header(tmp_path):
    path = _variant(tmp_path, MARPP, b",2024\n", b",24\n")
    with pytest.raises(SourceError, match="4-digit years"):
        bea_rpp.read_table(path)


def test_missing_line_code_row(tmp_path):
    data = MARPP.read_bytes()
    lines = data.split(b"\n")
    kept = [line for line in lines if not line.startswith(b' "41940"') or b",MARPP,4," not in line]
    path = tmp_path / bea_rpp.METRO_FILE
    path.write_bytes(b"\n".join(kept))
    with pytest.raises(SourceError, match="41940 lacks some of LineCodes"):
        bea_rpp.read_table(path)


@pytest.mark.skipif(not REAL.is_dir(), reason="raw data not present")
def test_real_files_known_answers():
    result = bea_rpp.read(RAW)
    table = result.tables["price_parities"]
    areas = table.drop_duplicates("geo_code")["geo_level"].value_counts()
    assert areas["metro"] == 387
    assert areas["state"] == 51
    assert areas["nation"] == 1 and areas["nonmetro portion"] == 1
    assert result.rows_read == 1945 + 260
    assert len(table) == (387 + 51 + 2) * 17
    us = table[table["geo_code"] == "00000"]
    assert sorted(us["year"]) == list(range(2008, 2025))
    assert (us["all_items"] == 100.0).all()
    by = table.set_index(["geo_code", "year"])
    marpp, sarpp = REAL / bea_rpp.METRO_FILE, REAL / bea_rpp.STATE_FILE
    for code, line, year, col in [
        ("41860", "1", "2024", "all_items"),
        ("17410", "3", "2020", "housing"),
        ("28140", "5", "2008", "other_services"),
        ("00999", "4", "2016", "utilities"),
    ]:
        assert by.loc[(code, int(year)), col] == float(_cell(marpp, code, line, year))
    assert by.loc[("11", 2024), "all_items"] == float(_cell(sarpp, "11000", "1", "2024"))
    assert table["all_items"].isna().sum() == 5 + 7 + 8  # Enid, Twin Falls, Kiryas Joel


@pytest.mark.skipif(not REAL.is_dir(), reason="raw data not present")
def test_vintage_reader():
    vintage = bea_rpp.read_vintage(RAW)
    assert vintage["year"].max() == 2023
    codes = set(vintage.loc[vintage["geo_level"] == "metro", "geo_code"])
    assert "17460" in codes and "17410" not in codes  # Cleveland under OMB 2020 codes
