"""What a specialization (NLP, computer vision, generative AI, MLOps, ...) adds to pay.

Three answers, all associations in observational data, never causal effects:

- `raw_premiums`: median salary of each specialization over the median of a baseline
  (default: "General" titles in the ML engineer and AI engineer tracks, i.e. general ML
  engineering), with a seeded bootstrap 95% interval of the ratio.
- `adjusted_premiums`: the same comparison after holding level, year, company country,
  career track (when more than one is chosen), remote ratio and company size fixed, from an
  OLS of log(salary_usd) with HC3 (robust) standard errors; premium = exp(coefficient) - 1,
  interval exp(CI) - 1.
- `tool_premiums`: pay of Stack Overflow 2024 respondents who use a tool (PyTorch, AWS, ...)
  against those who do not, holding experience and country fixed, with a Holm correction for
  comparing many tools at once.

Both salary comparisons use the same records (`select_records`): full-time only, exact
duplicates (`is_duplicate`: a record identical to an earlier one, mostly repeated job
postings) dropped by default, because repeated copies of one posting are not independent
observations and keeping them inflates n and makes intervals falsely narrow. So the raw and
adjusted rows of a specialization have the same n and can be read side by side.

The track control matters: every Generative AI / LLM title sits in the AI engineer track,
while the General baseline is mostly ML engineers, so without it the GenAI row would mix a
specialization difference with a track difference.

Specialization titles are rare in the aijobs.net data (NLP ~22 deduplicated full-time
records, computer vision ~81), so every row carries n and a status from
`analysis.stats.sample_status`: groups under 10 records are 'hidden' (no estimate), under 30
'low confidence'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from patsy import dmatrix
from scipy import stats as sps
from statsmodels.formula.api import ols
from statsmodels.stats.multitest import multipletests

from analysis import stats, taxonomy

BASELINE = "General"
DEFAULT_TRACKS: tuple[str, ...] = ("ML engineer", "AI engineer")
DROP_DUPLICATES = True
"""Project default: exact duplicate salary records are dropped (a page toggle can keep them)."""
MIN_COUNTRY_RECORDS = stats.MIN_CONFIDENT
"""Company countries with at least this many records in the model sample are their own level
in the regression; the rest are pooled as 'Other'."""
FULL_TIME = "Full-time"
SURVEY_PAY_RANGE = (5_005.0, 499_750.0)
"""Survey pay kept (USD/yr): the bounds the 2025 extract's author applied, used for 2024 too so
both years are trimmed alike (the 2024 subset runs from $1 to $6.34M)."""
Z95 = float(sps.norm.ppf(0.975))
MIN_COUNTRY_RESPONDENTS = 50
"""Survey countries with fewer paid respondents than this are pooled as 'Other'."""
MIN_TOOL_USERS = 100
"""A tool is estimated only with at least this many users AND non-users among the respondents:
below that the interval is too wide to say anything (and the tool list gets long)."""
FAMILY_ALPHA = 0.05
"""Family-wise error rate of the Holm correction across the tools of one list."""

CONTROL_NAMES: dict[str, str] = {
    "level": "experience level",
    "year": "year",
    "country": "company country",
    "track": "career track",
    "remote": "remote ratio",
    "size": "company size",
}
"""Regression control -> plain name, in the order they enter the model."""


@dataclass(frozen=True)
class ToolList:
    """One list of survey tools: label for the page, survey column, and the items compared
    (None = every item in the column)."""

    label: str
    column: str
    items: tuple[str, ...] | None


TOOL_LISTS: dict[str, ToolList] = {
    "ml": ToolList("ML libraries", "frameworks", taxonomy.ML_LIBRARIES),
    "cloud": ToolList("Cloud platforms", "cloud_platforms", taxonomy.ML_CLOUDS),
    "assistants": ToolList("AI assistants", "ai_tools", None),
}
"""The page's tool lists. `frameworks` (2024 MiscTechHaveWorkedWith) mixes ML libraries with
Kafka, Spring, .NET, Flutter...: only the taxonomy's ML libraries are compared. Clouds are the
general-purpose and data/ML clouds, not web-hosting services (Vercel, Netlify, Heroku...)."""
DEFAULT_TOOL_LIST = "ml"

PREMIUM_COLUMNS = (
    "specialization",
    "n",
    "median_usd",
    "premium",
    "ci_low",
    "ci_high",
    "status",
    "is_baseline",
)
ADJUSTED_COLUMNS = (
    "specialization",
    "n",
    "premium",
    "ci_low",
    "ci_high",
    "p_value",
    "status",
    "is_baseline",
)
TOOL_COLUMNS = (
    "tool",
    "n_users",
    "n_non_users",
    "premium",
    "ci_low",
    "ci_high",
    "p_value",
    "p_holm",
    "holm_reject",
    "status",
)


def select_records(
    salaries: pd.DataFrame,
    *,
    tracks: Sequence[str] = DEFAULT_TRACKS,
    drop_duplicates: bool = DROP_DUPLICATES,
) -> pd.DataFrame:
    """The salary records both comparisons use: full-time records of the chosen tracks with a
    positive `salary_usd`, exact duplicates dropped unless `drop_duplicates` is False.

    Input: the `salaries` table. Output: a filtered copy (same columns). Raises ValueError
    when no track is chosen or nothing is left.
    """
    if not tracks:
        raise ValueError("Choose at least one career track.")
    keep = (
        salaries["track"].isin(list(tracks))
        & (salaries["salary_usd"] > 0)
        & (salaries["employment_type"] == FULL_TIME)
    )
    if drop_duplicates:
        keep &= ~salaries["is_duplicate"].fillna(False).astype(bool)
    out = salaries.loc[keep.fillna(False).astype(bool)].copy()
    if out.empty:
        raise ValueError("No full-time salary records match this selection; add a track.")
    return out


def raw_premiums(
    salaries: pd.DataFrame,
    *,
    baseline: str = BASELINE,
    tracks: Sequence[str] = DEFAULT_TRACKS,
    drop_duplicates: bool = DROP_DUPLICATES,
    n_boot: int = 400,
    seed: int = stats.DEFAULT_SEED,
) -> pd.DataFrame:
    """Median salary of each specialization relative to the baseline specialization.

    Records: `select_records` (the same sample as `adjusted_premiums`, so n match).
    Output columns `PREMIUM_COLUMNS`: n records, median_usd (USD/yr), premium =
    median / baseline median - 1 (0.12 = 12% more), ci_low / ci_high (seeded percentile
    bootstrap 95% interval of the same ratio - 1, each group resampled alone), status
    ('hidden' groups get NaN estimates), is_baseline. Baseline first, then by premium.
    """
    records = select_records(salaries, tracks=tracks, drop_duplicates=drop_duplicates)
    base = records.loc[records["specialization"] == baseline, "salary_usd"].to_numpy(float)
    if len(base) < stats.MIN_SHOWN:
        raise ValueError(
            f"The baseline '{baseline}' has {len(base)} full-time records in these tracks; "
            "pick another baseline or more tracks."
        )
    base_median = float(np.median(base))
    rows = []
    for spec, group in records.groupby("specialization", sort=True):
        x = group["salary_usd"].to_numpy(float)
        status = stats.sample_status(len(x))
        row = {
            "specialization": str(spec),
            "n": len(x),
            "status": status,
            "is_baseline": spec == baseline,
        }
        if status != "hidden":
            row["median_usd"] = float(np.median(x))
            row["premium"] = row["median_usd"] / base_median - 1
            if spec == baseline:
                row["ci_low"] = row["ci_high"] = 0.0
            else:
                low, high = stats.bootstrap_interval(
                    [x, base], stats.ratio_of_medians, n_boot=n_boot, seed=seed
                )
                row["ci_low"], row["ci_high"] = low - 1, high - 1
        rows.append(row)
    return _order(pd.DataFrame(rows, columns=list(PREMIUM_COLUMNS)))


def _order(frame: pd.DataFrame) -> pd.DataFrame:
    """Baseline first, then shown groups by premium (highest first), hidden groups last."""
    key = np.where(frame["is_baseline"], np.inf, frame["premium"].fillna(-np.inf))
    out = frame.assign(_k=key).sort_values(["_k", "specialization"], ascending=[False, True])
    out = out.drop(columns="_k").reset_index(drop=True)
    out["n"] = out["n"].astype("int64")
    return out


def country_group(countries: pd.Series, keep: Sequence[str]) -> pd.Series:
    """ISO-2 country -> itself when in `keep`, else 'Other' (string dtype, same index)."""
    text = countries.astype("string")
    return text.where(text.isin(list(keep)), "Other").fillna("Other")


def frequent_values(values: pd.Series, min_count: int) -> list[str]:
    """Values occurring at least `min_count` times, most frequent first (ties by value)."""
    counts = values.astype("string").value_counts(dropna=True)
    counts = counts[counts >= min_count]
    return sorted(counts.index.astype(str), key=lambda v: (-int(counts[v]), v))


def adjusted_premiums(
    salaries: pd.DataFrame,
    *,
    baseline: str = BASELINE,
    tracks: Sequence[str] = DEFAULT_TRACKS,
    drop_duplicates: bool = DROP_DUPLICATES,
    track_control: bool | None = None,
    min_country: int = MIN_COUNTRY_RECORDS,
) -> pd.DataFrame:
    """Specialization premiums holding level, year, company country, track, remote ratio and
    company size fixed.

    Records: `select_records` (same as `raw_premiums`). Model: log(salary_usd) ~
    C(specialization, baseline as reference) + C(level) + C(year) + C(company country) +
    C(track) + C(remote_ratio) + C(company_size), OLS with HC3 errors. Company countries with
    at least `min_country` records in the sample are their own level, the rest 'Other'.
    The track term enters when `track_control` is True, or (None, the default) when more than
    one track is chosen; a control with a single value in the sample is left out.
    Output columns `ADJUSTED_COLUMNS`: n records per specialization in the model, premium =
    exp(coef) - 1, ci_low / ci_high = exp(95% CI) - 1, p_value, status, is_baseline
    (premium 0). Hidden groups (n < 10) stay in the model but get NaN estimates.
    `frame.attrs`: n_model, r_squared, controls (plain names, model order) and countries
    (the company-country levels, 'Other' last when present). ~0.5 s on the full table: cache.
    """
    records = select_records(salaries, tracks=tracks, drop_duplicates=drop_duplicates)
    counts = records["specialization"].value_counts()
    if counts.get(baseline, 0) < stats.MIN_SHOWN:
        raise ValueError(f"The baseline '{baseline}' has too few full-time records to compare.")
    others = sorted(s for s in counts.index if s != baseline)
    own = frequent_values(records["company_country"], min_country)
    country = country_group(records["company_country"], own)
    data = pd.DataFrame(
        {
            "log_pay": np.log(records["salary_usd"].to_numpy(float)),
            # The baseline is the first category, so patsy uses it as the reference level
            # without a user-chosen string ever being pasted into the formula.
            "spec": pd.Categorical(records["specialization"], categories=[baseline, *others]),
            "level": records["level"].astype(str).to_numpy(),
            "year": records["year"].astype(str).to_numpy(),
            "country": country.to_numpy(),
            "track": records["track"].astype(str).to_numpy(),
            "remote": records["remote_ratio"].astype(str).to_numpy(),
            "size": records["company_size"].astype(str).to_numpy(),
        }
    )
    use_track = len(tracks) > 1 if track_control is None else track_control
    candidates = [c for c in CONTROL_NAMES if c != "track" or use_track]
    controls = [c for c in candidates if data[c].nunique() > 1]
    formula = " + ".join(["log_pay ~ C(spec)", *(f"C({c})" for c in controls)])
    fit = ols(formula, data=data).fit(cov_type="HC3")
    ci = fit.conf_int()
    rows = [
        {
            "specialization": baseline,
            "n": int(counts[baseline]),
            "premium": 0.0,
            "ci_low": 0.0,
            "ci_high": 0.0,
            "status": stats.sample_status(int(counts[baseline])),
            "is_baseline": True,
        }
    ]
    for spec in others:
        n = int(counts[spec])
        row: dict[str, object] = {
            "specialization": spec,
            "n": n,
            "status": stats.sample_status(n),
            "is_baseline": False,
        }
        name = f"C(spec)[T.{spec}]"
        if row["status"] != "hidden" and name in fit.params.index:
            row["premium"] = float(np.expm1(fit.params[name]))
            row["ci_low"] = float(np.expm1(ci.loc[name, 0]))
            row["ci_high"] = float(np.expm1(ci.loc[name, 1]))
            row["p_value"] = float(fit.pvalues[name])
        rows.append(row)
    out = _order(pd.DataFrame(rows, columns=list(ADJUSTED_COLUMNS)))
    out.attrs["n_model"] = int(fit.nobs)
    out.attrs["r_squared"] = float(fit.rsquared)
    out.attrs["controls"] = tuple(CONTROL_NAMES[c] for c in controls)
    out.attrs["countries"] = tuple(own + (["Other"] if (country == "Other").any() else []))
    return out


def controls_text(adjusted: pd.DataFrame) -> str:
    """The regression's controls in words, from `adjusted_premiums(...).attrs`:
    'experience level, year, company country (US, CA, GB, Other), career track, ...'."""
    names = []
    for name in adjusted.attrs.get("controls", ()):
        if name == CONTROL_NAMES["country"] and adjusted.attrs.get("countries"):
            name = f"{name} ({', '.join(adjusted.attrs['countries'])})"
        names.append(name)
    return ", ".join(names) if names else "nothing"


def _pct(value: float) -> str:
    return f"{value:+.0%}".replace("-", "−")


def headline(adjusted: pd.DataFrame, baseline: str = BASELINE) -> str:
    """One sentence answering the page's question from `adjusted_premiums` output.

    A specialization counts as reliably different when its 95% interval excludes 0; groups
    under 30 records are named as such. The text is built from the numbers, never typed.
    """
    shown = adjusted[(adjusted["status"] != "hidden") & ~adjusted["is_baseline"]]
    shown = shown[shown["premium"].notna()]
    if shown.empty:
        return f"No specialization has enough records to compare with {baseline}."
    higher = shown[shown["ci_low"] > 0]
    lower = shown[shown["ci_high"] < 0]
    unclear = len(shown) - len(higher) - len(lower)

    def names(part: pd.DataFrame) -> str:
        return "; ".join(
            f"{r.specialization} ({_pct(r.premium)}, 95% interval {_pct(r.ci_low)} to "
            f"{_pct(r.ci_high)}{', under 30 records' if r.status == 'low confidence' else ''})"
            for r in part.itertuples()
        )

    compared = f"{baseline.lower() if baseline == BASELINE else baseline} titles"
    if higher.empty and lower.empty:
        return (
            f"No specialization shows a reliable pay difference from {compared} once the "
            f"controls are held fixed: all {len(shown)} 95% intervals include 0."
        )
    parts = [
        f"reliably higher than {compared}: {names(higher)}"
        if not higher.empty
        else f"no specialization shows a reliable premium over {compared}"
    ]
    if not lower.empty:
        parts.append(f"reliably lower: {names(lower)}")
    sentence = "; ".join(parts)
    tail = (
        f"; the other {unclear} interval{'s include' if unclear != 1 else ' includes'} 0."
        if unclear
        else "."
    )
    return sentence[0].upper() + sentence[1:] + tail


def premium_comparison(raw: pd.DataFrame, adjusted: pd.DataFrame) -> pd.DataFrame:
    """Raw and adjusted premiums stacked for one chart: columns specialization, method
    ('Raw median ratio' / 'Adjusted (regression)'), n, premium, ci_low, ci_high, status,
    is_baseline; hidden groups dropped. Specializations keep the raw frame's order."""
    parts = []
    for label, frame in (("Raw median ratio", raw), ("Adjusted (regression)", adjusted)):
        cols = ["specialization", "n", "premium", "ci_low", "ci_high", "status", "is_baseline"]
        parts.append(frame.loc[frame["status"] != "hidden", cols].assign(method=label))
    out = pd.concat(parts, ignore_index=True)
    rank = out["specialization"].map({s: i for i, s in enumerate(raw["specialization"])})
    out = out.assign(_k=rank).sort_values(["_k", "method"], ascending=[True, False], kind="stable")
    first = ["specialization", "method"]
    return out[first + [c for c in out.columns if c not in (*first, "_k")]].reset_index(drop=True)


