"""page_specs.py lists exactly the pages routed in dashboard.py, at Streamlit's url paths."""

from __future__ import annotations

from tests.apptest_helpers import dashboard_pages
from tests.e2e.page_specs import PAGE_SPECS


def test_one_spec_per_dashboard_page():
    routed = {p.file: p.url_path for p in dashboard_pages()}
    specs = {s.file: s.url_path for s in PAGE_SPECS}
    assert len(specs) == len(PAGE_SPECS), "a page has two specs"
    assert specs.keys() == routed.keys(), (
        f"missing specs: {sorted(routed.keys() - specs.keys())}; "
        f"specs for unrouted pages: {sorted(specs.keys() - routed.keys())}"
    )
    assert specs == routed, "url_path differs from dashboard.py's"


def test_specs_are_well_formed():
    for spec in PAGE_SPECS:
        assert spec.title.strip(), spec.file
        assert spec.min_charts >= 0, spec.file
        if spec.filter is not None:
            assert spec.filter.param and spec.filter.label and spec.filter.value, spec.file
