"""Bands by level: the pooled regional percentile (hand-worked two-metro examples, and Seattle +
Portland from the published BLS figures), how a region's band is shown when the tails only
bound it, ageing to an effective date, and the same method as the offer verdict."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from analysis import level_bands, level_pay, pooled
from analysis.stats import Ladder
from tests.tables import real

SEATTLE, PORTLAND, AGUADILLA = "42660", "38900", "10380"


def page_bands(data, cbsas, occupation, track, target=50, spread=0.2, **options):
    """`level_bands` as the Pay bands page calls it: the placements, then the bands."""
    placed = level_bands.placements(data, occupation, track, target)
    return level_bands.level_bands(data, cbsas, placed, spread, **options)


def rung(*wages: float) -> Ladder:
    return Ladder(dict(zip((10, 25, 50, 75, 90), wages, strict=True)))


A = rung(50e3, 60e3, 70e3, 80e3, 90e3)
B = rung(60e3, 70e3, 80e3, 90e3, 100e3)
US = rung(40e3, 55e3, 70e3, 90e3, 110e3)  # the national ladder: only its ends matter here


def test_pooled_median_of_two_metros_sharing_their_knots():
    # A: 50k/60k/70k/80k/90k, B: 60k/70k/80k/90k/100k, equal jobs. Between 70k and 80k both
    # are log-linear: A runs 50->75, B 25->50, so F = (50 + 25f + 25 + 25f) / 2 = 50 at
    # f = 0.5, i.e. w = 70,000 x (80/70) ** 0.5 = 74,833.15.
    low, high = pooled.pooled_wages([A, B], [1, 1], [50])
    assert low[0] == pytest.approx(74_833.15, abs=0.5)
    assert high[0] == pytest.approx(low[0], abs=0.5)


def test_pooled_median_is_weighted_by_jobs():
    # A's median with all the weight on A.
    low, high = pooled.pooled_wages([A, B], [1, 0], [50])
    assert low[0] == pytest.approx(70_000, abs=0.5) and high[0] == pytest.approx(70_000, abs=0.5)


def test_a_percentile_that_needs_an_unpublished_tail_is_only_bounded():
    # A: 40k..80k, B: 80k..120k, equal jobs. The pooled 25th percentile needs B's share under
    # 80k, which BLS does not publish (somewhere from 0 to 10%): with 0%, A alone must reach
    # 50 -> 60,000; with 10%, A must reach 40 -> 50,000 x 1.2 ** 0.6 = 55,779.7.
    low_a, high_b = rung(40e3, 50e3, 60e3, 70e3, 80e3), rung(80e3, 90e3, 100e3, 110e3, 120e3)
    low, high = pooled.pooled_wages([low_a, high_b], [1, 1], [25])
    assert low[0] == pytest.approx(55_779.7, abs=1)
    assert high[0] == pytest.approx(60_000, abs=1)
    # The median sits where A is at its 90th and B at its 10th: 80,000 exactly.
    low, high = pooled.pooled_wages([low_a, high_b], [1, 1], [50])
    assert low[0] == pytest.approx(80_000, abs=1) and high[0] == pytest.approx(80_000, abs=1)


def test_a_region_band_pinned_within_the_tolerance_is_a_figure_with_its_plus_minus():
    # A (3/4 of the jobs) and B (1/4); the pooled 15th percentile lies under B's lowest
    # published wage (60k), where B holds 0 to 10% of its jobs. A alone (0.75 F_A = 15 or
    # 12.5) puts F_A at 20 or 16.67 on its 10th-25th stretch (50k-60k): w = 50,000 x 1.2 **
    # (10/15) = 56,462.2 or 50,000 x 1.2 ** (6.667/15) = 54,220.3, so the middle is 55,341.2
    # and ± (56,462.2 - 54,220.3) / (56,462.2 + 54,220.3) = ±2.03%, under ±2.5%.
    row = pooled.region_reading([A, B], [3, 1], ["A", "B"], 15, "", US)
    assert row["reading"] == "pinned"
    assert row["bound_low"] == pytest.approx(54_220.3, abs=1)
    assert row["bound_high"] == pytest.approx(56_462.2, abs=1)
    assert row["mid"] == pytest.approx(55_341.2, abs=1)
    assert row["pm"] == pytest.approx(0.02026, abs=1e-4)
    assert row["note"].startswith("±2.0%: pay past the published percentiles of B is unknown")
    # The same bounds are too wide for a ±2% tolerance: no figure, the bounds named.
    wide = pooled.region_reading([A, B], [3, 1], ["A", "B"], 15, "", US, tolerance=0.02)
    assert wide["reading"] == "wide" and math.isnan(wide["mid"])
    assert "$54,220–$56,462" in wide["note"] and wide["note"].startswith("no figure")


def test_an_exact_region_band_has_no_plus_minus():
    row = pooled.region_reading([A, B], [1, 1], ["A", "B"], 50, "", US)
    assert row["reading"] == "exact" and row["pm"] == 0 and row["note"] == ""
    assert row["mid"] == pytest.approx(74_833.15, abs=0.5)


def test_an_open_region_band_says_what_it_is_at_least():
    # Past the 90th percentile of both metros (equal jobs) no wage is bounded above. At the
    # pooled 95th the heaviest-left tails put A's 10% just above 90k (F_A = 100), so B must
    # reach 90: its 90th percentile, 100,000.
    row = pooled.region_reading([A, B], [1, 1], ["A", "B"], 95, "", US)
    assert row["reading"] == "open" and row["open"] == "above"
    assert row["floor"] == pytest.approx(100_000, abs=1) and math.isnan(row["mid"])
    assert (
        row["note"] == "open: at least $100,000; the level sits past the percentiles BLS publishes"
    )
    # A level past the national 90th: at least the region's 90th at its lowest. Just past
    # 90k A is at 100 (50 of the 90 needed), so B reaches 80: 75 + 15 ln(w/90k) / ln(10/9),
    # w = 90,000 x (10/9) ** (1/3) = 93,216.9.
    row = pooled.region_reading([A, B], [1, 1], ["A", "B"], math.nan, "above", US)
    assert row["floor"] == pytest.approx(93_216.9, abs=1)
    below = pooled.region_reading([A, B], [1, 1], ["A", "B"], math.nan, "below", US)
    assert below["open"] == "below" and below["ceiling"] > 0


def _two_segment_solution(weights, segments, target):
    """ln w where sum_i weight_i x (p0_i + dp_i x ln(w / w0_i) / ln(w1_i / w0_i)) / sum weight
    = target: every metro log-linear on its own stretch [w0_i, w1_i] of percentiles p0_i..."""
    total = sum(weights)
    pairs = list(zip(weights, segments, strict=True))
    slope = sum(wt * dp / math.log(w1 / w0) for wt, (_, dp, w0, w1) in pairs)
    const = sum(wt * (p0 - dp * math.log(w0) / math.log(w1 / w0)) for wt, (p0, dp, w0, w1) in pairs)
    return math.exp((target * total - const) / slope)


def test_seattle_and_portland_pool_to_the_published_figures():
    # BLS OEWS May 2025, Data Scientists: Seattle (8,370 jobs) 81,130 / 108,740 / 164,740 /
    # 210,370 / 230,980; Portland (1,700 jobs) 78,110 / 98,340 / 129,600 / 167,540 / 208,110.
    # Each pooled percentile below falls where both are log-linear between two published
    # points, so F is linear in ln w and the percentile has a closed form.
    region = pooled.regional_ladder(real(), [SEATTLE, PORTLAND], "15-2051", [25, 50, 75])
    weights = (8_370, 1_700)
    p25 = _two_segment_solution(weights, [(10, 15, 81_130, 108_740), (25, 25, 98_340, 129_600)], 25)
    p50 = _two_segment_solution(
        weights, [(25, 25, 108_740, 164_740), (50, 25, 129_600, 167_540)], 50
    )
    p75 = _two_segment_solution(
        weights, [(50, 25, 164_740, 210_370), (75, 15, 167_540, 208_110)], 75
    )
    assert region.wages == pytest.approx((p25, p50, p75), abs=1)
    assert region.employment == 10_070 and region.metros == (SEATTLE, PORTLAND)


def test_regional_ladder_names_what_it_leaves_out():
    data = real()
    region = pooled.regional_ladder(data, ["12420", "19100", "99999"], "15-2051")
    assert region.metros == ("12420", "19100")
    assert any("no BLS wages" in why for why in region.left_out.values())
    # A pooled median lies between the metros' own medians (both published).
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
    bands = page_bands(data, ["12420"], "15-2051", "Data scientist", 50, 0.2)
    austin = bands[(bands["level"] == "Senior") & (bands["cbsa"] == "12420")].iloc[0]
    pay = level_pay.level_pay(data, "12420", "15-2051", "Senior", "Data scientist", (0.5,))
    assert austin["mid"] == pytest.approx(pay.wages[0])
    assert austin["minimum"] == pytest.approx(0.8 * austin["mid"])
    assert austin["maximum"] == pytest.approx(1.2 * austin["mid"])
    assert austin["low_ci"] < austin["mid"] < austin["high_ci"]
    # With one metro, the region is that metro.
    region = bands[(bands["level"] == "Senior") & (bands["area"] == "Region")].iloc[0]
    assert region["mid"] == pytest.approx(austin["mid"], rel=1e-3)
    assert region["low_ci"] < region["mid"] < region["high_ci"]


def test_a_metro_without_wages_is_read_off_its_state_and_says_so():
    data = real()
    bands = page_bands(data, [SEATTLE, AGUADILLA], "15-2051", "Data scientist")
    rows = bands[bands["cbsa"] == AGUADILLA].set_index("level")
    assert (rows.loc[["Entry", "Mid", "Senior"], "reading"] == "fallback").all()
    assert "showing Puerto Rico's" in rows.loc["Mid", "note"]
    pay = level_pay.level_pay(data, AGUADILLA, "15-2051", "Mid", "Data scientist", (0.5,))
    assert rows.loc["Mid", "mid"] == pytest.approx(pay.wages[0])
    # The region pools Seattle alone: Aguadilla publishes no wages to pool.
    region = bands[(bands["area"] == "Region") & (bands["level"] == "Mid")].iloc[0]
    seattle = bands[(bands["cbsa"] == SEATTLE) & (bands["level"] == "Mid")].iloc[0]
    assert region["mid"] == pytest.approx(seattle["mid"], rel=1e-6)


def test_bands_age_and_open_ends():
    data = real()
    later = page_bands(
        data, ["12420"], "15-2051", "Data scientist", 50, 0.1,
        effective=dt.date(2027, 5, 15), rate=0.04,
    )  # fmt: skip
    now = page_bands(data, ["12420"], "15-2051", "Data scientist", 50, 0.1)
    ratio = later["mid"].to_numpy() / now["mid"].to_numpy()
    finite = np.isfinite(ratio)
    assert finite.any()
    assert np.allclose(ratio[finite], 1.04 ** (730 / 365.25))
    assert (later["as_of"] == "2027-05-15").all()
    # Executive ML engineers sit above the 90th percentile BLS publishes: an open end with the
    # metro's highest published wage as its floor (Austin's 90th, $186,010, aged), never a
    # number past it, and the note says so in the aged dollars.
    ml = page_bands(
        data, ["12420"], "15-2051", "ML engineer", 75, 0.2, effective=dt.date(2027, 5, 15),
        rate=0.04,
    )  # fmt: skip
    top = ml[(ml["level"] == "Executive") & (ml["cbsa"] == "12420")].iloc[0]
    assert top["open"] == "above" and math.isnan(top["mid"])
    assert top["floor"] == pytest.approx(186_010 * 1.04 ** (730 / 365.25))
    assert f"at least ${top['floor']:,.0f}" in top["note"]


def test_placements_hold_each_shown_levels_draws_and_nothing_of_the_metros():
    data = real()
    placed = level_bands.placements(data, "15-2051", "Data scientist", 50, n_draws=40)
    assert (placed.occupation, placed.track, placed.target) == ("15-2051", "Data scientist", 50)
    shown = [lv for lv, p in placed.levels.items() if p.status != "hidden"]
    assert shown and set(placed.draws) == set(shown)
    assert all(len(placed.draws[lv]) == 40 for lv in shown)
    # The bands' national percentile is the placement's, whatever the metros.
    bands = level_bands.level_bands(data, ["12420", SEATTLE], placed)
    for level in shown:
        rows = bands[bands["level"] == level]
        assert rows["national_pct"].tolist() == pytest.approx([placed[level].pct] * 3, nan_ok=True)
    bare = level_bands.placements(data, "15-2051", "Data scientist", 50, n_draws=0)
    assert bare.draws == {} and bare["Senior"].pct == placed["Senior"].pct
    with pytest.raises(ValueError, match="draws"):
        level_bands.level_bands(data, ["12420"], bare)
    with pytest.raises(ValueError, match="between 0 and 100"):
        level_bands.placements(data, "15-2051", "Data scientist", 100)


def test_a_metros_band_is_the_same_whichever_other_metros_are_chosen():
    # One placement serves any metros (the page caches it at that grain); a metro's interval
    # draws its BLS error from its own stream, so adding Seattle and Portland before Austin
    # leaves Austin's rows as they were.
    data = real()
    placed = level_bands.placements(data, "15-2051", "Data scientist", 50)
    alone = level_bands.level_bands(data, ["12420"], placed)
    among = level_bands.level_bands(data, [SEATTLE, PORTLAND, "12420"], placed)
    austin = [t[t["cbsa"] == "12420"].reset_index(drop=True) for t in (alone, among)]
    assert austin[0]["low_ci"].notna().any()
    pd.testing.assert_frame_equal(austin[0], austin[1])


def test_no_band_is_blank_without_a_reason():
    data = real()
    hubs = ["41860", "41940", "42660", "35620", "12420", "19740", "12060", "17410", "28140"]
    for target in (10, 50, 90):
        table = page_bands(data, hubs, "15-2051", "Data scientist", target, 0.2)
        blank = table[table["mid"].isna()]
        assert (blank["note"].str.len() > 5).all(), blank[["level", "area", "note"]]
        text = " ".join(table["note"]) + " ".join(table["open"])
        assert "nan" not in text.lower()
