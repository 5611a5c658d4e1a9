"""analysis.industries: known BLS answers from the raw CSV, combination rules on tiny frames."""

from __future__ import annotations

import csv
from functools import cache

import numpy as np
import pandas as pd
import pytest

from analysis import industries
from analysis.paths import DEFAULT_RAW_DIR
from analysis.stats import Z95
from tests.tables import real, tiny

RAW_CSV = DEFAULT_RAW_DIR / "oews" / "oews_may2025_tech_occupations.csv"


@cache
def _raw_national_rows() -> tuple[dict[str, str], ...]:
    """Raw CSV national rows (values as published)."""
    if not RAW_CSV.is_file():
        pytest.skip("raw OEWS extract not available")
    with open(RAW_CSV, newline="", encoding="utf-8") as handle:
        return tuple(row for row in csv.DictReader(handle) if row["area_type"] == "N")


def _raw_national(occ: str) -> dict[str, dict[str, str]]:
    """Raw national rows of one occupation, keyed by industry code."""
    return {r["industry_code"]: r for r in _raw_national_rows() if r["occ_code"] == occ}


def _number(text: str) -> float:
    return float("nan") if text == "-" else float(text.replace(",", ""))


@pytest.fixture(scope="module")
def detail4() -> pd.DataFrame:
    return industries.industry_detail(real(), depth=4)


@pytest.fixture(scope="module")
def groups() -> pd.DataFrame:
    return industries.industry_groups(real())


def test_every_detail_row_is_the_published_raw_row(detail4):
    raw = _raw_national("15-2051")
    for row in detail4.itertuples():
        published = raw[row.industry_code]
        assert row.industry_name == published["industry_name"]
        for column in ("tot_emp", "emp_prse", "a_median", "a_pct10", "a_pct90", "mean_prse"):
            expected = _number(published[column.upper()])
            assert getattr(row, column) == expected or (
                np.isnan(expected) and np.isnan(getattr(row, column))
            ), (row.industry_code, column)
    # Computer systems design and related services, as BLS publishes it.
    assert detail4.set_index("industry_code").loc["541500", "a_median"] == 132_380


def test_detail_is_sorted_by_median_highest_first(detail4):
    published = detail4["a_median"].dropna()
    assert published.is_monotonic_decreasing
    # Unpublished medians come last.
    assert detail4["a_median"].notna().cummin().eq(detail4["a_median"].notna()).all()


def test_national_total_is_the_published_cross_industry_row():
    nation = industries.national_total(real(), "15-2051")
    assert nation["tot_emp"] == 262_440
    assert nation["a_median"] == 120_230


def test_occupations_are_those_with_national_industry_rows():
    raw_occs = {r["occ_code"] for r in _raw_national_rows() if r["industry_code"] != "000000"}
    out = industries.occupations(real())
    assert set(out["occ_code"]) == raw_occs
    assert out["occ_code"].is_monotonic_increasing and out["occ_code"].is_unique
    assert out.set_index("occ_code").loc["15-2051", "occ_title"] == "Data Scientists"


def test_no_double_counting_at_any_depth(groups):
    total = 262_440
    for depth in industries.DEPTHS:
        detail = industries.industry_detail(real(), depth=depth)
        assert detail["tot_emp"].sum() <= total, depth
        assert detail["industry_code"].is_unique
        assert (detail["naics_level"] == depth).all()
        # Ownership splits (e.g. 622002 hospitals, state government owned) are left out.
        assert not detail["industry_name"].str.contains("Owned").any()
    assert groups["tot_emp"].sum() <= total


def test_group_weights_and_counts_add_up(detail4, groups):
    by_group = groups.set_index("industry_group")
    for group, row in by_group.iterrows():
        members = detail4[detail4["industry_group"] == group]
        usable = members["a_median"].notna() & members["tot_emp"].gt(0)
        assert row["n_codes"] == len(members)
        assert row["n_used"] + row["n_excluded"] == row["n_codes"]
        assert row["tot_emp"] == members["tot_emp"].sum()
        expected = np.average(
            members.loc[usable, "a_median"], weights=members.loc[usable, "tot_emp"]
        )
        assert row["weighted_median"] == pytest.approx(expected)
        assert row["min_median"] <= row["weighted_median"] <= row["max_median"]
    assert groups["weighted_median"].is_monotonic_decreasing


def test_software_group_combines_its_four_digit_industries_from_the_raw_csv(groups):
    # Social networks/streaming (516200) and ride-hail (485300) joined the original four.
    raw = _raw_national("15-2051")
    codes = ("485300", "513200", "516200", "518200", "519200", "541500")
    emp = {c: _number(raw[c]["TOT_EMP"]) for c in codes}
    med = {c: _number(raw[c]["A_MEDIAN"]) for c in codes}
    expected = sum(emp[c] * med[c] for c in codes) / sum(emp.values())
    row = groups.set_index("industry_group").loc["Software and internet"]
    assert row["n_codes"] == 6
    assert row["tot_emp"] == sum(emp.values())
    assert row["weighted_median"] == pytest.approx(expected)
    assert row["emp_share"] == pytest.approx(sum(emp.values()) / 262_440)
    members = {m.split(" ", 1)[0] for m in row["members"].split("; ")}
    assert members == set(codes)
    # Approximate interval from the members' published mean-wage RSEs, independent members.
    rse = {c: _number(raw[c]["MEAN_PRSE"]) / 100 for c in codes}
    total = sum(emp.values())
    half = Z95 * np.sqrt(sum((emp[c] / total * med[c] * rse[c]) ** 2 for c in codes))
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((expected - half, expected + half))


