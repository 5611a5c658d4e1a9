"""analysis.hubs: logic on tiny frames, BLS and BEA published figures on the real tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import hubs, stats
from analysis.wages import TOP_CODED
from tests.tables import TOP_CODE, real, tiny

SAN_JOSE, SAN_FRANCISCO, SEATTLE, INDIANAPOLIS = "41940", "41860", "42660", "26900"


# --- tiny frames ---------------------------------------------------------------------------------


def _wage_row(cbsa: str, median: float, note: str | None = None, **extra) -> dict:
    row = {
        "area_type": "metro",
        "area_code": "00" + cbsa,
        "cbsa": cbsa,
        "area_name": f"Metro {cbsa}",
        "industry_code": "000000",
        "occ_code": "15-2051",
        "occ_title": "Data Scientists",
        "tot_emp": 1000.0,
        "emp_prse": 5.0,
        "mean_prse": 2.0,
        "jobs_1000": 1.0,
        "loc_quotient": 1.0,
        "a_pct10": median * 0.6,
        "a_pct25": median * 0.8,
        "a_median": median,
        "a_pct75": median * 1.2,
        "a_pct90": median * 1.4,
    }
    for col in hubs.WAGE_COLUMNS:
        row[f"{col}_note"] = None
    row.update(extra)
    if note:
        row["a_pct90"] = np.nan
        row["a_pct90_note"] = note
    return row


def _tiny_frames() -> dict[str, pd.DataFrame]:
    wages = pd.DataFrame(
        [
            _wage_row("11111", 200_000.0, note=TOP_CODED),
            _wage_row("22222", 100_000.0),
            _wage_row("33333", 90_000.0),
            _wage_row("55555", np.nan, a_median_note="not released"),
            {**_wage_row("00000", 120_000.0), "area_type": "national", "cbsa": None},
        ]
    ).astype({"cbsa": "string", "a_pct90_note": "string", "a_median_note": "string"})
    metros = pd.DataFrame(
        {
            "cbsa": ["11111", "22222", "33333", "44444", "55555"],
            "title": ["Big, CA", "Mid, OH", "Small, TX", "Empty, ME", "Quiet, VT"],
            "short_name": ["Big", "Mid", "Small", "Empty", "Quiet"],
            "principal_state": ["CA", "OH", "TX", "ME", "VT"],
            "lat": [37.0, 41.0, np.nan, 44.0, 44.5],
            "lon": [-122.0, -81.0, np.nan, -70.0, -72.0],
        }
    ).astype({"cbsa": "string", "title": "string", "short_name": "string"})
    parities = pd.DataFrame(
        {
            "geo_level": "metro",
            "geo_code": ["11111", "22222", "33333", "11111"],
            "year": [2024, 2024, 2024, 2019],
            "all_items": [125.0, 80.0, 100.0, 150.0],
            "goods": [110.0, 90.0, 100.0, 100.0],
            "housing": [200.0, 60.0, 100.0, 100.0],
            "utilities": [120.0, 90.0, 100.0, 100.0],
            "other_services": [110.0, 90.0, 100.0, 100.0],
        }
    )
    return {"wages": wages, "metros": metros, "price_parities": parities}


@pytest.fixture
def frames() -> dict[str, pd.DataFrame]:
    return _tiny_frames()


@pytest.fixture
def data(frames):
    return tiny(**frames)


THREE = ["11111", "22222", "33333"]


def test_purchasing_power_divides_by_price_level(data):
    table = hubs.compare_hubs(data, cbsas=THREE).table.set_index("cbsa")
    assert table.loc["11111", "real_median"] == pytest.approx(160_000)  # 200,000 / 1.25
    assert table.loc["22222", "real_median"] == pytest.approx(125_000)  # 100,000 / 0.80
    assert table.loc["33333", "real_median"] == pytest.approx(90_000)
    assert table.loc["22222", "real_p25"] == pytest.approx(100_000)  # 80,000 / 0.80


def test_ranks_change_after_cost_of_living(data):
    result = hubs.compare_hubs(data, cbsas=THREE)
    assert result.year == 2024 and result.occ_title == "Data Scientists"
    table = result.table.set_index("cbsa")
    assert list(table.index) == ["11111", "22222", "33333"]  # sorted by nominal median
    assert table["rank_nominal"].tolist() == [1, 2, 3]
    assert table["rank_real"].tolist() == [1, 2, 3]
    # housing-weighted: Big's index 0.33*200 + 0.67*110 = 139.7; Mid 0.33*60 + 0.67*90 = 80.1
    assert table.loc["11111", "hw_index"] == pytest.approx(139.7)
    assert table.loc["22222", "hw_median"] == pytest.approx(100_000 / 0.801)
    # Weight 1 = housing only: Mid (100,000 / 0.6) now beats Big (200,000 / 2.0) and Small
    # (90,000 / 1.0).
    heavy = hubs.compare_hubs(data, cbsas=None, housing_weight=1.0).table.set_index("cbsa")
    assert heavy.loc[THREE, "rank_hw"].tolist() == [2, 1, 3]
    # Weight 0: goods and other services only.
    light = hubs.compare_hubs(data, cbsas=THREE, housing_weight=0.0).table.set_index("cbsa")
    assert light.loc["11111", "hw_index"] == pytest.approx(110.0)


def test_price_year_is_a_parameter_defaulting_to_the_latest(data):
    old = hubs.compare_hubs(data, cbsas=["11111"], year=2019)
    assert old.year == 2019
    assert old.table.iloc[0]["rpp"] == 150.0
    assert old.table.iloc[0]["real_median"] == pytest.approx(200_000 / 1.5)


def test_top_coded_never_becomes_a_number(data):
    result = hubs.compare_hubs(data, cbsas=THREE)
    row = result.table.set_index("cbsa").loc["11111"]
    assert np.isnan(row["p90"]) and row["p90_note"] == TOP_CODED
    assert np.isnan(row["real_p90"]) and np.isnan(row["hw_p90"])
    assert result.n_top_coded == 1
    ladder = hubs.hub_ladder(row, TOP_CODE)
    assert ladder.top_coded == frozenset({90}) and ladder.top_code == TOP_CODE
    assert np.isnan(ladder.points[90]) and ladder.points[50] == 200_000
    real_ladder = hubs.hub_ladder(row, TOP_CODE, prefix="real_")
    assert real_ladder.points[50] == pytest.approx(160_000)
    assert real_ladder.top_coded == frozenset({90})


def test_metro_without_data_is_listed_as_missing(data):
    result = hubs.compare_hubs(data, cbsas=["22222", "44444", "55555", "22222"])
    assert result.table["cbsa"].tolist() == ["22222"]
    assert result.missing == ["Empty, ME", "Quiet, VT"]
    with pytest.raises(ValueError, match="None of the selected metros"):
        hubs.compare_hubs(data, cbsas=["44444"])
    with pytest.raises(ValueError, match="occupation"):
        hubs.compare_hubs(data, occupation="99-9999")


def test_every_metro_with_a_published_median_when_cbsas_is_none(data):
    table = hubs.compare_hubs(data, cbsas=None).table
    assert sorted(table["cbsa"]) == THREE  # not released (55555) and national rows left out


def test_inputs_are_not_mutated(frames, data):
    copies = {name: frame.copy() for name, frame in frames.items()}
    hubs.compare_hubs(data, cbsas=None)
    hubs.all_metros_for_map(data)
    hubs.equal_power_line(data)
    for name, frame in frames.items():
        pd.testing.assert_frame_equal(frame, copies[name])


def test_housing_weight_out_of_range(data):
    with pytest.raises(ValueError, match="between 0 and 1"):
        hubs.compare_hubs(data, cbsas=None, housing_weight=1.5)
    with pytest.raises(ValueError, match="between 0 and 1"):
        hubs.housing_weighted_index(pd.Series([1.0]), pd.Series([1.0]), pd.Series([1.0]), -0.1)


def test_housing_weighted_index_is_100_at_us_prices_for_any_weight():
    us = pd.Series([100.0])
    for weight in (0.0, 0.33, 0.5, 1.0):
        assert hubs.housing_weighted_index(us, us, us, weight).item() == pytest.approx(100.0)


def test_median_interval_uses_mean_rse(data):
    row = hubs.compare_hubs(data, cbsas=["22222"]).table.iloc[0]
    assert row["median_ci_low"] == pytest.approx(100_000 * (1 - 1.959964 * 0.02))
    assert row["median_ci_high"] == pytest.approx(100_000 * (1 + 1.959964 * 0.02))


def test_map_keeps_metros_with_a_centroid(data):
    points = hubs.all_metros_for_map(data)
    assert sorted(points["cbsa"]) == ["11111", "22222"]  # 33333 has no centroid
    assert list(points.columns) == [
        "cbsa", "label", "lat", "lon", "employment", "median", "median_note", "rpp", "real_median"
    ]  # fmt: skip


def test_equal_power_line_goes_through_the_national_median(data):
    # National median 120,000; the map's price levels run from 80 (Mid) to 125 (Big).
    line = hubs.equal_power_line(data)
    assert line["rpp"].tolist() == [80.0, 125.0]
    assert line["pay"].tolist() == pytest.approx([96_000.0, 150_000.0])


# --- real tables ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def every_metro() -> pd.DataFrame:
    return hubs.compare_hubs(real(), cbsas=None).table


def test_known_medians_bls_publishes():
    result = hubs.compare_hubs(real())
    table = result.table.set_index("cbsa")
    # BLS OEWS May 2025, Data Scientists (15-2051), metro medians.
    assert table.loc[SAN_JOSE, "median"] == 185_080
    assert table.loc[SAN_FRANCISCO, "median"] == 170_110
    assert table.loc[SEATTLE, "median"] == 164_740
    assert table.loc[INDIANAPOLIS, "median"] == 99_110
    assert table.loc[SAN_JOSE, "employment"] == 6_060
    assert table.loc[SAN_JOSE, "mean_prse"] == 0.8
    assert len(table) == 10 and result.missing == [] and result.year == 2024
    assert table.loc[SAN_JOSE, "rank_nominal"] == 1
    assert table.loc[SAN_JOSE, "label"] == "San Jose, CA"


def test_real_pay_uses_the_published_bea_parity():
    table = hubs.compare_hubs(real(), cbsas=[SAN_FRANCISCO, SAN_JOSE]).table.set_index("cbsa")
    # BEA RPP 2024 all items: San Francisco 115.613, San Jose 110.423 (US = 100).
    assert table.loc[SAN_FRANCISCO, "real_median"] == pytest.approx(170_110 / 1.15613, rel=1e-5)
    assert table.loc[SAN_JOSE, "real_median"] == pytest.approx(185_080 / 1.10423, rel=1e-5)
    # Housing-weighted, BEA components 2024 for San Francisco: housing 194.718, goods 108.465,
    # other services 106.207.
    hw = 0.33 * 194.718 + 0.67 * (108.465 + 106.207) / 2
    assert table.loc[SAN_FRANCISCO, "hw_index"] == pytest.approx(hw, rel=1e-5)


def test_real_pay_is_nominal_over_price_level_for_every_metro(every_metro):
    priced = every_metro[every_metro["rpp"].notna()]
    assert len(priced) > 250
    for name in hubs.PCT_NAMES:
        expected = priced[name] / (priced["rpp"] / 100)
        pd.testing.assert_series_equal(priced[f"real_{name}"], expected, check_names=False)


def test_ranks_are_consistent_with_values(every_metro):
    for value, rank in (
        ("median", "rank_nominal"),
        ("real_median", "rank_real"),
        ("hw_median", "rank_hw"),
    ):
        ranked = every_metro[every_metro[value].notna()].sort_values(rank)
        assert ranked[rank].iloc[0] == 1
        assert ranked[value].is_monotonic_decreasing
        assert every_metro.loc[every_metro[value].isna(), rank].isna().all()


def test_every_metro_is_each_place_bls_publishes_a_median_for(every_metro):
    # May 2025 extract, Data Scientists: 282 metros and 78 of the 82 nonmetropolitan areas
    # publish a median (raw counts, see test_wages); OEWS nonmetro codes have 7 digits.
    assert every_metro["cbsa"].is_unique
    assert (every_metro["cbsa"].str.len() == 5).sum() == 282
    assert (every_metro["cbsa"].str.len() == 7).sum() == 78


def test_map_covers_every_metro_with_a_centroid(every_metro):
    points = hubs.all_metros_for_map(real())
    metros = real().metros
    located = set(metros.loc[metros["lat"].notna() & metros["lon"].notna(), "cbsa"])
    assert set(points["cbsa"]) == set(every_metro["cbsa"]) & located
    assert points[["lat", "lon", "median"]].notna().all().all()


def test_real_equal_power_line_is_the_national_median_at_us_prices():
    line = hubs.equal_power_line(real())
    # Through (RPP, pay) points on the line pay = 120,230 x RPP / 100 (US median, BLS).
    assert (line["pay"] / line["rpp"] * 100).tolist() == pytest.approx([120_230, 120_230])
    assert line["rpp"].iloc[0] < 100 < line["rpp"].iloc[1]


def test_real_frames_are_not_mutated():
    before = {name: real().table(name).copy() for name in ("wages", "metros", "price_parities")}
    hubs.compare_hubs(real(), cbsas=None)
    hubs.all_metros_for_map(real())
    for name, frame in before.items():
        pd.testing.assert_frame_equal(real().table(name), frame)


def test_hub_ladder_places_the_published_median_at_the_50th():
    row = hubs.compare_hubs(real(), cbsas=[SAN_JOSE]).table.iloc[0]
    ladder = hubs.hub_ladder(row, real().facts.top_code)
    assert ladder.points == {10: 109_740, 25: 149_570, 50: 185_080, 75: 219_460, 90: 282_840}
    assert stats.percentile_of(185_080, ladder).percentile == 50
