"""AppTest of the Remote work page, run through dashboard.py."""

from __future__ import annotations

import re

import pytest

from analysis import remote
from analysis.paths import DATA_DIR
from tests.apptest_helpers import default_view, run_page, visible_texts

PAGE = "app_pages/remote.py"
pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "salaries.parquet").is_file(), reason="data/ not built yet"
)
ARRANGEMENTS = ["On-site", "Hybrid", "Fully remote"]


def _captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def test_default_view_shows_charts_and_published_default_salary():
    at = default_view(PAGE)
    assert not at.exception and not at.warning and not at.error
    assert at.title[0].value == "Remote work"
    assert len(at.get("plotly_chart")) == 3
    # BLS OEWS May 2025: San Francisco metro, Data Scientists, annual median $170,110.
    assert at.selectbox(key="hq").value == "41860"
    assert at.number_input(key="salary").value == 170_110
    captions = _captions(at)
    assert "HQ San Francisco, CA at $170,110" in captions
    assert "BLS median for Data Scientists in San Francisco, CA, $170,110" in captions
    assert "illustrative inputs, not data" in captions
    assert "Wilson" in captions
    # The share chart's counts name their group: the takeaway its year's n, the caption all
    # years' records.
    share_line = next(m.value for m in at.markdown if m.value.startswith("Fully-remote records"))
    assert re.search(r"n = [\d,]+ in 2024\)", share_line)
    assert re.search(r"n = [\d,]+ records, all years \(2020–2025\)", captions)
    # Default: the latest full year, US companies, duplicates dropped, on both charts.
    assert at.selectbox(key="year").value == 2024
    assert at.selectbox(key="country").value == "US"
    assert at.selectbox(key="level").value == "All levels"
    assert at.toggle(key="dups").value is False
    assert at.segmented_control(key="measure").value == "pay"
    assert "work year 2024" in captions and "exact duplicates dropped" in captions
    pay, sim = at.dataframe[0].value, at.dataframe[1].value
    # The answer first, naming the selection and the level with the most remote records.
    texts = visible_texts(at)
    answer = texts[texts.index("Remote work") + 1]
    assert answer.startswith(
        "**At US companies in 2024 (full-time, all AI and data tracks): fully-remote jobs paid "
    )
    remote_rows = pay[(pay["arrangement"] == "Fully remote") & pay["premium_ci"].notna()]
    # Below on-site where the whole interval of the ratio is under 1 ("×0.87–0.95").
    highs = remote_rows["premium_ci"].str.split("–").str[1].astype(float)
    below = int((highs < 1).sum())
    assert f"less than on-site ones at {below} of {len(remote_rows)} levels" in answer
    big = remote_rows.loc[remote_rows["n"].idxmax()]
    onsite = pay[(pay["arrangement"] == "On-site") & (pay["level"] == big["level"])].iloc[0]
    assert f"At {big['level']}, the level with the most remote records" in answer
    assert f"${big['median']:,.0f} (95% interval" in answer
    assert f"against ${onsite['median']:,.0f} on-site" in answer
    assert at.expander[0].label == "Change tracks, level, year, companies"
    # The simulator: its own titled section; its answer for the cheapest hub by default.
    assert any(h.value.startswith("Geo-pay policy simulator") for h in at.subheader)
    cheapest = sim.loc[sim["rpp"].idxmin()]
    assert at.selectbox(key="home").value is not None
    said = next(m.value for m in at.markdown if m.value.startswith("**For a hire living in"))
    assert said.startswith(f"**For a hire living in {cheapest['hub']} (price level ")
    assert f"tiered zones ${cheapest['Tiered zones']:,.0f}" in said
    # Every level in the three arrangements; on-site is the reference (premium 1).
    assert pay.groupby("level")["arrangement"].apply(list).map(ARRANGEMENTS.__eq__).all()
    onsite = pay[pay["arrangement"] == "On-site"]
    assert (onsite["premium"].dropna() == 1).all()
    assert "premium_ci" in pay.columns and "ci_low" not in pay.columns
    # Wide: one row per hub, one column per policy, no CBSA code.
    assert len(sim) == 10
    assert list(sim.columns) == ["hub", "rpp", "tier", *remote.POLICIES]
    assert (sim["National rate"] == 170_110).all()


def test_hq_median_unpublished_falls_back_to_the_us_median(monkeypatch):
    def unpublished(*args, **kwargs):
        raise ValueError("BLS publishes no median for occupation 15-2051 in this metro.")

    monkeypatch.setattr(remote, "hq_median", unpublished)
    at = run_page(PAGE)
    assert not at.exception
    assert any("BLS publishes no median" in w.value for w in at.warning)
    # BLS OEWS May 2025: US Data Scientists median $120,230.
    assert at.number_input(key="salary").value == 120_230
    assert len(at.get("plotly_chart")) == 3  # the page goes on


