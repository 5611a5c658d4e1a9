"""MARPP + SARPP (+ PARPP) of one release -> the documented `price_parities` table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from databuild.errors import SourceError
from databuild.sources.base import conform
from databuild.sources.bea_rpp.columns import (
    LEVEL_ORDER,
    NONMETRO_CODE,
    PORTION_CODES,
    PORTION_LEVELS,
    PORTION_NAMES,
    TABLES,
    UNPRICED_CODES,
    US_CODE,
)
from databuild.sources.bea_rpp.table import TableInfo, read_table_info


def _levels(metro: pd.DataFrame, state: pd.DataFrame, state_path: Path) -> pd.DataFrame:
    """Combine the MARPP and SARPP long frames (geo_level and geo_code set, not conformed)."""
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
    return pd.concat([metro, state], ignore_index=True)


def _portions(
    portion: pd.DataFrame, info: TableInfo, state: pd.DataFrame, state_path: Path
) -> pd.DataFrame:
    """PARPP's state portions as rows 'state metro' / 'state nonmetro' (not conformed).

    Each portion's GeoName must be its SARPP state's name + ' (Metropolitan Portion)' or
    ' (Nonmetropolitan Portion)', and every SARPP state must have both portions in PARPP, a
    nonmetropolitan one either priced or printed 0.000 throughout (`info.unpriced`).
    """
    path = info.path
    portion = portion[portion["geo_fips"] != US_CODE].copy()
    kind = portion["geo_fips"].str[2:]
    portion["geo_level"] = kind.map(PORTION_LEVELS)
    portion["geo_code"] = portion["geo_fips"].str[:2]
    states = state.drop_duplicates("geo_fips").set_index("geo_fips")["geo_name"]
    names = {code[:2]: name for code, name in states.items() if code != US_CODE}
    areas = pd.concat(
        [
            portion.drop_duplicates("geo_fips").set_index("geo_fips")["geo_name"],
            pd.Series(info.unpriced, dtype=object),
        ]
    )
    for code, name in areas.items():
        expected = names.get(code[:2], "?") + PORTION_NAMES[code[2:]]
        if code[:2] not in names or name != expected:
            where = f"not a state of {state_path.name}" if code[:2] not in names else expected
            raise SourceError(
                path,
                f"GeoFIPS {code} is named {name!r}; expected {where} (a code or name shifted?)",
                line=info.lines.get(code),
                column="GeoName",
            )
    for code, name in names.items():
        for suffix, level in PORTION_LEVELS.items():
            if code + suffix not in areas.index:
                raise SourceError(
                    path,
                    f"lacks the {level.split()[1]}politan portion of {name} (GeoFIPS "
                    f"{code}{suffix}; state {code} is in {state_path.name})",
                    column="GeoFIPS",
                )
    return portion


def read_files(
    metro_path: Path, state_path: Path, portion_path: Path | None = None
) -> tuple[pd.DataFrame, int]:
    """Read MARPP + SARPP (+ PARPP) -> (`price_parities` table, data rows read)."""
    table, rows, *_ = read_files_info(metro_path, state_path, portion_path)
    return table, rows


def _same_release(path: Path, other: TableInfo, metro_path: Path, info: TableInfo) -> None:
    """Raise SourceError unless `other` has the metro file's release date and years."""
    if (other.years, other.release_date) != (info.years, info.release_date):
        raise SourceError(
            path,
            f"release {other.release_date} with years {other.years[0]}-{other.years[-1]} "
            f"differs from {metro_path.name}'s {info.release_date} "
            f"({info.years[0]}-{info.years[-1]})",
        )


def read_files_info(
    metro_path: Path, state_path: Path, portion_path: Path | None = None
) -> tuple[pd.DataFrame, int, TableInfo, TableInfo | None]:
    """Read MARPP + SARPP (+ PARPP) of one release -> (table, data rows read, MARPP's info,
    PARPP's info or None). Every file must be of MARPP's release and years."""
    metro, metro_rows, info = read_table_info(metro_path, "MARPP")
    state, state_rows, state_info = read_table_info(state_path, "SARPP")
    _same_release(state_path, state_info, metro_path, info)
    info.missing = {
        name: info.missing[code]
        for code, name in zip(metro["geo_fips"], metro["geo_name"], strict=True)
        if code in info.missing
    }
    frames, rows, portion_info = [_levels(metro, state, state_path)], metro_rows + state_rows, None
    if portion_path is not None:
        portion, portion_rows, portion_info = read_table_info(
            portion_path, "PARPP", codes=PORTION_CODES, unpriced=UNPRICED_CODES
        )
        _same_release(portion_path, portion_info, metro_path, info)
        frames.append(_portions(portion, portion_info, state, state_path))
        rows += portion_rows
    both = pd.concat(frames, ignore_index=True)
    both["_order"] = both["geo_level"].map({t: i for i, t in enumerate(LEVEL_ORDER)})
    both = both.sort_values(["_order", "geo_code", "year"], kind="stable")
    return conform(both, TABLES["price_parities"]), rows, info, portion_info
