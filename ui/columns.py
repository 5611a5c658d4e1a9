"""Column formats for the pages' tables: one function per table, named after it.

Each returns the `column_config` mapping for `st.dataframe`; dollar columns use
`ui.layout.usd` (whole dollars, $ and thousands separators).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import streamlit as st

from analysis.taxes import TAX_COLUMNS
from ui.layout import usd

Columns = dict[str, Any]

JOBS = st.column_config.NumberColumn("Jobs", format="localized")
RECORDS = st.column_config.NumberColumn("Records", format="localized")


def _percentiles(columns: Iterable[str], names: Iterable[str]) -> Columns:
    """Dollar columns for BLS percentiles: {column: usd(name)}, paired in order."""
    return {c: usd(n) for c, n in zip(columns, names, strict=True)}


def hub_worth_columns(occ_title: str) -> Columns:
    """Offer check page: the same base salary's take-home and purchasing power in each hub."""
    return {
        "label": "Metro",
        "take_home": usd("Your take-home there"),
        "role_median": usd(f"{occ_title}: BLS median there"),
        "real_take_home": usd("Take-home in US-average prices"),
        "same_power": usd("Pay with the same purchasing power"),
    }


def remote_pay_columns() -> Columns:
    """Remote page: pay by work arrangement, with the ratio to on-site pay."""
    return {
        "level": "Level",
        "arrangement": "Arrangement",
        "n": RECORDS,
        "median": usd("Median"),
        "p25": usd("25th percentile"),
        "p75": usd("75th percentile"),
        "premium": st.column_config.NumberColumn("vs on-site", format="×%.2f"),
        "premium_ci": "vs on-site, 95% interval",
    }


def geo_policy_columns(policies: Iterable[str], measure: str) -> Columns:
    """Remote page, geo-pay simulator: one dollar column per policy, headed '<policy>: <measure>'.

    `measure` is the lower-case name of what is shown ("pay" or "purchasing power").
    """
    return {
        "hub": "Hub",
        "rpp": st.column_config.NumberColumn("Price level (US = 100)", format="%.1f"),
        "tier": st.column_config.NumberColumn("Tier", format="%d"),
    } | {p: usd(f"{p}: {measure}") for p in policies}


def progression_columns() -> Columns:
    """Career levels page: median pay per track and level, with the step-up between levels."""
    return {
        "track": "Track",
        "level": "Level",
        "n": RECORDS,
        "median": usd("Median"),
        "median_ci": "Median 95% interval",
        "p25": usd("25th percentile"),
        "p75": usd("75th percentile"),
        "step_up": st.column_config.NumberColumn("Step-up vs previous level", format="×%.2f"),
        "step_ci": "Step-up 95% interval",
    }


def offer_path_columns(reference: str) -> Columns:
    """Offer check page: each offer's calendar years, take-home first, then gross by
    component and the taxes."""
    return {
        "offer": "Offer",
        "year": st.column_config.NumberColumn("Year", format="%d"),
        "real_take_home": usd(f"Take-home, {reference} prices"),
        "tax_year": st.column_config.NumberColumn(
            "Tax rules of", format="%d", help="Taxed at this year's rules; the last published after"
        ),
        "take_home": usd("Take-home"),
        "total": usd("Gross"),
        "months": st.column_config.NumberColumn("Months worked", format="%d"),
        "Base": usd("Base"),
        "Bonus": usd("Bonus"),
        "Equity": usd("Equity vesting"),
        "Refreshers": usd("Refreshers vesting"),
        "Sign-on": usd("Sign-on"),
        "Relocation": usd("Relocation"),
        "federal_income_tax": usd("Federal tax"),
        "social_security": usd("Social Security"),
        "medicare": usd("Medicare"),
        "state_income_tax": usd("State tax"),
        "state_payroll_tax": usd("State payroll"),
        "local_income_tax": usd("Local tax"),
        "match": usd("401(k) match", help="Your employer's match: not in pay or take-home"),
        "jurisdiction": "Taxed as",
    }


OFFER_PATH_VIEWS = {
    "Take-home": ["real_take_home", "take_home", "total", "months", "tax_year"],
    "Gross pay": ["Base", "Bonus", "Equity", "Refreshers", "Sign-on", "Relocation", "match"],
    "Taxes": [*TAX_COLUMNS, "jurisdiction"],
}
"""The year-by-year table in three views of `offer_path_columns` (each after offer and year):
all of them in one grid ran past a 1400 px window."""


def leaving_columns() -> Columns:
    """Offer check page: what each offer leaves you with if you leave after some months."""
    return {
        "offer": "Offer",
        "months": st.column_config.NumberColumn("Leave after (months)", format="%d"),
        "kept": usd("You keep (before tax)"),
        "paid": usd("Paid and vested"),
        "repaid": usd("Sign-on repaid"),
        "forfeited": usd("Grant left unvested"),
    }