def test_ride_hail_premise_taxi_pays_like_tech_not_like_transport(detail4):
    """4853 (where ride-hail apps are classified) is in Software and internet because its data
    scientists earn far more than in any other transport industry (taxonomy comment)."""
    detail = detail4.set_index("industry_code")
    transport = detail[detail.index.str.match(r"^4[89]") & (detail.index != "485300")]
    taxi = detail.loc["485300"]
    assert taxi["industry_group"] == "Software and internet"
    assert taxi["tot_emp"] >= 1_000
    sizeable = transport[transport["tot_emp"] >= 100]
    assert not sizeable.empty
    assert (taxi["a_median"] > sizeable["a_median"]).all()


def test_groups_report_coverage_of_national_employment(detail4, groups):
    assert groups.attrs["national_emp"] == 262_440
    covered = detail4.loc[detail4["industry_group"].notna(), "tot_emp"].sum()
    assert groups.attrs["coverage"] == pytest.approx(covered / 262_440)
    assert groups.attrs["coverage"] == pytest.approx(groups["emp_share"].sum())
    assert 0.6 < groups.attrs["coverage"] < 0.8  # depth 4 covers about 70%


def test_group_intervals_and_thin_flags(groups):
    by_group = groups.set_index("industry_group")
    shown = by_group[by_group["ci_low"].notna()]
    assert (shown["ci_low"] < shown["weighted_median"]).all()
    assert (shown["weighted_median"] < shown["ci_high"]).all()
    thin = (by_group["tot_emp"] < industries.THIN_JOBS) | (by_group["n_used"] <= 1)
    assert by_group["thin"].tolist() == thin.tolist()
    # Defense and aerospace is one 4-digit industry (3364) with about 1,000 jobs.
    assert by_group.loc["Defense and aerospace", "thin"]
    assert not by_group.loc["Software and internet", "thin"]


# --- tiny frames ---------------------------------------------------------------------------------


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


def test_single_member_interval_comes_from_its_rse():
    frame = _tiny(
        [
            ("000000", "Cross-industry", 0, 10_000.0, 100_000.0, None),
            ("336400", "Aerospace", 4, 5_000.0, 120_000.0, None),
        ]
    )
    frame["mean_prse"] = [1.0, 2.5]
    frame["emp_prse"] = [1.0, 4.0]
    row = industries.industry_groups(tiny(wages=frame)).set_index("industry_group")
    row = row.loc["Defense and aerospace"]
    half = 1.959964 * 120_000 * 0.025
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((120_000 - half, 120_000 + half))
    assert row["emp_prse_approx"] == pytest.approx(4.0)
    assert row["emp_share"] == 0.5
    assert row["thin"]  # 5,000 jobs, but a single industry


def test_topcoded_and_unreleased_members_are_excluded_and_counted():
    frame = _tiny(
        [
            ("000000", "Cross-industry", 0, 1000.0, 100_000.0, None),
            ("522000", "Credit", 3, 300.0, 110_000.0, None),
            ("522100", "Banks", 4, 100.0, 100_000.0, None),
            ("522200", "Nondepository credit", 4, 300.0, 120_000.0, None),
            ("523100", "Brokers", 4, 50.0, np.nan, "top-coded"),
            ("524100", "Insurers", 4, 40.0, np.nan, "not released"),
            ("524200", "Agencies", 4, np.nan, 130_000.0, None),  # employment not released
            ("622002", "Hospitals, State Government Owned", 4, 70.0, 90_000.0, None),
            ("622100", "Hospitals", 4, 200.0, 95_000.0, None),
        ]
    )
    before = frame.copy()
    out = industries.industry_groups(tiny(wages=frame)).set_index("industry_group")
    pd.testing.assert_frame_equal(frame, before)
    finance = out.loc["Finance and insurance"]
    assert finance["weighted_median"] == pytest.approx((100 * 100_000 + 300 * 120_000) / 400)
    assert (finance["n_codes"], finance["n_used"], finance["n_excluded"]) == (5, 2, 3)
    assert finance["n_topcoded"] == 1 and finance["any_topcoded"]
    assert finance["tot_emp"] == 490  # every member with published employment
    assert (finance["min_median"], finance["max_median"]) == (100_000, 130_000)
    health = out.loc["Healthcare and pharma"]
    assert health["n_codes"] == 1  # the ownership split 622002 is not added to 622100
    assert health["weighted_median"] == 95_000
    assert out.attrs["coverage"] == pytest.approx((490 + 200) / 1000)


def test_topcoded_industry_sorts_first():
    frame = _tiny(
        [
            ("000000", "Cross-industry", 0, 1000.0, 100_000.0, None),
            ("522100", "Banks", 4, 100.0, 100_000.0, None),
            ("524100", "Insurers", 4, 40.0, np.nan, "not released"),
            ("523100", "Brokers", 4, 50.0, np.nan, "top-coded"),
        ]
    )
    detail = industries.industry_detail(tiny(wages=frame), depth=4)
    assert detail["industry_code"].tolist() == ["523100", "522100", "524100"]


def test_ownership_rows_are_recognised():
    assert industries.is_ownership_row("999201", "State Government, incl. schools")
    assert industries.is_ownership_row("611005", "Educational Services, Privately Owned")
    assert not industries.is_ownership_row("611000", "Educational Services")


def test_bad_depth_or_occupation_is_a_value_error():
    with pytest.raises(ValueError, match="depth"):
        industries.industry_detail(real(), depth=7)
    with pytest.raises(ValueError, match="99-9999"):
        industries.industry_groups(real(), occ_code="99-9999")
