"""analysis.certifications: who counts as a learner, the controls, the within-group comparison,
the Holm correction and small-group hiding, on constructed respondents and the 2024 subset."""

from __future__ import annotations

import bz2
import csv
import io

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from analysis import certifications as certs
from analysis import stats
from databuild.sources import so_survey
from tests.tables import real, tiny
from tests.test_source_so_survey import REAL_2024

AI_ROLE = "Data scientist or machine learning specialist"
OTHER_ROLE = "Developer, back-end"
LEARNED = "Books / Physical media;Online Courses or Certification"
NOT_LEARNED = "Books / Physical media;School (i.e., University, College, etc)"


def _respondent(i: int, *, learned: bool, log_pay: float, **extra: object) -> dict:
    noise = 0.04 * (((i * 37) % 9) - 4) / 4  # deterministic, unrelated to learning
    row = {
        "year": 2024,
        "pay_usd": float(np.exp(log_pay + noise)),
        "years_experience": float((i * 7) % 25),
        "dev_type": OTHER_ROLE,
        "ai_ml_role": False,
        "country": "A",
        "learn_code": LEARNED if learned else NOT_LEARNED,
        "employment": "Employed, full-time",
        "ic_or_pm": None,
        "ed_level": "Bachelor’s degree (B.A., B.S., B.Eng., etc.)",
        "cloud_platforms": None,
    }
    row.update(extra)
    return row


