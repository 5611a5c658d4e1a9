"""analysis.hubs: logic on tiny frames, known answers on the real processed tables."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from analysis import hubs
from tests.tables import table


@pytest.fixture(scope="module")
def real() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return table("wages"), table("metros"), table("price_parities")


# --- tiny frames --------------------------------------------------------------------------


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


@pytest.fixture
def tiny() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    wages = pd.DataFrame(
        [
            _wage_row("11111", 200_000.0, note=hubs.TOP_CODED),
            _wage_row("22222", 100_000.0),
            _wage_row("33333", 90_000.0),
        ]
    ).astype({"cbsa": "string", "a_pct90_note": "string"})
    metros = pd.DataFrame(
        {
            "cbsa": ["11111", "22222", "33333", "44444"],
            "title": ["Big, CA", "Mid, OH", "Small, TX", "Empty, ME"],
            "short_name": ["Big", "Mid", "Small", "Empty"],
            "principal_state": ["CA", "OH", "TX", "ME"],
            "lat": [37.0, 41.0, 30.0, 44.0],
            "lon": [-122.0, -81.0, -97.0, -70.0],
        }
    )
    parities = pd.DataFrame(
        {
            "geo_level": "metro",
            "geo_code": ["11111", "22222", "33333"],
            "year": 2024,
            "all_items": [125.0, 80.0, 100.0],
            "goods": [110.0, 90.0, 100.0],
            "housing": [200.0, 60.0, 100.0],
            "utilities": [120.0, 90.0, 100.0],
            "other_services": [110.0, 90.0, 100.0],
        }
    )
    return wages, metros, parities


def test_purchasing_power_divides_by_price_level(tiny):
    table = hubs.compare_hubs(*tiny, cbsas=["11111", "22222", "33333"]).table.set_index("cbsa")
    assert table.loc["11111", "real_median"] == pytest.approx(160_000)
    assert table.loc["22222", "real_median"] == pytest.approx(125_000)
    assert table.loc["33333", "real_median"] == pytest.approx(90_000)


def test_ranks_change_after_cost_of_living(tiny):
    table = hubs.compare_hubs(*tiny, cbsas=["11111", "22222", "33333"]).table.set_index("cbsa")
    assert table["rank_nominal"].tolist() == [1, 2, 3]
    assert table.loc[["11111", "22222", "33333"], "rank_real"].tolist() == [1, 2, 3]
    # housing-weighted: Big's index 0.33*200 + 0.67*110 = 139.7; Mid 0.33*60 + 0.67*90 = 80.1
    assert table.loc["11111", "hw_index"] == pytest.approx(139.7)
    assert table.loc["22222", "hw_median"] == pytest.approx(100_000 / 0.801)
    # weight 1 = housing only: Mid at 60 now beats Big at 200
    heavy = hubs.compare_hubs(*tiny, cbsas=None, housing_weight=1.0).table.set_index("cbsa")
    assert heavy.loc["22222", "rank_hw"] == 1


def test_top_coded_never_becomes_a_number(tiny):
    table = hubs.compare_hubs(*tiny, cbsas=["11111"]).table
    row = table.iloc[0]
    assert np.isnan(row["p90"]) and row["p90_note"] == hubs.TOP_CODED
    assert np.isnan(row["real_p90"]) and np.isnan(row["hw_p90"])
    values, coded = hubs.ladder(row)
    assert 90 not in {k for k, v in values.items() if np.isfinite(v)} and coded == {90}


def test_metro_without_data_is_listed_as_missing(tiny):
    result = hubs.compare_hubs(*tiny, cbsas=["22222", "44444"])
    assert result.table["cbsa"].tolist() == ["22222"]
    assert result.missing == ["Empty, ME"]
    with pytest.raises(ValueError, match="None of the selected metros"):
        hubs.compare_hubs(*tiny, cbsas=["44444"])
    with pytest.raises(ValueError, match="occupation"):
        hubs.compare_hubs(*tiny, occupation="99-9999")


def test_inputs_are_not_mutated(tiny):
    copies = [f.copy() for f in tiny]
    hubs.compare_hubs(*tiny, cbsas=None)
    hubs.all_metros_for_map(*tiny)
    for before, after in zip(copies, tiny, strict=True):
        pd.testing.assert_frame_equal(before, after)


def test_housing_weight_out_of_range(tiny):
    with pytest.raises(ValueError, match="between 0 and 1"):
        hubs.compare_hubs(*tiny, cbsas=None, housing_weight=1.5)


def test_median_interval_uses_mean_rse(tiny):
    row = hubs.compare_hubs(*tiny, cbsas=["22222"]).table.iloc[0]
    assert row["median_ci_low"] == pytest.approx(100_000 * (1 - hubs.Z95 * 0.02))
    assert row["median_ci_high"] == pytest.approx(100_000 * (1 + hubs.Z95 * 0.02))


def test_equal_power_line_goes_through_national_median():
    line = hubs.equal_power_line(100_000, 80, 120)
    assert line["pay"].tolist() == [80_000, 120_000]


# --- real tables --------------------------------------------------------------------------


def test_known_medians_bls_publishes(real):
    table = hubs.compare_hubs(*real).table.set_index("cbsa")
    assert table.loc["41940", "median"] == 185_080  # San Jose, Data Scientists, May 2025
    assert table.loc["41860", "median"] == 170_110  # San Francisco
    assert table.loc["42660", "median"] == 164_740  # Seattle
    assert len(table) == 10
    assert table.loc["41940", "rank_nominal"] == 1


def test_real_pay_is_nominal_over_price_level_exactly(real):
    table = hubs.compare_hubs(*real, cbsas=None).table
    priced = table[table["rpp"].notna()]
    assert len(priced) > 200
    for name in hubs.PCT_NAMES:
        expected = priced[name] / (priced["rpp"] / 100)
        pd.testing.assert_series_equal(priced[f"real_{name}"], expected, check_names=False)


def test_ranks_are_consistent_with_values(real):
    table = hubs.compare_hubs(*real, cbsas=None).table
    for value, rank in (("median", "rank_nominal"), ("real_median", "rank_real")):
        ranked = table[table[value].notna()].sort_values(rank)
        assert ranked[rank].iloc[0] == 1
        assert ranked[value].is_monotonic_decreasing
        assert table.loc[table[value].isna(), rank].isna().all()


def test_map_covers_every_metro_with_data(real):
    wages, metros, parities = real
    options = hubs.metro_options(wages, metros)
    points = hubs.all_metros_for_map(wages, metros, parities)
    assert len(points) >= len(options) - 5  # a few (Puerto Rico, new CBSAs) may lack centroids
    assert points[["lat", "lon", "median"]].notna().all().all()
    assert points["employment"].notna().mean() > 0.9  # BLS withholds a few employment counts
    assert options["label"].is_unique
    assert "San Jose, CA" in set(options["label"])


def test_top_coding_respected_on_real_data(real):
    wages = real[0]
    top = wages[wages["a_pct90_note"] == hubs.TOP_CODED]
    assert top["a_pct90"].isna().all()


def test_fast_on_full_tables(real):
    hubs.compare_hubs(*real)
    start = time.perf_counter()
    hubs.compare_hubs(*real)
    hubs.all_metros_for_map(*real)
    assert time.perf_counter() - start < 0.5  # generous for CI; ~25 ms locally


def test_metro_labels_do_not_repeat_the_state():
    metros = pd.DataFrame(
        {
            "cbsa": ["17410", "17420", "41940"],
            "short_name": ["Cleveland, OH", "Cleveland, TN", "San Jose"],
            "title": ["Cleveland, OH", "Cleveland, TN", "San Jose-Sunnyvale-Santa Clara, CA"],
            "principal_state": ["OH", "TN", "CA"],
        }
    )
    labels = hubs.metro_names(metros)["label"].tolist()
    assert labels == ["Cleveland, OH", "Cleveland, TN", "San Jose, CA"]
