"""Tests for databuild.sources.geo: OMB list1/list2 + Gazetteer -> metros, and bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from databuild.errors import SourceError
from databuild.sources import bea_rpp, geo

FIXTURES = Path(__file__).parent / "fixtures" / "geo"
LIST1 = FIXTURES / geo.LIST1
LIST2 = FIXTURES / geo.LIST2
GAZ = FIXTURES / geo.GAZETTEER
RAW = Path("/work/shared/data/raw")


def _copy(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Copy the three fixtures into tmp_path; return their new paths."""
    for path in (LIST1, LIST2, GAZ):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path / LIST1.name, tmp_path / LIST2.name, tmp_path / GAZ.name


def _edit_xlsx(path: Path, row: int, column: str, value: str | None) -> None:
    """Set one cell (1-based spreadsheet row, header name) of the first sheet."""
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    header_row = next(r for r in range(1, 11) if sheet.cell(row=r, column=1).value == "CBSA Code")
    names = [c.value for c in sheet[header_row]]
    sheet.cell(row=row, column=names.index(column) + 1).value = value
    book.save(path)


def _row_of(path: Path, first_cell: str, column: str, value: str) -> int:
    """1-based spreadsheet row whose first cell and `column` hold the given values."""
    sheet = openpyxl.load_workbook(path).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = next(r for r in rows if r[0] == "CBSA Code")
    col = header.index(column)
    return next(i for i, r in enumerate(rows, 1) if r[0] == first_cell and r[col] == value)


def test_fixture_metros():
    table, _ = geo.read_files(LIST1, LIST2, GAZ)
    docs = geo.TABLES["metros"]
    assert list(table.columns) == list(docs)
    for name, doc in docs.items():
        assert str(table[name].dtype) == doc.dtype, name
    assert "10100" not in set(table["cbsa"])  # micropolitan Aberdeen, SD is left out
    assert (table["kind"] == "metro").all()  # nonmetro rows are added by the build
    by = table.set_index("cbsa")
    assert by.loc["41940", "short_name"] == "San Jose"
    assert by.loc["41940", "title"] == "San Jose-Sunnyvale-Santa Clara, CA"
    assert by.loc["41940", "counties"] == 2
    assert by.loc["28140", "short_name"] == "Kansas City"
    assert by.loc["28140", "states"] == "MO-KS"
    assert by.loc["28140", "census_region"] == "Midwest"
    assert by.loc["28140", "principal_state"] == "MO"
    assert by.loc["38900", "short_name"] == "Portland, OR"
    assert by.loc["38860", "short_name"] == "Portland, ME"
    assert by.loc["17410", "short_name"] == "Cleveland, OH"  # Cleveland, TN exists too
    assert by.loc["49180", "short_name"] == "Winston-Salem"
    assert by.loc["30460", "short_name"] == "Lexington"
    assert pd.isna(by.loc["10380", "census_region"])
    assert by.loc["41940", "lat"] == 36.908472
    assert by.loc["41940", "lon"] == -121.371372


def test_first_city_rules():
    assert geo.first_city("New York-Newark-Jersey City, NY-NJ", [], set()) == "New York"
    assert geo.first_city("Washington-Arlington-Alexandria, DC-VA-MD-WV", [], set()) == (
        "Washington"
    )
    assert geo.first_city("Louisville/Jefferson County, KY-IN", [], set()) == "Louisville"
    assert (
        geo.first_city(
            "Nashville-Davidson--Murfreesboro--Franklin, TN",
            ["Nashville-Davidson metropolitan government (balance)", "Franklin"],
            {"Davidson County", "Williamson County"},
        )
        == "Nashville"
    )
    assert geo.first_city("Scranton--Wilkes-Barre, PA", ["Scranton", "Wilkes-Barre"], set()) == (
        "Scranton"
    )
    assert geo.first_city("Winston-Salem, NC", ["Winston-Salem"], {"Forsyth County"}) == (
        "Winston-Salem"
    )
    assert geo.first_city("Macon-Bibb County, GA", ["Macon-Bibb County"], {"Bibb County"}) == (
        "Macon"
    )


