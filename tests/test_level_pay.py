"""A level's pay in a place: salary-index quantiles -> national BLS percentile -> the area's
wage at that percentile. Tiny tables with hand-worked answers, then properties on the real
data."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from analysis import level_pay
from analysis.data import Tables
from analysis.level_pay import LevelPay, verdict
from tests.tables import real, tiny, tiny_manifest

NATIONAL = (50_000, 70_000, 100_000, 140_000, 200_000)
METRO = tuple(1.2 * w for w in NATIONAL)  # 60k, 84k, 120k, 168k, 240k


def wage_row(area_type: str, cbsa: str, ladder, *, notes=(None,) * 5, prse=0.0) -> dict:
    cols = ("a_pct10", "a_pct25", "a_median", "a_pct75", "a_pct90")
    row = {
        "area_type": area_type,
        "area_code": cbsa or "US",
        "area_name": {"national": "U.S.", "metro": "Testville, TX", "state": "Texas"}[area_type],
        "cbsa": cbsa,
        "state_code": "48",
        "occ_code": "15-2051",
        "occ_title": "Data Scientists",
        "industry_code": "000000",
        "tot_emp": 1000.0,
        "emp_prse": 1.0,
        "mean_prse": prse,
    }
    for col, wage, note in zip(cols, ladder, notes, strict=True):
        row[col] = wage
        row[f"{col}_note"] = note
    return row


def records(values, level="Senior", track="ML engineer") -> pd.DataFrame:
    n = len(values)
    return pd.DataFrame(
        {
            "salary_usd": np.asarray(values, dtype=float),
            "company_country": ["US"] * n,
            "year": [2024] * n,
            "level": [level] * n,
            "track": [track] * n,
            "employment_type": ["Full-time"] * n,
            "is_duplicate": [False] * n,
            "specialization": ["General"] * n,
            "remote_ratio": [0] * n,
        }
    )


def twenty_one(q25: float, q50: float, q75: float, low=45_000, high=300_000) -> list[float]:
    """21 sorted values whose linear 25th/50th/75th percentiles are exactly q25/q50/q75
    (positions 5, 10 and 15 of 0..20)."""
    out = list(np.linspace(low, q25, 6)) + list(np.linspace(q25, q50, 6))[1:]
    return out + list(np.linspace(q50, q75, 6))[1:] + list(np.linspace(q75, high, 6))[1:]


@pytest.fixture
def data():
    wages = pd.DataFrame([wage_row("national", "", NATIONAL), wage_row("metro", "99999", METRO)])
    return tiny(wages=wages, salaries=records(twenty_one(70_000, 100_000, 140_000)))


def test_hand_worked_level_range(data):
    # The level's 25th/50th/75th ($70k/$100k/$140k) are the national 25th/50th/75th
    # percentiles exactly, so the metro's wages there are its own 25th/50th/75th.
    pay = level_pay.level_pay(data, "99999", "15-2051", "Senior", "ML engineer", n_draws=50)
    assert pay.percentiles == pytest.approx((25, 50, 75))
    assert pay.wages == pytest.approx((84_000, 120_000, 168_000))
    assert pay.index_wages == pytest.approx((70_000, 100_000, 140_000))
    assert not any(pay.open_low) and not any(pay.open_high)
    assert pay.area_type == "metro" and pay.fallback == ""
    assert pay.n == 21 and pay.status == "low confidence"


def test_between_published_points_is_log_linear(data):
    # $83,666.0 = exp(midpoint of log 70k and log 100k): halfway from the 25th to the 50th.
    mid = math.exp((math.log(70_000) + math.log(100_000)) / 2)
    salaries = records(twenty_one(mid, 100_000, 140_000))
    tables = tiny(wages=data.wages, salaries=salaries)
    pay = level_pay.level_pay(tables, "99999", "15-2051", "Senior", "ML engineer", n_draws=50)
    assert pay.percentiles[0] == pytest.approx(37.5)
    assert pay.wages[0] == pytest.approx(math.exp((math.log(84_000) + math.log(120_000)) / 2))


def test_a_level_above_the_published_90th_is_an_open_end(data):
    salaries = records(twenty_one(100_000, 150_000, 250_000, high=400_000))
    tables = tiny(wages=data.wages, salaries=salaries)
    pay = level_pay.level_pay(tables, "99999", "15-2051", "Senior", "ML engineer", n_draws=50)
    assert pay.open_high == (False, False, True)
    assert math.isnan(pay.wages[2]) and math.isnan(pay.high[2])
    assert pay.area_top == pytest.approx(240_000) and pay.area_top_pct == 90


def test_no_uncertainty_without_sampling_error_in_a_constant_sample(data):
    # Every record equal: resampling changes nothing, and the BLS relative standard errors
    # are 0 in this table, so the interval is the point.
    tables = tiny(wages=data.wages, salaries=records([100_000] * 12))
    pay = level_pay.level_pay(tables, "99999", "15-2051", "Senior", "ML engineer", n_draws=50)
    assert pay.low == pytest.approx(pay.wages) and pay.high == pytest.approx(pay.wages)


def test_bls_sampling_error_widens_the_interval(data):
    rows = [
        wage_row("national", "", NATIONAL, prse=2.0),
        wage_row("metro", "99999", METRO, prse=5.0),
    ]
    tables = tiny(wages=pd.DataFrame(rows), salaries=records([100_000] * 12))
    pay = level_pay.level_pay(tables, "99999", "15-2051", "Senior", "ML engineer", n_draws=400)
    width = (pay.high[1] - pay.low[1]) / pay.wages[1]
    # Two independent lognormal factors with sd 2% and 5%: about ±1.96 * 5.4%.
    assert 0.15 < width < 0.27


def test_too_few_records_is_a_message(data):
    tables = tiny(wages=data.wages, salaries=records([100_000] * 9))
    with pytest.raises(ValueError, match="too few"):
        level_pay.level_pay(tables, "99999", "15-2051", "Senior", "ML engineer")


def pay_at(wages, low=None, high=None, open_high=(False, False, False)) -> LevelPay:
    low = low or wages
    high = high or wages
    return LevelPay(
        "15-2051", "Data Scientists", "Senior", "ML engineer", (0.25, 0.5, 0.75), wages,
        low, high, (25, 50, 75), wages, (False,) * 3, open_high, 30, "ok", "", "Testville",
        "metro", "", 240_000, 90, 60_000, 10,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("base", "place"),
    [(80_000, "below"), (84_000, "within"), (150_000, "within"), (170_000, "above")],
)
def test_verdict_places_the_base_against_the_edges(base, place):
    assert verdict(pay_at((84_000, 120_000, 168_000)), base).place == place


def test_verdict_says_when_the_base_is_inside_an_edges_uncertainty():
    pay = pay_at((84_000, 120_000, 168_000), (80_000, 115_000, 160_000), (88_000, 125_000, 176_000))
    assert verdict(pay, 82_000).near == "low"
    assert verdict(pay, 82_000).place == "below"
    assert verdict(pay, 170_000).near == "high"
    assert verdict(pay, 120_000).near == ""


def test_nothing_is_above_an_open_top():
    pay = pay_at((84_000, 120_000, float("nan")), open_high=(False, False, True))
    assert verdict(pay, 1_000_000).place == "within"


def test_real_senior_ml_engineer_in_san_francisco_pays_more_than_in_austin():
    # Same level, same method, two metros: the metro with the higher BLS ladder gives more at
    # every quantile (San Francisco's published data-scientist percentiles exceed Austin's).
    data = real()
    sf = level_pay.level_pay(data, "41860", "15-2051", "Senior", "ML engineer")
    austin = level_pay.level_pay(data, "12420", "15-2051", "Senior", "ML engineer")
    # The national position does not depend on place.
    assert np.array_equal(sf.percentiles, austin.percentiles, equal_nan=True)
    for a, b in zip(sf.wages, austin.wages, strict=True):
        assert math.isnan(a) == math.isnan(b)
        assert math.isnan(a) or a > b
    assert sf.n >= 30


def with_state(data, state_ladder=METRO, fips="06", name="California"):
    """`data` plus one state row (California by default) paying `state_ladder`."""
    row = wage_row("state", "", state_ladder) | {"state_code": fips, "area_name": name}
    wages = pd.concat([data.wages, pd.DataFrame([row])], ignore_index=True)
    return tiny(wages=wages, salaries=data.salaries)


def test_placing_state_like_records_among_all_us_workers_counts_the_premium_twice():
    # Records whose 25th/50th/75th ($84k/$120k/$168k) are California's own (California = the
    # metro = 1.2 x the nation). Among Californians they sit at the 25th/50th/75th, so the
    # metro pays $84k/$120k/$168k. Among all US workers $84k sits at
    # 25 + 25 x ln(84/70) / ln(100/70) = 37.78, where the metro pays 1.2 x $84k = $100,800:
    # the 20% premium added a second time.
    data = with_state(tiny(wages=pd.DataFrame([wage_row("national", "", NATIONAL),
                                               wage_row("metro", "99999", METRO)]),
                           salaries=records(twenty_one(84_000, 120_000, 168_000))))  # fmt: skip
    states = level_pay.level_pay(
        data, "99999", "15-2051", "Senior", "ML engineer", reference="states", n_draws=0
    )
    assert states.percentiles == pytest.approx((25, 50, 75))
    assert states.wages == pytest.approx((84_000, 120_000, 168_000))
    nation = level_pay.level_pay(data, "99999", "15-2051", "Senior", "ML engineer", n_draws=0)
    assert nation.percentiles[0] == pytest.approx(37.78, abs=0.01)
    assert nation.wages == pytest.approx((100_800, 144_000, 201_600))


def test_the_uncertainty_runs_to_the_other_reference_population():
    # Twelve records of $84,000 and no BLS sampling error: the simulation's interval is the
    # point ($100,800 among all US workers); read among Californians it is $84,000, so the
    # uncertainty runs from $84,000 to $100,800.
    data = with_state(tiny(wages=pd.DataFrame([wage_row("national", "", NATIONAL),
                                               wage_row("metro", "99999", METRO)]),
                           salaries=records([84_000] * 12)))  # fmt: skip
    pay = level_pay.level_pay(data, "99999", "15-2051", "Senior", "ML engineer", n_draws=50)
    assert pay.reference == "national" and pay.alternative.reference == "states"
    assert pay.sample_low == pytest.approx((100_800,) * 3)
    assert pay.alternative.wages == pytest.approx((84_000,) * 3)
    assert pay.low == pytest.approx((84_000,) * 3) and pay.high == pytest.approx((100_800,) * 3)


def test_records_and_wages_are_aged_to_the_date_read_for():
    # Records of $70,000 in work year 2024 (dated 2024-07-01), BLS wages of May 2025
    # (2025-05-15), read for 2026-05-15, at 10% a year. The records carried 318 days to BLS's
    # month are $70,000 x 1.1^(318/365.25); placed in the nation and read off the metro
    # (1.2 x the nation everywhere) that is 1.2 x the aged record; carried 365 more days:
    # $84,000 x 1.1^(683/365.25) = $84,000 x e^(1.869952 x 0.0953102) = $100,388.7.
    manifest = tiny_manifest()
    manifest["sources"]["oews"]["facts"]["reference_period"] = "May 2025"
    wages = pd.DataFrame([wage_row("national", "", NATIONAL), wage_row("metro", "99999", METRO)])
    data = Tables.of(manifest, wages=wages, salaries=records([70_000] * 12))
    pay = level_pay.level_pay(
        data, "99999", "15-2051", "Senior", "ML engineer",
        as_of=dt.date(2026, 5, 15), rate=0.10, n_draws=0,
    )  # fmt: skip
    assert pay.wages == pytest.approx((100_388.7,) * 3, rel=1e-5)
    assert pay.factor == pytest.approx(1.1 ** (365 / 365.25))
    still = level_pay.level_pay(
        data, "99999", "15-2051", "Senior", "ML engineer", as_of=dt.date(2026, 5, 15), n_draws=0
    )
    assert still.wages == pytest.approx((84_000,) * 3)  # 0% a year: nothing moves
    # Read at 0%, the verdict is also tested at 10% a year: that reading is the one above.
    tested = level_pay.variants(
        data, "99999", "15-2051", "Senior", "ML engineer",
        as_of=dt.date(2026, 5, 15), other_rate=0.10,
    )  # fmt: skip
    assert tested["ageing"].wages == pytest.approx((100_388.7,) * 3, rel=1e-5)


def test_each_choice_flipped_once():
    rows = twenty_one(70_000, 100_000, 140_000)
    salaries = records(rows + [300_000] * 9)
    salaries["is_duplicate"] = [False] * 21 + [True] * 9  # nine repeats of a top listing
    data = with_state(tiny(wages=pd.DataFrame([wage_row("national", "", NATIONAL),
                                               wage_row("metro", "99999", METRO)]),
                           salaries=salaries))  # fmt: skip
    got = level_pay.variants(data, "99999", "15-2051", "Senior", "ML engineer")
    # No LCA table: the filed mixture is the stand-in itself, so no occupation flip; no date:
    # no ageing flip.
    assert set(got) == {"duplicates", "reference"}
    assert got["duplicates"].n == 30 and "kept" in got["duplicates"].scope
    assert got["reference"].reference == "states"


def test_a_verdict_that_flips_under_a_choice_says_so():
    pay = pay_at((84_000, 120_000, 168_000))
    other = pay_at((70_000, 100_000, 140_000))
    got = verdict(pay, 80_000, {"reference": other, "duplicates": pay})
    assert got.place == "below" and dict(got.flips) == {"reference": "within"}
    assert got.either_way
    assert not verdict(pay, 130_000, {"reference": other}).either_way
