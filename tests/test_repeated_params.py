"""A parameter repeated in a link where the page takes one value warns, and the page shows the
value the warning names.

Streamlit's URL binding seeds a widget from a link on its first run, over anything the page put
in the widget's state: a selectbox, slider, number, toggle or text box from the LAST of
repeated values, a button group (segmented control, pills) from the FIRST of its options.
`ui.state` reads the same value and says which; before, a repeated `a_base` warned "showing
187,000" while the box showed the last value (issue 23), and a repeated `occ` said "the
first" while the last was shown. A value no widget can use warns and shows the default.
"""

from __future__ import annotations

import pytest

from tests.apptest_helpers import run_page

HUBS, OFFERS, BANDS = "app_pages/hubs.py", "app_pages/offer_check.py", "app_pages/pay_bands.py"
SOFTWARE, DATA = "Software Developers (15-1252)", "Data Scientists (15-2051)"
CASES = [
    # (page, widget kind, parameter, the link's values, the value shown, the warning's end)
    (HUBS, "selectbox", "occ", [SOFTWARE, DATA], "15-2051", f"the last ({DATA})"),
    (HUBS, "selectbox", "occ", [DATA, SOFTWARE], "15-1252", f"the last ({SOFTWARE})"),
    (HUBS, "selectbox", "occ", [SOFTWARE, "x"], "15-2051", "the last is not one"),
    (HUBS, "segmented_control", "view", ["After cost of living", "In dollars"], "real",
     "the first (After cost of living)"),
    (HUBS, "segmented_control", "view", ["x", "In dollars", "After cost of living"], "nominal",
     "the first (In dollars)"),
    (BANDS, "select_slider", "pct", ["75th percentile", "60th percentile"], 60,
     "the last (60th percentile)"),
    (OFFERS, "number_input", "a_base", ["150000", "160000"], 160_000, "the last (160,000)"),
    (OFFERS, "number_input", "a_base", ["150000", "150000"], 150_000, "the last (150,000)"),
    (OFFERS, "number_input", "a_base", ["150000", "lots"], 187_000, "the last is not a number"),
    (OFFERS, "toggle", "a_remote", ["false", "true"], True, "the last (on)"),
    (OFFERS, "text_input", "a_label", ["Acme", "Beta"], "Beta", "the last (“Beta”)"),
    (OFFERS, "text_input", "start", ["2027-01-01", "2027-02-01"], "2027-02-01",
     "the last (2027-02-01)"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("page", "kind", "param", "values", "shown", "said"),
    CASES,
    ids=[f"{c[2]}={'&'.join(c[3])}" for c in CASES],
)
def test_a_repeated_parameter_warns_and_shows_the_value_it_names(
    page, kind, param, values, shown, said
):
    at = run_page(page, {param: values})
    assert not at.exception
    assert getattr(at, kind)(key=param).value == shown
    warnings = [w.value.replace("\\", "") for w in at.warning]  # Markdown escapes
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(f"The link's value for “{param}” is given {len(values)} times")
    assert said in warnings[0], warnings[0]
