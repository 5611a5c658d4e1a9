import math

import numpy as np
import pandas as pd
import pytest

from analysis import bands, stats
from analysis.bands import UploadError, parse_upload

METROS = pd.DataFrame(
    {
        "cbsa": ["41940", "28140", "12420"],
        "title": [
            "San Jose-Sunnyvale-Santa Clara, CA",
            "Kansas City, MO-KS",
            "Austin-Round Rock-San Marcos, TX",
        ],
        "short_name": ["San Jose", "Kansas City", "Austin"],
        "principal_state": ["CA", "MO", "TX"],
        "states": ["CA", "MO-KS", "TX"],
        "census_region": ["West", "Midwest", "South"],
    }
)


def wage_row(cbsa, p10, p25, med, p75, p90, emp, note90=pd.NA):
    return {
        "area_type": "metro",
        "industry_code": "000000",
        "cbsa": cbsa,
        "occ_code": "15-2051",
        "occ_title": "Data Scientists",
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
        wage_row("41940", 110_000, 140_000, 185_080, 230_000, np.nan, 10_000, "top-coded"),
        wage_row("28140", 70_000, 85_000, 105_000, 130_000, 160_000, 2_000),
    ]
)
PARITIES = pd.DataFrame(
    {
        "geo_level": ["metro", "metro", "metro"],
        "geo_code": ["41940", "28140", "41940"],
        "year": [2024, 2024, 2019],
        "all_items": [118.0, 96.0, 111.0],
    }
)


def test_region_metros_by_region_and_by_any_state():
    assert bands.region_metros(METROS, region="Midwest")["cbsa"].tolist() == ["28140"]
    assert bands.region_metros(METROS, states=["KS"])["cbsa"].tolist() == ["28140"]
    assert len(bands.region_metros(METROS)) == 3


def test_market_bands_join_price_level_and_keep_topcoded_missing():
    out = bands.market_bands(WAGES, METROS, PARITIES, ["41940", "28140"], ["15-2051"])
    sj = out.set_index("cbsa").loc["41940"]
    assert sj["metro"] == "San Jose, CA" and sj["price_level"] == 118.0
    assert math.isnan(sj["a_pct90"]) and sj["a_pct90_note"] == "top-coded"


def test_market_bands_empty_selection_is_a_clear_error():
    with pytest.raises(ValueError, match="at least one metro"):
        bands.market_bands(WAGES, METROS, PARITIES, [], ["15-2051"])


def test_market_bands_price_level_is_the_latest_year_in_the_data():
    out = bands.market_bands(WAGES, METROS, PARITIES[PARITIES["year"] == 2019], ["41940"],
                             ["15-2051"])  # fmt: skip
    assert out["price_level"].item() == 111.0


def test_regional_band_is_employment_weighted_and_excludes_topcoded():
    out = bands.market_bands(WAGES, METROS, PARITIES, ["41940", "28140"], ["15-2051"])
    region = bands.regional_band(out).iloc[0]
    assert region["a_median"] == pytest.approx((185_080 * 10_000 + 105_000 * 2_000) / 12_000)
    assert region["a_pct90"] == 160_000  # only Kansas City publishes a 90th percentile
    assert region["n_excluded"] == 1
    assert region["tot_emp"] == 12_000


def test_regional_band_counts_metros_without_employment_as_excluded():
    austin = wage_row("12420", 80_000, 95_000, 120_000, 150_000, 180_000, np.nan)
    wages = pd.concat([WAGES, pd.DataFrame([austin])], ignore_index=True)
    out = bands.market_bands(wages, METROS, PARITIES, ["41940", "28140", "12420"], ["15-2051"])
    region = bands.regional_band(out).iloc[0]
    # Austin's employment is not released: no weight, so it is excluded from every average.
    assert region["a_median"] == pytest.approx((185_080 * 10_000 + 105_000 * 2_000) / 12_000)
    assert region["n_excluded"] == 2 and region["metros"] == 3


def test_at_target_matches_published_points_and_refuses_topcoded_tail():
    out = bands.market_bands(WAGES, METROS, PARITIES, ["41940", "28140"], ["15-2051"])
    at50 = bands.at_target(out, 50)
    assert at50.tolist() == pytest.approx(out["a_median"].tolist())
    at85 = bands.at_target(out, 85).set_axis(out["cbsa"])
    assert math.isnan(at85["41940"]) and 130_000 < at85["28140"] < 160_000


