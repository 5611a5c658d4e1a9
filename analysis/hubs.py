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

Top-coding: BLS marks some wages (footnote 5) only as "≥ $239,200" (`analysis.stats.TOP_CODE`);
most wages above that are published exactly. A marked cell stays NaN with the note "top-coded"
(in `<col>_note`), and every derived value (purchasing power, housing-weighted) stays NaN with
the same note: a lower bound is never used as a number.

Price year: the latest BEA RPP year in the `price_parities` table (`latest_year`), never a
constant.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis import stats

OCCUPATION = "15-2051"
"""Default occupation: Data Scientists (SOC 15-2051)."""
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
HOUSING_WEIGHT = 0.33
"""Default housing share for the housing-weighted index (BLS CPI-U shelter, about a third)."""
TOP_CODE = stats.TOP_CODE
TOP_CODED = stats.TOP_CODED
Z95 = 1.959963984540054

WAGE_COLUMNS = {
    column: "median" if pct == 50 else f"p{pct}" for column, pct in stats.PCT_COLUMNS.items()
}
"""OEWS annual wage columns -> short names used in every output frame (p10, p25, median, ...)."""
PCT_NAMES = tuple(WAGE_COLUMNS.values())
TABLE_COLUMNS = (
    "label", "employment", "p10", "p25", "median", "p75", "p90", "median_ci_low",
    "median_ci_high", "rpp", "real_median", "hw_median", "rank_nominal", "rank_real",
    "emp_prse", "mean_prse",
)  # fmt: skip
"""The columns of `compare_hubs(...).table` a page shows in its table, in order."""
LADDER_PCTS = {WAGE_COLUMNS[column]: pct for column, pct in stats.PCT_COLUMNS.items()}


@dataclass(frozen=True)
class HubComparison:
    """The result of `compare_hubs`.

    `table`: one row per metro with data (see `compare_hubs` for the columns).
    `missing`: display names of requested metros that have no published data for the occupation.
    `year`: the BEA price year of the rpp columns.
    """

    table: pd.DataFrame
    missing: list[str] = field(default_factory=list)
    occupation: str = OCCUPATION
    occ_title: str = ""
    year: int = 0

    @property
    def top_coded(self) -> bool:
        """True when any percentile in the table is top-coded (shown as ≥ $239,200)."""
        notes = self.table[[f"{name}_note" for name in PCT_NAMES]]
        return bool(notes.eq(TOP_CODED).any().any())


def metro_rows(wages: pd.DataFrame, occupation: str = OCCUPATION) -> pd.DataFrame:
    """Cross-industry OEWS rows of `occupation` for every metro (a filtered copy)."""
    rows = wages[
        (wages["area_type"] == "metro")
        & (wages["occ_code"] == occupation)
        & (wages["industry_code"] == "000000")
    ]
    return rows.copy()


def occupation_options(wages: pd.DataFrame) -> pd.DataFrame:
    """Occupations with metro data: columns occ_code, occ_title, metros (count), sorted by code."""
    rows = wages[(wages["area_type"] == "metro") & wages["a_median"].notna()]
    out = (
        rows.groupby("occ_code", observed=True)
        .agg(occ_title=("occ_title", "first"), metros=("cbsa", "nunique"))
        .reset_index()
        .sort_values("occ_code", ignore_index=True)
    )
    return out


def metro_names(metros: pd.DataFrame) -> pd.DataFrame:
    """cbsa, short_name, title, state and a display `label` ("San Jose, CA") per metro."""
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


def hub_names(metros: pd.DataFrame, cbsas: Sequence[str] = DEFAULT_HUBS) -> dict[str, str]:
    """CBSA -> display label ("San Jose, CA") for `cbsas`, in their order; unknown codes skipped."""
    labels = metro_names(metros).set_index("cbsa")["label"]
    return {cbsa: str(labels[cbsa]) for cbsa in cbsas if cbsa in labels.index}


def metro_options(
    wages: pd.DataFrame, metros: pd.DataFrame, occupation: str = OCCUPATION
) -> pd.DataFrame:
    """Every metro with a published median for `occupation`: cbsa, label, employment.

    Sorted by label. Metros missing from `metros` keep the OEWS area name as their label.
    """
    rows = metro_rows(wages, occupation)
    rows = rows[rows["a_median"].notna() | (rows["a_median_note"] == TOP_CODED)]
    out = rows[["cbsa", "area_name", "tot_emp"]].merge(metro_names(metros), on="cbsa", how="left")
    out["label"] = out["label"].fillna(out["area_name"])
    out = out.rename(columns={"tot_emp": "employment"})
    return out[["cbsa", "label", "employment"]].sort_values("label", ignore_index=True)


def latest_year(parities: pd.DataFrame) -> int:
    """The latest year with metro BEA price parities in `parities` (ValueError when none)."""
    years = parities.loc[parities["geo_level"] == "metro", "year"].dropna()
    if years.empty:
        raise ValueError("The BEA price parities table has no metro rows.")
    return int(years.max())


