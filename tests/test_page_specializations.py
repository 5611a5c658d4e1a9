"""AppTest of the Specializations page, run through dashboard.py."""

from __future__ import annotations

import pytest

from analysis import load, specialties
from analysis.paths import DATA_DIR
from tests.apptest_helpers import run_page

PAGE = "app_pages/specializations.py"
pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "salaries.parquet").is_file() or not (DATA_DIR / "survey.parquet").is_file(),
    reason="data/ not built yet",
)


def _captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def test_default_view_shows_answer_premiums_tools_and_known_figure():
    at = run_page(PAGE)
    assert not at.exception
    assert at.title[0].value == "Specializations"
    assert len(at.get("plotly_chart")) == 2
    metrics = {m.label: m.value for m in at.metric}
    # Median of deduplicated full-time "General" ML/AI-engineer records in the aijobs.net
    # snapshot; the record counts moved into the caption.
    assert metrics == {"Baseline median: General": "$170,000"}
    assert at.toggle(key="specializations_dups").value is False
    text = _captions(at)
    assert "aijobs.net" in text and "exact duplicates dropped" in text
    assert "n = 3,324" in text  # raw and adjusted use the same 3,324 records
    assert "company country (US, CA, GB, DE, Other), career track" in text
    assert "Association, not causation" in text
    assert "Stack Overflow" in text and "at least 100 users" in text and "Holm" in text
    # The one-line answer is generated from the adjusted intervals.
    adjusted = specialties.adjusted_premiums(load.load_table("salaries"))
    answer = specialties.headline(adjusted)
    assert any(answer in m.value for m in at.markdown)
    assert answer.startswith("No specialization shows a reliable premium")
    premiums = at.dataframe[0].value
    assert set(premiums.columns) == {
        "specialization",
        "method",
        "n",
        "premium",
        "ci_low",
        "ci_high",
        "status_text",
    }
    # Same n for the raw and the adjusted row of every specialization.
    assert (premiums.groupby("specialization")["n"].nunique() == 1).all()
    tools = at.dataframe[1].value
    assert set(tools["tool"]) <= set(specialties.TOOL_LISTS["ml"].items)
    assert not at.warning


def test_url_round_trip():
    at = run_page(
        PAGE,
        {"base": "MLOps / ML infrastructure", "dups": "1", "view": "Raw", "tools": "cloud"},
    )
    assert not at.exception and not at.warning
    assert at.selectbox(key="specializations_base").value == "MLOps / ML infrastructure"
    assert at.toggle(key="specializations_dups").value is True
    assert at.query_params["view"] == "Raw"
    assert at.query_params["tools"] == "cloud"
    assert "exact duplicates kept" in _captions(at)
    shown = at.dataframe[0].value
    assert set(shown["method"]) == {"Raw median ratio"}
    assert "Amazon Web Services (AWS)" in set(at.dataframe[1].value["tool"])


def test_junk_url_warns_and_falls_back():
    at = run_page(
        PAGE, {"base": "Astrology", "tracks": "nope", "dups": "maybe", "tools": "<script>"}
    )
    assert not at.exception
    assert len(at.warning) == 4
    assert at.selectbox(key="specializations_base").value == "General"
    assert at.multiselect(key="specializations_tracks").value == ["ML engineer", "AI engineer"]
    assert len(at.get("plotly_chart")) == 2


def test_no_track_selected_warns_instead_of_charting():
    at = run_page(PAGE)
    at.multiselect(key="specializations_tracks").set_value([]).run()
    assert not at.exception
    assert any("track" in w.value for w in at.warning)
    assert len(at.get("plotly_chart")) == 0


def test_tables_show_signed_whole_percents_and_dashes():
    import pandas as pd

    from ui.charts import specialties as charts

    comparison = pd.DataFrame(
        {
            "specialization": ["General", "NLP"],
            "method": ["Raw median ratio"] * 2,
            "n": [2951, 22],
            "premium": [0.0, -0.0921],
            "ci_low": [0.0, -0.4964],
            "ci_high": [0.0, 0.0037],
            "status": ["ok", "low confidence"],
            "is_baseline": [True, False],
        }
    )
    html = charts.premium_table(comparison).to_html()
    assert "−9%" in html and "−50%" in html and "+0%" in html and "2,951" in html
    assert "under 30 records" in html and "baseline" in html
    assert "0.0921" not in html
    tools = pd.DataFrame(
        {
            "tool": ["A", "B"],
            "n_users": [1200, 50],
            "n_non_users": [5000, 6150],
            "premium": [0.061, float("nan")],
            "ci_low": [0.02, float("nan")],
            "ci_high": [0.1, float("nan")],
            "p_value": [0.001, float("nan")],
            "p_holm": [0.01, float("nan")],
            "holm_reject": pd.array([True, pd.NA], dtype="boolean"),
            "status": ["ok", "hidden"],
        }
    )
    html = charts.tool_table(tools).to_html()
    assert "+6%" in html and "differs from 0" in html and "1,200" in html
    assert ">B<" not in html  # hidden tools only in the CSV
