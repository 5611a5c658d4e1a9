import io

import pandas as pd

from analysis.export import escape_cell, to_safe_csv


def test_escape_cell_prefixes_formula_starts_only_on_text():
    assert escape_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert escape_cell("+1") == "'+1"
    assert escape_cell("-2") == "'-2"
    assert escape_cell("@SUM(A1)") == "'@SUM(A1)"
    assert escape_cell("San Jose") == "San Jose"
    assert escape_cell(-5.0) == -5.0


def test_to_safe_csv_round_trip_keeps_numbers_and_escapes_text():
    frame = pd.DataFrame({"role": ["=cmd|' /C calc'!A0", "ML engineer"], "gap": [-1200.5, 300.0]})
    back = pd.read_csv(io.BytesIO(to_safe_csv(frame)))
    assert back["role"].tolist() == ["'=cmd|' /C calc'!A0", "ML engineer"]
    assert back["gap"].tolist() == [-1200.5, 300.0]
