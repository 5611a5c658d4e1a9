"""Checks across sources: the metro codes of OEWS, BEA and HUD are the OMB delineation's.

Every metro table joins on the 5-digit OMB 2023 CBSA code, so a code changed in one source
would silently drop a metro from a join or attach its numbers to another place. Each check
names the source file at fault. The only metros allowed to differ (`EXPECTED_GAPS`):

- BEA publishes no price parities for Puerto Rico: its 6 metros (principal state PR) are in
  the delineation, OEWS and HUD, but not in MARPP.
- OEWS nonmetropolitan areas (area_type 'nonmetro', BLS codes such as 0100001) are not CBSAs:
  they have no cbsa and are not compared.

Everything else must match exactly: every delineation metro in OEWS and HUD, every
delineation metro but Puerto Rico's in BEA, and no code outside the delineation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd

from databuild.errors import SourceError
from databuild.sources.base import ReadResult

EXPECTED_GAPS: dict[str, str] = {
    "bea_rpp": "Puerto Rico's metros (BEA publishes no regional price parities for Puerto Rico)",
}


def _metro_codes(results: Mapping[str, ReadResult]) -> dict[str, pd.Series]:
    """Source key -> its metro codes (index: code, value: the source's own name for it)."""
    wages = results["oews"].tables["wages"]
    wages = wages[wages["area_type"] == "metro"].drop_duplicates("cbsa")
    parities = results["bea_rpp"].tables["price_parities"]
    parities = parities[parities["geo_level"] == "metro"].drop_duplicates("geo_code")
    rents = results["hud_fmr"].tables["rents"]
    return {
        "oews": pd.Series(wages["area_name"].to_numpy(), index=wages["cbsa"]),
        "bea_rpp": pd.Series(parities["geo_name"].to_numpy(), index=parities["geo_code"]),
        "hud_fmr": pd.Series("", index=rents["cbsa"]),
    }


def metro_codes(results: Mapping[str, ReadResult]) -> None:
    """Raise SourceError (naming the source's first input file) unless each source's metro
    codes are exactly the delineation's metros, less that source's `EXPECTED_GAPS`."""
    metros = results["geo"].tables["metros"].set_index("cbsa")
    delineation = results["geo"].facts.get("delineation", "")
    puerto_rico = set(metros.index[metros["principal_state"] == "PR"])
    for key, found in _metro_codes(results).items():
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


CHECKS: tuple[tuple[frozenset[str], Callable[[Mapping[str, ReadResult]], None]], ...] = (
    (frozenset({"geo", "oews", "bea_rpp", "hud_fmr"}), metro_codes),
)
"""(source keys needed, check): the build runs each check as soon as its sources are read."""
