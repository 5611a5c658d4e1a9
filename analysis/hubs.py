"""Which tech hubs pay most, in dollars and after the local price level?

Inputs are the processed tables `wages` (BLS OEWS May 2025), `metros` (OMB/Census names and
centroids) and `price_parities` (BEA Regional Price Parities, US = 100). Every function is pure:
it returns a new frame and never mutates its inputs. Money is USD per year.

Purchasing power: a wage divided by the metro's price level, `nominal / (RPP / 100)`, gives the
wage in national-average dollars (a metro 15% above the US average turns $115,000 into
$100,000).

Housing-weighted variant: BEA's all-items RPP weights housing by each metro's own spending
pattern. To let a reader ask "what if housing were a fixed share of my budget?", we also deflate
by

    index_w = w * housing + (1 - w) * (goods + other_services) / 2

where `housing`, `goods` and `other_services` are the BEA component RPPs (US = 100, so the US
index is 100 for any w) and `w` is the housing share of the budget. The non-housing part is the
plain mean of the goods and other-services parities (utilities, a small share, are left out).
The default w = 0.33 follows the BLS CPI-U relative importance of shelter (about a third of the
consumer basket); the weight is a parameter.

Top-coding: BLS marks some wages (footnote 5) only as at least the release's top-code
(`analysis.data.Facts.top_code`); most wages above that are published exactly. A marked cell
stays NaN with the note "top-coded" (in `<col>_note`), and every derived value (purchasing
power, housing-weighted) stays NaN with the same note: a lower bound is never used as a number.

Price year: the latest BEA RPP year in the `price_parities` table (`metros.latest_year`),
never a constant. Metro names, price levels and the default hubs live in `analysis.metros`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis import metros
from analysis.data import Tables
from analysis.stats import Z95, Ladder
from analysis.wages import (
    DEFAULT_OCCUPATION,
    PCT_COLUMNS,
    PLACES,
    TOP_CODED,
    cross_industry,
    is_top_coded,
    national_median,
)

HOUSING_WEIGHT = 0.33
"""Default housing share for the housing-weighted index (BLS CPI-U shelter, about a third)."""
WAGE_COLUMNS = {column: "median" if pct == 50 else f"p{pct}" for column, pct in PCT_COLUMNS.items()}
"""OEWS annual wage columns -> short names used in every output frame (p10, p25, median, ...)."""
PCT_NAMES = tuple(WAGE_COLUMNS.values())
LADDER_PCTS = {WAGE_COLUMNS[column]: pct for column, pct in PCT_COLUMNS.items()}


@dataclass(frozen=True)
class HubComparison:
    """The result of `compare_hubs`.

    `table`: one row per metro with data (see `compare_hubs` for the columns).
    `missing`: display names of requested metros that have no published data for the occupation.
    `year`: the BEA price year of the rpp columns.
    """

    table: pd.DataFrame
    missing: list[str] = field(default_factory=list)
    occupation: str = DEFAULT_OCCUPATION
    occ_title: str = ""
    year: int = 0

    @property
    def n_top_coded(self) -> int:
        """How many percentiles in the table BLS publishes only as top-coded."""
        notes = self.table[[f"{name}_note" for name in PCT_NAMES]]
        return int(notes.eq(TOP_CODED).sum().sum())


def housing_weighted_index(
    housing: pd.Series, goods: pd.Series, other: pd.Series, weight: float = HOUSING_WEIGHT
) -> pd.Series:
    """`weight * housing + (1 - weight) * (goods + other) / 2` (US = 100); see module docstring."""
    if not 0.0 <= weight <= 1.0:
        raise ValueError(f"The housing weight must be between 0 and 1 (got {weight}).")
    return weight * housing + (1.0 - weight) * (goods + other) / 2.0


def _rank(values: pd.Series) -> pd.Series:
    """1 = highest; NaN values (not released, top-coded) get no rank."""
    return values.rank(ascending=False, method="min").astype("Int64")


def compare_hubs(
    data: Tables,
    occupation: str = DEFAULT_OCCUPATION,
    cbsas: Sequence[str] | None = metros.DEFAULT_HUBS,
    *,
    housing_weight: float = HOUSING_WEIGHT,
    year: int | None = None,
) -> HubComparison:
    """Pay of `occupation` in each metro of `cbsas` (None = every metro), nominal and real.

    Output `table`, one row per metro with data, sorted by nominal median (highest first):
    cbsa, short_name, label, title, state; n and employment (OEWS tot_emp, jobs), emp_prse and
    mean_prse (BLS relative standard errors, %), jobs_1000, loc_quotient; p10, p25, median, p75,
    p90 (USD/yr) each with `<p>_note` (NA = published, "top-coded", "not released");
    median_ci_low/median_ci_high; rpp, rpp_goods, rpp_housing, rpp_utilities, rpp_other (BEA,
    US = 100, `year`, default the latest) and hw_index (housing-weighted, see module
    docstring); real_<p> = <p> / (rpp / 100) and hw_<p> = <p> / (hw_index / 100) for each
    percentile; rank_nominal, rank_real, rank_hw (1 = highest median; no rank when the median
    is missing).

    The 95% interval for the median is an approximation: BLS publishes relative standard errors
    only for employment and the mean wage, so we apply the mean's RSE to the median,
    median x (1 ± 1.96 x mean_prse / 100).

    Raises ValueError when the occupation has no metro data, or when none of `cbsas` has any.
    """
    if not 0.0 <= housing_weight <= 1.0:
        raise ValueError(f"The housing weight must be between 0 and 1 (got {housing_weight}).")
    rows = cross_industry(data.wages, occupation, PLACES)
    if rows.empty:
        raise ValueError(f"No metro wages for occupation {occupation!r}; pick another occupation.")
    occ_title = str(rows["occ_title"].iloc[0])
    names = metros.metro_names(data)
    published = rows["a_median"].notna() | (rows["a_median_note"] == TOP_CODED)
    if cbsas is not None:
        wanted = [str(c) for c in dict.fromkeys(cbsas)]
        have = set(rows.loc[published, "cbsa"].astype(str))
        label_of = dict(zip(names["cbsa"].astype(str), names["label"], strict=False))
        missing = [label_of.get(c, c) for c in wanted if c not in have]
        rows = rows[rows["cbsa"].isin([c for c in wanted if c in have])]
        if rows.empty:
            raise ValueError(
                f"None of the selected metros has published {occ_title} wages; "
                "add another metro or pick another occupation."
            )
    else:
        missing = []
        rows = rows[published]

    out = pd.DataFrame({"cbsa": rows["cbsa"].astype("string").to_numpy()})
    out = out.merge(names, on="cbsa", how="left")
    fallback = pd.Series(rows["area_name"].to_numpy(), dtype="string")
    out["label"] = out["label"].fillna(fallback)
    out["short_name"] = out["short_name"].fillna(fallback)
    out["title"] = out["title"].fillna(fallback)
    out["n"] = rows["tot_emp"].to_numpy(dtype=float)
    out["employment"] = out["n"]
    for col in ("emp_prse", "mean_prse", "jobs_1000", "loc_quotient"):
        out[col] = rows[col].to_numpy(dtype=float)
    for src, name in WAGE_COLUMNS.items():
        out[name] = rows[src].to_numpy(dtype=float)
        out[f"{name}_note"] = pd.Series(rows[f"{src}_note"].to_numpy(), dtype="string")
    half = Z95 * out["mean_prse"] / 100.0 * out["median"]
    out["median_ci_low"] = out["median"] - half
    out["median_ci_high"] = out["median"] + half

    year = metros.latest_year(data) if year is None else year
    out = out.merge(metros.price_levels(data, year), on="cbsa", how="left")
    out["hw_index"] = housing_weighted_index(
        out["rpp_housing"], out["rpp_goods"], out["rpp_other"], housing_weight
    )
    for name in PCT_NAMES:
        out[f"real_{name}"] = out[name] / (out["rpp"] / 100.0)
        out[f"hw_{name}"] = out[name] / (out["hw_index"] / 100.0)
    out["rank_nominal"] = _rank(out["median"])
    out["rank_real"] = _rank(out["real_median"])
    out["rank_hw"] = _rank(out["hw_median"])
    out = out.sort_values(["rank_nominal", "label"], na_position="last", ignore_index=True)
    return HubComparison(
        table=out, missing=missing, occupation=occupation, occ_title=occ_title, year=year
    )


def all_metros_for_map(
    data: Tables, occupation: str = DEFAULT_OCCUPATION, *, year: int | None = None
) -> pd.DataFrame:
    """Every metro with data for `occupation`, for a US map.

    Columns: cbsa, label, lat, lon, employment (jobs), median, median_note, rpp, real_median
    (USD/yr in national-average dollars). Metros without a centroid are dropped.
    """
    table = compare_hubs(data, occupation, None, year=year).table
    coords = data.metros[["cbsa", "lat", "lon"]].astype({"cbsa": "string"})
    out = table[["cbsa", "label", "employment", "median", "median_note", "rpp", "real_median"]]
    out = out.merge(coords, on="cbsa", how="inner")
    out = out[out["lat"].notna() & out["lon"].notna()]
    return out[
        ["cbsa", "label", "lat", "lon", "employment", "median", "median_note", "rpp", "real_median"]
    ].reset_index(drop=True)


def hub_ladder(row: pd.Series, top_code: float, prefix: str = "") -> Ladder:
    """The percentile ladder of one `compare_hubs` row (`prefix` "" for dollars, "real_" for
    national-average dollars), with its top-coded percentiles."""
    points = {pct: float(row[f"{prefix}{name}"]) for name, pct in LADDER_PCTS.items()}
    coded = frozenset(pct for name, pct in LADDER_PCTS.items() if is_top_coded(row[f"{name}_note"]))
    return Ladder(points, coded, top_code)


def equal_power_line(data: Tables, occupation: str = DEFAULT_OCCUPATION) -> pd.DataFrame:
    """Two points of the line of equal purchasing power, pay = US median x RPP / 100, across
    the price levels of the metros on the map (`all_metros_for_map`).

    Along this line a metro's pay buys exactly as much as the US median of `occupation` does
    at the US price level. Columns: rpp (US = 100), pay (USD/yr).
    """
    national = national_median(data, occupation)
    rpp = all_metros_for_map(data, occupation)["rpp"].dropna()
    points = np.array([rpp.min(), rpp.max()], dtype=float)
    return pd.DataFrame({"rpp": points, "pay": national * points / 100.0})


def rank_intervals(
    data: Tables,
    occupation: str = DEFAULT_OCCUPATION,
    cbsas: Sequence[str] | None = metros.DEFAULT_HUBS,
    *,
    real: bool = False,
    n_draws: int = 4000,
    seed: int = 20250519,
) -> pd.DataFrame:
    """How sure each metro's rank is: ranks of the medians redrawn with their sampling error.

    Each draw scales every metro's median by exp(z x RSE), z standard normal and RSE BLS's
    relative standard error of the metro's mean wage (none is published for the median, so
    this approximates it); with `real` the medians are first divided by the price level (BEA
    publishes no sampling error for it). Output, one row per ranked metro (as
    `compare_hubs`): cbsa, label, rank (of the published medians), rank_low, rank_high (the
    2.5% and 97.5% points of the drawn ranks), tied (labels of the other metros whose rank
    range overlaps this one's, joined with "; "). Metros without a median or RSE get no row.
    """
    table = compare_hubs(data, occupation, cbsas).table
    value = table["real_median" if real else "median"].to_numpy(dtype=float)
    rse = table["mean_prse"].to_numpy(dtype=float) / 100.0
    keep = np.isfinite(value) & np.isfinite(rse)
    value, rse, rows = value[keep], rse[keep], table.loc[keep].reset_index(drop=True)
    rng = np.random.default_rng(seed)
    draws = value * np.exp(rng.normal(0.0, 1.0, (n_draws, len(value))) * rse)
    ranks = (-draws).argsort(axis=1).argsort(axis=1) + 1
    low, high = np.percentile(ranks, [2.5, 97.5], axis=0)
    out = pd.DataFrame(
        {
            "cbsa": rows["cbsa"],
            "label": rows["label"],
            "rank": _rank(pd.Series(value)).to_numpy(),
            "rank_low": np.floor(low).astype(int),
            "rank_high": np.ceil(high).astype(int),
        }
    )
    out["tied"] = [
        "; ".join(
            str(o.label)
            for o in out.itertuples()
            if o.cbsa != r.cbsa and o.rank_low <= r.rank_high and r.rank_low <= o.rank_high
        )
        for r in out.itertuples()
    ]
    return out.sort_values("rank", ignore_index=True)
