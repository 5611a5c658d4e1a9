"""A page computes its filter's other views ahead (ui.cache.ahead), and a visitor who then
picks one finds those statistics computed and charts built: the first filter change computes
and builds none of them.

Each case: a page, its URL-bound filter and another value, and the statistics and figure
builders (named here, by hand, from what the page shows) that must not run after the change."""

from __future__ import annotations

import threading

import pytest
import streamlit as st

from tests.apptest_helpers import run_page
from ui import cache

CASES = {
    "app_pages/hubs.py": (
        "occ",
        "15-1252",
        {"compare_hubs", "all_metros_for_map", "rank_intervals", "equal_power_line"}
        | {"ranges_chart", "metro_map_chart", "pay_vs_prices_chart"},
    ),
    "app_pages/levels.py": (
        "country",
        "ALL",
        {"progression", "pay_by_company_size", "experience_curve"}
        | {"progression_chart", "company_size_chart", "experience_chart"},
    ),
    "app_pages/trends.py": (
        "level",
        "Senior",
        {"adjusted_trend", "composition", "select_series", "trend_chart"},
    ),
    "app_pages/specializations.py": (
        "base",
        "NLP",
        {"raw_premiums", "adjusted_premiums", "premium_comparison", "premium_chart"},
    ),
    "app_pages/industries.py": (
        "occ",
        "15-1252",
        {"national_total", "industry_groups", "group_pay_chart"},
    ),
    "app_pages/cost_of_living.py": (
        "to",
        "26900",
        {"equivalent_salary", "equivalent_after_tax", "price_components", "price_history"}
        | {"rent_burden", "equivalence_chart", "components_chart", "history_chart"}
        | {"rent_burden_chart"},
    ),
    "app_pages/remote.py": (
        "hq",
        "35620",
        {"hq_median", "geo_policy", "policy_table", "policy_chart"},
    ),
    "app_pages/offer_check.py": ("ref", "35620", {"compare_offers", "range_chart", "path_chart"}),
    "app_pages/pay_bands.py": (
        "region",
        "West",
        {"level_bands", "regional_ladder", "labelled_bands", "talent_pools", "region_metros"}
        | {"level_bands_chart", "band_ranges_chart", "talent_map_chart"},
    ),
}


@pytest.fixture
def computed(monkeypatch):
    """Names of the functions and figure builders the page's own runs really call (cache
    misses; not the background thread, which starts on the next views' work once the page
    has run)."""
    names: dict[str, str] = {}
    misses: list[str] = []
    digest, call, figure = cache._digest, cache._call, cache._figure

    def named_digest(key: tuple) -> str:
        text = digest(key)
        names[text] = key[0].rsplit(":", 1)[-1].rsplit(".", 1)[-1]
        return text

    def counted_call(text: str, _run):
        def counted():
            if threading.current_thread().name != cache._AHEAD_THREAD:
                misses.append(names.get(text, "?"))
            return _run()

        return call(text, counted)

    def counted_figure(text: str, _build):
        def counted():
            if threading.current_thread().name != cache._AHEAD_THREAD:
                misses.append(names.get(text, "?"))
            return _build()

        return figure(text, counted)

    monkeypatch.setattr(cache, "_digest", named_digest)
    monkeypatch.setattr(cache, "_call", counted_call)
    monkeypatch.setattr(cache, "_figure", counted_figure)
    return misses


def first_view(page: str, monkeypatch, *, ahead: bool):
    """The page's default view from empty caches, with compute-ahead on or off."""
    monkeypatch.setenv(cache.AHEAD_ENV, "1" if ahead else "0")
    st.cache_data.clear()
    st.cache_resource.clear()
    cache.reset_ahead()
    return run_page(page, timeout=300)


@pytest.mark.parametrize("page", list(CASES), ids=lambda p: p.split("/")[-1])
def test_a_filter_change_finds_its_statistics_computed_ahead(page, computed, monkeypatch):
    key, value, statistics = CASES[page]
    at = first_view(page, monkeypatch, ahead=True)
    assert not at.exception
    assert cache.idle(timeout=300)
    computed.clear()
    at.selectbox(key=key).set_value(value).run()
    assert cache.idle(timeout=300)
    assert not at.exception
    assert at.selectbox(key=key).value == value
    assert not statistics & set(computed), sorted(set(computed))


@pytest.mark.parametrize("page", list(CASES), ids=lambda p: p.split("/")[-1])
def test_without_compute_ahead_the_same_change_computes_them(page, computed, monkeypatch):
    """The check above can fail: with nothing computed ahead, the change computes them."""
    key, value, statistics = CASES[page]
    at = first_view(page, monkeypatch, ahead=False)
    computed.clear()
    at.selectbox(key=key).set_value(value).run()
    assert statistics & set(computed)
