"""analysis.levels: known answers from the raw CSV and BLS, properties, tiny-frame logic."""

from __future__ import annotations

import statistics

import numpy as np
import pandas as pd
import pytest

from analysis import levels, taxonomy
from analysis.data import Tables
from tests.tables import raw_salary_rows, raw_salary_rows_deduplicated, real, tiny

LEVEL_CODES = {"EN": "Entry", "MI": "Mid", "SE": "Senior", "EX": "Executive"}


def _raw_by_level(rows, *, track: str | None = None, default_filters: bool = True):
    """salary_in_usd by level from raw rows: US companies; with `default_filters` also
    full-time and work years 2023-2025; optionally one career track (taxonomy of the title)."""
    by_level: dict[str, list[float]] = {}
    for row in rows:
        if row["company_location"] != "US":
            continue
        if default_filters and (
            row["employment_type"] != "FT" or int(row["work_year"]) not in (2023, 2024, 2025)
        ):
            continue
        if track is not None and taxonomy.title_track(row["job_title"]) != track:
            continue
        by_level.setdefault(LEVEL_CODES[row["experience_level"]], []).append(
            float(row["salary_in_usd"])
        )
    return by_level


def test_us_median_by_level_matches_the_published_figures():
    """PROVENANCE: US median by level EN 95.8k, MI 136.4k, SE 166.6k, EX 200k (all tracks,
    years, employment types and duplicates; US = company_location)."""
    by_level = _raw_by_level(raw_salary_rows(), default_filters=False)
    expected = {lv: statistics.median(v) for lv, v in by_level.items()}
    assert round(expected["Entry"], -2) == 95_800
    assert (expected["Mid"], expected["Senior"], expected["Executive"]) == (
        136_400,
        166_600,
        200_000,
    )
    out = levels.progression(
        real(), None, "US", years=None, drop_duplicates=False, full_time_only=False, n_boot=20
    )
    assert dict(zip(out["level"], out["median"], strict=True)) == expected
    assert dict(zip(out["level"], out["n"], strict=True)) == {
        lv: len(v) for lv, v in by_level.items()
    }


def test_default_progression_drops_duplicates_matches_raw_csv():
    """Default (US companies, full-time, 2023-2025, exact duplicates dropped), all tracks."""
    by_level = _raw_by_level(raw_salary_rows_deduplicated())
    out = levels.progression(real(), None, n_boot=20).set_index("level")
    assert set(by_level) == set(levels.LEVELS)
    for level, values in by_level.items():
        assert out.loc[level, "n"] == len(values)
        assert out.loc[level, "median"] == statistics.median(values)
    assert (out["track"] == levels.ALL_TRACKS).all()


@pytest.fixture(scope="module")
def curve() -> pd.DataFrame:
    return levels.progression(real(), ["ML engineer", "Data scientist"], n_boot=50)


def test_track_medians_and_step_ups_match_raw_csv(curve):
    for track in ("ML engineer", "Data scientist"):
        by_level = _raw_by_level(raw_salary_rows_deduplicated(), track=track)
        rows = curve[curve["track"] == track].set_index("level")
        medians = {lv: statistics.median(by_level[lv]) for lv in levels.LEVELS}
        for level in levels.LEVELS:
            assert rows.loc[level, "n"] == len(by_level[level])
            assert rows.loc[level, "median"] == medians[level]
        assert rows.loc["Senior", "step_up"] == pytest.approx(medians["Senior"] / medians["Mid"])
        assert np.isnan(rows.loc["Entry", "step_up"])


def test_step_up_is_the_raw_ratio_and_progressions_neighbouring_step():
    by_level = _raw_by_level(raw_salary_rows_deduplicated(), track="ML engineer")
    step = levels.step_up(real(), "ML engineer", "Entry", "Senior", n_boot=50)
    ratio = statistics.median(by_level["Senior"]) / statistics.median(by_level["Entry"])
    assert step.ratio == pytest.approx(ratio)
    assert (step.n_from, step.n_to) == (len(by_level["Entry"]), len(by_level["Senior"]))
    assert step.low < step.ratio < step.high
    assert step.drop_duplicates and step.country == "US" and step.years == (2023, 2024, 2025)
    # Neighbouring levels: the same ratio and seeded interval as progression's step.
    curve = levels.progression(real(), "ML engineer", n_boot=50).set_index("level")
    mid = levels.step_up(real(), "ML engineer", "Entry", "Mid", n_boot=50)
    assert (mid.ratio, mid.low, mid.high) == pytest.approx(
        tuple(curve.loc["Mid", ["step_up", "step_low", "step_high"]])
    )


