"""AppTest of the Certifications & career paths page, run through dashboard.py, and the answer
sentences it opens with (ui.text) on hand-written frames."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.paths import DATA_DIR
from tests.apptest_helpers import default_view, run_page
from ui.text import PATH_NAMES, certification_headline, index_paths_line, paths_headline

PAGE = "app_pages/career_paths.py"
needs_data = pytest.mark.skipif(
    not all((DATA_DIR / f"{t}.parquet").is_file() for t in ("survey", "salaries", "wages")),
    reason="data/ not built yet",
)


def _captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def _frame(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


@needs_data
def test_default_view_answers_both_questions_first():
    at = default_view(PAGE)
    assert not at.exception and not at.warning and not at.error
    assert at.title[0].value == "Certifications & career paths"
    assert len(at.get("plotly_chart")) == 3
    assert at.selectbox(key="country").value == "US"
    # BLS OEWS May 2025 national medians, as published.
    scale = next(m.value for m in at.markdown if m.value.startswith("For scale, BLS US medians"))
    assert "Computer and Information Systems Managers **\\$175,140**" in scale
    assert "Computer and Information Research Scientists **\\$140,300**" in scale
    # The answer is the first text under the title: at about 10 years (8–12), among paths with
    # 30+ respondents, the best-paid path and the next; "no path clearly pays most" exactly when
    # their intervals overlap. Then exactly the certification comparisons whose interval
    # excludes 0, each with whether it holds after the Holm correction.
    answer = at.markdown[0].value
    paths = _frame(at, "band")
    ten = paths[(paths["band"] == "8–12") & (paths["status"] == "ok")]
    ranked = ten.sort_values("median", ascending=False)
    top, nxt = ranked.iloc[0], ranked.iloc[1]
    tie = top["ci_low"] <= nxt["ci_high"] and nxt["ci_low"] <= top["ci_high"]
    start = "**At about 10 years of coding in the United States, "
    if tie:
        assert answer.startswith(start + "no path clearly pays most**")
        assert PATH_NAMES[top["path"]] in answer and PATH_NAMES[nxt["path"]] in answer
    else:
        assert answer.startswith(start + f"{PATH_NAMES[top['path']]} earn the most")
    assert f"\\${top['median']:,.0f}" in answer
    certs = _frame(at, "n_learned")
    shown = certs[certs["status"] != "hidden"]
    for r in shown.itertuples():
        clear = r.ci_low > 0 or r.ci_high < 0
        assert (f"{r.comparison} {r.premium:+.0%}".replace("-", "−") in answer) == clear
        if clear:
            assert f"n = {r.n_learned:,} and {r.n_other:,}" in answer
    if not ((shown["ci_low"] > 0) | (shown["ci_high"] < 0)).any():
        assert "comparisons shows a clear pay difference" in answer
    takeaways = [m.value for m in at.markdown]
    assert any(
        t.startswith("**At about 5 / 10 / 15 years of professional coding") for t in takeaways
    )
    index_line = next(t for t in takeaways if t.startswith("Senior titles"))
    assert "architects" in index_line and "researchers" in index_line
    holds = int(certs["holm_reject"].fillna(False).astype(bool).sum())
    assert f"**{holds} of {len(shown)} comparisons hold after a Holm correction" in " ".join(
        takeaways
    )
    text = _captions(at)
    assert "Stack Overflow" in text and "aijobs.net" in text and "BLS OEWS" in text
    assert "Holm correction" in text and "not which certificate they hold" in text
    assert "no architect role in the 2024 survey" in text
    assert "too few to draw: Architect (0)" in text
    assert "companies in the United States" in text
    assert set(paths["path"]) == {
        "Individual contributor",
        "People manager",
        "Architect",
        "Research",
        "Consultant or independent",
        "Founder or executive",
    }


@needs_data
def test_link_opens_the_country_it_names():
    at = run_page(PAGE, {"country": "Germany"})
    assert not at.exception and not at.warning
    assert at.selectbox(key="country").value == "DE"
    assert len(at.get("plotly_chart")) == 3
    assert "in Germany" in _captions(at)
    answer = at.markdown[0].value
    assert answer.startswith("**At about 10 years of coding in Germany")


@needs_data
def test_junk_link_warns_and_falls_back():
    at = run_page(PAGE, {"country": "<b>Atlantis</b>"})
    assert not at.exception
    assert len(at.warning) == 1 and "Atlantis" not in at.warning[0].value
    assert at.selectbox(key="country").value == "US"
    assert len(at.get("plotly_chart")) == 3


def _certs(**ai: object) -> pd.DataFrame:
    row = {
        "comparison": "AI/ML roles",
        "n_learned": 113,
        "n_other": 89,
        "premium": 0.135,
        "ci_low": -0.032,
        "ci_high": 0.331,
        "p_value": 0.118,
        "holm_reject": False,
        "status": "ok",
    }
    row.update(ai)
    other = dict(row, comparison="All roles", p_value=0.002, holm_reject=True)
    return pd.DataFrame([row, other])


@pytest.mark.parametrize(
    ("ai", "says"),
    [
        ({}, "The interval includes 0: the survey cannot tell this from no difference."),
        (
            {"ci_low": 0.01, "p_value": 0.03},
            "Its interval excludes 0, but not after a Holm correction for the 2 comparisons",
        ),
        (
            {"ci_low": 0.05, "p_value": 0.001, "holm_reject": True},
            "The difference holds after a Holm correction for the 2 comparisons made.",
        ),
        ({"status": "low confidence", "n_other": 20}, "Fewer than 30 on one side"),
        ({"premium": -0.2, "ci_low": -0.3, "ci_high": -0.1}, "earned 20% less**"),
    ],
)
def test_certification_headline_says_how_sure(ai, says):
    text = certification_headline(_certs(**ai))
    assert says in text
    assert text.startswith("**In AI/ML roles, people who learned through online courses")
    if "status" not in ai:
        assert "earned 14% more**" in text or "less" in text


def test_certification_headline_of_a_hidden_group():
    text = certification_headline(
        _certs(status="hidden", n_learned=9, premium=np.nan, ci_low=np.nan, ci_high=np.nan)
    )
    assert text.startswith("**Too few respondents in AI/ML roles to compare** (9 learned")


def _cells(path: str, statuses: list[str], medians: list[float], n: list[int]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "path": path,
            "years": [5, 10, 15],
            "band": ["3–7", "8–12", "13–17"],
            "n": n,
            "median": medians,
            "status": statuses,
        }
    )


def test_paths_headline_marks_thin_cells_and_names_thin_paths():
    cells = pd.concat(
        [
            _cells("People manager", ["low confidence", "ok", "hidden"], [162_000, 160_500, 0],
                   [25, 44, 4]),
            _cells("Research", ["hidden"] * 3, [np.nan] * 3, [8, 5, 2]),
            _cells("Architect", ["hidden"] * 3, [np.nan] * 3, [0, 0, 0]),
        ]
    )  # fmt: skip
    text = paths_headline(cells, "the United States")
    assert text.startswith("**At about 5 / 10 / 15 years of professional coding in the United")
    assert "people managers \\$162,000\\* / \\$160,500 / —" in text
    assert "Too few respondents in those bands to say: architects (0), researchers (15)." in text
    assert "researchers \\$" not in text


def test_index_paths_line_leaves_out_hidden_levels():
    frame = pd.DataFrame(
        {
            "path": ["Architect", "Research", "People manager"],
            "level": ["Senior", "Senior", "Senior"],
            "n": [980, 9, 25],
            "median": [172_200.0, np.nan, 174_600.0],
            "status": ["ok", "hidden", "low confidence"],
        }
    )
    text = index_paths_line(frame)
    assert text == (
        "Senior titles in the salary index: architects \\$172,200 (n = 980); people managers "
        "\\$174,600 (n = 25, under 30)."
    )


@needs_data
@pytest.mark.parametrize(
    ("source", "label"),
    [("app_pages/levels.py", "Beyond engineering"), ("app_pages/overview.py", "career paths")],
)
def test_career_levels_and_overview_link_here(source, label):
    at = default_view(source)
    links = {link.proto.page: link.proto.label for link in at.get("page_link")}
    assert "career_paths" in links, links
    assert label in links["career_paths"]
