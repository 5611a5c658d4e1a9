"""AppTest of the Offer check page (up to four offers), run through dashboard.py."""

from __future__ import annotations

import json
import re

import pytest

from analysis.paths import DATA_DIR
from tests.apptest_helpers import default_view, run_page

PAGE = "app_pages/offer_check.py"
pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "wages.parquet").is_file(), reason="data/ not built yet"
)
# 2026 payroll taxes by statute: Social Security 6.2% up to $184,500 of wages, Medicare 1.45%.
SOCIAL_SECURITY, MEDICARE = 0.062, 0.0145


def keys(at) -> set[str]:
    return {w.key for w in (*at.selectbox, *at.number_input, *at.toggle) if w.key}


def test_default_view_compares_two_offers_at_published_medians():
    at = default_view(PAGE)
    assert not at.exception and not at.warning and not at.error
    assert at.title[0].value == "Offer check"
    assert (at.selectbox(key="a_metro").value, at.selectbox(key="b_metro").value) == (
        "41860",
        "12420",
    )
    # Default bases: each metro's Data Scientists median (BLS OEWS May 2025), to $1,000:
    # San Francisco $170,110, Austin $127,360.
    assert at.number_input(key="a_base").value == 170_000
    assert at.number_input(key="b_base").value == 127_000
    assert "c_metro" not in keys(at)
    assert len(at.get("plotly_chart")) == 3
    verdicts = " ".join(m.value for m in at.markdown)
    # The ranges end at what BLS publishes: San Francisco's and Austin's 90th percentiles.
    assert "above $272,430, the published 90th percentile" in verdicts
    assert "above $186,010, the published 90th percentile" in verdicts
    assert [m.label for m in at.metric] == [
        "Offer A: take-home, US-average prices",
        "Offer B: take-home, US-average prices",
    ]
    years = at.dataframe[0].value
    assert list(years["year"]) == [1, 2, 3, 4] * 2
    assert list(years["tax_year"]) == [2026] * 8  # offers start in 2026
    # Payroll taxes at the statutory rates (within a cent: the schedule stores cents and the
    # page interpolates between its points); take-home is what is left after every tax.
    assert ((years["social_security"] - years["total"] * SOCIAL_SECURITY).abs() < 0.01).all()
    assert ((years["medicare"] - years["total"] * MEDICARE).abs() < 0.01).all()
    taxes = years.filter(like="_tax").sum(axis=1) + years["social_security"] + years["medicare"]
    assert ((years["total"] - taxes - years["take_home"]).abs() < 0.02).all()
    captions = " ".join(c.value for c in at.caption)
    assert "BLS OEWS, May 2025" in captions and "tax years 2025–2026" in captions
    assert "no local tax included" in captions  # neither San Francisco nor Austin has one
    share = at.code[0].value
    assert share.startswith("?") and "a_base=170000" in share and "b_base=127000" in share


def test_old_single_offer_link_opens_as_offer_a():
    link = {"metro": "35620", "base": "150000", "level": "Mid", "track": "ML engineer",
            "remote": "1", "nyc": "0", "signon": "20000"}  # fmt: skip
    at = run_page(PAGE, link)
    assert not at.exception and not at.warning
    assert at.selectbox(key="a_metro").value == "35620"
    assert at.number_input(key="a_base").value == 150_000
    assert at.number_input(key="a_signon").value == 20_000
    assert at.selectbox(key="a_level").value == "Mid"
    assert at.toggle(key="a_remote").value is True and at.toggle(key="a_lives").value is False
    assert "b_metro" not in keys(at)  # an old link held one offer
    years = at.dataframe[0].value
    # The sign-on is paid in year 1 only; not a NYC resident: no NYC income tax.
    assert list(years["total"]) == [170_000, 150_000, 150_000, 150_000]
    assert (years["local_income_tax"] == 0).all() and set(years["jurisdiction"]) == {"NY"}


def test_local_taxes_follow_where_you_live():
    at = run_page(PAGE, {"a_metro": "35620", "b_metro": "26900"})
    assert not at.exception and not at.warning
    years = at.dataframe[0].value.set_index(["offer", "year"])
    assert years.loc[("Offer A", 1), "local_income_tax"] > 0  # NYC income tax (residents)
    assert years.loc[("Offer B", 1), "local_income_tax"] > 0  # Marion County income tax
    captions = " ".join(c.value for c in at.caption)
    assert "local tax included: NYC income tax, Marion County income tax" in captions


def test_share_link_and_reference_prices():
    at = run_page(PAGE, {"ref": "35620", "a_base": "180000"})
    assert not at.exception and not at.warning
    assert at.selectbox(key="ref").value == "35620"
    assert at.metric[0].label == "Offer A: take-home, New York, NY prices"
    assert at.number_input(key="a_base").value == 180_000
    share = dict(re.findall(r"([a-z_]+)=([^&]+)", at.code[0].value))
    assert share["ref"] == "35620" and share["a_base"] == "180000"


def test_junk_link_values_warn_and_fall_back():
    link = {"a_base": "abc", "a_metro": "99999", "a_level": "<b>", "ref": "zzz"}
    at = run_page(PAGE, link)
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 4
    assert not any(bad in w for w in warnings for bad in ("abc", "99999", "<b>", "zzz"))
    assert at.selectbox(key="a_metro").value == "41860"
    assert at.number_input(key="a_base").value == 170_000
    assert at.selectbox(key="ref").value == "US"
    assert len(at.get("plotly_chart")) == 3


def test_the_path_caption_names_what_the_tax_schedule_leaves_out_from_its_record():
    at = default_view(PAGE)
    manifest = json.loads((DATA_DIR / "manifest.json").read_text(encoding="utf-8"))
    left_out = [item["tax"] for item in manifest["carried"]["take_home"]["not_included"]]
    captions = " ".join(c.value for c in at.caption)
    note = f"not included: {left_out[0]}; {left_out[1]} and {len(left_out) - 2} more"
    assert note in captions, captions[-400:]


def test_job_and_home_states_for_a_metro_that_spans_states():
    # New York, NY-NJ: the pickers appear only there; a link with a New Jersey home and a New
    # York job is taxed by both states (the larger state tax, no NYC tax); Austin has none.
    at = run_page(PAGE, {"a_metro": "35620", "a_home_state": "NJ", "b_metro": "12420"})
    assert not at.exception and not at.warning
    assert at.selectbox(key="a_work_state").value == "NY"
    assert at.selectbox(key="a_home_state").value == "NJ"
    assert "b_work_state" not in keys(at)
    years = at.dataframe[0].value.set_index(["offer", "year"])
    assert years.loc[("Offer A", 1), "jurisdiction"] == "NJ|NY"
    assert years.loc[("Offer A", 1), "local_income_tax"] == 0
    captions = " ".join(c.value for c in at.caption)
    assert "lives in NJ, works in NY" in captions
    # Moving the job to New Jersey: New Jersey's taxes alone, and the link says so.
    at.selectbox(key="a_work_state").set_value("NJ").run()
    years = at.dataframe[0].value.set_index(["offer", "year"])
    assert years.loc[("Offer A", 1), "jurisdiction"] == "NJ"
    share = dict(re.findall(r"([a-z_]+)=([^&]+)", at.code[0].value))
    assert share["a_work_state"] == "NJ" and "a_home_state" not in share
