"""analysis.levels: known answers on the real data, properties, tiny-frame logic."""

from __future__ import annotations

import statistics

import numpy as np
import pandas as pd
import pytest

from analysis import levels, stats
from tests.tables import raw_salary_rows, raw_salary_rows_deduplicated, table

LEVEL_CODES = {"EN": "Entry", "MI": "Mid", "SE": "Senior", "EX": "Executive"}


def test_us_median_by_level_matches_raw_csv():
    """PROVENANCE: US median by level EN 95.8k, MI 136.4k, SE 166.6k, EX 200k (all tracks,
    years, employment types; US = company_location)."""
    by_level: dict[str, list[float]] = {}
    for row in raw_salary_rows():
        if row["company_location"] == "US":
            by_level.setdefault(LEVEL_CODES[row["experience_level"]], []).append(
                float(row["salary_in_usd"])
            )
    expected = {lv: statistics.median(v) for lv, v in by_level.items()}
    assert round(expected["Entry"], -2) == 95_800
    assert expected["Mid"] == 136_400
    assert expected["Senior"] == 166_600
    assert expected["Executive"] == 200_000
    # PROVENANCE counts every record, duplicates included: drop_duplicates=False.
    out = levels.progression(
        table("salaries"),
        None,
        "US",
        years=None,
        drop_duplicates=False,
        full_time_only=False,
        n_boot=20,
    )
    got = dict(zip(out["level"], out["median"], strict=True))
    assert got == pytest.approx(expected, abs=0)
    assert out["n"].sum() == sum(len(v) for v in by_level.values())


def test_default_progression_drops_duplicates_matches_raw_csv():
    """Default (duplicates dropped): medians by level, all tracks, US companies, full-time,
    2023-2025, recomputed from the raw CSV with the csv module and a set of seen rows."""
    by_level: dict[str, list[float]] = {}
    for row in raw_salary_rows_deduplicated():
        if (
            row["company_location"] == "US"
            and row["employment_type"] == "FT"
            and int(row["work_year"]) in levels.DEFAULT_YEARS
        ):
            by_level.setdefault(LEVEL_CODES[row["experience_level"]], []).append(
                float(row["salary_in_usd"])
            )
    out = levels.progression(table("salaries"), None, n_boot=20).set_index("level")
    assert set(by_level) == set(levels.LEVELS)
    for level, values in by_level.items():
        assert out.loc[level, "n"] == len(values)
        assert out.loc[level, "median"] == statistics.median(values)
    kept = levels.progression(table("salaries"), None, drop_duplicates=False, n_boot=5)
    assert kept["n"].sum() > out["n"].sum()


def test_step_up_matches_progression_and_bootstrap():
    s = table("salaries")
    step = levels.step_up(s, "ML engineer", "Entry", "Senior", n_boot=50)
    curve = levels.progression(s, "ML engineer", n_boot=50).set_index("level")
    assert step.ratio == pytest.approx(curve.loc["Senior", "median"] / curve.loc["Entry", "median"])
    assert (step.n_from, step.n_to) == (curve.loc["Entry", "n"], curve.loc["Senior", "n"])
    assert step.low <= step.ratio <= step.high
    assert step.drop_duplicates and step.country == "US"
    # Neighbouring levels: step_up is exactly progression's step and interval.
    mid = levels.step_up(s, "ML engineer", "Entry", "Mid", n_boot=50)
    assert (mid.ratio, mid.low, mid.high) == pytest.approx(
        tuple(curve.loc["Mid", ["step_up", "step_low", "step_high"]])
    )
    with pytest.raises(ValueError, match="Unknown level"):
        levels.step_up(s, "ML engineer", "Intern", "Senior")
    with pytest.raises(ValueError, match="Too few"):
        levels.step_up(_tiny({"Entry": 40, "Senior": 5}), "ML engineer", n_boot=5)


@pytest.fixture(scope="module")
def curve() -> pd.DataFrame:
    return levels.progression(table("salaries"), ["ML engineer", "Data scientist"], n_boot=50)


def test_progression_properties(curve):
    shown = curve.loc[curve["status"] != "hidden"]
    assert len(shown) == 8
    assert (shown["p25"] <= shown["median"]).all()
    assert (shown["median"] <= shown["p75"]).all()
    assert (shown["ci_low"] <= shown["median"]).all()
    assert (shown["median"] <= shown["ci_high"]).all()
    steps = shown.dropna(subset=["step_up"])
    assert (steps["step_low"] <= steps["step_up"]).all()
    assert (steps["step_up"] <= steps["step_high"]).all()
    assert curve.loc[curve["level"] == "Entry", "step_up"].isna().all()
    assert list(curve["level"][:4]) == list(levels.LEVELS)


def test_progression_same_seed_same_interval(curve):
    again = levels.progression(table("salaries"), ["ML engineer", "Data scientist"], n_boot=50)
    pd.testing.assert_frame_equal(curve, again)


