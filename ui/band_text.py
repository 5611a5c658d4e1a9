"""Sentences and cells of the Pay bands page, said from the analysis results (numbers are never
typed here): the region's band in one sentence, each band as text, the pooled distribution,
what the ageing rate assumes.
"""

from __future__ import annotations

import pandas as pd

from analysis.pooled import EXACT, RegionalLadder
from ui.text import money, plain

ALL_LEVELS = "All levels"


def band_text(row: pd.Series | dict) -> str:
    """A `level_bands` row's band as a recruiter reads it: "$125,519–$188,279" (a midpoint
    known to ±x% adds "(mid $156,899 ± 0.4%)"), "at least $216,070", "at most $X", or "—"
    (the row's note says why)."""
    if row["mid"] == row["mid"]:
        text = f"{money(row['minimum'])}–{money(row['maximum'])}"
        pm = row.get("pm")
        if pm == pm and pm is not None and pm > EXACT:
            text += f" (mid {money(row['mid'])} ± {pm:.1%})"
        return text
    if row.get("floor") == row.get("floor") and row.get("floor") is not None:
        return f"at least {money(row['floor'])}"
    if row.get("ceiling") == row.get("ceiling") and row.get("ceiling") is not None:
        return f"at most {money(row['ceiling'])}"
    return "—"


def with_band_text(table: pd.DataFrame) -> pd.DataFrame:
    """`table` (a `level_bands` frame) with a `band` column of `band_text`."""
    return table.assign(band=[band_text(r) for _, r in table.iterrows()])


def region_sentence(table: pd.DataFrame, level: str, occ_title: str, target: int) -> str:
    """The page's answer in one sentence: the region's band for `level` (or each level, with
    ALL_LEVELS) of `occ_title` at the `target`-th percentile, as of the table's date."""
    rows = table[table["area"].isin(["Region", "All"])]
    if level != ALL_LEVELS:
        rows = rows[rows["level"] == level]
    as_of = table["as_of"].iloc[0] if len(table) else ""
    parts = []
    for _, row in rows.iterrows():
        text = band_text(row)
        if text == "—":
            text = f"no figure ({row['note']})"
        parts.append(f"{row['level']} {text}")
    who = plain(occ_title)
    if level != ALL_LEVELS and len(parts) == 1:
        return (
            f"**The region's {level} band for {who} at the {target}th percentile is "
            f"{parts[0].removeprefix(level + ' ')}**, as of {as_of}."
        )
    return f"**The region's bands for {who} at the {target}th percentile, as of {as_of}:** " + (
        "; ".join(parts) + "."
    )


def pooled_line(region: RegionalLadder, names: tuple[str, ...]) -> str:
    """The region's pooled percentiles in words: each exact, "± x%" when pinned within the
    tolerance, or "between $A and $B" when wider (`names`: how to call each percentile)."""
    shown = []
    for name, mid, low, high in zip(names, region.wages, region.low, region.high, strict=True):
        if mid == mid:
            pm = (high - low) / (high + low)
            shown.append(f"{name} {money(mid)}" + (f" ± {pm:.1%}" if pm > EXACT else ""))
        elif low == low and high == high:
            shown.append(f"{name} between {money(low)} and {money(high)}")
        elif low == low:
            shown.append(f"{name} at least {money(low)}")
        else:
            shown.append(f"{name} at most {money(high)}")
    return ", ".join(shown)


def ageing_note(rate: float, measured: str) -> str:
    """What the ageing rate assumes, for a caption; `measured` is when BLS measured pay."""
    if rate:
        return f"aged at {rate:g}% a year from {measured} (your rate; the data hold no forecast)"
    return (
        f"0% a year: pay stays where BLS measured it in {measured} until the bands take "
        "effect. No published wage-growth rate is in this app's data (BLS's Employment Cost "
        "Index is not among its sources; CPI measures prices, not pay), so none is assumed"
    )


# Issue 24: the answer names the selection and how sure it is; the chart's takeaway.


