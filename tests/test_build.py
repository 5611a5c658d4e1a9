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
from databuild import build, checks, precomputed

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
    # CPI-U annual averages: U.S. city average 2024, San Francisco 2024 (its CBSA a metros row)
    prices = pd.read_parquet(built / "cpi.parquet").set_index(["series_id", "year"])
    assert prices.at[("CUUR0000SA0", 2024), "value"] == pytest.approx(313.689, abs=1e-9)
    assert prices.at[("CUURS49BSA0", 2024), "value"] == pytest.approx(348.417, abs=1e-9)
    metros = pd.read_parquet(built / "metros.parquet")
    assert set(prices["cbsa"].dropna()) <= set(metros.loc[metros["kind"] == "metro", "cbsa"])


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
    oflc = sources["oflc_lca"]
    # oflc_lca/PROVENANCE.md: commit of 2026-01-03; LCA disclosure data FY2022-2025; 22
    # wage-level files (wage_levels/*.json but job-index.json) of 3,131 counties each
    assert oflc["caption"] == (
        "DOL OFLC wage levels & H-1B LCAs FY2022-2025 (via h1b-wage-map, 2026-01-03)"
    )
    assert (oflc["facts"]["first_fiscal_year"], oflc["facts"]["last_fiscal_year"]) == (2022, 2025)
    assert len(oflc["facts"]["occupations"]) == 22 and oflc["facts"]["counties"] == 3131
    assert oflc["rows_written"]["wage_levels"] == 22 * 3131
    # Connecticut (Hartford 25540) is not in the county join (PROVENANCE caveats)
    assert "25540" in oflc["facts"]["metros_without_levels"]
    shards = next(item for item in oflc["inputs"] if item["file"] == "oflc_lca/lca_titles/")
    assert shards["files"] == 688  # PROVENANCE: 688 shards
    cpi = sources["cpi"]
    assert cpi["caption"] == "BLS CPI-U, annual averages to 2025 (cpi 2.1.0)"
    assert {k: cpi["facts"][k] for k in ("latest_annual_year", "latest_month")} == {
        "latest_annual_year": 2025,
        "latest_month": "2026-08",
    }
    assert (cpi["facts"]["package_version"], cpi["facts"]["us_series"]) == ("2.1.0", "CUUR0000SA0")
    assert [item["file"] for item in cpi["inputs"]] == ["cpi/cpi.db"]  # under site-packages
    for module in build.READERS:
        assert set(sources[module.SOURCE.key]["facts"]) == set(module.FACTS)
    readme = (built / "README.md").read_text()
    assert "`top_code_annual`" in readme and "`latest_year`" in readme
    # PARPP prints 0.000 for these states' nonmetropolitan portions (tests/test_source_bea_rpp)
    assert bea["facts"]["nonmetro_missing"] == {
        "10": "Delaware",
        "11": "District of Columbia",
        "34": "New Jersey",
        "44": "Rhode Island",
    }
    assert bea["facts"]["nonmetro_states"] == 51 - 4
    # oews PROVENANCE: 528 metro/nonmetro areas, of which the delineation's 393 metros
    assert oews["facts"]["nonmetro_areas"] == 528 - 393


def test_every_nonmetro_area_is_a_metros_row_and_priced(built):
    wages = pd.read_parquet(built / "wages.parquet")
    metros = pd.read_parquet(built / "metros.parquet")
    parities = pd.read_parquet(built / "price_parities.parquet")
    manifest = json.loads((built / "manifest.json").read_text())
    nonmetro = wages[wages["area_type"] == "nonmetro"]
    assert nonmetro["cbsa"].tolist() == nonmetro["area_code"].tolist()
    rows = metros[metros["kind"] == "nonmetro"]
    assert len(rows) == manifest["sources"]["oews"]["facts"]["nonmetro_areas"]
    assert set(rows["cbsa"]) == set(nonmetro["cbsa"]) and metros["cbsa"].is_unique
    assert (metros["kind"] == "metro").sum() == manifest["sources"]["geo"]["facts"]["metros"]
    assert manifest["tables"]["metros"]["rows"] == len(metros)
    alabama = metros.set_index("cbsa").loc["0100001"]
    assert alabama["title"] == "Northwest Alabama nonmetropolitan area"
    assert alabama["short_name"] == "Northwest Alabama nonmetro"
    assert (alabama["principal_state"], alabama["census_region"]) == ("AL", "South")
    assert rows["lat"].isna().all() and rows["short_name"].is_unique
    # one key for both kinds; the nonmetro areas' states priced by BEA in the latest year
    joined = wages.dropna(subset=["cbsa"]).merge(metros, on="cbsa", validate="many_to_one")
    assert (joined["area_type"] == joined["kind"]).all()
    latest = parities[(parities["geo_level"] == "state nonmetro") & (parities["year"] == 2024)]
    state_of = nonmetro.drop_duplicates("area_code").set_index("area_code")["state_code"]
    unpriced = set(state_of[~state_of.isin(latest["geo_code"])])
    assert unpriced == set(checks.NONMETRO_PRICE_GAPS) == {"10", "72"}  # Delaware, Puerto Rico