def test_read_uses_raw_folder(tmp_path):
    (tmp_path / "geo").mkdir()
    _copy(tmp_path / "geo")
    result = geo.read(tmp_path)
    assert set(result.tables) == {"metros"}
    assert [p.name for p in result.inputs] == [geo.LIST1, geo.LIST2, geo.GAZETTEER]
    assert result.facts["delineation"] == "July 2023"  # list1's source note


def test_list1_without_its_source_note(tmp_path):
    (tmp_path / "geo").mkdir()
    list1 = _copy(tmp_path / "geo")[0]
    book = openpyxl.load_workbook(list1)
    sheet = book.worksheets[0]
    notes = [c for c in sheet["A"] if isinstance(c.value, str) and "delineations" in c.value]
    assert notes, "the fixture keeps the Census source note"
    for cell in notes:
        cell.value = None
    book.save(list1)
    with pytest.raises(SourceError, match=r"list1_2023\.xlsx: source note .* not found"):
        geo.read(tmp_path)


def test_header_without_title_lines(tmp_path):
    # The raw copy of list1 has no title lines above the header; the Census original has 2.
    list1, list2, gaz = _copy(tmp_path)
    book = openpyxl.load_workbook(list1)
    book.worksheets[0].delete_rows(1, 2)
    book.save(list1)
    assert len(geo.read_files(list1, list2, gaz)[0]) == 9


@pytest.mark.parametrize("which", [0, 1, 2])
def test_empty_file(tmp_path, which):
    paths = _copy(tmp_path)
    paths[which].write_bytes(b"")
    with pytest.raises(SourceError) as err:
        geo.read_files(*paths)
    assert paths[which].name in str(err.value) and "empty" in str(err.value)


@pytest.mark.parametrize("which", [0, 1, 2])
def test_random_bytes(tmp_path, which):
    paths = _copy(tmp_path)
    paths[which].write_bytes(np.random.default_rng(5).integers(0, 256, 5000, np.uint8).tobytes())
    with pytest.raises(SourceError, match=paths[which].name.replace(".", r"\.")):
        geo.read_files(*paths)


def test_truncated_xlsx(tmp_path):
    list1, list2, gaz = _copy(tmp_path)
    list1.write_bytes(LIST1.read_bytes()[:3000])
    with pytest.raises(SourceError, match=r"list1_2023\.xlsx.*not a readable Excel workbook"):
        geo.read_files(list1, list2, gaz)


def test_truncated_gazetteer(tmp_path):
    list1, list2, gaz = _copy(tmp_path)
    data = GAZ.read_bytes()
    gaz.write_bytes(data[: data.index(b"41940") + 30])
    with pytest.raises(SourceError) as err:
        geo.read_files(list1, list2, gaz)
    assert "2024_Gaz_cbsa_national.txt" in str(err.value)
    assert err.value.line == data[: data.index(b"41940")].count(b"\n") + 1


def test_wrong_sheet(tmp_path):
    list1, list2, gaz = _copy(tmp_path)
    book = openpyxl.Workbook()
    book.active["A1"] = "something else"
    book.save(list1)
    with pytest.raises(SourceError, match=r"list1_2023\.xlsx.*'CBSA Code' not found"):
        geo.read_files(list1, list2, gaz)


def test_renamed_column(tmp_path):
    list1, list2, gaz = _copy(tmp_path)
    book = openpyxl.load_workbook(list1)
    book.worksheets[0]["D3"] = "Title"
    book.save(list1)
    with pytest.raises(SourceError, match=r"list1_2023\.xlsx.*CBSA Title"):
        geo.read_files(list1, list2, gaz)


def test_renamed_gazetteer_column(tmp_path):
    list1, list2, gaz = _copy(tmp_path)
    gaz.write_bytes(GAZ.read_bytes().replace(b"INTPTLAT", b"LAT", 1))
    with pytest.raises(SourceError, match=r"2024_Gaz_cbsa_national\.txt.*INTPTLAT"):
        geo.read_files(list1, list2, gaz)


