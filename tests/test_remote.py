"""analysis.remote: remote-ratio counts from the raw file, remote share, geo-pay policies."""

from __future__ import annotations

import math
import statistics

import pandas as pd
import pytest

from analysis import remote, taxonomy
from analysis.data import Tables
from analysis.filters import LEVELS
from analysis.metros import DEFAULT_HUBS
from analysis.stats import Z95
from tests.tables import raw_salary_rows, raw_salary_rows_deduplicated, real, tiny


def test_remote_ratio_counts_match_the_published_counts():
    counts: dict[int, int] = {}
    for row in raw_salary_rows():
        counts[int(row["remote_ratio"])] = counts.get(int(row["remote_ratio"]), 0) + 1
    assert counts == {0: 58_149, 100: 15_868, 50: 284}  # PROVENANCE
    # PROVENANCE counts every record: duplicates, every country and every track included.
    every = {"country": None, "tracks": None, "full_time_only": False, "drop_duplicates": False}
    out = remote.pay_by_remote(real(), n_boot=5, **every)
    assert out.groupby("remote_ratio")["n"].sum().to_dict() == counts
    share = remote.remote_share(real(), **every)
    assert share["n_remote"].sum() == counts[100]
    assert share["n"].sum() == sum(counts.values())


def _ai_or_data(row: dict[str, str]) -> bool:
    """The default population's tracks: every track of the taxonomy but Other."""
    return taxonomy.title_track(row["job_title"]) != "Other"


def test_default_remote_share_drops_duplicates_matches_raw_csv():
    """Default: US companies, full-time, the AI and data tracks, exact duplicates dropped
    (csv module + seen set, tracks from the taxonomy of the title)."""
    n: dict[int, int] = {}
    remote_n: dict[int, int] = {}
    for row in raw_salary_rows_deduplicated():
        if row["company_location"] == "US" and row["employment_type"] == "FT" and _ai_or_data(row):
            year = int(row["work_year"])
            n[year] = n.get(year, 0) + 1
            remote_n[year] = remote_n.get(year, 0) + (row["remote_ratio"] == "100")
    share = remote.remote_share(real()).set_index("year")
    assert share["n"].to_dict() == n
    assert share["n_remote"].to_dict() == remote_n
    assert share["share"].to_dict() == pytest.approx({y: remote_n[y] / n[y] for y in n})
    assert share.loc[2025, "partial"] and not share.loc[2024, "partial"]
    every_track = remote.remote_share(real(), tracks=None).set_index("year")
    assert (every_track["n"] >= share["n"]).all()
    assert every_track["n"].sum() > share["n"].sum()


def _raw_senior_2024(rows, ratio: str) -> list[float]:
    """Senior, 2024, US companies, full-time, AI and data tracks, one remote ratio."""
    return [
        float(r["salary_in_usd"])
        for r in rows
        if _ai_or_data(r)
        and r["company_location"] == "US"
        and r["employment_type"] == "FT"
        and r["experience_level"] == "SE"
        and r["remote_ratio"] == ratio
        and r["work_year"] == "2024"
    ]


def test_pay_by_remote_medians_and_premium_match_raw_csv():
    out = remote.pay_by_remote(real(), level="Senior", year=2024, drop_duplicates=False, n_boot=20)
    by = out.set_index("arrangement")
    remote_pay = _raw_senior_2024(raw_salary_rows(), "100")
    onsite_pay = _raw_senior_2024(raw_salary_rows(), "0")
    assert by.loc["Fully remote", "n"] == len(remote_pay)
    assert by.loc["Fully remote", "median"] == statistics.median(remote_pay)
    assert by.loc["On-site", "median"] == statistics.median(onsite_pay)
    assert by.loc["Fully remote", "premium"] == pytest.approx(
        statistics.median(remote_pay) / statistics.median(onsite_pay)
    )
    deduped = _raw_senior_2024(raw_salary_rows_deduplicated(), "100")
    default = remote.pay_by_remote(real(), level="Senior", year=2024, n_boot=20)
    drow = default.set_index("arrangement").loc["Fully remote"]
    assert drow["n"] == len(deduped) < len(remote_pay)
    assert drow["median"] == statistics.median(deduped)
    shown = out.loc[out["status"] != "hidden"]
    assert (shown["p25"] <= shown["median"]).all() and (shown["median"] <= shown["p75"]).all()
    assert ((shown["ci_low"] <= shown["median"]) & (shown["median"] <= shown["ci_high"])).all()
    assert by.loc["On-site", "premium"] == 1.0
    assert list(out["arrangement"]) == ["On-site", "Hybrid", "Fully remote"]


