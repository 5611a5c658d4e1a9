"""Tests for databuild.sources.bea_rpp: MARPP + SARPP + PARPP -> price_parities, bad input."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from databuild.errors import SourceError
from databuild.sources import bea_rpp

FIXTURES = Path(__file__).parent / "fixtures" / "bea_rpp"
MARPP = FIXTURES / bea_rpp.METRO_FILE
SARPP = FIXTURES / bea_rpp.STATE_FILE
PARPP = FIXTURES / bea_rpp.PORTION_FILE
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
    for path in (MARPP, SARPP, PARPP):
        shutil.copy(path, tmp_path / "bea_rpp" / path.name)
    result = bea_rpp.read(tmp_path)
    assert set(result.tables) == {"price_parities"}
    assert [p.name for p in result.inputs] == [
        bea_rpp.METRO_FILE,
        bea_rpp.STATE_FILE,
        bea_rpp.PORTION_FILE,
    ]
    assert result.facts["nonmetro_states"] == 2  # Alabama and California
    assert result.facts["nonmetro_missing"] == {}


def test_read_finds_a_newer_release_by_pattern(tmp_path):
    (tmp_path / "bea_rpp").mkdir()
    shutil.copy(MARPP, tmp_path / "bea_rpp" / "MARPP_MSA_2008_2024.csv")
    shutil.copy(SARPP, tmp_path / "bea_rpp" / "SARPP_STATE_2008_2023.csv")
    shutil.copy(SARPP, tmp_path / "bea_rpp" / "SARPP_STATE_2008_2024x.csv")
    shutil.copy(PARPP, tmp_path / "bea_rpp" / "PARPP_PORT_2008_2024x.csv")
    result = bea_rpp.read(tmp_path)
    assert [p.name for p in result.inputs] == [
        "MARPP_MSA_2008_2024.csv",
        "SARPP_STATE_2008_2024x.csv",
        "PARPP_PORT_2008_2024x.csv",
    ]


@pytest.mark.parametrize(
    ("present", "missing"),
    [((MARPP,), SARPP), ((MARPP, SARPP), PARPP)],
    ids=["no-SARPP", "no-PARPP"],
)
def test_missing_file_is_named(tmp_path, present, missing):
    (tmp_path / "bea_rpp").mkdir()
    for path in present:
        shutil.copy(path, tmp_path / "bea_rpp" / path.name)
    with pytest.raises(SourceError, match=re.escape(missing.name) + ".*not found"):
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


def _zero_areas(path: Path) -> set[str]:
    """GeoFIPS whose every year on every LineCode reads 0.000, straight from a BEA CSV."""
    values: dict[str, set[str]] = {}
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = (row["GeoFIPS"] or "").strip(' "')
            if code.isdigit():
                values.setdefault(code, set()).update(row[str(y)] for y in range(2008, 2025))
    return {code for code, seen in values.items() if seen == {"0.000"}}


@pytest.fixture(scope="module")
def real():
    """The real raw folder read once for the module (skipped without it)."""
    if not REAL.is_dir():
        pytest.skip("raw data not present")
    return bea_rpp.read(RAW)


def test_real_files_known_answers(real):
    result = real
    table = result.tables["price_parities"]
    areas = table.drop_duplicates(["geo_level", "geo_code"])["geo_level"].value_counts()
    assert areas["metro"] == 387
    assert areas["state"] == 51
    assert areas["nation"] == 1 and areas["nonmetro portion"] == 1
    # PROVENANCE: PARPP has 515 data rows, 103 areas: the U.S. and ss998 / ss999 per state
    assert areas["state metro"] == 51
    zero = _zero_areas(REAL / bea_rpp.PORTION_FILE)
    assert zero and all(code.endswith("999") for code in zero)
    assert areas["state nonmetro"] == result.facts["nonmetro_states"] == 51 - len(zero)
    assert set(result.facts["nonmetro_missing"]) == {code[:2] for code in zero}
    assert result.rows_read == 1945 + 260 + 515
    assert len(table) == (387 + 51 + 2 + 51 + 51 - len(zero)) * 17
    us = table[table["geo_code"] == "00000"]
    assert sorted(us["year"]) == list(range(2008, 2025))
    assert (us["all_items"] == 100.0).all()
    by = table[~table["geo_level"].str.startswith("state ")].set_index(["geo_code", "year"])
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


def test_real_state_portions_match_the_file(real):
    table = real.tables["price_parities"]
    parpp = REAL / bea_rpp.PORTION_FILE
    by = table.set_index(["geo_level", "geo_code", "year"])
    for level, fips, line, year, col in [
        ("state nonmetro", "01999", "1", "2024", "all_items"),  # Northwest Alabama's state
        ("state metro", "48998", "3", "2008", "housing"),
        ("state nonmetro", "56999", "5", "2016", "other_services"),
        ("state metro", "11998", "2", "2020", "goods"),
    ]:
        assert by.loc[(level, fips[:2], int(year)), col] == float(_cell(parpp, fips, line, year))
    portions = table[table["geo_level"].str.startswith("state ")]
    assert not set(real.facts["nonmetro_missing"]) & set(
        portions.loc[portions["geo_level"] == "state nonmetro", "geo_code"]
    )
    assert (portions[list(bea_rpp.TABLES["price_parities"])[4:]] > 0).all().all()
    names = portions.drop_duplicates(["geo_level", "geo_code"])
    assert names.loc[names["geo_code"] == "01", "geo_name"].tolist() == [
        "Alabama (Metropolitan Portion)",
        "Alabama (Nonmetropolitan Portion)",
    ]
    # MARPP and SARPP rows first, in their old order; the portions after them
    order = table["geo_level"].map({t: i for i, t in enumerate(bea_rpp.LEVEL_ORDER)})
    assert order.is_monotonic_increasing


# --- PARPP: state metropolitan and nonmetropolitan portions -------------------------------


def _edit_area(
    tmp_path: Path, code: str, change, line_codes: str = "12345", source: Path = PARPP
) -> Path:
    """Copy a fixture with change(line) applied to the rows of GeoFIPS `code` (LineCodes)."""
    lines = source.read_bytes().decode("utf-8").split("\n")
    hits = 0
    for i, line in enumerate(lines):
        fields = line.split(",")
        if line.startswith(f' "{code}"') and fields[4] in line_codes:
            lines[i], hits = change(line), hits + 1
    assert hits, code
    path = tmp_path / source.name
    path.write_bytes("\n".join(lines).encode("utf-8"))
    return path


def _zeros(line: str) -> str:
    fields = line.split(",")
    return ",".join(fields[:8] + ["0.000"] * (len(fields) - 8))


def test_fixture_with_portions():
    table, rows = bea_rpp.read_files(MARPP, SARPP, PARPP)
    assert rows == 20 + 15 + 25
    assert len(table) == (4 + 2 + 4) * 17
    assert table["geo_level"].unique().tolist() == list(bea_rpp.LEVEL_ORDER)
    without, _ = bea_rpp.read_files(MARPP, SARPP)
    assert table.iloc[: len(without)].equals(without)  # MARPP + SARPP rows unchanged, first
    by = table.set_index(["geo_level", "geo_code", "year"])
    assert by.loc[("state nonmetro", "06", 2024), "all_items"] == float(
        _cell(PARPP, "06999", "1", "2024")
    )
    assert by.loc[("state metro", "01", 2011), "utilities"] == float(
        _cell(PARPP, "01998", "4", "2011")
    )
    assert by.loc[("state nonmetro", "01", 2008), "geo_name"] == (
        "Alabama (Nonmetropolitan Portion)"
    )


def test_nonmetro_portion_printed_zero_is_left_out(tmp_path):
    folder = tmp_path / "bea_rpp"
    folder.mkdir()
    for source in (MARPP, SARPP):
        shutil.copy(source, folder / source.name)
    path = _edit_area(folder, "01999", _zeros)
    table, rows, _, portions = bea_rpp.read_files_info(MARPP, SARPP, path)
    assert rows == 20 + 15 + 25
    assert portions.unpriced == {"01999": "Alabama (Nonmetropolitan Portion)"}
    nonmetro = table[table["geo_level"] == "state nonmetro"]
    assert set(nonmetro["geo_code"]) == {"06"}
    assert ("state metro", "01") in set(zip(table["geo_level"], table["geo_code"], strict=True))
    facts = bea_rpp.read(tmp_path).facts
    assert facts["nonmetro_missing"] == {"01": "Alabama"} and facts["nonmetro_states"] == 1


@pytest.mark.parametrize(
    ("code", "line_codes", "says"),
    [
        ("01999", "1", "outside the plausible range"),  # one line of zeros is no mark
        ("01998", "12345", "outside the plausible range"),  # only nonmetro portions may be 0
    ],
    ids=["one-line-zero", "metro-portion-zero"],
)
def test_zero_elsewhere_is_out_of_range(tmp_path, code, line_codes, says):
    path = _edit_area(tmp_path, code, _zeros, line_codes)
    with pytest.raises(SourceError, match=says) as err:
        bea_rpp.read_files(MARPP, SARPP, path)
    assert err.value.path == path and err.value.column == "2008"
    assert err.value.line == _line_of(path, f' "{code}"'.encode())


def test_state_without_its_nonmetro_portion(tmp_path):
    path = _edit_area(tmp_path, "06999", lambda line: "")
    with pytest.raises(SourceError, match="lacks the nonmetropolitan portion of California") as e:
        bea_rpp.read_files(MARPP, SARPP, path)
    assert e.value.path == path and "06999" in str(e.value)


def test_portion_code_shifted_to_another_state(tmp_path):
    path = _edit_area(tmp_path, "06999", lambda line: line.replace('"06999"', '"07999"'))
    with pytest.raises(SourceError, match="07999 is named 'California") as err:
        bea_rpp.read_files(MARPP, SARPP, path)
    assert err.value.line == _line_of(path, b'"07999"') and err.value.column == "GeoName"


def test_portion_code_not_a_portion(tmp_path):
    path = _edit_area(tmp_path, "06999", lambda line: line.replace('"06999"', '"06997"'))
    with pytest.raises(SourceError, match="'06997' is not a 5-digit GeoFIPS code") as err:
        bea_rpp.read_files(MARPP, SARPP, path)
    assert err.value.line == _line_of(path, b'"06997"') and err.value.column == "GeoFIPS"


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        (
            b",".join(str(y).encode() for y in range(2008, 2025)),
            b",".join(str(y).encode() for y in range(2009, 2026)),
            "year columns run 2009-2025 but the file name says 2008-2024",
        ),
        (b"February 19, 2026", b"February 20, 2026", "differs from MARPP_MSA_2008_2024.csv's"),
        (b",PARPP,3,", b",SARPP,3,", "'SARPP' is not the expected table PARPP"),
    ],
    ids=["years-shifted", "other-release", "table-name"],
)
def test_portion_file_of_another_table_or_release(tmp_path, old, new, says):
    path = _variant(tmp_path, PARPP, old, new)
    with pytest.raises(SourceError, match=says) as err:
        bea_rpp.read_files(MARPP, SARPP, path)
    assert err.value.path == path


def _leading_na(line: str) -> str:
    fields = line.split(",")
    return ",".join(fields[:8] + ["(NA)"] * 2 + fields[10:])


def test_portion_na_years(tmp_path):
    path = _edit_area(tmp_path, "06999", _leading_na)  # every line: (NA) in 2008-2009
    table, _ = bea_rpp.read_files(MARPP, SARPP, path)
    rows = table[(table["geo_level"] == "state nonmetro") & (table["geo_code"] == "06")]
    assert rows.set_index("year").loc[[2008, 2009], "all_items"].isna().all()
    assert rows.set_index("year")["all_items"].notna().sum() == 15
    one_line = _edit_area(tmp_path, "06999", _leading_na, "3")
    with pytest.raises(SourceError, match=r"06999: \(NA\) years differ"):
        bea_rpp.read_files(MARPP, SARPP, one_line)


@pytest.mark.skipif(not REAL.is_dir(), reason="raw data not present")
def test_vintage_reader():
    vintage = bea_rpp.read_vintage(RAW)
    assert vintage["year"].max() == 2023
    codes = set(vintage.loc[vintage["geo_level"] == "metro", "geo_code"])
    assert "17460" in codes and "17410" not in codes  # Cleveland under OMB 2020 codes
