"""analysis.occupations: salary-index titles matched to certified LCA titles, worked by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import occupations
from tests.tables import real, tiny

SALARIES = pd.DataFrame(
    {
        "track": ["ML engineer"] * 6 + ["Data scientist"] * 2 + ["Other"],
        "title": ["ML Engineer"] * 3
        + ["Machine Learning Engineer"]
        + ["Robotics Engineer"] * 2
        + ["Data Scientist"] * 2
        + ["Zzz"],
    }
)
SOC_2018, CROSSWALKED, KEPT = (
    "SOC 2018",
    "SOC 2010, moved to 2018 by the BLS crosswalk",
    "not a SOC 2018 code: kept as filed",
)
LCA = pd.DataFrame(
    [
        ("ML ENGINEER", "15-1252", "15-1252", SOC_2018, "Software Developers", 8),
        ("ML ENGINEER", "15-2051", "15-2051", SOC_2018, "Data Scientists", 2),
        ("MACHINE LEARNING ENGINEER", "15-1252", "15-1252", SOC_2018, "Software Developers", 1),
        ("MACHINE LEARNING ENGINEER", "15-1132", "15-1252", CROSSWALKED, "Software Developers", 1),
        ("MACHINE LEARNING ENGINEER", "15-2051", "15-2051", SOC_2018, "Data Scientists", 2),
        ("DATA SCIENTIST", "15-2051", "15-2051", SOC_2018, "Data Scientists", 9),
        ("DATA SCIENTIST", "15-1199.08", "15-1199.08", KEPT, "Business Intelligence Analysts", 1),
        ("ACCOUNTANT", "13-2011", "13-2011", SOC_2018, "Accountants and Auditors", 50),
    ],
    columns=["title", "soc_filed", "soc", "soc_basis", "soc_title", "filings"],
)


@pytest.fixture
def data():
    return tiny(salaries=SALARIES, lca_titles=LCA)


def test_titles_are_cleaned_the_way_the_lca_titles_were():
    assert occupations.lca_title("Sr. Data Scientist, ML") == "SR DATA SCIENTIST ML"
    assert occupations.lca_title(" ml engineer ") == "ML ENGINEER"


def test_each_salary_title_gets_the_filings_of_its_exact_match(data):
    matches = occupations.title_matches(data)
    mle = matches[matches["title"] == "Machine Learning Engineer"].set_index("soc")
    # 15-1252 as filed (1) and moved from 15-1132 (1)
    assert mle["filings"].to_dict() == {"15-1252": 2, "15-2051": 2}
    assert mle["records"].tolist() == [1, 1]
    unmatched = matches[matches["title"].isin(["Robotics Engineer", "Zzz"])]
    assert unmatched["filings"].tolist() == [0, 0] and unmatched["soc"].isna().all()


def test_track_shares_of_filings_and_weights_by_records(data):
    table = occupations.track_occupations(data).set_index(["track", "soc"])
    ml = table.loc["ML engineer"]
    # filings: 15-1252 8 + 2 = 10, 15-2051 2 + 2 = 4 -> 10/14 and 4/14
    assert ml["filings"].to_dict() == {"15-1252": 10, "15-2051": 4}
    assert ml.at["15-1252", "share"] == pytest.approx(10 / 14)
    # records: ML Engineer (3) files 8/10 as 15-1252, Machine Learning Engineer (1) 2/4:
    # (3 x 0.8 + 1 x 0.5) / 4 = 0.725; 15-2051 (3 x 0.2 + 1 x 0.5) / 4 = 0.275
    assert ml.at["15-1252", "weight"] == pytest.approx(0.725)
    assert ml.at["15-2051", "weight"] == pytest.approx(0.275)
    assert ml["titles"].tolist() == [2, 2]
    # Robotics Engineer (2 records) has no LCA match: 4 of the track's 6 records speak
    assert ml["matched_records"].tolist() == [4, 4] and ml["records"].tolist() == [6, 6]
    ds = table.loc["Data scientist"]
    assert ds.at["15-2051", "weight"] == pytest.approx(0.9)
    assert not ds.at["15-1199.08", "soc_2018"]
    assert "Other" not in table.index.get_level_values("track")  # 'Zzz' matches nothing
    assert list(occupations.track_occupations(data, top=1)["soc"]) == ["15-1252", "15-2051"]


def test_mixture_weights_keep_soc_2018_codes_and_rescale(data):
    weights = occupations.mixture_weights(data)
    assert weights["ML engineer"] == pytest.approx({"15-1252": 0.725, "15-2051": 0.275})
    # 15-1199.08 (kept as filed, no BLS wages) leaves 15-2051 alone
    assert weights["Data scientist"] == {"15-2051": 1.0}
    assert set(weights) == {"ML engineer", "Data scientist"}
    # 0.275 is under 0.3: dropped, and 15-1252 takes the whole track
    assert occupations.mixture_weights(data, min_weight=0.3)["ML engineer"] == {"15-1252": 1.0}
    with pytest.raises(ValueError, match="min_weight"):
        occupations.mixture_weights(data, min_weight=1)


def test_real_machine_learning_engineer():
    matches = occupations.title_matches(real())
    mle = matches[matches["title"] == "Machine Learning Engineer"].set_index("soc")["filings"]
    # PROVENANCE: 1,375 filed as 15-1252 and 62 as 15-1221. The raw shards (summed with the
    # json module) also file the title 106 times as 15-1132 and 212 as 15-1133 (SOC 2010
    # Software Developers, Applications / Systems Software) and 40 as 15-1111 (SOC 2010
    # Computer and Information Research Scientists), which the BLS crosswalk moves whole to
    # 15-1252 and 15-1221.
    assert mle["15-1252"] == 1_375 + 106 + 212
    assert mle["15-1221"] == 62 + 40
    weights = occupations.mixture_weights(real())["ML engineer"]
    assert next(iter(weights)) == "15-1252" and sum(weights.values()) == pytest.approx(1.0)
