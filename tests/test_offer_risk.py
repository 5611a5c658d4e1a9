"""analysis.offer_risk: who leads and until when, what a price move or leaving early does, and
the April tax bill, in the tiny world of tests/test_comparison.py (San Francisco: 20% tax,
price level 120; Austin: 10% tax, price level 100), every figure worked by hand."""

from __future__ import annotations

import numpy as np
import pytest

from analysis import comparison, offer_risk
from analysis.offer_risk import Withholding
from tests.test_comparison import AUSTIN, JANUARY, SF, offer, world


def compare(*specs, **kwargs):
    return comparison.compare_offers(world(**kwargs), list(specs), start=JANUARY)


def test_the_winner_and_its_margin_per_year_and_in_total():
    # San Francisco $120,000: $96,000 after tax, $80,000 at US prices; Austin $100,000:
    # $90,000. Austin leads by $10,000 a year, $40,000 over four years, every year.
    ranked = offer_risk.standings(compare(offer("SF", SF, 120_000), offer("ATX", AUSTIN, 100_000)))
    assert (ranked.winner, ranked.runner_up) == ("ATX", "SF")
    assert (ranked.margin, ranked.total) == pytest.approx((10_000, 40_000))
    assert set(ranked.year_leaders.values()) == {"ATX"}


def test_where_the_lead_changes():
    # A $48,000 sign-on lifts San Francisco's 2027 to (168,000 x 0.8) / 1.2 = $112,000, against
    # Austin's $90,000; from 2028 Austin leads each year. Running totals: SF 112k, 192k, 272k,
    # 352k; Austin 90k, 180k, 270k, 360k: SF is ahead for anyone leaving before the end of 2030.
    ranked = offer_risk.standings(
        compare(offer("SF", SF, 120_000, sign_on=48_000), offer("ATX", AUSTIN, 100_000))
    )
    assert ranked.winner == "ATX" and ranked.margin == pytest.approx(2_000)
    assert ranked.year_leaders == {2027: "SF", 2028: "ATX", 2029: "ATX", 2030: "ATX"}
    assert ranked.running_leaders == {2027: "SF", 2028: "SF", 2029: "SF", 2030: "ATX"}


def test_the_share_price_at_which_the_winner_loses_its_lead():
    # Austin: $100,000 + an $80,000 grant ($20,000 a year): 120,000 x 0.9 = $108,000; San
    # Francisco $150,000: $100,000. Austin stays ahead while (100,000 + 20,000 f) x 0.9 >=
    # 100,000, i.e. f >= 5/9: unless its shares lose more than 44%.
    specs = [offer("SF", SF, 150_000), offer("ATX", AUSTIN, 100_000, equity=80_000)]
    assert offer_risk.flip_price(world(), specs, "US", JANUARY) == pytest.approx(5 / 9, abs=0.004)
    scenarios = offer_risk.price_scenarios(world(), specs, "US", JANUARY)
    scenarios = scenarios.set_index(["offer", "move"])
    austin = scenarios.loc["ATX", "average_real"]
    assert austin.tolist() == pytest.approx([99_000, 108_000, 117_000])  # -50%, flat, +50%
    assert scenarios.loc["SF", "average_real"].tolist() == pytest.approx([100_000] * 3)


def test_no_flip_without_equity_or_when_worthless_shares_still_win():
    no_equity = [offer("SF", SF, 120_000), offer("ATX", AUSTIN, 100_000)]
    assert np.isnan(offer_risk.flip_price(world(), no_equity, "US", JANUARY))
    safe = [offer("SF", SF, 120_000), offer("ATX", AUSTIN, 100_000, equity=40_000)]
    # $90,000 even at zero > $80,000
    assert np.isnan(offer_risk.flip_price(world(), safe, "US", JANUARY))


def test_leaving_early_per_offer():
    table = offer_risk.leaving_early(
        [offer("SF", SF, 120_000, sign_on=24_000, equity=120_000)], months=(6, 12)
    ).set_index("months")
    # Month 6: $60,000 of base, the sign-on paid and repaid in full, the grant forfeited;
    # month 12: a year of base, the sign-on kept and the first year's $30,000 vested.
    assert table.loc[6, ["kept", "forfeited"]].tolist() == pytest.approx([60_000, 120_000])
    assert table.loc[12, ["kept", "forfeited"]].tolist() == pytest.approx([174_000, 90_000])


def test_supplemental_withholding_leaves_a_gap_at_filing_time():
    # Austin with a flat 30% federal income tax: $200,000 base and a $1,200,000 grant vesting
    # $300,000 a year. Owed: 30% of $500,000 = $150,000. Withheld: 30% of the base ($60,000)
    # plus 22% of the $300,000 supplemental ($66,000) = $126,000: $24,000 due in April.
    rule = Withholding(0.22, 0.37, 1_000_000, "IRS Publication 15 (test)")
    spec = offer("ATX", AUSTIN, 200_000, equity=1_200_000)
    gap = offer_risk.withholding_gap(world(federal=0.30), spec, JANUARY, rule)
    assert gap["gap"].tolist() == pytest.approx([24_000] * 4)
    # Over $1,000,000 of supplemental wages the mandatory 37% applies: a $6,000,000 grant
    # vests $1,500,000 a year: withheld 60,000 + 220,000 + 185,000 = 465,000; owed 30% of
    # $1,700,000 = 510,000.
    big = offer("ATX", AUSTIN, 200_000, equity=6_000_000)
    gap = offer_risk.withholding_gap(world(federal=0.30), big, JANUARY, rule)
    assert gap["withheld"].tolist() == pytest.approx([465_000] * 4)
    assert gap["gap"].tolist() == pytest.approx([45_000] * 4)


def test_the_withholding_rule_is_the_one_the_build_recorded():
    from tests.tables import real

    rule = offer_risk.withholding_rule(real())
    # IRS Publication 15, Supplemental Wages: 22% flat, 37% over $1 million a year.
    assert (rule.rate, rule.mandatory_rate, rule.mandatory_above) == (0.22, 0.37, 1_000_000)
    assert "Publication 15" in rule.source
