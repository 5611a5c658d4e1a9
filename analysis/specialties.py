"""What a specialization (NLP, computer vision, generative AI, MLOps, ...) adds to pay.

Three answers, all associations in observational data, never causal effects:

- `raw_premiums`: median salary of each specialization over the median of a baseline
  (default: "General" titles in the ML engineer and AI engineer tracks, i.e. general ML
  engineering), with a seeded bootstrap 95% interval of the ratio.
- `adjusted_premiums`: the same comparison after holding level, year, country group,
  remote ratio and company size fixed, from an OLS of log(salary_usd) with HC3 (robust)
  standard errors; premium = exp(coefficient) - 1, interval exp(CI) - 1.
- `tool_premiums`: pay of Stack Overflow 2024 respondents who use a tool (PyTorch, AWS, ...)
  against those who do not, holding experience and country fixed.

Specialization titles are rare in the aijobs.net data (NLP ~27 records, computer vision ~95),
so every row carries n and a status from `analysis.stats.sample_status`: groups under 10
records are 'hidden' (no estimate), under 30 'low confidence'.

Exact duplicates (`is_duplicate`: a record identical to an earlier one, mostly repeated job
postings) are dropped by default in the regression: repeated copies of one posting are not
independent observations, so keeping them inflates n and makes intervals falsely narrow.
The raw comparison keeps them by default, as the rest of the dashboard does; both take
`drop_duplicates`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from patsy import dmatrix
from scipy import stats as sps
from statsmodels.formula.api import ols

from analysis import stats

BASELINE = "General"
DEFAULT_TRACKS: tuple[str, ...] = ("ML engineer", "AI engineer")
DEFAULT_COUNTRIES: tuple[str, ...] = ("US",)
"""Countries kept as their own group in the regression; every other country is 'Other'."""
FULL_TIME = "Full-time"
SURVEY_PAY_RANGE = (5_005.0, 499_750.0)
"""Survey pay kept (USD/yr): the bounds the 2025 extract's author applied, used for 2024 too so
both years are trimmed alike (the 2024 subset runs from $1 to $6.34M)."""
Z95 = float(sps.norm.ppf(0.975))
MIN_COUNTRY_RESPONDENTS = 50
"""Survey countries with fewer paid respondents than this are pooled as 'Other'."""

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
    "status",
)


def select_records(
    salaries: pd.DataFrame,
    *,
    tracks: Sequence[str] = DEFAULT_TRACKS,
    drop_duplicates: bool = False,
    full_time_only: bool = False,
) -> pd.DataFrame:
    """The salary records a comparison uses: chosen tracks, optionally deduplicated/full-time.

    Input: the `salaries` table. Output: a filtered copy (same columns) with a positive
    `salary_usd`. Raises ValueError when no track is chosen or nothing is left.
    """
    if not tracks:
        raise ValueError("Choose at least one career track.")
    keep = salaries["track"].isin(list(tracks)) & (salaries["salary_usd"] > 0)
    if drop_duplicates:
        keep &= ~salaries["is_duplicate"].fillna(False).astype(bool)
    if full_time_only:
        keep &= salaries["employment_type"] == FULL_TIME
    out = salaries.loc[keep.fillna(False).astype(bool)].copy()
    if out.empty:
        raise ValueError("No salary records match this selection; widen the track filter.")
    return out


def raw_premiums(
    salaries: pd.DataFrame,
    *,
    baseline: str = BASELINE,
    tracks: Sequence[str] = DEFAULT_TRACKS,
    drop_duplicates: bool = False,
    n_boot: int = 400,
    seed: int = stats.DEFAULT_SEED,
) -> pd.DataFrame:
    """Median salary of each specialization relative to the baseline specialization.

    Output columns `PREMIUM_COLUMNS`: n records, median_usd (USD/yr), premium =
    median / baseline median - 1 (0.12 = 12% more), ci_low / ci_high (seeded percentile
    bootstrap 95% interval of the same ratio - 1, each group resampled alone), status
    ('hidden' groups get NaN estimates), is_baseline. Baseline first, then by premium.
    """
    records = select_records(salaries, tracks=tracks, drop_duplicates=drop_duplicates)
    base = records.loc[records["specialization"] == baseline, "salary_usd"].to_numpy(float)
    if len(base) < stats.MIN_SHOWN:
        raise ValueError(
            f"The baseline '{baseline}' has {len(base)} records in these tracks; "
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


def country_group(countries: pd.Series, keep: Sequence[str] = DEFAULT_COUNTRIES) -> pd.Series:
    """ISO-2 country -> itself when in `keep`, else 'Other' (string dtype, same index)."""
    text = countries.astype("string")
    return text.where(text.isin(list(keep)), "Other").fillna("Other")


def adjusted_premiums(
    salaries: pd.DataFrame,
    *,
    baseline: str = BASELINE,
    tracks: Sequence[str] = DEFAULT_TRACKS,
    drop_duplicates: bool = True,
    countries: Sequence[str] = DEFAULT_COUNTRIES,
) -> pd.DataFrame:
    """Specialization premiums holding level, year, country, remote ratio and company size.

    Model (full-time records of `tracks` only): log(salary_usd) ~ C(specialization, baseline
    as reference) + C(level) + C(year) + C(country group) + C(remote_ratio) + C(company_size),
    OLS with HC3 errors. Output columns `ADJUSTED_COLUMNS`: n records per specialization in
    the model, premium = exp(coef) - 1, ci_low / ci_high = exp(95% CI) - 1, p_value, status,
    is_baseline (premium 0). Hidden groups (n < 10) stay in the model but get NaN estimates.
    `frame.attrs` holds n_model and r_squared. Takes about a second on the full table: cache it.
    """
    records = select_records(
        salaries, tracks=tracks, drop_duplicates=drop_duplicates, full_time_only=True
    )
    counts = records["specialization"].value_counts()
    if counts.get(baseline, 0) < stats.MIN_SHOWN:
        raise ValueError(f"The baseline '{baseline}' has too few full-time records to compare.")
    others = sorted(s for s in counts.index if s != baseline)
    data = pd.DataFrame(
        {
            "log_pay": np.log(records["salary_usd"].to_numpy(float)),
            # The baseline is the first category, so patsy uses it as the reference level
            # without a user-chosen string ever being pasted into the formula.
            "spec": pd.Categorical(records["specialization"], categories=[baseline, *others]),
            "level": records["level"].astype(str).to_numpy(),
            "year": records["year"].astype(str).to_numpy(),
            "country": country_group(records["employee_country"], countries).to_numpy(),
            "remote": records["remote_ratio"].astype(str).to_numpy(),
            "size": records["company_size"].astype(str).to_numpy(),
        }
    )
    controls = [c for c in ("level", "year", "country", "remote", "size") if data[c].nunique() > 1]
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
    return out


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
    column: str = "ai_tools",
    year: int = 2024,
    min_country: int = MIN_COUNTRY_RESPONDENTS,
    pay_range: tuple[float, float] = SURVEY_PAY_RANGE,
) -> pd.DataFrame:
    """Pay association of each tool/platform in `column` (a semicolon list) in one survey year.

    Respondents: `year`, pay within `pay_range`, years_experience known, and `column`
    answered (people who listed nothing are neither users nor non-users). For each item:
    OLS log(pay_usd) ~ uses_item + cubic B-spline(years_experience, df=4) + C(country group)
    with HC3 errors (countries with fewer than `min_country` respondents pooled as 'Other').
    Output columns `TOOL_COLUMNS`: premium = exp(coef) - 1 (users vs non-users, same
    experience and country), 95% interval, n_users, n_non_users, status from the smaller of
    the two; hidden items (< 10 users or non-users) get NaN. Sorted by premium, highest first.
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
    counts = rows["country"].astype("string").value_counts()
    big = counts[counts >= min_country].index
    data = pd.DataFrame(
        {
            "years": rows["years_experience"].to_numpy(float),
            "country": country_group(rows["country"], list(big)).to_numpy(),
        }
    )
    base = np.asarray(dmatrix("bs(years, df=4) + C(country)", data), dtype=float)
    y = np.log(rows["pay_usd"].to_numpy(float))
    uses = split_tools(rows[column].reset_index(drop=True))
    flags = uses.to_numpy(dtype=float)
    n_users = flags.sum(axis=0).astype(int)
    coef, se = added_column_hc3(y, base, flags) if flags.size else (n_users * 0.0, n_users * 0.0)
    out = []
    for j, tool in enumerate(uses.columns):
        n_non = len(rows) - int(n_users[j])
        status = stats.sample_status(min(int(n_users[j]), n_non))
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
    frame.attrs["n_respondents"] = len(rows)
    return frame.sort_values(
        ["premium", "tool"], ascending=[False, True], na_position="last", ignore_index=True
    )
