"""Tools and platforms: what using PyTorch, AWS or an AI assistant goes with in pay.

From the Stack Overflow Developer Survey 2024 subset (`survey` table): pay of respondents who
use a tool against those who do not, holding experience and country fixed, with a Holm
correction for comparing many tools at once. Associations, never effects: tool choice goes
with role, employer and seniority.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from patsy import dmatrix
from scipy import stats as sps

from analysis import stats, taxonomy
from analysis.data import Tables, stored
from analysis.levels import SURVEY_PAY_RANGE
from analysis.specialties import country_group, frequent_values

MIN_COUNTRY_RESPONDENTS = 50
"""Survey countries with fewer paid respondents than this are pooled as 'Other'."""
MIN_TOOL_USERS = 100
"""A tool is estimated only with at least this many users AND non-users among the respondents:
below that the interval is too wide to say anything (and the tool list gets long)."""
FAMILY_ALPHA = 0.05
"""Family-wise error rate of the Holm correction across the tools of one list."""


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

TOOL_ATTRS = ("n_respondents", "n_compared", "min_users")
"""What `tool_premiums` puts in `frame.attrs` (stored as columns by the build)."""
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


def partial_out(base: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`values` (a vector or the columns of a matrix) minus their least-squares projection on
    the columns of `base`, and the leverage (hat value) of each row of `base`."""
    proj = base @ np.linalg.pinv(base.T @ base)  # row i: base_i (B'B)^-1
    leverage = np.einsum("ij,ij->i", proj, base)
    return values - proj @ (base.T @ values), leverage


def added_column_hc3(
    y: np.ndarray, base: np.ndarray, columns: np.ndarray, *, leverage: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """For each column c of `columns`: OLS of y on [base, c]; c's coefficient and HC3 SE.

    Same numbers as statsmodels' `OLS(y, [base, c]).fit(cov_type="HC3")` for every column,
    computed together by partialling `base` out (Frisch-Waugh-Lovell): with m = c minus its
    projection on base, the coefficient is m'y / m'm, the leverage of the full design is the
    base leverage plus m_i^2 / m'm, and row i of the last line of (X'X)^-1 X' is m_i / m'm.
    Avoids statsmodels' n-by-n hat matrix, so ~40 fits on ~9,000 rows take milliseconds.
    `leverage`: when y, base and columns are residuals of controls already partialled out
    (`partial_out`), those controls' leverage, added to the design's (the fit is then the one
    with the controls in the design).
    """
    y_res, h_base = partial_out(base, y)
    m, _ = partial_out(base, columns)
    if leverage is not None:
        h_base = h_base + leverage
    mm = np.einsum("ij,ij->j", m, m)
    coef = (m.T @ y_res) / mm
    resid = y_res[:, None] - m * coef
    h = h_base[:, None] + m**2 / mm
    var = np.sum((m * resid / (1 - h)) ** 2, axis=0) / mm**2
    return coef, np.sqrt(var)


def tool_premiums(
    data: Tables,
    tool_list: str = DEFAULT_TOOL_LIST,
    *,
    year: int = 2024,
    min_users: int = MIN_TOOL_USERS,
    min_country: int = MIN_COUNTRY_RESPONDENTS,
    pay_range: tuple[float, float] = SURVEY_PAY_RANGE,
    alpha: float = FAMILY_ALPHA,
) -> pd.DataFrame:
    """Pay association of each tool of one `TOOL_LISTS` entry in one survey year.

    The list names a survey column (a semicolon list per respondent) and the items compared
    (names exactly as the survey publishes them; None = every item). Respondents: `year`, pay
    within `pay_range`, years_experience known, and the column answered (people who listed
    nothing are neither users nor non-users). For each item: OLS log(pay_usd) ~
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
    if tool_list not in TOOL_LISTS:
        raise ValueError(f"Unknown tool list {tool_list!r}; use one of {', '.join(TOOL_LISTS)}.")
    column, items = TOOL_LISTS[tool_list].column, TOOL_LISTS[tool_list].items
    survey = data.survey
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
                ci_low=float(np.expm1(coef[j] - stats.Z95 * se[j])),
                ci_high=float(np.expm1(coef[j] + stats.Z95 * se[j])),
                p_value=float(2 * sps.norm.sf(abs(coef[j] / se[j]))),
            )
        out.append(row)
    frame = pd.DataFrame(out, columns=list(TOOL_COLUMNS))
    tested = frame["p_value"].notna()
    frame["p_holm"], frame["holm_reject"] = stats.holm(frame["p_value"], alpha)
    frame = frame.sort_values(
        ["premium", "tool"], ascending=[False, True], na_position="last", ignore_index=True
    )
    frame.attrs["n_respondents"] = len(rows)
    frame.attrs["n_compared"] = int(tested.sum())
    frame.attrs["min_users"] = int(min_users)
    return frame


def stored_tool_premiums(data: Tables, tool_list: str = DEFAULT_TOOL_LIST) -> pd.DataFrame:
    """`tool_premiums(data, tool_list)` (its other arguments at their defaults) as the build
    stored it for every tool list (data/tool_premiums.parquet, `databuild.precomputed`): the
    same frame and attrs, without the regressions at run time."""
    if tool_list not in TOOL_LISTS:
        raise ValueError(f"Unknown tool list {tool_list!r}; use one of {', '.join(TOOL_LISTS)}.")
    return stored(data, "tool_premiums", TOOL_ATTRS, tool_list=tool_list)
