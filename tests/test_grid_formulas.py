"""Every table a page draws exports formula-safe CSV through its own "Download as CSV".

The grid's toolbar exports the frame it was given, as it is: a column name or a text cell that
starts with = + - @ runs as a formula when the file is opened in a spreadsheet (a number such
as -5 is data). Visitor text is escaped where it is shown (`ui.layout.formula_safe`: the Offer
check's employer names, an upload's cells; tests/test_page_pay_bands.py and
tests/e2e/test_e2e_hostile.py read the exported files); this checks every page's own tables,
headers included ("-50% shares" was one).
"""

from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st

from analysis.export import FORMULA_PREFIXES
from tests.apptest_helpers import dashboard_pages, default_view, run_page

PAGES = dashboard_pages()
LINKS = {"app_pages/offer_check.py": {"a_equity": "100000"}}
"""A page's link where its default view leaves a table out (no offer has equity: no
share-price table)."""


def runnable(value: object) -> bool:
    """True for text a spreadsheet would run as a formula (not a number such as "-5")."""
    if not isinstance(value, str) or not value.lstrip(" ").startswith(FORMULA_PREFIXES):
        return False
    try:
        float(value)
    except ValueError:
        return True
    return False


def test_runnable_tells_formulas_from_numbers():
    assert [runnable(v) for v in ("=1+1", " -cmd", "-50% shares", "@x", "+1 x")] == [True] * 5
    assert [runnable(v) for v in ("-5", "-1.5e3", "Shares -50%", -5, "")] == [False] * 5


@pytest.mark.parametrize("entry", PAGES, ids=[p.name for p in PAGES])
def test_every_table_exports_without_formulas(entry):
    link = LINKS.get(entry.file)
    at = run_page(entry.file, link) if link else default_view(entry.file)
    assert not at.exception
    for table in at.dataframe:
        frame = table.value
        cells = [str(c) for c in frame.columns]
        cells += [v for c in frame.columns for v in frame[c] if isinstance(v, str)]
        assert not [v for v in cells if runnable(v)], f"{entry.name}: {list(frame.columns)}"


def test_dollar_columns_are_rounded_as_cards_round_them():
    # The grid cuts cents off a dollar column (97,694.8997 showed as $97,694 beside a card's
    # $97,695): whole dollars are rounded before the grid sees them; other columns are not.
    from ui import layout

    frame = pd.DataFrame({"pay": [97_694.8997, 166_999.5001], "share": [0.4567, 0.5]})
    config = {"pay": layout.usd("Pay"), "share": st.column_config.NumberColumn("Share")}
    out = layout.whole_dollars(frame, config)
    assert out["pay"].tolist() == [97_695.0, 167_000.0]
    assert out["share"].tolist() == [0.4567, 0.5]
    assert frame["pay"].iloc[0] == 97_694.8997  # the page's frame is left as it was
