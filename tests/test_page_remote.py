"""AppTest of the Remote work page, run through dashboard.py."""

from __future__ import annotations

import pytest

from analysis import hubs, remote
from analysis.hubs import DEFAULT_HUBS
from analysis.paths import DATA_DIR
from tests.apptest_helpers import run_page
from tests.tables import table

pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "salaries.parquet").is_file(), reason="data/ not built yet"
)


PAGE = "app_pages/remote.py"


def test_default_view_shows_charts_and_known_figure():
    at = run_page(PAGE)
    assert not at.exception
    assert at.title[0].value == "Remote work"
    assert len(at.get("plotly_chart")) == 3
    # BLS OEWS May 2025: San Francisco metro, Data Scientists, annual median $170,110.
    assert at.number_input(key="remote_salary").value == 170_110
    captions = " ".join(c.value for c in at.caption)
    assert "HQ San Francisco, CA at $170,110" in captions
    assert "BLS median for Data Scientists in San Francisco, CA, $170,110" in captions
    assert "illustrative inputs, not data" in captions
    assert "Wilson" in captions
    # Default: the latest full year, US companies, duplicates dropped, on both charts.
    assert at.selectbox(key="remote_year").value == 2024
    assert at.selectbox(key="remote_country").value == "US"
    assert "work year 2024" in captions and "exact duplicates dropped" in captions
    assert any("US companies, full-time" in m.value for m in at.markdown)
    expected = remote.pay_by_remote(table("salaries"), year=2024, n_boot=10)
    pay, sim = at.dataframe[0].value, at.dataframe[1].value
    assert set(pay["arrangement"]) == {"On-site", "Hybrid", "Fully remote"}
    assert list(pay["n"]) == list(expected["n"])
    assert "premium_ci" in pay.columns and "ci_low" not in pay.columns
    # Wide: one row per hub, one column per policy, no CBSA code.
    assert len(sim) == len(DEFAULT_HUBS)
    assert list(sim.columns) == ["hub", "rpp", "tier", *remote.POLICIES]
    assert (sim["National rate"] == 170_110).all()
    assert not at.warning


def test_hq_median_unpublished_falls_back_to_typed_salary(monkeypatch):
    def unpublished(*args, **kwargs):
        raise ValueError("BLS publishes no median for occupation 15-2051 in this metro.")

    monkeypatch.setattr(remote, "hq_median", unpublished)
    at = run_page(PAGE)
    assert not at.exception
    assert any("BLS publishes no median" in w.value for w in at.warning)
    national = hubs.national_median(table("wages"), remote.DEFAULT_OCC)
    assert at.number_input(key="remote_salary").value == int(national)
    assert len(at.get("plotly_chart")) == 3  # the page goes on


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
    # Purchasing power shown: full cost-of-living gives every hub the same.
    assert sim["Full cost-of-living"].nunique() == 1
    csv = remote.geo_policy(
        table("price_parities"),
        200_000.0,
        hubs.hub_names(table("metros")),
        "35620",
        remote.Tiers(tier1_min=110, tier3_pay=0.85),
    )
    tiered = csv.loc[(csv["policy"] == "Tiered zones") & (csv["tier"] == 3), "pay"]
    assert (tiered == 170_000).all()
    shown = sim.set_index("hub")["Tiered zones"]
    expected = csv.loc[csv["policy"] == "Tiered zones"].set_index("hub")["purchasing_power"]
    assert shown.to_dict() == expected.to_dict()


def test_all_countries_and_kept_duplicates():
    at = run_page(PAGE, {"country": "ALL", "dups": "1", "year": "all"})
    assert not at.exception and not at.warning
    captions = " ".join(c.value for c in at.caption)
    assert "All countries" in captions and "exact duplicates kept" in captions
    assert "2020–2025 pooled" in captions


def test_junk_url_warns_and_falls_back():
    at = run_page(PAGE, {"level": "CEO", "year": "1999", "hq": "abc", "salary": "-5", "t1": "x"})
    assert not at.exception
    assert len(at.warning) >= 5
    assert at.selectbox(key="remote_hq").value == remote.DEFAULT_HQ
    assert len(at.get("plotly_chart")) == 3
