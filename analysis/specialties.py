"""What a specialization (NLP, computer vision, generative AI, MLOps, ...) adds to pay.

Three answers, all associations in observational data, never causal effects:

- `raw_premiums`: median salary of each specialization over the median of a baseline
  (default: "General" titles in the ML engineer and AI engineer tracks, i.e. general ML
  engineering), with a seeded bootstrap 95% interval of the ratio.
- `adjusted_premiums`: the same comparison after holding level, year, company country,
  career track (when more than one is chosen), remote ratio and company size fixed, from an
  OLS of log(salary_usd) with HC3 (robust) standard errors; premium = exp(coefficient) - 1,
  interval exp(CI) - 1.
(Tools and platforms, from the Stack Overflow survey, are `analysis.tools`.)

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

import numpy as np
import pandas as pd
from statsmodels.formula.api import ols

from analysis import stats
from analysis.data import Tables
from analysis.filters import filter_records

BASELINE = "General"
DEFAULT_TRACKS: tuple[str, ...] = ("ML engineer", "AI engineer")
DROP_DUPLICATES = True
"""Project default: exact duplicate salary records are dropped (a page toggle can keep them)."""
MIN_COUNTRY_RECORDS = stats.MIN_CONFIDENT
"""Company countries with at least this many records in the model sample are their own level
in the regression; the rest are pooled as 'Other'."""
CONTROL_NAMES: dict[str, str] = {
    "level": "experience level",
    "year": "year",
    "country": "company country",
    "track": "career track",
    "remote": "remote ratio",
    "size": "company size",
}
"""Regression control -> plain name, in the order they enter the model."""


PREMIUM_COLUMNS = (
    "specialization",
    "n",
    "median_usd",
    "premium",
    "ci_low",
    "ci_high",
    "status",
    "is_baseline",
    "holds",
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


def select_records(
    data: Tables,
    *,
    tracks: Sequence[str] = DEFAULT_TRACKS,
    drop_duplicates: bool = DROP_DUPLICATES,
) -> pd.DataFrame:
    """The salary records both comparisons use: full-time records of the chosen tracks with a
    positive `salary_usd`, any level, country and year, exact duplicates dropped unless
    `drop_duplicates` is False (`analysis.filters.filter_records`).

    Output: a filtered copy of `data.salaries` (same columns). Raises ValueError when no track
    is chosen or nothing is left.
    """
    if not tracks:
        raise ValueError("Choose at least one career track.")
    out = filter_records(data.salaries, levels=None, tracks=tracks, drop_duplicates=drop_duplicates)
    if out.empty:
        raise ValueError("No full-time salary records match this selection; add a track.")
    return out


def raw_premiums(
    data: Tables,
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
    ('hidden' groups get NaN estimates), is_baseline, holds (the group's three most common job
    titles with their counts: what the label stands for). Baseline first, then by premium.
    """
    records = select_records(data, tracks=tracks, drop_duplicates=drop_duplicates)
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
        top = group["title"].value_counts().head(3)
        row = {
            "specialization": str(spec),
            "n": len(x),
            "status": status,
            "is_baseline": spec == baseline,
            "holds": "; ".join(f"{t} ({c:,})" for t, c in top.items()),
        }
        if status != "hidden":
            row["median_usd"] = float(np.median(x))
            row["premium"] = row["median_usd"] / base_median - 1
            if spec == baseline:
                row["ci_low"] = row["ci_high"] = 0.0
            else:
                low, high = stats.ratio_interval(x, base, n_boot=n_boot, seed=seed)
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
    data: Tables,
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
    records = select_records(data, tracks=tracks, drop_duplicates=drop_duplicates)
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


METHODS = ("Raw median ratio", "Adjusted (regression)")


def premium_comparison(
    raw: pd.DataFrame, adjusted: pd.DataFrame, methods: Sequence[str] = METHODS
) -> pd.DataFrame:
    """Raw and adjusted premiums stacked for one chart: columns specialization, method
    (one of `methods`: 'Raw median ratio' / 'Adjusted (regression)'), n, premium, ci_low,
    ci_high, status, is_baseline; hidden groups dropped. Specializations keep the raw frame's
    order."""
    parts = []
    for label, frame in zip(METHODS, (raw, adjusted), strict=True):
        if label not in methods:
            continue
        cols = ["specialization", "n", "premium", "ci_low", "ci_high", "status", "is_baseline"]
        parts.append(frame.loc[frame["status"] != "hidden", cols].assign(method=label))
    out = pd.concat(parts, ignore_index=True)
    out["holds"] = out["specialization"].map(raw.set_index("specialization")["holds"])
    rank = out["specialization"].map({s: i for i, s in enumerate(raw["specialization"])})
    out = out.assign(_k=rank).sort_values(["_k", "method"], ascending=[True, False], kind="stable")
    first = ["specialization", "method"]
    return out[first + [c for c in out.columns if c not in (*first, "_k")]].reset_index(drop=True)
