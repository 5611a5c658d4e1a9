"""Worked examples for the answer sentences of Industries, Remote work and Trends
(`ui.market_text`): tiny frames written here, expected figures worked by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ui import market_text as h

NAN = np.nan


def _groups(second_high: float = 135_000.0) -> pd.DataFrame:
    """Three industry groups as `industries.industry_groups` returns them (best paid first)."""
    return pd.DataFrame(
        {
            "industry_group": ["Alpha", "Beta", "Gamma"],
            "weighted_median": [150_000.0, 130_000.0, 100_000.0],
            "ci_low": [140_000.0, 125_000.0, 95_000.0],
            "ci_high": [160_000.0, second_high, 105_000.0],
            "tot_emp": [1_000.0, 800.0, 200.0],
            "emp_share": [0.5, 0.4, 0.1],
            "n_used": [2, 1, 3],
            "thin": [False, True, False],
        }
    )


def test_industry_answer_names_the_leader_its_gap_and_whether_it_clears_the_next():
    # $150,000 - $120,000 = $30,000, 30,000 / 120,000 = 25%; Alpha's low $140,000 is above
    # Beta's high $135,000, so Alpha leads clearly.
    assert h.industry_answer(_groups(), 120_000.0, "Data Scientists") == (
        "**For data scientists, Alpha pays most: about $150,000 (≈95% interval "
        "$140,000–$160,000), $30,000 (25%) above the US median of $120,000.** Its interval "
        "clears the next, Beta ($130,000); 1,000 jobs in 2 industries."
    )
    # Beta's high at $145,000 overlaps Alpha's $140,000–$160,000: a tie.
    tied = h.industry_answer(_groups(145_000.0), 120_000.0, "Data Scientists")
    assert "It is statistically tied with Beta ($130,000): their intervals overlap" in tied
    # Rows in any order: the leader is the highest pay, not the first row.
    shuffled = _groups().iloc[[2, 0, 1]]
    assert "Alpha pays most" in h.industry_answer(shuffled, 120_000.0, "Data Scientists")


def test_industry_takeaway_gives_the_range_and_where_the_jobs_are():
    # A fourth, smallest group (Delta, 50 jobs, 4%) is left out of the three largest:
    # Alpha 1,000 + Beta 800 + Gamma 200 jobs hold 40% + 30% + 10% = 80% of the jobs.
    groups = _groups()
    groups["emp_share"] = [0.4, 0.3, 0.1]
    delta = groups.iloc[[2]].assign(industry_group="Delta", tot_emp=50.0, emp_share=0.04)
    delta["weighted_median"] = 110_000.0
    four = pd.concat([groups, delta]).iloc[[3, 1, 2, 0]]
    assert h.industry_takeaway(four) == (
        "Pay runs from $100,000 (Gamma) to $150,000 (Alpha); the three largest groups hold 80% "
        "of the jobs: Alpha 40%, Beta 30%, Gamma 10%."
    )


def test_employment_label_names_the_occupation_it_counts():
    assert h.employment_label("Data Scientists") == "US data scientists employed, all industries"
    assert h.employment_label("All Occupations") == "US jobs, all occupations, all industries"


def test_industry_detail_answer_reads_a_top_coded_median_as_a_floor():
    detail = pd.DataFrame(
        {
            "industry_code": ["523100", "541500", "611300"],
            "industry_name": ["Brokers", "Computer design", "Colleges"],
            "a_median": [NAN, 130_000.0, 90_000.0],
            "a_median_note": ["top-coded", pd.NA, pd.NA],
            "tot_emp": [500.0, 30_000.0, 5_000.0],
            "thin": [True, False, False],
        }
    )
    said = h.industry_detail_answer(
        detail, 120_000.0, "Data Scientists", "industries at 4-digit NAICS", 239_200.0
    )
    # 239,200 - 120,000 = 119,200, at least (the median is only known to be at the cap).
    assert said.startswith(
        "**Among 3 industries at 4-digit NAICS with a published median for data scientists, "
        "Brokers (523100) pays most: ≥ $239,200, at least $119,200 above the US median of "
        "$120,000.** 500 jobs, few jobs: a noisy median. Among industries with more jobs, "
        "Computer design pays most: $130,000 (30,000 jobs)"
    )


def _remote_table() -> pd.DataFrame:
    """`remote.pay_by_remote` output for two levels (hybrid hidden)."""
    rows = [
        ("Entry", "On-site", 100, 100_000, 95_000, 105_000, "ok", 1.0, NAN, NAN),
        ("Entry", "Hybrid", 3, NAN, NAN, NAN, "hidden", NAN, NAN, NAN),
        ("Entry", "Fully remote", 50, 90_000, 85_000, 95_000, "ok", 0.90, 0.85, 0.95),
        ("Senior", "On-site", 200, 150_000, 145_000, 155_000, "ok", 1.0, NAN, NAN),
        ("Senior", "Fully remote", 80, 153_000, 140_000, 160_000, "ok", 1.02, 0.95, 1.08),
    ]
    cols = ["level", "arrangement", "n", "median", "ci_low", "ci_high", "status"]
    return pd.DataFrame(rows, columns=[*cols, "premium", "premium_low", "premium_high"])


def test_remote_answer_counts_levels_by_interval_and_details_the_biggest():
    # Entry: ×0.85–0.95, all below 1 -> less; Senior: ×0.95–1.08 spans 1 -> about the same.
    # Senior holds more remote records (80 > 50).
    assert h.remote_answer(_remote_table(), "At US companies in 2024") == (
        "**At US companies in 2024: fully-remote jobs paid less than on-site ones at 1 of 2 "
        "levels, about the same at 1.** At Senior, the level with the most remote records, "
        "the remote median was $153,000 (95% interval $140,000–$160,000, n = 80) against "
        "$150,000 on-site ($145,000–$155,000, n = 200): ×1.02 (×0.95–1.08)."
    )
    one = _remote_table().query("level == 'Entry'")
    assert h.remote_answer(one, "At US companies in 2024").startswith(
        "**At US companies in 2024: fully-remote jobs paid less than on-site ones at Entry.** "
        "At Entry, the remote median was $90,000"
    )


def test_remote_pay_takeaway_lists_each_levels_ratio():
    assert h.remote_pay_takeaway(_remote_table()) == (
        "Fully-remote median as a multiple of on-site's: Entry ×0.90, Senior ×1.02 (no clear gap)."
    )


def test_remote_share_takeaway_skips_the_partial_year():
    share = pd.DataFrame(
        {
            "year": [2021, 2022, 2023, 2024],
            "n": [40, 200, 1_000, 50],
            "share": [0.60, 0.50, 0.25, 0.10],
            "ci_low": [0.45, 0.43, 0.22, 0.04],
            "ci_high": [0.74, 0.57, 0.28, 0.21],
            "status": ["ok", "ok", "ok", "ok"],
            "partial": [False, False, False, True],
        }
    )
    assert h.remote_share_takeaway(share) == (
        "Fully-remote records fell from 60% in 2021 to 25% in 2023 (95% interval 22%–28%; "
        "n = 1,000 in 2023), partly because the index changed source."
    )
    # The caption's count names its group: all four years, 40 + 200 + 1,000 + 50 = 1,290.
    assert h.share_count_note(share) == "n = 1,290 records, all years (2021–2024)"


def test_policy_answer_reads_each_policy_for_the_hires_metro():
    sim = pd.DataFrame(
        {
            "hub": ["Here, XX"] * 3 + ["There, YY"] * 3,
            "rpp": [90.0] * 3 + [110.0] * 3,
            "tier": [3] * 3 + [1] * 3,
            "policy": ["National rate", "Tiered zones", "Full cost-of-living"] * 2,
            # HQ at price level 110 paying $200,000: full cost of living 200,000 × 90 / 110.
            "pay": [200_000.0, 160_000.0, 163_636.36, 200_000.0, 200_000.0, 200_000.0],
            "purchasing_power": [NAN] * 6,
            "pay_vs_hq": [1.0, 0.8, 0.818, 1.0, 1.0, 1.0],
        }
    )
    assert h.policy_answer(sim, "Here, XX", "There, YY", 200_000.0, "pay") == (
        "**For a hire living in Here, XX (price level 90.0), a There, YY job at $200,000 "
        "pays: national rate $200,000; tiered zones $160,000 (tier 3, 80%); full "
        "cost-of-living $163,636.**"
    )


def _change(low: float, high: float) -> dict:
    adjusted = {
        "change": 0.05, "ci_low": low, "ci_high": high, "n_eff_start": 100.4,
        "n_eff_end": 2_000.0, "median_start": 100_000.0, "median_end": 105_000.0,
    }  # fmt: skip
    raw = {"change": 0.30, "n_start": 150, "n_end": 2_500}
    return {"adjusted": adjusted, "raw": raw}


def test_inflation_short_says_beat_only_when_the_interval_clears_zero():
    assert h.inflation_short(_change(0.01, 0.09), 2021, 2023, 2025, "all levels") == (
        "**For all levels, AI and data pay beat inflation from 2021 to 2023: the median moved "
        "+5.0% in 2025 dollars** (95% interval +1.0% to +9.0%; 100 and 2,000 effective "
        "records)."
    )
    assert "fell behind inflation" in h.inflation_short(_change(-0.09, -0.01), 1, 2, 3, "x")
    assert "neither clearly beat nor trailed" in h.inflation_short(
        _change(-0.02, 0.09), 1, 2, 3, "x"
    )
    assert h.inflation_takeaway(_change(0.01, 0.09)) == (
        "Adjusted +5.0%, raw +30.0% (150 and 2,500 records): the difference is the change in "
        "who was sampled, not pay."
    )


def test_trend_takeaway_uses_first_and_last_full_years_shown():
    series = pd.DataFrame(
        {
            "series": ["Raw"] * 4,
            "year": [2020, 2021, 2022, 2023],
            "median": [5_000.0, 100_000.0, 125_000.0, 90_000.0],
            "status": ["hidden", "ok", "ok", "ok"],
            "partial": [False, False, False, True],
        }
    )
    # 2020 hidden, 2023 partial: 2021 -> 2022, 125 / 100 - 1 = +25%.
    assert h.trend_takeaway(series) == "Raw median $100,000 in 2021 → $125,000 in 2022 (+25%)."
