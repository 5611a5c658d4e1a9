"""analysis.remote: remote-ratio counts from the raw file, remote share, geo-pay policies."""

from __future__ import annotations

import statistics

import pandas as pd
import pytest

from analysis import remote
from analysis.hubs import DEFAULT_HUBS, hub_names
from tests.tables import raw_salary_rows, raw_salary_rows_deduplicated, table


def test_remote_ratio_counts_match_raw_csv():
    counts: dict[int, int] = {}
    for row in raw_salary_rows():
        counts[int(row["remote_ratio"])] = counts.get(int(row["remote_ratio"]), 0) + 1
    assert counts == {0: 58_149, 100: 15_868, 50: 284}
    # PROVENANCE counts every record, duplicates included: drop_duplicates=False.
    every = {"country": None, "full_time_only": False, "drop_duplicates": False}
    out = remote.pay_by_remote(table("salaries"), n_boot=5, **every)
    got = out.groupby("remote_ratio")["n"].sum().to_dict()
    assert got == counts
    share = remote.remote_share(table("salaries"), **every)
    assert share["n_remote"].sum() == counts[100]
    assert share["n"].sum() == sum(counts.values())


def test_default_remote_share_drops_duplicates_matches_raw_csv():
    """Default: US companies, full-time, exact duplicates dropped (csv module + seen set)."""
    n: dict[int, int] = {}
    remote_n: dict[int, int] = {}
    for row in raw_salary_rows_deduplicated():
        if row["company_location"] == "US" and row["employment_type"] == "FT":
            year = int(row["work_year"])
            n[year] = n.get(year, 0) + 1
            remote_n[year] = remote_n.get(year, 0) + (row["remote_ratio"] == "100")
    share = remote.remote_share(table("salaries")).set_index("year")
    assert share["n"].to_dict() == n
    assert share["n_remote"].to_dict() == remote_n


def test_pay_by_remote_medians_match_raw_csv():
    values: list[float] = [
        float(r["salary_in_usd"])
        for r in raw_salary_rows()
        if r["company_location"] == "US"
        and r["employment_type"] == "FT"
        and r["experience_level"] == "SE"
        and r["remote_ratio"] == "100"
        and r["work_year"] == "2024"
    ]
    out = remote.pay_by_remote(
        table("salaries"), level="Senior", year=2024, drop_duplicates=False, n_boot=20
    )
    row = out.set_index("arrangement").loc["Fully remote"]
    assert row["n"] == len(values)
    assert row["median"] == statistics.median(values)
    deduped = [
        float(r["salary_in_usd"])
        for r in raw_salary_rows_deduplicated()
        if r["company_location"] == "US"
        and r["employment_type"] == "FT"
        and r["experience_level"] == "SE"
        and r["remote_ratio"] == "100"
        and r["work_year"] == "2024"
    ]
    default = remote.pay_by_remote(table("salaries"), level="Senior", year=2024, n_boot=20)
    drow = default.set_index("arrangement").loc["Fully remote"]
    assert drow["n"] == len(deduped) < len(values)
    assert drow["median"] == statistics.median(deduped)
    shown = out.loc[out["status"] != "hidden"]
    assert (shown["p25"] <= shown["median"]).all() and (shown["median"] <= shown["p75"]).all()
    assert (shown["ci_low"] <= shown["median"]).all() and (
        shown["median"] <= shown["ci_high"]
    ).all()
    assert out.set_index("arrangement").loc["On-site", "premium"] == 1.0


def test_premium_interval_is_seeded_and_contains_ratio():
    s = table("salaries")
    out = remote.pay_by_remote(s, year=2024, n_boot=100)
    again = remote.pay_by_remote(s, year=2024, n_boot=100)
    pd.testing.assert_frame_equal(out, again)
    ratio = out.dropna(subset=["premium"])
    assert len(ratio) >= 6
    assert (ratio["premium_low"] <= ratio["premium"]).all()
    assert (ratio["premium"] <= ratio["premium_high"]).all()
    onsite = ratio.loc[ratio["remote_ratio"] == 0]
    assert (onsite["premium"] == 1.0).all()
    assert (onsite["premium_low"] <= 1.0).all() and (onsite["premium_high"] >= 1.0).all()
    hidden = out.loc[out["status"] == "hidden"]
    assert hidden[["premium", "premium_low", "premium_high"]].isna().all().all()


def test_pay_by_remote_tiny_premium_interval():
    pays = {
        0: [100_000.0 + 1_000 * i for i in range(40)],
        100: [90_000.0 + 1_000 * i for i in range(40)],
    }
    tiny = pd.DataFrame(
        [
            {
                "year": 2024,
                "level": "Mid",
                "remote_ratio": ratio,
                "salary_usd": pay,
                "company_country": "US",
                "employment_type": "Full-time",
                "is_duplicate": False,
            }
            for ratio, values in pays.items()
            for pay in values
        ]
    )
    out = remote.pay_by_remote(tiny, n_boot=200).set_index("arrangement")
    assert out.loc["Fully remote", "premium"] == pytest.approx(109_500 / 119_500)
    assert out.loc["Fully remote", "premium_low"] < out.loc["Fully remote", "premium"]
    assert out.loc["Fully remote", "premium_high"] > out.loc["Fully remote", "premium"]
    assert out.loc["Fully remote", "premium_high"] < 1.0  # a $10k gap on a 40-point spread


