import pandas as pd
import pytest

from analysis import load, overview, stats
from analysis.paths import DATA_DIR

pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "wages.parquet").is_file(), reason="data/ not built yet"
)


@pytest.fixture(scope="module")
def tables():
    return load.wages(), load.metros(), load.price_parities(), load.salaries()


def test_national_medians_are_the_published_bls_figures(tables):
    wages = tables[0]
    out = overview.national_medians(wages).set_index("occ_code")
    assert out.loc["15-2051", "median"] == 120_230  # BLS OEWS May 2025, Data Scientists
    assert out.loc["15-2051", "employment"] == 262_440
    assert out.loc["00-0000", "vs_all"] == 1.0
    assert list(out.index) == ["15-2051", "15-1221", "15-1252", "15-0000", "00-0000"]
    assert (out.loc["15-2051", "vs_all"] * out.loc["00-0000", "median"]) == pytest.approx(120_230)


def test_headline_top_hubs_and_step_up_are_consistent(tables):
    head = overview.headline(*tables)
    assert head.top_nominal["rank_nominal"] == 1
    assert head.top_real["rank_real"] == 1
    assert head.top_real["real_median"] == pytest.approx(
        head.top_real["median"] / (head.top_real["rpp"] / 100)
    )
    assert head.step_low <= head.step_up <= head.step_high
    assert head.entry_n >= stats.MIN_CONFIDENT and head.senior_n >= stats.MIN_CONFIDENT
    assert head.remote_low <= head.remote_share <= head.remote_high
    assert head.remote_year == 2024  # 2025 is a partial year in the snapshot


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