def latest_parities(parities: pd.DataFrame, year: int | None = None) -> pd.DataFrame:
    """Metro RPPs for `year` (default: `latest_year`): cbsa, rpp, rpp_goods, rpp_housing,
    rpp_utilities, rpp_other (US = 100)."""
    year = latest_year(parities) if year is None else year
    rows = parities[(parities["geo_level"] == "metro") & (parities["year"] == year)]
    if rows.empty:
        raise ValueError(f"No BEA price parities for metros in {year}.")
    return pd.DataFrame(
        {
            "cbsa": rows["geo_code"].astype("string").to_numpy(),
            "rpp": rows["all_items"].to_numpy(dtype=float),
            "rpp_goods": rows["goods"].to_numpy(dtype=float),
            "rpp_housing": rows["housing"].to_numpy(dtype=float),
            "rpp_utilities": rows["utilities"].to_numpy(dtype=float),
            "rpp_other": rows["other_services"].to_numpy(dtype=float),
        }
    )


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
    wages: pd.DataFrame,
    metros: pd.DataFrame,
    parities: pd.DataFrame,
    *,
    occupation: str = OCCUPATION,
    cbsas: Sequence[str] | None = DEFAULT_HUBS,
    housing_weight: float = HOUSING_WEIGHT,
    year: int | None = None,
) -> HubComparison:
    """Pay of `occupation` in each metro of `cbsas` (None = every metro), nominal and real.

    Output `table`, one row per metro with data, sorted by nominal median (highest first):
    cbsa, short_name, label, title, state; n and employment (OEWS tot_emp, jobs), emp_prse and
    mean_prse (BLS relative standard errors, %), jobs_1000, loc_quotient; p10, p25, median, p75,
    p90 (USD/yr) each with `<p>_note` (NA = published, "top-coded" = ≥ $239,200, "not
    released"); median_ci_low/median_ci_high; rpp, rpp_goods, rpp_housing, rpp_utilities,
    rpp_other (BEA, US = 100, `year`, default the latest) and hw_index (housing-weighted, see
    module docstring); real_<p> = <p> / (rpp / 100) and hw_<p> = <p> / (hw_index / 100) for
    each percentile; rank_nominal, rank_real, rank_hw (1 = highest median; no rank when the
    median is missing).

    The 95% interval for the median is an approximation: BLS publishes relative standard errors
    only for employment and the mean wage, so we apply the mean's RSE to the median,
    median x (1 ± 1.96 x mean_prse / 100).

    Raises ValueError when the occupation has no metro data, or when none of `cbsas` has any.
    """
    if not 0.0 <= housing_weight <= 1.0:
        raise ValueError(f"The housing weight must be between 0 and 1 (got {housing_weight}).")
    rows = metro_rows(wages, occupation)
    if rows.empty:
        raise ValueError(f"No metro wages for occupation {occupation!r}; pick another occupation.")
    occ_title = str(rows["occ_title"].iloc[0])
    names = metro_names(metros)
    if cbsas is not None:
        wanted = [str(c) for c in dict.fromkeys(cbsas)]
        published = rows["a_median"].notna() | (rows["a_median_note"] == TOP_CODED)
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
        rows = rows[rows["a_median"].notna() | (rows["a_median_note"] == TOP_CODED)]

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

    year = latest_year(parities) if year is None else year
    out = out.merge(latest_parities(parities, year), on="cbsa", how="left")
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
    wages: pd.DataFrame,
    metros: pd.DataFrame,
    parities: pd.DataFrame,
    *,
    occupation: str = OCCUPATION,
    year: int | None = None,
) -> pd.DataFrame:
    """Every metro with data for `occupation`, for a US map.

    Columns: cbsa, label, lat, lon, employment (jobs), median, median_note, rpp, real_median
    (USD/yr in national-average dollars). Metros without a centroid are dropped.
    """
    table = compare_hubs(
        wages, metros, parities, occupation=occupation, cbsas=None, year=year
    ).table
    coords = metros[["cbsa", "lat", "lon"]].astype({"cbsa": "string"})
    out = table[["cbsa", "label", "employment", "median", "median_note", "rpp", "real_median"]]
    out = out.merge(coords, on="cbsa", how="inner")
    out = out[out["lat"].notna() & out["lon"].notna()]
    return out[
        ["cbsa", "label", "lat", "lon", "employment", "median", "median_note", "rpp", "real_median"]
    ].reset_index(drop=True)


def national_median(wages: pd.DataFrame, occupation: str = OCCUPATION) -> float:
    """The US cross-industry annual median of `occupation` (NaN when top-coded or missing)."""
    rows = wages[
        (wages["area_type"] == "national")
        & (wages["occ_code"] == occupation)
        & (wages["industry_code"] == "000000")
    ]
    if rows.empty:
        return float("nan")
    return float(rows["a_median"].iloc[0])


def ladder(row: pd.Series, prefix: str = "") -> tuple[dict[int, float], frozenset[int]]:
    """({10: p10, 25: p25, 50: median, 75: p75, 90: p90}, top-coded percentiles) of a
    `compare_hubs` row, for `analysis.stats.percentile_of`.

    Top-coded and unreleased percentiles are NaN; the top-coded ones are also listed.
    """
    values = {pct: float(row[f"{prefix}{name}"]) for name, pct in LADDER_PCTS.items()}
    coded = frozenset(pct for name, pct in LADDER_PCTS.items() if is_top_coded(row[f"{name}_note"]))
    return values, coded


def is_top_coded(note: object) -> bool:
    """True when an OEWS note says the value is top-coded (≥ $239,200)."""
    return isinstance(note, str) and note == TOP_CODED


def equal_power_line(national: float, rpp_min: float, rpp_max: float) -> pd.DataFrame:
    """Two points of the line of equal purchasing power: pay = national x RPP / 100.

    Along this line pay buys exactly as much as the national median does at the US price level.
    """
    rpp = np.array([rpp_min, rpp_max], dtype=float)
    return pd.DataFrame({"rpp": rpp, "pay": national * rpp / 100.0})
