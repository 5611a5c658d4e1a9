"""analysis.comparison: the Offer check's headline numbers, worked by hand.

A tiny world: two metros (San Francisco, price level 120; Austin, 100), a flat 20% tax in
California and 10% in Texas, so every figure below can be checked with a pencil:

- real take-home = gross x (1 - tax) x reference price level / the offer's price level;
- the base another offer needs to match = the base whose real take-home equals it;
- the ask = the next landmark of the level's range above the base, raised to that match.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from analysis import comparison
from analysis.comparison import OfferSpec
from analysis.compensation import OfferTerms
from tests.tables import real, tiny

SF, AUSTIN = "41860", "12420"
YEAR = 2024
JANUARY = dt.date(2027, 1, 1)  # four whole calendar years, 2027-2030


def _schedule(state: str, rate: float, federal: float = 0.0) -> pd.DataFrame:
    """A flat `rate` state income tax and a flat `federal` rate, no other tax, $20,000 to
    $3,000,000."""
    gross = np.arange(20_000.0, 3_000_001.0, 1_000.0)
    zero = np.zeros_like(gross)
    return pd.DataFrame(
        {
            "tax_year": 2025,
            "jurisdiction": state,
            "gross": gross,
            "federal_income_tax": gross * federal,
            "social_security": zero,
            "medicare": zero,
            "state_income_tax": gross * rate,
            "state_payroll_tax": zero,
            "local_income_tax": zero,
            "take_home": gross * (1 - rate - federal),
        }
    )


def world(federal: float = 0.0):
    metros = pd.DataFrame(
        {"cbsa": [SF, AUSTIN], "principal_state": ["CA", "TX"], "kind": ["metro", "metro"]}
    )
    parities = pd.DataFrame(
        {
            "geo_level": "metro",
            "geo_code": [SF, AUSTIN],
            "year": YEAR,
            "all_items": [120.0, 100.0],
            "goods": 100.0,
            "housing": 100.0,
            "utilities": 100.0,
            "other_services": 100.0,
        }
    )
    schedule = pd.concat([_schedule("CA", 0.20), _schedule("TX", 0.10, federal)], ignore_index=True)
    columns = ["salary_usd", "company_country", "year", "level", "track", "employment_type"]
    no_records = pd.DataFrame(columns=[*columns, "is_duplicate"])
    return tiny(metros=metros, price_parities=parities, take_home=schedule, salaries=no_records)


def offer(label: str, cbsa: str, base: float, **terms: object) -> OfferSpec:
    return OfferSpec(
        label=label,
        cbsa=cbsa,
        occupation="15-2051",
        track="ML engineer",
        level="Senior",
        terms=OfferTerms(base=base, **terms),
        lives_in_city=False,
        works_in_city=False,
    )


def test_real_take_home_is_after_tax_pay_in_the_reference_prices():
    data = world()
    sf = comparison.yearly_take_home(data, offer("SF", SF, 120_000.0), "US", start=JANUARY)
    # $120,000 - 20% = $96,000 in San Francisco, whose prices are 1.2 times the US average:
    # $96,000 x 100 / 120 = $80,000 of US-average buying power, every year.
    assert list(sf["take_home"]) == [96_000.0] * 4
    assert sf["real_take_home"].to_numpy() == pytest.approx([80_000.0] * 4)
    in_austin = comparison.yearly_take_home(data, offer("SF", SF, 120_000.0), AUSTIN, start=JANUARY)
    assert in_austin["real_take_home"].to_numpy() == pytest.approx([80_000.0] * 4)
    austin = comparison.yearly_take_home(data, offer("ATX", AUSTIN, 100_000.0), SF, start=JANUARY)
    # $90,000 in Austin buys what $108,000 buys in San Francisco.
    assert austin["real_take_home"].to_numpy() == pytest.approx([108_000.0] * 4)


def test_the_base_to_match_includes_both_taxes_and_prices():
    data = world()
    # Austin at $100,000: $90,000 after tax, worth $90,000 at US prices. San Francisco needs
    # x with x x 0.8 x 100 / 120 = 90,000: x = $135,000 (without prices it would be $112,500).
    path = comparison.yearly_take_home(data, offer("ATX", AUSTIN, 100_000.0), start=JANUARY)
    target = comparison.average_real(path)
    assert target == pytest.approx(90_000.0)
    sf = offer("SF", SF, 120_000.0)
    assert comparison.base_to_match(data, sf, target, start=JANUARY) == 135_000.0


def test_an_offer_short_of_another_asks_for_the_base_that_matches_it():
    data = world()
    result = comparison.compare_offers(
        data, [offer("SF", SF, 120_000.0), offer("ATX", AUSTIN, 100_000.0)], start=JANUARY
    )
    sf, atx = result.offers
    assert (sf.average_real, atx.average_real) == pytest.approx((80_000.0, 90_000.0))
    assert sf.match == {"ATX": 135_000.0}
    # Austin matches San Francisco's $80,000 with x x 0.9 = 80,000: $88,889.
    assert atx.match == {"SF": 88_889.0}
    # No level pay in this world (no salary records): the ask is the match, for the offer
    # that falls short only.
    assert (sf.ask, sf.ask_reason) == (135_000.0, "match")
    assert np.isnan(atx.ask) and atx.ask_reason == "above"


def test_the_ask_is_the_next_landmark_of_the_range_above_the_base():
    level = SimpleNamespace(wages=(150_000.0, 170_000.0, 200_000.0))  # 25th, median, 75th
    assert comparison._ask(160_000.0, level, float("nan")) == (170_000.0, "mid")
    assert comparison._ask(180_000.0, level, float("nan")) == (200_000.0, "high")
    assert comparison._ask(210_000.0, level, float("nan"))[1] == "above"
    # Matching a better offer takes more than the median: ask for the match.
    assert comparison._ask(160_000.0, level, 185_000.0) == (185_000.0, "match")
    # A match below the next landmark does not lower the ask.
    assert comparison._ask(160_000.0, level, 165_000.0) == (170_000.0, "mid")


def test_default_base_is_the_metro_median_rounded_to_a_thousand():
    # BLS OEWS May 2025, Data Scientists: San Jose median $185,080; Bangor, ME publishes none,
    # so the US median $120,230.
    assert comparison.default_base(real(), "41940", "15-2051") == 185_000.0
    assert comparison.default_base(real(), "12620", "15-2051") == 120_000.0
