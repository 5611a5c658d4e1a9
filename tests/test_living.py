"""analysis.living: salary equivalence both ways, rent burden, price levels."""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import hubs, living, load, stats
from analysis.paths import DATA_DIR

DATA = Path(os.environ.get("ATLAS_TEST_DATA", DATA_DIR))
SAN_JOSE, INDIANAPOLIS, SEATTLE, NEW_YORK = "41940", "26900", "42660", "35620"


def _table(name: str) -> pd.DataFrame:
    try:
        return load.load_table(name, DATA)
    except load.DataUnavailable as err:
        pytest.skip(str(err))


@pytest.fixture(scope="module")
def real() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return _table("wages"), _table("metros"), _table("price_parities")


def _rpp(parities: pd.DataFrame, cbsa: str) -> float:
    row = parities[(parities["geo_code"] == cbsa) & (parities["year"] == 2024)]
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
    assert result.position_label == "50th percentile"
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
    low = living.equivalent_salary(10_000, SAN_JOSE, INDIANAPOLIS, *real)
    assert low.percentile == float("-inf") and np.isnan(low.same_position)
    assert low.position_label == "below the 10th percentile"
    assert "below" in low.position_note
    high = living.equivalent_salary(4_000_000, SAN_JOSE, INDIANAPOLIS, *real)
    assert high.position_label == "above the 90th percentile"
    p90 = hubs.metro_rows(wages).set_index("cbsa").loc[INDIANAPOLIS, "a_pct90"]
    assert high.position_bound == p90


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


def test_top_coded_ladder_is_not_used_as_number():
    ladder = {10: 100_000.0, 25: 150_000.0, 50: 200_000.0, 75: float("nan"), 90: float("nan")}
    assert stats.percentile_of(230_000, ladder) == float("inf")
    assert living.ordinal(float("inf")) == "above the 90th percentile"
    assert living.ordinal(21.4) == "21st percentile"
    assert living.ordinal(12) == "12th percentile"


def test_rent_burden_is_annual_rent_over_median(real):
    wages, metros, parities = real
    rents = _table("rents")
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
    assert hist["year"].min() == 2008 and hist["year"].max() == 2024
    assert len(hist) == 34
    with pytest.raises(ValueError, match="at least one metro"):
        living.price_history(parities, metros, [])


def test_fast_on_full_tables(real):
    wages, metros, parities = real
    rents = _table("rents")
    living.equivalent_salary(150_000, SAN_JOSE, SEATTLE, *real)
    start = time.perf_counter()
    living.equivalent_salary(150_000, SAN_JOSE, SEATTLE, *real)
    living.rent_burden(wages, metros, parities, rents, hubs.DEFAULT_HUBS)
    living.price_components(parities, metros, hubs.DEFAULT_HUBS)
    living.price_history(parities, metros, hubs.DEFAULT_HUBS)
    assert time.perf_counter() - start < 0.5
