"""No page shows a visitor "nan": every page of the navigation, run through dashboard.py, is
scanned in its text (titles, Markdown, captions, alerts, metrics, widget labels), its table
cells that hold text, and its charts' JSON (labels, hover text, annotations)."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from analysis.paths import DATA_DIR
from tests.apptest_helpers import chart_specs, dashboard_pages, default_view, visible_texts

pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "manifest.json").is_file(), reason="data/ not built yet"
)
NAN = re.compile(r"(?<![A-Za-z])nan(?![A-Za-z])", re.IGNORECASE)
"""'nan' or 'NaN' as a word (also inside '×nan–nan'), not inside 'financial' or 'Nantucket'."""


def nan_in(text: str) -> list[str]:
    """Each place `text` shows 'nan', with a little context."""
    return [text[max(0, m.start() - 40) : m.end() + 40] for m in NAN.finditer(text)]


def _strings(value: object) -> list[str]:
    """Every string inside a chart's JSON (keys left out), where a visitor could read one."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def shown_nan(at) -> list[str]:
    """Where a page run shows 'nan': texts, metric deltas, text cells of tables, chart JSON."""
    texts = visible_texts(at) + [m.proto.delta for m in at.metric]
    for frame in at.dataframe:
        table = frame.value
        for column in table.columns:
            kind = table[column].dtype
            if pd.api.types.is_object_dtype(kind) or pd.api.types.is_string_dtype(kind):
                texts += [str(v) for v in table[column].dropna()]
    for spec in chart_specs(at):
        texts += _strings(json.loads(spec))
    return [hit for text in texts for hit in nan_in(text)]


def test_the_pattern_finds_nan_words_only():
    assert nan_in("×nan–nan") and nan_in("median NaN") and nan_in("nan")
    assert not nan_in("financial services, Nantucket, nanny")


@pytest.mark.parametrize("page", [p.file for p in dashboard_pages()])
def test_no_page_shows_nan(page):
    at = default_view(page)
    assert not at.exception, page
    found = shown_nan(at)
    assert not found, (page, found[:5])
