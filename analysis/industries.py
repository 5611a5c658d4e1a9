"""Which industries pay most: BLS OEWS national by-industry wages for one occupation.

Two views of the same `wages` table (national rows only):

- `industry_detail`: every published NAICS industry at one depth (sector = 2 digits, 3, 4,
  5 or 6 digits, the table's `naics_level`), with employment, annual percentiles, their notes
  and the BLS relative standard errors.
- `industry_groups`: the taxonomy's plain-language groups ("Finance and insurance", ...),
  each combining its member industries at ONE depth (4-digit by default).

How codes combine (and why it never double counts):

- OEWS publishes nested rows: a sector, its 3-digit subsectors, their 4-digit industry groups
  and so on. Mixing a parent with its child would count the same jobs twice, so a group takes
  only the rows of a single `naics_level`. Rows at the same level never nest.
- OEWS also publishes *ownership splits* ("Hospitals, State Government Owned" 622002,
  "Educational Services, Privately Owned" 611005, "State Government, including Schools and
  Hospitals" 999201). They overlap the NAICS rows of the same level (622002 overlaps 622100),
  so they are left out of both views.
- Depth 4 is the default for groups because the taxonomy's rules reach 4 digits (software
  publishers 5132, computer systems design 5415, motor vehicles 3361, aerospace 3364); at 3
  digits computer systems design would vanish into "Professional services" (541). Deeper
  levels are sparse: BLS publishes few 5- and 6-digit rows.
- A 3-digit industry that has no published 4-digit row is missing from a depth-4 group; the
  group's employment is therefore a lower bound of the group's true employment.

A group's pay is the **employment-weighted average of its member industries' medians**, not
a true median (BLS publishes no pooled distribution). Its uncertainty cue is an approximate
95% interval from the members' BLS relative standard errors (`mean_prse`, the RSE of the mean
wage: BLS publishes none for the median), treating members as independent; the spread of the
member medians (`min_median`..`max_median`) is shown too. Groups with few jobs or a single
industry are flagged `thin`. Members whose median is top-coded
(at or above the release's top-code), not released, or whose employment is not released cannot be
weighted: they are left out of the average and counted in `n_excluded`; a top-coded member
also shows in `any_topcoded` so the page can say the range reaches the top-code.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis import taxonomy
from analysis.data import Tables
from analysis.stats import Z95
from analysis.wages import DEFAULT_OCCUPATION, PCT_COLUMNS, TOP_CODED, national_row

GROUP_DEPTH = 4
DEPTHS: dict[int, str] = {
    2: "2-digit NAICS (sectors)",
    3: "3-digit NAICS (subsectors)",
    4: "4-digit NAICS",
    5: "5-digit NAICS",
    6: "6-digit NAICS",
}
THIN_JOBS = 2_000
"""A group with fewer jobs than this, or a single usable industry, is flagged thin."""

PERCENTILE_COLUMNS = tuple(PCT_COLUMNS)
# Ownership-only totals and splits; they overlap the NAICS rows of their level.
_OWNERSHIP_CODES = frozenset({"000001", "999001", "999101", "999201", "999301"})
_OWNED = re.compile(r"\bOwned\b", re.IGNORECASE)

DETAIL_COLUMNS = (
    "industry_code",
    "industry_name",
    "naics_level",
    "industry_group",
    "tot_emp",
    "emp_prse",
    "a_mean",
    "mean_prse",
    *PERCENTILE_COLUMNS,
    *(f"{c}_note" for c in PERCENTILE_COLUMNS),
    "tot_emp_note",
)
GROUP_COLUMNS = (
    "industry_group",
    "weighted_median",
    "tot_emp",
    "emp_share",
    "emp_prse_approx",
    "n_codes",
    "n_used",
    "n_excluded",
    "n_topcoded",
    "min_median",
    "max_median",
    "any_topcoded",
    "ci_low",
    "ci_high",
    "thin",
    "members",
)


def is_ownership_row(code: str, name: str) -> bool:
    """True for OEWS ownership totals/splits (e.g. '622002', '999201'), which overlap NAICS rows."""
    return code in _OWNERSHIP_CODES or bool(_OWNED.search(str(name)))


def occupations(data: Tables) -> pd.DataFrame:
    """Occupations with national by-industry rows: columns occ_code, occ_title, sorted by code."""
    wages = data.wages
    national = wages[(wages["area_type"] == "national") & (wages["naics_level"] >= 2)]
    out = national[["occ_code", "occ_title"]].drop_duplicates("occ_code")
    return out.sort_values("occ_code", ignore_index=True)


def national_total(data: Tables, occ_code: str = DEFAULT_OCCUPATION) -> pd.Series:
    """The national cross-industry row of `occ_code` (employment, percentiles, notes)."""
    return national_row(data.wages, occ_code)


def _national_industry_rows(wages: pd.DataFrame, occ_code: str, depth: int) -> pd.DataFrame:
    if depth not in DEPTHS:
        raise ValueError(f"NAICS depth must be one of {', '.join(map(str, DEPTHS))}, not {depth}.")
    rows = wages[
        (wages["area_type"] == "national")
        & (wages["occ_code"] == occ_code)
        & (wages["naics_level"] == depth)
    ]
    if rows.empty:
        raise ValueError(
            f"BLS publishes no national industry rows for occupation {occ_code!r} at this depth."
        )
    keep = [
        not is_ownership_row(c, n)
        for c, n in zip(rows["industry_code"], rows["industry_name"], strict=True)
    ]
    return rows.loc[keep]


def industry_detail(
    data: Tables, occ_code: str = DEFAULT_OCCUPATION, depth: int = GROUP_DEPTH
) -> pd.DataFrame:
    """Published national industries of one NAICS depth for one occupation.

    Input: the `wages` table. Output: one row per industry (ownership splits left out), columns
    `DETAIL_COLUMNS`: employment (jobs), `emp_prse` / `mean_prse` (BLS relative standard errors,
    percent), annual mean and percentiles in USD (NaN when top-coded or not released; the
    reason is in the `*_note` column), and the taxonomy `industry_group` (NA outside every
    group). Sorted by median, highest first; top-coded medians first, unpublished last.
    """
    rows = _national_industry_rows(data.wages, occ_code, depth)
    out = rows.assign(industry_group=taxonomy.classify_industries(rows["industry_code"]))
    out = out.loc[:, list(DETAIL_COLUMNS)].copy()
    order = np.where(
        out["a_median_note"].eq(TOP_CODED).fillna(False), np.inf, out["a_median"].fillna(-1.0)
    )
    out = out.assign(_order=order).sort_values(
        ["_order", "tot_emp", "industry_code"], ascending=[False, False, True]
    )
    out = out.drop(columns="_order").reset_index(drop=True)
    # An industry with few jobs has a noisy median: flagged like a thin group.
    out["thin"] = (out["tot_emp"].fillna(0) < THIN_JOBS).to_numpy()
    return out


def _combine(members: pd.DataFrame, total_emp: float) -> dict[str, object]:
    """Summary of one group's member rows (all of one depth): see `industry_groups`."""
    median = members["a_median"]
    emp = members["tot_emp"]
    usable = median.notna() & emp.notna() & (emp > 0)
    topcoded = members["a_median_note"].eq(TOP_CODED).fillna(False)
    weights = emp[usable]
    weighted = float((median[usable] * weights).sum() / weights.sum()) if usable.any() else np.nan
    # Approximate sampling interval of the weighted average from member RSEs (mean wage).
    se = median[usable] * members["mean_prse"][usable] / 100
    w = weights / weights.sum() if usable.any() else weights
    half = Z95 * float(np.sqrt(((w * se) ** 2).sum())) if se.notna().all() else np.nan
    known_emp = emp.dropna()
    prse = members["emp_prse"]
    both = emp.notna() & prse.notna()
    # Approximate RSE of the summed employment, treating member estimates as independent.
    approx = (
        float(np.sqrt(((emp[both] * prse[both] / 100) ** 2).sum()) / emp[both].sum() * 100)
        if both.any() and emp[both].sum() > 0
        else np.nan
    )
    return {
        "weighted_median": weighted,
        "tot_emp": float(known_emp.sum()) if len(known_emp) else np.nan,
        "emp_share": float(known_emp.sum() / total_emp) if total_emp else np.nan,
        "emp_prse_approx": approx,
        "n_codes": len(members),
        "n_used": int(usable.sum()),
        "n_excluded": int((~usable).sum()),
        "n_topcoded": int(topcoded.sum()),
        "min_median": float(median.min()) if median.notna().any() else np.nan,
        "max_median": float(median.max()) if median.notna().any() else np.nan,
        "any_topcoded": bool(topcoded.any()),
        "ci_low": weighted - half if usable.any() else np.nan,
        "ci_high": weighted + half if usable.any() else np.nan,
        "thin": bool(int(usable.sum()) <= 1 or float(known_emp.sum()) < THIN_JOBS),
        "members": "; ".join(
            f"{c} {n}"
            for c, n in zip(members["industry_code"], members["industry_name"], strict=True)
        ),
    }


