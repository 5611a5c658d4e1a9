import pytest

from analysis import levels, load
from analysis.paths import DATA_DIR
from tests.apptest_helpers import run_page

pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "wages.parquet").is_file(), reason="data/ not built yet"
)


def test_overview_shows_headlines_chart_and_next_steps():
    at = run_page("app_pages/overview.py")
    assert not at.exception
    assert at.title[0].value == "AI Pay Atlas"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["US data scientists median"] == "$120,230"
    assert metrics["Top hub in dollars"] == "San Jose"
    step = levels.step_up(load.load_table("salaries"), "ML engineer", "Entry", "Senior")
    assert metrics["Entry → senior pay"] == f"×{step.ratio:.2f}"
    assert "Fully remote, US, 2024" in metrics
    assert len(at.get("plotly_chart")) == 1
    captions = " ".join(c.value for c in at.caption)
    assert "BLS OEWS, May 2025" in captions and "approx." in captions
    assert "n = 7," not in captions  # no sum of nested employment counts
    assert "ML engineers at US companies, full-time, 2023–2025" in captions
    intro = " ".join(m.value for m in at.markdown)
    assert f"{len(load.load_table('salaries')):,} individual salary records" in intro
    assert not at.warning
