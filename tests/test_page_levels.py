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


def test_default_view_shows_levels_and_known_figures():
    at = default_view(PAGE)
    assert not at.exception and not at.warning and not at.error
    assert at.title[0].value == "Career levels"
    assert len(at.get("plotly_chart")) == 4
    assert at.multiselect(key="tracks").value == ["ML engineer", "Data scientist"]
    assert at.selectbox(key="country").value == "US"
    assert at.toggle(key="dups").value is False
    assert at.toggle(key="aiml").value is True
    assert at.selectbox(key="occ").value == "15-2051"
    cards = {m.label: m for m in at.metric}
    tracks = ["ML engineer", "Data scientist"]
    assert list(cards) == [f"{track} · {level} median" for track in tracks for level in LEVELS]
    for track in tracks:
        medians = [_dollars(cards[f"{track} · {level} median"].value) for level in LEVELS]
        assert medians == sorted(medians), track  # pay rises with each level
        # Each step-up is this level's median over the previous level's.
        for previous, level in itertools.pairwise(LEVELS):
            delta = cards[f"{track} · {level} median"].proto.delta
            step = float(re.fullmatch(r"×(\d+\.\d+) vs previous level", delta).group(1))
            shown = _dollars(cards[f"{track} · {level} median"].value)
            before = _dollars(cards[f"{track} · {previous} median"].value)
            assert step == pytest.approx(shown / before, abs=0.006), (track, level)
    captions = _captions(at)
    assert "aijobs.net" in captions and "exact duplicates dropped" in captions
    assert "work years 2023–2025" in captions and "companies in United States" in captions
    assert "Stack Overflow" in captions and "US respondents only" in captions
    # The survey chart's n is the sum of its two years, each counted on its own.
    survey = re.search(r"n = ([\d,]+) · ([\d,]+) in 2024[^·]* and ([\d,]+) in 2025", captions)
    total, in_2024, in_2025 = (int(g.replace(",", "")) for g in survey.groups())
    assert total == in_2024 + in_2025 and in_2024 > 0 and in_2025 > 0
    # BLS OEWS May 2025: 262,440 Data Scientists jobs in the US.
    assert "BLS OEWS, May 2025 · Data Scientists, all US employers" in captions
    assert "262,440 jobs" in captions
    assert any("2024" in i.value and "repeat another exactly" in i.value for i in at.info)
    # Company size: "M" is mostly a default, so only small and large are compared; at US
    # companies too few small ones are recorded to compare at any level.
    sizes = next(i.value for i in at.info if "carry the size “M”" in i.value)
    assert "cannot compare startups with large companies" in sizes
    size_table = next(d.value for d in at.dataframe if "size_label" in d.value.columns)
    assert not size_table["size_label"].str.startswith("Medium").any()
    table = at.dataframe[0].value
    assert len(table) == 8 and set(table["track"]) == {"ML engineer", "Data scientist"}
    assert "ci_low" not in table.columns and "median_ci" in table.columns


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
    assert at.metric[0].label == "Data engineer · Entry median"


def test_junk_link_warns_and_falls_back():
    at = run_page(PAGE, {"tracks": "<script>", "country": "XX", "dups": "maybe", "occ": "nope"})
    assert not at.exception
    assert len(at.warning) == 4
    assert at.multiselect(key="tracks").value == ["ML engineer", "Data scientist"]
    assert at.selectbox(key="country").value == "US"
    assert at.toggle(key="dups").value is False
    assert len(at.get("plotly_chart")) == 4
