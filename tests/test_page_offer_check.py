"""AppTest of the Offer check page, run through dashboard.py."""

from __future__ import annotations

import pytest

from analysis.paths import DATA_DIR
from tests.apptest_helpers import run_page

PAGE = "app_pages/offer_check.py"
pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "wages.parquet").is_file(), reason="data/ not built yet"
)


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_default_view_places_the_san_francisco_median():
    at = run_page(PAGE)
    assert not at.exception and not at.warning
    assert at.title[0].value == "Offer check"
    # Default base: San Francisco's Data Scientists median (BLS OEWS May 2025: $170,110),
    # rounded to $1,000 -> the 50th percentile of the metro's distribution.
    assert at.number_input(key="offer_check_base").value == 170_000
    shown = metrics(at)
    assert shown["BLS percentile, San Francisco, CA"] == "50th"
    assert any(label.startswith("Salary-index percentile (n = ") for label in shown)
    assert "–" in shown["Base to ask for"]
    assert any("$170,110" in m.value for m in at.markdown)
    # No bonus, equity or sign-on: the first-year chart is replaced by a hint.
    assert len(at.get("plotly_chart")) == 3
    assert any("Add a bonus, equity or sign-on" in i.value for i in at.info)
    captions = " ".join(c.value for c in at.caption)
    assert "single filer, standard deduction" in captions and "tax year 2025" in captions
    assert "no local tax included" in captions
    assert "not included: Ohio municipal income tax (Cleveland" in captions
    assert "state payroll taxes (e.g. CA SDI) included" in captions
    assert "BLS OEWS, May 2025" in captions and "exact duplicates dropped" in captions
    assert any(m.value.startswith("**Take-home $") for m in at.markdown)
    assert len(at.dataframe) == 1  # the hub table; the after-tax table is gone (chart + line)
    # The ask lies within San Francisco's BLS 10th-90th percentiles ($99,170 - $272,430).
    low, high = (float(x.strip(" $k")) * 1e3 for x in shown["Base to ask for"].split("–"))
    assert 99_170 <= low < high <= 272_430


def test_url_round_trip():
    params = {"metro": "35620", "nyc": "0", "base": "150000", "signon": "20000",
              "level": "Mid", "track": "ML engineer", "remote": "1"}  # fmt: skip
    at = run_page(PAGE, params)
    assert not at.exception and not at.warning
    assert at.selectbox(key="offer_check_metro").value == "35620"
    assert at.number_input(key="offer_check_base").value == 150_000
    assert at.toggle(key="offer_check_nyc").value is False
    for key, value in params.items():
        assert at.query_params[key] == value
    assert not any("local tax included: NYC" in c.value for c in at.caption)
    assert any("$170,000" in c.value and "$150,000" in c.value for c in at.caption)
    assert len(at.get("plotly_chart")) == 4  # a sign-on bonus: first year vs every year
    assert any("NYC income tax not included (not a NYC resident)" in c.value for c in at.caption)


def test_nyc_resident_tax_is_said():
    at = run_page(PAGE, {"metro": "35620"})
    assert not at.exception
    assert any("local tax included: NYC income tax" in c.value for c in at.caption)
    assert any("NYC income tax $" in m.value for m in at.markdown)


@pytest.mark.parametrize(
    ("metro", "tax"),
    [
        ("26900", "Marion County income tax"),
        ("28140", "Kansas City earnings tax"),
        ("19740", "Denver occupational privilege tax"),
    ],
)
def test_principal_city_tax_is_said_and_can_be_switched_off(metro, tax):
    at = run_page(PAGE, {"metro": metro})
    assert not at.exception
    assert at.toggle(key="offer_check_city").value is True
    assert any(f"local tax included: {tax}" in c.value for c in at.caption)
    assert any(f"{tax} $" in m.value for m in at.markdown)
    off = run_page(PAGE, {"metro": metro, "city": "0"})
    assert not off.exception
    assert any(f"{tax} not included (" in c.value for c in off.caption)
    assert not any(f"{tax} $" in m.value for m in off.markdown)


def test_keep_duplicates_toggle_changes_n():
    dropped = run_page(PAGE)
    kept = run_page(PAGE, {"dups": "1"})
    n = [
        next(m.label for m in a.metric if m.label.startswith("Salary-index"))
        for a in (dropped, kept)
    ]
    assert n[0] != n[1]
    assert any("exact duplicates kept" in c.value for c in kept.caption)


def test_nyc_toggle_only_for_new_york():
    at = run_page(PAGE, {"metro": "12420"})
    assert not at.exception
    assert not [t for t in at.toggle if t.key in ("offer_check_nyc", "offer_check_city")]


def test_junk_url_values_warn_and_fall_back():
    at = run_page(PAGE, {"base": "abc", "metro": "99999", "level": "<b>", "remote": "maybe"})
    assert not at.exception
    assert len(at.warning) == 4
    assert at.selectbox(key="offer_check_metro").value == "41860"
    assert len(at.get("plotly_chart")) == 3


def test_absurd_offer_gives_a_clear_message():
    at = run_page(PAGE, {"base": "1e9"})
    assert not at.exception
    assert any("absurd" in w.value for w in at.warning)
    assert len(at.get("plotly_chart")) == 0


def test_component_over_ten_times_base_is_explained():
    at = run_page(PAGE, {"base": "100000", "equity": "5000000"})
    assert not at.exception
    assert any("more than 10 times" in w.value for w in at.warning)