def test_policy_table_is_wide_by_hub():
    sim = remote.geo_policy(_parities(), 150_000.0, HUBS, hq_cbsa="41860")
    wide = remote.policy_table(sim, "pay")
    assert list(wide.columns) == ["hub", "rpp", "tier", *remote.POLICIES]
    assert list(wide["hub"]) == list(HUBS.values())
    assert (wide["National rate"] == 150_000.0).all()
    assert wide.set_index("hub").loc["Austin", "Full cost-of-living"] == pytest.approx(125_000)
    with pytest.raises(ValueError, match="measure"):
        remote.policy_table(sim, "rpp")


def test_remote_share_wilson_interval_contains_share():
    share = remote.remote_share(table("salaries"))
    assert (share["ci_low"] <= share["share"]).all() and (share["share"] <= share["ci_high"]).all()
    assert share.set_index("year").loc[2025, "partial"]
    tiny = pd.DataFrame(
        {
            "year": [2024] * 4,
            "level": ["Mid"] * 4,
            "remote_ratio": [0, 100, 100, 50],
            "salary_usd": [1.0, 2.0, 3.0, 4.0],
            "company_country": ["US"] * 4,
            "employment_type": ["Full-time"] * 4,
            "is_duplicate": [False] * 4,
        }
    )
    row = remote.remote_share(tiny).iloc[0]
    tiny.loc[3, "is_duplicate"] = True
    assert remote.remote_share(tiny).iloc[0]["n"] == 3
    assert remote.remote_share(tiny, drop_duplicates=False).iloc[0]["n"] == 4
    assert (row["n"], row["n_remote"], row["share"]) == (4, 2, 0.5)
    assert row["status"] == "hidden"


def _parities() -> pd.DataFrame:
    rpp = {"41860": 120.0, "12420": 100.0, "17410": 90.0, "19740": 104.3}
    return pd.DataFrame(
        {
            "geo_level": "metro",
            "geo_code": list(rpp),
            "geo_name": list(rpp),
            "year": 2024,
            "all_items": list(rpp.values()),
        }
    )


HUBS = {"41860": "San Francisco", "12420": "Austin", "17410": "Cleveland", "19740": "Denver"}


def test_full_col_gives_equal_purchasing_power_exactly():
    out = remote.geo_policy(_parities(), 187_345.0, HUBS, hq_cbsa="41860")
    col = out.loc[out["policy"] == "Full cost-of-living"]
    assert col["purchasing_power"].nunique() == 1
    assert col.set_index("hub").loc["Austin", "pay"] == pytest.approx(187_345 * 100 / 120)


def test_national_rate_gives_equal_pay():
    out = remote.geo_policy(_parities(), 150_000.0, HUBS, hq_cbsa="41860")
    national = out.loc[out["policy"] == "National rate"].set_index("hub")
    assert (national["pay"] == 150_000.0).all()
    assert national.loc["Cleveland", "purchasing_power"] == pytest.approx(150_000 / 0.9)


def test_tiered_zones_follow_thresholds():
    tiers = remote.Tiers(tier1_min=110, tier2_min=95, tier2_pay=0.9, tier3_pay=0.8)
    out = remote.geo_policy(_parities(), 100_000.0, HUBS, tiers=tiers)
    tiered = out.loc[out["policy"] == "Tiered zones"].set_index("hub")
    assert tiered["tier"].to_dict() == {
        "San Francisco": 1,
        "Austin": 2,
        "Cleveland": 3,
        "Denver": 2,
    }
    assert tiered["pay"].to_dict() == pytest.approx(
        {"San Francisco": 100_000, "Austin": 90_000, "Cleveland": 80_000, "Denver": 90_000}
    )
    assert len(out) == len(HUBS) * len(remote.POLICIES)


def test_geo_policy_bad_inputs():
    with pytest.raises(ValueError, match="positive"):
        remote.geo_policy(_parities(), 0.0, HUBS)
    with pytest.raises(ValueError, match="price level"):
        remote.geo_policy(_parities(), 1.0, {"99999": "Nowhere"})
    with pytest.raises(ValueError, match="tier 1"):
        remote.geo_policy(_parities(), 1.0, HUBS, tiers=remote.Tiers(tier1_min=90, tier2_min=95))


def test_real_hubs_and_hq_median():
    wages, parities = table("wages"), table("price_parities")
    hq = remote.hq_median(wages, "41860", "15-2051")
    assert hq > 0
    names = hub_names(table("metros"))
    out = remote.geo_policy(parities, hq, names)
    assert set(out["hub"]) == set(names.values())
    assert len(names) == len(DEFAULT_HUBS)
    col = out.loc[out["policy"] == "Full cost-of-living"]
    assert col["purchasing_power"].nunique() == 1
    # BEA 2024: San Francisco metro price level 115.613 (US = 100).
    assert col.set_index("cbsa").loc["41860", "rpp"] == pytest.approx(115.613)
