"""Certifications: does learning through online courses or certification go with higher pay?

From the Stack Overflow Developer Survey 2024 subset (`survey` table). The survey asks how
someone learned to code (LearnCode, several answers allowed); "Online Courses or
Certification" is one answer. It does not ask which certificate anyone holds (no AWS, Google
Cloud or Azure credential, no TensorFlow or PMP certificate), so this compares people who
learned that way with people who did not, and nothing more. Associations, never effects.

Method: one regression on log pay, not matched or stratified medians. The 2024 subset has
about 210 AI/ML respondents with pay, spread over 40+ countries: a stratum of country x
experience x role holds one or two people, so stratified medians would compare almost nobody.
The regression instead estimates what country, experience, developer type, individual
contributor or manager, contractor status and formal education go with from all ~9,300 paid
respondents, and compares learners with non-learners *inside* a group (AI/ML roles, or the
users of one cloud) holding those fixed. For a group G the model is

    log(pay) ~ learned x in G + learned x not in G + in G + controls

so the learned x in G coefficient is the within-G difference at the same controls, while the
controls' effects are shared (the assumption: a country or a year of experience adds the same
share of pay in G as elsewhere). HC3 standard errors (`analysis.tools.added_column_hc3`), and a
Holm correction across every comparison shown (`analysis.stats.holm`), as on the tools page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from patsy import dmatrix
from scipy import stats as sps

from analysis import stats
from analysis.data import Tables, stored
from analysis.levels import SURVEY_PAY_RANGE
from analysis.specialties import country_group, frequent_values
from analysis.tools import MIN_COUNTRY_RESPONDENTS, added_column_hc3, partial_out

LEARNED = "Online Courses or Certification"
"""The LearnCode answer compared (exactly as the 2024 survey publishes it)."""
INDEPENDENT = "Independent contractor, freelancer, or self-employed"
EMPLOYED_FULL_TIME = "Employed, full-time"
CLOUDS: dict[str, str] = {
    "AWS": "Amazon Web Services (AWS)",
    "Azure": "Microsoft Azure",
    "Google Cloud": "Google Cloud",
}
"""The three clouds whose certifications the source article names: short label -> the
PlatformHaveWorkedWith answer. Users of a cloud are compared among themselves."""
GROUPS: dict[str, bool] = {"AI/ML roles": True, "All roles": False}
"""Respondent group -> AI/ML roles only (`ai_ml_role`)."""
MIN_ROLE_RESPONDENTS = stats.MIN_SHOWN
"""Developer types with fewer paid respondents are pooled ("Other roles") in the controls: a
type of one or two people would sit at leverage 1, where an HC3 error is undefined."""
FAMILY_ALPHA = 0.05
CONTROLS = (
    "years of professional coding (spline)",
    "country",
    "developer type",
    "individual contributor or manager",
    "independent contractor",
    "formal education",
)
"""The model's controls in words, in model order (captions)."""
NOT_ANSWERED = "(not answered)"

CERTIFICATION_ATTRS = ("n_respondents", "n_compared")
"""What `certification_pay` puts in `frame.attrs` (stored as columns by the build)."""
COLUMNS = (
    "comparison",
    "group",
    "cloud",
    "n_learned",
    "n_other",
    "median_learned",
    "median_other",
    "premium",
    "ci_low",
    "ci_high",
    "p_value",
    "p_holm",
    "holm_reject",
    "status",
)


@dataclass(frozen=True)
class Comparison:
    """One comparison: a group of respondents (`ai_ml` only or all), optionally one cloud's
    users (`cloud`, a `CLOUDS` label), and its label for the page."""

    label: str
    ai_ml: bool
    cloud: str | None = None


def comparisons() -> tuple[Comparison, ...]:
    """Every comparison of the page, AI/ML first: each group, then each cloud within it."""
    out = []
    for group, ai_ml in GROUPS.items():
        out.append(Comparison(group, ai_ml))
        out += [Comparison(f"{group} · {cloud} users", ai_ml, cloud) for cloud in CLOUDS]
    return tuple(out)


def has_answer(lists: pd.Series, answer: str) -> pd.Series:
    """True where the ';'-separated list holds `answer` exactly (not as part of another answer);
    False where it does not or is missing. Same index."""
    pattern = f"(?:^|;){re.escape(answer)}(?:;|$)"
    return lists.astype("string").str.contains(pattern, regex=True).fillna(False).astype(bool)


