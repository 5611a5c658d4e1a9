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


def market_bands_columns(
    pct_columns: Iterable[str], pct_names: Iterable[str], target: int | None
) -> Columns:
    """Pay bands page, 'Market bands per metro': metro × occupation with BLS percentiles.

    `target` is the target percentile (e.g. 75) shown in the `target_pay` header, or None.
    """
    return {
        "metro": "Metro",
        "occ_title": "Occupation",
        "tot_emp": JOBS,
        "loc_quotient": st.column_config.NumberColumn(
            "Location quotient", format="%.2f", help="1 = the occupation's US share of jobs"
        ),
        "price_level": st.column_config.NumberColumn("Price level (US = 100)", format="%.0f"),
        "target_pay": usd(f"Pay at the {target}th"),
        **_percentiles(pct_columns, pct_names),
    }


def regional_band_columns(pct_columns: Iterable[str], pct_names: Iterable[str]) -> Columns:
    """Pay bands page, 'Regional band': employment-weighted percentiles per occupation."""
    return {
        "occ_title": "Occupation",
        "metros": st.column_config.NumberColumn("Metros"),
        "tot_emp": JOBS,
        "n_excluded": st.column_config.NumberColumn(
            "Metros left out", help="Left out of at least one percentile's average"
        ),
        **_percentiles(pct_columns, pct_names),
    }


UPLOAD_GAPS_SHOWN = [
    "row",
    "role",
    "metro",
    "min",
    "mid",
    "max",
    "market_median",
    "mid_gap_usd",
    "mid_gap_pct",
    "mid_position",
]


def upload_gaps_columns() -> Columns:
    """Pay bands page, 'Check your own bands': an uploaded band against the BLS median."""
    return {
        "row": st.column_config.NumberColumn("Row"),
        "role": "Role",
        "metro": "Metro",
        "min": usd("Your min"),
        "mid": usd("Your mid"),
        "max": usd("Your max"),
        "market_median": usd("BLS median"),
        "mid_gap_usd": usd("Mid − median"),
        "mid_gap_pct": st.column_config.NumberColumn("Gap", format="%+.0f%%"),
        "mid_position": "Mid's BLS percentile",
    }


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
    """Offer check page: each offer's years, gross by component, taxes and take-home."""
    return {
        "offer": "Offer",
        "year": st.column_config.NumberColumn("Year", format="%d"),
        "tax_year": st.column_config.NumberColumn(
            "Tax year", format="%d", help="Taxed at this year's rules; the last published after"
        ),
        "total": usd("Gross"),
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
        "take_home": usd("Take-home"),
        "real_take_home": usd(f"Take-home, {reference} prices"),
        "jurisdiction": "Taxed as",
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
