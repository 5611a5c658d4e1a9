"""Metros: display names, BEA price levels, the default tech hubs, and the metros a picker offers.

Names come from the OMB/Census `metros` table ("San Jose, CA"); price levels from BEA Regional
Price Parities (`price_parities`, all items and components, US = 100) of the latest year in
the table, never a constant year.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.data import Tables, derived
from analysis.wages import PLACES, TOP_CODED, cross_industry

DEFAULT_HUBS: tuple[str, ...] = (
    "41860",  # San Francisco
    "41940",  # San Jose
    "42660",  # Seattle
    "35620",  # New York
    "12420",  # Austin
    "19740",  # Denver
    "12060",  # Atlanta
    "17410",  # Cleveland
    "28140",  # Kansas City
    "26900",  # Indianapolis
)
"""The ten hubs of the source article, as 5-digit CBSA codes."""


@derived
def metro_names(data: Tables) -> pd.DataFrame:
    """cbsa, short_name, title, state and a display `label` ("San Jose, CA") per metro."""
    metros = data.metros
    out = metros[["cbsa", "short_name", "title", "principal_state"]].rename(
        columns={"principal_state": "state"}
    )
    out = out.astype({"cbsa": "string", "short_name": "string", "title": "string"})
    # short_name already carries the state when two metros share a first city ("Cleveland, OH").
    has_state = out["short_name"].str.contains(", ", regex=False)
    out["label"] = out["short_name"].where(
        has_state, out["short_name"] + ", " + out["state"].astype("string")
    )
    # Several metros share a first city name ("Portland", "Springfield"): the state disambiguates,
    # and the rare same-state clash falls back to the full title.
    dup = out["label"].duplicated(keep=False)
    out.loc[dup, "label"] = out.loc[dup, "title"]
    return out.reset_index(drop=True)


@derived
def metro_labels(data: Tables) -> dict[str, str]:
    """CBSA -> display label for every metro, sorted by label."""
    names = metro_names(data).sort_values("label")
    return dict(zip(names["cbsa"].astype(str), names["label"].astype(str), strict=True))


def hub_names(data: Tables, cbsas: Sequence[str] = DEFAULT_HUBS) -> dict[str, str]:
    """CBSA -> display label ("San Jose, CA") for `cbsas`, in their order; unknown codes skipped."""
    labels = metro_labels(data)
    return {cbsa: labels[cbsa] for cbsa in cbsas if cbsa in labels}


def metro_options(data: Tables, occupation: str) -> pd.DataFrame:
    """Every metro with a published (or top-coded) median for `occupation`: cbsa, label,
    employment (jobs). Sorted by label; a metro missing from `metros` keeps its OEWS name."""
    rows = cross_industry(data.wages, occupation, PLACES)
    rows = rows[rows["a_median"].notna() | (rows["a_median_note"] == TOP_CODED)]
    out = rows[["cbsa", "area_name", "tot_emp"]].merge(metro_names(data), on="cbsa", how="left")
    out["label"] = out["label"].fillna(out["area_name"])
    out = out.rename(columns={"tot_emp": "employment"})
    return out[["cbsa", "label", "employment"]].sort_values("label", ignore_index=True)


@derived
def latest_year(data: Tables) -> int:
    """The latest year with metro BEA price parities (ValueError when none)."""
    parities = data.price_parities
    years = parities.loc[parities["geo_level"] == "metro", "year"].dropna()
    if years.empty:
        raise ValueError("The BEA price parities table has no metro rows.")
    return int(years.max())


NONMETRO_LEVEL = "state nonmetro"
"""BEA's geo_level of a state's nonmetropolitan portion: the price level of every OEWS
nonmetro area of that state (BEA publishes none for a smaller area)."""


@derived
def price_levels(data: Tables, year: int | None = None) -> pd.DataFrame:
    """Price levels in `year` (default `latest_year`) of every place: each metro its own, each
    nonmetro area its state's nonmetropolitan portion. Columns: cbsa, rpp (all items),
    rpp_goods, rpp_housing, rpp_utilities, rpp_other (BEA, US = 100). A place BEA does not
    price (Puerto Rico; Delaware's nonmetro area) has no row."""
    parities = data.price_parities
    year = latest_year(data) if year is None else year
    rows = parities[(parities["geo_level"] == "metro") & (parities["year"] == year)]
    if rows.empty:
        raise ValueError(f"No BEA price parities for metros in {year}.")
    rows = rows.rename(columns={"geo_code": "cbsa"})
    nonmetro = parities[(parities["geo_level"] == NONMETRO_LEVEL) & (parities["year"] == year)]
    if len(nonmetro) and "kind" in data.metros:
        areas = data.metros.loc[data.metros["kind"] == "nonmetro", ["cbsa"]].astype("string")
        areas["state"] = areas["cbsa"].str[:2]
        priced = areas.merge(
            nonmetro.rename(columns={"geo_code": "state"}), on="state", how="inner"
        )
        rows = pd.concat([rows, priced.drop(columns="state")], ignore_index=True)
    return pd.DataFrame(
        {
            "cbsa": rows["cbsa"].astype("string").to_numpy(),
            "rpp": rows["all_items"].to_numpy(dtype=float),
            "rpp_goods": rows["goods"].to_numpy(dtype=float),
            "rpp_housing": rows["housing"].to_numpy(dtype=float),
            "rpp_utilities": rows["utilities"].to_numpy(dtype=float),
            "rpp_other": rows["other_services"].to_numpy(dtype=float),
        }
    )


def price_level(data: Tables, cbsa: str, year: int | None = None) -> float:
    """The all-items price level of metro `cbsa` (US = 100), NaN when BEA publishes none."""
    levels = price_levels(data, year)
    hit = levels.loc[levels["cbsa"] == str(cbsa), "rpp"]
    return float(hit.iloc[0]) if len(hit) else float("nan")


def same_purchasing_power(salary: float, rpp_from: float, rpp_to: float) -> float:
    """S_B = S_A x RPP_B / RPP_A: the salary in B that buys what `salary` buys in A."""
    if not (rpp_from > 0 and rpp_to > 0):
        raise ValueError("Price levels must be positive numbers.")
    return salary * rpp_to / rpp_from


def jurisdiction_state(data: Tables, cbsa: str) -> str:
    """The principal state (USPS code) of metro `cbsa` (ValueError when unknown)."""
    metros = data.metros
    hit = metros.loc[metros["cbsa"] == str(cbsa), "principal_state"]
    if hit.empty or pd.isna(hit.iloc[0]):
        raise ValueError(f"Unknown metro {cbsa!r}; pick a metro from the list.")
    return str(hit.iloc[0])
