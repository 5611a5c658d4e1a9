"""analysis.living: a salary carried between metros both ways, rent burden, price levels.

Known answers are BLS OEWS May 2025 Data Scientists (15-2051) metro percentiles and BEA RPP
(release of 2026-02-19) parities, as published.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis import living
from analysis.wages import TOP_CODED
from tests.tables import real, table, tiny

SAN_JOSE, INDIANAPOLIS, SEATTLE, NEW_YORK, SAN_JUAN = "41940", "26900", "42660", "35620", "41980"
# BLS OEWS May 2025, 15-2051, annual wages (p10, p25, median, p75, p90).
SJ = (109_740, 149_570, 185_080, 219_460, 282_840)
INDY = (61_800, 77_140, 99_110, 133_410, 149_280)
NY = (79_870, 101_320, 135_980, 173_160, 216_030)
# BEA RPP all items (US = 100): 2024 and 2020.
RPP_2024 = {SAN_JOSE: 110.423, INDIANAPOLIS: 95.696, SEATTLE: 111.133}
RPP_2020 = {SAN_JOSE: 113.467, SEATTLE: 113.029}


def test_same_purchasing_power_uses_the_published_parities():
    result = living.equivalent_salary(real(), 150_000, SAN_JOSE, INDIANAPOLIS)
    assert result.year == 2024
    assert (result.rpp_from, result.rpp_to) == pytest.approx(
        (RPP_2024[SAN_JOSE], RPP_2024[INDIANAPOLIS]), abs=5e-4
    )
    expected = 150_000 * RPP_2024[INDIANAPOLIS] / RPP_2024[SAN_JOSE]
    assert result.same_power == pytest.approx(expected, rel=1e-5)
    assert (result.from_label, result.to_label) == ("San Jose, CA", "Indianapolis, IN")
    assert result.occ_title == "Data Scientists"


def test_round_trip_returns_the_salary():
    there = living.equivalent_salary(real(), 150_000, SAN_JOSE, SEATTLE)
    back = living.equivalent_salary(real(), there.same_power, SEATTLE, SAN_JOSE)
    assert back.same_power == pytest.approx(150_000, rel=1e-12)
    back_pos = living.equivalent_salary(real(), there.same_position, SEATTLE, SAN_JOSE)
    assert back_pos.same_position == pytest.approx(150_000, rel=1e-9)


def test_same_market_position_maps_median_to_median():
    result = living.equivalent_salary(real(), SJ[2], SAN_JOSE, INDIANAPOLIS)
    assert result.percentile == 50
    assert result.position_label == "about the 50th percentile"
    assert result.same_position == INDY[2]
    assert result.same_position_text() == "$99,110"
    # Indianapolis pays its median data scientist less than San Jose's price gap implies.
    same_power = SJ[2] * RPP_2024[INDIANAPOLIS] / RPP_2024[SAN_JOSE]
    assert result.gap == pytest.approx(INDY[2] - same_power, rel=1e-5)
    assert result.gap < 0 and result.gap_share == pytest.approx(result.gap / result.same_power)


def test_same_market_position_is_log_linear_between_points():
    salary = math.sqrt(SJ[2] * SJ[3])  # geometric midpoint of the median and 75th: 62.5th
    result = living.equivalent_salary(real(), salary, SAN_JOSE, NEW_YORK)
    assert result.percentile == pytest.approx(62.5)
    assert result.same_position == pytest.approx(math.sqrt(NY[2] * NY[3]))


def test_same_position_is_monotonic_in_the_salary():
    salaries = np.geomspace(SJ[0], SJ[4], 5)
    same = [living.equivalent_salary(real(), s, SAN_JOSE, SEATTLE).same_position for s in salaries]
    assert np.all(np.diff(same) > 0)


def test_outside_published_range_gives_a_bound_not_a_number():
    low = living.equivalent_salary(real(), 10_000, SAN_JOSE, INDIANAPOLIS)
    assert low.position.below and np.isnan(low.percentile) and np.isnan(low.same_position)
    assert low.position_label == "below the 10th percentile"
    assert low.position_high == INDY[0] and np.isnan(low.position_low)
    assert "below $61,800" in low.position_note and np.isnan(low.gap)
    assert low.same_position_text() == "< $61,800"
    high = living.equivalent_salary(real(), 4_000_000, SAN_JOSE, INDIANAPOLIS)
    assert high.position_label == "above the 90th percentile"
    assert high.position_low == INDY[4] and np.isnan(high.position_high)
    assert high.same_position_text() == "> $149,280"


def test_same_metro_twice_is_fine():
    result = living.equivalent_salary(real(), 120_000, SEATTLE, SEATTLE)
    assert result.same_power == pytest.approx(120_000)
    assert result.same_position == pytest.approx(120_000)
    assert result.gap == pytest.approx(0, abs=1e-6)


@pytest.mark.parametrize(
    ("salary", "cbsa", "message"),
    [
        (0, SAN_JOSE, r"above \$0"),
        (-5, SAN_JOSE, r"above \$0"),
        (6_000_000, SAN_JOSE, "5,000,000"),
        (float("nan"), SAN_JOSE, r"above \$0"),
        (float("inf"), SAN_JOSE, r"above \$0"),
        ("abc", SAN_JOSE, "number"),
        (100_000, "99999", "Unknown metro"),
        (100_000, "12620", "no wages for this occupation in Bangor, ME"),
        (100_000, SAN_JUAN, "BEA publishes no 2024 price level for San Juan, PR"),
    ],
)
def test_bad_input_raises_a_clear_error(salary, cbsa, message):
    with pytest.raises(ValueError, match=message):
        living.equivalent_salary(real(), salary, cbsa, SEATTLE)


def test_check_salary_accepts_numbers_and_numeric_text():
    assert living.check_salary("120000") == 120_000.0
    assert living.check_salary(5_000_000) == 5_000_000.0


def test_top_coded_point_gives_a_bounded_position():
    # San Jose's 90th percentile published only as top-coded (>= $239,200): an amount between
    # its 75th percentile and $239,200 is between the 75th and 90th percentile.
    wages = table("wages")
    hit = (
        (wages["area_type"] == "metro")
        & (wages["cbsa"] == SAN_JOSE)
        & (wages["occ_code"] == "15-2051")
        & (wages["industry_code"] == "000000")
    )
    wages.loc[hit, "a_pct90"] = np.nan
    wages.loc[hit, "a_pct90_note"] = TOP_CODED
    data = tiny(wages=wages, metros=real().metros, price_parities=real().price_parities)
    result = living.equivalent_salary(data, (SJ[3] + 239_200) / 2, SAN_JOSE, INDIANAPOLIS)
    assert (result.position.low, result.position.high) == (75, 90)
    assert result.position_label == (
        "between the 75th and 90th percentile (the 90th is top-coded: ≥ $239,200)"
    )
    assert (result.position_low, result.position_high) == (INDY[3], INDY[4])
    assert result.same_position_text() == "$133,410 – $149,280"
    assert np.isnan(result.same_position) and np.isnan(result.gap)


def test_price_year_is_the_latest_in_the_data_or_the_one_asked():
    older = real().price_parities
    older = older[older["year"] <= 2020]
    data = tiny(wages=real().wages, metros=real().metros, price_parities=older)
    result = living.equivalent_salary(data, 150_000, SAN_JOSE, SEATTLE)
    assert result.year == 2020
    assert (result.rpp_from, result.rpp_to) == pytest.approx(
        (RPP_2020[SAN_JOSE], RPP_2020[SEATTLE]), abs=5e-4
    )
    asked = living.equivalent_salary(real(), 150_000, SAN_JOSE, SEATTLE, year=2020)
    assert (asked.year, asked.same_power) == (2020, pytest.approx(result.same_power))


# --- rent burden and price levels -----------------------------------------------------------------


def _fmr(cbsa: str, bedrooms: int) -> float:
    rents = real().rents
    return float(rents.loc[rents["cbsa"] == cbsa, f"fmr_{bedrooms}"].iloc[0])


def test_rent_burden_is_annual_rent_over_the_published_median():
    out = living.rent_burden(real(), [SAN_JOSE, INDIANAPOLIS]).set_index("cbsa")
    assert out.loc[SAN_JOSE, "burden_1br"] == pytest.approx(_fmr(SAN_JOSE, 1) * 12 / SJ[2])
    assert out.loc[INDIANAPOLIS, "burden_2br"] == pytest.approx(
        _fmr(INDIANAPOLIS, 2) * 12 / INDY[2]
    )
    assert (out["burden_2br"] > out["burden_1br"]).all()
    assert out["burden_1br"].is_monotonic_decreasing
    assert "salary_1br" not in out


def test_rent_burden_on_your_salary():
    out = living.rent_burden(real(), [SAN_JOSE, INDIANAPOLIS], salary=120_000).set_index("cbsa")
    assert out.loc[INDIANAPOLIS, "salary_1br"] == pytest.approx(_fmr(INDIANAPOLIS, 1) / 10_000)
    assert out.loc[SAN_JOSE, "salary_2br"] == pytest.approx(_fmr(SAN_JOSE, 2) / 10_000)
    with pytest.raises(ValueError, match="above"):
        living.rent_burden(real(), [SAN_JOSE], salary=0)


def test_rent_burden_leaves_out_metros_without_a_hud_rent():
    rents = real().rents
    data = tiny(
        wages=real().wages,
        metros=real().metros,
        price_parities=real().price_parities,
        rents=rents[rents["cbsa"] != INDIANAPOLIS],
    )
    out = living.rent_burden(data, [SAN_JOSE, INDIANAPOLIS])
    assert out["cbsa"].tolist() == [SAN_JOSE]
    with pytest.raises(ValueError, match="no Fair Market Rent"):
        living.rent_burden(data, [INDIANAPOLIS])


def test_price_components_are_the_published_parities():
    comp = living.price_components(real(), [SAN_JOSE, INDIANAPOLIS])
    assert len(comp) == 10  # 2 metros x (all items + 4 components)
    assert list(comp["component"].cat.categories) == [
        "All items", "Goods", "Housing (rents)", "Utilities", "Other services"
    ]  # fmt: skip
    by = comp.set_index(["cbsa", "component"])["index"]
    assert by[(SAN_JOSE, "All items")] == pytest.approx(110.423, abs=5e-4)
    assert by[(SAN_JOSE, "Housing (rents)")] == pytest.approx(211.901, abs=5e-4)
    assert by[(INDIANAPOLIS, "All items")] == pytest.approx(95.696, abs=5e-4)
    old = living.price_components(real(), [SAN_JOSE], year=2019).set_index("component")
    assert old.loc["All items", "index"] == pytest.approx(112.914, abs=5e-4)


def test_price_history_covers_the_bea_years():
    hist = living.price_history(real(), [SAN_JOSE, INDIANAPOLIS])
    assert hist["year"].min() == 2008 and hist["year"].max() == 2024
    assert len(hist) == 34  # 2 metros x 17 years (2008-2024)
    sj = hist[hist["cbsa"] == SAN_JOSE].set_index("year")["all_items"]
    assert (sj[2008], sj[2019], sj[2024]) == pytest.approx((119.286, 112.914, 110.423), abs=5e-4)
    window = living.price_history(real(), [SAN_JOSE], start=2019, end=2020)
    assert window["year"].tolist() == [2019, 2020]
    with pytest.raises(ValueError, match="at least one metro"):
        living.price_history(real(), [])
    with pytest.raises(ValueError, match="no price levels"):
        living.price_history(real(), ["99999"])


def test_real_frames_are_not_mutated():
    names = ("wages", "metros", "price_parities", "rents")
    before = {name: real().table(name).copy() for name in names}
    living.equivalent_salary(real(), 150_000, SAN_JOSE, INDIANAPOLIS)
    living.rent_burden(real(), [SAN_JOSE, INDIANAPOLIS], salary=100_000)
    living.price_components(real(), [SAN_JOSE])
    living.price_history(real(), [SAN_JOSE])
    for name, frame in before.items():
        pd.testing.assert_frame_equal(real().table(name), frame)