def test_data_readme_documents_every_column(built):
    readme = (built / "README.md").read_text()
    for module in build.READERS:
        for table, columns in module.TABLES.items():
            assert f"`{table}.parquet`" in readme
            for column in columns:
                assert f"`{column}`" in readme
    for spec in precomputed.TABLES:
        section = readme.split(f"### `{spec.name}.parquet`")[1].split("###")[0]
        assert spec.qualified in section
        for column in spec.columns:
            assert f"`{column}`" in section


def test_the_build_writes_each_precomputed_table_with_its_manifest_entry(built):
    manifest = json.loads((built / "manifest.json").read_text())
    for spec in precomputed.TABLES:
        frame = pd.read_parquet(built / f"{spec.name}.parquet")
        assert list(frame.columns) == list(spec.columns)
        entry = manifest["precomputed"][spec.name]
        assert entry["rows"] == len(frame) == manifest["tables"][spec.name]["rows"]
        for table, digest in entry["inputs"].items():
            assert digest == hashlib.sha256((built / f"{table}.parquet").read_bytes()).hexdigest()


def copy_raw(tmp_path: Path, keys: tuple[str, ...]) -> Path:
    """Copy the raw folders of the sources `keys` into tmp_path/raw."""
    raw = tmp_path / "raw"
    for module in readers(keys):
        shutil.copytree(DEFAULT_RAW_DIR / module.SOURCE.folder, raw / module.SOURCE.folder)
    return raw


def readers(keys: tuple[str, ...]) -> tuple:
    """The build's readers for the source `keys`, in build order."""
    found = tuple(m for m in build.READERS if m.SOURCE.key in keys)
    assert len(found) == len(keys), keys
    return found


# --------------------------------------------------------------------------- corruptions
# Each takes the copied raw folder and makes one edit that a build without semantic checks
# turned into wrong tables with exit code 0 (or that a reader must reject).

OEWS = "oews/oews_may2025_tech_occupations.csv"
MARPP = "bea_rpp/MARPP_MSA_2008_2024.csv"
PARPP = "bea_rpp/PARPP_PORT_2008_2024.csv"
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


def parpp_nonmetro_row_removed(raw: Path) -> None:  # every LineCode of Alabama's nonmetro
    path = raw / PARPP
    lines = path.read_bytes().decode("utf-8").split("\n")
    kept = [line for line in lines if not line.startswith(' "01999"')]
    assert len(kept) == len(lines) - 5
    path.write_bytes("\n".join(kept).encode("utf-8"))


def parpp_years_shifted(raw: Path) -> None:
    header = ",".join(str(y) for y in range(2008, 2025))
    edit_text(raw, PARPP, header, ",".join(str(y) for y in range(2009, 2026)), 1)


def zeros(line: str) -> str:
    """A BEA row with every year printed 0.000 (BEA's mark for a portion it does not price)."""
    fields = line.split(",")
    return ",".join(fields[:8] + ["0.000"] * (len(fields) - 8))


def parpp_state_unpriced(raw: Path) -> None:  # Alabama's nonmetro portion marked unpriced
    path = raw / PARPP
    lines = path.read_bytes().decode("utf-8").split("\n")
    lines = [zeros(line) if line.startswith(' "01999"') else line for line in lines]
    path.write_bytes("\n".join(lines).encode("utf-8"))


def oews_nonmetro_code_outside_state(raw: Path) -> None:  # Northwest Alabama coded as Alaska's
    edit_text(raw, OEWS, "0100001", "0200009")


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


def aijobs_rows_dated_after_the_snapshot(raw: Path) -> None:  # issue 23: 499 rows of 2027
    edit_text(raw, "aijobs/salaries.csv", "\n2024,", "\n2027,", 499)


