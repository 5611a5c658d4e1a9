"""analysis.metros: display names, BEA price levels (as BEA publishes them), hubs, pickers."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis import metros
from tests.tables import real, tiny

SAN_FRANCISCO, SAN_JOSE, NEW_YORK, KANSAS_CITY = "41860", "41940", "35620", "28140"


def _metros(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """(cbsa, short_name, title, principal_state) rows of a tiny metros table."""
    return pd.DataFrame(rows, columns=["cbsa", "short_name", "title", "principal_state"]).astype(
        "string"
    )


def _parities(rows: list[tuple[str, str, int, float]]) -> pd.DataFrame:
    """(geo_level, geo_code, year, all_items) rows; components derived from all_items."""
    frame = pd.DataFrame(rows, columns=["geo_level", "geo_code", "year", "all_items"])
    return frame.assign(
        goods=frame["all_items"] - 1,
        housing=frame["all_items"] + 10,
        utilities=frame["all_items"] - 2,
        other_services=frame["all_items"] + 1,
    )


# --- names ---------------------------------------------------------------------------------------


def test_labels_add_the_state_once_and_fall_back_to_the_title_on_a_clash():
    table = _metros(
        [
            ("17410", "Cleveland, OH", "Cleveland, OH", "OH"),
            ("17420", "Cleveland, TN", "Cleveland, TN", "TN"),
            ("41940", "San Jose", "San Jose-Sunnyvale-Santa Clara, CA", "CA"),
            ("38900", "Portland", "Portland-Vancouver-Hillsboro, OR-WA", "OR"),
            ("38860", "Portland", "Portland-South Portland, ME", "ME"),
            ("44100", "Springfield", "Springfield, IL", "IL"),
            ("99998", "Springfield", "Springfield-Other, IL", "IL"),
        ]
    )
    before = table.copy()
    labels = metros.metro_names(tiny(metros=table))["label"].tolist()
    pd.testing.assert_frame_equal(table, before)
    assert labels == [
        "Cleveland, OH",  # short name already carries the state: not "Cleveland, OH, OH"
        "Cleveland, TN",
        "San Jose, CA",
        "Portland, OR",  # two Portlands: the state tells them apart
        "Portland, ME",
        "Springfield, IL",  # same city, same state: the full official title
        "Springfield-Other, IL",
    ]


def test_metro_labels_sorted_and_hub_names_in_the_order_asked():
    data = tiny(
        metros=_metros(
            [
                ("41940", "San Jose", "SJ", "CA"),
                ("12420", "Austin", "AUS", "TX"),
                ("35620", "New York", "NY", "NY"),
            ]
        )
    )
    assert list(metros.metro_labels(data).values()) == [
        "Austin, TX",
        "New York, NY",
        "San Jose, CA",
    ]
    assert metros.hub_names(data, ["41940", "99999", "12420"]) == {
        "41940": "San Jose, CA",
        "12420": "Austin, TX",
    }


def test_real_hub_names_cover_the_ten_default_hubs():
    names = metros.hub_names(real())
    assert list(names) == list(metros.DEFAULT_HUBS) and len(names) == 10
    assert names[SAN_JOSE] == "San Jose, CA"
    assert names[NEW_YORK] == "New York, NY"
    assert names["17410"] == "Cleveland, OH"
    assert names[KANSAS_CITY] == "Kansas City, MO"
    labels = metros.metro_labels(real())
    assert len(labels) == len(real().metros) and len(set(labels.values())) == len(labels)


def test_jurisdiction_state_is_the_principal_state():
    assert metros.jurisdiction_state(real(), KANSAS_CITY) == "MO"  # Kansas City, MO-KS
    assert metros.jurisdiction_state(real(), NEW_YORK) == "NY"  # New York-Newark-Jersey City
    with pytest.raises(ValueError, match="Unknown metro"):
        metros.jurisdiction_state(real(), "99999")


# --- metro picker --------------------------------------------------------------------------------


def _wage(cbsa: str, median: float, note: object = pd.NA, occ: str = "15-2051") -> dict:
    return {
        "area_type": "metro",
        "cbsa": cbsa,
        "area_name": f"OEWS {cbsa}",
        "industry_code": "000000",
        "occ_code": occ,
        "tot_emp": 100.0,
        "a_median": median,
        "a_median_note": note,
    }


def test_metro_options_keep_published_and_top_coded_medians_only():
    wages = pd.DataFrame(
        [
            _wage("41940", 185_080.0),
            _wage("12420", np.nan, "top-coded"),
            _wage("35620", np.nan, "not released"),
            _wage("77777", 90_000.0),  # not in the metros table: keeps its OEWS name
            _wage("41940", 150_000.0, occ="15-1252"),
        ]
    ).astype({"cbsa": "string", "a_median_note": "string", "area_name": "string"})
    table = _metros([("41940", "San Jose", "SJ", "CA"), ("12420", "Austin", "AUS", "TX")])
    out = metros.metro_options(tiny(wages=wages, metros=table), "15-2051")
    assert out.to_dict("list") == {
        "cbsa": ["12420", "77777", "41940"],
        "label": ["Austin, TX", "OEWS 77777", "San Jose, CA"],
        "employment": [100.0, 100.0, 100.0],
    }


def test_real_metro_options_are_the_metros_bls_publishes_a_median_for():
    # 282 metros and 78 nonmetro areas publish a 15-2051 median in the May 2025 extract (raw
    # counts, test_wages).
    options = metros.metro_options(real(), "15-2051")
    assert len(options) == 282 + 78
    assert "Alaska nonmetro, AK" in set(options["label"])
    assert options["label"].is_unique and options["label"].is_monotonic_increasing
    assert "San Jose, CA" in set(options["label"])
    assert options.set_index("cbsa").loc[SAN_JOSE, "employment"] == 6_060  # BLS TOT_EMP


# --- BEA price levels -----------------------------------------------------------------------------

# BEA RPP release of 2026-02-19 (MARPP_MSA_2008_2024.csv), US = 100:
# San Francisco-Oakland-Fremont, CA, 2024: all items 115.613, goods 108.465, housing 194.718,
# utilities 172.585, other services 106.207; all items 2019: 119.722.
BEA_SF_2024 = {
    "rpp": 115.613,
    "rpp_goods": 108.465,
    "rpp_housing": 194.718,
    "rpp_utilities": 172.585,
    "rpp_other": 106.207,
}


def test_real_price_levels_are_the_published_bea_parities():
    assert metros.latest_year(real()) == 2024
    levels = metros.price_levels(real()).set_index("cbsa")
    assert levels.loc[SAN_FRANCISCO].to_dict() == pytest.approx(BEA_SF_2024, abs=5e-4)
    assert metros.price_level(real(), SAN_FRANCISCO) == pytest.approx(115.613, abs=5e-4)
    assert metros.price_level(real(), SAN_FRANCISCO, 2019) == pytest.approx(119.722, abs=5e-4)
    assert metros.price_level(real(), SAN_JOSE) == pytest.approx(110.423, abs=5e-4)
    assert math.isnan(metros.price_level(real(), "99999"))
    assert levels.index.is_unique and len(levels) > 380  # 384 MSAs (+ a few new CBSAs)


def test_latest_year_reads_metro_rows_only():
    parities = _parities(
        [
            ("metro", "41940", 2022, 110.0),
            ("metro", "41940", 2023, 111.0),
            ("state", "06", 2024, 112.0),  # a newer state year does not count
        ]
    )
    data = tiny(price_parities=parities)
    assert metros.latest_year(data) == 2023
    assert metros.price_levels(data)["rpp"].tolist() == [111.0]
    assert metros.price_levels(data, 2022).iloc[0].to_dict() == {
        "cbsa": "41940",
        "rpp": 110.0,
        "rpp_goods": 109.0,
        "rpp_housing": 120.0,
        "rpp_utilities": 108.0,
        "rpp_other": 111.0,
    }
    with pytest.raises(ValueError, match="2019"):
        metros.price_levels(data, 2019)
    with pytest.raises(ValueError, match="no metro rows"):
        metros.latest_year(tiny(price_parities=parities[parities["geo_level"] == "state"]))


def test_same_purchasing_power_hand_worked_and_round_trip():
    # A metro 15% above the US average: $115,000 there buys what $100,000 buys at 100.
    assert metros.same_purchasing_power(115_000, 115.0, 100.0) == pytest.approx(100_000)
    assert metros.same_purchasing_power(150_000, 120.0, 90.0) == pytest.approx(112_500)
    there = metros.same_purchasing_power(123_456, 115.613, 95.696)
    assert metros.same_purchasing_power(there, 95.696, 115.613) == pytest.approx(123_456)
    for bad in ((100.0, 0.0), (-1.0, 100.0), (float("nan"), 100.0)):
        with pytest.raises(ValueError, match="positive"):
            metros.same_purchasing_power(1.0, *bad)


def test_default_hubs_are_ten_distinct_cbsa_codes():
    assert len(set(metros.DEFAULT_HUBS)) == 10
    assert all(len(c) == 5 and c.isdigit() for c in metros.DEFAULT_HUBS)
