"""AppTest of the Industries page, run through dashboard.py."""

from __future__ import annotations

import pytest

from analysis.paths import DATA_DIR
from tests.apptest_helpers import run_page

PAGE = "app_pages/industries.py"
pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "wages.parquet").is_file(), reason="data/ not built yet"
)


def _captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def test_default_view_shows_groups_and_known_figures():
    at = run_page(PAGE)
    assert not at.exception
    assert at.title[0].value == "Industries"
    assert len(at.get("plotly_chart")) == 1
    values = [m.value for m in at.metric]
    # National Data Scientists (15-2051), all industries, as BLS publishes it (OEWS May 2025).
    assert "$120,230" in values and "262,440" in values
    captions = _captions(at)
    assert "BLS OEWS, May 2025" in captions
    assert "employment-weighted average of its industries' medians" in captions
    assert "the groups hold 70% of the occupation's 262,440 US jobs" in captions
    assert "ride-hail platforms (NAICS 4853)" in captions
    assert "thin" in captions and "Defense and aerospace" in captions
    assert "none in this view" in captions  # no top-coded value for data scientists
    assert "double counting" not in captions  # the precise method lives in the expander
    assert len(at.expander) == 1
    # The depth control is for the detail view only: not shown with the groups.
    assert not [s for s in at.selectbox if s.key == "industries_depth"]
    groups = at.dataframe[0].value
    assert "Software and internet" in set(groups["industry_group"])
    assert "members" not in groups.columns  # in the CSV only
    assert not at.warning


def test_url_round_trip_detail_view():
    at = run_page(PAGE, {"occ": "15-1252", "view": "NAICS detail", "depth": "3"})
    assert not at.exception and not at.warning
    assert at.selectbox(key="industries_occ").value == "15-1252"
    assert at.selectbox(key="industries_depth").value == 3
    assert at.query_params["view"] == "NAICS detail"
    detail = at.dataframe[0].value
    assert detail["industry_code"].str.endswith("000").all()  # 3-digit rows
    assert detail["median_text"].str.startswith(("$", "≥", "—")).all()
    assert len(at.get("plotly_chart")) == 1


def test_junk_url_warns_and_falls_back():
    at = run_page(PAGE, {"occ": "nope", "view": "<script>", "depth": "9"})
    assert not at.exception
    # The depth is not read in the groups view the junk view falls back to.
    assert len(at.warning) == 2
    assert at.selectbox(key="industries_occ").value == "15-2051"
    assert len(at.get("plotly_chart")) == 1
    at = run_page(PAGE, {"view": "NAICS detail", "depth": "9"})
    assert len(at.warning) == 1
    assert at.selectbox(key="industries_depth").value == 4


def test_tables_and_bar_labels_carry_no_fake_precision():
    from analysis import industries, load
    from ui.charts import industries as charts

    wages = load.load_table("wages")
    groups = industries.industry_groups(wages)
    html = charts.group_table(groups).to_html()
    software = groups.set_index("industry_group").loc["Software and internet"]
    assert f"${round(software['weighted_median'], -2):,.0f}" in html  # $ rounded to $100
    assert f"{software['weighted_median']:.2f}" not in html
    assert "<1%" in html and "22%" in html  # whole percents, small shares not shown as 0%
    assert "thin" in html
    labels = charts.group_pay_chart(groups).data[0].text
    assert all(t.startswith("$") and t.endswith("k") for t in labels)
    detail = industries.industry_detail(wages, depth=4)
    detail_html = charts.detail_table(detail).to_html()
    assert "$132,380" in detail_html  # computer systems design median, as BLS publishes it
    assert ">nan<" not in detail_html.lower() and ">none<" not in detail_html.lower()


def test_topcoded_median_is_drawn_at_the_floor_and_labelled_as_a_lower_bound():
    import numpy as np
    import pandas as pd

    from analysis import industries
    from analysis.stats import TOP_CODE, TOP_CODED
    from ui.charts import industries as charts

    frame = pd.DataFrame(
        {
            "industry_code": ["523100", "522100"],
            "industry_name": ["Brokers", "Banks"],
            "naics_level": [4, 4],
            "industry_group": ["Finance and insurance"] * 2,
            "a_median": [np.nan, 100_000.0],
            "a_median_note": [TOP_CODED, pd.NA],
            "tot_emp": [50.0, 100.0],
            "emp_prse": [5.0, 3.0],
        }
    )
    fig = charts.detail_pay_chart(frame)
    assert list(fig.data[0].x) == [TOP_CODE, 100_000.0]
    assert list(fig.data[0].text) == ["≥ $239,200", "$100k"]
    assert industries.topcode_note(1).startswith("1 value BLS publishes only as ≥ $239,200")