def respondents(
    data: Tables, *, year: int = 2024, pay_range: tuple[float, float] = SURVEY_PAY_RANGE
) -> pd.DataFrame:
    """The model's respondents: `year`, pay within `pay_range`, years of experience, developer
    type and LearnCode answered (someone who skipped the question neither learned that way nor
    did not).

    Output (new frame, one row each): pay_usd, years, country, dev_type, ic_or_pm and ed_level
    (NOT_ANSWERED where blank), independent (contractor/freelancer without a full-time job),
    ai_ml, learned (LearnCode holds `LEARNED`), and one boolean column per `CLOUDS` label.
    Raises ValueError when the table lacks the 2024 columns or fewer than 30 rows are left.
    """
    survey = data.survey
    needed = ("learn_code", "employment", "ic_or_pm", "ed_level", "cloud_platforms")
    missing = [c for c in needed if c not in survey.columns]
    if missing:
        raise ValueError(f"The survey table lacks {', '.join(missing)}: rebuild the data.")
    keep = (
        (survey["year"] == year)
        & survey["pay_usd"].between(*pay_range)
        & survey["years_experience"].notna()
        & survey["dev_type"].notna()
        & survey["learn_code"].notna()
    ).fillna(False)
    rows = survey.loc[keep.to_numpy(dtype=bool)]
    if len(rows) < stats.MIN_CONFIDENT:
        raise ValueError(f"Too few {year} survey respondents with pay and LearnCode to compare.")
    out = pd.DataFrame(
        {
            "pay_usd": rows["pay_usd"].to_numpy(float),
            "years": rows["years_experience"].to_numpy(float),
            "country": rows["country"].astype(str).to_numpy(),
            "dev_type": rows["dev_type"].astype(str).to_numpy(),
            "ic_or_pm": rows["ic_or_pm"].astype("string").fillna(NOT_ANSWERED).to_numpy(),
            "ed_level": rows["ed_level"].astype("string").fillna(NOT_ANSWERED).to_numpy(),
            "independent": (
                has_answer(rows["employment"], INDEPENDENT)
                & ~has_answer(rows["employment"], EMPLOYED_FULL_TIME)
            ).to_numpy(),
            "ai_ml": rows["ai_ml_role"].fillna(False).astype(bool).to_numpy(),
            "learned": has_answer(rows["learn_code"], LEARNED).to_numpy(),
        }
    )
    for label, answer in CLOUDS.items():
        out[label] = has_answer(rows["cloud_platforms"], answer).to_numpy()
    return out


def control_matrix(rows: pd.DataFrame, min_country: int = MIN_COUNTRY_RESPONDENTS) -> np.ndarray:
    """The controls' design matrix of `respondents(...)` rows: intercept, cubic B-spline of
    years (df=4), then one dummy per level but the first of country (fewer than `min_country`
    respondents pooled as 'Other'), developer type (under MIN_ROLE_RESPONDENTS pooled),
    IC/manager and education, and the independent flag."""
    categories = pd.DataFrame(
        {
            "country": country_group(
                rows["country"], frequent_values(rows["country"], min_country)
            ),
            "role": country_group(
                rows["dev_type"], frequent_values(rows["dev_type"], MIN_ROLE_RESPONDENTS)
            ),
            "ic_pm": rows["ic_or_pm"].astype("string"),
            "education": rows["ed_level"].astype("string"),
        }
    )
    spline = dmatrix("bs(years, df=4)", {"years": rows["years"].to_numpy(float)})
    dummies = pd.get_dummies(categories, drop_first=True, dtype=float)
    flag = rows["independent"].to_numpy(float)[:, None]
    return np.column_stack([np.asarray(spline, dtype=float), dummies.to_numpy(), flag])


