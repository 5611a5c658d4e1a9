"""Tests for analysis.specialties: premiums on tiny frames, regression recovery, real data."""

from __future__ import annotations

import csv
from collections import Counter
from functools import cache

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from analysis import load, specialties, taxonomy
from analysis.paths import DEFAULT_RAW_DIR


@cache
def _real(name: str) -> pd.DataFrame:
    """A processed table from data/, or straight from its reader while data/ is being built."""
    try:
        return load.load_table(name)
    except load.DataUnavailable:
        if name == "salaries":
            from databuild.sources import aijobs as reader
        else:
            from databuild.sources import so_survey as reader
        if not (DEFAULT_RAW_DIR / reader.SOURCE.folder).is_dir():
            pytest.skip("neither data/ nor the raw sources are available")
        return reader.read(DEFAULT_RAW_DIR).tables[name]


def _records(rows: list[tuple[str, float]], track: str = "ML engineer") -> pd.DataFrame:
    """Tiny salaries frame: (specialization, salary_usd) pairs, one track, no duplicates."""
    return pd.DataFrame(
        {
            "specialization": [s for s, _ in rows],
            "salary_usd": [float(v) for _, v in rows],
            "track": track,
            "is_duplicate": False,
            "employment_type": "Full-time",
        }
    )


def test_raw_premium_is_the_hand_ratio_of_medians():
    general = [("General", v) for v in (100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200)]
    nlp = [("NLP", v) for v in (150, 160, 165, 170, 175, 180, 190, 200, 210, 220)]
    out = specialties.raw_premiums(_records(general + nlp)).set_index("specialization")
    assert out.loc["NLP", "premium"] == pytest.approx(177.5 / 150 - 1)
    assert out.loc["NLP", "n"] == 10
    assert out.loc["NLP", "status"] == "low confidence"
    assert out.loc["General", "premium"] == 0.0
    assert out.loc["NLP", "ci_low"] <= out.loc["NLP", "premium"] <= out.loc["NLP", "ci_high"]


def test_raw_premium_hides_small_groups_and_keeps_their_n():
    general = [("General", 100 + v) for v in range(40)]
    cv = [("Computer vision", 200)] * 9
    out = specialties.raw_premiums(_records(general + cv)).set_index("specialization")
    assert out.loc["Computer vision", "status"] == "hidden"
    assert out.loc["Computer vision", "n"] == 9
    assert np.isnan(out.loc["Computer vision", "premium"])
    assert out.loc["General", "status"] == "ok"


def test_same_seed_same_interval_and_other_seed_differs():
    rng = np.random.default_rng(1)
    rows = [("General", v) for v in rng.lognormal(11.5, 0.3, 200)]
    rows += [("NLP", v) for v in rng.lognormal(11.6, 0.3, 40)]
    frame = _records(rows)
    a = specialties.raw_premiums(frame, seed=7)
    b = specialties.raw_premiums(frame, seed=7)
    c = specialties.raw_premiums(frame, seed=8)
    pd.testing.assert_frame_equal(a, b)
    assert not np.allclose(a["ci_low"].iloc[1:], c["ci_low"].iloc[1:])


def test_raw_premium_does_not_mutate_and_drops_duplicates_by_default():
    frame = _records([("General", 100 + v) for v in range(30)] + [("NLP", 150)] * 12)
    frame.loc[frame.index[-2:], "is_duplicate"] = True
    before = frame.copy()
    dropped = specialties.raw_premiums(frame).set_index("specialization")
    kept = specialties.raw_premiums(frame, drop_duplicates=False).set_index("specialization")
    pd.testing.assert_frame_equal(frame, before)
    assert kept.loc["NLP", "n"] == 12
    assert dropped.loc["NLP", "n"] == 10


def test_raw_premium_uses_full_time_records_only():
    frame = _records([("General", 100 + v) for v in range(30)] + [("NLP", 150)] * 12)
    frame.loc[frame.index[-3:], "employment_type"] = "Contract"
    out = specialties.raw_premiums(frame).set_index("specialization")
    assert out.loc["NLP", "n"] == 9
    assert out.loc["NLP", "status"] == "hidden"


