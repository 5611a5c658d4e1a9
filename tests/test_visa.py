"""analysis.visa: the OFLC wage level a base reaches in a place, worked by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import visa
from tests.tables import real, tiny

METROS = pd.DataFrame(
    {
        "cbsa": ["42660", "11111", "0100001", "25540"],
        "title": [
            "Seattle-Tacoma-Bellevue, WA",
            "Twin, AL",
            "Northwest Alabama nonmetropolitan area",
            "Hartford-West Hartford-East Hartford, CT",
        ],
        "short_name": ["Seattle", "Twin", "Northwest Alabama nonmetro", "Hartford"],
        "principal_state": ["WA", "AL", "AL", "CT"],
        "kind": ["metro", "metro", "nonmetro", "metro"],
    }
)


def row(fips, county, state, cbsa, *levels, soc="15-1252"):
    return {
        "soc": soc,
        "fips": fips,
        "county": county,
        "state": state,
        "cbsa": cbsa,
        **dict(zip(visa.COLUMNS, map(float, levels), strict=True)),
    }


COUNTY_LEVELS = pd.DataFrame(
    [
        # Seattle, 15-1252: the published levels of King County (wage_levels/15-1252.json)
        row("53033", "King County", "WA", "42660", 117748, 149240, 180710, 212201),
        row("53061", "Snohomish County", "WA", "42660", 117748, 149240, 180710, 212201),
        # a metro whose two counties differ
        row("01001", "A County", "AL", "11111", 100000, 120000, 140000, 160000),
        row("01003", "B County", "AL", "11111", 110000, 130000, 150000, 170000),
        # Alabama counties outside metros
        row("01005", "C County", "AL", None, 50000, 60000, 70000, 80000),
        row("01007", "D County", "AL", None, 55000, 65000, 75000, 85000),
        row("53001", "Adams County", "WA", None, 1, 2, 3, 4),  # another state: never read
        row("53033", "King County", "WA", "42660", 96116, 129708, 163321, 196913, soc="15-2051"),
    ]
).astype({"cbsa": "string"})


@pytest.fixture
def data():
    return tiny(metros=METROS, wage_levels=COUNTY_LEVELS)


@pytest.mark.parametrize(
    ("base", "level", "next_level", "next_base"),
    [
        (117_747, "below I", "I", 117_748),
        (117_748, "I", "II", 149_240),  # a base equal to a level's wage reaches it
        (150_000, "II", "III", 180_710),
        (180_709, "II", "III", 180_710),
        (212_201, "IV", None, None),
        (400_000, "IV", None, None),
    ],
)
def test_level_and_the_base_reaching_the_next_one(data, base, level, next_level, next_base):
    found = visa.wage_level(data, "42660", "15-1252", base)
    assert (found.level, found.next_level, found.next_base) == (level, next_level, next_base)
    assert found.highest_level == level and found.uniform
    assert found.counties == ("King County, WA", "Snohomish County, WA")
    assert found.area == "Seattle, WA" and visa.CAVEAT in found.basis


def test_counties_at_different_levels_give_the_range(data):
    # A: I 100k, II 120k, III 140k; B: I 110k, II 130k. $125,000 is Level II in A, I in B:
    # Level I everywhere, II at best; Level II in every county takes B's $130,000.
    found = visa.wage_level(data, "11111", "15-1252", 125_000)
    assert (found.level, found.highest_level) == ("I", "II")
    assert (found.next_level, found.next_base) == ("II", 130_000)
    assert found.low == (100_000, 120_000, 140_000, 160_000)
    assert found.high == (110_000, 130_000, 150_000, 170_000)
    assert not found.uniform and "range" in found.basis


def test_a_nonmetro_area_reads_its_states_counties_outside_metros(data):
    # C: II at 60k, III at 70k; D: II at 65k, III at 75k. $66,000: II in both.
    found = visa.wage_level(data, "0100001", "15-1252", 66_000)
    assert found.counties == ("C County, AL", "D County, AL")
    assert (found.level, found.highest_level, found.next_base) == ("II", "II", 75_000)
    assert "nonmetropolitan" in found.basis and "AL" in found.basis


@pytest.mark.parametrize(
    ("cbsa", "occupation", "base", "says"),
    [
        ("99999", "15-1252", 100_000, "Unknown area code"),
        ("42660", "15-9999", 100_000, "published here for 15-1252, 15-2051"),
        ("25540", "15-1252", 100_000, "No OFLC wage levels for Hartford, CT"),
        ("42660", "15-1252", 0, "positive number"),
        ("42660", "15-1252", math.nan, "positive number"),
    ],
)
def test_what_cannot_be_answered_says_why(data, cbsa, occupation, base, says):
    with pytest.raises(ValueError, match=says):
        visa.wage_level(data, cbsa, occupation, base)


@pytest.mark.parametrize(
    ("cbsa", "occupation", "base", "level", "next_level", "next_base"),
    [
        # oflc_lca/wage_levels/15-2051.json, King County (53033): 96,116 / 129,708 / 163,321
        ("42660", "15-2051", 150_000, "II", "III", 163_321),
        # 15-1252.json, Santa Clara County (06085): 149,364 / 187,740 / 226,137 / 264,513
        ("41940", "15-1252", 150_000, "I", "II", 187_740),
        ("41940", "15-1252", 264_513, "IV", None, None),
        # 15-2051.json, Santa Clara County: Level I 123,531
        ("41940", "15-2051", 100_000, "below I", "I", 123_531),
    ],
)
def test_real_seattle_and_san_jose(cbsa, occupation, base, level, next_level, next_base):
    found = visa.wage_level(real(), cbsa, occupation, base)
    assert (found.level, found.next_level, found.next_base) == (level, next_level, next_base)
    assert found.uniform  # every county of these metros has the same levels


def test_real_metro_without_levels_is_refused():
    with pytest.raises(ValueError, match="Hartford"):  # Connecticut is not in the county table
        visa.wage_level(real(), "25540", "15-2051", 120_000)
