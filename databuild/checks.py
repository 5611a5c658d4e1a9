"""Checks across sources: metro codes against the OMB delineation, and every nonmetro area priced.

Every metro table joins on the 5-digit OMB 2023 CBSA code, so a code changed in one source
would silently drop a metro from a join or attach its numbers to another place. Each check
names the source file at fault and runs as soon as the sources it compares are read. The only
metros allowed to differ (`EXPECTED_GAPS`):

- BEA publishes no price parities for Puerto Rico: its 6 metros (principal state PR) are in
  the delineation, OEWS and HUD, but not in MARPP.
- OEWS nonmetropolitan areas (area_type 'nonmetro', BLS codes such as 0100001) are not CBSAs:
  they are compared separately (`nonmetro_prices`, `area_keys`), keyed by their BLS code.

Everything else must match exactly: every delineation metro in OEWS and HUD, every
delineation metro but Puerto Rico's in BEA, and no code outside the delineation.

Nonmetro areas are priced by BEA's price level of their state's nonmetropolitan portion
(PARPP, rows 'state nonmetro'): every OEWS nonmetro area's state must have one in the latest
year, except the states in `NONMETRO_PRICE_GAPS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

import pandas as pd

from databuild.errors import SourceError
from databuild.sources.base import ReadResult

EXPECTED_GAPS: dict[str, str] = {
    "bea_rpp": "Puerto Rico's metros (BEA publishes no regional price parities for Puerto Rico)",
}

NONMETRO_PRICE_GAPS: dict[str, str] = {
    "10": "Delaware: PARPP prints 0.000 for its nonmetropolitan portion on every line and "
    "year (no price level), although OEWS publishes the Sussex Delaware nonmetropolitan area "
    "and the OMB 2023 delineation puts Sussex County in a micropolitan, i.e. nonmetropolitan, "
    "area; BEA's Delaware metropolitan portion differs from its state level, so BEA does "
    "count a nonmetropolitan part but does not publish its price level",
    "72": "Puerto Rico: BEA publishes no regional price parities for Puerto Rico at all (no "
    "SARPP state, no PARPP portions, no MARPP metros)",
}
"""State FIPS -> why OEWS nonmetro areas of that state have no BEA nonmetro price level.

