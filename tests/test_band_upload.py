"""analysis.band_upload: a recruiter's band CSV, read safely and compared with the market."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.band_upload import UploadError, compare_upload, metro_lookup, parse_upload
from analysis.data import Tables
from tests.tables import real, tiny

SAN_JOSE, KANSAS_CITY = "41940", "28140"
METROS = pd.DataFrame(
    {
        "cbsa": [SAN_JOSE, KANSAS_CITY],
        "title": ["San Jose-Sunnyvale-Santa Clara, CA", "Kansas City, MO-KS"],
        "short_name": ["San Jose", "Kansas City"],
        "principal_state": ["CA", "MO"],
    }
).astype("string")


def _row(cbsa, p10, p25, med, p75, p90, note90=pd.NA, occ="15-2051"):
    return {
        "area_type": "metro",
        "industry_code": "000000",
        "cbsa": cbsa,
        "occ_code": occ,
        "occ_title": "Data Scientists" if occ == "15-2051" else "Software Developers",
        "a_pct10": p10,
        "a_pct25": p25,
        "a_median": med,
        "a_pct75": p75,
        "a_pct90": p90,
        **{f"a_{c}_note": pd.NA for c in ("pct10", "pct25", "median", "pct75")},
        "a_pct90_note": note90,
        "tot_emp": 1_000.0,
        "emp_prse": 5.0,
        "loc_quotient": 1.0,
    }


WAGES = pd.DataFrame(
    [
        _row(SAN_JOSE, 110_000, 140_000, 185_080, 230_000, np.nan, "top-coded"),
        _row(KANSAS_CITY, 70_000, 85_000, 105_000, 130_000, 160_000),
        _row(KANSAS_CITY, 80_000, 100_000, 120_000, 150_000, 180_000, occ="15-1252"),
    ]
).astype({"cbsa": "string", "a_pct90_note": "string"})
PARITIES = pd.DataFrame(
    {
        "geo_level": "metro",
        "geo_code": [SAN_JOSE, KANSAS_CITY],
        "year": 2024,
        "all_items": [118.0, 96.0],
        "goods": 100.0,
        "housing": 100.0,
        "utilities": 100.0,
        "other_services": 100.0,
    }
)


@pytest.fixture
def data() -> Tables:
    return tiny(wages=WAGES, metros=METROS, price_parities=PARITIES)


GOOD = (
    b"role,metro,min,mid,max\n"
    b"Data scientist,San Jose,150000,180000,210000\n"
    b"15-2051,28140,90000,100000,120000\n"
)


def test_parse_upload_accepts_names_codes_and_titles(data):
    out = parse_upload(data, GOOD)
    assert list(out.columns) == ["row", "role", "cbsa", "metro", "min", "mid", "max"]
    assert out["cbsa"].tolist() == [SAN_JOSE, KANSAS_CITY]
    assert out["row"].tolist() == [2, 3]
    assert out["metro"].tolist() == ["San Jose, CA", "Kansas City, MO"]
    assert out.iloc[0][["min", "mid", "max"]].tolist() == [150_000, 180_000, 210_000]
    title = b'role,metro,min,mid,max\nx,"Kansas City, MO-KS",1000,2000,3000\n'
    assert parse_upload(data, title)["metro"].item() == "Kansas City, MO"
    label = b'role,metro,min,mid,max\nx,"kansas city, mo",1000,2000,3000\n'
    assert parse_upload(data, label)["cbsa"].item() == KANSAS_CITY


def test_parse_upload_is_forgiving_about_layout(data):
    # A UTF-8 byte-order mark, header case and order, extra columns, blank lines, "$" and
    # thousands separators are all fine.
    content = (
        "\ufeffMid, Role ,MAX,min,metro,notes\n"
        '"$180,000",Data scientist,"210,000","150,000",San Jose,ok\n'
        "\n"
    ).encode()
    out = parse_upload(data, content)
    assert out[["role", "cbsa", "min", "mid", "max"]].iloc[0].tolist() == [
        "Data scientist", SAN_JOSE, 150_000.0, 180_000.0, 210_000.0
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"role,city,min,mid,max\nx,San Jose,1,2,3\n", "Missing column"),
        (b"role,metro,min,mid,max\nx,San Jose,lots,2,3\n", "Row 2: min 'lots' is not a number"),
        (b"role,metro,min,mid,max\nx,Gotham,10000,20000,30000\n", "Row 2: unknown metro"),
        (b'role,metro,min,mid,max\n"=HYPERLINK(""http://evil"")",San Jose,1,2,3\n', "formula"),
        (b"role,metro,min,mid,max\n@SUM(A1),San Jose,1000,2000,3000\n", "formula"),
        (b"role,metro,min,mid,max\nx,San Jose,-1000,2000,3000\n", "formula"),
        (b"role,metro,min,mid,max\nx,San Jose,30000,20000,10000\n", "increasing order"),
        (b"role,metro,min,mid,max\nx,San Jose,10000,20000,90000000\n", "plausible"),
        (b"role,metro,min,mid,max\nx,San Jose,999,2000,3000\n", "plausible"),
        (b"role,metro,min,mid,max\nx,San Jose,nan,2000,3000\n", "plausible"),
        (b"role,metro,min,mid,max\n,San Jose,1000,2000,3000\n", "role must be"),
        (b"role,metro,min,mid,max\nx,San Jose,1000\n", "Row 2: expected 5 fields"),
        ("role,metro,min,mid,max\nIngénieur,San José,1,2,3\n".encode("latin-1"), "not UTF-8"),
        (b"", "empty"),
        (b"role,metro,min,mid,max\n", "no rows"),
        (b"\x00\x01\x02binary", "binary"),
        (b"role,metro,min,mid,max\n" + b"x,San Jose,1000,2000,3000\n" * 400_000, "limit is 1 MB"),
        (b"role,metro,min,mid,max\n" + b"x,41940,1000,2000,3000\n" * 5_001, "limit is 5,000"),
    ],
    ids=[
        "wrong-columns",
        "text-in-number",
        "unknown-metro",
        "hyperlink-formula",
        "at-formula",
        "minus-formula",
        "order",
        "absurd",
        "too-small",
        "nan",
        "empty-role",
        "short-row",
        "latin-1",
        "empty",
        "header-only",
        "binary",
        "10MB",
        "too-many-rows",
    ],
)
def test_parse_upload_rejects_bad_files_with_a_message(data, content, message):
    with pytest.raises(UploadError, match=message):
        parse_upload(data, content)


def test_an_error_names_the_first_bad_line(data):
    content = b"role,metro,min,mid,max\nx,San Jose,1000,2000,3000\n\nx,Gotham,1000,2000,3000\n"
    with pytest.raises(UploadError, match=r"^Row 4: unknown metro"):
        parse_upload(data, content)


def test_metro_lookup_keys_are_lower_case_codes_names_labels_and_titles(data):
    lookup = metro_lookup(data)
    for key in ("41940", "san jose", "san jose, ca", "san jose-sunnyvale-santa clara, ca"):
        assert lookup[key] == (SAN_JOSE, "San Jose, CA")


def test_compare_upload_gap_in_dollars_and_percent(data):
    out = compare_upload(data, parse_upload(data, GOOD), "15-2051").set_index("cbsa")
    assert out.loc[SAN_JOSE, "mid_gap_usd"] == pytest.approx(180_000 - 185_080)
    assert out.loc[KANSAS_CITY, "mid_gap_pct"] == pytest.approx(100 * (100_000 - 105_000) / 105_000)
    assert out.loc[SAN_JOSE, ["market_p25", "market_median", "market_p75"]].tolist() == [
        140_000, 185_080, 230_000
    ]  # fmt: skip
    # San Jose: 180,000 lies between the 25th (140,000) and the median (185,080), log-linear.
    expected = 25 + 25 * np.log(180_000 / 140_000) / np.log(185_080 / 140_000)
    assert out.loc[SAN_JOSE, "mid_percentile"] == pytest.approx(expected)
    assert out.loc[SAN_JOSE, "mid_position"] == "48th"


def test_compare_upload_role_picks_the_occupation(data):
    content = b"role,metro,min,mid,max\n15-1252,Kansas City,100000,120000,150000\n"
    out = compare_upload(data, parse_upload(data, content), "15-2051").iloc[0]
    assert out["occ_code"] == "15-1252"
    assert (out["market_median"], out["mid_gap_usd"], out["mid_percentile"]) == (120_000, 0, 50)


def test_compare_upload_mid_next_to_a_top_coded_ninetieth_is_bounded(data):
    content = b"role,metro,min,mid,max\nx,San Jose,200000,235000,260000\n"
    row = compare_upload(data, parse_upload(data, content), "15-2051").iloc[0]
    # San Jose's 75th is $230,000 and its 90th top-coded (>= $239,200): between the two.
    assert np.isnan(row["mid_percentile"]) and row["mid_position"] == "75th–90th"


def test_compare_upload_without_market_data_says_so(data):
    content = b"role,metro,min,mid,max\nx,San Jose,100000,120000,150000\n"
    row = compare_upload(data, parse_upload(data, content), "15-1252").iloc[0]
    assert np.isnan(row["market_median"]) and np.isnan(row["mid_gap_usd"])
    assert row["mid_position"] == "—"


def test_compare_upload_leaves_the_upload_unchanged(data):
    upload = parse_upload(data, GOOD)
    before = upload.copy()
    compare_upload(data, upload, "15-2051")
    pd.testing.assert_frame_equal(upload, before)


def test_real_upload_against_the_published_san_jose_median():
    content = b"role,metro,min,mid,max\n15-2051,San Jose,150000,185080,220000\n"
    row = compare_upload(real(), parse_upload(real(), content), "15-2051").iloc[0]
    assert row["market_median"] == 185_080  # BLS OEWS May 2025, San Jose, Data Scientists
    assert (row["mid_gap_usd"], row["mid_percentile"], row["mid_position"]) == (0, 50, "50th")
