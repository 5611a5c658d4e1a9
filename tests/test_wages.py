"""analysis.wages: which OEWS row, its ladder and top-coding; published BLS figures."""

from __future__ import annotations

import csv
import functools
import math

import numpy as np
import pandas as pd
import pytest

from analysis import wages
from analysis.paths import DEFAULT_RAW_DIR
from tests.tables import TOP_CODE, real, tiny

RAW_OEWS = DEFAULT_RAW_DIR / "oews" / "oews_may2025_tech_occupations.csv"


@functools.cache
def _raw_oews() -> tuple[dict[str, str], ...]:
    """The raw OEWS extract as published (csv module), for independent known answers."""
    if not RAW_OEWS.is_file():
        pytest.skip("raw OEWS extract not available")
    with open(RAW_OEWS, newline="", encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


def _row(area_type: str, occ: str, industry: str = "000000", **extra) -> dict:
    row = {
        "area_type": area_type,
        "cbsa": extra.pop("cbsa", None),
        "area_name": extra.pop("area_name", area_type),
        "industry_code": industry,
        "occ_code": occ,
        "occ_title": {"15-2051": "Data Scientists", "15-1252": "Software Developers"}[occ],
        "a_pct10": 60_000.0,
        "a_pct25": 80_000.0,
        "a_median": 100_000.0,
        "a_pct75": 130_000.0,
        "a_pct90": 160_000.0,
    }
    for column in wages.PCT_COLUMNS:
        row[f"{column}_note"] = pd.NA
    row.update(extra)
    return row


def _frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows)).astype(
        {f"{c}_note": "string" for c in wages.PCT_COLUMNS} | {"cbsa": "string"}
    )


# --- tiny frames -------------------------------------------------------------------------------


def test_pct_columns_are_the_five_bls_percentiles_in_order():
    assert list(wages.PCT_COLUMNS.items()) == [
        ("a_pct10", 10), ("a_pct25", 25), ("a_median", 50), ("a_pct75", 75), ("a_pct90", 90)
    ]  # fmt: skip


def test_ladder_reads_values_and_top_coded_notes_only():
    row = pd.Series(
        {"a_pct10": 1.0, "a_pct25": 2.0, "a_median": 3.0, "a_pct75": np.nan, "a_pct90": np.nan,
         "a_pct75_note": "not released", "a_pct90_note": wages.TOP_CODED}
    )  # fmt: skip
    ladder = wages.ladder(row, 250_000.0)
    assert list(ladder.points) == [10, 25, 50, 75, 90]
    assert ladder.points[50] == 3.0 and math.isnan(ladder.points[75])
    # A "not released" cell is missing, not a lower bound: only the top-coded one is flagged.
    assert ladder.top_coded == frozenset({90})
    assert ladder.top_code == 250_000.0
    assert ladder.published == [(10, 1.0), (25, 2.0), (50, 3.0)]


def test_usable_needs_two_published_percentiles():
    two = {"a_pct10": 1.0, "a_pct25": np.nan, "a_median": 3.0, "a_pct75": np.nan, "a_pct90": None}
    one = {**two, "a_pct10": np.nan}
    assert wages.usable(two) and not wages.usable(one)


def test_cross_industry_picks_the_occupation_and_area_type():
    frame = _frame(
        _row("national", "15-2051"),
        _row("national", "15-2051", industry="541500"),
        _row("state", "15-2051"),
        _row("metro", "15-2051", cbsa="41940"),
        _row("metro", "15-1252", cbsa="41940"),
    )
    before = frame.copy()
    assert list(wages.cross_industry(frame, "15-2051").index) == [0, 2, 3]
    assert list(wages.cross_industry(frame, "15-2051", "metro").index) == [3]
    assert wages.cross_industry(frame, "15-2051", "nonmetro").empty
    pd.testing.assert_frame_equal(frame, before)


def test_national_row_and_median_on_tiny_frame():
    frame = _frame(
        _row("metro", "15-2051", cbsa="41940", a_median=185_000.0),
        _row("state", "15-2051", a_median=150_000.0),
        _row("national", "15-2051", a_median=111_000.0),
        _row("national", "15-2051", industry="541500", a_median=999_000.0),
        _row("national", "15-1252", a_median=np.nan, a_median_note=wages.TOP_CODED),
    )
    data = tiny(wages=frame)
    assert wages.national_row(frame, "15-2051")["a_median"] == 111_000.0
    assert wages.national_median(data, "15-2051") == 111_000.0
    # A top-coded median is NaN, never the top-code; an unknown occupation is NaN too.
    assert math.isnan(wages.national_median(data, "15-1252"))
    assert math.isnan(wages.national_median(data, "99-9999"))
    with pytest.raises(ValueError, match="99-9999"):
        wages.national_row(frame, "99-9999")


