"""analysis.data: the lazy `Tables`, the data version and the manifest `Facts`."""

from __future__ import annotations

import hashlib
import json

import pandas as pd
import pytest

from analysis import data, metros
from analysis.data import TABLES, DataUnavailable, Tables, facts_from_manifest
from tests.tables import real, tiny_manifest


def _write(folder, manifest: dict, **frames: pd.DataFrame) -> bytes:
    raw = json.dumps(manifest).encode("utf-8")
    (folder / "manifest.json").write_bytes(raw)
    for name, frame in frames.items():
        frame.to_parquet(folder / f"{name}.parquet")
    return raw


# --- facts ---------------------------------------------------------------------------------------


def test_facts_come_from_the_manifest():
    facts = facts_from_manifest(tiny_manifest(top_code=200_000.0, price_year=2023))
    assert (facts.top_code, facts.price_year, facts.tax_year) == (200_000.0, 2023, None)
    assert facts.caption("oews", "bea_rpp") == "BLS OEWS (test) · BEA RPP (test)"
    assert facts.caption("aijobs") == "aijobs.net (test)"


def test_take_home_caption_and_tax_year_come_from_the_carried_schedule():
    manifest = tiny_manifest() | {"carried": {"take_home": {"tax_year": 2025, "version": "2.68"}}}
    facts = facts_from_manifest(manifest)
    assert facts.tax_year == 2025
    assert facts.captions["take_home"] == "PolicyEngine US 2.68, tax year 2025"
    years = {"tax_year": 2026, "tax_years": [2025, 2026], "version": "2.68"}
    facts = facts_from_manifest(tiny_manifest() | {"carried": {"take_home": years}})
    assert facts.tax_year == 2026
    assert facts.captions["take_home"] == "PolicyEngine US 2.68, tax years 2025–2026"


@pytest.mark.parametrize(
    "broken",
    [
        lambda m: m["sources"]["oews"].pop("facts"),
        lambda m: m["sources"]["bea_rpp"]["facts"].pop("latest_year"),
        lambda m: m["sources"]["aijobs"].pop("caption"),
        lambda m: m["sources"]["oews"]["facts"].update(top_code_annual="n/a"),
        lambda m: m.pop("sources"),
    ],
    ids=["no-oews-facts", "no-price-year", "no-caption", "bad-top-code", "no-sources"],
)
def test_a_manifest_without_the_facts_says_to_rebuild(broken):
    manifest = tiny_manifest()
    broken(manifest)
    with pytest.raises(DataUnavailable, match="rebuild"):
        facts_from_manifest(manifest)


# --- tables given by a test ----------------------------------------------------------------------


def test_tables_of_frames_serves_the_given_frames_and_refuses_others():
    wages = pd.DataFrame({"a": [1]})
    tables = Tables.of(tiny_manifest(), wages=wages)
    assert tables.wages is wages and tables.table("wages") is wages
    with pytest.raises(DataUnavailable, match="salaries"):
        tables.salaries  # noqa: B018
    with pytest.raises(ValueError, match="unknown table"):
        Tables.of(tiny_manifest(), wagez=wages)
    with pytest.raises(ValueError, match="unknown table"):
        tables.table("wagez")


def test_every_tables_of_frames_has_its_own_version():
    # Caches key on the version: two test tables must never share one, alive or not.
    live = [Tables.of(tiny_manifest(), wages=pd.DataFrame({"x": [i]})) for i in range(50)]
    gone = [Tables.of(tiny_manifest()).version for _ in range(50)]
    assert len({t.version for t in live} | set(gone)) == 100


# --- tables read from a folder -------------------------------------------------------------------


def test_open_reads_lazily_once_and_versions_by_the_manifest_sha256(tmp_path):
    raw = _write(tmp_path, tiny_manifest(), metros=pd.DataFrame({"cbsa": ["41940"]}))
    tables = Tables.open(tmp_path)
    assert tables.version == hashlib.sha256(raw).hexdigest()
    assert tables.facts.top_code == 239_200.0
    # Nothing is read until used: a table written after opening is still found.
    pd.DataFrame({"cbsa": ["12420"]}).to_parquet(tmp_path / "rents.parquet")
    assert tables.rents["cbsa"].tolist() == ["12420"]
    first = tables.metros
    (tmp_path / "metros.parquet").unlink()
    assert tables.metros is first  # read once, then shared
    with pytest.raises(DataUnavailable, match=r"wages\.parquet is missing"):
        tables.wages  # noqa: B018


def test_a_damaged_table_or_manifest_is_data_unavailable(tmp_path):
    _write(tmp_path, tiny_manifest())
    (tmp_path / "survey.parquet").write_bytes(b"not parquet")
    with pytest.raises(DataUnavailable, match=r"survey\.parquet could not be read"):
        Tables.open(tmp_path).survey  # noqa: B018
    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(DataUnavailable, match="manifest"):
        Tables.open(tmp_path)
    with pytest.raises(DataUnavailable, match="manifest"):
        Tables.open(tmp_path / "nowhere")


def test_load_table_rejects_unknown_names(tmp_path):
    with pytest.raises(ValueError, match="unknown table"):
        data.load_table("passwords", tmp_path)


# --- the real data/ ------------------------------------------------------------------------------


def test_real_tables_version_and_facts():
    tables = real()
    raw = (tables.data_dir / "manifest.json").read_bytes()
    assert tables.version == hashlib.sha256(raw).hexdigest()
    # BLS OEWS May 2025 footnote 5: annual wages at or above $239,200 are top-coded.
    assert tables.facts.top_code == 239_200.0
    # BEA RPP release of 2026-02-19 covers 2008-2024.
    assert tables.facts.price_year == 2024
    for key in ("oews", "bea_rpp", "aijobs", "so_survey", "hud_fmr", "oflc_lca"):
        assert tables.facts.captions[key]


def test_real_tables_have_the_published_row_counts():
    tables = real()
    assert len(tables.salaries) == 74_301  # aijobs PROVENANCE: 74,301 rows
    assert len(tables.wages) == 12_835  # OEWS extract PROVENANCE: 12,835 rows
    # oflc_lca: 22 wage-level files of 3,131 counties each (counted in the raw JSON)
    assert len(tables.wage_levels) == 22 * 3131
    for name in TABLES:
        assert len(tables.table(name)) > 0, name
    assert tables.manifest["tables"]["lca_titles"]["rows"] == len(tables.lca_titles)


def test_a_derived_table_is_computed_once_and_a_callers_change_stays_its_own():
    calls = []

    @data.derived
    def doubled(tables: Tables, factor: int = 2) -> pd.DataFrame:
        calls.append(factor)
        return tables.wages.assign(value=tables.wages["value"] * factor)

    tables = Tables.of(wages=pd.DataFrame({"value": [1.0, 2.0]}))
    first = doubled(tables)
    first.loc[0, "value"] = -1.0  # the caller changes its copy in place...
    first["extra"] = 1  # ...and adds a column
    again = doubled(tables)
    assert list(again["value"]) == [2.0, 4.0] and "extra" not in again
    assert calls == [2]
    assert list(doubled(tables, 3)["value"]) == [3.0, 6.0] and calls == [2, 3]
    other = Tables.of(wages=pd.DataFrame({"value": [5.0]}))
    assert list(doubled(other)["value"]) == [10.0]  # another Tables: its own entry


def test_derived_labels_are_handed_out_as_copies():
    tables = real()
    labels = metros.metro_labels(tables)
    labels.clear()
    assert metros.metro_labels(tables)["41940"] == "San Jose, CA"
