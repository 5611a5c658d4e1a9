"""The build: byte-for-byte reproducibility, known answers, and failures that leave data/ alone.

Uses the real raw sources in ../shared/data/raw (skipped when they are not beside the repo).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.paths import DATA_DIR, DEFAULT_RAW_DIR
from databuild import build

pytestmark = pytest.mark.skipif(not DEFAULT_RAW_DIR.is_dir(), reason="raw sources not present")


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "data"
    out.mkdir()
    for name in build.CARRIED_FILES:  # built by databuild.taxes; the build carries them over
        if (DATA_DIR / name).is_file():
            shutil.copy2(DATA_DIR / name, out / name)
    assert build.main(["--raw-dir", str(DEFAULT_RAW_DIR), "--out", str(out)]) == 0
    return out


def test_build_reproduces_committed_data_byte_for_byte(built):
    assert tree_digest(DATA_DIR) == tree_digest(built)


def test_manifest_records_every_source_with_hashes_and_counts(built):
    manifest = json.loads((built / "manifest.json").read_text())
    assert set(manifest["sources"]) == {module.SOURCE.key for module in build.READERS}
    for entry in manifest["sources"].values():
        assert entry["url"].startswith("https://")
        assert entry["licence"]
        assert entry["inputs"], "every source names its input files"
        for item in entry["inputs"]:
            assert len(item["sha256"]) == 64
        assert entry["rows_read"] > 0
    assert manifest["build_command"].startswith("python -m databuild")


def test_known_answers_as_bls_publishes_them(built):
    wages = pd.read_parquet(built / "wages.parquet")
    cross = wages[(wages["industry_code"] == "000000") & (wages["occ_code"] == "15-2051")]
    san_jose = cross[cross["cbsa"] == "41940"]
    assert san_jose["a_median"].item() == 185_080
    national = cross[cross["area_type"] == "national"]
    assert national["tot_emp"].item() == 262_440


def test_manifest_facts_are_the_published_ones(built):
    # BLS footnote 5 (oews/PROVENANCE.md): at or above $115.00/hour or $239,200/year;
    # BEA's Feb 2026 release covers 2008-2024; HUD FY2026; aijobs snapshot of 2025-01-19.
    sources = json.loads((built / "manifest.json").read_text())["sources"]
    oews = sources["oews"]
    assert oews["facts"]["top_code_annual"] == 239_200
    assert oews["facts"]["top_code_hourly"] == 115.00
    assert (oews["facts"]["reference_period"], oews["facts"]["year"]) == ("May 2025", 2025)
    assert oews["caption"] == "BLS OEWS, May 2025"
    bea = sources["bea_rpp"]
    assert (bea["facts"]["first_year"], bea["facts"]["latest_year"]) == (2008, 2024)
    assert bea["facts"]["release_date"] == "2026-02-19"
    assert bea["caption"] == "BEA Regional Price Parities, 2024 (released Feb 2026)"
    assert sources["hud_fmr"]["caption"] == "HUD Fair Market Rents, FY2026"
    assert sources["aijobs"]["caption"] == "aijobs.net salary index (CC0), snapshot 2025-01-19"
    assert sources["so_survey"]["facts"]["years"] == [2024, 2025]
    assert sources["so_survey"]["caption"] == (
        "Stack Overflow Developer Survey 2024 subset & 2025 extract (ODbL)"
    )
    assert sources["geo"]["facts"] == {
        "delineation": "July 2023",
        "gazetteer_year": 2024,
        "metros": 393,
    }
    for module in build.READERS:
        assert set(sources[module.SOURCE.key]["facts"]) == set(module.FACTS)
    readme = (built / "README.md").read_text()
    assert "`top_code_annual`" in readme and "`latest_year`" in readme


def test_data_readme_documents_every_column(built):
    readme = (built / "README.md").read_text()
    for module in build.READERS:
        for table, columns in module.TABLES.items():
            assert f"`{table}.parquet`" in readme
            for column in columns:
                assert f"`{column}`" in readme


def copy_raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(DEFAULT_RAW_DIR, raw)
    return raw


# --------------------------------------------------------------------------- corruptions
# Each takes the copied raw folder and makes one edit that a build without semantic checks
# turned into wrong tables with exit code 0 (or that a reader must reject).

OEWS = "oews/oews_may2025_tech_occupations.csv"
MARPP = "bea_rpp/MARPP_MSA_2008_2024.csv"
HUD = "hud_fmr/FY26_FMRs.xlsx"
SAN_JOSE_DATA_SCIENTISTS = "OEUM0041940000000152051"


def edit_text(raw: Path, relative: str, old: str, new: str, count: int = -1) -> None:
    path = raw / relative
    text = path.read_bytes().decode("utf-8")
    assert old in text, old
    path.write_bytes(text.replace(old, new, count).encode("utf-8"))


def edit_line(raw: Path, relative: str, starts: str, change) -> None:
    """Replace the first line starting with `starts` by change(fields) (CSV split on ',')."""
    path = raw / relative
    lines = path.read_bytes().decode("utf-8").split("\n")
    i = next(i for i, line in enumerate(lines) if line.startswith(starts))
    lines[i] = change(lines[i])
    path.write_bytes("\n".join(lines).encode("utf-8"))


def oews_metro_code(raw: Path) -> None:  # (1)
    edit_text(raw, OEWS, "0041940", "0041941")


def bea_metro_code(raw: Path) -> None:  # (2)
    edit_text(raw, MARPP, '"41940"', '"41941"')


def bea_years_shifted(raw: Path) -> None:  # (3)
    header = ",".join(str(y) for y in range(2008, 2025))
    edit_text(raw, MARPP, header, ",".join(str(y) for y in range(2009, 2026)), 1)


def bea_state_file_as_metro(raw: Path) -> None:  # (4)
    shutil.copy(raw / "bea_rpp" / "SARPP_STATE_2008_2024.csv", raw / MARPP)


def bea_previous_release(raw: Path) -> None:  # (5)
    shutil.copy(raw / "bea_rpp" / "vintage_2024-12" / "MARPP_MSA_2008_2023.csv", raw / MARPP)


def shift_behind_na(line: str) -> str:
    """Insert one more (NA) after the leading ones and drop the last value."""
    fields = line.rstrip("\r").split(",")
    last_na = max(i for i, f in enumerate(fields) if f == "(NA)")
    shifted = [*fields[: last_na + 1], "(NA)", *fields[last_na + 1 : -1]]
    return ",".join(shifted) + ("\r" if line.endswith("\r") else "")


def bea_row_shifted(raw: Path) -> None:  # (6) one row: Enid, OK, LineCode 1
    edit_line(raw, MARPP, ' "21420"', shift_behind_na)


def oews_percentiles_swapped(raw: Path) -> None:  # (7) A_PCT10 <-> A_PCT90
    edit_text(
        raw, OEWS, ",109740,149570,185080,219460,282840,", ",282840,149570,185080,219460,109740,"
    )


def bea_all_rows_of_an_area_shifted(raw: Path) -> None:
    for _ in range(5):  # every LineCode of Enid: only the footnote file tells
        path = raw / MARPP
        lines = path.read_bytes().decode("utf-8").split("\n")
        todo = [
            i for i, ln in enumerate(lines) if ln.startswith(' "21420"') and ln.count("(NA)") == 5
        ]
        lines[todo[0]] = shift_behind_na(lines[todo[0]])
        path.write_bytes("\n".join(lines).encode("utf-8"))


def bea_duplicate_metro_code(raw: Path) -> None:
    edit_text(raw, MARPP, '"49740","Yuma', '"49700","Yuma')


def oews_text_in_wage_column(raw: Path) -> None:
    edit_line(
        raw, OEWS, SAN_JOSE_DATA_SCIENTISTS, lambda ln: ln.replace(",185080,", ",6060 workers,")
    )


def oews_annual_not_hourly_times_2080(raw: Path) -> None:
    edit_line(raw, OEWS, SAN_JOSE_DATA_SCIENTISTS, lambda ln: ln.replace(",185080,", ",195080,"))


def oews_one_row_area_code(raw: Path) -> None:
    edit_line(raw, OEWS, SAN_JOSE_DATA_SCIENTISTS, lambda ln: ln.replace(",0041940,", ",0041941,"))


def edit_hud(raw: Path, change) -> None:
    import openpyxl

    book = openpyxl.load_workbook(raw / HUD)
    change(book["FY26_FMRs"])
    book.save(raw / HUD)


def hud_negative_rent(raw: Path) -> None:
    def change(sheet) -> None:
        column = [c.value for c in sheet[1]].index("fmr_2") + 1
        sheet.cell(row=2, column=column).value = -1500

    edit_hud(raw, change)


def hud_metro_code(raw: Path) -> None:
    def change(sheet) -> None:
        column = [c.value for c in sheet[1]].index("hud_area_code") + 1
        for row in range(2, sheet.max_row + 1):
            cell = sheet.cell(row=row, column=column)
            if str(cell.value).startswith("METRO41940"):
                cell.value = str(cell.value).replace("METRO41940", "METRO41941")

    edit_hud(raw, change)


def gazetteer_unknown_code(raw: Path) -> None:  # 10300 Adrian, MI is a micropolitan CBSA
    edit_text(raw, "geo/2024_Gaz_cbsa_national.txt", "\t10300\t", "\t10301\t", 1)


def truncate_mid_row(relative: str):
    def damage(raw: Path) -> None:
        data = (raw / relative).read_bytes()
        cut = data.rindex(b"\n", 0, len(data) // 2) + 40  # 40 bytes into a row
        (raw / relative).write_bytes(data[:cut])

    return damage


def damage_truncate(raw: Path) -> None:
    data = (raw / MARPP).read_bytes()
    (raw / MARPP).write_bytes(data[: len(data) // 2])


def damage_rename_column(raw: Path) -> None:
    edit_text(raw, MARPP, "LineCode", "Line_Code", 1)


def damage_text_in_number(raw: Path) -> None:
    lines = (raw / MARPP).read_text(encoding="utf-8").splitlines(keepends=True)
    fields = lines[5].split(",")
    fields[-1] = "oops\n"
    lines[5] = ",".join(fields)
    (raw / MARPP).write_text("".join(lines), encoding="utf-8")


def damage_empty(raw: Path) -> None:
    (raw / OEWS).write_bytes(b"")


def damage_random(raw: Path) -> None:
    import random

    (raw / OEWS).write_bytes(random.Random(4).randbytes(4096))


CORRUPTIONS = [
    ("truncated", damage_truncate, MARPP, "truncated"),
    ("renamed-column", damage_rename_column, MARPP, "missing column"),
    ("text-in-number", damage_text_in_number, MARPP, "'oops' is not a number"),
    ("empty", damage_empty, OEWS, "empty"),
    ("random-bytes", damage_random, OEWS, "not valid utf-8|fields|missing"),
    # (id, damage, file the message must name, what the message must say)
    ("1-oews-metro-code", oews_metro_code, OEWS, "41941 .*not a metropolitan CBSA"),
    ("2-bea-metro-code", bea_metro_code, MARPP, "41941 .*not a metropolitan CBSA"),
    ("3-bea-years-shifted", bea_years_shifted, MARPP, "2009-2025 but the file name says"),
    ("4-bea-state-as-metro", bea_state_file_as_metro, MARPP, "footer names table SARPP"),
    ("5-bea-previous-release", bea_previous_release, MARPP, "2008-2023 but the file name"),
    ("6-bea-row-shifted", bea_row_shifted, MARPP, "21420: .NA. years differ"),
    ("7-oews-p10-p90-swapped", oews_percentiles_swapped, OEWS, "percentiles must not decrease"),
    ("bea-area-shifted", bea_all_rows_of_an_area_shifted, "MARPP", "says .NA. for"),
    ("bea-duplicate-code", bea_duplicate_metro_code, MARPP, "duplicate GeoFIPS"),
    ("oews-text-in-wage", oews_text_in_wage_column, OEWS, "'6060 workers' is not a number"),
    ("oews-annual-vs-hourly", oews_annual_not_hourly_times_2080, OEWS, "x 2,080"),
    ("oews-one-area-code", oews_one_row_area_code, OEWS, "series_key"),
    ("hud-negative-rent", hud_negative_rent, HUD, "-1500 is outside the plausible range"),
    ("hud-metro-code", hud_metro_code, HUD, "41941 is not a metropolitan CBSA"),
    ("gazetteer-unknown-code", gazetteer_unknown_code, "2024_Gaz", "10301 is not a CBSA"),
    ("aijobs-truncated", truncate_mid_row("aijobs/salaries.csv"), "salaries.csv", "fields"),
    (
        "survey-truncated",
        truncate_mid_row("so_survey/so2025_salary_prediction_processed.csv"),
        "so2025_salary_prediction_processed.csv",
        "fields|empty|not",
    ),
]


@pytest.mark.parametrize(
    ("damage", "named", "says"),
    [pytest.param(*case[1:], id=case[0]) for case in CORRUPTIONS],
)
def test_corrupt_source_exits_2_names_the_file_and_leaves_output_untouched(
    tmp_path, capsys, damage, named, says
):
    raw = copy_raw(tmp_path)
    damage(raw)
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("previous build")
    before = tree_digest(out)

    code = build.main(["--raw-dir", str(raw), "--out", str(out)])

    err = capsys.readouterr().err
    assert code == 2, err[-2000:]
    message = next(line for line in err.splitlines() if line.startswith("error: "))
    assert Path(named).name in message
    assert re.search(says, message), message
    assert "Traceback" not in err
    assert tree_digest(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out-")]


def test_download_mode_records_fetched_files_in_the_manifest(tmp_path, monkeypatch):
    from databuild import download

    def fake_download_all(cache_dir, **_):
        shutil.copytree(DEFAULT_RAW_DIR, cache_dir, dirs_exist_ok=True)
        target = Path(cache_dir) / "aijobs" / "salaries.csv"
        return [
            download.FetchResult(
                path=target,
                sha256="0" * 64,
                bytes=target.stat().st_size,
                url="http://127.0.0.1:1/salaries.csv",
                from_cache=False,
            )
        ]

    monkeypatch.setattr(download, "download_all", fake_download_all)
    out = tmp_path / "out"
    code = build.main(["--cache", str(tmp_path / "cache"), "--out", str(out)])
    assert code == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["build_command"] == "python -m databuild"
    assert manifest["downloads"][0]["path"] == "aijobs/salaries.csv"


def test_download_failure_exits_2_without_touching_output(tmp_path, monkeypatch, capsys):
    from databuild import download

    def failing(cache_dir, **_):
        raise download.DownloadError("http://127.0.0.1:1/x", "HTTP 404")

    monkeypatch.setattr(download, "download_all", failing)
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("previous")
    assert build.main(["--cache", str(tmp_path / "cache"), "--out", str(out)]) == 2
    assert "download failed" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
