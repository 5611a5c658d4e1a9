"""The market a recruiter hires in: metros of a region, their BLS pay by metro, the talent map,
and a template for the band upload.

Market bands come from BLS OEWS (cross-industry, per metro); price levels from the latest BEA
RPP year in the table. Bands by level and the region's pooled distribution are
`analysis.level_bands`; checking an uploaded band table is `analysis.band_check`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis import metros, stats
from analysis.data import Tables
from analysis.wages import CROSS_INDUSTRY, PLACES, ladder

PCT_COLUMNS = ("a_pct10", "a_pct25", "a_median", "a_pct75", "a_pct90")
"""OEWS annual percentile columns (as `analysis.wages.PCT_COLUMNS`)."""
UPLOAD_COLUMNS = ("role", "metro", "level", "min", "mid", "max")


def region_metros(
    data: Tables, region: str | None = None, states: Sequence[str] | None = None
) -> pd.DataFrame:
    """Metros with published OEWS wages in a census region and/or a list of states (any of a
    metro's states counts): the rows of `data.metros`, sorted by short_name."""
    table = data.metros
    keep = table["cbsa"].isin(data.wages.loc[data.wages["area_type"].isin(PLACES), "cbsa"])
    if region:
        keep &= table["census_region"] == region
    if states:
        wanted = set(states)
        keep &= table["states"].fillna("").map(lambda s: bool(wanted & set(s.split("-"))))
    return table[keep.fillna(False).astype(bool)].sort_values("short_name").reset_index(drop=True)


def regions(data: Tables) -> list[str]:
    """The census regions of the metros, sorted."""
    return sorted(data.metros["census_region"].dropna().unique())


def region_states(data: Tables, region: str | None = None) -> list[str]:
    """The USPS codes of every state with a metro in `region` (None = all), sorted."""
    table = region_metros(data, region)
    return sorted({s for v in table["states"].dropna() for s in v.split("-")})


def market_bands(
    data: Tables,
    cbsas: Sequence[str],
    occ_codes: Sequence[str],
    *,
    year: int | None = None,
) -> pd.DataFrame:
    """Per metro x occupation: p10..p90 annual pay (USD), employment, location quotient, RPP.

    Output columns: cbsa, metro (display label as `analysis.hubs.metro_names`, "Austin, TX"),
    state, occ_code, occ_title, a_pct10..a_pct90 (NaN when top-coded or not released),
    a_pct10_note..a_pct90_note, tot_emp, emp_prse, loc_quotient, price_level (BEA all-items
    RPP, US = 100, `year`, default the latest). Metros with no OEWS row for an
    occupation are absent. Raises ValueError on an empty selection.
    """
    if not cbsas or not occ_codes:
        raise ValueError("Choose at least one metro and one occupation.")
    wages = data.wages
    rows = wages[
        wages["area_type"].isin(PLACES)
        & (wages["industry_code"] == CROSS_INDUSTRY)
        & wages["cbsa"].isin(list(cbsas))
        & wages["occ_code"].isin(list(occ_codes))
    ]
    notes = [f"{c}_note" for c in PCT_COLUMNS]
    out = rows[
        [
            "cbsa",
            "occ_code",
            "occ_title",
            *PCT_COLUMNS,
            *notes,
            "tot_emp",
            "emp_prse",
            "loc_quotient",
        ]
    ].merge(
        metros.metro_names(data)[["cbsa", "label", "state"]].rename(columns={"label": "metro"}),
        on="cbsa",
        how="left",
    )
    levels = metros.price_levels(data, year)[["cbsa", "rpp"]]
    out = out.merge(levels.rename(columns={"rpp": "price_level"}), on="cbsa", how="left")
    out["metro"] = out["metro"].fillna(out["cbsa"])
    columns = ["cbsa", "metro", "state", "occ_code", "occ_title", *PCT_COLUMNS, *notes]
    columns += ["tot_emp", "emp_prse", "loc_quotient", "price_level"]
    return out[columns].sort_values(["occ_code", "metro"]).reset_index(drop=True)


def at_target(bands: pd.DataFrame, target: float, top_code: float) -> pd.Series:
    """Pay at percentile `target` (10-90) per band row, log-linear between published points.

    NaN where the target lies beyond a top-coded or unpublished percentile.
    """
    return bands.apply(lambda row: stats.wage_or_nan(target, ladder(row, top_code)), axis=1).astype(
        "float64"
    )


def upload_template(bands: pd.DataFrame, rows: int = 2) -> bytes:
    """A CSV (UTF-8) to start an upload from: the header and `rows` example rows taken from
    `bands` (a `market_bands` frame): role = SOC code, metro = display label, level blank (all
    levels: the optional column is there to fill in), min/mid/max = the metro's BLS 25th
    percentile, median and 75th percentile (USD/yr, whole dollars). Rows with a missing value
    are skipped."""
    usable = bands.dropna(subset=["a_pct25", "a_median", "a_pct75"]).head(rows)
    frame = pd.DataFrame(
        {
            "role": usable["occ_code"].to_numpy(),
            "metro": usable["metro"].to_numpy(),
            "level": [""] * len(usable),
            "min": usable["a_pct25"].round().astype("int64").to_numpy(),
            "mid": usable["a_median"].round().astype("int64").to_numpy(),
            "max": usable["a_pct75"].round().astype("int64").to_numpy(),
        },
        columns=list(UPLOAD_COLUMNS),
    )
    return frame.to_csv(index=False).encode("utf-8")


def labelled_bands(
    data: Tables,
    cbsas: Sequence[str],
    occ_codes: Sequence[str],
    *,
    target: float | None = None,
) -> pd.DataFrame:
    """`market_bands` plus a chart `label` (the metro label, with " · <SOC>" when several
    occupations are shown) and, when `target` (10-90) is given, `target_pay` (USD/yr, see
    `at_target`)."""
    out = market_bands(data, cbsas, occ_codes)
    out["label"] = out["metro"]
    out = out.sort_values(["occ_code", "a_median"], ascending=[True, False], ignore_index=True)
    if len(occ_codes) > 1:
        out["label"] = out["label"] + " · " + out["occ_code"]
    if target is not None and len(out):
        out["target_pay"] = at_target(out, target, data.facts.top_code)
    return out


def talent_pools(data: Tables, cbsas: Sequence[str], occ: str) -> pd.DataFrame:
    """Every metro of `cbsas` with OEWS data for `occ`, with lat/lon for a map: the
    `labelled_bands` columns plus lat, lon (metros without a centroid are dropped)."""
    out = labelled_bands(data, cbsas, [occ])
    out = out.merge(data.metros[["cbsa", "lat", "lon"]], on="cbsa", how="left")
    return out[out["lat"].notna() & out["lon"].notna()].reset_index(drop=True)
