"""analysis.specialties: premiums on tiny frames, regression recovery, real-data counts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import specialties, taxonomy
from analysis.data import Tables
from tests.tables import raw_salary_rows, raw_salary_rows_deduplicated, real, tiny


def _data(frame: pd.DataFrame) -> Tables:
    return tiny(salaries=frame)


def _records(rows: list[tuple[str, float]], track: str = "ML engineer") -> pd.DataFrame:
    """Tiny salaries frame: (specialization, salary_usd) pairs, one track, no duplicates."""
    return pd.DataFrame(
        {
            "specialization": [s for s, _ in rows],
            "salary_usd": [float(v) for _, v in rows],
            "track": track,
            "is_duplicate": False,
            "employment_type": "Full-time",
            "title": [f"{s} engineer" for s, _ in rows],
        }
    )


def test_raw_premium_is_the_hand_ratio_of_medians():
    general = [("General", v) for v in (100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200)]
    nlp = [("NLP", v) for v in (150, 160, 165, 170, 175, 180, 190, 200, 210, 220)]
    out = specialties.raw_premiums(_data(_records(general + nlp))).set_index("specialization")
    assert out.loc["NLP", "premium"] == pytest.approx(177.5 / 150 - 1)
    assert out.loc["NLP", "n"] == 10
    assert out.loc["NLP", "status"] == "low confidence"
    assert out.loc["General", "premium"] == 0.0
    assert out.loc["NLP", "ci_low"] <= out.loc["NLP", "premium"] <= out.loc["NLP", "ci_high"]


def test_raw_premium_says_which_titles_a_group_holds():
    frame = _records([("General", 100 + v) for v in range(12)] + [("NLP", 150)] * 10)
    general = ["ML Engineer"] * 6 + ["Data Scientist"] * 3 + ["AI Engineer"] * 2 + ["X"]
    frame["title"] = general + ["NLP Engineer"] * 6 + ["Bot"] * 4
    out = specialties.raw_premiums(_data(frame)).set_index("specialization")
    assert out.loc["General", "holds"] == ("ML Engineer (6); Data Scientist (3); AI Engineer (2)")
    assert out.loc["NLP", "holds"] == "NLP Engineer (6); Bot (4)"


def test_raw_premium_hides_small_groups_and_keeps_their_n():
    general = [("General", 100 + v) for v in range(40)]
    cv = [("Computer vision", 200)] * 9
    out = specialties.raw_premiums(_data(_records(general + cv))).set_index("specialization")
    assert out.loc["Computer vision", "status"] == "hidden"
    assert out.loc["Computer vision", "n"] == 9
    assert np.isnan(out.loc["Computer vision", "premium"])
    assert out.loc["General", "status"] == "ok"


def test_same_seed_same_interval_and_other_seed_differs():
    rng = np.random.default_rng(1)
    rows = [("General", v) for v in rng.lognormal(11.5, 0.3, 200)]
    rows += [("NLP", v) for v in rng.lognormal(11.6, 0.3, 40)]
    frame = _records(rows)
    a = specialties.raw_premiums(_data(frame), seed=7)
    b = specialties.raw_premiums(_data(frame), seed=7)
    c = specialties.raw_premiums(_data(frame), seed=8)
    pd.testing.assert_frame_equal(a, b)
    assert not np.allclose(a["ci_low"].iloc[1:], c["ci_low"].iloc[1:])


def test_raw_premium_does_not_mutate_and_drops_duplicates_by_default():
    frame = _records([("General", 100 + v) for v in range(30)] + [("NLP", 150)] * 12)
    frame.loc[frame.index[-2:], "is_duplicate"] = True
    before = frame.copy()
    dropped = specialties.raw_premiums(_data(frame)).set_index("specialization")
    kept = specialties.raw_premiums(_data(frame), drop_duplicates=False).set_index("specialization")
    pd.testing.assert_frame_equal(frame, before)
    assert kept.loc["NLP", "n"] == 12
    assert dropped.loc["NLP", "n"] == 10


def test_raw_premium_uses_full_time_records_only():
    frame = _records([("General", 100 + v) for v in range(30)] + [("NLP", 150)] * 12)
    frame.loc[frame.index[-3:], "employment_type"] = "Contract"
    out = specialties.raw_premiums(_data(frame)).set_index("specialization")
    assert out.loc["NLP", "n"] == 9
    assert out.loc["NLP", "status"] == "hidden"


def test_unknown_baseline_or_no_tracks_is_a_value_error():
    frame = _records([("General", 100 + v) for v in range(30)])
    with pytest.raises(ValueError, match="baseline"):
        specialties.raw_premiums(_data(frame), baseline="NLP")
    with pytest.raises(ValueError, match="track"):
        specialties.raw_premiums(_data(frame), tracks=())


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
                                "title": f"{spec} engineer",
                            }
                        )
    return pd.DataFrame(rows)


def test_regression_recovers_a_known_premium():
    out = specialties.adjusted_premiums(_data(_constructed(0.20))).set_index("specialization")
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
                            "title": f"{spec} engineer",
                        }
                    )
    return pd.DataFrame(rows)


def test_track_control_removes_a_premium_that_is_only_the_track():
    frame = _two_tracks(0.0)
    without = specialties.adjusted_premiums(_data(frame), track_control=False)
    with_control = specialties.adjusted_premiums(
        _data(frame)
    )  # two tracks -> controlled by default
    genai = "Generative AI / LLM"
    spurious = without.set_index("specialization").loc[genai, "premium"]
    assert spurious > 0.15  # the track's pay gap shows up as a fake specialization premium
    assert with_control.set_index("specialization").loc[genai, "premium"] == pytest.approx(
        0.0, abs=1e-9
    )
    assert "career track" in with_control.attrs["controls"]
    assert "career track" not in without.attrs["controls"]
    # One track chosen: no track term (it would have a single value anyway).
    single = specialties.adjusted_premiums(_data(_constructed(0.1)), tracks=("ML engineer",))
    assert "career track" not in single.attrs["controls"]


def test_track_control_keeps_a_real_premium_within_the_track():
    out = specialties.adjusted_premiums(_data(_two_tracks(0.10))).set_index("specialization")
    assert out.loc["Generative AI / LLM", "premium"] == pytest.approx(0.10, abs=1e-9)


def test_company_countries_with_30_records_are_their_own_level():
    frame = _constructed(0.2)  # 40 US and 40 DE records
    frame.loc[frame.index % 10 == 0, "company_country"] = "FR"  # 8 < 30: pooled as Other
    assert (frame["company_country"].value_counts() >= 30).sum() == 2
    out = specialties.adjusted_premiums(_data(frame))
    assert out.attrs["countries"] == ("DE", "US", "Other")
    text = specialties.controls_text(out)
    assert "company country (DE, US, Other)" in text
    assert text.startswith("experience level, year")
    assert specialties.frequent_values(pd.Series(["A"] * 3 + ["B"] * 2 + ["C"]), 2) == ["A", "B"]


def test_raw_and_adjusted_use_the_same_records():
    frame = _constructed(0.2)
    frame.loc[frame.index[:5], "employment_type"] = "Contract"
    frame.loc[frame.index[5:9], "is_duplicate"] = True
    raw = specialties.raw_premiums(_data(frame)).set_index("specialization")["n"]
    adjusted = specialties.adjusted_premiums(_data(frame))
    assert raw.to_dict() == adjusted.set_index("specialization")["n"].to_dict()
    assert raw.sum() == adjusted.attrs["n_model"] == 80 - 9


def test_regression_uses_full_time_only():
    frame = _constructed(0.20)
    frame.loc[frame.index[:5], "employment_type"] = "Contract"
    out = specialties.adjusted_premiums(_data(frame))
    assert out.attrs["n_model"] == 75


# --- real data -----------------------------------------------------------------------------------


def _raw_pay(*, drop_duplicates: bool) -> dict[str, list[float]]:
    """salary_in_usd by specialization of full-time ML + AI engineer records from the raw CSV
    (tracks and specializations from the taxonomy of the title; an exact duplicate repeats
    every field of an earlier row)."""
    rows = raw_salary_rows_deduplicated() if drop_duplicates else raw_salary_rows()
    pay: dict[str, list[float]] = {}
    for row in rows:
        title = row["job_title"]
        if row["employment_type"] == "FT" and taxonomy.title_track(title) in (
            "ML engineer",
            "AI engineer",
        ):
            pay.setdefault(taxonomy.title_specialization(title), []).append(
                float(row["salary_in_usd"])
            )
    return pay


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    return specialties.raw_premiums(real())


@pytest.fixture(scope="module")
def adjusted() -> pd.DataFrame:
    return specialties.adjusted_premiums(real())


@pytest.mark.parametrize("drop", [True, False])
def test_real_n_and_medians_per_specialization_match_the_raw_file(drop):
    out = specialties.raw_premiums(real(), drop_duplicates=drop, n_boot=50)
    out = out.set_index("specialization")
    pay = _raw_pay(drop_duplicates=drop)
    assert out["n"].to_dict() == {spec: len(v) for spec, v in pay.items()}
    base = float(np.median(pay["General"]))
    for spec, values in pay.items():
        if len(values) >= 10:
            assert out.loc[spec, "median_usd"] == float(np.median(values))
            assert out.loc[spec, "premium"] == pytest.approx(np.median(values) / base - 1)
        else:
            assert out.loc[spec, "status"] == "hidden" and np.isnan(out.loc[spec, "premium"])
    assert out.loc["General", "premium"] == 0.0
    shown = out[out["status"] != "hidden"]
    assert ((shown["ci_low"] <= shown["premium"]) & (shown["premium"] <= shown["ci_high"])).all()


def test_real_adjusted_baseline_is_zero_and_intervals_contain_estimates(raw, adjusted):
    out = adjusted.set_index("specialization")
    assert out.loc["General", "premium"] == 0.0
    shown = out[out["status"] != "hidden"]
    assert ((shown["ci_low"] <= shown["premium"]) & (shown["premium"] <= shown["ci_high"])).all()
    assert (shown.loc[~shown["is_baseline"], "p_value"].between(0, 1)).all()
    # Raw and adjusted rows count the same records, so they can be read side by side.
    by_raw = raw.set_index("specialization")
    assert out["n"].to_dict() == by_raw["n"].to_dict()
    assert out.attrs["n_model"] == by_raw["n"].sum()
    assert out.loc["NLP", "status"] == "low confidence"
    assert out.attrs["countries"][0] == "US" and out.attrs["countries"][-1] == "Other"


def test_real_genai_premium_needs_the_track_control(adjusted):
    """Every Generative AI / LLM record is in the AI engineer track, the General baseline
    mostly ML engineers: the track control moves the GenAI estimate up by several points."""
    records = specialties.select_records(real())
    genai = records[records["specialization"] == "Generative AI / LLM"]
    assert len(genai) > 0 and set(genai["track"]) == {"AI engineer"}
    with_control = adjusted.set_index("specialization")
    without = specialties.adjusted_premiums(real(), track_control=False)
    without = without.set_index("specialization")
    gap = (
        with_control.loc["Generative AI / LLM", "premium"]
        - without.loc["Generative AI / LLM", "premium"]
    )
    assert gap > 0.05


def test_comparison_stacks_both_methods_without_hidden_groups(raw, adjusted):
    both = specialties.premium_comparison(raw, adjusted)
    assert set(both["method"]) == {"Raw median ratio", "Adjusted (regression)"}
    assert "hidden" not in set(both["status"])
    assert both["specialization"].iloc[0] == "General"
    # Specializations keep the raw frame's order, raw row before adjusted row.
    order = list(dict.fromkeys(both["specialization"]))
    assert order == [s for s in raw["specialization"] if s in set(order)]
    first = both[both["specialization"] == "General"]["method"].tolist()
    assert first == ["Raw median ratio", "Adjusted (regression)"]
    only_raw = specialties.premium_comparison(raw, adjusted, methods=["Raw median ratio"])
    assert set(only_raw["method"]) == {"Raw median ratio"}


def test_real_table_is_not_mutated():
    before = real().salaries.copy()
    specialties.raw_premiums(real(), tracks=("Data scientist",), n_boot=20)
    specialties.adjusted_premiums(real(), tracks=("Data scientist",))
    pd.testing.assert_frame_equal(real().salaries, before)