def region_answer(
    table: pd.DataFrame,
    level: str,
    occ_title: str,
    target: int,
    *,
    track: str,
    picked: int,
    region: str,
    ladder: RegionalLadder | None,
) -> str:
    """The page's answer: `region_sentence` for the `picked` metros (of Census `region`, or
    all regions), then how sure it is: the salary-index records (`track`) placing each level
    shown (`n`, "rough" under 30) and how many metros' BLS wages the region pools, with their
    jobs (`ladder`; None when no chosen metro publishes any)."""
    where = f"the {picked} metro{'s' if picked != 1 else ''} you picked"
    if region != "All regions":
        where += f" in the {plain(region)}"
    head = region_sentence(table, level, occ_title, target)
    rows = table[table["area"].isin(["Region", "All"])]
    if level != ALL_LEVELS:
        rows = rows[rows["level"] == level]
    counts = [
        f"{row['level']} {int(row['n']):,}"
        + (" (rough)" if row["status"] == "low confidence" else "")
        for _, row in rows.iterrows()
    ]
    placed = f"each level placed by {plain(track)} salary records ({', '.join(counts)})"
    if ladder is None:
        pooled = "with no BLS wages published to pool"
    elif len(ladder.metros) == picked:
        pooled = f"pooled from their BLS wages ({ladder.employment:,.0f} jobs)"
    else:
        pooled = (
            f"pooled from the BLS wages of {len(ladder.metros)} of them "
            f"({ladder.employment:,.0f} jobs)"
        )
    sure = f"The region: {where}, {pooled}; {placed}."
    return f"{head} {sure}"


def levels_takeaway(table: pd.DataFrame) -> str:
    """The bands-by-level chart's takeaway: for the highest level with metro midpoints, the
    metros with the highest and lowest midpoint and how far apart they are (`table`: the
    `level_bands` rows the chart draws)."""
    metros = table[(table["cbsa"] != "") & table["mid"].notna()]
    if metros.empty:
        return "No metro has a band with a midpoint here: the table says why for each."
    order = [lv for lv in table["level"].drop_duplicates() if lv in set(metros["level"])]
    level = order[-1]
    rows = metros[metros["level"] == level].sort_values("mid")
    low, high = rows.iloc[0], rows.iloc[-1]
    if len(rows) == 1:
        return f"{level}: {plain(high['area'])}'s midpoint is {money(high['mid'])}."
    return (
        f"**{level} midpoints run from {money(low['mid'])} in {plain(low['area'])} to "
        f"{money(high['mid'])} in {plain(high['area'])}**, "
        f"{high['mid'] / low['mid'] - 1:.0%} higher."
    )


def market_takeaway(market: pd.DataFrame, target: int) -> str:
    """The market chart's takeaway: the metros with the highest and lowest published median
    and the pay at the `target` percentile in each (`market`: `bands.labelled_bands` rows, one
    metro each: label, a_median, target_pay)."""
    rows = market[market["a_median"].notna()].sort_values("a_median")
    if rows.empty:
        return "No metro you picked has a published median for this occupation."
    high, low = rows.iloc[-1], rows.iloc[0]
    if len(rows) == 1:
        return f"{plain(high['label'])}'s median is {money(high['a_median'])}."
    line = (
        f"**Medians run from {money(low['a_median'])} in {plain(low['label'])} to "
        f"{money(high['a_median'])} in {plain(high['label'])}**"
    )
    if "target_pay" in rows and target != 50:
        line += (
            f"; your {target}th percentile there: {money(low['target_pay'])} and "
            f"{money(high['target_pay'])}"
        )
    return line + "."


def talent_takeaway(points: pd.DataFrame) -> str:
    """The talent map's takeaway: the metro with the most jobs and the one where the
    occupation is most concentrated (highest location quotient), with their figures
    (`points`: `bands.talent_pools` rows: label, tot_emp, loc_quotient)."""
    jobs = points[points["tot_emp"].notna()]
    if jobs.empty:
        return "BLS publishes no jobs for this occupation in these metros."
    most = jobs.loc[jobs["tot_emp"].idxmax()]
    line = f"**Most jobs: {plain(most['label'])} ({most['tot_emp']:,.0f})**"
    dense = jobs[jobs["loc_quotient"].notna()]
    if len(dense):
        top = dense.loc[dense["loc_quotient"].idxmax()]
        line += (
            f"; most concentrated: {plain(top['label'])}, {top['loc_quotient']:.1f} times the "
            "US share of jobs"
        )
    return line + "."
