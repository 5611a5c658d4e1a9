"""A MARPP + SARPP pair of one release -> the documented `price_parities` table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from databuild.errors import SourceError
from databuild.sources.base import conform
from databuild.sources.bea_rpp.columns import LEVEL_ORDER, NONMETRO_CODE, TABLES, US_CODE
from databuild.sources.bea_rpp.table import TableInfo, read_table_info


def _levels(metro: pd.DataFrame, state: pd.DataFrame, state_path: Path) -> pd.DataFrame:
    """Combine the MARPP and SARPP long frames into the documented table."""
    metro = metro.copy()
    metro["geo_level"] = "metro"
    metro.loc[metro["geo_fips"] == US_CODE, "geo_level"] = "nation"
    metro.loc[metro["geo_fips"] == NONMETRO_CODE, "geo_level"] = "nonmetro portion"
    metro["geo_code"] = metro["geo_fips"]
    state = state[state["geo_fips"] != US_CODE].copy()
    not_state = ~state["geo_fips"].str.fullmatch(r"\d{2}000")
    if not_state.any():
        raise SourceError(
            state_path,
            f"GeoFIPS {state.loc[not_state.idxmax(), 'geo_fips']} is not a state code (ss000)",
            column="GeoFIPS",
        )
    state["geo_level"] = "state"
    state["geo_code"] = state["geo_fips"].str[:2]
    both = pd.concat([metro, state], ignore_index=True)
    both["_order"] = both["geo_level"].map({t: i for i, t in enumerate(LEVEL_ORDER)})
    both = both.sort_values(["_order", "geo_code", "year"], kind="stable")
    return conform(both, TABLES["price_parities"])


def read_files(metro_path: Path, state_path: Path) -> tuple[pd.DataFrame, int]:
    """Read a MARPP + SARPP pair -> (`price_parities` table, data rows read)."""
    table, rows, _ = read_files_info(metro_path, state_path)
    return table, rows


def read_files_info(metro_path: Path, state_path: Path) -> tuple[pd.DataFrame, int, TableInfo]:
    """Read a MARPP + SARPP pair of one release -> (table, data rows read, metro file info)."""
    metro, metro_rows, info = read_table_info(metro_path, "MARPP")
    state, state_rows, state_info = read_table_info(state_path, "SARPP")
    if (state_info.years, state_info.release_date) != (info.years, info.release_date):
        raise SourceError(
            state_path,
            f"release {state_info.release_date} with years {state_info.years[0]}-"
            f"{state_info.years[-1]} differs from {metro_path.name}'s {info.release_date} "
            f"({info.years[0]}-{info.years[-1]})",
        )
    info.missing = {
        name: info.missing[code]
        for code, name in zip(metro["geo_fips"], metro["geo_name"], strict=True)
        if code in info.missing
    }
    return _levels(metro, state, state_path), metro_rows + state_rows, info
