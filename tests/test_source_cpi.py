"""Tests for databuild.sources.cpi: BLS CPI-U annual averages from the cpi package's database.

Published figures are BLS's (CPI-U, all items, not seasonally adjusted, annual averages). The
damaged databases are copies in a tmp folder, pointed at through $ATLAS_CPI_DB; the installed
package's file is only ever read.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.paths import DATA_DIR
from databuild import build
from databuild.errors import SourceError
from databuild.sources import cpi
from databuild.sources.base import ReadResult
from databuild.sources.cpi import areas, database

DB = cpi.installed_db()
SHA256_2_1_0 = "28a3230316ae3f2a0566428f14d8d6402c25ab5702f63fab565d49e143276a1c"

# BLS CPI-U, U.S. city average, all items, annual averages (CUUR0000SA0).
US_ANNUAL = {2020: 258.811, 2021: 270.970, 2022: 292.655, 2023: 304.702, 2024: 313.689}


@pytest.fixture(scope="module")
def result() -> ReadResult:
    return cpi.read(db=DB)


@pytest.fixture(scope="module")
def table(result) -> pd.DataFrame:
    return result.tables["cpi"]


def db_rows(sql: str) -> list[tuple]:
    """Rows of a query on the installed package's cpi.db, opened read-only."""
    con = sqlite3.connect(f"file:{DB}?mode=ro", uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def value(table: pd.DataFrame, series: str, year: int) -> float:
    return table.loc[(table["series_id"] == series) & (table["year"] == year), "value"].item()


# --------------------------------------------------------------------------- published figures


def test_us_city_average_annual_averages_as_bls_publishes_them(table):
    for year, published in US_ANNUAL.items():
        assert value(table, "CUUR0000SA0", year) == pytest.approx(published, abs=1e-9), year


def test_metro_annual_averages_are_the_published_ones_not_a_mean_of_months(table):
    assert value(table, "CUURS49BSA0", 2024) == pytest.approx(348.417, abs=1e-9)  # SF
    assert value(table, "CUURS12ASA0", 2024) == pytest.approx(334.209, abs=1e-9)  # New York
    # San Francisco is priced every other month: the mean of its six 2024 indexes is not
    # BLS's annual average.
    months = db_rows(
        "SELECT value FROM indexes WHERE series = 'CUURS49BSA0' AND year = 2024 "
        "AND period BETWEEN 'M01' AND 'M12'"
    )
    assert len(months) == 6
    assert sum(v for (v,) in months) / 6 == pytest.approx(349.020, abs=5e-4)


def test_2025_has_no_october_index_but_a_published_annual_average(table):
    # the caveat in SOURCE: no October 2025 index (federal shutdown), 2025 average published
    periods = db_rows("SELECT period FROM indexes WHERE series = 'CUUR0000SA0' AND year = 2025")
    assert sorted(p for (p,) in periods) == [f"M{m:02d}" for m in range(1, 14) if m != 10]
    assert value(table, "CUUR0000SA0", 2025) == pytest.approx(321.943, abs=1e-9)


def test_table_follows_its_docs_and_covers_every_area_and_year(table):
    docs = cpi.TABLES["cpi"]
    assert list(table.columns) == list(docs)
    for name, doc in docs.items():
        assert str(table[name].dtype) == doc.dtype, name
    areas = table.drop_duplicates("area_code").set_index("area_code")
    assert areas["area_kind"].value_counts().to_dict() == {"metro": 23, "region": 4, "nation": 1}
    assert areas.loc["0000", "area_name"] == "U.S. city average"
    assert areas.loc["S49B", "area_name"] == "San Francisco-Oakland-Hayward, CA"
    assert not areas.index.str.startswith("A").any()  # discontinued areas (A214 Kansas City)
    assert areas.loc[["0100", "0200", "0300", "0400"], "census_region"].tolist() == [
        "Northeast",
        "Midwest",
        "South",
        "West",
    ]
    assert areas.loc[areas["area_kind"] != "region", "census_region"].isna().all()
    assert areas.loc[areas["area_kind"] != "metro", "cbsa"].isna().all()
    assert (
        areas["series_id"].is_unique
        and table.groupby("series_id")["area_code"].nunique().eq(1).all()
    )
    assert not table.duplicated(["series_id", "year"]).any()
    us = table[table["series_id"] == "CUUR0000SA0"]
    assert us["year"].tolist() == list(range(2000, 2026))
    assert table["year"].between(2000, 2025).all() and table["value"].between(10, 2000).all()
    # semiannual-until-2017 metros come from their CUUS series, which reaches back to 2000
    assert areas.loc["S48B", "series_id"] == "CUUSS48BSA0"
    assert table.loc[table["area_code"] == "S48B", "year"].min() == 2000
    assert areas.loc[["0000", "S35D", "S48A", "S49C"], "base"].tolist() == [
        "1982-84=100",
        "1987=100",
        "Dec 2001=100",
        "Dec 2017=100",
    ]
    assert len(table) == 678


def test_facts_and_caption(result, table):
    assert result.facts == {
        "latest_annual_year": 2025,
        "latest_month": "2026-08",
        "package_version": "2.1.0",
        "series": list(dict.fromkeys(table["series_id"])),
        "us_series": "CUUR0000SA0",
    }
    assert set(result.facts) == set(cpi.FACTS)
    assert len(result.facts["series"]) == 28
    assert result.caption == "BLS CPI-U, annual averages to 2025 (cpi 2.1.0)"
    assert result.inputs == [DB]


def test_reads_the_file_without_importing_the_package(result):
    # importing cpi warns about stale data (and cpi.update() would download)
    assert "cpi" not in sys.modules
    assert DB.parts[-2:] == ("cpi", "cpi.db")


def test_default_is_the_installed_package_file_and_the_env_var_overrides(monkeypatch, tmp_path):
    monkeypatch.delenv(cpi.ENV_DB, raising=False)
    assert cpi.db_path() == DB
    monkeypatch.setenv(cpi.ENV_DB, str(tmp_path / "copy.db"))
    assert cpi.db_path() == tmp_path / "copy.db"


# --------------------------------------------------------------------------- crosswalk


def test_crosswalk_maps_the_current_metro_areas(table):
    assert cpi.CROSSWALK["S49B"] == "41860"  # San Francisco-Oakland-Fremont, CA
    assert cpi.CROSSWALK["S12A"] == "35620"  # New York-Newark-Jersey City, NY-NJ
    metros = table[table["area_kind"] == "metro"].drop_duplicates("area_code")
    assert dict(zip(metros["area_code"], metros["cbsa"], strict=True)) == cpi.CROSSWALK
    assert len(set(cpi.CROSSWALK.values())) == len(cpi.CROSSWALK) == 23


def test_crosswalk_comments_name_the_bls_area_and_the_cbsa_title(table, metros):
    text = Path(areas.__file__).read_text(encoding="utf-8")
    documented = re.findall(r'# BLS: (.*)\n\s*# OMB 2023: (.*)\n\s*"(S\w+)": "(\d{5})"', text)
    assert [entry[2:] for entry in documented] == list(cpi.CROSSWALK.items())
    names = table.drop_duplicates("area_code").set_index("area_code")["area_name"]
    titles = metros.set_index("cbsa")["title"]
    for bls, omb, area, cbsa in documented:
        assert re.sub(r" \(BLS releases: .*\)$", "", bls) == names[area], area
        assert omb == titles[cbsa], cbsa


def geo_result(metros: pd.DataFrame) -> ReadResult:
    return ReadResult(
        tables={"metros": metros}, inputs=[], rows_read=0, facts={"delineation": "July 2023"}
    )


@pytest.fixture(scope="module")
def metros() -> pd.DataFrame:
    return pd.read_parquet(DATA_DIR / "metros.parquet")  # the build's OMB 2023 metros


def test_crosswalk_check_accepts_the_real_metros(result, metros):
    cpi.check_crosswalk({"cpi": result, "geo": geo_result(metros)})


def test_crosswalk_check_rejects_a_cbsa_missing_from_metros(result, metros):
    without = metros[metros["cbsa"] != "41860"]
    with pytest.raises(SourceError, match=r"cpi\.db.*S49B .*41860, which is not a metro"):
        cpi.check_crosswalk({"cpi": result, "geo": geo_result(without)})


def test_crosswalk_check_rejects_another_principal_city(result, metros, monkeypatch):
    monkeypatch.setitem(cpi.CROSSWALK, "S49B", "41940")  # San Jose-Sunnyvale-Santa Clara, CA
    with pytest.raises(
        SourceError, match=r"principal cities differ \('San Francisco' vs 'San Jose'"
    ):
        cpi.check_crosswalk({"cpi": result, "geo": geo_result(metros)})


def test_crosswalk_check_rejects_a_state_named_area_on_another_city(result, metros, monkeypatch):
    monkeypatch.setitem(cpi.CROSSWALK, "S49G", "21820")  # Fairbanks-College, AK
    with pytest.raises(SourceError, match=r"S49G \(Urban Alaska\).*principal cities differ"):
        cpi.check_crosswalk({"cpi": result, "geo": geo_result(metros)})


# --------------------------------------------------------------------------- the build


def test_build_records_the_package_file_in_the_manifest(tmp_path, monkeypatch, table):
    monkeypatch.delenv(cpi.ENV_DB, raising=False)
    monkeypatch.setattr(build, "READERS", (cpi,))
    out = tmp_path / "out"
    assert build.main(["--raw-dir", str(tmp_path), "--out", str(out)]) == 0
    entry = json.loads((out / "manifest.json").read_text())["sources"]["cpi"]
    assert entry["inputs"] == [
        {"file": "cpi/cpi.db", "bytes": DB.stat().st_size, "sha256": SHA256_2_1_0}
    ]
    assert entry["rows_written"] == {"cpi": 678}
    assert entry["url"] == "https://www.bls.gov/cpi/"
    assert entry["publisher"].endswith("via the cpi package 2.1.0 (Ben Welsh, MIT)")
    assert pd.read_parquet(out / "cpi.parquet").equals(table)


def execute(*statements: str):
    def damage(db: Path) -> None:
        con = sqlite3.connect(db)
        try:
            for sql in statements:
                assert con.execute(sql).rowcount != 0, sql
            con.commit()
        finally:
            con.close()

    return damage


def truncate(db: Path) -> None:
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])