def test_new_link_sets_the_policy_and_tiers_follow_price_levels():
    link = {"level": "Senior", "year": "2024", "hq": "New York, NY", "salary": "200000",
            "measure": "Pay", "t1": "110", "p3": "85"}  # fmt: skip
    at = run_page(PAGE, link)
    assert not at.exception and not at.warning
    assert at.selectbox(key="level").value == "Senior"
    assert at.selectbox(key="year").value == 2024
    assert at.selectbox(key="hq").value == "35620"
    assert at.number_input(key="salary").value == 200_000
    assert set(at.dataframe[0].value["level"]) == {"Senior"}
    # BLS OEWS May 2025: New York metro Data Scientists median $135,980 (the HQ's default).
    assert "BLS median for Data Scientists in New York, NY, $135,980" in _captions(at)
    sim = at.dataframe[1].value
    # Tier 1 at a price level of 110+, tier 2 at 98+ (default), else tier 3; they are paid
    # 100%, 90% (default) and 85% of the $200,000 HQ salary.
    expected_tier = sim["rpp"].map(lambda p: 1 if p >= 110 else 2 if p >= 98 else 3)
    assert list(sim["tier"]) == list(expected_tier)
    assert set(sim["tier"]) == {1, 2, 3}
    pay = sim["tier"].map({1: 200_000, 2: 180_000, 3: 170_000})
    assert list(sim["Tiered zones"]) == list(pay)
    assert (sim["National rate"] == 200_000).all()


def test_old_link_shows_purchasing_power_for_all_countries_and_years():
    link = {"measure": "purchasing_power", "hq": "35620", "year": "all", "country": "ALL",
            "dups": "1"}  # fmt: skip
    at = run_page(PAGE, link)
    assert not at.exception and not at.warning
    assert at.segmented_control(key="measure").value == "purchasing_power"
    assert at.selectbox(key="hq").value == "35620"
    captions = _captions(at)
    assert "All countries" in captions and "exact duplicates kept" in captions
    assert "2020–2025 pooled" in captions
    sim = at.dataframe[1].value
    # Purchasing power: pay / (price level / 100). A full cost-of-living policy gives every
    # hub the same; a national rate gives the cheapest hub the most.
    assert sim["Full cost-of-living"].round(2).nunique() == 1
    national = sim.set_index("hub")["National rate"]
    assert national.idxmax() == sim.set_index("hub")["rpp"].idxmin()
    assert (abs(sim["National rate"] * sim["rpp"] / 100 - 135_980) < 1).all()


def test_junk_link_warns_and_falls_back():
    link = {"level": "CEO", "year": "1999", "hq": "abc", "salary": "-5", "t1": "x"}
    at = run_page(PAGE, link)
    assert not at.exception
    assert len(at.warning) == 5
    assert at.selectbox(key="hq").value == remote.DEFAULT_HQ
    assert at.selectbox(key="year").value == 2024
    assert at.number_input(key="salary").value == 170_110
    assert len(at.get("plotly_chart")) == 3


def test_salary_follows_the_hq_unless_typed():
    at = run_page(PAGE)
    at.selectbox(key="hq").set_value("35620").run()
    # BLS OEWS May 2025: New York metro Data Scientists median $135,980 (San Francisco's
    # $170,110 must not stay in the box: the link would reopen another salary).
    assert at.number_input(key="salary").value == 135_980
    assert "HQ New York, NY at $135,980" in _captions(at)
    at.number_input(key="salary").set_value(200_000).run()
    at.selectbox(key="hq").set_value("42660").run()
    assert at.number_input(key="salary").value == 200_000  # typed: kept
    assert not at.exception and not at.warning


def test_tiers_out_of_order_warn_and_are_read_in_order():
    # Tier 1 from 98 below tier 2 from 108, tier 2 paid 80% below tier 3's 90%: the page says
    # so and reads them in order (tier 1 from 108, tier 2 from 98; 90% then 80%), the
    # defaults' order, so the policy comes out as the default view's.
    link = {"t1": "98", "t2": "108", "p2": "80", "p3": "90"}
    at = run_page(PAGE, link)
    assert not at.exception
    said = [w.value for w in at.warning]
    assert len(said) == 2, said
    assert said[0].startswith("Tier 1 starts at price level 98, below tier 2's 108")
    assert said[1].startswith("Tier 2 pays 80% of the HQ salary, less than tier 3's 90%")
    assert "tier thresholds (108 / 98)" in _captions(at)
    assert at.dataframe[1].value.equals(default_view(PAGE).dataframe[1].value)
    assert len(at.get("plotly_chart")) == 3
