"""Read the processed tables in `data/` (by name, see TABLES) with their documented dtypes.

Nothing here caches or mutates: pages hold each table once through `ui.data` (st.cache_resource).
The columns and dtypes were checked by the build against the readers' docs before the parquet
was written, so the question modules can trust them.
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