def test_text_in_numeric_column_xlsx(tmp_path):
    list1, list2, gaz = _copy(tmp_path)
    row = _row_of(list1, "41940", "FIPS County Code", "085")
    _edit_xlsx(list1, row, "FIPS County Code", "08S")
    with pytest.raises(SourceError) as err:
        geo.read_files(list1, list2, gaz)
    assert err.value.path == list1
    assert err.value.line == row
    assert err.value.column == "FIPS County Code"


def test_text_in_numeric_column_gazetteer(tmp_path):
    list1, list2, gaz = _copy(tmp_path)
    data = GAZ.read_bytes()
    gaz.write_bytes(data.replace(b"36.908472", b"36.9O8472"))
    with pytest.raises(SourceError) as err:
        geo.read_files(list1, list2, gaz)
    assert err.value.line == data[: data.index(b"36.908472")].count(b"\n") + 1
    assert err.value.column == "INTPTLAT"
    assert "2024_Gaz_cbsa_national.txt" in str(err.value)


def test_empty_cell_and_bad_code(tmp_path):
    list1, list2, gaz = _copy(tmp_path)
    row = _row_of(list1, "28140", "County/County Equivalent", "Clay County")
    _edit_xlsx(list1, row, "CBSA Title", None)
    with pytest.raises(SourceError) as err:
        geo.read_files(list1, list2, gaz)
    assert (err.value.line, err.value.column) == (row, "CBSA Title")
    list1, list2, gaz = _copy(tmp_path)
    _edit_xlsx(list1, row, "CBSA Code", "2814")
    with pytest.raises(SourceError) as err:
        geo.read_files(list1, list2, gaz)
    assert (err.value.line, err.value.column) == (row, "CBSA Code")


def test_metro_missing_from_gazetteer(tmp_path):
    list1, list2, gaz = _copy(tmp_path)
    lines = GAZ.read_bytes().split(b"\n")
    gaz.write_bytes(b"\n".join(line for line in lines if b"\t17420\t" not in line))
    with pytest.raises(SourceError, match="17420"):
        geo.read_files(list1, list2, gaz)


@pytest.fixture(scope="module")
def real_metros():
    """The real geography read once for the module (skipped without it)."""
    if not (RAW / "geo").is_dir():
        pytest.skip("raw data not present")
    return geo.read(RAW).tables["metros"]


def test_real_files_known_answers(real_metros):
    metros = real_metros
    assert len(metros) == 393
    assert (metros["kind"] == "metro").all()
    assert metros["short_name"].is_unique
    by = metros.set_index("cbsa")
    assert by.loc["41940", "short_name"] == "San Jose"
    assert by.loc["41860", "short_name"] == "San Francisco"
    assert by.loc["35620", "short_name"] == "New York"
    assert by.loc["47900", "short_name"] == "Washington"
    assert by.loc["28140", "short_name"] == "Kansas City"
    assert by.loc["28140", "states"] == "MO-KS"
    assert by.loc["28140", "census_region"] == "Midwest"
    assert by.loc["17410", "title"] == "Cleveland, OH"
    assert by.loc["17410", "short_name"] == "Cleveland, OH"
    assert set(by.loc[["18140", "17980", "12260"], "short_name"]) == {
        "Columbus, OH",
        "Columbus, GA",
        "Augusta",
    }
    assert (metros["principal_state"] == "PR").sum() == 6
    assert metros["census_region"].isna().sum() == 6
    assert metros["lat"].notna().all() and metros["lon"].notna().all()


@pytest.mark.skipif(not (RAW / "bea_rpp").is_dir(), reason="raw data not present")
def test_every_bea_metro_is_in_metros(real_metros):
    metros = real_metros
    rpp = bea_rpp.read(RAW).tables["price_parities"]
    bea = set(rpp.loc[(rpp["geo_level"] == "metro") & (rpp["year"] == 2024), "geo_code"])
    assert len(bea) == 387
    assert bea <= set(metros["cbsa"])
    assert set(metros.loc[~metros["cbsa"].isin(bea), "principal_state"]) == {"PR"}