@pytest.fixture(scope="module")
def by_remote_2024() -> pd.DataFrame:
    return remote.pay_by_remote(real(), year=2024, n_boot=100)


def test_premium_interval_is_seeded_and_contains_ratio(by_remote_2024):
    again = remote.pay_by_remote(real(), year=2024, n_boot=100)
    pd.testing.assert_frame_equal(by_remote_2024, again)
    ratio = by_remote_2024.dropna(subset=["premium"])
    compared = ratio.loc[ratio["remote_ratio"] != 0]
    assert len(compared) >= 3
    assert (compared["premium_low"] <= compared["premium"]).all()
    assert (compared["premium"] <= compared["premium_high"]).all()
    # On-site is the reference: exactly 1, no interval (comparing a group with itself).
    onsite = ratio.loc[ratio["remote_ratio"] == 0]
    assert len(onsite) >= 3 and (onsite["premium"] == 1.0).all()
    assert onsite[["premium_low", "premium_high"]].isna().all().all()
    hidden = by_remote_2024.loc[by_remote_2024["status"] == "hidden"]
    assert hidden[["premium", "premium_low", "premium_high"]].isna().all().all()
    order = {lv: i for i, lv in enumerate(LEVELS)}
    levels, ratios = by_remote_2024["level"], by_remote_2024["remote_ratio"]
    keys = [(order[lv], r) for lv, r in zip(levels, ratios, strict=True)]
    assert keys == sorted(keys)  # level order, then on-site, hybrid, fully remote


def _records(pays: dict[int, list[float]], **extra) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "year": 2024,
                "level": "Mid",
                "remote_ratio": ratio,
                "salary_usd": pay,
                "company_country": "US",
                "employment_type": "Full-time",
                "is_duplicate": False,
                "track": "ML engineer",
                **extra,
            }
            for ratio, values in pays.items()
            for pay in values
        ]
    )


def test_pay_by_remote_tiny_premium_interval():
    pays = {
        0: [100_000.0 + 1_000 * i for i in range(40)],
        100: [90_000.0 + 1_000 * i for i in range(40)],
    }
    out = remote.pay_by_remote(tiny(salaries=_records(pays)), n_boot=200).set_index("arrangement")
    # Medians: on-site 119,500, fully remote 109,500.
    row = out.loc["Fully remote"]
    assert row["premium"] == pytest.approx(109_500 / 119_500)
    assert row["premium_low"] < row["premium"] < row["premium_high"]
    assert row["premium_high"] < 1.0  # a $10k gap on a 40-point spread
    assert list(out.index) == ["On-site", "Fully remote"]  # no hybrid record: no row


def test_pay_by_remote_errors():
    data = tiny(salaries=_records({0: [1.0] * 12}))
    with pytest.raises(ValueError, match="Unknown level"):
        remote.pay_by_remote(data, level="Intern")
    with pytest.raises(ValueError, match="No salaries"):
        remote.pay_by_remote(data, year=2023)
    with pytest.raises(ValueError, match="No salaries"):
        remote.pay_by_remote(data, country="DE")
    with pytest.raises(ValueError, match="No salaries"):
        remote.pay_by_remote(data, tracks=["Data engineer"])
    other = tiny(salaries=_records({0: [1.0] * 12}, track="Other"))
    with pytest.raises(ValueError, match="No salaries"):
        remote.remote_share(other)  # generic titles are not AI or data jobs by default
    assert remote.remote_share(other, tracks=None).iloc[0]["n"] == 12


def test_remote_share_wilson_interval_hand_worked():
    frame = _records({0: [1.0], 100: [2.0, 3.0], 50: [4.0]})
    row = remote.remote_share(tiny(salaries=frame)).iloc[0]
    assert (row["n"], row["n_remote"], row["share"]) == (4, 2, 0.5)
    # Wilson: (k + z^2/2) / (n + z^2) +- z sqrt(k(n-k)/n + z^2/4) / (n + z^2), k = 2, n = 4.
    z2 = Z95**2
    centre = (2 + z2 / 2) / (4 + z2)
    half = Z95 * math.sqrt(2 * 2 / 4 + z2 / 4) / (4 + z2)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((centre - half, centre + half))
    assert row["status"] == "hidden" and not row["partial"]
    frame.loc[3, "is_duplicate"] = True
    assert remote.remote_share(tiny(salaries=frame)).iloc[0]["n"] == 3
    assert remote.remote_share(tiny(salaries=frame), drop_duplicates=False).iloc[0]["n"] == 4


def test_real_remote_share_interval_contains_share():
    share = remote.remote_share(real())
    assert (share["ci_low"] <= share["share"]).all() and (share["share"] <= share["ci_high"]).all()
    assert share["share"].between(0, 1).all()


