"""AppTest of the Remote work page, run through dashboard.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis import load, remote
from analysis.hubs import DEFAULT_HUBS
from analysis.paths import DATA_DIR
from tests.apptest_helpers import run_page

DATA = Path(os.environ.get("ATLAS_TEST_DATA", DATA_DIR))
pytestmark = pytest.mark.skipif(
    not (DATA / "salaries.parquet").is_file(), reason="data/ not built yet"
)


@pytest.fixture(autouse=True)
def _data_dir(monkeypatch):
    """Pages read data/; ATLAS_TEST_DATA points them (and the test) at another build."""
    if DATA != DATA_DIR:
        monkeypatch.setattr(load.load_table, "__defaults__", (DATA,))


def _table(name: str):
    return load.load_table(name, DATA)


PAGE = "app_pages/remote.py"


def test_default_view_shows_charts_and_known_figure():
    at = run_page(PAGE)
    assert not at.exception
    assert at.title[0].value == "Remote work"
    assert len(at.get("plotly_chart")) == 3
    # BLS OEWS May 2025: San Francisco metro, Data Scientists, annual median $170,110.
    assert at.number_input(key="remote_salary").value == 170_110
    assert any("HQ San Francisco, CA at $170,110" in c.value for c in at.caption)
    assert any("Wilson" in c.value for c in at.caption)
    pay, sim = at.dataframe[0].value, at.dataframe[1].value
    assert set(pay["arrangement"]) == {"On-site", "Hybrid", "Fully remote"}
    assert len(sim) == len(DEFAULT_HUBS) * len(remote.POLICIES)
    full = sim.loc[sim["policy"] == "Full cost-of-living", "purchasing_power"]
    assert full.nunique() == 1
    assert not at.warning


def test_url_round_trip():
    params = {
        "level": "Senior",
        "year": "2024",
        "hq": "35620",
        "salary": "200000",
        "measure": "purchasing_power",
        "t1": "110",
        "p3": "85",
    }
    at = run_page(PAGE, params)
    assert not at.exception and not at.warning
    assert at.selectbox(key="remote_level").value == "Senior"
    assert at.selectbox(key="remote_year").value == 2024
    assert at.selectbox(key="remote_hq").value == "35620"
    assert at.number_input(key="remote_salary").value == 200_000
    for key, value in params.items():
        assert at.query_params[key] == value
    assert set(at.dataframe[0].value["level"]) == {"Senior"}
    sim = at.dataframe[1].value
    tiered = sim.loc[(sim["policy"] == "Tiered zones") & (sim["tier"] == 3), "pay"]
    assert (tiered == 170_000).all()


def test_junk_url_warns_and_falls_back():
    at = run_page(PAGE, {"level": "CEO", "year": "1999", "hq": "abc", "salary": "-5", "t1": "x"})
    assert not at.exception
    assert len(at.warning) >= 5
    assert at.selectbox(key="remote_hq").value == remote.DEFAULT_HQ
    assert len(at.get("plotly_chart")) == 3
