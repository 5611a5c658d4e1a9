"""Carrying a salary between places after tax: properties on the real schedule and prices."""

from __future__ import annotations

import math

import pytest

from analysis import living, take_home
from tests.tables import real


def test_gross_for_take_home_inverts_the_schedule():
    data = real()
    for juris, gross in (("TX", 150_000.0), ("CA", 420_000.0), ("NYC", 95_000.0)):
        kept = take_home.schedule_taxes(data, [gross], juris)["take_home"].iloc[0]
        assert take_home.gross_for_take_home(data, kept, juris) == pytest.approx(gross, abs=1)


def test_the_same_place_needs_the_same_salary():
    eq = living.equivalent_after_tax(real(), 180_000, "41860", "41860")
    assert eq.same_after_tax == pytest.approx(180_000, abs=1)
    assert eq.tax_effect == pytest.approx(eq.same_after_tax - 180_000, abs=1e-6)


def test_leaving_california_for_texas_needs_less_than_prices_alone_say():
    # Texas has no state income tax: the same take-home purchasing power needs a lower gross
    # than the price-level translation, and the reverse move needs more.
    data = real()
    out = living.equivalent_after_tax(data, 200_000, "41860", "12420")
    back = living.equivalent_after_tax(data, 200_000, "12420", "41860")
    assert out.jurisdiction_from == "CA" and out.jurisdiction_to == "TX"
    assert out.tax_effect < 0 < back.tax_effect
    # Round trip: carrying the answer back gives the starting salary.
    again = living.equivalent_after_tax(data, out.same_after_tax, "12420", "41860")
    assert again.same_after_tax == pytest.approx(200_000, rel=1e-4)


def test_new_york_city_residents_pay_city_tax_in_the_comparison():
    eq = living.equivalent_after_tax(real(), 150_000, "35620", "35620")
    assert eq.jurisdiction_from == "NYC"


def test_a_place_without_a_schedule_is_a_message():
    data = real()
    puerto_rico = data.metros.loc[data.metros["principal_state"] == "PR", "cbsa"]
    if puerto_rico.empty:
        pytest.skip("no Puerto Rico metro in the metros table")
    with pytest.raises(ValueError, match=r"no .*price level|no tax schedule"):
        living.equivalent_after_tax(data, 150_000, str(puerto_rico.iloc[0]), "12420")


def test_beyond_the_schedule_is_nan_not_a_guess():
    data = real()
    top = float(data.take_home["take_home"].max())
    assert math.isnan(take_home.gross_for_take_home(data, top * 10, "TX"))