# --- geo-pay policies -----------------------------------------------------------------------------

SF, AUSTIN, CLEVELAND, DENVER = "41860", "12420", "17410", "19740"
RPP = {SF: 120.0, AUSTIN: 100.0, CLEVELAND: 90.0, DENVER: 104.3}
HUBS = [SF, AUSTIN, CLEVELAND, DENVER]


def _geo() -> Tables:
    parities = pd.DataFrame(
        {"geo_level": "metro", "geo_code": list(RPP), "year": 2024, "all_items": list(RPP.values())}
    )
    for component in ("goods", "housing", "utilities", "other_services"):
        parities[component] = 100.0
    metros = pd.DataFrame(
        {
            "cbsa": HUBS,
            "short_name": ["San Francisco", "Austin", "Cleveland, OH", "Denver"],
            "title": ["SF", "AUS", "CLE", "DEN"],
            "principal_state": ["CA", "TX", "OH", "CO"],
        }
    ).astype("string")
    return tiny(price_parities=parities, metros=metros)


def test_full_cost_of_living_gives_equal_purchasing_power_exactly():
    out = remote.geo_policy(_geo(), 187_345.0, SF, hubs=HUBS)
    col = out.loc[out["policy"] == "Full cost-of-living"]
    assert col["purchasing_power"].nunique() == 1
    assert col["purchasing_power"].iloc[0] == pytest.approx(187_345 / 1.2)
    assert col.set_index("cbsa").loc[AUSTIN, "pay"] == pytest.approx(187_345 * 100 / 120)
    assert col.set_index("cbsa").loc[AUSTIN, "hub"] == "Austin, TX"


def test_national_rate_gives_equal_pay():
    out = remote.geo_policy(_geo(), 150_000.0, SF, hubs=HUBS)
    national = out.loc[out["policy"] == "National rate"].set_index("cbsa")
    assert (national["pay"] == 150_000.0).all() and (national["pay_vs_hq"] == 1.0).all()
    assert national.loc[CLEVELAND, "purchasing_power"] == pytest.approx(150_000 / 0.9)


def test_tiered_zones_follow_thresholds():
    tiers = remote.Tiers(tier1_min=110, tier2_min=95, tier2_pay=0.9, tier3_pay=0.8)
    out = remote.geo_policy(_geo(), 100_000.0, SF, tiers, hubs=HUBS)
    tiered = out.loc[out["policy"] == "Tiered zones"].set_index("cbsa")
    assert tiered["tier"].to_dict() == {SF: 1, AUSTIN: 2, CLEVELAND: 3, DENVER: 2}
    assert tiered["pay"].to_dict() == pytest.approx(
        {SF: 100_000, AUSTIN: 90_000, CLEVELAND: 80_000, DENVER: 90_000}
    )
    assert len(out) == len(HUBS) * len(remote.POLICIES)
    # A hub exactly at a threshold belongs to the higher tier.
    assert remote.Tiers().tier(108.0) == 1 and remote.Tiers().tier(98.0) == 2


def test_tiers_out_of_order_are_read_in_order_and_said():
    # Tier 1 from 95 below tier 2 from 110; tier 2 paid 70% below tier 3's 85%: both pairs
    # swapped, each said once.
    tiers, said = remote.ordered_tiers(
        remote.Tiers(tier1_min=95, tier2_min=110, tier2_pay=0.7, tier3_pay=0.85)
    )
    got = (tiers.tier1_min, tiers.tier2_min, tiers.tier2_pay, tiers.tier3_pay)
    assert got == (110, 95, 0.85, 0.7)
    assert said == (
        "Tier 1 starts at price level 95, below tier 2's 110: read in order instead, tier 1 "
        "from 110 and tier 2 from 95.",
        "Tier 2 pays 70% of the HQ salary, less than tier 3's 85%: read in order instead, "
        "tier 2 at 85% and tier 3 at 70%.",
    )
    # In order (equal thresholds: tier 2 empty; equal shares): kept as given, nothing said.
    fine = remote.Tiers(tier1_min=100, tier2_min=100, tier2_pay=0.8, tier3_pay=0.8)
    assert remote.ordered_tiers(fine) == (fine, ())
    out = remote.geo_policy(_geo(), 100_000.0, SF, fine, hubs=HUBS)
    assert set(out["tier"]) <= {1, 3}
    with pytest.raises(ValueError, match="pay share"):
        remote.geo_policy(_geo(), 1.0, SF, remote.Tiers(tier2_pay=0.7, tier3_pay=0.8), hubs=HUBS)


