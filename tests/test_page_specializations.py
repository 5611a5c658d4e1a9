"""AppTest of the Specializations page, run through dashboard.py."""

from __future__ import annotations

import pytest

from analysis import tools
from analysis.paths import DATA_DIR
from tests.apptest_helpers import default_view, run_page

PAGE = "app_pages/specializations.py"
pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "salaries.parquet").is_file() or not (DATA_DIR / "survey.parquet").is_file(),
    reason="data/ not built yet",
)
ADJUSTED = "Adjusted (regression)"


def _captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def test_default_view_answers_first_then_premiums_and_tools():
    at = default_view(PAGE)
    assert not at.exception and not at.warning and not at.error
    assert at.title[0].value == "Specializations"
    assert len(at.get("plotly_chart")) == 2
    assert at.selectbox(key="base").value == "General"
    assert at.multiselect(key="tracks").value == ["ML engineer", "AI engineer"]
    assert at.segmented_control(key="view").value == "Raw and adjusted"
    assert at.segmented_control(key="tools").value == "ml"
    assert at.toggle(key="dups").value is False
    assert not at.metric  # the baseline median is in the caption: a tile pushed the chart down
    text = _captions(at)
    assert "aijobs.net" in text and "exact duplicates dropped" in text
    assert "General median $" in text
    assert "company country (US, CA, GB, DE, Other), career track" in text
    assert "Stack Overflow" in text and "100+ users" in text and "Holm" in text
    premiums = at.dataframe[0].value
    assert set(premiums.columns) == {
        "specialization",
        "method",
        "n",
        "premium",
        "ci_low",
        "ci_high",
        "status_text",
    }
    # What each group holds is listed under the table, one line per group.
    holds = next(e for e in at.expander if e.label.startswith("What each group holds"))
    listed = holds.markdown[0].value
    assert "- **General**: Machine Learning Engineer" in listed
    # Same n for the raw and the adjusted row of every specialization.
    assert (premiums.groupby("specialization")["n"].nunique() == 1).all()
    baseline = premiums[premiums["specialization"] == "General"]
    assert (baseline["premium"] == 0).all() and (baseline["status_text"] == "baseline").all()
    others = premiums[premiums["specialization"] != "General"]
    adjusted = others[others["method"] == ADJUSTED]
    assert len(adjusted) >= 3
    # The answer is the first text under the title and leads with what holds: exactly the
    # specializations of 30+ records whose adjusted interval excludes 0, each with its premium;
    # "no specialization reliably pays more" exactly when no such interval is above 0; and
    # that it is an association.
    first = at.markdown[0].value
    assert first.startswith("**Among ML engineer and AI engineer titles")
    lead = first.split("**")[1]
    for row in adjusted.itertuples():
        reliable = row.n >= 30 and (row.ci_low > 0 or row.ci_high < 0)
        named = f"{row.specialization} {row.premium:+.0%}".replace("-", "−")
        assert (named in lead) == reliable, (row.specialization, first)
    higher = ((adjusted["ci_low"] > 0) & (adjusted["n"] >= 30)).any()
    assert ("no specialization reliably pays more than general titles" in lead) == (not higher)
    assert "Association, not causation" in first
    # The chart's takeaway names, with its interval, exactly the specializations with 30+
    # records whose adjusted interval excludes 0; thinner ones only as too few to say; and
    # it says none is reliably higher only when no such interval is above 0.
    answer = at.markdown[1].value
    for row in adjusted.itertuples():
        reliable = row.n >= 30 and (row.ci_low > 0 or row.ci_high < 0)
        assert (f"{row.specialization} (" in answer) == reliable, (row.specialization, answer)
    thin = adjusted.loc[adjusted["n"] < 30, "specialization"]
    assert thin.empty or "Too few records (under 30) to say: " in answer
    assert all(name in answer.split("Too few records")[-1] for name in thin)
    assert answer.startswith("None reliably higher") == (not higher)
    shown_tools = at.dataframe[1].value
    assert set(shown_tools["tool"]) <= set(tools.TOOL_LISTS["ml"].items)


@pytest.mark.parametrize(
    "link",
    [
        {"base": "MLOps / ML infrastructure", "dups": "true", "view": "Raw",
         "tools": "Cloud platforms"},
        {"base": "MLOps / ML infrastructure", "dups": "1", "view": "Raw", "tools": "cloud"},
    ],
    ids=["new-link", "old-link"],
)  # fmt: skip
def test_link_opens_the_view_it_names(link):
    at = run_page(PAGE, link)
    assert not at.exception and not at.warning
    assert at.selectbox(key="base").value == "MLOps / ML infrastructure"
    assert at.toggle(key="dups").value is True
    assert at.segmented_control(key="view").value == "Raw"
    assert at.segmented_control(key="tools").value == "cloud"
    assert "exact duplicates kept" in _captions(at)
    assert "MLOps / ML infrastructure median $" in _captions(at)
    assert "in raw medians," in at.markdown[0].value
    assert "MLOps / ML infrastructure titles" in at.markdown[0].value
    shown = at.dataframe[0].value
    assert set(shown["method"]) == {"Raw median ratio"}
    assert "Amazon Web Services (AWS)" in set(at.dataframe[1].value["tool"])


def test_junk_link_warns_and_falls_back():
    link = {"base": "Astrology", "tracks": "nope", "dups": "maybe", "tools": "<script>"}
    at = run_page(PAGE, link)
    assert not at.exception
    assert len(at.warning) == 4
    assert at.selectbox(key="base").value == "General"
    assert at.multiselect(key="tracks").value == ["ML engineer", "AI engineer"]
    assert at.segmented_control(key="tools").value == "ml"
    assert len(at.get("plotly_chart")) == 2


def test_no_track_selected_warns_instead_of_charting():
    at = run_page(PAGE, {"tracks": ""})  # `?tracks=`: the URL of a cleared selection
    assert not at.exception
    assert at.multiselect(key="tracks").value == []
    assert any("track" in w.value for w in at.warning)
    assert len(at.get("plotly_chart")) == 0


def test_tables_show_signed_whole_percents_and_dashes():
    import pandas as pd

    from ui.charts import specialties as charts

    comparison = pd.DataFrame(
        {
            "specialization": ["General", "NLP"],
            "method": ["Raw median ratio"] * 2,
            "n": [2951, 22],
            "premium": [0.0, -0.0921],
            "ci_low": [0.0, -0.4964],
            "ci_high": [0.0, 0.0037],
            "status": ["ok", "low confidence"],
            "is_baseline": [True, False],
            "holds": ["ML Engineer", "NLP Engineer"],
        }
    )
    html = charts.premium_table(comparison).to_html()
    assert "−9%" in html and "−50%" in html and "+0%" in html and "2,951" in html
    assert "under 30 records" in html and "baseline" in html
    assert "0.0921" not in html
    tools = pd.DataFrame(
        {
            "tool": ["A", "B"],
            "n_users": [1200, 50],
            "n_non_users": [5000, 6150],
            "premium": [0.061, float("nan")],
            "ci_low": [0.02, float("nan")],
            "ci_high": [0.1, float("nan")],
            "p_value": [0.001, float("nan")],
            "p_holm": [0.01, float("nan")],
            "holm_reject": pd.array([True, pd.NA], dtype="boolean"),
            "status": ["ok", "hidden"],
        }
    )
    html = charts.tool_table(tools).to_html()
    assert "+6%" in html and "differs from 0" in html and "1,200" in html
    assert ">B<" not in html  # hidden tools only in the CSV
