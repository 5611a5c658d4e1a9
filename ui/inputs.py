"""Inputs several pages share, each bound to the URL: the occupation picker, the switch that
keeps exact duplicate salary records and the choice of constant or each year's dollars."""

from __future__ import annotations

from collections.abc import Sequence

from analysis import prices, wages
from analysis.data import DataUnavailable, Tables
from ui import cache, state
from ui.text import DUPLICATES_HELP


def occupation_titles(data: Tables) -> dict[str, str]:
    """BLS occupation code -> title, for every occupation with a published median in some
    metro or nonmetro area."""
    occs = cache.run(wages.occupations, data)
    return dict(zip(occs["occ_code"], occs["occ_title"], strict=True))


def occupation(
    data: Tables,
    label: str = "Occupation",
    *,
    codes: Sequence[str] | None = None,
    key: str = "occ",
) -> str:
    """The occupation picker (URL parameter `key`, default Data Scientists, 15-2051), over
    `codes` (default: every occupation with a median in some place), shown as "Title (code)"."""
    titles = occupation_titles(data)
    offered = [c for c in (codes or titles) if c in titles]
    return state.choice(
        label,
        offered,
        key=key,
        default=wages.DEFAULT_OCCUPATION,
        format_func=lambda c: f"{titles[c]} ({c})",
    )


def keep_duplicates() -> bool:
    """The 'Keep exact duplicates' switch (URL parameter `dups`, off by default)."""
    return state.toggle("Keep exact duplicates", key="dups", default=False, help=DUPLICATES_HELP)


DOLLARS = {"real": "Constant dollars (after inflation)", "nominal": "Dollars of each year"}


def cpi_year(data: Tables) -> int | None:
    """The latest CPI-U annual average's year, or None when the cpi table is not built."""
    try:
        return cache.run(prices.latest_year, data)
    except (DataUnavailable, ValueError):
        return None


def constant_dollars(data: Tables, default: str = "real") -> bool:
    """The 'Dollars' picker (URL parameter `dollars`: real | nominal): True for constant
    dollars of the latest CPI-U year. Only 'Dollars of each year' without the cpi table."""
    year = cpi_year(data)
    dollars = state.choice(
        "Dollars",
        list(DOLLARS) if year else ["nominal"],
        key="dollars",
        default=default if year else "nominal",
        format_func=DOLLARS.get,
        help=f"Constant dollars: each year's pay in {year} dollars by the BLS CPI-U annual "
        "average (US city average)."
        if year
        else "The CPI table is not built, so only each year's dollars are shown.",
    )
    return dollars == "real"
