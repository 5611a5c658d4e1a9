"""Tests for databuild.nonmetro (OEWS nonmetro areas as metros rows) and the nonmetro checks
in databuild.checks, on hand-made tiny frames (the real build is in tests/test_build.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from databuild import checks, nonmetro
from databuild.errors import SourceError
from databuild.sources import geo
from databuild.sources.base import ReadResult, conform

OEWS_CSV = Path("raw/oews/oews_may2025_tech_occupations.csv")
PARPP = Path("raw/bea_rpp/PARPP_PORT_2008_2024.csv")

# (area_type, area_code, area_name, state_code): two metros giving AL and OH their postal
# codes, a Californian metro, and nonmetro areas (one listed for two occupations).
AREAS = [
    ("metro", "0033660", "Mobile, AL", "01"),
    ("metro", "0018140", "Columbus, OH", "39"),
    ("metro", "0041940", "San Jose-Sunnyvale-Santa Clara, CA", "06"),
    ("nonmetro", "0100001", "Northwest Alabama nonmetropolitan area", "01"),
    ("nonmetro", "3900002", "North Northeastern Ohio nonmetropolitan area (noncontiguous)", "39"),
]


def wages(areas=AREAS, occupations=("15-2051", "15-1252")) -> pd.DataFrame:
    rows = [(*area, occ) for area in areas for occ in occupations]
    frame = pd.DataFrame(rows, columns=["area_type", "area_code", "area_name", "state_code", "occ"])
    cbsa = frame["area_code"].str[2:].where(frame["area_type"] == "metro", frame["area_code"])
    return frame.assign(cbsa=cbsa, industry_code="000000")


def metros() -> pd.DataFrame:
    """The delineation's rows for the three metros, as geo.read writes them."""
    frame = pd.DataFrame(
        {
            "cbsa": ["18140", "33660", "41940"],
            "title": ["Columbus, OH", "Mobile, AL", "San Jose-Sunnyvale-Santa Clara, CA"],
            "short_name": ["Columbus, OH", "Mobile", "San Jose"],
            "principal_state": ["OH", "AL", "CA"],
            "states": ["OH", "AL", "CA"],
            "census_region": ["Midwest", "South", "West"],
            "lat": [40.0, 30.8, 36.9],
            "lon": [-82.9, -88.0, -121.4],
            "counties": [10, 2, 2],
            "kind": "metro",
        }
    )
    return conform(frame, geo.TABLES["metros"])


def results(wage_rows: pd.DataFrame, metro_rows: pd.DataFrame | None = None) -> dict:
    return {
        "oews": ReadResult({"wages": wage_rows}, [OEWS_CSV], 0),
        "geo": ReadResult({"metros": metros() if metro_rows is None else metro_rows}, [], 0),
    }


def test_nonmetro_areas_become_metros_rows_after_the_metros():
    table = nonmetro.metros_with_nonmetro(results(wages()))
    assert list(table.columns) == list(geo.TABLES["metros"])
    for name, doc in geo.TABLES["metros"].items():
        assert str(table[name].dtype) == doc.dtype, name
    pd.testing.assert_frame_equal(table.iloc[:3], metros())  # the delineation rows unchanged
    added = table.iloc[3:].set_index("cbsa")
    assert added.index.tolist() == ["0100001", "3900002"]
    assert (added["kind"] == "nonmetro").all()
    assert added.loc["0100001", "title"] == "Northwest Alabama nonmetropolitan area"
    assert added["short_name"].tolist() == [
        "Northwest Alabama nonmetro",
        "North Northeastern Ohio nonmetro",
    ]
    assert added["principal_state"].tolist() == added["states"].tolist() == ["AL", "OH"]
    assert added["census_region"].tolist() == ["South", "Midwest"]
    assert np.isnan(added["lat"]).all() and np.isnan(added["lon"]).all()
    assert added["counties"].isna().all()