def test_step_up_errors():
    with pytest.raises(ValueError, match="Unknown level"):
        levels.step_up(real(), "ML engineer", "Intern", "Senior")
    with pytest.raises(ValueError, match="Too few"):
        levels.step_up(_tiny({"Entry": 40, "Senior": 5}), "ML engineer", n_boot=5)


def test_progression_properties(curve):
    shown = curve.loc[curve["status"] != "hidden"]
    assert len(shown) == 8
    assert (shown["p25"] <= shown["median"]).all()
    assert (shown["median"] <= shown["p75"]).all()
    assert (shown["ci_low"] <= shown["median"]).all()
    assert (shown["median"] <= shown["ci_high"]).all()
    steps = shown.dropna(subset=["step_up"])
    assert len(steps) == 6
    assert (steps["step_low"] <= steps["step_up"]).all()
    assert (steps["step_up"] <= steps["step_high"]).all()
    assert curve.loc[curve["level"] == "Entry", "step_up"].isna().all()
    assert list(curve["level"]) == list(levels.LEVELS) * 2
    assert list(curve["track"]) == ["ML engineer"] * 4 + ["Data scientist"] * 4


def test_progression_same_seed_same_interval(curve):
    again = levels.progression(real(), ["ML engineer", "Data scientist"], n_boot=50)
    pd.testing.assert_frame_equal(curve, again)


def test_progression_does_not_mutate_the_real_table():
    before = real().salaries.copy()
    levels.progression(real(), "ML engineer", n_boot=10, drop_duplicates=False)
    levels.step_up(real(), None, n_boot=10)
    pd.testing.assert_frame_equal(real().salaries, before)


def _tiny(sizes: dict[str, int], **extra) -> Tables:
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
                    **extra,
                }
            )
    return tiny(salaries=pd.DataFrame(rows))


def test_small_groups_hidden_and_low_confidence():
    out = levels.progression(_tiny({"Entry": 40, "Mid": 12, "Senior": 5}), "ML engineer", n_boot=20)
    status = dict(zip(out["level"], out["status"], strict=True))
    assert status == {
        "Entry": "ok",
        "Mid": "low confidence",
        "Senior": "hidden",
        "Executive": "hidden",
    }
    by = out.set_index("level")
    # Entry 100,000..139,000: median 119,500; Mid 150,000..161,000: median 155,500.
    assert by.loc["Entry", "median"] == 119_500 and by.loc["Mid", "median"] == 155_500
    assert by.loc["Mid", "step_up"] == pytest.approx(155_500 / 119_500)
    assert by.loc["Senior", ["median", "step_up"]].isna().all()
    assert by.loc["Senior", "n"] == 5 and by.loc["Executive", "n"] == 0


def test_progression_filters_by_company_country_and_years():
    data = _tiny({"Entry": 40})
    with pytest.raises(ValueError, match="No salaries"):
        levels.progression(data, "ML engineer", country="DE", n_boot=5)
    with pytest.raises(ValueError, match="No salaries"):
        levels.progression(data, "ML engineer", years=[2023], n_boot=5)
    everywhere = levels.progression(data, "ML engineer", country=None, years=None, n_boot=5)
    assert everywhere.set_index("level").loc["Entry", "n"] == 40
    # Where the employee lives does not matter: "US" is the company's country.
    moved = _tiny({"Entry": 40}, employee_country="DE")
    assert levels.progression(moved, "ML engineer", n_boot=5).iloc[0]["n"] == 40


def test_real_progression_is_in_the_latest_cpi_year_dollars():
    # BLS CPI-U, U.S. city average, annual averages (CUUR0000SA0): 2024 313.689, 2025 321.943.
    cpi = pd.DataFrame(
        {"series_id": "CUUR0000SA0", "year": [2024, 2025], "value": [313.689, 321.943]}
    )
    data = _tiny({"Entry": 40, "Mid": 40})
    data = tiny(salaries=data.salaries, cpi=cpi)
    nominal = levels.progression(data, "ML engineer", n_boot=20).set_index("level")
    real_curve = levels.progression(data, "ML engineer", real=True, n_boot=20).set_index("level")
    # Every record is from 2024, so each figure grows by 321.943 / 313.689 (2.6%) ...
    assert real_curve.loc["Entry", "median"] == pytest.approx(119_500 * 321.943 / 313.689)
    grown = nominal.loc["Mid", "p75"] * 321.943 / 313.689
    assert real_curve.loc["Mid", "p75"] == pytest.approx(grown)
    # ... and the step-up, a ratio within one year, does not move.
    assert real_curve.loc["Mid", "step_up"] == pytest.approx(nominal.loc["Mid", "step_up"])


