"""The answer and takeaway sentences of Career levels, Certifications & career paths and
Specializations (ui.career_text), on tiny hand-made frames: every figure expected below is worked
by hand from the frame, not copied from the app."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd

from ui.career_text import (
    certification_takeaway,
    experience_takeaway,
    level_growth_answer,
    paths_answer,
    size_takeaway,
    specialization_answer,
    spread_takeaway,
    tool_takeaway,
)


def _curve() -> pd.DataFrame:
    rows = [
        ("Analyst", "Entry", 100_000.0, 50),
        ("Analyst", "Senior", 150_000.0, 200),
        ("Researcher", "Entry", 120_000.0, 20),
        ("Researcher", "Senior", 150_000.0, 100),
        ("Tiny", "Entry", np.nan, 4),
        ("Tiny", "Senior", 90_000.0, 40),
    ]
    return pd.DataFrame(rows, columns=["track", "level", "median", "n"])


def _step(ratio: float, low: float, high: float, n_from: int, n_to: int) -> SimpleNamespace:
    return SimpleNamespace(ratio=ratio, low=low, high=high, n_from=n_from, n_to=n_to)


def test_level_growth_answer_names_the_track_that_grows_most():
    # Analyst 150,000 / 100,000 = ×1.50; Researcher 150,000 / 120,000 = ×1.25.
    steps = {
        "Researcher": _step(1.25, 1.10, 1.35, 20, 100),
        "Analyst": _step(1.5, 1.40, 1.60, 50, 200),
        "Tiny": None,
    }
    text = level_growth_answer(_curve(), steps, "companies in the United States, 2023–2025")
    assert text.startswith(
        "**Of the tracks you picked, at companies in the United States, 2023–2025, Analyst pay "
        "grows most from entry to senior: ×1.50** (median \\$100,000 → \\$150,000; 95% interval "
        "×1.40–×1.60; n = 50 entry and 200 senior records)."
    )
    # The runner-up, flagged under 30 (20 entry records); 1.40 > 1.35: the intervals part.
    assert (
        "Researcher: ×1.25 (\\$120,000 → \\$150,000; ×1.10–×1.35; n = 20 and 100, under 30: "
        "rough)." in text
    )
    assert "The leader's interval clears the next track's." in text
    assert text.endswith("Too few entry or senior records to say for: Tiny.")


def test_level_growth_answer_of_one_track_and_overlapping_intervals():
    one = level_growth_answer(_curve(), {"Analyst": _step(1.5, 1.4, 1.6, 50, 200)}, "X")
    assert one == (
        "**At X, Analyst pay grows ×1.50 from entry to senior** (median \\$100,000 → "
        "\\$150,000; 95% interval ×1.40–×1.60; n = 50 entry and 200 senior records)."
    )
    steps = {
        "Analyst": _step(1.5, 1.3, 1.6, 50, 200),
        "Researcher": _step(1.25, 1.1, 1.35, 30, 100),
    }
    assert "overlaps the next track's, so the two may grow alike" in level_growth_answer(
        _curve(), steps, "X"
    )


def test_size_takeaway_only_levels_with_both_sizes():
    sizes = pd.DataFrame(
        {
            "level": ["Mid", "Mid", "Senior", "Senior"],
            "size": ["S", "L", "S", "L"],
            "n": [40, 120, 5, 90],
            "ratio": [0.8, 1.0, np.nan, 1.0],
            "ratio_low": [0.7, np.nan, np.nan, np.nan],
            "ratio_high": [0.95, np.nan, np.nan, np.nan],
            "status": ["ok", "ok", "hidden", "ok"],
        }
    )
    text = size_takeaway(sizes)
    assert "Mid ×0.80 (×0.70–×0.95; n = 40 small, 120 large)" in text
    assert "Senior" not in text


def test_experience_takeaway_first_and_last_shown_band():
    bins = pd.DataFrame(
        {
            "year": [2025] * 4,
            "experience_measure": ["total coding"] * 4,
            "bin": ["0-2", "3-5", "6-9", "20+"],
            "n": [3, 40, 50, 25],
            "median": [np.nan, 80_000.0, 100_000.0, 150_000.0],
            "status": ["hidden", "ok", "ok", "low confidence"],
        }
    )
    assert experience_takeaway(bins) == (
        "**Median pay by years of experience:** 2025 (total coding years) \\$80,000 at 3-5 "
        "years → \\$150,000 at 20+ (n = 40 and 25, under 30: rough)."
    )


def test_spread_takeaway_reads_a_top_coded_90th_as_a_floor():
    ladder = pd.DataFrame(
        {
            "percentile": [10, 25, 50, 75, 90],
            "wage": [60_000.0, 80_000.0, 120_000.0, 160_000.0, np.nan],
            "note": [None, None, None, None, "top-coded"],
            "occ_title": ["Data Scientists"] * 5,
        }
    )
    assert spread_takeaway(ladder, 239_200.0) == (
        "**Half of US Data Scientists earn between \\$80,000 and \\$160,000 a year** (median "
        "\\$120,000); one in ten earns ≥ \\$239,200."
    )


def _cells() -> pd.DataFrame:
    rows = [
        ("Individual contributor", 10, 200, 150_000.0, 140_000.0, 160_000.0, "ok"),
        ("People manager", 10, 40, 170_000.0, 165_000.0, 190_000.0, "ok"),
        ("Architect", 10, 35, 155_000.0, 140_000.0, 170_000.0, "ok"),
        ("Consultant or independent", 10, 20, 180_000.0, 100_000.0, 250_000.0, "low confidence"),
        ("Research", 10, 5, np.nan, np.nan, np.nan, "hidden"),
        ("People manager", 5, 60, 400_000.0, 300_000.0, 500_000.0, "ok"),
    ]
    return pd.DataFrame(
        rows, columns=["path", "years", "n", "median", "ci_low", "ci_high", "status"]
    )


def _certs(**ai: object) -> pd.DataFrame:
    row = {
        "comparison": "AI/ML roles",
        "n_learned": 113,
        "n_other": 89,
        "premium": 0.135,
        "ci_low": -0.032,
        "ci_high": 0.331,
        "holm_reject": False,
        "status": "ok",
    }
    row.update(ai)
    other = dict(row, comparison="All roles", premium=-0.04, ci_low=-0.06, ci_high=-0.01)
    other["holm_reject"] = True
    return pd.DataFrame([row, other])


def test_paths_answer_says_no_path_clearly_pays_most_when_the_top_two_overlap():
    # At 10 years, among the paths with 30+ (the 20-person consultants' 180,000 is too thin to
    # rank): managers 170,000 lead, architects 155,000 next; 165,000 <= 170,000 and 140,000 <=
    # 190,000, so the intervals overlap: no winner. Of the certification comparisons only All
    # roles (−6% to −1%) excludes 0; AI/ML's −3% to +33% includes it.
    text = paths_answer(_cells(), _certs(), "the United States")
    assert text == (
        "**At about 10 years of coding in the United States, no path clearly pays most**: "
        "people managers at a median of \\$170,000 (95% interval \\$165,000–\\$190,000; n = 40) "
        "and architects at \\$155,000 (95% interval \\$140,000–\\$170,000; n = 35) have "
        "overlapping intervals. Learning through online courses or certification (against "
        "not, at the same experience, country and role): 1 of 2 comparisons shows a clear pay "
        "difference, All roles −4% (95% interval −6% to −1%; n = 113 and 89), which holds after "
        "a Holm correction."
    )


def test_paths_answer_names_a_clear_leader_and_each_clear_certification_difference():
    # Architects' interval now tops at 160,000 < 165,000: managers clear of the next path.
    cells = _cells()
    cells.loc[cells["path"] == "Architect", "ci_high"] = 160_000.0
    text = paths_answer(cells, _certs(ci_low=0.05), "X")
    assert text.startswith(
        "**At about 10 years of coding in X, people managers earn the most: median \\$170,000 "
        "(95% interval \\$165,000–\\$190,000; n = 40)**, clear of architects at \\$155,000 (95% "
        "interval \\$140,000–\\$160,000; n = 35)."
    )
    assert text.endswith(
        "2 of 2 comparisons show a clear pay difference, AI/ML roles +14% (95% interval +5% to "
        "+33%; n = 113 and 89), but not after a Holm correction: it could be chance; All roles "
        "−4% (95% interval −6% to −1%; n = 113 and 89), which holds after a Holm correction."
    )


def test_paths_answer_when_no_certification_comparison_excludes_0():
    certs = _certs()
    certs.loc[1, ["ci_high", "holm_reject"]] = [0.01, False]
    assert paths_answer(_cells(), certs, "X").endswith(
        "role): none of the 2 comparisons shows a clear pay difference (every 95% interval "
        "includes 0)."
    )


def test_certification_takeaway_counts_what_holds():
    assert certification_takeaway(_certs()) == (
        "**1 of 2 comparisons hold after a Holm correction:** All roles −4% (−6% to −1%)."
    )


def _premiums() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "specialization": ["General", "NLP", "Vision", "MLOps", "Robotics"],
            "n": [900, 100, 20, 50, 60],
            "premium": [0.0, 0.10, 0.20, -0.05, -0.21],
            "ci_low": [0.0, 0.02, -0.1, -0.12, -0.29],
            "ci_high": [0.0, 0.18, 0.5, 0.01, -0.12],
            "status": ["ok", "ok", "low confidence", "ok", "ok"],
            "is_baseline": [True, False, False, False, False],
        }
    )


def test_specialization_answer_leads_with_the_intervals_that_exclude_0():
    # NLP's interval (+2% to +18%) is above 0, Robotics' (−29% to −12%) below; MLOps' includes
    # 0 and Vision's +20% rests on 20 records: neither is named. |−21%| > |+10%|: Robotics is
    # the largest reliable difference.
    text = specialization_answer(_premiums(), "General", True, ["ML engineer", "AI engineer"])
    assert text == (
        "**Among ML engineer and AI engineer titles, once level, year, country, track, remote "
        "work and company size are held fixed, NLP +10% (95% interval +2% to +18%; n = 100 "
        "records) reliably pays more than general titles; reliably less: Robotics −21% (95% "
        "interval −29% to −12%; n = 60 records)**. The largest reliable difference: "
        "Robotics, −21%. Association, not causation: titles differ in ways no control captures."
    )


def test_specialization_answer_says_plainly_when_none_reliably_pays_more():
    # NLP −2% (−8% to +4%) now includes 0: only Robotics' difference holds.
    frame = _premiums()
    frame.loc[1, ["premium", "ci_low", "ci_high"]] = [-0.02, -0.08, 0.04]
    text = specialization_answer(frame, "MLOps", False, ["ML engineer"])
    assert text == (
        "**Among ML engineer titles, in raw medians, no specialization reliably pays more than "
        "MLOps titles here; reliably less: Robotics −21% (95% interval −29% to −12%; n = 60 "
        "records)**. Association, not causation: titles differ in ways no control captures."
    )


def test_specialization_answer_when_no_interval_excludes_0():
    # Robotics −21% (−29% to +1%) now includes 0 too: no finding; the largest estimate in size
    # among the 30+ groups is Robotics' −21% (|−21%| > |−5%| > |−2%|), told as maybe nothing.
    frame = _premiums()
    frame.loc[1, ["premium", "ci_low", "ci_high"]] = [-0.02, -0.08, 0.04]
    frame.loc[4, "ci_high"] = 0.01
    text = specialization_answer(frame, "General", False, ["ML engineer"])
    assert text.startswith(
        "**Among ML engineer titles, in raw medians, no specialization reliably pays more or "
        "less than general titles here**: every interval of a group with 30+ records includes "
        "0. The largest estimate, "
        "Robotics −21% (95% interval −29% to +1%; n = 60 records), may be no difference."
    )


def test_tool_takeaway_names_what_holds_and_the_largest_estimate():
    table = pd.DataFrame(
        {
            "tool": ["Pandas", "mlflow", "JAX"],
            "n_users": [1500, 112, 60],
            "premium": [0.06, 0.17, np.nan],
            "ci_low": [0.02, 0.04, np.nan],
            "ci_high": [0.10, 0.31, np.nan],
            "holm_reject": pd.array([True, False, pd.NA], dtype="boolean"),
            "status": ["ok", "ok", "hidden"],
        }
    )
    assert tool_takeaway(table, "ML libraries") == (
        "**After a Holm correction for the 2 ML libraries compared, Pandas users earn +6% (+2% "
        "to +10%; 1,500 users)**; the largest estimate, mlflow +17% (112 users), could be "
        "chance."
    )