def withholding_columns() -> Columns:
    """Offer check page: federal tax owed against withheld, per offer and calendar year."""
    return {
        "offer": "Offer",
        "year": st.column_config.NumberColumn("Year", format="%d"),
        "gap": usd("Left to pay at filing", help="Negative: a refund"),
        "owed": usd("Federal tax owed"),
        "withheld": usd("Withheld by payroll"),
        "supplemental": usd("Bonus, equity and sign-on"),
    }


def level_bands_columns() -> Columns:
    """Pay bands page: bands by level per area (region first); a band without a figure says
    what it is at least, or why there is none, in its row (the CSV also has floor/ceiling)."""
    return {
        "level": "Level",
        "area": "Area",
        "band": st.column_config.TextColumn(
            "Band", width=270, help="Minimum–maximum; a region midpoint known only within ± says so"
        ),
        "mid": usd("Midpoint"),
        "minimum": usd("Minimum"),
        "maximum": usd("Maximum"),
        "low_ci": usd("95% from", help="The midpoint's 95% interval"),
        "high_ci": usd("to"),
        "national_pct": st.column_config.NumberColumn(
            "US percentile", format="%.0f", help="Where the level sits among all US workers"
        ),
        "n": st.column_config.NumberColumn(
            "Records",
            format="localized",
            help="Salary-index records of the track at this level that place the band",
        ),
        "status": st.column_config.TextColumn(
            "Sample size",
            help="ok: 30 records or more; low confidence: under 30; hidden: under 10",
        ),
        "note": st.column_config.TextColumn("Why / note", width="large"),
        "as_of": "As of",
    }


def _share(label: str, **kwargs: object) -> st.column_config.NumberColumn:
    """A fraction shown as a whole percent (0.5 -> 50%)."""
    return st.column_config.NumberColumn(label, format="percent", **kwargs)


COMMON = "Outside the range compensation practice commonly quotes (blank: inside it)"


def band_structure_columns() -> Columns:
    """Pay bands page: width, midpoint progression and overlap per area and level."""
    return {
        "area": "Area",
        "level": "Level",
        "pm": _share("± of midpoint", help="(max − min) / (2 × midpoint)"),
        "width": _share("Range spread", help="max / min − 1"),
        "width_flag": st.column_config.TextColumn("Spread check", help=COMMON),
        "below": "vs level",
        "progression": _share("Midpoint step", help="midpoint / midpoint of the level below − 1"),
        "progression_flag": st.column_config.TextColumn("Step check", help=COMMON),
        "overlap": _share(
            "Overlap", help="(max of the level below − min) / (max − min of the level below)"
        ),
        "overlap_flag": st.column_config.TextColumn("Overlap check", width=125, help=COMMON),
    }


def zones_columns() -> Columns:
    """Pay bands page: each metro's factor of the anchor, its tier and posting ranges."""
    return {
        "area": "Metro",
        "factor": st.column_config.NumberColumn("× anchor", format="%.2f"),
        "tier": _share("Tier", help="The factor to the nearest 5%"),
        "level": "Level",
        "post_min": usd("Post from"),
        "post_max": usd("Post to"),
        "note": "Why no range",
        "law_note": "Posting law",
        "laws": st.column_config.TextColumn("Statutes", width="large"),
    }


def upload_check_columns() -> Columns:
    """Pay bands page, 'Check your own bands': each uploaded band against the market band."""
    return {
        "row": st.column_config.NumberColumn("Row"),
        "role": "Role",
        "occ_title": "Occupation (BLS)",
        "level": "Level",
        "mapping": "Mapped by",
        "metro": "Metro",
        "min": usd("Your min"),
        "market_min": usd("Market min"),
        "min_place": "Your min's BLS percentile",
        "mid": usd("Your mid"),
        "market_mid": usd("Market mid"),
        "compa_ratio": st.column_config.NumberColumn(
            "Compa-ratio", format="%.2f", help="Your midpoint / the market's"
        ),
        "compa_flag": "vs 0.95–1.05",
        "mid_place": "Your mid's BLS percentile",
        "max": usd("Your max"),
        "market_max": usd("Market max"),
        "max_place": "Your max's BLS percentile",
        "pm": _share("± of your mid"),
        "width": _share("Your spread"),
        "width_flag": st.column_config.TextColumn("Spread check", help=COMMON),
        "progression": _share("Step from the level below"),
        "progression_flag": st.column_config.TextColumn("Step check", help=COMMON),
        "overlap": _share("Overlap with the level below"),
        "overlap_flag": st.column_config.TextColumn("Overlap check", width=125, help=COMMON),
        "basis": st.column_config.TextColumn("Market band from / why none", width="large"),
        "as_of": "As of",
    }


def upload_problem_columns() -> Columns:
    """Pay bands page: every problem of every uploaded row, and the rows read with a note."""
    return {
        "row": st.column_config.NumberColumn("Row"),
        "column": "Column",
        "problem": st.column_config.TextColumn("Problem", width="large"),
        "remark": st.column_config.TextColumn("Note", width="large"),
    }


