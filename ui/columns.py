"""Column formats for the pages' tables: one function per table, named after it.

Each returns the `column_config` mapping for `st.dataframe`; dollar columns use
`ui.layout.usd` (whole dollars, $ and thousands separators).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import streamlit as st

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
        "match": usd("401(k) match (not in pay)"),
        "jurisdiction": "Taxed as",
    }


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
    """Pay bands page: bands by level per area (region first)."""
    return {
        "level": "Level",
        "area": "Area",
        "minimum": usd("Minimum"),
        "mid": usd("Midpoint"),
        "maximum": usd("Maximum"),
        "low_ci": usd("Midpoint 95% from"),
        "high_ci": usd("to"),
        "floor": usd("Open: at least", help="Past the published range: at least this"),
        "national_pct": st.column_config.NumberColumn(
            "US percentile", format="%.0f", help="Where the level sits among all US workers"
        ),
        "n": RECORDS,
        "status": "Records",
        "note": "Note",
        "as_of": "As of",
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
        "mid_gap_pct": st.column_config.NumberColumn("Mid gap", format="%+.0f%%"),
        "mid_place": "Your mid's BLS percentile",
        "max": usd("Your max"),
        "market_max": usd("Market max"),
        "max_place": "Your max's BLS percentile",
        "basis": "Market band from",
        "as_of": "As of",
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
        "ratio": st.column_config.NumberColumn("vs medium", format="×%.2f"),
        "ratio_ci": "vs medium, 95% interval",
        "status": "Confidence",
    }


def certification_columns() -> Columns:
    """Certifications & career paths page: learners vs non-learners per comparison."""
    percent = {"format": "percent"}
    return {
        "comparison": "Comparison",
        "n_learned": st.column_config.NumberColumn("Learned via courses/certs", format="localized"),
        "n_other": st.column_config.NumberColumn("Did not", format="localized"),
        "median_learned": usd("Median, learned"),
        "median_other": usd("Median, did not"),
        "premium": st.column_config.NumberColumn("Difference, same controls", **percent),
        "ci_low": st.column_config.NumberColumn("95% low", **percent),
        "ci_high": st.column_config.NumberColumn("95% high", **percent),
        "p_holm": st.column_config.NumberColumn("Holm-adjusted p", format="%.3f"),
        "status": "Confidence",
    }


def career_path_columns(step: str, step_label: str) -> Columns:
    """Certifications & career paths page: median pay per path and `step` (band or level)."""
    return {
        "path": "Path",
        step: step_label,
        "n": RECORDS,
        "median": usd("Median"),
        "ci_low": usd("Median 95% low"),
        "ci_high": usd("Median 95% high"),
        "p25": usd("25th percentile"),
        "p75": usd("75th percentile"),
        "status": "Confidence",
    }
