import pytest

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
    assert metrics["US data scientist median"] == "$120,230"
    assert metrics["Top hub in dollars"] == "San Jose"
    assert any(label.startswith("Entry → senior") for label in metrics)
    assert len(at.get("plotly_chart")) == 1
    captions = " ".join(c.value for c in at.caption)
    assert "BLS OEWS, May 2025" in captions and "n = " in captions