GOOD = (
    b"role,metro,min,mid,max\n"
    b"Data scientist,San Jose,150000,180000,210000\n"
    b"15-2051,28140,90000,100000,120000\n"
)


def test_parse_upload_accepts_names_codes_and_titles():
    out = parse_upload(GOOD, METROS)
    assert out["cbsa"].tolist() == ["41940", "28140"]
    assert out["row"].tolist() == [2, 3]
    title = b'role,metro,min,mid,max\nx,"Kansas City, MO-KS",1000,2000,3000\n'
    assert parse_upload(title, METROS)["metro"].item() == "Kansas City, MO"
    label = b'role,metro,min,mid,max\nx,"Kansas City, MO",1000,2000,3000\n'
    assert parse_upload(label, METROS)["cbsa"].item() == "28140"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"role,city,min,mid,max\nx,San Jose,1,2,3\n", "Missing column"),
        (b"role,metro,min,mid,max\nx,San Jose,lots,2,3\n", "Row 2: min 'lots' is not a number"),
        (b"role,metro,min,mid,max\nx,Gotham,10000,20000,30000\n", "Row 2: unknown metro"),
        (b'role,metro,min,mid,max\n"=HYPERLINK(""http://evil"")",San Jose,1,2,3\n', "formula"),
        (b"role,metro,min,mid,max\nx,San Jose,30000,20000,10000\n", "increasing order"),
        (b"role,metro,min,mid,max\nx,San Jose,10000,20000,90000000\n", "plausible"),
        ("role,metro,min,mid,max\nIngénieur,San José,1,2,3\n".encode("latin-1"), "not UTF-8"),
        (b"", "empty"),
        (b"role,metro,min,mid,max\n", "no rows"),
        (b"\x00\x01\x02binary", "binary"),
        (b"role,metro,min,mid,max\n" + b"x,San Jose,1000,2000,3000\n" * 400_000, "limit is 1 MB"),
    ],
    ids=[
        "wrong-columns",
        "text-in-number",
        "unknown-metro",
        "hyperlink-formula",
        "order",
        "absurd",
        "latin-1",
        "empty",
        "header-only",
        "binary",
        "10MB",
    ],
)
def test_parse_upload_rejects_bad_files_with_a_message(content, message):
    with pytest.raises(UploadError, match=message):
        parse_upload(content, METROS)


def test_compare_upload_gap_in_dollars_and_percent():
    up = parse_upload(GOOD, METROS)
    out = bands.compare_upload(up, WAGES, METROS, PARITIES, "15-2051").set_index("cbsa")
    assert out.loc["41940", "mid_gap_usd"] == pytest.approx(180_000 - 185_080)
    assert out.loc["28140", "mid_gap_pct"] == pytest.approx(100 * (100_000 - 105_000) / 105_000)
    assert 25 < out.loc["41940", "mid_percentile"] < 50
    assert out.loc["41940", "mid_position"] == stats.ordinal(out.loc["41940", "mid_percentile"])


def test_compare_upload_mid_next_to_a_top_coded_ninetieth_is_bounded():
    up = parse_upload(b"role,metro,min,mid,max\nx,San Jose,200000,235000,260000\n", METROS)
    row = bands.compare_upload(up, WAGES, METROS, PARITIES, "15-2051").iloc[0]
    # San Jose's 75th is $230,000 and its 90th top-coded (>= $239,200): between the two.
    assert np.isnan(row["mid_percentile"]) and row["mid_position"] == "75th–90th"


def test_upload_template_is_made_from_the_data_and_parses():
    out = bands.market_bands(WAGES, METROS, PARITIES, ["41940", "28140"], ["15-2051"])
    template = bands.upload_template(out)
    lines = template.decode().splitlines()
    assert lines[0] == "role,metro,min,mid,max" and len(lines) == 3
    parsed = parse_upload(template, METROS).set_index("cbsa")
    assert parsed.loc["41940", "mid"] == 185_080 and parsed.loc["28140", "min"] == 85_000
