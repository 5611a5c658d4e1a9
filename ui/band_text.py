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
