"""analysis.export: CSV downloads never carry a spreadsheet formula."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from analysis.export import escape_cell, to_safe_csv


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("San Jose", "San Jose"),
        ("a=b", "a=b"),  # only a leading formula character matters
        ("", ""),
    ],
)
def test_escape_cell_prefixes_formula_starts_on_text(value, escaped):
    assert escape_cell(value) == escaped


def test_escape_cell_leaves_numbers_and_missing_values_alone():
    assert escape_cell(-5.0) == -5.0
    assert escape_cell(-3) == -3
    assert escape_cell(None) is None


def test_to_safe_csv_round_trip_keeps_numbers_and_escapes_text():
    frame = pd.DataFrame({"role": ["=cmd|' /C calc'!A0", "ML engineer"], "gap": [-1200.5, 300.0]})
    before = frame.copy()
    back = pd.read_csv(io.BytesIO(to_safe_csv(frame)))
    assert back["role"].tolist() == ["'=cmd|' /C calc'!A0", "ML engineer"]
    assert back["gap"].tolist() == [-1200.5, 300.0]
    pd.testing.assert_frame_equal(frame, before)  # the shown frame is not changed


def test_to_safe_csv_escapes_string_dtype_columns_headers_and_keeps_utf8():
    frame = pd.DataFrame(
        {
            "=label": pd.array(["-1 (text)", "≥ $239,200", None], dtype="string"),
            "n": [1, 2, 3],
        }
    )
    text = to_safe_csv(frame).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["'=label", "n"]
    assert rows[1:] == [["'-1 (text)", "1"], ["≥ $239,200", "2"], ["", "3"]]
    assert "\n" in text and not text.startswith("\ufeff")
