import pandas as pd
import pytest

from analysis import levels, load, overview, remote, stats
from analysis.paths import DATA_DIR

pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "wages.parquet").is_file(), reason="data/ not built yet"
)


@pytest.fixture(scope="module")
def tables():
    return (
        load.load_table("wages"),
        load.load_table("metros"),
        load.load_table("price_parities"),
        load.load_table("salaries"),
    )


def test_national_medians_are_the_published_bls_figures(tables):
    wages = tables[0]
    out = overview.national_medians(wages).set_index("occ_code")
    assert out.loc["15-2051", "median"] == 120_230  # BLS OEWS May 2025, Data Scientists
    assert out.loc["15-2051", "employment"] == 262_440
    assert out.loc["00-0000", "vs_all"] == 1.0
    assert list(out.index) == ["15-2051", "15-1221", "15-1252", "15-0000", "00-0000"]
    assert out["group"].to_dict() == {
        "15-2051": "AI/ML occupation",
        "15-1221": "AI/ML occupation",
        "15-1252": "Related occupation",
        "15-0000": "All-occupation context",
        "00-0000": "All-occupation context",
    }
    # 15-0000 contains the computer occupations: its employment exceeds theirs combined.
    parts = out.loc[["15-2051", "15-1221", "15-1252"], "employment"].sum()
    assert out.loc["15-0000", "employment"] > parts
    assert (out.loc["15-2051", "vs_all"] * out.loc["00-0000", "median"]) == pytest.approx(120_230)


def test_headline_top_hubs_and_step_up_are_consistent(tables):
    head = overview.headline(*tables)
    assert head.top_nominal["rank_nominal"] == 1
    assert head.top_real["rank_real"] == 1
    assert head.top_real["real_median"] == pytest.approx(
        head.top_real["median"] / (head.top_real["rpp"] / 100)
    )
    step = head.step
    assert step.low <= step.ratio <= step.high
    assert step.n_from >= stats.MIN_CONFIDENT and step.n_to >= stats.MIN_CONFIDENT
    assert step.country == "US" and step.drop_duplicates
    # The same numbers as the Career levels page: levels.step_up with its defaults.
    assert step == levels.step_up(tables[3], "ML engineer", "Entry", "Senior")
    curve = levels.progression(tables[3], "ML engineer", n_boot=10).set_index("level")
    assert step.ratio == pytest.approx(curve.loc["Senior", "median"] / curve.loc["Entry", "median"])
    assert head.remote_low <= head.remote_share <= head.remote_high
    assert head.remote_year == 2024  # 2025 is a partial year in the snapshot
    # Remote share: US companies, full-time, duplicates dropped (remote.remote_share defaults).
    us = remote.remote_share(tables[3]).set_index("year").loc[2024]
    assert (head.remote_share, head.remote_n) == (us["share"], us["n"])
    assert head.remote_country == "US"


def test_national_medians_without_everyone_row_gives_nan_ratio():
    wages = pd.DataFrame(
        {
            "area_type": ["national"],
            "industry_code": ["000000"],
            "occ_code": ["15-2051"],
            "occ_title": ["Data Scientists"],
            "a_median": [100.0],
            "a_median_note": [pd.NA],
            "tot_emp": [5.0],
            "mean_prse": [1.0],
        }
    )
    out = overview.national_medians(wages)
    assert out["vs_all"].isna().all()
