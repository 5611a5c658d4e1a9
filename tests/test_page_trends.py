"""AppTest of the Trends page, run through dashboard.py."""

from __future__ import annotations

import pytest

from analysis import trends
from analysis.paths import DATA_DIR
from tests.apptest_helpers import run_page
from tests.tables import table as real_table
from ui.layout import money

pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "salaries.parquet").is_file(), reason="data/ not built yet"
)


PAGE = "app_pages/trends.py"


def test_default_view_shows_trend_and_collection_change():
    at = run_page(PAGE)
    assert not at.exception
    assert at.title[0].value == "Trends"
    assert len(at.get("plotly_chart")) == 1
    series = trends.adjusted_trend(real_table("salaries"), n_boot=200)
    adjusted = series.loc[series["series"] == "Adjusted"].set_index("year")
    metrics = {m.label: m.value for m in at.metric}
    # KPIs headline the adjusted series for the last three full years (2025 is partial).
    assert list(metrics) == ["Adjusted median 2022", "Adjusted median 2023", "Adjusted median 2024"]
    assert metrics["Adjusted median 2023"] == money(adjusted.loc[2023, "median"])
    # The callout names exactly the years the bars flag (duplicates dropped, full-time).
    comp = trends.composition(real_table("salaries"))
    flagged = [str(y) for y in comp.loc[comp["composition_changed"], "year"]]
    note = " ".join(i.value for i in at.info)
    assert f"changed sharply in {', '.join(flagged)}" in note
    assert all(f"{y}: " in note for y in flagged)
    n2024 = comp.set_index("year").loc[2024, "n"]
    assert f"{n2024:,} records" in note and "2025 covers only early January" in note
    assert any(
        "aijobs.net" in c.value and "exact duplicates dropped" in c.value for c in at.caption
    )
    table = at.dataframe[0].value
    assert list(table["year"]) == ["2020", "2021", "2022", "2023", "2024", "2025 (partial)"]
    assert "adjusted_median" in table.columns and "raw_median" in table.columns
    assert "raw_ci_low" not in table.columns and "adjusted_n_eff" in table.columns
    assert not at.warning


def test_kept_duplicates_mark_2020_adjusted_low_confidence():
    at = run_page(PAGE, {"dups": "1"})
    assert not at.exception and not at.warning
    table = at.dataframe[0].value.set_index("year")
    assert table.loc["2020", "adjusted_status"] == "low confidence"
    assert round(table.loc["2020", "adjusted_n_eff"]) == 24
    assert any("exact duplicates kept" in c.value for c in at.caption)


def test_url_round_trip():
    params = {"level": "Senior", "country": "US", "series": "adjusted", "dups": "1"}
    at = run_page(PAGE, params)
    assert not at.exception and not at.warning
    assert at.selectbox(key="trends_level").value == "Senior"
    assert at.selectbox(key="trends_country").value == "US"
    assert at.selectbox(key="trends_series").value == "adjusted"
    assert at.toggle(key="trends_dups").value is True
    for key, value in params.items():
        assert at.query_params[key] == value
    assert any("Senior, US" in c.value for c in at.caption)


def test_junk_url_warns_and_falls_back():
    at = run_page(PAGE, {"level": "Intern", "country": "Mars", "series": "x", "dups": "2"})
    assert not at.exception
    assert len(at.warning) >= 4
    assert at.selectbox(key="trends_level").value == "All levels"
    assert len(at.get("plotly_chart")) == 1