def company_size_columns() -> Columns:
    """Career levels page: pay by company size within each level."""
    return {
        "level": "Level",
        "size_label": "Company size",
        "n": RECORDS,
        "median": usd("Median"),
        "p25": usd("25th percentile"),
        "p75": usd("75th percentile"),
        "ratio": st.column_config.NumberColumn("vs large", format="×%.2f"),
        "ratio_ci": "vs large, 95% interval",
        "status": "Confidence",
    }


def certification_columns() -> Columns:
    """Certifications & career paths page: learners vs non-learners per comparison."""
    percent = {"format": "percent"}
    return {
        "comparison": "Comparison",
        "n_learned": st.column_config.NumberColumn(
            "Learned, n", format="localized", help="Learned to code via courses or certification"
        ),
        "n_other": st.column_config.NumberColumn("Did not, n", format="localized"),
        "median_learned": usd("Median, learned"),
        "median_other": usd("Median, did not"),
        "premium": st.column_config.NumberColumn(
            "Difference", help="With the same controls held fixed (regression)", **percent
        ),
        "ci_low": st.column_config.NumberColumn("95% low", **percent),
        "ci_high": st.column_config.NumberColumn("95% high", **percent),
        "p_holm": st.column_config.NumberColumn(
            "Holm p", format="%.3f", help="p-value after a Holm correction for all comparisons"
        ),
        "status": st.column_config.TextColumn("Confidence", width=120),
    }


def career_path_columns(step: str, step_label: str) -> Columns:
    """Certifications & career paths page: median pay per path and `step` (band or level)."""
    return {
        "path": st.column_config.TextColumn("Path", width=185),
        step: step_label,
        "n": RECORDS,
        "median": usd("Median"),
        "ci_low": usd("Median 95% low"),
        "ci_high": usd("Median 95% high"),
        "p25": usd("25th percentile"),
        "p75": usd("75th percentile"),
        "status": st.column_config.TextColumn("Confidence", width=120),
    }


def backtest_columns() -> Columns:
    """Data & methods: the holdout check of the level ranges."""
    return {
        "check": "Check",
        "level": "Level",
        "n_train": st.column_config.NumberColumn("Records fitted", format="localized"),
        "n_test": st.column_config.NumberColumn("Records held back", format="localized"),
        "inside": st.column_config.NumberColumn("Inside the range", format="percent"),
        "ci_low": st.column_config.NumberColumn("95% interval from", format="percent"),
        "ci_high": st.column_config.NumberColumn("to", format="percent"),
        "expected": st.column_config.NumberColumn("Expected", format="percent"),
    }


def sensitivity_summary_columns() -> Columns:
    """Data & methods: how far each choice of the level method moves the ranges."""
    percent = {"format": "percent"}
    return {
        "choice_label": "Choice flipped",
        "cells": st.column_config.NumberColumn("Metro × track × level", format="localized"),
        "edges": st.column_config.NumberColumn("Edges compared", format="localized"),
        "median_move": st.column_config.NumberColumn("Median move", **percent),
        "largest_move": st.column_config.NumberColumn("Largest move", **percent),
        "opened": st.column_config.NumberColumn("Open one way only", format="localized"),
    }


def sensitivity_columns() -> Columns:
    """Data & methods: every metro, track, level and choice of the sensitivity table."""
    percent = {"format": "percent"}
    out: Columns = {"area": "Metro", "track": "Track", "level": "Level", "n": RECORDS}
    out["choice_label"] = "Choice flipped"
    for edge, name in (("low", "25th"), ("mid", "Middle"), ("high", "75th")):
        out[edge] = usd(f"{name}, default")
        out[f"alt_{edge}"] = usd(f"{name}, flipped")
        out[f"move_{edge}"] = st.column_config.NumberColumn(f"{name}, move", **percent)
    out["opened"] = "Open one way only"
    return out


def evidence_columns() -> Columns:
    """Data & methods: the occupations employers file each track's titles under."""
    percent = {"format": "percent"}
    return {
        "track": st.column_config.TextColumn("Track", width=130),
        "soc": "SOC",
        "soc_title": "Occupation",
        "filings": st.column_config.NumberColumn("Filings", format="localized", width=75),
        # Short headers: the long ones pushed "Titles filed" off a 1400 px window.
        "share": st.column_config.NumberColumn("Share", help="Share of filings", **percent),
        "weight": st.column_config.NumberColumn(
            "Weight", help="Share weighted by each title's salary-index records", **percent
        ),
        "used": st.column_config.NumberColumn(
            "In range", help="Weight in the Offer check's market range", **percent
        ),
        "stand_in": st.column_config.CheckboxColumn("Stand-in"),
        "titles": st.column_config.NumberColumn("Titles", format="localized"),
    }