def within_group_premiums(
    log_pay: np.ndarray, controls: np.ndarray, learned: np.ndarray, groups: list[np.ndarray]
) -> list[tuple[float, float]]:
    """For each boolean row mask G of `groups`: coefficient and HC3 standard error of
    learned x G in log_pay ~ controls + G + learned x G + learned x not G (arrays row-aligned).
    A G of every row reduces to log_pay ~ controls + learned. The controls are partialled out
    of every column at once (`analysis.tools.partial_out`), so each group then costs a fit on
    three columns; the numbers are those of the full OLS with HC3 errors.
    """
    columns = [log_pay.astype(float)]
    for group in groups:
        extra = [] if group.all() else [group, learned & ~group]
        columns += [learned & group, *extra]
    residuals, leverage = partial_out(controls, np.column_stack(columns).astype(float))
    out, at = [], 1
    for group in groups:
        width = 1 if group.all() else 3
        coef, se = added_column_hc3(
            residuals[:, 0],
            residuals[:, at + 1 : at + width],
            residuals[:, at : at + 1],
            leverage=leverage,
        )
        out.append((float(coef[0]), float(se[0])))
        at += width
    return out


def _group_mask(rows: pd.DataFrame, item: Comparison) -> np.ndarray:
    """The rows of `respondents(...)` in one comparison (boolean array)."""
    mask = rows["ai_ml"].to_numpy(bool) if item.ai_ml else np.ones(len(rows), dtype=bool)
    return mask & rows[item.cloud].to_numpy(bool) if item.cloud is not None else mask


def certification_pay(
    data: Tables,
    *,
    year: int = 2024,
    min_country: int = MIN_COUNTRY_RESPONDENTS,
    pay_range: tuple[float, float] = SURVEY_PAY_RANGE,
    alpha: float = FAMILY_ALPHA,
) -> pd.DataFrame:
    """Pay of respondents who learned through online courses or certification against those
    who did not, per `comparisons()` row, holding `CONTROLS` fixed (see the module docstring).

    Output columns `COLUMNS`, one row per comparison in `comparisons()` order: n_learned /
    n_other (respondents in the comparison who did / did not give the answer), their median
    pay (USD/yr, raw: no controls), premium = exp(coef) - 1 (0.08 = learners earn 8% more at
    the same controls), 95% interval, p_value; p_holm / holm_reject: Holm-adjusted p-value and
    whether the difference holds at family-wise level `alpha` across the estimated
    comparisons; status = `stats.sample_status` of the smaller side (hidden: NaN estimates,
    left out of the correction). `frame.attrs`: n_respondents (the model's), n_compared.
    """
    rows = respondents(data, year=year, pay_range=pay_range)
    controls = control_matrix(rows, min_country)
    learned = rows["learned"].to_numpy(bool)
    pay = rows["pay_usd"].to_numpy(float)
    items = comparisons()
    groups = [_group_mask(rows, item) for item in items]
    sizes = [(int((g & learned).sum()), int((g & ~learned).sum())) for g in groups]
    status = [stats.sample_status(min(n)) for n in sizes]
    shown = [g for g, s in zip(groups, status, strict=True) if s != "hidden"]
    fits = iter(within_group_premiums(np.log(pay), controls, learned, shown))
    out = []
    for item, group, (n_yes, n_no), state in zip(items, groups, sizes, status, strict=True):
        row: dict[str, object] = {
            "comparison": item.label,
            "group": next(g for g, ai in GROUPS.items() if ai == item.ai_ml),
            "cloud": item.cloud,
            "n_learned": n_yes,
            "n_other": n_no,
            "status": state,
        }
        if state != "hidden":
            coef, se = next(fits)
            row.update(
                median_learned=float(np.median(pay[group & learned])),
                median_other=float(np.median(pay[group & ~learned])),
                premium=float(np.expm1(coef)),
                ci_low=float(np.expm1(coef - stats.Z95 * se)),
                ci_high=float(np.expm1(coef + stats.Z95 * se)),
                p_value=float(2 * sps.norm.sf(abs(coef / se))),
            )
        out.append(row)
    frame = pd.DataFrame(out, columns=list(COLUMNS))
    frame["p_holm"], frame["holm_reject"] = stats.holm(frame["p_value"], alpha)
    frame.attrs["n_respondents"] = len(rows)
    frame.attrs["n_compared"] = int(frame["p_value"].notna().sum())
    return frame


def stored_certification_pay(data: Tables) -> pd.DataFrame:
    """`certification_pay(data)` with its defaults as the build stored it
    (data/certification_pay.parquet, `databuild.precomputed`): the same frame and attrs,
    without the regressions at run time."""
    return stored(data, "certification_pay", CERTIFICATION_ATTRS)
