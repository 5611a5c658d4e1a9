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
            from analysis.sources import aijobs as reader
        else:
            from analysis.sources import so_survey as reader
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


def test_raw_premium_does_not_mutate_and_drops_duplicates_on_request():
    frame = _records([("General", 100 + v) for v in range(30)] + [("NLP", 150)] * 12)
    frame.loc[frame.index[-2:], "is_duplicate"] = True
    before = frame.copy()
    kept = specialties.raw_premiums(frame).set_index("specialization")
    dropped = specialties.raw_premiums(frame, drop_duplicates=True).set_index("specialization")
    pd.testing.assert_frame_equal(frame, before)
    assert kept.loc["NLP", "n"] == 12
    assert dropped.loc["NLP", "n"] == 10


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
                                "employee_country": country,
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
    out = specialties.tool_premiums(pd.DataFrame(rows), column="frameworks", min_country=10)
    torch = out.set_index("tool").loc["PyTorch"]
    assert torch["premium"] == pytest.approx(0.25, abs=0.02)
    assert torch["n_users"] == 50 and torch["n_non_users"] == 150
    assert torch["ci_low"] <= torch["premium"] <= torch["ci_high"]
    # NumPy is used by everyone: no non-users, so it is hidden rather than estimated.
    assert out.set_index("tool").loc["NumPy", "status"] == "hidden"


# --- real data -----------------------------------------------------------------------------


def _raw_counts() -> Counter:
    """Specialization counts in the ML + AI engineer tracks straight from the raw CSV."""
    path = DEFAULT_RAW_DIR / "aijobs" / "salaries.csv"
    if not path.is_file():
        pytest.skip("raw aijobs file not available")
    with open(path, newline="", encoding="utf-8") as handle:
        titles = Counter(row["job_title"] for row in csv.DictReader(handle))
    counts: Counter = Counter()
    for title, n in titles.items():
        if taxonomy.title_track(title) in specialties.DEFAULT_TRACKS:
            counts[taxonomy.title_specialization(title)] += n
    return counts


def test_real_n_per_specialization_matches_the_raw_file():
    out = specialties.raw_premiums(_real("salaries")).set_index("specialization")
    expected = _raw_counts()
    assert out["n"].to_dict() == dict(expected)
    assert out.loc["General", "premium"] == 0.0
    shown = out[out["status"] != "hidden"]
    assert ((shown["ci_low"] <= shown["premium"]) & (shown["premium"] <= shown["ci_high"])).all()


def test_real_adjusted_baseline_is_zero_and_intervals_contain_estimates():
    out = specialties.adjusted_premiums(_real("salaries")).set_index("specialization")
    assert out.loc["General", "premium"] == 0.0
    shown = out[out["status"] != "hidden"]
    assert ((shown["ci_low"] <= shown["premium"]) & (shown["premium"] <= shown["ci_high"])).all()
    # Duplicates dropped by default: fewer records than the raw comparison that keeps them.
    raw = specialties.raw_premiums(_real("salaries")).set_index("specialization")
    assert out.loc["General", "n"] < raw.loc["General", "n"]
    assert out.loc["NLP", "status"] == "low confidence"


def test_real_tool_premiums_cover_pytorch_with_both_groups():
    out = specialties.tool_premiums(_real("survey"), column="frameworks").set_index("tool")
    torch = out.loc["Torch/PyTorch"]
    assert torch["n_users"] >= 300 and torch["n_non_users"] >= 300
    assert torch["ci_low"] <= torch["premium"] <= torch["ci_high"]


def test_comparison_stacks_both_methods_without_hidden_groups():
    salaries = _real("salaries")
    raw = specialties.raw_premiums(salaries, drop_duplicates=True)
    adjusted = specialties.adjusted_premiums(salaries)
    both = specialties.premium_comparison(raw, adjusted)
    assert set(both["method"]) == {"Raw median ratio", "Adjusted (regression)"}
    assert "hidden" not in set(both["status"])
    assert both["specialization"].iloc[0] == "General"
