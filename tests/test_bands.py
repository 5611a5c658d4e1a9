"""analysis.bands: market bands per metro, regions and their states, percentile targets, the
upload template (read back with analysis.band_check)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis import band_check, bands
from analysis.data import Tables
from tests.tables import TOP_CODE, real, tiny

SAN_JOSE, KANSAS_CITY, AUSTIN = "41940", "28140", "12420"

METROS = pd.DataFrame(
    {
        "cbsa": [SAN_JOSE, KANSAS_CITY, AUSTIN, "99998"],
        "title": [
            "San Jose-Sunnyvale-Santa Clara, CA",
            "Kansas City, MO-KS",
            "Austin-Round Rock-San Marcos, TX",
            "Nowhere, ME",
        ],
        "short_name": ["San Jose", "Kansas City", "Austin", "Nowhere"],
        "principal_state": ["CA", "MO", "TX", "ME"],
        "states": ["CA", "MO-KS", "TX", "ME"],
        "census_region": ["West", "Midwest", "South", "Northeast"],
        "lat": [37.3, 39.1, 30.3, np.nan],
        "lon": [-121.9, -94.6, -97.7, np.nan],
    }
).astype({"cbsa": "string", "title": "string", "short_name": "string"})


def wage_row(cbsa, p10, p25, med, p75, p90, emp, note90=pd.NA, occ="15-2051"):
    return {
        "area_type": "metro",
        "industry_code": "000000",
        "cbsa": cbsa,
        "occ_code": occ,
        "occ_title": {"15-2051": "Data Scientists", "15-1252": "Software Developers"}[occ],
        "a_pct10": p10,
        "a_pct25": p25,
        "a_median": med,
        "a_pct75": p75,
        "a_pct90": p90,
        "a_pct10_note": pd.NA,
        "a_pct25_note": pd.NA,
        "a_median_note": pd.NA,
        "a_pct75_note": pd.NA,
        "a_pct90_note": note90,
        "tot_emp": emp,
        "emp_prse": 5.0,
        "loc_quotient": 1.2,
    }


WAGES = pd.DataFrame(
    [
        wage_row(SAN_JOSE, 110_000, 140_000, 185_080, 230_000, np.nan, 10_000, "top-coded"),
        wage_row(KANSAS_CITY, 70_000, 85_000, 105_000, 130_000, 160_000, 2_000),
        wage_row(KANSAS_CITY, 80_000, 95_000, 115_000, 140_000, 170_000, 3_000, occ="15-1252"),
        {**wage_row(SAN_JOSE, 1, 2, 3, 4, 5, 6), "area_type": "state"},  # not a metro row
    ]
).astype({"cbsa": "string", "a_pct90_note": "string"})
PARITIES = pd.DataFrame(
    {
        "geo_level": ["metro", "metro", "metro"],
        "geo_code": [SAN_JOSE, KANSAS_CITY, SAN_JOSE],
        "year": [2024, 2024, 2019],
        "all_items": [118.0, 96.0, 111.0],
        "goods": 100.0,
        "housing": 100.0,
        "utilities": 100.0,
        "other_services": 100.0,
    }
)


def _data(wages: pd.DataFrame = WAGES, parities: pd.DataFrame = PARITIES) -> Tables:
    return tiny(wages=wages, metros=METROS, price_parities=parities)


def test_region_metros_by_region_and_by_any_state():
    data = _data()
    assert bands.region_metros(data, region="Midwest")["cbsa"].tolist() == [KANSAS_CITY]
    assert bands.region_metros(data, states=["KS"])["cbsa"].tolist() == [KANSAS_CITY]
    # Only metros with OEWS wages; sorted by short name.
    assert bands.region_metros(data)["cbsa"].tolist() == [KANSAS_CITY, SAN_JOSE]
    assert bands.regions(data) == ["Midwest", "Northeast", "South", "West"]
    assert bands.region_states(data) == ["CA", "KS", "MO"]
    assert bands.region_states(data, "Midwest") == ["KS", "MO"]


def test_market_bands_join_price_level_and_keep_topcoded_missing():
    out = bands.market_bands(_data(), [SAN_JOSE, KANSAS_CITY], ["15-2051"])
    assert out["cbsa"].tolist() == [KANSAS_CITY, SAN_JOSE]  # by occupation, then metro label
    sj = out.set_index("cbsa").loc[SAN_JOSE]
    assert (sj["metro"], sj["state"], sj["price_level"]) == ("San Jose, CA", "CA", 118.0)
    assert math.isnan(sj["a_pct90"]) and sj["a_pct90_note"] == "top-coded"
    assert sj["a_median"] == 185_080 and sj["tot_emp"] == 10_000


def test_market_bands_price_year_defaults_to_the_latest_or_is_asked():
    only_2019 = _data(parities=PARITIES[PARITIES["year"] == 2019])
    older = bands.market_bands(only_2019, [SAN_JOSE], ["15-2051"])
    assert older["price_level"].item() == 111.0
    asked = bands.market_bands(_data(), [SAN_JOSE], ["15-2051"], year=2019)
    assert asked["price_level"].item() == 111.0


def test_market_bands_empty_selection_is_a_clear_error():
    with pytest.raises(ValueError, match="at least one metro"):
        bands.market_bands(_data(), [], ["15-2051"])
    with pytest.raises(ValueError, match="at least one metro"):
        bands.market_bands(_data(), [SAN_JOSE], [])


def test_at_target_matches_published_points_and_refuses_a_topcoded_tail():
    out = bands.market_bands(_data(), [SAN_JOSE, KANSAS_CITY], ["15-2051"])
    assert bands.at_target(out, 50, TOP_CODE).tolist() == out["a_median"].tolist()
    at85 = bands.at_target(out, 85, TOP_CODE).set_axis(out["cbsa"])
    # Kansas City: log-linear between its 75th (130,000) and 90th (160,000), two thirds along.
    assert at85[KANSAS_CITY] == pytest.approx(130_000 * (160_000 / 130_000) ** (2 / 3))
    assert math.isnan(at85[SAN_JOSE])  # its 90th is top-coded: no number past the 75th
    assert math.isnan(bands.at_target(out, 95, TOP_CODE).iloc[0])


def test_labelled_bands_and_talent_pools():
    one = bands.labelled_bands(_data(), [SAN_JOSE, KANSAS_CITY], ["15-2051"], target=50)
    assert one["label"].tolist() == ["San Jose, CA", "Kansas City, MO"]  # by median, highest
    assert one["target_pay"].tolist() == [185_080, 105_000]
    two = bands.labelled_bands(_data(), [SAN_JOSE, KANSAS_CITY], ["15-2051", "15-1252"])
    assert "Kansas City, MO · 15-1252" in set(two["label"]) and "target_pay" not in two
    pools = bands.talent_pools(_data(), [SAN_JOSE, KANSAS_CITY], "15-2051")
    assert set(pools["cbsa"]) == {SAN_JOSE, KANSAS_CITY}
    assert pools.set_index("cbsa").loc[SAN_JOSE, "lat"] == 37.3


def test_upload_template_is_made_from_the_data_and_parses():
    out = bands.market_bands(_data(), [SAN_JOSE, KANSAS_CITY], ["15-2051"])
    template = bands.upload_template(out)
    lines = template.decode().splitlines()
    assert lines[0] == "role,metro,level,min,mid,max" and len(lines) == 3
    assert lines[1] == '15-2051,"Kansas City, MO",,85000,105000,130000'
    parsed = band_check.read_bands(_data(), template, "15-2051")
    assert parsed.problems.empty
    rows = parsed.rows.set_index("cbsa")
    assert rows.loc[SAN_JOSE, "mid"] == 185_080 and rows.loc[KANSAS_CITY, "min"] == 85_000


def test_inputs_are_not_mutated():
    frames = {"wages": WAGES.copy(), "metros": METROS.copy(), "parities": PARITIES.copy()}
    bands.labelled_bands(_data(), [SAN_JOSE, KANSAS_CITY], ["15-2051"], target=85)
    pd.testing.assert_frame_equal(WAGES, frames["wages"])
    pd.testing.assert_frame_equal(METROS, frames["metros"])
    pd.testing.assert_frame_equal(PARITIES, frames["parities"])


# --- the real tables ------------------------------------------------------------------------------


def test_real_market_bands_are_the_published_figures():
    out = bands.market_bands(real(), [SAN_JOSE, KANSAS_CITY], ["15-2051"]).set_index("cbsa")
    # BLS OEWS May 2025, 15-2051: San Jose and Kansas City annual percentiles; BEA RPP 2024.
    assert out.loc[SAN_JOSE, list(bands.PCT_COLUMNS)].tolist() == [
        109_740, 149_570, 185_080, 219_460, 282_840
    ]  # fmt: skip
    assert out.loc[KANSAS_CITY, list(bands.PCT_COLUMNS)].tolist() == [
        61_820, 75_960, 99_870, 128_540, 149_060
    ]  # fmt: skip
    assert out.loc[SAN_JOSE, "tot_emp"] == 6_060 and out.loc[KANSAS_CITY, "tot_emp"] == 1_260
    assert out.loc[SAN_JOSE, "price_level"] == pytest.approx(110.423, abs=5e-4)
    assert out.loc[KANSAS_CITY, "metro"] == "Kansas City, MO"


def test_real_regions_cover_the_four_census_regions():
    assert bands.regions(real()) == ["Midwest", "Northeast", "South", "West"]
    west = bands.region_metros(real(), "West")
    assert SAN_JOSE in set(west["cbsa"]) and (west["census_region"] == "West").all()
    assert "KS" in bands.region_states(real(), "Midwest")
