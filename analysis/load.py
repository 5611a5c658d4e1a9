"""Read the processed tables in `data/` with their documented dtypes.

Pages wrap these functions in `st.cache_data`; nothing here caches or mutates. Each loader
checks the table once, when loaded, so the question modules can trust their columns.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from analysis.paths import DATA_DIR

TABLES = ("wages", "metros", "price_parities", "rents", "salaries", "survey", "take_home")


class DataUnavailable(RuntimeError):
    """A processed table is missing or unreadable; the message says how to rebuild it."""


def load_table(name: str, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Load one processed table by name (see TABLES) as a pandas frame with its stored dtypes."""
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}; known: {', '.join(TABLES)}")
    path = data_dir / f"{name}.parquet"
    if not path.is_file():
        raise DataUnavailable(
            f"{path.name} is missing from {data_dir}. Rebuild the data with "
            "`python -m analysis.build --raw-dir ../shared/data/raw`."
        )
    try:
        return pq.read_table(path).to_pandas()
    except Exception as err:  # pyarrow raises several types for a damaged file
        raise DataUnavailable(f"{path.name} could not be read ({err}); rebuild the data.") from err


def load_manifest(data_dir: Path = DATA_DIR) -> dict[str, object]:
    """The build manifest: per source the publisher, URL, licence, vintage, inputs, row counts."""
    path = data_dir / "manifest.json"
    if not path.is_file():
        raise DataUnavailable("data/manifest.json is missing; rebuild the data.")
    return json.loads(path.read_text(encoding="utf-8"))


def wages(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """BLS OEWS May 2025 wages (see data/README.md for columns)."""
    return load_table("wages", data_dir)


def metros(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Metropolitan CBSAs with display names, states, census region and centroid."""
    return load_table("metros", data_dir)


def price_parities(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """BEA regional price parities by metro/state and year (US = 100)."""
    return load_table("price_parities", data_dir)


def rents(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """HUD FY2026 fair market rents per CBSA, monthly USD by bedrooms."""
    return load_table("rents", data_dir)


def salaries(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """aijobs.net salary records with level, track and specialization."""
    return load_table("salaries", data_dir)


def survey(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Stack Overflow survey extracts (2024 subset, 2025 processed extract)."""
    return load_table("survey", data_dir)


def take_home(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """After-tax take-home schedule by jurisdiction over a gross-income grid."""
    return load_table("take_home", data_dir)