def test_unknown_baseline_or_no_tracks_is_a_value_error():
    frame = _records([("General", 100 + v) for v in range(30)])
    with pytest.raises(ValueError, match="baseline"):
        specialties.raw_premiums(frame, baseline="NLP")
    with pytest.raises(ValueError, match="track"):
        specialties.raw_premiums(frame, tracks=())


def _constructed(effect: float) -> pd.DataFrame:
    """Deterministic log-salaries: level and country effects, +`effect` for NLP, zero-mean
    noise pattern repeated in every cell, so OLS recovers the effects exactly (TEST only)."""
    noise = np.array([-0.1, 0.05, 0.1, -0.05, 0.0])
    rows = []
    for level, lv in (("Entry", 0.0), ("Senior", 0.4)):
        for country, cv in (("US", 0.3), ("DE", 0.0)):
            for spec, sv in (("General", 0.0), ("NLP", np.log1p(effect))):
                for year in (2023, 2024):
                    for e in noise:
                        log_pay = 11.5 + lv + cv + sv + 0.02 * (year - 2023) + e
                        rows.append(
                            {
                                "specialization": spec,
                                "level": level,
                                "company_country": country,
                                "year": year,
                                "remote_ratio": 0 if e <= 0 else 100,
                                "company_size": "M" if e != 0.05 else "L",
                                "salary_usd": float(np.exp(log_pay)),
                                "track": "ML engineer",
                                "is_duplicate": False,
                                "employment_type": "Full-time",
                            }
                        )
    return pd.DataFrame(rows)


def test_regression_recovers_a_known_premium():
    out = specialties.adjusted_premiums(_constructed(0.20)).set_index("specialization")
    assert out.loc["NLP", "premium"] == pytest.approx(0.20, abs=0.01)
    assert out.loc["NLP", "ci_low"] <= out.loc["NLP", "premium"] <= out.loc["NLP", "ci_high"]
    assert out.loc["NLP", "n"] == 40
    assert out.loc["General", "premium"] == 0.0
    assert out.attrs["n_model"] == 80


def _two_tracks(spec_effect: float) -> pd.DataFrame:
    """Deterministic log-salaries in two tracks: AI engineers earn 35% more than ML engineers;
    General titles in both tracks, 'Generative AI / LLM' only in the AI engineer track, with
    its own effect `spec_effect` on top of the track's (TEST only)."""
    noise = np.array([-0.1, 0.05, 0.1, -0.05, 0.0])
    rows = []
    cells = (
        ("ML engineer", "General", 0.0, 8),
        ("AI engineer", "General", np.log(1.35), 4),
        ("AI engineer", "Generative AI / LLM", np.log(1.35) + np.log1p(spec_effect), 4),
    )
    for track, spec, shift, reps in cells:
        for level, lv in (("Entry", 0.0), ("Senior", 0.4)):
            for _ in range(reps):
                for e in noise:
                    rows.append(
                        {
                            "specialization": spec,
                            "track": track,
                            "level": level,
                            "company_country": "US",
                            "year": 2024,
                            "remote_ratio": 0,
                            "company_size": "M",
                            "salary_usd": float(np.exp(11.5 + lv + shift + e)),
                            "is_duplicate": False,
                            "employment_type": "Full-time",
                        }
                    )
    return pd.DataFrame(rows)


def test_track_control_removes_a_premium_that_is_only_the_track():
    frame = _two_tracks(0.0)
    without = specialties.adjusted_premiums(frame, track_control=False)
    with_control = specialties.adjusted_premiums(frame)  # two tracks -> controlled by default
    genai = "Generative AI / LLM"
    spurious = without.set_index("specialization").loc[genai, "premium"]
    assert spurious > 0.15  # the track's pay gap shows up as a fake specialization premium
    assert with_control.set_index("specialization").loc[genai, "premium"] == pytest.approx(
        0.0, abs=1e-9
    )
    assert "career track" in with_control.attrs["controls"]
    assert "career track" not in without.attrs["controls"]
    # One track chosen: no track term (it would have a single value anyway).
    single = specialties.adjusted_premiums(_constructed(0.1), tracks=("ML engineer",))
    assert "career track" not in single.attrs["controls"]