def test_progression_does_not_mutate_input():
    frame = table("salaries")
    before = frame.copy()
    levels.progression(frame, "ML engineer", n_boot=10, drop_duplicates=True)
    pd.testing.assert_frame_equal(frame, before)


def test_drop_duplicates_reduces_n():
    s = table("salaries")
    kept = levels.progression(s, "Data scientist", n_boot=10, drop_duplicates=False)
    dropped = levels.progression(s, "Data scientist", n_boot=10)
    assert dropped["n"].sum() < kept["n"].sum()


def _tiny(sizes: dict[str, int]) -> pd.DataFrame:
    rows = []
    for level, n in sizes.items():
        base = {"Entry": 100_000, "Mid": 150_000, "Senior": 200_000, "Executive": 260_000}[level]
        for i in range(n):
            rows.append(
                {
                    "year": 2024,
                    "level": level,
                    "employment_type": "Full-time",
                    "track": "ML engineer",
                    "salary_usd": float(base + 1_000 * i),
                    "company_country": "US",
                    "is_duplicate": False,
                }
            )
    return pd.DataFrame(rows)


def test_small_groups_hidden_and_low_confidence():
    out = levels.progression(_tiny({"Entry": 40, "Mid": 12, "Senior": 5}), "ML engineer", n_boot=20)
    status = dict(zip(out["level"], out["status"], strict=True))
    assert status == {
        "Entry": "ok",
        "Mid": "low confidence",
        "Senior": "hidden",
        "Executive": "hidden",
    }
    mid = out.set_index("level").loc["Mid"]
    assert mid["step_up"] == pytest.approx(np.median(150_000 + 1_000 * np.arange(12)) / 119_500)
    assert out.set_index("level").loc["Senior", ["median", "step_up"]].isna().all()


def test_empty_selection_raises_value_error():
    with pytest.raises(ValueError, match="track"):
        levels.progression(_tiny({"Entry": 40}), [], n_boot=5)
    with pytest.raises(ValueError, match="No salaries"):
        levels.progression(_tiny({"Entry": 40}), "ML engineer", country="DE", n_boot=5)


def test_experience_curve_per_survey_year():
    bins, fit = levels.experience_curve(table("survey"), ai_ml_only=True, n_boot=30)
    assert set(bins["year"]) == {2024, 2025}
    measures = dict(zip(bins["year"], bins["experience_measure"], strict=False))
    assert measures == {2024: "professional", 2025: "total coding"}
    shown = bins.loc[bins["status"] != "hidden"]
    assert (shown["p25"] <= shown["median"]).all() and (shown["median"] <= shown["p75"]).all()
    assert (shown["ci_low"] <= shown["median"]).all()
    assert (shown["median"] <= shown["ci_high"]).all()
    assert set(fit["year"]) == {2024, 2025}
    assert (fit["band_low"] <= fit["fit"] * 1.0001).all()
    assert (fit["fit"] <= fit["band_high"] * 1.0001).all()
    # The smooth curve stays within the shown bins: never past the last binned median.
    for year in (2024, 2025):
        mids = bins.loc[(bins["year"] == year) & (bins["status"] != "hidden"), "bin_mid"]
        years = fit.loc[fit["year"] == year, "years"]
        assert years.min() >= mids.min() and years.max() <= mids.max()
    # Pay rises with experience in both years: 20+ years above 0-2 years.
    for year in (2024, 2025):
        b = bins.loc[bins["year"] == year].set_index("bin")["median"]
        assert b["20+"] > b["0-2"]


def test_experience_curve_bins_are_exact_medians_on_tiny_frame():
    survey = pd.DataFrame(
        {
            "year": [2025] * 12,
            "experience_measure": ["total coding"] * 12,
            "years_experience": [1.0] * 12,
            "pay_usd": [50_000.0 + 1_000 * i for i in range(12)],
            "ai_ml_role": [True] * 12,
            "country": ["Germany"] * 12,
        }
    )
    bins, fit = levels.experience_curve(survey, n_boot=5)
    row = bins.set_index("bin").loc["0-2"]
    assert row["n"] == 12 and row["median"] == 55_500
    assert fit.empty  # under MIN_CONFIDENT respondents: no smooth fit
    with pytest.raises(ValueError):
        levels.experience_curve(survey, us_only=True)


def test_market_spread_ladder():
    out = levels.market_spread(table("wages"), "15-2051")
    assert list(out["percentile"]) == list(stats.PERCENTILES)
    wages = out["wage"].dropna()
    assert wages.is_monotonic_increasing
    assert out.loc[out["percentile"] == 50, "wage"].item() == 120_230  # BLS May 2025
    with pytest.raises(ValueError):
        levels.market_spread(table("wages"), "99-9999")
