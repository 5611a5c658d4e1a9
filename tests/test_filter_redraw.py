"""A changed filter redraws every figure of the page with the new input's numbers.

For every page with a URL-bound filter (tests/e2e/page_specs.py): the default view, then the
filter changed in the page (the cache now holds the default view's results), against the same
view opened fresh from its link with empty caches. Every chart must be identical between the
two (nothing served from the old input's cache) and at least one must differ from the default
view (the filter reached the charts)."""

from __future__ import annotations

import pytest
import streamlit as st

from tests.apptest_helpers import chart_specs, exception_summary, pick, run_page
from tests.e2e.page_specs import PAGE_SPECS

FILTERED = [s for s in PAGE_SPECS if s.filter is not None]


@pytest.mark.parametrize("spec", FILTERED, ids=lambda s: s.name)
def test_a_filter_change_redraws_every_chart_as_its_own_link_does(spec):
    flt = spec.filter
    at = run_page(spec.file)
    assert not at.exception, exception_summary(at)
    before = chart_specs(at)
    pick(at, flt.param, flt.text)
    assert not at.exception, exception_summary(at)
    changed = chart_specs(at)

    st.cache_data.clear()
    st.cache_resource.clear()
    fresh = run_page(spec.file, query_params={flt.param: flt.value})
    assert not fresh.exception, exception_summary(fresh)
    linked = chart_specs(fresh)

    assert len(changed) == len(linked) >= 1
    stale = [i for i, (a, b) in enumerate(zip(changed, linked, strict=True)) if a != b]
    assert not stale, f"charts {stale} after the change differ from the link's (a stale cache?)"
    assert changed != before, "no chart changed with the filter"