# The build completes `metros` with the OEWS nonmetro areas as soon as geo is read, so a case
# that gets past the geo reader needs oews too.
GEO_BEA = ("oews", "bea_rpp", "geo")
GEO_HUD = ("oews", "geo", "hud_fmr")

CORRUPTIONS = [
    # (id, damage, sources whose readers the failure needs, file the message must name, what
    # the message must say). Only those sources are copied and read: the others cannot change
    # the outcome, and the full build is exercised by `built` above.
    ("truncated", damage_truncate, ("bea_rpp",), MARPP, "truncated"),
    ("renamed-column", damage_rename_column, ("bea_rpp",), MARPP, "missing column"),
    ("text-in-number", damage_text_in_number, ("bea_rpp",), MARPP, "'oops' is not a number"),
    ("empty", damage_empty, ("oews",), OEWS, "empty"),
    ("random-bytes", damage_random, ("oews",), OEWS, "not valid utf-8|fields|missing"),
    ("1-oews-metro-code", oews_metro_code, ("oews", "geo"), OEWS, "41941 .*not a metropolitan"),
    ("2-bea-metro-code", bea_metro_code, GEO_BEA, MARPP, "41941 .*not a metropolitan"),
    ("3-bea-years-shifted", bea_years_shifted, ("bea_rpp",), MARPP, "2009-2025 but the file"),
    ("4-bea-state-as-metro", bea_state_file_as_metro, ("bea_rpp",), MARPP, "footer names table"),
    ("5-bea-previous-release", bea_previous_release, ("bea_rpp",), MARPP, "2008-2023 but the"),
    ("6-bea-row-shifted", bea_row_shifted, ("bea_rpp",), MARPP, "21420: .NA. years differ"),
    ("7-oews-p10-p90-swapped", oews_percentiles_swapped, ("oews",), OEWS, "must not decrease"),
    ("bea-area-shifted", bea_all_rows_of_an_area_shifted, ("bea_rpp",), "MARPP", "says .NA. for"),
    ("bea-duplicate-code", bea_duplicate_metro_code, ("bea_rpp",), MARPP, "duplicate GeoFIPS"),
    ("oews-text-in-wage", oews_text_in_wage_column, ("oews",), OEWS, "'6060 workers' is not a"),
    ("oews-annual-vs-hourly", oews_annual_not_hourly_times_2080, ("oews",), OEWS, "x 2,080"),
    ("oews-one-area-code", oews_one_row_area_code, ("oews",), OEWS, "series_key"),
    ("hud-negative-rent", hud_negative_rent, ("hud_fmr",), HUD, "-1500 is outside the plausible"),
    ("hud-metro-code", hud_metro_code, GEO_HUD, HUD, "41941 is not a metropolitan"),
    ("gazetteer-unknown-code", gazetteer_unknown_code, ("geo",), "2024_Gaz", "10301 is not a CBSA"),
    (
        "aijobs-truncated",
        truncate_mid_row("aijobs/salaries.csv"),
        ("aijobs",),
        "salaries.csv",
        "fields",
    ),
    (
        "aijobs-dated-after-snapshot",
        aijobs_rows_dated_after_the_snapshot,
        ("aijobs",),
        "salaries.csv",
        "'2027' is after the file's snapshot date .PROVENANCE.md., 2025-01-19",
    ),
    (
        "survey-truncated",
        truncate_mid_row("so_survey/so2025_salary_prediction_processed.csv"),
        ("so_survey",),
        "so2025_salary_prediction_processed.csv",
        "fields|empty|not",
    ),
    # every area priced (issue 14): BEA state portions and OEWS nonmetro areas
    (
        "parpp-nonmetro-row-removed",
        parpp_nonmetro_row_removed,
        ("bea_rpp",),
        PARPP,
        "lacks the nonmetropolitan portion of Alabama .GeoFIPS 01999",
    ),
    (
        "parpp-years-shifted",
        parpp_years_shifted,
        ("bea_rpp",),
        PARPP,
        "year columns run 2009-2025 but the file name says 2008-2024",
    ),
    (
        "parpp-state-unpriced",
        parpp_state_unpriced,
        ("oews", "bea_rpp"),
        PARPP,
        "no 2024 nonmetropolitan price level .* state 01, where OEWS publishes nonmetro area "
        "0100001 .Northwest Alabama nonmetropolitan area.; 4 such",
    ),
    (
        "oews-nonmetro-code-outside-state",
        oews_nonmetro_code_outside_state,
        ("oews", "geo"),
        OEWS,
        "nonmetro area code 0200009 .Northwest Alabama nonmetropolitan area. does not start "
        "with its state_code 01",
    ),
]