def test_occupations_counts_metros_with_a_published_median():
    frame = _frame(
        _row("metro", "15-2051", cbsa="11111"),
        _row("metro", "15-2051", cbsa="22222"),
        _row("metro", "15-2051", cbsa="33333", a_median=np.nan, a_median_note="not released"),
        _row("nonmetro", "15-2051", cbsa="4800001"),
        _row("nonmetro", "15-1252", cbsa="4800001"),  # a nonmetro area alone offers it
        _row("national", "15-1252"),  # a national row counts as no place
    )
    out = wages.occupations(tiny(wages=frame))
    assert out.to_dict("records") == [
        {"occ_code": "15-1252", "occ_title": "Software Developers", "metros": 0}
        | {"nonmetro_areas": 1},
        {"occ_code": "15-2051", "occ_title": "Data Scientists", "metros": 2, "nonmetro_areas": 1},
    ]


def test_occupation_title_and_unknown_code():
    frame = _frame(_row("national", "15-2051"))
    assert wages.occupation_title(frame, "15-2051") == "Data Scientists"
    with pytest.raises(ValueError, match="'99-9999'"):
        wages.occupation_title(frame, "99-9999")


def test_national_data_scientists_row_is_the_published_one():
    # BLS OEWS May 2025, 15-2051 Data Scientists, all industries (PROVENANCE sanity checks).
    row = wages.national_row(real().wages, wages.DEFAULT_OCCUPATION)
    assert row["tot_emp"] == 262_440
    assert row["a_median"] == 120_230
    assert row["a_mean"] == 126_800
    assert wages.national_median(real()) == 120_230
    assert wages.occupation_title(real().wages, "15-2051") == "Data Scientists"


def test_national_ladders_match_the_raw_extract():
    raw = {
        r["occ_code"]: r
        for r in _raw_oews()
        if r["area_type"] == "N" and r["industry_code"] == "000000"
    }
    for occ, published in raw.items():
        ladder = wages.ladder(wages.national_row(real().wages, occ), TOP_CODE)
        expected = {
            pct: float(published[column.upper()].replace(",", ""))
            for column, pct in wages.PCT_COLUMNS.items()
        }
        assert ladder.points == expected, occ
        assert ladder.top_coded == frozenset()


def test_occupations_match_the_raw_counts_of_places_with_a_median():
    metro_counts: dict[str, int] = {}
    nonmetro_counts: dict[str, int] = {}
    for r in _raw_oews():
        if r["area_type"] == "M" and r["industry_code"] == "000000" and r["A_MEDIAN"] != "-":
            nonmetro = "nonmetropolitan" in r["area_name"].lower()
            counts = nonmetro_counts if nonmetro else metro_counts
            counts[r["occ_code"]] = counts.get(r["occ_code"], 0) + 1
    out = wages.occupations(real())
    assert dict(zip(out["occ_code"], out["metros"], strict=True)) == metro_counts
    got_nonmetro = dict(zip(out["occ_code"], out["nonmetro_areas"], strict=True))
    assert {k: v for k, v in got_nonmetro.items() if v} == nonmetro_counts
    assert metro_counts["15-2051"] == 282
    assert list(out["occ_code"]) == sorted(metro_counts.keys() | nonmetro_counts.keys())


def test_no_real_cell_marked_top_coded_is_a_number():
    table = real().wages
    for column in wages.PCT_COLUMNS:
        coded = table[f"{column}_note"] == wages.TOP_CODED
        assert table.loc[coded.fillna(False).astype(bool), column].isna().all()


# --- the row that prices an occupation in a metro (metro, else state, else nation) ----------

SAN_JOSE, BANGOR, CASPER = "41940", "12620", "16220"
# BLS OEWS May 2025, Data Scientists (15-2051) annual percentiles as published.
SAN_JOSE_DS = (109_740, 149_570, 185_080, 219_460, 282_840)
MAINE_DS = (60_280, 77_340, 90_880, 115_170, 138_530)
US_DS = (67_240, 85_660, 120_230, 158_880, 199_130)


def _published(row: pd.Series) -> tuple[float, ...]:
    return tuple(row[c] for c in wages.PCT_COLUMNS)


def test_market_row_is_the_metros_own_where_bls_publishes_it():
    row, why = wages.market_row(real(), SAN_JOSE, "15-2051")
    assert _published(row) == SAN_JOSE_DS and why == ""


def test_market_row_falls_back_to_the_state_then_the_nation():
    # Bangor, ME: BLS releases no 15-2051 percentiles there; Maine's are published.
    row, why = wages.market_row(real(), BANGOR, "15-2051")
    assert (row["area_type"], row["area_name"], _published(row)) == ("state", "Maine", MAINE_DS)
    assert (
        why == "BLS publishes no Data Scientists wage percentiles for Bangor, ME; showing Maine's."
    )
    # Casper, WY: no 15-2051 row for the metro nor for Wyoming: the nation.
    row, why = wages.market_row(real(), CASPER, "15-2051")
    assert row["area_type"] == "national" and _published(row) == US_DS
    assert why.endswith("or its state; showing the US.")


def test_market_row_names_an_unknown_metro_or_occupation():
    with pytest.raises(ValueError, match="Unknown metro"):
        wages.market_row(real(), "99999", "15-2051")
    with pytest.raises(ValueError, match="99-9999"):
        wages.market_row(real(), SAN_JOSE, "99-9999")
