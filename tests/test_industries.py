"""Tests for analysis.industries: known BLS answers from the raw CSV, combination rules."""

from __future__ import annotations

import csv
from functools import cache

import numpy as np
import pandas as pd
import pytest

from analysis import industries, load
from analysis.paths import DEFAULT_RAW_DIR

RAW_CSV = DEFAULT_RAW_DIR / "oews" / "oews_may2025_tech_occupations.csv"


@cache
def _wages() -> pd.DataFrame:
    """The processed `wages` table, or the OEWS reader's output while data/ is being built."""
    try:
        return load.load_table("wages")
    except load.DataUnavailable:
        if not RAW_CSV.is_file():
            pytest.skip("neither data/ nor the raw OEWS extract is available")
        from databuild.sources import oews

        return oews.read(DEFAULT_RAW_DIR).tables["wages"]


@cache
def _raw_national(occ: str) -> dict[str, dict[str, str]]:
    """Raw CSV national rows of one occupation, keyed by industry code (values as published)."""
    if not RAW_CSV.is_file():
        pytest.skip("raw OEWS extract not available")
    with open(RAW_CSV, newline="", encoding="utf-8") as handle:
        return {
            row["industry_code"]: row
            for row in csv.DictReader(handle)
            if row["area_type"] == "N" and row["occ_code"] == occ
        }


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def test_detail_medians_match_the_raw_csv():
    raw = _raw_national("15-2051")
    detail = industries.industry_detail(_wages(), depth=4).set_index("industry_code")
    for code in ("541500", "513200", "524100", "336400"):
        assert detail.loc[code, "a_median"] == _number(raw[code]["A_MEDIAN"])
        assert detail.loc[code, "tot_emp"] == _number(raw[code]["TOT_EMP"])
        assert detail.loc[code, "emp_prse"] == _number(raw[code]["EMP_PRSE"])
    # Computer systems design and related services, as BLS publishes it.
    assert detail.loc["541500", "a_median"] == 132_380


def test_national_total_is_the_published_cross_industry_row():
    nation = industries.national_total(_wages(), "15-2051")
    assert nation["tot_emp"] == 262_440
    assert nation["a_median"] == 120_230


def test_no_double_counting_at_any_depth():
    wages = _wages()
    total = industries.national_total(wages, "15-2051")["tot_emp"]
    for depth in industries.DEPTHS:
        detail = industries.industry_detail(wages, depth=depth)
        assert detail["tot_emp"].sum() <= total, depth
        assert detail["industry_code"].is_unique
        assert (detail["naics_level"] == depth).all()
        # Ownership splits (e.g. 622002 hospitals, state government owned) are left out.
        assert not detail["industry_name"].str.contains("Owned").any()
    groups = industries.industry_groups(wages)
    assert groups["tot_emp"].sum() <= total


def test_group_weights_and_counts_add_up():
    wages = _wages()
    detail = industries.industry_detail(wages, depth=4)
    groups = industries.industry_groups(wages).set_index("industry_group")
    for group, row in groups.iterrows():
        members = detail[detail["industry_group"] == group]
        usable = members["a_median"].notna() & members["tot_emp"].gt(0)
        assert row["n_codes"] == len(members)
        assert row["n_used"] + row["n_excluded"] == row["n_codes"]
        assert row["tot_emp"] == members["tot_emp"].sum()
        weights = members.loc[usable, "tot_emp"] / members.loc[usable, "tot_emp"].sum()
        assert weights.sum() == pytest.approx(1.0)
        expected = (weights * members.loc[usable, "a_median"]).sum()
        assert row["weighted_median"] == pytest.approx(expected)
        assert row["min_median"] <= row["weighted_median"] <= row["max_median"]


def test_software_group_combines_its_four_digit_industries_from_the_raw_csv():
    # Social networks/streaming (516200) and ride-hail (485300) joined the original four.
    raw = _raw_national("15-2051")
    codes = ("485300", "513200", "516200", "518200", "519200", "541500")
    emp = {c: _number(raw[c]["TOT_EMP"]) for c in codes}
    med = {c: _number(raw[c]["A_MEDIAN"]) for c in codes}
    expected = sum(emp[c] * med[c] for c in codes) / sum(emp.values())
    row = (
        industries.industry_groups(_wages())
        .set_index("industry_group")
        .loc["Software and internet"]
    )
    assert row["n_codes"] == 6
    assert row["tot_emp"] == sum(emp.values())
    assert row["weighted_median"] == pytest.approx(expected)
    members = {m.split(" ", 1)[0] for m in row["members"].split("; ")}
    assert members == set(codes)


def test_ride_hail_premise_taxi_pays_like_tech_not_like_transport():
    """4853 (where ride-hail apps are classified) is in Software and internet because its data
    scientists earn far more than in any other transport industry (taxonomy comment)."""
    detail = industries.industry_detail(_wages(), depth=4).set_index("industry_code")
    transport = detail[detail.index.str.match(r"^4[89]") & (detail.index != "485300")]
    taxi = detail.loc["485300"]
    assert taxi["industry_group"] == "Software and internet"
    assert taxi["tot_emp"] >= 1_000
    # Above the median of every other transport industry with 100+ jobs.
    sizeable = transport[transport["tot_emp"] >= 100]
    assert not sizeable.empty
    assert (taxi["a_median"] > sizeable["a_median"]).all()


