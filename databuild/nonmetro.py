"""BLS OEWS nonmetropolitan areas as rows of the `metros` table (kind 'nonmetro').

OEWS publishes wages for nonmetropolitan areas (area_type 'nonmetro', e.g. 'Northwest Alabama
nonmetropolitan area', BLS code 0100001 in state 01) that are not CBSAs, so the OMB
delineation behind `metros` has no row for them. This step gives each one a row keyed by its
7-digit BLS area code (a CBSA code has 5 digits, so the keys never collide); `wages.cbsa`
carries the same code, so one key joins both kinds of area. Names, states and codes come from
the data only:

- title: the OEWS area name; short_name: that name with 'nonmetropolitan area' (and a
  trailing '(noncontiguous)') shortened to 'nonmetro';
- principal_state / states: the postal code of the area's OEWS state_code. OEWS gives each
  metro the FIPS code of its principal state, the delineation its postal code: over the
  metros both list, the pairs must be one-to-one, and that mapping names the state;
- census_region from the state (geo.REGIONS); no centroid (lat/lon NaN) and no county count,
  which the raw files do not give for these areas.

Raises SourceError naming the OEWS file when an area has two names or states, its code does
not start with its state's FIPS code, its state has no metro to take a postal code from, or
a short name is not unique.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import pandas as pd

from databuild.errors import SourceError
from databuild.sources import geo
from databuild.sources.base import ReadResult, conform

_NONMETRO_NAME = re.compile(r"\s+nonmetropolitan area(\s*\(noncontiguous\))?$", re.IGNORECASE)


def nonmetro_areas(wages: pd.DataFrame) -> pd.DataFrame:
    """One row per OEWS nonmetro area: area_code, area_name, state_code (first row's order)."""
    rows = wages[wages["area_type"] == "nonmetro"]
    return rows.drop_duplicates("area_code")[["area_code", "area_name", "state_code"]]


def state_postal_codes(wages: pd.DataFrame, metros: pd.DataFrame, path) -> dict[str, str]:
    """State FIPS -> USPS code, from the metros OEWS and the delineation both list."""
    oews = wages[wages["area_type"] == "metro"].drop_duplicates("cbsa")
    pairs = oews[["cbsa", "state_code", "area_name"]].merge(
        metros[["cbsa", "principal_state"]], on="cbsa", how="inner"
    )
    for key, other in (("state_code", "principal_state"), ("principal_state", "state_code")):
        split = pairs.groupby(key)[other].nunique()
        if (split > 1).any():
            value = split.index[(split > 1).to_numpy()][0]
            found = sorted(pairs.loc[pairs[key] == value, other].unique())
            raise SourceError(
                path,
                f"metros with {key} {value} have {other} {found}: OEWS state codes and the "
                "delineation's principal states are not one-to-one",
                column="state_code",
            )
    return dict(zip(pairs["state_code"], pairs["principal_state"], strict=True))


def nonmetro_rows(wages: pd.DataFrame, metros: pd.DataFrame, path) -> pd.DataFrame:
    """The `metros` rows (kind 'nonmetro') of the OEWS nonmetro areas in `wages`."""
    rows = wages[wages["area_type"] == "nonmetro"]
    for column in ("area_name", "state_code"):
        split = rows.groupby("area_code")[column].nunique()
        if (split > 1).any():
            code = split.index[(split > 1).to_numpy()][0]
            raise SourceError(
                path, f"nonmetro area {code} has more than one {column}", column=column
            )
    areas = nonmetro_areas(wages)
    outside = areas["area_code"].str[:2] != areas["state_code"]
    if outside.any():
        area = areas[outside].iloc[0]
        raise SourceError(
            path,
            f"nonmetro area code {area['area_code']} ({area['area_name']}) does not start with "
            f"its state_code {area['state_code']}",
            column="area_code",
        )
    postal = state_postal_codes(wages, metros, path)
    state = areas["state_code"].map(postal)
    if state.isna().any():
        area = areas[state.isna().to_numpy()].iloc[0]
        raise SourceError(
            path,
            f"state_code {area['state_code']} of nonmetro area {area['area_code']} "
            f"({area['area_name']}) has no metro in both OEWS and the delineation to give its "
            "postal code",
            column="state_code",
        )
    short = areas["area_name"].str.replace(_NONMETRO_NAME, " nonmetro", regex=True)
    unchanged = short == areas["area_name"]
    if unchanged.any():
        name = areas.loc[unchanged, "area_name"].iloc[0]
        raise SourceError(
            path, f"nonmetro area name {name!r} does not end in 'nonmetropolitan area'"
        )
    return pd.DataFrame(
        {
            "cbsa": areas["area_code"],
            "title": areas["area_name"],
            "short_name": short,
            "principal_state": state,
            "states": state,
            "census_region": state.map(geo.REGION_OF),
            "lat": float("nan"),
            "lon": float("nan"),
            "counties": pd.NA,
            "kind": "nonmetro",
        }
    )


def metros_with_nonmetro(results: Mapping[str, ReadResult]) -> pd.DataFrame:
    """The delineation's `metros` (kind 'metro') followed by the OEWS nonmetro areas."""
    metros = results["geo"].tables["metros"]
    path = results["oews"].inputs[0]
    extra = nonmetro_rows(results["oews"].tables["wages"], metros, path)
    both = pd.concat([metros, extra.sort_values("cbsa", kind="stable")], ignore_index=True)
    for column in ("cbsa", "short_name"):
        dup = both[column].duplicated(keep=False) & (both["kind"] == "nonmetro")
        if dup.any():
            value = both.loc[dup, column].iloc[0]
            raise SourceError(path, f"nonmetro area {column} {value!r} is not unique among metros")
    return conform(both, geo.TABLES["metros"])


EXTENSIONS: tuple[
    tuple[frozenset[str], str, Callable[[Mapping[str, ReadResult]], pd.DataFrame]], ...
] = ((frozenset({"oews", "geo"}), "metros", metros_with_nonmetro),)
"""(source keys needed, table, extend): the build replaces the table by extend(results) as
soon as the reader writing it has run; every needed source must have been read before."""