def test_track_control_keeps_a_real_premium_within_the_track():
    out = specialties.adjusted_premiums(_two_tracks(0.10)).set_index("specialization")
    assert out.loc["Generative AI / LLM", "premium"] == pytest.approx(0.10, abs=1e-9)


def test_company_countries_with_30_records_are_their_own_level():
    frame = _constructed(0.2)  # 40 US and 40 DE records
    frame.loc[frame.index % 10 == 0, "company_country"] = "FR"  # 8 < 30: pooled as Other
    assert (frame["company_country"].value_counts() >= 30).sum() == 2
    out = specialties.adjusted_premiums(frame)
    assert out.attrs["countries"] == ("DE", "US", "Other")
    text = specialties.controls_text(out)
    assert "company country (DE, US, Other)" in text
    assert text.startswith("experience level, year")
    assert specialties.frequent_values(pd.Series(["A"] * 3 + ["B"] * 2 + ["C"]), 2) == ["A", "B"]


def test_raw_and_adjusted_use_the_same_records():
    frame = _constructed(0.2)
    frame.loc[frame.index[:5], "employment_type"] = "Contract"
    frame.loc[frame.index[5:9], "is_duplicate"] = True
    raw = specialties.raw_premiums(frame).set_index("specialization")["n"]
    adjusted = specialties.adjusted_premiums(frame)
    assert raw.to_dict() == adjusted.set_index("specialization")["n"].to_dict()
    assert raw.sum() == adjusted.attrs["n_model"] == 80 - 9


def test_headline_is_built_from_the_intervals():
    def frame(rows):
        return pd.DataFrame(
            [
                {
                    "specialization": "General",
                    "premium": 0.0,
                    "ci_low": 0.0,
                    "ci_high": 0.0,
                    "status": "ok",
                    "is_baseline": True,
                },
                *rows,
            ]
        )

    def row(name, premium, low, high, status="ok"):
        return {
            "specialization": name,
            "premium": premium,
            "ci_low": low,
            "ci_high": high,
            "status": status,
            "is_baseline": False,
        }

    none = specialties.headline(frame([row("NLP", 0.1, -0.05, 0.3), row("CV", -0.1, -0.2, 0.01)]))
    assert none.startswith("No specialization shows a reliable pay difference")
    assert "all 2 95% intervals include 0" in none
    mixed = specialties.headline(
        frame(
            [
                row("MLOps", 0.12, 0.04, 0.2),
                row("NLP", -0.2, -0.3, -0.1, "low confidence"),
                row("CV", 0.0, -0.1, 0.1),
                row("RL", np.nan, np.nan, np.nan, "hidden"),
            ]
        )
    )
    assert mixed.startswith("Reliably higher than general titles: MLOps (+12%")
    assert "reliably lower: NLP (−20%, 95% interval −30% to −10%, under 30 records)" in mixed
    assert mixed.endswith("the other 1 interval includes 0.")
    assert "RL" not in mixed
    lower_only = specialties.headline(frame([row("NLP", -0.2, -0.3, -0.1)]))
    assert lower_only.startswith("No specialization shows a reliable premium over general")


def test_regression_uses_full_time_only():
    frame = _constructed(0.20)
    frame.loc[frame.index[:5], "employment_type"] = "Contract"
    out = specialties.adjusted_premiums(frame)
    assert out.attrs["n_model"] == 75


def test_added_column_hc3_matches_statsmodels():
    rng = np.random.default_rng(3)
    base = np.column_stack([np.ones(300), rng.normal(size=(300, 3))])
    flags = (rng.random((300, 2)) < 0.3).astype(float)
    y = base @ [1.0, 0.2, -0.1, 0.3] + 0.15 * flags[:, 0] + rng.normal(scale=0.5, size=300)
    coef, se = specialties.added_column_hc3(y, base, flags)
    for j in range(2):
        fit = sm.OLS(y, np.column_stack([base, flags[:, j]])).fit(cov_type="HC3")
        assert coef[j] == pytest.approx(fit.params[-1], rel=1e-9)
        assert se[j] == pytest.approx(fit.bse[-1], rel=1e-9)


