"""AppTest of the Specializations page, run through dashboard.py."""

from __future__ import annotations

import pytest

from analysis.paths import DATA_DIR
from tests.apptest_helpers import run_page

PAGE = "app_pages/specializations.py"
pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "salaries.parquet").is_file() or not (DATA_DIR / "survey.parquet").is_file(),
    reason="data/ not built yet",
)


def _captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def test_default_view_shows_premiums_tools_and_known_figure():
    at = run_page(PAGE)
    assert not at.exception
    assert at.title[0].value == "Specializations"
    assert len(at.get("plotly_chart")) == 2
    metrics = {m.label: m.value for m in at.metric}
    # Median of deduplicated "General" ML/AI-engineer records in the aijobs.net snapshot.
    assert metrics["Baseline median: General"] == "$169,612"
    assert at.toggle(key="specializations_dedup").value is True
    text = _captions(at)
    assert "aijobs.net" in text and "exact duplicates dropped" in text
    assert "Association, not causation" in text
    assert "Stack Overflow" in text
    assert len(at.dataframe) == 2
    assert not at.warning


def test_url_round_trip():
    at = run_page(
        PAGE,
        {
            "base": "MLOps / ML infrastructure",
            "dedup": "0",
            "view": "Raw",
            "tools": "cloud_platforms",
        },
    )
    assert not at.exception and not at.warning
    assert at.selectbox(key="specializations_base").value == "MLOps / ML infrastructure"
    assert at.toggle(key="specializations_dedup").value is False
    assert at.query_params["view"] == "Raw"
    assert at.query_params["tools"] == "cloud_platforms"
    assert "exact duplicates kept" in _captions(at)
    shown = at.dataframe[0].value
    assert set(shown["method"]) == {"Raw median ratio"}


def test_junk_url_warns_and_falls_back():
    at = run_page(
        PAGE, {"base": "Astrology", "tracks": "nope", "dedup": "maybe", "tools": "<script>"}
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