def industry_groups(
    data: Tables, occ_code: str = DEFAULT_OCCUPATION, depth: int = GROUP_DEPTH
) -> pd.DataFrame:
    """Pay by taxonomy industry group for one occupation, combining member rows of one depth.

    Output: one row per group with at least one member, columns `GROUP_COLUMNS`:
    `weighted_median` (USD/yr, the employment-weighted average of member medians — NOT a true
    median), `tot_emp` (jobs in members with published employment; a lower bound),
    `emp_share` (of the occupation's national cross-industry employment), `emp_prse_approx`
    (percent, members treated as independent), `n_codes` members combined, `n_used` in the
    average, `n_excluded` (median top-coded / not released, or employment not released),
    `n_topcoded`, `min_median` / `max_median` (range of published member medians, USD),
    `any_topcoded`, `ci_low` / `ci_high` (approximate 95% interval of weighted_median from
    member mean-wage RSEs, USD; NaN when an RSE is missing), `thin` (fewer than `THIN_JOBS`
    jobs or at most one usable industry) and `members` ("code name; ..."). Sorted by
    weighted_median, highest first. `frame.attrs`: national_emp (the occupation's US jobs)
    and coverage (share of them in the groups' members, 0-1).
    """
    detail = industry_detail(data, occ_code, depth)
    total = float(national_total(data, occ_code)["tot_emp"])
    grouped = detail[detail["industry_group"].notna()]
    if grouped.empty:
        raise ValueError("No industry at this depth falls in any industry group; try depth 4.")
    rows = [
        {"industry_group": str(group), **_combine(members, total)}
        for group, members in grouped.groupby("industry_group", sort=True)
    ]
    out = pd.DataFrame(rows, columns=list(GROUP_COLUMNS))
    out = out.sort_values(
        ["weighted_median", "industry_group"], ascending=[False, True], na_position="last"
    ).reset_index(drop=True)
    out.attrs["national_emp"] = total
    out.attrs["coverage"] = float(grouped["tot_emp"].sum() / total) if total else np.nan
    return out