def test_split_tools_strips_and_handles_missing():
    out = specialties.split_tools(pd.Series(["PyTorch; TensorFlow", None, "PyTorch"]))
    assert list(out.columns) == ["PyTorch", "TensorFlow"]
    assert out["PyTorch"].tolist() == [True, False, True]
    assert out["TensorFlow"].tolist() == [True, False, False]


def test_tool_premium_recovers_a_constructed_association():
    rows = []
    for i in range(200):
        uses = i % 4 == 0
        years = float(i % 20)
        log_pay = 11.0 + 0.03 * years + (np.log(1.25) if uses else 0.0) + 0.01 * ((i % 7) - 3)
        rows.append(
            {
                "year": 2024,
                "pay_usd": float(np.exp(log_pay)),
                "years_experience": years,
                "country": "US" if i % 2 else "Germany",
                "frameworks": "PyTorch;NumPy" if uses else "NumPy",
            }
        )
    out = specialties.tool_premiums(
        pd.DataFrame(rows), column="frameworks", items=None, min_country=10, min_users=30
    )
    torch = out.set_index("tool").loc["PyTorch"]
    assert torch["premium"] == pytest.approx(0.25, abs=0.02)
    assert torch["n_users"] == 50 and torch["n_non_users"] == 150
    assert torch["ci_low"] <= torch["premium"] <= torch["ci_high"]
    # NumPy is used by everyone: no non-users, so it is hidden rather than estimated.
    assert out.set_index("tool").loc["NumPy", "status"] == "hidden"


# --- real data -----------------------------------------------------------------------------


def _raw_counts(*, drop_duplicates: bool) -> Counter:
    """Specialization counts of full-time ML + AI engineer records straight from the raw CSV
    (an exact duplicate repeats every field of an earlier row)."""
    path = DEFAULT_RAW_DIR / "aijobs" / "salaries.csv"
    if not path.is_file():
        pytest.skip("raw aijobs file not available")
    seen: set[tuple[str, ...]] = set()
    titles: Counter = Counter()
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = tuple(row.values())
            repeat = key in seen
            seen.add(key)
            if row["employment_type"] == "FT" and not (drop_duplicates and repeat):
                titles[row["job_title"]] += 1
    counts: Counter = Counter()
    for title, n in titles.items():
        if taxonomy.title_track(title) in specialties.DEFAULT_TRACKS:
            counts[taxonomy.title_specialization(title)] += n
    return counts


@pytest.mark.parametrize("drop", [True, False])
def test_real_n_per_specialization_matches_the_raw_file(drop):
    out = specialties.raw_premiums(_real("salaries"), drop_duplicates=drop)
    out = out.set_index("specialization")
    expected = _raw_counts(drop_duplicates=drop)
    assert out["n"].to_dict() == dict(expected)
    assert out.loc["General", "premium"] == 0.0
    shown = out[out["status"] != "hidden"]
    assert ((shown["ci_low"] <= shown["premium"]) & (shown["premium"] <= shown["ci_high"])).all()


def test_real_adjusted_baseline_is_zero_and_intervals_contain_estimates():
    out = specialties.adjusted_premiums(_real("salaries")).set_index("specialization")
    assert out.loc["General", "premium"] == 0.0
    shown = out[out["status"] != "hidden"]
    assert ((shown["ci_low"] <= shown["premium"]) & (shown["premium"] <= shown["ci_high"])).all()
    # Raw and adjusted rows count the same records, so they can be read side by side.
    raw = specialties.raw_premiums(_real("salaries")).set_index("specialization")
    assert out["n"].to_dict() == raw["n"].to_dict()
    assert out.attrs["n_model"] == raw["n"].sum()
    kept = specialties.raw_premiums(_real("salaries"), drop_duplicates=False)
    assert kept["n"].sum() > raw["n"].sum()
    assert out.loc["NLP", "status"] == "low confidence"
    assert out.attrs["countries"][0] == "US" and out.attrs["countries"][-1] == "Other"


