"""AppTest of the Industries page, run through dashboard.py."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from analysis.paths import DATA_DIR
from tests.apptest_helpers import default_view, run_page, visible_texts

PAGE = "app_pages/industries.py"
pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "wages.parquet").is_file(), reason="data/ not built yet"
)
TOP_CODE = 239_200.0  # BLS OEWS May 2025, footnote 5: annual wages at or above $239,200


def _captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def _answer(at) -> str:
    """The first text under the page's title."""
    texts = visible_texts(at)
    return texts[texts.index("Industries") + 1]


def test_default_view_shows_groups_and_published_figures():
    at = default_view(PAGE)
    assert not at.exception and not at.warning and not at.error
    assert at.title[0].value == "Industries"
    assert at.selectbox(key="occ").value == "15-2051"
    assert at.segmented_control(key="view").value == "Industry groups"
    assert len(at.get("plotly_chart")) == 1
    metrics = {m.label: m.value for m in at.metric}
    # US Data Scientists, all industries, as BLS publishes them (OEWS May 2025).
    assert metrics["US median, all industries"] == "$120,230"
    assert metrics["US data scientists employed, all industries"] == "262,440"
    # The answer first: Software and internet leads (its employment-weighted average of member
    # medians, checked in test_industries), over the published US median of $120,230.
    answer = _answer(at)
    groups = at.dataframe[0].value.set_index("industry_group")
    best = groups["weighted_median"].idxmax()
    assert best == "Software and internet"
    gap = groups.loc[best, "weighted_median"] - 120_230
    assert answer.startswith(f"**For data scientists, {best} pays most: about $")
    assert f"${round(gap, -2):,.0f} ({gap / 120_230:.0%}) above the US median of $120,230" in answer
    assert "Its interval clears the next, Defense and aerospace" in answer
    # The filters sit in one closed box under the answer.
    assert at.expander[0].label == "Change occupation, industry groups or NAICS detail"
    captions = _captions(at)
    assert "BLS OEWS, May 2025" in captions
    assert "job-weighted average of member industries' medians" in captions
    assert "of the occupation's 262,440 US jobs" in captions
    assert "hatched = thin" in captions
    assert "≥ $239,200; none in this view" in captions  # no top-coded Data Scientists median
    assert "double counting" not in captions  # the precise method lives in the expander
    assert [e.label for e in at.expander][1:] == ["How the groups are built"]
    method = at.expander[1].markdown[0].value
    assert "ride-hail platforms" not in captions and "Taxi and Limousine Service" in method
    # The depth control is for the detail view only: not shown with the groups.
    assert not [s for s in at.selectbox if s.key == "depth"]
    groups = at.dataframe[0].value
    assert "Software and internet" in set(groups["industry_group"])
    assert "members" not in groups.columns  # in the CSV only


@pytest.mark.parametrize(
    "link",
    [
        {
            "occ": "Software Developers (15-1252)",
            "view": "NAICS detail",
            "depth": "3-digit NAICS (subsectors)",
        },
        {"occ": "15-1252", "view": "NAICS detail", "depth": "3"},
    ],
    ids=["new-link", "old-link"],
)
def test_link_opens_the_detail_view(link):
    at = run_page(PAGE, link)
    assert not at.exception and not at.warning
    assert at.selectbox(key="occ").value == "15-1252"
    assert at.segmented_control(key="view").value == "NAICS detail"
    assert at.selectbox(key="depth").value == 3
    # US Software Developers, as BLS publishes them: median $135,980, 1,687,890 jobs.
    assert {m.value for m in at.metric} == {"$135,980", "1,687,890"}
    detail = at.dataframe[0].value
    assert detail["industry_code"].str.endswith("000").all()  # 3-digit rows
    assert detail["median_text"].str.startswith(("$", "≥", "—")).all()
    assert len(at.get("plotly_chart")) == 1


def test_detail_view_shows_published_industry_medians():
    at = run_page(PAGE, {"view": "NAICS detail"})
    assert not at.exception and not at.warning
    assert at.selectbox(key="depth").value == 4
    detail = at.dataframe[0].value.set_index("industry_code")
    # BLS OEWS May 2025: Data Scientists in Computer Systems Design (NAICS 541500), $132,380.
    assert detail.loc["541500", "median_text"] == "$132,380"
    # The answer names the best-paid industry of the table, in its published dollars.
    top = detail.loc[detail["median_text"].str.startswith("$")].copy()
    top["pay"] = top["median_text"].str.replace(r"[$,]", "", regex=True).astype(float)
    best = top["pay"].idxmax()
    assert _answer(at).startswith("**Among ")
    assert (
        f"{detail.loc[best, 'industry_name']} ({best}) pays most: ${top.loc[best, 'pay']:,.0f}"
        in _answer(at)
    )


def test_junk_link_warns_and_falls_back():
    at = run_page(PAGE, {"occ": "nope", "view": "<script>", "depth": "9"})
    assert not at.exception
    # The depth is not read in the groups view the junk view falls back to.
    assert len(at.warning) == 2
    assert at.selectbox(key="occ").value == "15-2051"
    assert at.segmented_control(key="view").value == "Industry groups"
    assert len(at.get("plotly_chart")) == 1
    at = run_page(PAGE, {"view": "NAICS detail", "depth": "9"})
    assert len(at.warning) == 1
    assert at.selectbox(key="depth").value == 4


def test_tables_and_bar_labels_carry_no_fake_precision():
    from analysis import industries
    from tests.tables import real
    from ui.charts import industries as charts

    groups = industries.industry_groups(real(), "15-2051")
    html = charts.group_table(groups, top_code=TOP_CODE).to_html()
    software = groups.set_index("industry_group").loc["Software and internet"]
    assert f"${round(software['weighted_median'], -2):,.0f}" in html  # $ rounded to $100
    assert f"{software['weighted_median']:.2f}" not in html
    # Whole percents; a share under 1% is "<1%", never a misleading "0%".
    shares = re.findall(r">(<1%|\d+%)<", html.replace("&lt;", "<"))
    assert len(shares) >= len(groups) and "<1%" in shares and "0%" not in shares
    assert "thin" in html
    labels = charts.group_pay_chart(groups, top_code=TOP_CODE).data[0].text
    assert all(t.startswith("$") and t.endswith("k") for t in labels)
    detail = industries.industry_detail(real(), "15-2051", 4)
    detail_html = charts.detail_table(detail, top_code=TOP_CODE).to_html().lower()
    assert ">nan<" not in detail_html and ">none<" not in detail_html


def test_topcoded_median_is_drawn_at_the_floor_and_labelled_as_a_lower_bound():
    from analysis.wages import TOP_CODED
    from ui.charts import industries as charts
    from ui.text import top_code_note

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
    fig = charts.detail_pay_chart(frame, top_code=TOP_CODE)
    assert list(fig.data[0].x) == [TOP_CODE, 100_000.0]
    assert list(fig.data[0].text) == ["≥ $239,200", "$100k"]
    assert top_code_note(1, TOP_CODE).startswith("1 value BLS publishes only as ≥ $239,200")