def test_puerto_rico_nonmetro_area_has_no_census_region():
    areas = [*AREAS, ("metro", "0041980", "San Juan-Bayamon-Caguas, PR", "72")]
    areas.append(("nonmetro", "7200006", "Puerto Rico nonmetropolitan area", "72"))
    delineation = pd.concat(
        [
            metros(),
            conform(
                pd.DataFrame(
                    {
                        "cbsa": ["41980"],
                        "title": ["San Juan-Bayamon-Caguas, PR"],
                        "short_name": ["San Juan"],
                        "principal_state": ["PR"],
                        "states": ["PR"],
                        "census_region": [pd.NA],
                        "lat": [18.2],
                        "lon": [-66.2],
                        "counties": [23],
                        "kind": ["metro"],
                    }
                ),
                geo.TABLES["metros"],
            ),
        ],
        ignore_index=True,
    )
    table = nonmetro.metros_with_nonmetro(results(wages(areas), delineation))
    row = table.set_index("cbsa").loc["7200006"]
    assert row["principal_state"] == "PR" and pd.isna(row["census_region"])
    assert row["short_name"] == "Puerto Rico nonmetro"


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (
            lambda w: w.assign(area_code=w["area_code"].replace("0100001", "0200001")),
            "0200001 .*does not start with its state_code 01",
        ),
        (
            lambda w: w.assign(
                state_code=w["state_code"].mask(w["area_code"] == "0100001", "02")
            ).assign(area_code=w["area_code"].replace("0100001", "0200001")),
            "state_code 02 of nonmetro area 0200001 .*has no metro",
        ),
        (
            lambda w: w.assign(area_name=w["area_name"].mask(w.index == 7, "Alabama nonmetro")),
            "nonmetro area 0100001 has more than one area_name",
        ),
        (
            lambda w: w.assign(
                area_name=w["area_name"].replace(
                    "North Northeastern Ohio nonmetropolitan area (noncontiguous)",
                    "North Northeastern Ohio balance",
                )
            ),
            "'North Northeastern Ohio balance' does not end in 'nonmetropolitan area'",
        ),
        (
            lambda w: w.assign(state_code=w["state_code"].mask(w["cbsa"] == "41940", "01")),
            "metros with state_code 01 have principal_state \\['AL', 'CA'\\]",
        ),
    ],
    ids=["code-outside-state", "state-without-metro", "two-names", "odd-name", "state-codes"],
)
def test_bad_nonmetro_areas_name_the_oews_file(change, says):
    with pytest.raises(SourceError, match=says) as err:
        nonmetro.metros_with_nonmetro(results(change(wages())))
    assert err.value.path == OEWS_CSV


def test_two_areas_with_one_short_name_are_rejected():
    areas = [*AREAS, ("nonmetro", "0100002", "Northwest Alabama nonmetropolitan area", "01")]
    with pytest.raises(SourceError, match="short_name 'Northwest Alabama nonmetro' is not uni"):
        nonmetro.metros_with_nonmetro(results(wages(areas)))


# --- checks: every nonmetro area priced, one key for both kinds ----------------------------


def parities(priced: dict[str, float], year: int = 2024) -> pd.DataFrame:
    """BEA rows 'state nonmetro' for the given state codes (all_items), plus a state row."""
    rows = [("state nonmetro", code, year, value) for code, value in priced.items()]
    rows.append(("state", "01", year, 87.0))
    return pd.DataFrame(rows, columns=["geo_level", "geo_code", "year", "all_items"])


def bea(priced: dict[str, float]) -> ReadResult:
    table = parities(priced)
    return ReadResult(
        {"price_parities": table}, [Path("m.csv"), PARPP], 0, facts={"latest_year": 2024}
    )


def test_every_nonmetro_area_priced_passes():
    areas = [*AREAS, ("nonmetro", "1000005", "Sussex Delaware nonmetropolitan area", "10")]
    checks.nonmetro_prices(
        {"oews": results(wages(areas))["oews"], "bea_rpp": bea({"01": 83.2, "39": 88.0})}
    )


@pytest.mark.parametrize(
    ("priced", "says"),
    [
        (
            {"39": 88.0},
            "no 2024 nonmetropolitan price level .* state 01, where OEWS publishes "
            "nonmetro area 0100001 \\(Northwest Alabama nonmetropolitan area\\); 1 such area",
        ),
        ({"01": np.nan, "39": 88.0}, "state 01"),  # (NA) is no price level either
        ({"01": 83.2, "39": 88.0, "10": 90.0}, "state 10, which .*NONMETRO_PRICE_GAPS"),
    ],
    ids=["state-missing", "state-na", "declared-gap-priced"],
)
def test_unpriced_nonmetro_area_names_the_parpp_file(priced, says):
    with pytest.raises(SourceError, match=says) as err:
        checks.nonmetro_prices({"oews": results(wages())["oews"], "bea_rpp": bea(priced)})
    assert err.value.path == PARPP


def test_an_older_year_does_not_count():
    old = bea({"01": 83.2, "39": 88.0})
    old.tables["price_parities"]["year"] = 2023
    with pytest.raises(SourceError, match="no 2024 nonmetropolitan price level"):
        checks.nonmetro_prices({"oews": results(wages())["oews"], "bea_rpp": old})


def test_area_keys_join_both_kinds():
    both = results(wages())
    both["geo"].tables["metros"] = nonmetro.metros_with_nonmetro(both)
    checks.area_keys(both)
    dropped = both["geo"].tables["metros"].iloc[:-1]
    with pytest.raises(SourceError, match=r"nonmetro area 3900002 .* has no metros row"):
        checks.area_keys({**both, "geo": ReadResult({"metros": dropped}, [], 0)})
    doubled = pd.concat([both["geo"].tables["metros"], dropped.iloc[[3]]], ignore_index=True)
    with pytest.raises(SourceError, match="area 0100001 appears more than once"):
        checks.area_keys({**both, "geo": ReadResult({"metros": doubled}, [], 0)})
