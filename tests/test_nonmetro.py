"""Every place priced: OEWS nonmetropolitan areas get their state's BEA nonmetro price level
and appear wherever metros do; places BEA does not price say so (NaN, never a guess)."""

from __future__ import annotations

import csv
import math

import pytest

from analysis import hubs, metros
from analysis.paths import DEFAULT_RAW_DIR
from tests.tables import real

PARPP = DEFAULT_RAW_DIR / "bea_rpp" / "PARPP_PORT_2008_2024.csv"


def published_nonmetro_rpp(state_fips: str, year: str = "2024") -> float:
    """BEA's all-items RPP of a state's nonmetropolitan portion, read from the raw file."""
    if not PARPP.is_file():
        pytest.skip("raw PARPP file not available")
    with open(PARPP, newline="", encoding="utf-8", errors="replace") as handle:
        for row in csv.DictReader(handle):
            if row["GeoFIPS"].strip().strip('"') == f"{state_fips}999" and row["LineCode"] == "1":
                return float(row[year])
    raise AssertionError(f"no nonmetro row for {state_fips}")


def test_a_nonmetro_area_has_its_states_nonmetro_price_level():
    levels = metros.price_levels(real()).set_index("cbsa")["rpp"]
    # Northwest Alabama nonmetropolitan area (OEWS 0100001): Alabama's nonmetro portion.
    assert levels["0100001"] == pytest.approx(published_nonmetro_rpp("01"))


def test_nonmetro_areas_are_compared_like_metros():
    table = hubs.compare_hubs(real(), "15-2051", None).table.set_index("cbsa")
    kinds = real().metros.set_index("cbsa")["kind"]
    nonmetro = [c for c in table.index if kinds.get(c) == "nonmetro"]
    assert len(nonmetro) >= 20
    row = table.loc[nonmetro[0]]
    assert row["real_median"] == pytest.approx(row["median"] / (row["rpp"] / 100))
    assert "nonmetro" in row["label"]
    options = metros.metro_options(real(), "15-2051")
    assert set(nonmetro) <= set(options["cbsa"])


def test_places_bea_does_not_price_have_no_price_level():
    levels = metros.price_levels(real()).set_index("cbsa")["rpp"]
    table = real().metros
    puerto_rico = table.loc[table["principal_state"] == "PR", "cbsa"]
    assert len(puerto_rico) and not set(puerto_rico) & set(levels.index)
    delaware = table.loc[(table["kind"] == "nonmetro") & (table["principal_state"] == "DE"), "cbsa"]
    assert not set(delaware) & set(levels.index)
    compared = hubs.compare_hubs(real(), "15-2051", list(puerto_rico)).table
    assert compared["rpp"].isna().all() and compared["real_median"].isna().all()
    assert all(math.isfinite(m) for m in compared["median"])
