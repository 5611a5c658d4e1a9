"""Bands by level: the pooled regional percentile (hand-worked two-metro examples), ageing to
an effective date, and the same method as the offer verdict."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from analysis import level_bands, level_pay
from analysis.stats import Ladder
from tests.tables import real


def rung(*wages: float) -> Ladder:
    return Ladder(dict(zip((10, 25, 50, 75, 90), wages, strict=True)))


def test_pooled_median_of_two_metros_sharing_their_knots():
    # A: 50k/60k/70k/80k/90k, B: 60k/70k/80k/90k/100k, equal jobs. Between 70k and 80k both
    # are log-linear: A runs 50->75, B 25->50, so F = (50 + 25f + 25 + 25f) / 2 = 50 at
    # f = 0.5, i.e. w = 70,000 x (80/70) ** 0.5 = 74,833.15.
    low, high = level_bands.pooled_wages(
        [rung(50e3, 60e3, 70e3, 80e3, 90e3), rung(60e3, 70e3, 80e3, 90e3, 100e3)], [1, 1], [50]
    )
    assert low[0] == pytest.approx(74_833.15, abs=0.5)
    assert high[0] == pytest.approx(low[0], abs=0.5)


def test_pooled_median_is_weighted_by_jobs():
    # A's median with all the weight on A.
    low, high = level_bands.pooled_wages(
        [rung(50e3, 60e3, 70e3, 80e3, 90e3), rung(60e3, 70e3, 80e3, 90e3, 100e3)], [1, 0], [50]
    )
    assert low[0] == pytest.approx(70_000, abs=0.5) and high[0] == pytest.approx(70_000, abs=0.5)


def test_a_percentile_that_needs_an_unpublished_tail_is_only_bounded():
    # A: 40k..80k, B: 80k..120k, equal jobs. The pooled 25th percentile needs B's share under
    # 80k, which BLS does not publish (somewhere from 0 to 10%): with 0%, A alone must reach
    # 50 -> 60,000; with 10%, A must reach 40 -> 50,000 x 1.2 ** 0.6 = 55,779.7.
    low, high = level_bands.pooled_wages(
        [rung(40e3, 50e3, 60e3, 70e3, 80e3), rung(80e3, 90e3, 100e3, 110e3, 120e3)], [1, 1], [25]
    )
    assert low[0] == pytest.approx(55_779.7, abs=1)
    assert high[0] == pytest.approx(60_000, abs=1)
    # The median sits where A is at its 90th and B at its 10th: 80,000 exactly.
    low, high = level_bands.pooled_wages(
        [rung(40e3, 50e3, 60e3, 70e3, 80e3), rung(80e3, 90e3, 100e3, 110e3, 120e3)], [1, 1], [50]
    )
    assert low[0] == pytest.approx(80_000, abs=1) and high[0] == pytest.approx(80_000, abs=1)


def test_regional_ladder_names_what_it_leaves_out():
    data = real()
    region = level_bands.regional_ladder(data, ["12420", "19100", "99999"], "15-2051")
    assert region.metros == ("12420", "19100")
    assert any("no BLS wages" in why for why in region.left_out.values())
    # A pooled median lies between the metros' own medians (Austin $125,990 is not below
    # Dallas's published median: check against the table, both published).
    medians = data.wages.query(
        "area_type == 'metro' and occ_code == '15-2051' and industry_code == '000000' "
        "and cbsa in ('12420', '19100')"
    )["a_median"]
    assert medians.min() <= region.wages[2] <= medians.max()


def test_ageing_factor_is_compound_annual():
    start = dt.date(2025, 5, 15)
    assert level_bands.age_factor(start, start, 0.03) == 1.0
    assert level_bands.age_factor(start, dt.date(2026, 5, 15), 0.03) == pytest.approx(
        1.03 ** (365 / 365.25)
    )
    assert level_bands.age_factor(start, dt.date(2027, 5, 15), 0.0) == 1.0
    with pytest.raises(ValueError, match="above -100%"):
        level_bands.age_factor(start, start, -1.0)


def test_reference_date_is_the_release_month():
    assert level_bands.reference_date(real()) == dt.date(2025, 5, 15)  # OEWS "May 2025"


def test_level_bands_use_the_offer_verdicts_method():
    data = real()
    bands = level_bands.level_bands(data, ["12420"], "15-2051", "Data scientist", 50, 0.2)
    austin = bands[(bands["level"] == "Senior") & (bands["cbsa"] == "12420")].iloc[0]
    pay = level_pay.level_pay(data, "12420", "15-2051", "Senior", "Data scientist", (0.5,))
    assert austin["mid"] == pytest.approx(pay.wages[0])
    assert austin["minimum"] == pytest.approx(0.8 * austin["mid"])
    assert austin["maximum"] == pytest.approx(1.2 * austin["mid"])
    assert austin["low_ci"] < austin["mid"] < austin["high_ci"]
    # With one metro, the region is that metro.
    region = bands[(bands["level"] == "Senior") & (bands["area"] == "Region")].iloc[0]
    assert region["mid"] == pytest.approx(austin["mid"], rel=1e-3)


def test_bands_age_and_open_ends():
    data = real()
    later = level_bands.level_bands(
        data, ["12420"], "15-2051", "Data scientist", 50, 0.1,
        effective=dt.date(2027, 5, 15), rate=0.04,
    )  # fmt: skip
    now = level_bands.level_bands(data, ["12420"], "15-2051", "Data scientist", 50, 0.1)
    ratio = later["mid"].to_numpy() / now["mid"].to_numpy()
    finite = np.isfinite(ratio)
    assert finite.any()
    assert np.allclose(ratio[finite], 1.04 ** (730 / 365.25))
    assert (later["as_of"] == "2027-05-15").all()
    # Executive ML engineers sit above the 90th percentile BLS publishes: an open end with the
    # metro's highest published wage as its floor, never a number past it.
    ml = level_bands.level_bands(data, ["12420"], "15-2051", "ML engineer", 75, 0.2)
    top = ml[(ml["level"] == "Executive") & (ml["cbsa"] == "12420")].iloc[0]
    assert top["open"] == "above" and math.isnan(top["mid"]) and top["floor"] > 0
