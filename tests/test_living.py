"""analysis.living: salary equivalence both ways, rent burden, price levels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import hubs, living, stats
from tests.tables import table

SAN_JOSE, INDIANAPOLIS, SEATTLE, NEW_YORK = "41940", "26900", "42660", "35620"


@pytest.fixture(scope="module")
def real() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return table("wages"), table("metros"), table("price_parities")


def _rpp(parities: pd.DataFrame, cbsa: str) -> float:
    latest = parities.loc[parities["geo_level"] == "metro", "year"].max()
    row = parities[(parities["geo_code"] == cbsa) & (parities["year"] == latest)]
    return float(row["all_items"].iloc[0])


def _median(wages: pd.DataFrame, cbsa: str) -> float:
    rows = hubs.metro_rows(wages)
    return float(rows.loc[rows["cbsa"] == cbsa, "a_median"].iloc[0])


def test_same_purchasing_power_formula_on_real_rpps(real):
    parities = real[2]
    result = living.equivalent_salary(150_000, SAN_JOSE, INDIANAPOLIS, *real)
    expected = 150_000 * _rpp(parities, INDIANAPOLIS) / _rpp(parities, SAN_JOSE)
    assert result.same_power == pytest.approx(expected, rel=1e-12)
    assert result.rpp_from == _rpp(parities, SAN_JOSE)


def test_round_trip_returns_the_salary(real):
    there = living.equivalent_salary(150_000, SAN_JOSE, SEATTLE, *real)
    back = living.equivalent_salary(there.same_power, SEATTLE, SAN_JOSE, *real)
    assert back.same_power == pytest.approx(150_000, rel=1e-12)
    back_pos = living.equivalent_salary(there.same_position, SEATTLE, SAN_JOSE, *real)
    assert back_pos.same_position == pytest.approx(150_000, rel=1e-9)


def test_same_market_position_maps_median_to_median(real):
    wages = real[0]
    sj, indy = _median(wages, SAN_JOSE), _median(wages, INDIANAPOLIS)
    result = living.equivalent_salary(sj, SAN_JOSE, INDIANAPOLIS, *real)
    assert result.percentile == pytest.approx(50)
    assert result.position_label == "about the 50th percentile"
    assert result.same_position == pytest.approx(indy)  # 99,110
    assert result.gap == pytest.approx(result.same_position - result.same_power)
    # Indianapolis pays its median data scientist far less than San Jose's price gap implies
    assert result.gap < 0


def test_same_market_position_log_linear_between_points(real):
    table = hubs.compare_hubs(*real, cbsas=[SAN_JOSE, NEW_YORK]).table.set_index("cbsa")
    sj, ny = table.loc[SAN_JOSE], table.loc[NEW_YORK]
    salary = float(np.sqrt(sj["median"] * sj["p75"]))  # geometric midpoint -> 62.5th percentile
    result = living.equivalent_salary(salary, SAN_JOSE, NEW_YORK, *real)
    assert result.percentile == pytest.approx(62.5)
    assert result.same_position == pytest.approx(np.sqrt(ny["median"] * ny["p75"]))


def test_outside_published_range_gives_bound_not_number(real):
    wages = real[0]
    indy = hubs.metro_rows(wages).set_index("cbsa").loc[INDIANAPOLIS]
    low = living.equivalent_salary(10_000, SAN_JOSE, INDIANAPOLIS, *real)
    assert low.position.below and np.isnan(low.percentile) and np.isnan(low.same_position)
    assert low.position_label == "below the 10th percentile"
    assert low.position_high == indy["a_pct10"] and np.isnan(low.position_low)
    assert "below" in low.position_note and np.isnan(low.gap)
    assert low.same_position_text() == f"< ${indy['a_pct10']:,.0f}"
    high = living.equivalent_salary(4_000_000, SAN_JOSE, INDIANAPOLIS, *real)
    assert high.position_label == "above the 90th percentile"
    assert high.position_low == indy["a_pct90"] and np.isnan(high.position_high)
    assert high.same_position_text() == f"> ${indy['a_pct90']:,.0f}"


def test_same_metro_twice_is_fine(real):
    result = living.equivalent_salary(120_000, SEATTLE, SEATTLE, *real)
    assert result.same_power == pytest.approx(120_000)
    assert result.same_position == pytest.approx(120_000)


@pytest.mark.parametrize(
    ("salary", "cbsa", "message"),
    [
        (0, SAN_JOSE, "above \\$0"),
        (-5, SAN_JOSE, "above \\$0"),
        (6_000_000, SAN_JOSE, "5,000,000"),
        (float("nan"), SAN_JOSE, "above \\$0"),
        ("abc", SAN_JOSE, "number"),
        (100_000, "99999", "Unknown metro"),
    ],
)
def test_bad_input_raises_clear_error(real, salary, cbsa, message):
    with pytest.raises(ValueError, match=message):
        living.equivalent_salary(salary, cbsa, SEATTLE, *real)


def test_top_coded_point_gives_a_bounded_position(real):
    # A metro whose 90th percentile is top-coded (>= $239,200): an amount between its 75th
    # percentile and $239,200 is between the 75th and 90th percentile, never "above the 90th".
    # (Old expectation "above the 90th percentile" was wrong: the top-coded 90th is higher.)
    wages, metros, parities = real
    wages = wages.copy()
    hit = (
        (wages["area_type"] == "metro")
        & (wages["cbsa"] == SAN_JOSE)
        & (wages["occ_code"] == hubs.OCCUPATION)
        & (wages["industry_code"] == "000000")
    )
    p75 = float(wages.loc[hit, "a_pct75"].iloc[0])
    wages.loc[hit, "a_pct90"] = np.nan
    wages.loc[hit, "a_pct90_note"] = stats.TOP_CODED
    salary = (p75 + stats.TOP_CODE) / 2
    result = living.equivalent_salary(salary, SAN_JOSE, INDIANAPOLIS, wages, metros, parities)
    assert (result.position.low, result.position.high) == (75, 90)
    assert result.position_label.startswith("between the 75th and 90th percentile")
    indy = hubs.metro_rows(wages).set_index("cbsa").loc[INDIANAPOLIS]
    assert (result.position_low, result.position_high) == (indy["a_pct75"], indy["a_pct90"])
    assert result.same_position_text() == f"${indy['a_pct75']:,.0f} – ${indy['a_pct90']:,.0f}"
    assert np.isnan(result.gap)


def test_rent_burden_is_annual_rent_over_median(real):
    wages, metros, parities = real
    rents = table("rents")
    out = living.rent_burden(wages, metros, parities, rents, [SAN_JOSE, INDIANAPOLIS])
    row = out.set_index("cbsa").loc[SAN_JOSE]
    fmr1 = float(rents.loc[rents["cbsa"] == SAN_JOSE, "fmr_1"].iloc[0])
    assert row["burden_1br"] == pytest.approx(fmr1 * 12 / 185_080)
    assert (out["burden_2br"] > out["burden_1br"]).all()


def test_price_components_and_history(real):
    _, metros, parities = real
    comp = living.price_components(parities, metros, [SAN_JOSE, INDIANAPOLIS])
    assert len(comp) == 10
    sj = comp[(comp["cbsa"] == SAN_JOSE) & (comp["component"] == "All items")]
    assert sj["index"].item() == _rpp(parities, SAN_JOSE)
    hist = living.price_history(parities, metros, [SAN_JOSE, INDIANAPOLIS])
    latest = int(parities["year"].max())
    assert hist["year"].min() == 2008 and hist["year"].max() == latest == 2024
    assert len(hist) == 34
    with pytest.raises(ValueError, match="at least one metro"):
        living.price_history(parities, metros, [])


def test_rent_burden_on_your_salary(real):
    wages, metros, parities = real
    rents = table("rents")
    out = living.rent_burden(
        wages, metros, parities, rents, [SAN_JOSE, INDIANAPOLIS], salary=120_000
    ).set_index("cbsa")
    fmr1 = float(rents.loc[rents["cbsa"] == INDIANAPOLIS, "fmr_1"].iloc[0])
    assert out.loc[INDIANAPOLIS, "salary_1br"] == pytest.approx(fmr1 * 12 / 120_000)
    assert "salary_1br" not in living.rent_burden(wages, metros, parities, rents, [SAN_JOSE])


def test_price_year_comes_from_the_data(real):
    wages, metros, parities = real
    older = parities[parities["year"] <= 2020]
    result = living.equivalent_salary(150_000, SAN_JOSE, SEATTLE, wages, metros, older)
    assert result.year == 2020
    assert result.rpp_from == float(
        older.loc[(older["geo_code"] == SAN_JOSE) & (older["year"] == 2020), "all_items"].iloc[0]
    )