def test_real_genai_premium_needs_the_track_control():
    """Every Generative AI / LLM record is in the AI engineer track, the General baseline
    mostly ML engineers: the track control moves the GenAI estimate up by several points."""
    salaries = _real("salaries")
    records = specialties.select_records(salaries)
    genai = records[records["specialization"] == "Generative AI / LLM"]
    assert set(genai["track"]) == {"AI engineer"}
    with_control = specialties.adjusted_premiums(salaries).set_index("specialization")
    without = specialties.adjusted_premiums(salaries, track_control=False)
    without = without.set_index("specialization")
    gap = (
        with_control.loc["Generative AI / LLM", "premium"]
        - without.loc["Generative AI / LLM", "premium"]
    )
    assert gap > 0.05


def test_real_tool_premiums_cover_pytorch_with_both_groups():
    out = specialties.tool_premiums(_real("survey")).set_index("tool")
    torch = out.loc["Torch/PyTorch"]
    assert torch["n_users"] >= 300 and torch["n_non_users"] >= 300
    assert torch["ci_low"] <= torch["premium"] <= torch["ci_high"]
    # Default list: ML libraries only, no .NET / Spring / Kafka from the same survey question.
    assert set(out.index) <= set(taxonomy.ML_LIBRARIES)
    assert {"Scikit-Learn", "TensorFlow", "Hugging Face Transformers"} <= set(out.index)


def test_real_tool_lists_name_items_as_the_survey_publishes_them():
    survey = _real("survey")
    for tool_list in specialties.TOOL_LISTS.values():
        published = set(specialties.split_tools(survey[tool_list.column]).columns)
        if tool_list.items is not None:
            assert set(tool_list.items) <= published, tool_list.label
    clouds = specialties.tool_premiums(
        survey, column="cloud_platforms", items=taxonomy.ML_CLOUDS
    ).set_index("tool")
    assert {"Amazon Web Services (AWS)", "Microsoft Azure", "Google Cloud"} <= set(
        clouds.index[clouds["status"] != "hidden"]
    )
    assert "Vercel" not in clouds.index


def test_real_tool_minimum_and_holm_flags():
    out = specialties.tool_premiums(_real("survey"), column="ai_tools", items=None)
    shown = out[out["status"] != "hidden"]
    hidden = out[out["status"] == "hidden"]
    smaller = np.minimum(out["n_users"], out["n_non_users"])
    assert (smaller[shown.index] >= specialties.MIN_TOOL_USERS).all()
    assert (smaller[hidden.index] < specialties.MIN_TOOL_USERS).all()
    assert hidden["premium"].isna().all() and not hidden.empty
    assert out.attrs["n_compared"] == len(shown)
    # Holm: adjusted p never below the raw one; a flagged tool has a 95% interval without 0.
    assert (shown["p_holm"] >= shown["p_value"] - 1e-15).all()
    flagged = shown[shown["holm_reject"].astype(bool)]
    assert ((flagged["ci_low"] > 0) | (flagged["ci_high"] < 0)).all()
    # Some tools' unadjusted intervals exclude 0 but do not survive the correction.
    unadjusted = (shown["ci_low"] > 0) | (shown["ci_high"] < 0)
    assert unadjusted.sum() > len(flagged)


def test_comparison_stacks_both_methods_without_hidden_groups():
    salaries = _real("salaries")
    raw = specialties.raw_premiums(salaries)
    adjusted = specialties.adjusted_premiums(salaries)
    both = specialties.premium_comparison(raw, adjusted)
    assert set(both["method"]) == {"Raw median ratio", "Adjusted (regression)"}
    assert "hidden" not in set(both["status"])
    assert both["specialization"].iloc[0] == "General"