def split_tools(lists: pd.Series) -> pd.DataFrame:
    """Semicolon lists ('PyTorch;TensorFlow') -> one boolean column per item, same index.

    Missing lists give all-False rows; item names are stripped of surrounding spaces.
    """
    items = lists.astype("string").str.split(";")
    exploded = items.explode().str.strip()
    exploded = exploded[exploded.notna() & (exploded != "")]
    if exploded.empty:
        return pd.DataFrame(index=lists.index)
    codes, names = pd.factorize(exploded.astype(str), sort=True)
    rows = lists.index.get_indexer(exploded.index)
    matrix = np.zeros((len(lists), len(names)), dtype=bool)
    matrix[rows, codes] = True
    return pd.DataFrame(matrix, index=lists.index, columns=list(names))


def added_column_hc3(
    y: np.ndarray, base: np.ndarray, columns: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For each column c of `columns`: OLS of y on [base, c]; c's coefficient and HC3 SE.

    Same numbers as statsmodels' `OLS(y, [base, c]).fit(cov_type="HC3")` for every column,
    computed together by partialling `base` out (Frisch-Waugh-Lovell): with m = c minus its
    projection on base, the coefficient is m'y / m'm, the leverage of the full design is the
    base leverage plus m_i^2 / m'm, and row i of the last line of (X'X)^-1 X' is m_i / m'm.
    Avoids statsmodels' n-by-n hat matrix, so ~40 fits on ~9,000 rows take milliseconds.
    """
    xtx_inv = np.linalg.pinv(base.T @ base)
    proj = base @ xtx_inv  # row i: base_i (B'B)^-1
    h_base = np.einsum("ij,ij->i", proj, base)
    y_res = y - proj @ (base.T @ y)
    m = columns - proj @ (base.T @ columns)
    mm = np.einsum("ij,ij->j", m, m)
    coef = (m.T @ y_res) / mm
    resid = y_res[:, None] - m * coef
    leverage = h_base[:, None] + m**2 / mm
    var = np.sum((m * resid / (1 - leverage)) ** 2, axis=0) / mm**2
    return coef, np.sqrt(var)


def tool_premiums(
    survey: pd.DataFrame,
    *,
    column: str = TOOL_LISTS[DEFAULT_TOOL_LIST].column,
    items: Sequence[str] | None = TOOL_LISTS[DEFAULT_TOOL_LIST].items,
    year: int = 2024,
    min_users: int = MIN_TOOL_USERS,
    min_country: int = MIN_COUNTRY_RESPONDENTS,
    pay_range: tuple[float, float] = SURVEY_PAY_RANGE,
    alpha: float = FAMILY_ALPHA,
) -> pd.DataFrame:
    """Pay association of each tool/platform in `column` (a semicolon list) in one survey year.

    Respondents: `year`, pay within `pay_range`, years_experience known, and `column`
    answered (people who listed nothing are neither users nor non-users). Items: those in
    `items` (names exactly as the survey publishes them; None = every item); with the
    defaults, the taxonomy's ML libraries in `frameworks`. For each item: OLS log(pay_usd) ~
    uses_item + cubic B-spline(years_experience, df=4) + C(country group) with HC3 errors
    (countries with fewer than `min_country` respondents pooled as 'Other').
    Output columns `TOOL_COLUMNS`: premium = exp(coef) - 1 (users vs non-users, same
    experience and country), 95% interval, p_value, n_users, n_non_users; items with fewer
    than `min_users` users or non-users get status 'hidden' and NaN estimates, the rest
    `stats.sample_status` of the smaller group. p_holm / holm_reject: Holm-adjusted p-value
    and whether the difference holds at family-wise level `alpha` across the estimated items
    (with ~N tools compared, some unadjusted intervals exclude 0 by chance). Sorted by premium,
    highest first. `frame.attrs`: n_respondents, n_compared, min_users.
    These are associations: tool choice goes with role, employer and seniority.
    """
    if column not in survey.columns:
        raise ValueError(f"The survey table has no column {column!r}.")
    rows = survey[
        (survey["year"] == year)
        & survey["pay_usd"].between(*pay_range)
        & survey["years_experience"].notna()
        & survey[column].notna()
    ]
    if len(rows) < stats.MIN_CONFIDENT:
        raise ValueError(f"Too few {year} survey respondents with pay and {column} to compare.")
    big = frequent_values(rows["country"], min_country)
    data = pd.DataFrame(
        {
            "years": rows["years_experience"].to_numpy(float),
            "country": country_group(rows["country"], big).to_numpy(),
        }
    )
    base = np.asarray(dmatrix("bs(years, df=4) + C(country)", data), dtype=float)
    y = np.log(rows["pay_usd"].to_numpy(float))
    uses = split_tools(rows[column].reset_index(drop=True))
    if items is not None:
        uses = uses[[c for c in uses.columns if c in set(items)]]
    flags = uses.to_numpy(dtype=float)
    n_users = flags.sum(axis=0).astype(int)
    coef, se = added_column_hc3(y, base, flags) if flags.size else (n_users * 0.0, n_users * 0.0)
    out = []
    for j, tool in enumerate(uses.columns):
        n_non = len(rows) - int(n_users[j])
        smaller = min(int(n_users[j]), n_non)
        status = (
            "hidden" if smaller < max(min_users, stats.MIN_SHOWN) else stats.sample_status(smaller)
        )
        row: dict[str, object] = {
            "tool": tool,
            "n_users": int(n_users[j]),
            "n_non_users": n_non,
            "status": status,
        }
        if status != "hidden" and np.isfinite(se[j]) and se[j] > 0:
            row.update(
                premium=float(np.expm1(coef[j])),
                ci_low=float(np.expm1(coef[j] - Z95 * se[j])),
                ci_high=float(np.expm1(coef[j] + Z95 * se[j])),
                p_value=float(2 * sps.norm.sf(abs(coef[j] / se[j]))),
            )
        out.append(row)
    frame = pd.DataFrame(out, columns=list(TOOL_COLUMNS))
    tested = frame["p_value"].notna()
    if tested.any():
        reject, adjusted, _, _ = multipletests(
            frame.loc[tested, "p_value"].to_numpy(float), alpha=alpha, method="holm"
        )
        frame.loc[tested, "p_holm"] = adjusted
        frame["holm_reject"] = pd.array([pd.NA] * len(frame), dtype="boolean")
        frame.loc[tested, "holm_reject"] = reject
    else:
        frame["holm_reject"] = pd.array([pd.NA] * len(frame), dtype="boolean")
    frame = frame.sort_values(
        ["premium", "tool"], ascending=[False, True], na_position="last", ignore_index=True
    )
    frame.attrs["n_respondents"] = len(rows)
    frame.attrs["n_compared"] = int(tested.sum())
    frame.attrs["min_users"] = int(min_users)
    return frame