@pytest.mark.parametrize(
    ("damage", "keys", "named", "says"),
    [pytest.param(*case[1:], id=case[0]) for case in CORRUPTIONS],
)
def test_corrupt_source_exits_2_names_the_file_and_leaves_output_untouched(
    tmp_path, capsys, monkeypatch, damage, keys, named, says
):
    raw = copy_raw(tmp_path, keys)
    damage(raw)
    monkeypatch.setattr(build, "READERS", readers(keys))
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


KING_DATA_SCIENTISTS = '"53033": {"c": "King County", "s": "WA", "l1": 96116, "l2": 129708'


@pytest.mark.parametrize(
    ("relative", "old", "new", "says"),
    [
        pytest.param(
            "oflc_lca/wage_levels/15-2051.json",
            KING_DATA_SCIENTISTS,
            KING_DATA_SCIENTISTS.replace("96116", "X")
            .replace("129708", "96116")
            .replace("X", "129708"),
            "county 53033 .King County, WA.: levels not ascending: l1 129,708 >= l2 96,116",
            id="oflc-levels-swapped",
        ),
        pytest.param(
            "oflc_lca/lca_titles/GO.json",
            '"GOOGLE LLC": {"ACCESSIBILITY ANALYST": [{"s": "15-1252", "t": "Software '
            'Developers", "n": 4, "y": [2023, 2024, 2025]',
            '"GOOGLE LLC": {"ACCESSIBILITY ANALYST": [{"s": "15-1252", "t": "Software '
            'Developers", "n": 4, "y": [2023, 2024, 2027]',
            "fiscal year 2027 is outside what the snapshot allows .FY2001 to FY2026.",
            id="oflc-filing-after-snapshot",
        ),
    ],
)
def test_corrupt_oflc_file_exits_2_names_it_and_leaves_output_untouched(
    tmp_path, capsys, monkeypatch, relative, old, new, says
):
    raw = tmp_path / "raw"
    for folder in ("geo", "aijobs", "oflc_lca"):  # the oflc reader reads list1 and the titles
        shutil.copytree(DEFAULT_RAW_DIR / folder, raw / folder)
    edit_text(raw, relative, old, new, 1)
    monkeypatch.setattr(build, "READERS", readers(("oflc_lca",)))
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("previous build")

    code = build.main(["--raw-dir", str(raw), "--out", str(out)])

    err = capsys.readouterr().err
    message = next(line for line in err.splitlines() if line.startswith("error: "))
    assert code == 2 and "Traceback" not in err
    assert Path(relative).name in message and re.search(says, message), message
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_cpi_metro_outside_the_delineation_stops_the_build(tmp_path, capsys, monkeypatch):
    from databuild.sources import cpi

    raw = copy_raw(tmp_path, ("oews", "geo"))  # cpi reads the installed package's cpi.db
    monkeypatch.setitem(cpi.CROSSWALK, "S49B", "41861")
    monkeypatch.setattr(build, "READERS", readers(("oews", "geo", "cpi")))
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("previous build")

    code = build.main(["--raw-dir", str(raw), "--out", str(out)])

    message = next(ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("error: "))
    assert code == 2
    assert "cpi.db" in message
    assert (
        "S49B (San Francisco-Oakland-Hayward, CA) maps to CBSA 41861, which is not a metro of "
        "the OMB July 2023 delineation"
    ) in message
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_download_mode_records_fetched_files_in_the_manifest(tmp_path, monkeypatch):
    from databuild import download

    def fake_download_all(cache_dir, **_):
        shutil.copytree(DEFAULT_RAW_DIR / "oews", Path(cache_dir) / "oews", dirs_exist_ok=True)
        target = Path(cache_dir) / OEWS
        return [
            download.FetchResult(
                path=target,
                sha256="0" * 64,
                bytes=target.stat().st_size,
                url="http://127.0.0.1:1/oews.csv",
                from_cache=False,
            )
        ]

    monkeypatch.setattr(download, "download_all", fake_download_all)
    monkeypatch.setattr(build, "READERS", readers(("oews",)))  # any reader records downloads
    out = tmp_path / "out"
    code = build.main(["--cache", str(tmp_path / "cache"), "--out", str(out)])
    assert code == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["build_command"] == "python -m databuild"
    assert manifest["downloads"][0]["path"] == OEWS


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