def random_bytes(db: Path) -> None:
    import random

    db.write_bytes(random.Random(7).randbytes(8192))


def remove(db: Path) -> None:
    db.unlink()


NY_2024 = "series = 'CUURS12ASA0' AND year = 2024 AND period = 'M13'"

CORRUPTIONS = [
    (
        "series-deleted",
        execute(
            "DELETE FROM series WHERE id = 'CUURS49BSA0'",
            "DELETE FROM indexes WHERE series = 'CUURS49BSA0'",
        ),
        "required series CUURS49BSA0 is missing",
    ),
    (
        "value-zero",
        execute(f"UPDATE indexes SET value = 0 WHERE {NY_2024}"),
        "CUURS12ASA0 2024 M13: 0 is outside the plausible range",
    ),
    (
        "value-implausible",
        execute(f"UPDATE indexes SET value = 3342.09 WHERE {NY_2024}"),
        "3342.09 is outside the plausible range",
    ),
    (
        "value-text",
        execute(f"UPDATE indexes SET value = 'n/a' WHERE {NY_2024}"),
        "value 'n/a' is not a number",
    ),
    ("truncated", truncate, "not a readable SQLite|damaged SQLite"),
    ("random-bytes", random_bytes, "not a SQLite database"),
    ("missing", remove, "file not found"),
    (
        "duplicate-year",
        execute("INSERT INTO indexes VALUES ('CUUR0000SA0', 2024, 'M13', 313.689)"),
        "duplicate .series, year. row: CUUR0000SA0 2024 M13",
    ),
    (
        "us-year-gap",
        execute(
            "DELETE FROM indexes WHERE series = 'CUUR0000SA0' AND year = 2010 AND period = 'M13'"
        ),
        "CUUR0000SA0 has no annual average for 2010",
    ),
    (
        "monthly-and-semiannual-differ",
        execute(
            "UPDATE indexes SET value = 350 WHERE series = 'CUUSS49BSA0' AND year = 2024 "
            "AND period = 'S03'"
        ),
        "area S49B 2024: annual averages differ",
    ),
    (
        "new-metro-area",
        execute(
            "INSERT INTO series VALUES ('CUURS49HSA0', 'All items in Somewhere', "
            "'All urban consumers', 0, 'R', 'S49H', 'SA0')",
            "INSERT INTO indexes VALUES ('CUURS49HSA0', 2025, 'M13', 101.5)",
        ),
        "current metro CPI area S49H is not in .*CROSSWALK",
    ),
]


@pytest.mark.parametrize(
    ("damage", "says"), [pytest.param(*case[1:], id=case[0]) for case in CORRUPTIONS]
)
def test_damaged_database_exits_2_names_the_file_and_leaves_output_untouched(
    tmp_path, capsys, monkeypatch, damage, says
):
    copy = tmp_path / "pkg" / "cpi.db"
    copy.parent.mkdir()
    shutil.copyfile(DB, copy)
    damage(copy)
    monkeypatch.setenv(cpi.ENV_DB, str(copy))
    monkeypatch.setattr(build, "READERS", (cpi,))
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("previous build")

    code = build.main(["--raw-dir", str(tmp_path), "--out", str(out)])

    err = capsys.readouterr().err
    assert code == 2, err[-2000:]
    message = next(line for line in err.splitlines() if line.startswith("error: "))
    assert str(copy) in message, message
    assert re.search(says, message), message
    assert "Traceback" not in err
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out-")]


def test_another_package_version_stops_the_build(monkeypatch):
    monkeypatch.setattr(database, "PACKAGE_VERSION", "2.0.0")
    with pytest.raises(SourceError, match=r"cpi\.db: cpi 2\.1\.0 is installed but .* 2\.0\.0"):
        cpi.read(db=DB)
