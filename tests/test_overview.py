"""analysis.overview: the headline figures, checked against BLS, BEA and the raw salary CSV."""

from __future__ import annotations

import statistics

import pandas as pd
import pytest

from analysis import overview, taxonomy
from tests.tables import raw_salary_rows_deduplicated, real, tiny

# BLS OEWS May 2025, national, all industries: (employment, annual median).
NATIONAL = {
    "15-2051": (262_440, 120_230),  # Data Scientists
    "15-1221": (37_200, 140_300),  # Computer and Information Research Scientists
    "15-1252": (1_687_890, 135_980),  # Software Developers
    "15-0000": (5_260_110, 109_280),  # Computer and Mathematical Occupations
    "00-0000": (155_495_730, 50_980),  # All Occupations
}
# The ten default hubs: BLS 15-2051 metro median and BEA 2024 all-items price level.
HUBS = {
    "41860": (170_110, 115.613),
    "41940": (185_080, 110.423),
    "42660": (164_740, 111.133),
    "35620": (135_980, 112.563),
    "12420": (127_360, 98.066),
    "19740": (112_520, 105.782),
    "12060": (108_940, 100.058),
    "17410": (101_860, 93.923),
    "28140": (99_870, 92.543),
    "26900": (99_110, 95.696),
}


def test_national_medians_are_the_published_bls_figures():
    out = overview.national_medians(real()).set_index("occ_code")
    assert list(out.index) == ["15-2051", "15-1221", "15-1252", "15-0000", "00-0000"]
    for occ, (employment, median) in NATIONAL.items():
        assert (out.loc[occ, "employment"], out.loc[occ, "median"]) == (employment, median)
        assert out.loc[occ, "vs_all"] == pytest.approx(median / 50_980)
    assert out.loc["00-0000", "vs_all"] == 1.0
    assert out.loc["15-2051", "mean_prse"] == 0.7
    assert out["group"].to_dict() == {
        "15-2051": "Closest to AI/ML (BLS)",
        "15-1221": "Closest to AI/ML (BLS)",
        "15-1252": "Related occupation",
        "15-0000": "All-occupation context",
        "00-0000": "All-occupation context",
    }
    # 15-0000 contains the computer occupations: its employment exceeds theirs combined.
    assert (
        out.loc["15-0000", "employment"]
        > out.loc[["15-2051", "15-1221", "15-1252"]]["employment"].sum()
    )


def test_national_medians_without_everyone_row_gives_nan_ratio():
    wages = pd.DataFrame(
        {
            "area_type": ["national", "national", "metro"],
            "industry_code": ["000000", "541500", "000000"],
            "occ_code": ["15-2051", "15-2051", "00-0000"],
            "occ_title": ["Data Scientists"] * 2 + ["All Occupations"],
            "a_median": [100.0, 200.0, 50.0],
            "a_median_note": [pd.NA] * 3,
            "tot_emp": [5.0, 1.0, 9.0],
            "mean_prse": [1.0, 1.0, 1.0],
        }
    )
    out = overview.national_medians(tiny(wages=wages))
    assert out["occ_code"].tolist() == ["15-2051"]  # the industry and metro rows are not it
    assert out["median"].tolist() == [100.0]
    assert out["vs_all"].isna().all()


@pytest.fixture(scope="module")
def head() -> overview.Headline:
    return overview.headline(real())


def test_headline_top_hubs_are_the_published_leaders(head):
    # In dollars: San Jose (185,080). After BEA prices: the largest median / (RPP / 100).
    real_pay = {cbsa: median / (rpp / 100) for cbsa, (median, rpp) in HUBS.items()}
    leader = max(real_pay, key=real_pay.get)
    assert head.top_nominal["cbsa"] == "41940" and head.top_nominal["median"] == 185_080
    assert head.top_real["cbsa"] == leader
    assert head.top_real["real_median"] == pytest.approx(real_pay[leader], rel=1e-5)
    assert head.hubs_compared == 10


def test_headline_step_up_and_remote_share_match_the_raw_csv(head):
    """Entry-to-senior ML engineer step-up and fully-remote share at US companies, full-time,
    exact duplicates dropped; the step-up pools work years 2023-2025, the share is of the AI
    and data tracks (every taxonomy track but Other) in 2024 (2025 is a partial year in the
    snapshot)."""
    entry, senior, n, remote = [], [], 0, 0
    for row in raw_salary_rows_deduplicated():
        if row["company_location"] != "US" or row["employment_type"] != "FT":
            continue
        year, pay = int(row["work_year"]), float(row["salary_in_usd"])
        track = taxonomy.title_track(row["job_title"])
        if year == 2024 and track != "Other":
            n += 1
            remote += row["remote_ratio"] == "100"
        if year in (2023, 2024, 2025) and track == "ML engineer":
            {"EN": entry, "SE": senior}.get(row["experience_level"], []).append(pay)
    step = head.step
    assert step.ratio == pytest.approx(statistics.median(senior) / statistics.median(entry))
    assert (step.n_from, step.n_to) == (len(entry), len(senior))
    assert step.low < step.ratio < step.high
    assert step.track == "ML engineer" and step.country == "US" and step.drop_duplicates
    assert head.remote_year == 2024 and head.remote_country == "US"
    assert head.remote_n == n
    assert head.remote_share == pytest.approx(remote / n)
    assert head.remote_low < head.remote_share < head.remote_high
    assert head.records == 74_301  # every record in the index (PROVENANCE)


def test_headline_does_not_mutate_the_real_tables():
    names = ("wages", "metros", "price_parities", "salaries")
    before = {name: real().table(name).copy() for name in names}
    overview.national_medians(real())
    overview.headline(real(), "15-1252", "Data scientist")
    for name, frame in before.items():
        pd.testing.assert_frame_equal(real().table(name), frame)