def test_hq_outside_the_hubs_still_anchors_full_cost_of_living():
    out = remote.geo_policy(_geo(), 120_000.0, SF, hubs=[AUSTIN, CLEVELAND])
    assert set(out["cbsa"]) == {AUSTIN, CLEVELAND}
    col = out.loc[out["policy"] == "Full cost-of-living"].set_index("cbsa")
    assert col.loc[CLEVELAND, "pay"] == pytest.approx(120_000 * 90 / 120)


def test_policy_table_is_wide_by_hub():
    wide = remote.policy_table(_geo(), 150_000.0, SF)
    # Default hubs that the tiny metros table knows, in the default hubs' order.
    assert list(wide.columns) == ["hub", "rpp", "tier", *remote.POLICIES]
    assert list(wide["hub"]) == ["San Francisco, CA", "Austin, TX", "Denver, CO", "Cleveland, OH"]
    assert (wide["National rate"] == 150_000.0).all()
    by = wide.set_index("hub")
    assert by.loc["Austin, TX", "Full cost-of-living"] == pytest.approx(125_000)
    power = remote.policy_table(_geo(), 150_000.0, SF, measure="purchasing_power")
    assert power.set_index("hub").loc["Cleveland, OH", "National rate"] == pytest.approx(
        150_000 / 0.9
    )
    with pytest.raises(ValueError, match="measure"):
        remote.policy_table(_geo(), 150_000.0, SF, measure="rpp")


def test_geo_policy_bad_inputs():
    with pytest.raises(ValueError, match="positive"):
        remote.geo_policy(_geo(), 0.0, SF, hubs=HUBS)
    with pytest.raises(ValueError, match="positive"):
        remote.geo_policy(_geo(), float("nan"), SF, hubs=HUBS)
    with pytest.raises(ValueError, match="at least one hub"):
        remote.geo_policy(_geo(), 1.0, SF, hubs=["99999"])
    with pytest.raises(ValueError, match="tier 1"):
        remote.geo_policy(_geo(), 1.0, SF, remote.Tiers(tier1_min=90, tier2_min=95), hubs=HUBS)
    with pytest.raises(ValueError, match="Unknown policy"):
        remote.geo_policy(_geo(), 1.0, SF, hubs=HUBS, policies=["Pay less"])


def test_hub_parities_name_the_hubs_bea_does_not_price():
    with pytest.raises(ValueError, match="Nowhere"):
        remote.hub_parities(_geo(), {SF: "San Francisco", "99999": "Nowhere"})


def test_hq_median_refuses_a_median_bls_does_not_publish():
    wages = pd.DataFrame(
        {
            "area_type": "metro",
            "cbsa": ["11111", "22222"],
            "industry_code": "000000",
            "occ_code": "15-2051",
            "a_median": [float("nan"), 100_000.0],
            "a_median_note": ["top-coded", pd.NA],
        }
    )
    data = tiny(wages=wages)
    assert remote.hq_median(data, "22222", "15-2051") == 100_000.0
    with pytest.raises(ValueError, match="top-coded"):
        remote.hq_median(data, "11111", "15-2051")
    with pytest.raises(ValueError, match="no median"):
        remote.hq_median(data, "33333", "15-2051")


def test_real_hubs_and_hq_median():
    hq = remote.hq_median(real(), SF, "15-2051")
    assert hq == 170_110  # BLS OEWS May 2025, San Francisco, Data Scientists
    out = remote.geo_policy(real(), hq, SF)
    assert len(out) == len(DEFAULT_HUBS) * len(remote.POLICIES)
    assert list(out["cbsa"].drop_duplicates()) == list(DEFAULT_HUBS)
    col = out.loc[out["policy"] == "Full cost-of-living"].set_index("cbsa")
    # BEA RPP 2024 all items: San Francisco 115.613, Cleveland 93.923 (US = 100).
    assert col.loc[SF, "rpp"] == pytest.approx(115.613, abs=5e-4)
    assert col.loc[CLEVELAND, "pay"] == pytest.approx(170_110 * 93.923 / 115.613, rel=1e-5)
    assert col["purchasing_power"].nunique() == 1
    assert col["purchasing_power"].iloc[0] == pytest.approx(170_110 / 1.15613, rel=1e-5)


def test_real_frames_are_not_mutated():
    names = ("salaries", "wages", "metros", "price_parities")
    before = {name: real().table(name).copy() for name in names}
    remote.pay_by_remote(real(), level="Entry", year=2024, n_boot=5)
    remote.remote_share(real())
    remote.geo_policy(real(), 150_000.0)
    for name, frame in before.items():
        pd.testing.assert_frame_equal(real().table(name), frame)