def test_groups_report_coverage_of_national_employment():
    wages = _wages()
    groups = industries.industry_groups(wages)
    total = industries.national_total(wages, "15-2051")["tot_emp"]
    assert groups.attrs["national_emp"] == total == 262_440
    detail = industries.industry_detail(wages, depth=4)
    covered = detail.loc[detail["industry_group"].notna(), "tot_emp"].sum()
    assert groups.attrs["coverage"] == pytest.approx(covered / total)
    assert groups.attrs["coverage"] == pytest.approx(groups["emp_share"].sum())
    assert 0.6 < groups.attrs["coverage"] < 0.8  # depth 4 covers about 70%


def test_group_intervals_and_thin_flags():
    groups = industries.industry_groups(_wages()).set_index("industry_group")
    shown = groups[groups["ci_low"].notna()]
    assert (shown["ci_low"] < shown["weighted_median"]).all()
    assert (shown["weighted_median"] < shown["ci_high"]).all()
    thin = (groups["tot_emp"] < industries.THIN_JOBS) | (groups["n_used"] <= 1)
    assert groups["thin"].tolist() == thin.tolist()
    # Defense and aerospace is one 4-digit industry (3364) with about 1,000 jobs.
    assert groups.loc["Defense and aerospace", "thin"]
    assert not groups.loc["Software and internet", "thin"]


def test_single_member_interval_comes_from_its_rse():
    frame = _tiny(
        [
            ("000000", "Cross-industry", 0, 1000.0, 100_000.0, None),
            ("336400", "Aerospace", 4, 500.0, 120_000.0, None),
        ]
    )
    frame["mean_prse"] = [1.0, 2.5]
    row = industries.industry_groups(frame).set_index("industry_group").loc["Defense and aerospace"]
    half = industries.Z95 * 120_000 * 0.025
    assert row["ci_low"] == pytest.approx(120_000 - half)
    assert row["ci_high"] == pytest.approx(120_000 + half)
    assert row["thin"]


def test_topcode_note_only_claims_what_is_in_view():
    assert (
        industries.topcode_note(0) == "BLS marks some wages only as ≥ $239,200; none in this view"
    )
    assert industries.topcode_note(2).startswith("2 values BLS publishes only as ≥ $239,200")


def _tiny(rows: list[tuple[str, str, int, float, float, str | None]]) -> pd.DataFrame:
    """Tiny wages frame: (code, name, level, employment, median, median note), 15-2051."""
    frame = pd.DataFrame(
        [
            {
                "area_type": "national",
                "occ_code": "15-2051",
                "occ_title": "Data Scientists",
                "industry_code": code,
                "industry_name": name,
                "naics_level": level,
                "tot_emp": emp,
                "a_median": median,
                "a_median_note": note,
            }
            for code, name, level, emp, median, note in rows
        ]
    )
    for column in industries.DETAIL_COLUMNS:
        if column not in frame:
            frame[column] = np.nan if not column.endswith("_note") else pd.NA
    return frame


def test_topcoded_and_unreleased_members_are_excluded_and_counted():
    frame = _tiny(
        [
            ("000000", "Cross-industry", 0, 1000.0, 100_000.0, None),
            ("522000", "Credit", 3, 300.0, 110_000.0, None),
            ("522100", "Banks", 4, 100.0, 100_000.0, None),
            ("522200", "Nondepository credit", 4, 300.0, 120_000.0, None),
            ("523100", "Brokers", 4, 50.0, np.nan, "top-coded"),
            ("524100", "Insurers", 4, 40.0, np.nan, "not released"),
            ("622002", "Hospitals, State Government Owned", 4, 70.0, 90_000.0, None),
            ("622100", "Hospitals", 4, 200.0, 95_000.0, None),
        ]
    )
    before = frame.copy()
    groups = industries.industry_groups(frame).set_index("industry_group")
    pd.testing.assert_frame_equal(frame, before)
    finance = groups.loc["Finance and insurance"]
    assert finance["weighted_median"] == pytest.approx((100 * 100_000 + 300 * 120_000) / 400)
    assert (finance["n_codes"], finance["n_used"], finance["n_excluded"]) == (4, 2, 2)
    assert finance["n_topcoded"] == 1 and finance["any_topcoded"]
    assert finance["tot_emp"] == 490
    health = groups.loc["Healthcare and pharma"]
    assert health["n_codes"] == 1  # the ownership split 622002 is not added to 622100
    assert health["weighted_median"] == 95_000


def test_topcoded_industry_sorts_first_and_displays_as_a_lower_bound():
    frame = _tiny(
        [
            ("000000", "Cross-industry", 0, 1000.0, 100_000.0, None),
            ("522100", "Banks", 4, 100.0, 100_000.0, None),
            ("523100", "Brokers", 4, 50.0, np.nan, "top-coded"),
        ]
    )
    detail = industries.industry_detail(frame, depth=4)
    assert detail["industry_code"].tolist() == ["523100", "522100"]
    assert industries.wage_text(np.nan, "top-coded") == "≥ $239,200"
    assert industries.wage_text(120_230.0, None) == "$120,230"
    assert industries.wage_text(np.nan, "not released") == "— (not released)"


def test_bad_depth_or_occupation_is_a_value_error():
    with pytest.raises(ValueError, match="depth"):
        industries.industry_detail(_wages(), depth=7)
    with pytest.raises(ValueError, match="99-9999"):
        industries.industry_groups(_wages(), occ_code="99-9999")
