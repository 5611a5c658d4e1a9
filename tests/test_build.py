"""The build: byte-for-byte reproducibility, known answers, and failures that leave data/ alone.

Uses the real raw sources in ../shared/data/raw (skipped when they are not beside the repo).
"""

from __future__ import annotations

import hashlib
import json
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


def damage_truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def damage_rename_column(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("LineCode", "Line_Code", 1), encoding="utf-8")


def damage_text_in_number(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = lines[5].split(",")
    fields[-1] = "oops\n"
    lines[5] = ",".join(fields)
    path.write_text("".join(lines), encoding="utf-8")


def damage_empty(path: Path) -> None:
    path.write_bytes(b"")


def damage_random(path: Path) -> None:
    import random

    path.write_bytes(random.Random(4).randbytes(4096))


@pytest.mark.parametrize(
    ("relative", "damage"),
    [
        ("bea_rpp/MARPP_MSA_2008_2024.csv", damage_truncate),
        ("bea_rpp/MARPP_MSA_2008_2024.csv", damage_rename_column),
        ("bea_rpp/MARPP_MSA_2008_2024.csv", damage_text_in_number),
        ("oews/oews_may2025_tech_occupations.csv", damage_empty),
        ("oews/oews_may2025_tech_occupations.csv", damage_random),
    ],
    ids=["truncated", "renamed-column", "text-in-number", "empty", "random-bytes"],
)
def test_bad_source_exits_2_names_the_file_and_leaves_output_untouched(
    tmp_path, capsys, relative, damage
):
    raw = copy_raw(tmp_path)
    damage(raw / relative)
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("previous build")
    before = tree_digest(out)

    code = build.main(["--raw-dir", str(raw), "--out", str(out)])

    err = capsys.readouterr().err
    assert code == 2
    assert Path(relative).name in err
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
