"""Tests for databuild.sources.hud: FY26 FMRs -> rents by CBSA, weighting and bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from databuild.errors import SourceError
from databuild.sources import hud

FIXTURE = Path(__file__).parent / "fixtures" / "hud_fmr" / hud.FILE
RAW = Path("/work/shared/data/raw")
REAL = RAW / "hud_fmr" / hud.FILE


def _edit(tmp_path: Path, county: str, column: str, value: object) -> tuple[Path, int]:
    """Copy the fixture, set `column` on the row of `county`; return (path, spreadsheet row)."""
    path = tmp_path / hud.FILE
    shutil.copy(FIXTURE, path)
    book = openpyxl.load_workbook(path)
    sheet = book[hud.SHEET]
    names = [c.value for c in sheet[1]]
    row = next(
        r
        for r in range(2, sheet.max_row + 1)
        if sheet.cell(r, names.index("countyname") + 1).value == county
    )
    sheet.cell(row, names.index(column) + 1).value = value
    book.save(path)
    return path, row


def test_weighting_on_tiny_frame():
    rows = pd.DataFrame(
        {
            "cbsa": ["11111", "11111", "11111", "22222", "22222"],
            "hud_area_code": ["A", "A", "B", "C", "C"],
            "pop2023": [100.0, 100.0, 200.0, 10.0, 30.0],
            **{col: [1000.0, 1000.0, 2000.0, 700.0, 700.0] for col in hud.FMR_COLUMNS},
        }
    )
    out = hud.rents_by_cbsa(rows).set_index("cbsa")
    assert out.loc["11111", "fmr_2"] == 1500.0  # (1000*200 + 2000*200) / 400
    assert out.loc["11111", "hud_areas"] == 2
    assert out.loc["11111", "pop2023"] == 400.0
    assert out.loc["11111", "method"] == "population-weighted across 2 HUD areas"
    assert out.loc["22222", "fmr_0"] == 700.0
    assert out.loc["22222", "method"] == "single HUD area"


def test_fixture_rents():
    table, rows = hud.read_file(FIXTURE)
    docs = hud.TABLES["rents"]
    assert list(table.columns) == list(docs)
    for name, doc in docs.items():
        assert str(table[name].dtype) == doc.dtype, name
    assert rows == 14
    assert table["cbsa"].tolist() == ["10180", "25540", "41860", "41940"]  # no NCNTY row
    by = table.set_index("cbsa")
    # Abilene: one HUD area, values as published
    assert by.loc["10180", ["fmr_0", "fmr_2", "fmr_4"]].tolist() == [1010.0, 1276.0, 1987.0]
    assert by.loc["10180", "pop2023"] == 13869 + 19758 + 143029
    # San Jose: Santa Clara (3483) and San Benito (2902) 2-bedroom FMRs, weighted by pop2023
    expected = (3483 * 1916831 + 2902 * 64753) / (1916831 + 64753)
    assert by.loc["41940", "fmr_2"] == pytest.approx(expected, rel=1e-12)
    assert by.loc["41940", "hud_areas"] == 2
    # San Francisco CBSA: Oakland-Fremont HMFA (2 counties) + SF HMFA (3 counties)
    pops = {"oak": 1663823 + 1162648, "sf": 260485 + 851036 + 754250}
    expected = (2912 * pops["oak"] + 3604 * pops["sf"]) / (pops["oak"] + pops["sf"])
    assert by.loc["41860", "fmr_2"] == pytest.approx(expected, rel=1e-12)


def test_read_uses_raw_folder(tmp_path):
    (tmp_path / "hud_fmr").mkdir()
    shutil.copy(FIXTURE, tmp_path / "hud_fmr" / hud.FILE)
    result = hud.read(tmp_path)
    assert set(result.tables) == {"rents"}
    assert result.inputs == [tmp_path / "hud_fmr" / hud.FILE]


def test_empty_file(tmp_path):
    path = tmp_path / hud.FILE
    path.write_bytes(b"")
    with pytest.raises(SourceError, match=r"FY26_FMRs\.xlsx.*empty"):
        hud.read_file(path)


def test_random_bytes(tmp_path):
    path = tmp_path / hud.FILE
    path.write_bytes(np.random.default_rng(11).integers(0, 256, 5000, np.uint8).tobytes())
    with pytest.raises(SourceError, match=r"FY26_FMRs\.xlsx.*not a readable Excel"):
        hud.read_file(path)


def test_truncated_file(tmp_path):
    path = tmp_path / hud.FILE
    path.write_bytes(FIXTURE.read_bytes()[:4000])
    with pytest.raises(SourceError, match=r"FY26_FMRs\.xlsx.*not a readable Excel"):
        hud.read_file(path)


def test_wrong_sheet_name(tmp_path):
    path = tmp_path / hud.FILE
    shutil.copy(FIXTURE, path)
    book = openpyxl.load_workbook(path)
    book[hud.SHEET].title = "FY25_FMRs"
    book.save(path)
    with pytest.raises(SourceError, match=r"FY26_FMRs\.xlsx.*sheet 'FY26_FMRs'"):
        hud.read_file(path)


def test_renamed_column(tmp_path):
    path = tmp_path / hud.FILE
    shutil.copy(FIXTURE, path)
    book = openpyxl.load_workbook(path)
    book[hud.SHEET]["I1"] = "pop2020"
    book.save(path)
    with pytest.raises(SourceError, match=r"FY26_FMRs\.xlsx.*pop2023"):
        hud.read_file(path)


def test_text_in_numeric_column(tmp_path):
    path, row = _edit(tmp_path, "Santa Clara County", "fmr_2", "3,483 USD")
    with pytest.raises(SourceError) as err:
        hud.read_file(path)
    assert err.value.path == path
    assert (err.value.line, err.value.column) == (row, "fmr_2")
    assert "'3,483 USD' is not a number" in str(err.value)


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("fmr_0", 12),
        ("pop2023", -5),
        ("hud_area_code", "METR041940M41940"),
        ("metro", 0),
        ("fips", "060859999"),
        ("fmr_3", None),
    ],
)
def test_bad_cells_name_line_and_column(tmp_path, column, value):
    path, row = _edit(tmp_path, "Santa Clara County", column, value)
    with pytest.raises(SourceError) as err:
        hud.read_file(path)
    assert (err.value.line, err.value.column) == (row, column)
    assert "FY26_FMRs.xlsx" in str(err.value)


def test_inconsistent_fmr_within_hud_area(tmp_path):
    path, _ = _edit(tmp_path, "Jones County", "fmr_1", 1021)
    with pytest.raises(SourceError, match="METRO10180M10180 has different FMRs") as err:
        hud.read_file(path)
    assert err.value.line is not None


@pytest.mark.skipif(not REAL.is_file(), reason="raw data not present")
def test_real_file_known_answers():
    from databuild.sources import geo

    result = hud.read(RAW)
    rents = result.tables["rents"]
    assert result.rows_read == 4764
    assert len(rents) == 393
    by = rents.set_index("cbsa")
    # Abilene, TX is one HUD area: FMRs as HUD publishes them for METRO10180M10180
    assert by.loc["10180", ["fmr_0", "fmr_1", "fmr_2", "fmr_3", "fmr_4"]].tolist() == [
        1010.0,
        1020.0,
        1276.0,
        1653.0,
        1987.0,
    ]
    assert by.loc["10180", "method"] == "single HUD area"
    assert by.loc["41860", "hud_areas"] == 2
    assert (rents["hud_areas"] > 1).sum() == 146
    metros = geo.read(RAW).tables["metros"]
    assert set(rents["cbsa"]) == set(metros["cbsa"])
