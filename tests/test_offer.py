"""analysis.offer: an offer's amounts, its place in the BLS market and among salary records.

Known answers: BLS OEWS May 2025 Data Scientists (15-2051) percentiles as published, and the
aijobs.net salary CSV read with the csv module.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis import offer, stats, taxonomy
from analysis.wages import TOP_CODED
from tests.tables import raw_salary_rows, raw_salary_rows_deduplicated, real, table, tiny

OCC = "15-2051"
SAN_JOSE, SAN_FRANCISCO, BANGOR, CASPER = "41940", "41860", "12620", "16220"
# BLS OEWS May 2025, 15-2051 (p10, p25, median, p75, p90).
SJ = (109_740, 149_570, 185_080, 219_460, 282_840)
MAINE = (60_280, 77_340, 90_880, 115_170, 138_530)
US = (67_240, 85_660, 120_230, 158_880, 199_130)


# --- validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ((0,), "above $0"),
        ((-5,), "cannot be negative"),
        ((5_000,), "not the monthly or hourly"),
        ((1e9,), "absurd"),
        ((100_000, -1), "bonus cannot be negative"),
        ((100_000, 0, 2_000_000), "more than 10 times"),
        ((100_000, 0, 0, 1_000_001), "sign-on"),
        ((100_000, 0, 0, float("nan")), "number"),
        ((float("inf"),), "number"),
        (("abc",), "number of US dollars"),
        ((None,), "number of US dollars"),
    ],
)
def test_validate_offer_messages(args, words):
    with pytest.raises(ValueError, match=words.replace("$", r"\$")):
        offer.validate_offer(*args)


def test_validate_offer_accepts_a_normal_offer_and_the_bounds():
    got = offer.validate_offer(150_000, 15_000, 40_000, 25_000)
    assert (got.base, got.bonus, got.equity, got.sign_on) == (150_000, 15_000, 40_000, 25_000)
    assert offer.validate_offer("120000").base == 120_000.0
    assert offer.validate_offer(10_000).base == 10_000.0  # MIN_BASE itself is fine
    assert offer.validate_offer(5_000_000).base == 5_000_000.0
    assert offer.validate_offer(100_000, 1_000_000).bonus == 1_000_000.0  # exactly 10x


def test_total_pay_first_year_has_sign_on_and_annualized_not():
    totals = offer.total_pay(150_000, 15_000, 40_000, 25_000)
    assert totals.first_year == 230_000
    assert totals.annualized == 205_000
    views = totals.components.groupby("view")["amount"].sum()
    assert views["First year"] == 230_000 and views["Annualized"] == 205_000
    annualized = totals.components.loc[lambda f: f.view == "Annualized", "component"]
    assert set(annualized) == {"Base", "Bonus", "Equity"}


# --- place in the BLS market -----------------------------------------------------------------


def test_san_jose_published_median_is_the_50th_percentile():
    placed = offer.place_in_market(real(), 185_080, SAN_JOSE, OCC)
    assert placed.percentile == 50
    assert stats.position_label(placed.position) == "about the 50th percentile"
    assert tuple(placed.ladder.points.values()) == SJ
    assert (placed.employment, placed.emp_prse, placed.mean_prse) == (6_060, 2.7, 0.8)
    assert placed.area_type == "metro" and placed.area_code == SAN_JOSE
    assert placed.area_name.startswith("San Jose") and placed.fallback == ""
    assert placed.occ_title == "Data Scientists" and not placed.top_coded


def test_below_and_above_the_published_range():
    low = offer.place_in_market(real(), 30_000, SAN_JOSE, OCC)
    high = offer.place_in_market(real(), 4_000_000, SAN_JOSE, OCC)
    assert low.position.below and math.isnan(low.percentile)
    assert (low.position.low, low.position.high) == (0, 10)
    assert (high.position.low, high.position.high) == (90, 100) and high.position.above


def test_between_percentiles_is_log_linear():
    placed = offer.place_in_market(real(), 200_000, SAN_JOSE, OCC)
    expected = 50 + 25 * math.log(200_000 / SJ[2]) / math.log(SJ[3] / SJ[2])
    assert placed.percentile == pytest.approx(expected)


def test_top_coded_ninetieth_bounds_the_position():
    # A top-coded 90th percentile is >= $239,200: a base under that sits between the 75th and
    # 90th percentile, and the ladder shows the 90th as a note, never a number.
    wages = table("wages")
    hit = (
        (wages["area_type"] == "metro")
        & (wages["cbsa"] == SAN_JOSE)
        & (wages["occ_code"] == OCC)
        & (wages["industry_code"] == "000000")
    )
    wages.loc[hit, "a_pct90"] = np.nan
    wages.loc[hit, "a_pct90_note"] = TOP_CODED
    placed = offer.place_in_market(tiny(wages=wages), (SJ[3] + 239_200) / 2, SAN_JOSE, OCC)
    assert (placed.position.low, placed.position.high) == (75, 90) and placed.top_coded
    assert stats.position_label(placed.position) == (
        "between the 75th and 90th percentile (the 90th is top-coded: ≥ $239,200)"
    )
    shown = placed.ladder_frame().set_index("percentile")
    assert shown.loc[90, "note"] == TOP_CODED and np.isnan(shown.loc[90, "wage"])
    assert shown.loc[75, "wage"] == SJ[3] and pd.isna(shown.loc[75, "note"])
    assert placed.notes[75] is None and placed.notes[90] == TOP_CODED


def test_fallback_to_the_state_then_the_nation():
    # Bangor, ME: BLS releases no 15-2051 percentiles there; Maine's are published.
    maine = offer.place_in_market(real(), 100_000, BANGOR, OCC)
    assert (maine.area_type, maine.area_name) == ("state", "Maine")
    assert tuple(maine.ladder.points.values()) == MAINE
    assert maine.fallback == (
        "BLS publishes no Data Scientists wage percentiles for Bangor, ME; showing Maine's."
    )
    # Casper, WY: no 15-2051 row for the metro nor for Wyoming: the nation.
    nation = offer.place_in_market(real(), 100_000, CASPER, OCC)
    assert nation.area_type == "national" and tuple(nation.ladder.points.values()) == US
    assert nation.fallback.endswith("or its state; showing the US.")


def test_unknown_metro_and_occupation_messages():
    with pytest.raises(ValueError, match="Unknown metro"):
        offer.place_in_market(real(), 150_000, "99999", OCC)
    with pytest.raises(ValueError, match="99-9999"):
        offer.place_in_market(real(), 150_000, SAN_JOSE, "99-9999")
    with pytest.raises(ValueError, match="absurd"):
        offer.place_in_market(real(), 1e9, SAN_JOSE, OCC)


# --- place in the salary index ---------------------------------------------------------------


def _raw_comparable(level: str, track: str, *, drop_duplicates: bool = True) -> list[float]:
    """salary_in_usd of full-time records at US companies, 2023-2025, of one level and track
    (taxonomy of the title), from the raw CSV."""
    rows = raw_salary_rows_deduplicated() if drop_duplicates else raw_salary_rows()
    return [
        float(r["salary_in_usd"])
        for r in rows
        if r["experience_level"] == level
        and r["company_location"] == "US"
        and r["employment_type"] == "FT"
        and r["work_year"] in ("2023", "2024", "2025")
        and taxonomy.title_track(r["job_title"]) == track
    ]


def test_place_in_index_matches_a_count_of_the_raw_csv():
    values = _raw_comparable("SE", "ML engineer")
    placed = offer.place_in_index(real(), 150_000, "Senior", "ML engineer")
    assert placed.n == len(values) and placed.status == "ok"
    below = sum(v < 150_000 for v in values)
    equal = sum(v == 150_000 for v in values)
    assert placed.percentile == pytest.approx(100 * (below + equal / 2) / len(values))
    assert placed.median == float(np.median(values))
    assert (placed.p25, placed.p75) == tuple(np.quantile(values, [0.25, 0.75]))
    assert "US companies" in placed.scope and "exact duplicates dropped" in placed.scope
    kept = offer.place_in_index(real(), 150_000, "Senior", "ML engineer", drop_duplicates=False)
    assert kept.n == len(_raw_comparable("SE", "ML engineer", drop_duplicates=False)) > placed.n
    assert "exact duplicates kept" in kept.scope


def test_place_in_index_narrows_only_when_enough_records_remain():
    placed = offer.place_in_index(
        real(), 150_000, "Senior", "ML engineer", specialization="Deep learning"
    )
    assert placed.n == len(_raw_comparable("SE", "ML engineer"))  # filter dropped
    assert "too few records to narrow further — Deep learning:" in placed.scope
    remote = offer.place_in_index(real(), 150_000, "Senior", "ML engineer", remote=True)
    assert 10 <= remote.n < placed.n and remote.scope.endswith(", remote")
    assert (remote.values > 0).all()


def _records(n: int, **extra) -> pd.DataFrame:
    frame = {
        "level": ["Senior"] * n,
        "track": ["AI engineer"] * n,
        "company_country": ["US"] * n,
        "employee_country": ["DE"] * n,
        "employment_type": ["Full-time"] * n,
        "year": [2024] * n,
        "salary_usd": [100_000.0 + 10_000 * i for i in range(n)],
        "is_duplicate": [False] * n,
        "specialization": ["General"] * n,
        "remote_ratio": [0] * n,
    }
    return pd.DataFrame(frame | extra)


def test_index_uses_the_company_country_and_hides_tiny_groups():
    placed = offer.place_in_index(tiny(salaries=_records(12)), 150_000, "Senior", "AI engineer")
    # Employees live in Germany, companies are in the US: they count as US records.
    assert placed.n == 12 and placed.status == "low confidence"
    assert placed.percentile == pytest.approx(100 * (5 + 0.5) / 12)  # 100k..150k: 5 below
    small = offer.place_in_index(tiny(salaries=_records(3)), 150_000, "Senior", "AI engineer")
    assert small.status == "hidden" and small.n == 3 and np.isnan(small.percentile)
    assert np.isnan(small.median)


def test_empirical_percentile_is_mid_rank():
    values = np.array([1.0, 2.0, 2.0, 3.0])
    assert offer.empirical_percentile(2.0, values) == 50.0  # (1 below + 2/2 equal) / 4
    assert offer.empirical_percentile(0.5, values) == 0.0
    assert offer.empirical_percentile(3.5, values) == 100.0
    assert math.isnan(offer.empirical_percentile(1.0, np.array([])))


def test_default_base_is_the_metro_median_rounded():
    assert offer.default_base(real(), SAN_JOSE, OCC) == 185_000.0  # BLS 185,080
    assert offer.default_base(real(), BANGOR, OCC) == 120_000.0  # US median 120,230


def test_pickers_list_tracks_and_specializations():
    salaries = pd.DataFrame(
        {
            "track": ["ML engineer", "Other", "AI engineer", None, "ML engineer"],
            "specialization": ["General", "NLP", "Computer vision", "NLP", None],
        }
    )
    tracks, specs = offer.pickers(tiny(salaries=salaries))
    assert tracks == ["AI engineer", "ML engineer"]
    assert specs == ["Any", "Computer vision", "NLP"]


def test_real_frames_are_not_mutated():
    before = {name: real().table(name).copy() for name in ("wages", "salaries")}
    offer.place_in_market(real(), 150_000, BANGOR, OCC)
    offer.place_in_index(real(), 150_000, "Mid", "Data scientist", remote=False)
    for name, frame in before.items():
        pd.testing.assert_frame_equal(real().table(name), frame)