def test_empty_selection_raises_value_error():
    with pytest.raises(ValueError, match="track"):
        levels.progression(_tiny({"Entry": 40}), [], n_boot=5)


# --- survey: experience curve ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def experience() -> tuple[pd.DataFrame, pd.DataFrame]:
    return levels.experience_curve(real(), ai_ml_only=True, n_boot=30)


def test_experience_bins_are_the_medians_of_the_survey_rows(experience):
    bins, _ = experience
    survey = real().survey
    for year, low, high, label in ((2024, 0, 3, "0-2"), (2025, 10, 15, "10-14")):
        pay = [
            float(r.pay_usd)
            for r in survey.itertuples()
            if r.year == year
            and r.ai_ml_role is not pd.NA
            and bool(r.ai_ml_role)
            and low <= r.years_experience < high  # NaN years compare False
            and 5_005 <= r.pay_usd <= 499_750  # NaN pay compares False
        ]
        row = bins[(bins["year"] == year) & (bins["bin"] == label)].iloc[0]
        assert row["n"] == len(pay)
        assert row["median"] == statistics.median(pay)


def test_experience_curve_per_survey_year(experience):
    bins, fit = experience
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
        assert years.min() == mids.min() and years.max() == mids.max()
        assert len(years) == levels.CURVE_GRID_POINTS
    # Pay rises with experience in both years: 20+ years above 0-2 years.
    for year in (2024, 2025):
        b = bins.loc[bins["year"] == year].set_index("bin")["median"]
        assert b["20+"] > b["0-2"]


def _survey(years: list[float], pay: list[float], **extra) -> pd.DataFrame:
    n = len(years)
    frame = {
        "year": [2025] * n,
        "experience_measure": ["total coding"] * n,
        "years_experience": years,
        "pay_usd": pay,
        "ai_ml_role": [True] * n,
        "country": ["Germany"] * n,
    }
    return pd.DataFrame(frame | extra)


def test_experience_bins_are_exact_medians_on_a_tiny_frame():
    # Bins are [0, 3), [3, 6), ...: 2.9 years is 0-2, 3.0 is 3-5; pay outside the extract's
    # bounds (5,005-499,750) and non-AI/ML roles are left out.
    years = [1.0] * 12 + [2.9] + [3.0] * 10 + [1.0, 1.0]
    pay = [50_000.0 + 1_000 * i for i in range(12)] + [90_000.0] + [70_000.0] * 10
    pay += [1.0, 900_000.0]
    bins, fit = levels.experience_curve(tiny(survey=_survey(years, pay)), n_boot=5)
    by = bins.set_index("bin")
    assert by.loc["0-2", "n"] == 13 and by.loc["0-2", "median"] == 56_000
    assert by.loc["3-5", "n"] == 10 and by.loc["3-5", "median"] == 70_000
    assert by.loc["0-2", "bin_mid"] == 1.0 and by.loc["3-5", "bin_mid"] == 4.0
    assert fit.empty  # under MIN_CONFIDENT respondents in the year: no smooth fit
    others = _survey(years, pay, ai_ml_role=[False] * len(years))
    with pytest.raises(ValueError, match="No survey respondents"):
        levels.experience_curve(tiny(survey=others), n_boot=5)
    with pytest.raises(ValueError, match="No survey respondents"):
        levels.experience_curve(tiny(survey=_survey(years, pay)), us_only=True, n_boot=5)
    everyone = levels.experience_curve(tiny(survey=others), ai_ml_only=False, n_boot=5)[0]
    assert everyone["n"].sum() == 23


# --- BLS spread -----------------------------------------------------------------------------------


def test_market_spread_is_the_published_national_ladder():
    out = levels.market_spread(real(), "15-2051")
    # BLS OEWS May 2025, Data Scientists, national: annual p10, p25, median, p75, p90.
    assert out["percentile"].tolist() == [10, 25, 50, 75, 90]
    assert out["wage"].tolist() == [67_240, 85_660, 120_230, 158_880, 199_130]
    assert out["note"].isna().all()
    assert (out["tot_emp"] == 262_440).all() and (out["occ_title"] == "Data Scientists").all()
    with pytest.raises(ValueError, match="99-9999"):
        levels.market_spread(real(), "99-9999")
