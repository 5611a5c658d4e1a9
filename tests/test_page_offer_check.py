"""AppTest of the Offer check page, run through dashboard.py."""

from __future__ import annotations

import re

import pytest

from analysis.paths import DATA_DIR
from tests.apptest_helpers import default_view, run_page

PAGE = "app_pages/offer_check.py"
pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "wages.parquet").is_file(), reason="data/ not built yet"
)


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def index_n(at) -> int:
    label = next(m.label for m in at.metric if m.label.startswith("Salary-index"))
    return int(re.search(r"n = ([\d,]+)", label).group(1).replace(",", ""))


def test_default_view_places_the_san_francisco_median():
    at = default_view(PAGE)
    assert not at.exception and not at.warning and not at.error
    assert at.title[0].value == "Offer check"
    assert at.selectbox(key="metro").value == "41860"
    assert at.selectbox(key="occ").value == "15-2051"
    assert (at.selectbox(key="track").value, at.selectbox(key="level").value) == (
        "Data scientist",
        "Senior",
    )
    # Default base: San Francisco's Data Scientists median (BLS OEWS May 2025: $170,110),
    # rounded to $1,000 -> the 50th percentile of the metro's distribution.
    assert at.number_input(key="base").value == 170_000
    shown = metrics(at)
    assert shown["BLS percentile, San Francisco, CA"] == "50th"
    assert any("(BLS median $170,110)" in m.value for m in at.markdown)
    # The ask lies within San Francisco's published 10th-90th percentiles ($99,170-$272,430).
    low, high = (float(x) * 1e3 for x in re.findall(r"\$([\d.]+)k", shown["Base to ask for"]))
    assert 99_170 <= low < high <= 272_430
    # No bonus, equity or sign-on: the first-year chart is replaced by a hint.
    assert len(at.get("plotly_chart")) == 3
    assert any("Add a bonus, equity or sign-on" in i.value for i in at.info)
    # No NYC or principal-city switch outside those metros.
    assert not [t for t in at.toggle if t.key in ("nyc", "city")]
    text = captions(at)
    assert "single filer, standard deduction" in text and "tax year 2025" in text
    assert "no local tax included" in text
    assert "not included: Ohio municipal income tax (Cleveland" in text
    assert "state payroll taxes (e.g. CA SDI) included" in text
    assert "BLS OEWS, May 2025" in text and "exact duplicates dropped" in text
    # Take-home is the gross less the taxes listed beside it; Social Security (6.2%) and
    # Medicare (1.45%) on $170,000 of wages are $10,540 and $2,465 by statute.
    line = next(m.value for m in at.markdown if m.value.startswith("**Take-home $"))
    assert "Social Security $10,540" in line and "Medicare $2,465" in line
    amounts = [float(x.replace(",", "")) for x in re.findall(r"\$([\d,]+)", line)]
    take_home, taxes = amounts[0], amounts[3:]  # then a month's, the gross, then each tax
    assert amounts[2] == 170_000
    assert abs(take_home + sum(taxes) - 170_000) <= len(taxes)  # each rounded to $1
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 10  # the ten hubs


@pytest.mark.parametrize(
    "link",
    [
        {"metro": "New York, NY", "nyc": "false", "base": "150000", "signon": "20000",
         "level": "Mid", "track": "ML engineer", "remote": "true"},
        {"metro": "35620", "nyc": "0", "base": "150000", "signon": "20000",
         "level": "Mid", "track": "ML engineer", "remote": "1"},
    ],
    ids=["new-link", "old-link"],
)  # fmt: skip
def test_link_opens_the_offer_it_names(link):
    at = run_page(PAGE, link)
    assert not at.exception and not at.warning
    assert at.selectbox(key="metro").value == "35620"
    assert at.selectbox(key="metro").label == "Home metro (you work remotely from)"
    assert at.number_input(key="base").value == 150_000
    assert at.number_input(key="signon").value == 20_000
    assert at.toggle(key="nyc").value is False and at.toggle(key="remote").value is True
    assert (at.selectbox(key="level").value, at.selectbox(key="track").value) == (
        "Mid",
        "ML engineer",
    )
    assert "BLS percentile, New York, NY" in metrics(at)
    text = captions(at)
    # Not a NYC resident: no local tax in the waterfall or its caption.
    assert "no local tax included" in text and "NYC income tax" not in text
    assert not any("NYC income tax $" in m.value for m in at.markdown)
    assert "first year $170,000 includes the sign-on bonus; annualized $150,000" in text
    assert len(at.get("plotly_chart")) == 4  # a sign-on bonus: first year vs every year


def test_nyc_resident_tax_is_said():
    at = run_page(PAGE, {"metro": "New York, NY"})
    assert not at.exception and not at.warning
    assert at.toggle(key="nyc").value is True
    assert "local tax included: NYC income tax" in captions(at)
    assert any("NYC income tax $" in m.value for m in at.markdown)


@pytest.mark.parametrize(
    ("metro", "tax"),
    [
        ("Indianapolis, IN", "Marion County income tax"),
        ("Kansas City, MO", "Kansas City earnings tax"),
        ("Denver, CO", "Denver occupational privilege tax"),
    ],
)
def test_principal_city_tax_is_said(metro, tax):
    at = run_page(PAGE, {"metro": metro})
    assert not at.exception and not at.warning
    assert at.toggle(key="city").value is True
    assert f"local tax included: {tax}" in captions(at)
    assert any(f"{tax} $" in m.value for m in at.markdown)


def test_city_tax_off_and_kept_duplicates():
    at = run_page(PAGE, {"metro": "Denver, CO", "city": "false", "dups": "true"})
    assert not at.exception and not at.warning
    tax = "Denver occupational privilege tax"
    after_tax = next(c.value for c in at.caption if "single filer" in c.value)
    assert "no local tax included" in after_tax and tax not in after_tax
    assert not any(f"{tax} $" in m.value for m in at.markdown)
    # Keeping exact repeats adds records to the salary-index comparison (same level/track).
    assert index_n(at) > index_n(default_view(PAGE))
    assert "exact duplicates kept" in captions(at)


def test_junk_link_values_warn_and_fall_back():
    at = run_page(PAGE, {"base": "abc", "metro": "99999", "level": "<b>", "remote": "maybe"})
    assert not at.exception
    assert len(at.warning) == 4
    assert at.selectbox(key="metro").value == "41860"
    assert at.number_input(key="base").value == 170_000
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
