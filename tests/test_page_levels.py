"""AppTest of the Career levels page, run through dashboard.py."""

from __future__ import annotations

import itertools
import re

import pytest

from analysis.paths import DATA_DIR
from tests.apptest_helpers import default_view, run_page

PAGE = "app_pages/levels.py"
pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "salaries.parquet").is_file(), reason="data/ not built yet"
)
LEVELS = ("Entry", "Mid", "Senior", "Executive")


def _dollars(text: str) -> float:
    return float(text.replace("$", "").replace(",", ""))


def _captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def test_default_view_answers_first_with_the_growth_of_each_track():
    at = default_view(PAGE)
    assert not at.exception and not at.warning and not at.error
    assert at.title[0].value == "Career levels"
    # US companies record too few small ones to compare sizes: no size chart, only the note.
    assert len(at.get("plotly_chart")) == 3
    assert at.multiselect(key="tracks").value == ["ML engineer", "Data scientist"]
    assert at.selectbox(key="country").value == "US"
    assert at.toggle(key="dups").value is False
    assert at.toggle(key="aiml").value is True
    assert at.selectbox(key="occ").value == "15-2051"
    assert not at.metric  # the answer and the table say it; tiles pushed the chart down
    table = at.dataframe[0].value
    assert len(table) == 8 and set(table["track"]) == {"ML engineer", "Data scientist"}
    assert "ci_low" not in table.columns and "median_ci" in table.columns
    medians = table.set_index(["track", "level"])["median"]
    for track in ("ML engineer", "Data scientist"):
        rows = [medians[(track, level)] for level in LEVELS]
        assert rows == sorted(rows), track  # pay rises with each level
        # Each step-up is this level's median over the previous level's.
        steps = table.set_index(["track", "level"])["step_up"]
        for previous, level in itertools.pairwise(LEVELS):
            ratio = medians[(track, level)] / medians[(track, previous)]
            assert steps[(track, level)] == pytest.approx(ratio, abs=0.006), (track, level)
    # The answer is the first text under the title and names the track whose senior median is
    # the largest multiple of its entry median, with that multiple.
    answer = at.markdown[0].value
    growth = {
        t: medians[(t, "Senior")] / medians[(t, "Entry")] for t in ("ML engineer", "Data scientist")
    }
    leader = max(growth, key=growth.get)
    assert answer.startswith("**Of the tracks you picked, at companies in the United States")
    assert f"{leader} pay grows most from entry to senior: ×{growth[leader]:.2f}**" in answer
    shown = re.search(r"95% interval ×(\d\.\d\d)–×(\d\.\d\d); n = ([\d,]+) entry", answer)
    low, high, n_entry = shown.groups()
    assert float(low) < growth[leader] < float(high)
    counts = table.set_index(["track", "level"])["n"]
    assert int(n_entry.replace(",", "")) == counts[(leader, "Entry")]
    captions = _captions(at)
    assert "aijobs.net" in captions and "exact duplicates dropped" in captions
    assert "2023–2025" in captions and "repeat another: re-posted listings" in captions
    assert "Stack Overflow" in captions and "US respondents only" in captions
    # The survey chart's n is the sum of its two years, each counted on its own.
    survey = re.search(r"n = ([\d,]+) · ([\d,]+) in 2024 and ([\d,]+) in 2025", captions)
    total, in_2024, in_2025 = (int(g.replace(",", "")) for g in survey.groups())
    assert total == in_2024 + in_2025 and in_2024 > 0 and in_2025 > 0
    # BLS OEWS May 2025: 262,440 Data Scientists jobs in the US; percentiles $85,660 (25th),
    # $120,230 (median) and $158,880 (75th), as published.
    assert "BLS OEWS, May 2025 · Data Scientists, all US employers" in captions
    assert "262,440 jobs" in captions
    spread = next(m.value for m in at.markdown if m.value.startswith("**Half of US"))
    assert "\\$85,660 and \\$158,880 a year** (median \\$120,230)" in spread
    # Company size: "M" is mostly a default, so only small and large are compared; at US
    # companies too few small ones are recorded to compare at any level.
    sizes = next(i.value for i in at.info if "carry the size “M”" in i.value)
    assert "cannot compare startups with large companies" in sizes
    size_table = next(d.value for d in at.dataframe if "size_label" in d.value.columns)
    assert not size_table["size_label"].str.startswith("Medium").any()
    assert not any(m.value.startswith("**Small-company median pay") for m in at.markdown)


def test_all_countries_compare_company_sizes_where_both_are_recorded():
    at = run_page(PAGE, {"country": "ALL"})
    assert not at.exception and not at.warning
    assert len(at.get("plotly_chart")) == 4
    size_table = next(d.value for d in at.dataframe if "size_label" in d.value.columns)
    shown = size_table[size_table["status"] != "hidden"]
    both = shown.groupby("level")["size_label"].nunique()
    takeaway = next(m.value for m in at.markdown if m.value.startswith("**Small-company"))
    for level, sizes in both.items():
        assert (f"{level} ×" in takeaway) == (sizes == 2), (level, takeaway)


@pytest.mark.parametrize(
    "link",
    [
        {
            "tracks": ["Data engineer", "Analyst"],
            "country": "All countries",
            "dups": "true",
            "occ": "Software Developers (15-1252)",
        },
        {"tracks": "Data engineer~Analyst", "country": "ALL", "dups": "1", "occ": "15-1252"},
    ],
    ids=["new-link", "old-link"],
)
def test_link_opens_the_view_it_names(link):
    at = run_page(PAGE, link)
    assert not at.exception and not at.warning
    assert at.multiselect(key="tracks").value == ["Data engineer", "Analyst"]
    assert at.selectbox(key="country").value == "ALL"
    assert at.toggle(key="dups").value is True
    assert at.selectbox(key="occ").value == "15-1252"
    captions = _captions(at)
    assert "exact duplicates kept" in captions and "respondents in all countries" in captions
    # BLS OEWS May 2025: 1,687,890 Software Developers jobs in the US.
    assert "Software Developers, all US employers" in captions and "1,687,890 jobs" in captions
    assert set(at.dataframe[0].value["track"]) == {"Data engineer", "Analyst"}
    answer = at.markdown[0].value
    assert answer.startswith("**Of the tracks you picked, at companies in all countries")
    assert "Data engineer" in answer and "Analyst" in answer


def test_junk_link_warns_and_falls_back():
    at = run_page(PAGE, {"tracks": "<script>", "country": "XX", "dups": "maybe", "occ": "nope"})
    assert not at.exception
    assert len(at.warning) == 4
    assert at.multiselect(key="tracks").value == ["ML engineer", "Data scientist"]
    assert at.selectbox(key="country").value == "US"
    assert at.toggle(key="dups").value is False
    assert len(at.get("plotly_chart")) == 3
