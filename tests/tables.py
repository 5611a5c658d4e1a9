"""Shared test access to the real tables: the processed data/, and the raw salary CSV.

`table(name)` is a fresh copy of a processed table (tests may not mutate a shared frame);
`raw_salary_rows()` reads aijobs salaries.csv with the csv module, independently of the
reader and of pandas, for known answers. Both skip the test when their data is missing.
"""

from __future__ import annotations

import csv
import functools

import pandas as pd
import pytest

from analysis import load
from analysis.paths import DATA_DIR, DEFAULT_RAW_DIR

RAW_SALARIES = DEFAULT_RAW_DIR / "aijobs" / "salaries.csv"


@functools.cache
def _cached(name: str) -> pd.DataFrame:
    try:
        return load.load_table(name, DATA_DIR)
    except load.DataUnavailable:
        pytest.skip(f"data/{name}.parquet is not built")


def table(name: str) -> pd.DataFrame:
    """A copy of the processed table `name` from data/."""
    return _cached(name).copy()


@functools.cache
def raw_salary_rows() -> tuple[dict[str, str], ...]:
    """aijobs salaries.csv as dicts, read with the csv module."""
    if not RAW_SALARIES.is_file():
        pytest.skip("raw aijobs salaries.csv not available")
    with open(RAW_SALARIES, newline="", encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


@functools.cache
def raw_salary_rows_deduplicated() -> tuple[dict[str, str], ...]:
    """The raw salary rows without exact repeats of an earlier row (first copy kept)."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for row in raw_salary_rows():
        key = tuple(row.values())
        if key not in seen:
            seen.add(key)
            out.append(row)
    return tuple(out)
