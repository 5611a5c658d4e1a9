"""Tests for analysis.taxonomy: title tracks and specializations, NAICS industry groups."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from analysis import taxonomy

RAW = Path(__file__).resolve().parents[2] / "shared" / "data" / "raw"
SALARIES = RAW / "aijobs" / "salaries.csv"
OEWS = RAW / "oews" / "oews_may2025_tech_occupations.csv"


@pytest.fixture(scope="module")
def title_counts() -> Counter[str]:
    """Records per job_title in the real aijobs.net file."""
    if not SALARIES.is_file():
        pytest.skip("raw aijobs/salaries.csv not available")
    with open(SALARIES, newline="", encoding="utf-8") as handle:
        return Counter(row["job_title"] for row in csv.DictReader(handle))


@pytest.fixture(scope="module")
def oews_industries() -> dict[str, str]:
    """industry_code -> industry_name of the real OEWS extract."""
    if not OEWS.is_file():
        pytest.skip("raw OEWS extract not available")
    with open(OEWS, newline="", encoding="utf-8") as handle:
        return {row["industry_code"]: row["industry_name"] for row in csv.DictReader(handle)}


@pytest.mark.parametrize(
    ("title", "track"),
    [
        ("Machine Learning Engineer", "ML engineer"),
        ("ML Engineer", "ML engineer"),
        ("MLOps Engineer", "ML engineer"),
        ("Computer Vision Engineer", "ML engineer"),
        ("NLP Engineer", "ML engineer"),
        ("Deep Learning Engineer", "ML engineer"),
        ("AI Engineer", "AI engineer"),
        ("Prompt Engineer", "AI engineer"),
        ("AI Developer", "AI engineer"),
        ("AI Architect", "AI engineer"),
        ("Generative AI Engineer", "AI engineer"),
        ("Data Scientist", "Data scientist"),
        ("Lead Data Scientist", "Data scientist"),
        ("Applied Scientist", "Research scientist"),
        ("Research Scientist", "Research scientist"),
        ("Research Engineer", "Research scientist"),
        ("AI Research Scientist", "Research scientist"),
        ("Machine Learning Researcher", "Research scientist"),
        ("Data Engineer", "Data engineer"),
        ("AI Data Engineer", "Data engineer"),
        ("Analytics Engineer", "Data engineer"),
        ("Big Data Analyst", "Analyst"),
        ("Head of Data", "Leadership"),
        ("Director of Machine Learning", "Leadership"),
        ("Manager", "Leadership"),
        ("Machine Learning Manager", "Leadership"),
        ("Data Lead", "Leadership"),
        ("Data Analyst", "Analyst"),
        ("BI Analyst", "Analyst"),
        ("Research Analyst", "Analyst"),
        ("Business Intelligence Engineer", "Analyst"),
        ("Product Manager", "Other"),
        ("AI Product Manager", "Other"),
        ("Software Engineer", "Other"),
        ("Bear Robotics", "Other"),
    ],
)
def test_title_track_known_examples(title: str, track: str) -> None:
    assert taxonomy.title_track(title) == track


@pytest.mark.parametrize(
    ("title", "specialization"),
    [
        ("NLP Engineer", "NLP"),
        ("Computer Vision Software Engineer", "Computer vision"),
        ("Deep Learning Researcher", "Deep learning"),
        ("Prompt Engineer", "Generative AI / LLM"),
        ("Generative AI Engineer", "Generative AI / LLM"),
        ("LLM Engineer", "Generative AI / LLM"),
        ("MLOps Engineer", "MLOps / ML infrastructure"),
        ("ML Infrastructure Engineer", "MLOps / ML infrastructure"),
        ("Reinforcement Learning Engineer", "Reinforcement learning"),
        ("Robotics Engineer", "Robotics / autonomy"),
        ("Autonomous Vehicle Technician", "Robotics / autonomy"),
        ("Bear Robotics", "General"),
        ("Data Scientist", "General"),
    ],
)
def test_title_specialization_known_examples(title: str, specialization: str) -> None:
    assert taxonomy.title_specialization(title) == specialization


def test_matching_ignores_case_and_extra_spaces() -> None:
    assert taxonomy.title_track("  machine   learning ENGINEER ") == "ML engineer"


def test_every_real_title_maps_to_a_known_track(title_counts: Counter[str]) -> None:
    assert len(title_counts) == 290
    for title in title_counts:
        assert taxonomy.title_track(title) in taxonomy.TRACKS, title
        assert taxonomy.title_specialization(title) in taxonomy.SPECIALIZATIONS, title


def test_every_track_is_used_by_real_titles(title_counts: Counter[str]) -> None:
    used = {taxonomy.title_track(title) for title in title_counts}
    assert used == set(taxonomy.TRACKS)


def test_each_specialization_in_the_data_has_records(title_counts: Counter[str]) -> None:
    records = Counter()
    for title, n in title_counts.items():
        records[taxonomy.title_specialization(title)] += n
    for specialization in taxonomy.SPECIALIZATIONS:
        if specialization == "Reinforcement learning":
            # No published title mentions reinforcement learning: the bucket is empty.
            assert not any("reinforcement" in title.lower() for title in title_counts)
            assert records[specialization] == 0
        else:
            assert records[specialization] > 0, specialization
    # PROVENANCE.md: Prompt Engineer (45) is the only generative-AI title.
    assert records["Generative AI / LLM"] == title_counts["Prompt Engineer"]


def test_rule_counts_account_for_every_record(title_counts: Counter[str]) -> None:
    titles = pd.Series(list(title_counts.elements()))
    counts = taxonomy.rule_counts(titles)
    for table in ("track", "specialization"):
        part = counts[counts["table"] == table]
        assert part["records"].sum() == len(titles)
        assert part["titles"].sum() == len(title_counts)
    track = counts[counts["table"] == "track"]
    assert len(track) == len(taxonomy.TRACK_RULES) + 1


def test_unmapped_titles_are_exactly_the_default_rule(title_counts: Counter[str]) -> None:
    titles = pd.Series(list(title_counts.elements()))
    unmapped = taxonomy.unmapped_titles(titles)
    default = taxonomy.rule_counts(titles).query("table == 'track' and rule == '(default)'")
    assert unmapped["records"].sum() == default["records"].item()
    assert "Software Engineer" in set(unmapped["title"])
    assert all(taxonomy.title_track(title) == "Other" for title in unmapped["title"])


def test_rule_counts_on_a_tiny_series() -> None:
    titles = pd.Series(["Data Scientist", "Data Scientist", "Chef"])
    counts = taxonomy.rule_counts(titles).set_index(["table", "rule"])["records"]
    assert counts[("track", r"\bdata scientist\b")] == 2
    assert counts[("track", "(default)")] == 1
    assert taxonomy.unmapped_titles(titles).to_dict("records") == [{"title": "Chef", "records": 1}]


@pytest.mark.parametrize(
    ("code", "group"),
    [
        ("541500", "Software and internet"),
        ("5415", "Software and internet"),
        ("513200", "Software and internet"),
        ("511200", "Software and internet"),
        ("518200", "Software and internet"),
        ("519000", "Software and internet"),
        ("541600", "Consulting and professional services"),
        ("541700", "Consulting and professional services"),
        ("52--53", "Finance and insurance"),
        ("5220A1", "Finance and insurance"),
        ("524114", "Finance and insurance"),
        ("336100", "Automotive"),
        ("336300", "Automotive"),
        ("336400", "Defense and aerospace"),
        ("336600", "Manufacturing"),
        ("31--34", "Manufacturing"),
        ("3250A1", "Manufacturing"),
        ("325400", "Healthcare and pharma"),
        ("62--63", "Healthcare and pharma"),
        ("622000", "Healthcare and pharma"),
        ("624000", None),
        ("44--46", "Retail and e-commerce"),
        ("454100", "Retail and e-commerce"),
        ("48--50", None),  # holds 4853 ride-hail as well as freight
        ("481100", "Logistics"),
        ("484000", "Logistics"),
        ("485000", None),  # transit + ride-hail
        ("485100", "Logistics"),
        ("485300", "Software and internet"),  # ride-hail apps are classified here
        ("488500", "Logistics"),
        ("492000", "Logistics"),
        ("493100", "Logistics"),
        ("512000", "Media and entertainment"),
        ("515000", "Media and entertainment"),
        ("516000", None),  # broadcasting + streaming/social networks
        ("516100", "Media and entertainment"),
        ("516200", "Software and internet"),  # social networks, streaming platforms
        ("513200", "Software and internet"),
        ("513100", "Media and entertainment"),
        ("711000", "Media and entertainment"),
        ("61--62", "Education"),
        ("611302", "Education"),
        ("99-100", "Government"),
        ("999100", "Government"),
        ("999200", "Government"),
        ("999300", "Government"),
        ("000000", None),
        ("000001", None),
        ("517000", None),
        ("513000", None),
        ("", None),
    ],
)
def test_industry_group_known_codes(code: str, group: str | None) -> None:
    assert taxonomy.industry_group(code) == group


def test_naics_prefix_forms() -> None:
    assert taxonomy.naics_prefix("541500") == "5415"
    assert taxonomy.naics_prefix("31--34") == "31"
    assert taxonomy.naics_prefix("99-100") == "99"
    assert taxonomy.naics_prefix("3250A1") == "325"
    assert taxonomy.naics_prefix("000000") == ""


# Industry families deliberately outside every group (checked against the real OEWS codes).
NO_GROUP_PREFIXES = (
    "0",  # cross-industry totals 000000 / 000001
    "11",  # agriculture, forestry
    "21",  # mining, oil and gas
    "22",  # utilities
    "23",  # construction
    "42",  # wholesale trade
    "48",  # sector span 48-49 as a whole (freight, transit and ride-hail)
    "485",  # ground passenger transport as a whole (transit and ride-hail)
    "51",  # sector 51 Information as a whole (mixes software, media, telecom)
    "513",  # publishing aggregate (software + newspaper publishers)
    "516",  # broadcasting and content providers (TV + streaming/social networks)
    "517",  # telecommunications
    "53",  # real estate, rental and leasing
    "54",  # sector 54 as a whole
    "55",  # management of companies
    "56",  # administrative and waste services
    "624",  # social assistance
    "71",  # sector 71 as a whole (711 performing arts is Media; 712, 713 are not)
    "712",  # museums
    "713",  # amusement, gambling, recreation
    "72",  # accommodation and food
    "81",  # other services
)


# Sectors that are None only as a whole: some of their subsectors belong to a group.
WHOLE_SECTOR_ONLY = ("48", "485", "51", "516", "54", "71")


def test_every_real_oews_industry_code_maps(oews_industries: dict[str, str]) -> None:
    groups = taxonomy.classify_industries(pd.Series(list(oews_industries)))
    assert len(groups) == len(oews_industries) == 444
    assert set(groups.dropna()) == set(taxonomy.INDUSTRY_GROUPS)
    unmapped = sorted(
        code for code, group in zip(oews_industries, groups, strict=True) if pd.isna(group)
    )
    for code in unmapped:
        prefix = taxonomy.naics_prefix(code) or "0"
        assert any(
            prefix == family or (prefix.startswith(family) and family not in WHOLE_SECTOR_ONLY)
            for family in NO_GROUP_PREFIXES
        ), (code, oews_industries[code])
    # Named expectations from the real file, so a table change shows up here.
    assert oews_industries["541500"] == "Computer Systems Design and Related Services"
    assert oews_industries["999100"] == "Federal Executive Branch (OEWS Designation)"
    # 147 before 485000, 516000 and the sector span 48--50 became mixed aggregates.
    assert len(unmapped) == 150
