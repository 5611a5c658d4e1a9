"""Band structure: both width conventions, midpoint steps and overlaps between adjacent levels,
flagged outside the common ranges (worked by hand on tiny band tables)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import band_structure


def bands(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["area", "level", "minimum", "mid", "maximum"])


def test_both_width_conventions():
    # 80k-100k-120k: ± 20k / 100k = 20% of the midpoint; 120 / 80 - 1 = 50% spread (inside
    # 30-50%). 75k-100k-125k: ±25%, 125 / 75 - 1 = 66.7% (above).
    out = band_structure.band_structure(
        bands(("A", "Entry", 80e3, 100e3, 120e3), ("B", "Entry", 75e3, 100e3, 125e3))
    )
    assert out["pm"].tolist() == pytest.approx([0.2, 0.25])
    assert out["width"].tolist() == pytest.approx([0.5, 125 / 75 - 1])
    assert out["width_flag"].tolist() == ["", "above 30%–50%"]


def test_progression_and_overlap_between_adjacent_levels():
    # Entry 80-100-120k, Mid 92-115-138k: a midpoint step of 115 / 100 - 1 = 15%; Mid covers
    # (120 - 92) / (120 - 80) = 70% of Entry's band. Senior 120-150-180k: a step of 150 / 115
    # - 1 = 30.4% (above 10-18%) and (138 - 120) / (138 - 92) = 39.1% overlap (below 50-70%).
    out = band_structure.band_structure(
        bands(
            ("A", "Senior", 120e3, 150e3, 180e3),  # out of order: sorted junior to senior
            ("A", "Entry", 80e3, 100e3, 120e3),
            ("A", "Mid", 92e3, 115e3, 138e3),
        )
    ).set_index("level")
    assert out.index.tolist() == ["Entry", "Mid", "Senior"]
    assert out.loc["Mid", "below"] == "Entry" and out.loc["Entry", "below"] == ""
    assert out.loc["Mid", "progression"] == pytest.approx(0.15)
    assert out.loc["Mid", "overlap"] == pytest.approx(28 / 40)
    assert out.loc["Mid", "progression_flag"] == "" and out.loc["Mid", "overlap_flag"] == ""
    assert out.loc["Senior", "progression"] == pytest.approx(150 / 115 - 1)
    assert out.loc["Senior", "overlap"] == pytest.approx(18 / 46)
    assert out.loc["Senior", "progression_flag"] == "above 10%–18%"
    assert out.loc["Senior", "overlap_flag"] == "below 50%–70%"
    assert math.isnan(out.loc["Entry", "progression"])


def test_a_gap_is_a_negative_overlap_and_a_missing_level_breaks_adjacency():
    # Entry 80-120k, Senior 130-170k with no Mid band: Senior is not compared with Entry (two
    # steps apart); with Mid 125-150k, Mid's overlap with Entry is (120 - 125) / 40 = -12.5%.
    skipped = band_structure.band_structure(
        bands(("A", "Entry", 80e3, 100e3, 120e3), ("A", "Senior", 130e3, 150e3, 170e3),
              ("A", "Mid", math.nan, math.nan, math.nan))
    ).set_index("level")  # fmt: skip
    assert skipped.loc["Senior", "below"] == "" and math.isnan(skipped.loc["Senior", "overlap"])
    gap = band_structure.band_structure(
        bands(("A", "Entry", 80e3, 100e3, 120e3), ("A", "Mid", 125e3, 137.5e3, 150e3))
    ).set_index("level")
    assert gap.loc["Mid", "overlap"] == pytest.approx(-0.125)
    assert gap.loc["Mid", "overlap_flag"] == "below 50%–70%"


def test_groups_are_kept_apart_and_in_order():
    out = band_structure.band_structure(
        bands(("B", "Entry", 80e3, 100e3, 120e3), ("A", "Mid", 92e3, 115e3, 138e3),
              ("A", "Entry", 80e3, 100e3, 120e3), ("B", "Mid", 90e3, 110e3, 130e3))
    )  # fmt: skip
    assert out[["area", "level"]].values.tolist() == [
        ["B", "Entry"], ["B", "Mid"], ["A", "Entry"], ["A", "Mid"]
    ]  # fmt: skip
    assert out["progression"].tolist()[1] == pytest.approx(0.10)


def test_flag_ends_are_inside():
    assert band_structure.flag(0.30, "width") == "" and band_structure.flag(0.5, "width") == ""
    assert band_structure.flag(0.299, "width") == "below 30%–50%"
    assert band_structure.flag(math.nan, "overlap") == ""