The other states BEA prints 0.000 for (District of Columbia, New Jersey, Rhode Island: their
metropolitan portion equals the state level, they are entirely metropolitan) have no OEWS
nonmetro area, so they need no entry. A listed state that BEA does price stops the build, so
this list cannot go stale."""


def _oews_metros(results: Mapping[str, ReadResult]) -> pd.Series:
    wages = results["oews"].tables["wages"]
    wages = wages[wages["area_type"] == "metro"].drop_duplicates("cbsa")
    return pd.Series(wages["area_name"].to_numpy(), index=wages["cbsa"])


def _bea_metros(results: Mapping[str, ReadResult]) -> pd.Series:
    parities = results["bea_rpp"].tables["price_parities"]
    parities = parities[parities["geo_level"] == "metro"].drop_duplicates("geo_code")
    return pd.Series(parities["geo_name"].to_numpy(), index=parities["geo_code"])


def _hud_metros(results: Mapping[str, ReadResult]) -> pd.Series:
    return pd.Series("", index=results["hud_fmr"].tables["rents"]["cbsa"])


_METRO_CODES: dict[str, Callable[[Mapping[str, ReadResult]], pd.Series]] = {
    "oews": _oews_metros,
    "bea_rpp": _bea_metros,
    "hud_fmr": _hud_metros,
}
"""Source key -> its metro codes (index: code, value: the source's own name for it)."""


def metro_codes(results: Mapping[str, ReadResult], key: str) -> None:
    """Raise SourceError (naming the source's first input file) unless source `key`'s metro
    codes are exactly the delineation's metros, less that source's `EXPECTED_GAPS`."""
    metros = results["geo"].tables["metros"]
    metros = metros[metros["kind"] == "metro"].set_index("cbsa")
    delineation = results["geo"].facts.get("delineation", "")
    puerto_rico = set(metros.index[metros["principal_state"] == "PR"])
    found = _METRO_CODES[key](results)
    expected = set(metros.index) - (puerto_rico if key in EXPECTED_GAPS else set())
    path = results[key].inputs[0]
    extra = sorted(set(found.index) - expected)
    if extra:
        code = extra[0]
        why = (
            f"is a metro BEA does not publish ({EXPECTED_GAPS[key]})"
            if code in metros.index
            else f"is not a metropolitan CBSA of the OMB {delineation} delineation"
        )
        name = f" ({found[code]})" if found[code] else ""
        raise SourceError(path, f"metro code {code}{name} {why}; {len(extra)} such code(s)")
    missing = sorted(expected - set(found.index))
    if missing:
        code = missing[0]
        raise SourceError(
            path,
            f"lacks metro {code} ({metros.at[code, 'title']}) of the OMB {delineation} "
            f"delineation; {len(missing)} missing",
        )


def _input(result: ReadResult, prefix: str):
    """The first input of `result` whose file name starts with `prefix` (else the first)."""
    return next((p for p in result.inputs if p.name.startswith(prefix)), result.inputs[0])


def nonmetro_prices(results: Mapping[str, ReadResult]) -> None:
    """Every OEWS nonmetro area's state has a BEA state-nonmetro all-items price level in the
    latest year, except the states in `NONMETRO_PRICE_GAPS` (which BEA must not price)."""
    bea = results["bea_rpp"]
    path = _input(bea, "PARPP")
    latest = bea.facts["latest_year"]
    parities = bea.tables["price_parities"]
    priced = parities[
        (parities["geo_level"] == "state nonmetro")
        & (parities["year"] == latest)
        & parities["all_items"].notna()
    ]
    priced = set(priced["geo_code"])
    wages = results["oews"].tables["wages"]
    areas = wages[wages["area_type"] == "nonmetro"].drop_duplicates("area_code")
    stale = sorted(set(NONMETRO_PRICE_GAPS) & priced)
    if stale:
        raise SourceError(
            path,
            f"has a {latest} nonmetropolitan price level for state {stale[0]}, which "
            "databuild.checks.NONMETRO_PRICE_GAPS says BEA does not price: update the list",
        )
    unpriced = areas[~areas["state_code"].isin(priced | set(NONMETRO_PRICE_GAPS))]
    if not unpriced.empty:
        area = unpriced.iloc[0]
        raise SourceError(
            path,
            f"has no {latest} nonmetropolitan price level (state nonmetro, all items) for "
            f"state {area['state_code']}, where OEWS publishes nonmetro area "
            f"{area['area_code']} ({area['area_name']}); {len(unpriced)} such area(s)",
        )


def area_keys(results: Mapping[str, ReadResult]) -> None:
    """One key joins wages to metros: every metros cbsa appears once, and every wages cbsa
    (metro and nonmetro rows) is a metros row of the same kind."""
    metros = results["geo"].tables["metros"]
    path = results["oews"].inputs[0]
    dup = metros["cbsa"].duplicated()
    if dup.any():
        raise SourceError(
            path, f"area {metros.loc[dup, 'cbsa'].iloc[0]} appears more than once in metros"
        )
    wages = results["oews"].tables["wages"].dropna(subset=["cbsa"])
    keys = wages.drop_duplicates("cbsa").merge(metros[["cbsa", "kind"]], on="cbsa", how="left")
    wrong = keys["kind"].isna() | (keys["kind"] != keys["area_type"])
    if wrong.any():
        row = keys[wrong.to_numpy()].iloc[0]
        raise SourceError(
            path,
            f"{row['area_type']} area {row['cbsa']} ({row['area_name']}) has no metros row of "
            f"kind {row['area_type']}",
            column="area_code",
        )


CHECKS: tuple[tuple[frozenset[str], Callable[[Mapping[str, ReadResult]], None]], ...] = (
    (frozenset({"geo", "oews"}), partial(metro_codes, key="oews")),
    (frozenset({"geo", "bea_rpp"}), partial(metro_codes, key="bea_rpp")),
    (frozenset({"geo", "hud_fmr"}), partial(metro_codes, key="hud_fmr")),
    (frozenset({"oews", "bea_rpp"}), nonmetro_prices),
    (frozenset({"geo", "oews"}), area_keys),
)
"""(source keys needed, check): the build runs each check as soon as its sources are read."""
