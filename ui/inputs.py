"""Inputs several pages share, each bound to the URL: the occupation picker and the switch that
keeps exact duplicate salary records."""

from __future__ import annotations

from collections.abc import Sequence

from analysis import wages
from analysis.data import Tables
from ui import cache, state
from ui.text import DUPLICATES_HELP


def occupation_titles(data: Tables) -> dict[str, str]:
    """BLS occupation code -> title, for every occupation with published metro medians."""
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
    `codes` (default: every occupation with metro medians), shown as "Title (code)"."""
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
