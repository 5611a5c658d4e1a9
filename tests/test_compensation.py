"""An offer's yearly pay: vesting schedules, cliffs, refreshers, sign-on, relocation.

Every expected figure is worked out by hand from the terms in the test.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pytest

from analysis.compensation import (
    OfferTerms,
    calendar_gross,
    check_terms,
    vest_by_month,
    vested_after,
    walk_away,
    yearly_gross,
)


def test_even_vesting_gives_a_quarter_each_year():
    gross = yearly_gross(OfferTerms(base=150_000, equity=200_000, schedule="even", cliff=False))
    assert gross["Equity"].tolist() == pytest.approx([50_000, 50_000, 50_000, 50_000])
    assert gross["total"].tolist() == pytest.approx([200_000] * 4)


def test_back_loaded_vesting_is_5_15_40_40():
    gross = yearly_gross(OfferTerms(base=150_000, equity=400_000, schedule="back"))
    assert gross["Equity"].tolist() == pytest.approx([20_000, 60_000, 160_000, 160_000])


def test_front_loaded_vesting_is_33_33_22_12():
    gross = yearly_gross(OfferTerms(base=150_000, equity=100_000, schedule="front"))
    assert gross["Equity"].tolist() == pytest.approx([33_000, 33_000, 22_000, 12_000])


def test_custom_schedule_and_its_checks():
    terms = OfferTerms(base=150_000, equity=100_000, schedule="custom", custom=(10, 20, 30, 40))
    assert yearly_gross(terms)["Equity"].tolist() == pytest.approx([10_000, 20_000, 30_000, 40_000])
    with pytest.raises(ValueError, match="add up to 90%"):
        yearly_gross(OfferTerms(base=150_000, equity=1, schedule="custom", custom=(10, 20, 30, 30)))
    with pytest.raises(ValueError, match="four yearly"):
        yearly_gross(OfferTerms(base=150_000, equity=1, schedule="custom", custom=(50, 50)))


def test_a_cliff_moves_year_one_to_month_twelve_without_changing_the_year():
    grant, shares = 120_000.0, (25, 25, 25, 25)
    with_cliff = vest_by_month(grant, shares, cliff=True)
    without = vest_by_month(grant, shares, cliff=False)
    assert with_cliff[:11].sum() == 0 and with_cliff[11] == 30_000
    assert without[:11].sum() == pytest.approx(27_500)  # 11 months of 2,500
    assert with_cliff.reshape(4, 12).sum(1) == pytest.approx(without.reshape(4, 12).sum(1))
    terms = OfferTerms(base=150_000, equity=grant, cliff=True)
    assert vested_after(terms, 11) == 0
    assert vested_after(terms, 12) == pytest.approx(30_000)
    assert vested_after(OfferTerms(base=150_000, equity=grant, cliff=False), 6) == 15_000


def test_refreshers_vest_evenly_over_four_years_after_each_grant():
    # A $40,000 refresher at the end of years 1, 2 and 3: $10,000 a year each, from the
    # year after the grant.
    terms = OfferTerms(base=150_000, refresher=40_000)
    assert yearly_gross(terms)["Refreshers"].tolist() == pytest.approx([0, 10_000, 20_000, 30_000])


def test_sign_on_and_relocation_count_in_year_one_only():
    gross = yearly_gross(OfferTerms(base=150_000, sign_on=25_000, relocation=10_000))
    assert gross["Sign-on"].tolist() == [25_000, 0, 0, 0]
    assert gross["Relocation"].tolist() == [10_000, 0, 0, 0]
    assert gross["total"].tolist() == [185_000, 150_000, 150_000, 150_000]


def test_bonus_as_percent_or_dollars():
    assert OfferTerms(base=200_000, bonus=15, bonus_percent=True).bonus_usd == 30_000
    assert OfferTerms(base=200_000, bonus=15_000).bonus_usd == 15_000
    gross = yearly_gross(OfferTerms(base=200_000, bonus=10, bonus_percent=True))
    assert gross["Bonus"].tolist() == [20_000] * 4


def test_a_two_million_dollar_offer_is_accepted():
    terms = OfferTerms(base=900_000, equity=4_400_000, bonus=50, bonus_percent=True)
    assert yearly_gross(terms)["total"].iloc[0] == pytest.approx(900_000 + 450_000 + 1_100_000)


@pytest.mark.parametrize(
    ("terms", "message"),
    [
        (OfferTerms(base=8_000), "monthly or hourly"),
        (OfferTerms(base=6_000_000), "extra zeros"),
        (OfferTerms(base=float("nan")), "number of US dollars"),
        (OfferTerms(base=150_000, sign_on=-5), "cannot be negative"),
        (OfferTerms(base=150_000, bonus=500, bonus_percent=True), "percent of base"),
        (OfferTerms(base=100_000, relocation=3_000_000), "more than 20 times"),
        (OfferTerms(base=150_000, schedule="weekly"), "Unknown vesting schedule"),
    ],
)
def test_implausible_terms_get_a_message_not_a_number(terms, message):
    with pytest.raises(ValueError, match=message):
        check_terms(terms)


def test_years_beyond_four_keep_only_refreshers_vesting():
    gross = yearly_gross(OfferTerms(base=1e5, equity=4e5, refresher=4e4, cliff=False), years=6)
    assert gross["Equity"].tolist() == pytest.approx([1e5, 1e5, 1e5, 1e5, 0, 0])
    assert np.allclose(gross["Refreshers"], [0, 1e4, 2e4, 3e4, 4e4, 4e4])


# --- the monthly ledger: vesting frequency, calendar years, leaving early, the 401(k) match ----


def test_quarterly_and_yearly_vesting_pay_each_years_share_in_steps():
    grant, even = 120_000.0, (25, 25, 25, 25)  # $30,000 a year
    quarterly = vest_by_month(grant, even, cliff=False, frequency="quarterly")
    assert quarterly[:12].tolist() == pytest.approx([0, 0, 7_500] * 4)
    yearly = vest_by_month(grant, even, cliff=False, frequency="yearly")
    assert yearly[:24].tolist() == pytest.approx([0] * 11 + [30_000] + [0] * 11 + [30_000])
    cliffed = vest_by_month(grant, even, cliff=True, frequency="quarterly")
    assert cliffed[:15].tolist() == pytest.approx([0] * 11 + [30_000, 0, 0, 7_500])


def test_calendar_years_follow_the_start_date():
    # $120,000 base from July 2026: 6 months in 2026 and in 2030, 12 in between; the $12,000
    # bonus is paid at each anniversary (June 2027, ..., June 2030).
    terms = OfferTerms(base=120_000, bonus=12_000, sign_on=20_000)
    years = calendar_gross(terms, dt.date(2026, 7, 15))
    assert years["year"].tolist() == [2026, 2027, 2028, 2029, 2030]
    assert years["months"].tolist() == [6, 12, 12, 12, 6]
    assert years["Base"].tolist() == pytest.approx([60_000, 120_000, 120_000, 120_000, 60_000])
    assert years["Bonus"].tolist() == pytest.approx([0, 12_000, 12_000, 12_000, 12_000])
    assert years["Sign-on"].tolist() == pytest.approx([20_000, 0, 0, 0, 0])
    assert years["total"].sum() == pytest.approx(4 * 120_000 + 4 * 12_000 + 20_000)


def test_leaving_early_keeps_what_was_paid_and_repays_the_sign_on():
    terms = OfferTerms(
        base=120_000, sign_on=24_000, equity=120_000, cliff=True, frequency="quarterly"
    )
    six = walk_away(terms, 6)  # $60,000 of base and the sign-on, all of it repaid
    assert (six["paid"], six["repaid"], six["kept"]) == pytest.approx((84_000, 24_000, 60_000))
    assert six["forfeited"] == pytest.approx(120_000)  # nothing vested before the cliff
    # Pro rata after 3 months: 9 of 12 months not worked, $18,000 of the sign-on repaid.
    pro_rata = walk_away(replace(terms, clawback="pro rata"), 3)
    assert (pro_rata["repaid"], pro_rata["kept"]) == pytest.approx((18_000, 30_000 + 6_000))
    # Month 18: $180,000 of base, the sign-on kept, $30,000 at the cliff + $7,500 at months
    # 15 and 18; $75,000 of the grant still unvested.
    later = walk_away(terms, 18)
    assert (later["repaid"], later["kept"]) == pytest.approx((0, 180_000 + 24_000 + 45_000))
    assert later["forfeited"] == pytest.approx(75_000)
    no_cliff = walk_away(replace(terms, cliff=False), 6)
    assert no_cliff["kept"] == pytest.approx(60_000 + 15_000)  # two quarterly vests


def test_the_match_is_its_own_line_and_a_price_move_scales_the_equity():
    terms = OfferTerms(base=100_000, equity=100_000, match=4)
    gross = yearly_gross(terms)
    assert gross["match"].tolist() == pytest.approx([4_000] * 4)
    assert gross["total"].tolist() == pytest.approx([125_000] * 4)  # the match is not pay
    halved = yearly_gross(replace(terms, price_factor=0.5, liquidity=0.8))
    assert halved["Equity"].tolist() == pytest.approx([10_000] * 4)  # 25,000 x 0.5 x 0.8
