import pytest

from analysis import catalog, load
from analysis.paths import DATA_DIR
from tests.apptest_helpers import run_page

pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "manifest.json").is_file(), reason="data/ not built yet"
)


def test_sources_include_every_build_source_and_the_tax_schedule():
    manifest = load.load_manifest()
    table = catalog.sources_table(manifest)
    assert len(table) == len(manifest["sources"]) + 1
    tax = table[table["tables"] == "take_home"].iloc[0]
    assert "policyengine-us" in tax["publisher"]
    assert tax["vintage"].startswith("tax year ")
    assert (table["rows_written"] > 0).all()


def test_page_shows_sources_limitations_and_a_download_per_table():
    at = run_page("app_pages/data_methods.py")
    assert not at.exception
    assert at.title[0].value == "Data & methods"
    headers = [h.value for h in at.subheader]
    assert "What the data cannot tell you" in headers
    labels = [b.label for b in at.get("download_button")]
    salaries = len(load.load_table("salaries"))
    assert f"salaries ({salaries:,} rows)" in labels
    assert len(labels) == len(load.TABLES) + 1  # every table + the sources list
