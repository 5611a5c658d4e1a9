"""AppTest of the Career levels page, run through dashboard.py."""

from __future__ import annotations

import pytest

from analysis import levels
from analysis.paths import DATA_DIR
from tests.apptest_helpers import run_page
from tests.tables import table as real_table
from ui.layout import money

pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "salaries.parquet").is_file(), reason="data/ not built yet"
)


PAGE = "app_pages/levels.py"


def test_default_view_shows_levels_and_known_figure():
    at = run_page(PAGE)
    assert not at.exception
    assert at.title[0].value == "Career levels"
    assert len(at.get("plotly_chart")) == 3
    assert at.multiselect(key="levels_tracks").value == ["ML engineer", "Data scientist"]
    assert at.selectbox(key="levels_country").value == "US"
    expected = levels.progression(real_table("salaries"), "ML engineer", "US", n_boot=10)
    senior = expected.set_index("level").loc["Senior", "median"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Senior median · ML engineer"] == money(senior)
    assert at.toggle(key="levels_dups").value is False
    captions = " ".join(c.value for c in at.caption)
    assert "aijobs.net" in captions and "exact duplicates dropped" in captions
    assert "work years 2023–2025" in captions
    assert "Stack Overflow" in captions and "BLS OEWS, May 2025" in captions
    # Survey n per year and whose answers: the country is US, so US respondents only.
    bins, _ = levels.experience_curve(real_table("survey"), us_only=True, n_boot=5)
    per_year = bins.groupby("year")["n"].sum()
    assert f"{per_year[2024]:,} in 2024" in captions and "US respondents only" in captions
    assert "Data Scientists, all US employers" in captions
    assert any("2024" in i.value and "repeat another exactly" in i.value for i in at.info)
    table = at.dataframe[0].value
    assert len(table) == 8
    assert "ci_low" not in table.columns and "median_ci" in table.columns
    assert not at.warning


def test_url_round_trip():
    params = {"tracks": "Data engineer~Analyst", "country": "ALL", "dups": "1", "occ": "15-1252"}
    at = run_page(PAGE, params)
    assert not at.exception and not at.warning
    assert at.multiselect(key="levels_tracks").value == ["Data engineer", "Analyst"]
    assert at.selectbox(key="levels_country").value == "ALL"
    assert at.toggle(key="levels_dups").value is True
    assert at.selectbox(key="levels_occ").value == "15-1252"
    for key, value in params.items():
        assert at.query_params[key] == value
    assert any("exact duplicates kept" in c.value for c in at.caption)
    assert any("respondents in all countries" in c.value for c in at.caption)
    assert any("Software Developers, all US employers" in c.value for c in at.caption)
    assert set(at.dataframe[0].value["track"]) == {"Data engineer", "Analyst"}


def test_junk_url_warns_and_falls_back():
    at = run_page(PAGE, {"tracks": "<script>", "country": "XX", "dups": "maybe", "occ": "nope"})
    assert not at.exception
    assert len(at.warning) >= 4
    assert at.multiselect(key="levels_tracks").value == ["ML engineer", "Data scientist"]
    assert at.selectbox(key="levels_country").value == "US"
    assert len(at.get("plotly_chart")) == 3