def _confounded(by: str, effect: float = 0.10, n: int = 400) -> pd.DataFrame:
    """Learners are mostly in the low-paid country / role / early career (80% vs 20%), and
    learning adds `effect` to pay at the same country, role and experience (TEST only)."""
    rows = []
    for i in range(n):
        low = i % 2 == 0  # the low-paid half: country B, a lower-paid role, or junior
        learned = (i // 2) % 5 != 0 if low else (i // 2) % 5 == 0
        extra: dict[str, object] = {}
        log_pay = 11.0 + np.log1p(effect) * learned
        if by == "country":
            extra["country"] = "B" if low else "A"
            log_pay -= 1.0 * low
        elif by == "role":
            extra["dev_type"] = "Developer, front-end" if low else OTHER_ROLE
            log_pay -= 0.5 * low
        years = float((i * 7) % 10) + (0.0 if low else 15.0)
        if by == "experience":
            extra["years_experience"] = years
            log_pay += 0.05 * years
        rows.append(_respondent(i, learned=learned, log_pay=log_pay, **extra))
    return pd.DataFrame(rows)


def _row(table: pd.DataFrame, comparison: str) -> pd.Series:
    return table.set_index("comparison").loc[comparison]


def test_has_answer_matches_whole_answers_only():
    lists = pd.Series(
        [
            "Online Courses or Certification",
            "Colleague;Online Courses or Certification;Books / Physical media",
            "Online Courses or Certifications",  # not the survey's answer
            "Other online resources (e.g., videos, blogs, forum, online community)",
            None,
        ]
    )
    assert certs.has_answer(lists, certs.LEARNED).tolist() == [True, True, False, False, False]
    assert certs.has_answer(lists, "Other (please specify):").tolist() == [False] * 5


def test_respondents_filters_and_flags():
    rows = [
        _respondent(0, learned=True, log_pay=11.0),
        _respondent(1, learned=False, log_pay=11.0, pay_usd=1_000.0),  # below the pay range
        _respondent(2, learned=False, log_pay=11.0, years_experience=np.nan),
        _respondent(3, learned=False, log_pay=11.0, learn_code=None),  # skipped the question
        _respondent(4, learned=False, log_pay=11.0, dev_type=None),
        _respondent(5, learned=False, log_pay=11.0, year=2025),
        _respondent(
            6,
            learned=False,
            log_pay=11.0,
            employment="Independent contractor, freelancer, or self-employed",
            cloud_platforms="Microsoft Azure;Google Cloud",
            ai_ml_role=True,
        ),
        _respondent(
            7,
            learned=False,
            log_pay=11.0,
            employment="Employed, full-time;Independent contractor, freelancer, or self-employed",
        ),
    ]
    frame = pd.DataFrame(rows * 10)  # 80 rows: enough for the minimum of 30
    before = frame.copy()
    out = certs.respondents(tiny(survey=frame))
    pd.testing.assert_frame_equal(frame, before)
    assert len(out) == 30  # rows 0, 6 and 7, ten times each
    assert out["learned"].tolist()[:3] == [True, False, False]
    # A contractor with a full-time job is not an independent.
    assert out["independent"].tolist()[:3] == [False, True, False]
    assert out["ai_ml"].tolist()[:3] == [False, True, False]
    assert out["Azure"].tolist()[:3] == [False, True, False]
    assert out["AWS"].tolist()[:3] == [False, False, False]
    assert out["ic_or_pm"].iloc[0] == certs.NOT_ANSWERED
    with pytest.raises(ValueError, match="Too few 2024 survey respondents"):
        certs.respondents(tiny(survey=frame.iloc[:20]))
    with pytest.raises(ValueError, match="lacks learn_code"):
        certs.respondents(tiny(survey=frame.drop(columns="learn_code")))


@pytest.mark.parametrize("by", ["country", "role", "experience"])
def test_controls_recover_the_association_that_raw_medians_hide(by):
    frame = _confounded(by)
    out = certs.certification_pay(tiny(survey=frame), min_country=50)
    row = _row(out, "All roles")
    # Raw medians point the wrong way (learners sit in the low-paid half) ...
    assert row["median_learned"] < row["median_other"]
    # ... while, at the same country, role and experience, learning adds 10%.
    assert row["premium"] == pytest.approx(0.10, abs=0.02)
    assert row["ci_low"] < 0.10 < row["ci_high"]
    assert (row["n_learned"], row["n_other"]) == (200, 200)


def test_the_group_row_compares_inside_the_group_only():
    rows = []
    for i in range(800):
        ai = (i // 2) % 4 == 0  # 200 AI/ML respondents, both countries
        learned = i % 3 == 0
        effect = 0.20 if ai else -0.05
        log_pay = 11.0 + np.log1p(effect) * learned + 0.1 * ai
        extra = {"dev_type": AI_ROLE, "ai_ml_role": True} if ai else {}
        rows.append(_respondent(i, learned=learned, log_pay=log_pay, **extra))
    out = certs.certification_pay(tiny(survey=pd.DataFrame(rows)), min_country=50)
    assert _row(out, "AI/ML roles")["premium"] == pytest.approx(0.20, abs=0.02)
    everyone = _row(out, "All roles")["premium"]
    assert -0.05 < everyone < 0.20 and abs(everyone) < 0.05


def test_within_group_premiums_are_the_full_regressions():
    rng = np.random.default_rng(5)
    n = 400
    controls = np.column_stack([np.ones(n), rng.normal(size=(n, 3)), rng.random(n) < 0.3])
    learned, group = rng.random(n) < 0.5, rng.random(n) < 0.3
    y = controls @ [1, 0.2, -0.1, 0.3, 0.1] + 0.2 * (learned & group) + 0.1 * group
    y += rng.normal(scale=0.4, size=n)
    everyone = np.ones(n, dtype=bool)
    (coef, se), (coef_all, se_all) = certs.within_group_premiums(
        y, controls, learned, [group, everyone]
    )
    design = np.column_stack([controls, group, learned & ~group, learned & group]).astype(float)
    fit = sm.OLS(y, design).fit(cov_type="HC3")
    assert (coef, se) == pytest.approx((fit.params[-1], fit.bse[-1]), rel=1e-9)
    fit = sm.OLS(y, np.column_stack([controls, learned]).astype(float)).fit(cov_type="HC3")
    assert (coef_all, se_all) == pytest.approx((fit.params[-1], fit.bse[-1]), rel=1e-9)


def test_small_groups_are_flagged_or_hidden_and_left_out_of_the_correction():
    frame = _confounded("country")
    ai = frame.index < 100
    frame.loc[ai, ["dev_type", "ai_ml_role"]] = [AI_ROLE, True]
    learners = ai & frame["learn_code"].eq(LEARNED)
    others = ai & ~frame["learn_code"].eq(LEARNED)
    # AWS: 9 AI/ML learners (hidden); Azure: 20 learners and 20 others (flagged).
    frame.loc[frame.index[learners][:9], "cloud_platforms"] = "Amazon Web Services (AWS)"
    frame.loc[frame.index[others][:30], "cloud_platforms"] = "Amazon Web Services (AWS)"
    frame.loc[frame.index[learners][20:40], "cloud_platforms"] = "Microsoft Azure"
    frame.loc[frame.index[others][30:50], "cloud_platforms"] = "Microsoft Azure"
    out = certs.certification_pay(tiny(survey=frame), min_country=50)
    aws, azure = _row(out, "AI/ML roles · AWS users"), _row(out, "AI/ML roles · Azure users")
    assert (aws["n_learned"], aws["n_other"], aws["status"]) == (9, 30, "hidden")
    assert np.isnan(aws["premium"]) and np.isnan(aws["median_learned"])
    assert pd.isna(aws["holm_reject"]) and np.isnan(aws["p_holm"])
    assert (azure["n_learned"], azure["n_other"], azure["status"]) == (20, 20, "low confidence")
    assert np.isfinite(azure["premium"])
    gcp = _row(out, "AI/ML roles · Google Cloud users")
    assert (gcp["n_learned"], gcp["n_other"], gcp["status"]) == (0, 0, "hidden")
    # Only AI/ML respondents use a cloud here, so the All roles cloud rows are the same people.
    assert _row(out, "All roles · AWS users")["status"] == "hidden"
    # Estimated: AI/ML roles, its Azure users, All roles, its Azure users.
    assert out.attrs == {"n_respondents": 400, "n_compared": 4}
    assert out["p_value"].notna().sum() == 4 and out["holm_reject"].notna().sum() == 4
    assert out["comparison"].tolist() == [c.label for c in certs.comparisons()]


def test_holm_adjusts_across_the_estimated_comparisons():
    frame = _confounded("country")
    out = certs.certification_pay(tiny(survey=frame), min_country=50)
    tested = out[out["p_value"].notna()]
    k = len(tested)
    # Holm by hand: the i-th smallest p-value times (k - i), running maximum, capped at 1.
    ordered = tested.sort_values("p_value")
    expected, running = {}, 0.0
    for i, (label, p) in enumerate(zip(ordered["comparison"], ordered["p_value"], strict=True)):
        running = max(running, min(1.0, p * (k - i)))
        expected[label] = running
    for label, p_holm in zip(tested["comparison"], tested["p_holm"], strict=True):
        assert p_holm == pytest.approx(expected[label])
    assert (tested["holm_reject"] == (tested["p_holm"] <= certs.FAMILY_ALPHA)).all()


def test_holm_by_hand():
    # p = 0.01, 0.04, 0.03 (one missing): 0.01 x 3 = 0.03; 0.03 x 2 = 0.06; 0.04 x 1 = 0.04,
    # raised to the 0.06 before it. Only the first holds at 0.05.
    adjusted, reject = stats.holm(pd.Series([0.01, np.nan, 0.04, 0.03]))
    assert adjusted.tolist()[:1] + adjusted.tolist()[2:] == pytest.approx([0.03, 0.06, 0.06])
    assert np.isnan(adjusted.iloc[1])
    assert reject.tolist() == [True, pd.NA, False, False]
    assert stats.holm(pd.Series([0.3, 0.6]))[0].tolist() == [0.6, 0.6]
    assert stats.holm(pd.Series([0.5, 0.9]))[0].tolist() == [1.0, 1.0]


# --- the real 2024 subset ------------------------------------------------------------------


@pytest.fixture(scope="module")
def raw_counts() -> dict[str, tuple[int, int]]:
    """(learned, did not) among 2024 respondents the model keeps, counted in the raw file."""
    if not REAL_2024.is_file():
        pytest.skip("raw so_survey 2024 file not available")
    text = bz2.decompress(REAL_2024.read_bytes()).decode("utf-8")
    counts = {"AI/ML roles": [0, 0], "All roles": [0, 0]}
    for row in csv.DictReader(io.StringIO(text)):
        pay = row["ConvertedCompYearly"]
        if not (pay and 5_005 <= float(pay) <= 499_750):
            continue
        if not (row["YearsCodePro"] and row["DevType"] and row["LearnCode"]):
            continue
        side = 0 if "Online Courses or Certification" in row["LearnCode"].split(";") else 1
        counts["All roles"][side] += 1
        if row["DevType"] in so_survey.AI_ML_ROLES[2024]:
            counts["AI/ML roles"][side] += 1
    return {k: tuple(v) for k, v in counts.items()}


def test_real_counts_match_the_raw_file(raw_counts):
    out = certs.certification_pay(real())
    for group, (learned, other) in raw_counts.items():
        row = _row(out, group)
        assert (row["n_learned"], row["n_other"]) == (learned, other), group
        assert row["status"] == "ok" and row["ci_low"] < row["premium"] < row["ci_high"]
    assert out.attrs["n_respondents"] == sum(raw_counts["All roles"])
    assert out.attrs["n_compared"] == len(certs.comparisons())  # every cloud row has 30+
