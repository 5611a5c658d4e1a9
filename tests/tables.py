"""Shared test access to the data: the real processed tables, tiny tables built in a test, and
the raw salary CSV read independently of the build.

- `real()`: the `Tables` of data/ (skips the test when data/ is not built). Its frames are
  shared: a test must not modify them (the analysis functions never do, and tests check it).
- `table(name)`: a fresh copy of one real table, for tests that edit it.
- `tiny(**frames)`: `Tables` made of frames written in the test, with a manifest holding the
  facts the question modules read (`TOP_CODE`, the BEA `PRICE_YEAR`).
- `raw_salary_rows()`: aijobs salaries.csv with the csv module, for known answers.
"""

from __future__ import annotations

import csv
import functools

import pandas as pd
import pytest

from analysis.data import DataUnavailable, Tables
from analysis.paths import DATA_DIR, DEFAULT_RAW_DIR

RAW_SALARIES = DEFAULT_RAW_DIR / "aijobs" / "salaries.csv"
TOP_CODE = 239_200.0
"""BLS OEWS May 2025 footnote 5: annual wages at or above $239,200 are top-coded (as published
in the release's footnotes; the build records it in the manifest)."""
PRICE_YEAR = 2024


def tiny_manifest(top_code: float = TOP_CODE, price_year: int = PRICE_YEAR) -> dict:
    """A manifest with the facts question modules read, for `Tables.of`."""
    captions = {
        "oews": "BLS OEWS (test)",
        "bea_rpp": "BEA RPP (test)",
        "hud_fmr": "HUD FMR (test)",
        "aijobs": "aijobs.net (test)",
        "so_survey": "SO survey (test)",
    }
    sources = {key: {"caption": caption} for key, caption in captions.items()}
    sources["oews"]["facts"] = {"top_code_annual": top_code}
    sources["bea_rpp"]["facts"] = {"latest_year": price_year}
    return {"sources": sources}


def tiny(**frames: pd.DataFrame) -> Tables:
    """`Tables` of the given frames (wages=..., metros=...), with `tiny_manifest()` facts."""
    return Tables.of(tiny_manifest(), **frames)


@functools.cache
def _real() -> Tables:
    try:
        tables = Tables.open(DATA_DIR)
        tables.facts  # noqa: B018  (a manifest without facts cannot serve the app either)
        return tables
    except DataUnavailable as err:
        pytest.skip(f"data/ is not built: {err}")


def real() -> Tables:
    """The processed tables of data/ (shared frames: never modify them)."""
    return _real()


def table(name: str) -> pd.DataFrame:
    """A copy of the processed table `name` from data/."""
    try:
        return real().table(name).copy()
    except DataUnavailable:
        pytest.skip(f"data/{name}.parquet is not built")


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
