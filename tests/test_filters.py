"""analysis.filters: the one salary-record filter, on hand-made rows and against the raw CSV."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import filters
from tests.tables import raw_salary_rows, raw_salary_rows_deduplicated, real, tiny


def _rows() -> pd.DataFrame:
    """Nine records: three pass every default filter, the others each fail one."""
    frame = pd.DataFrame(
        {
            "name": ["keep", "keep-de", "employee-us", "contract", "dup", "zero", "nan", "nolvl",
                     "na-dup"],
            "year": [2024, 2023, 2024, 2024, 2024, 2024, 2024, 2025, 2024],
            "level": ["Senior", "Entry", "Mid", "Mid", "Mid", "Mid", "Mid", pd.NA, "Mid"],
            "track": ["ML engineer", "Data scientist", "ML engineer", "ML engineer",
                      "ML engineer", "ML engineer", "ML engineer", "AI engineer", "AI engineer"],
            "employment_type": ["Full-time", "Full-time", "Full-time", "Contract",
                                "Full-time", "Full-time", "Full-time", "Full-time", "Full-time"],
            "salary_usd": [150_000.0, 80_000.0, 120_000.0, 90_000.0, 110_000.0, 0.0, None, 1.0,
                           95_000.0],
            "employee_country": ["US", "DE", "US", "US", "US", "US", "US", "US", "US"],
            "company_country": ["US", "DE", "DE", "US", "US", "US", "US", "US", "US"],
            "is_duplicate": [False, False, False, False, True, False, False, False, pd.NA],
        }
    )  # fmt: skip
    return frame.astype({"level": "string", "is_duplicate": "boolean", "company_country": "string"})


KEPT = ["keep", "keep-de", "employee-us", "na-dup"]
"""The rows the default filters keep (a missing duplicate flag is not a duplicate)."""


def _names(frame: pd.DataFrame) -> list[str]:
    return frame["name"].tolist()


def test_defaults_keep_full_time_known_levels_positive_pay_without_duplicates():
    # Default levels are the four known levels; a missing duplicate flag is not a duplicate.
    assert _names(filters.filter_records(_rows())) == KEPT


def test_country_is_where_the_company_is_not_the_employee():
    salaries = _rows()
    assert _names(filters.filter_records(salaries, country="US")) == ["keep", "na-dup"]
    assert _names(filters.filter_records(salaries, country="DE")) == ["keep-de", "employee-us"]
    outside = filters.filter_records(salaries, country="US", exclude_country=True)
    assert _names(outside) == ["keep-de", "employee-us"]


def test_each_switch_widens_by_its_own_rows():
    salaries = _rows()

    def widened(**switch) -> list[str]:
        return sorted(set(_names(filters.filter_records(salaries, **switch))) - set(KEPT))

    assert widened(full_time_only=False) == ["contract"]
    assert widened(drop_duplicates=False) == ["dup"]
    # levels=None keeps records of unknown level; pay that is missing or 0 is never kept.
    assert widened(levels=None) == ["nolvl"]
    everything = filters.filter_records(
        salaries, levels=None, full_time_only=False, drop_duplicates=False
    )
    assert "zero" not in _names(everything) and "nan" not in _names(everything)
    assert len(everything) == 7


def test_years_levels_and_tracks_select_rows():
    salaries = _rows()
    assert _names(filters.filter_records(salaries, years=[2023])) == ["keep-de"]
    assert _names(filters.filter_records(salaries, levels=["Senior", "Entry"])) == [
        "keep", "keep-de"
    ]  # fmt: skip
    assert _names(filters.filter_records(salaries, tracks=["ML engineer"])) == [
        "keep", "employee-us"
    ]  # fmt: skip
    assert _names(filters.filter_records(salaries, tracks=["AI engineer"])) == ["na-dup"]
    assert filters.filter_records(salaries, years=[2019]).empty  # not an error


def test_columns_index_and_a_new_frame():
    salaries = _rows()
    before = salaries.copy()
    out = filters.filter_records(salaries, columns=["year", "salary_usd"])
    assert list(out.columns) == ["year", "salary_usd"]
    assert list(out.index) == [0, 1, 2, 8]  # rows keep their original index
    out.loc[0, "salary_usd"] = -1.0
    full = filters.filter_records(salaries)
    full.loc[0, "name"] = "changed"
    pd.testing.assert_frame_equal(salaries, before)


def test_latest_full_year_skips_the_partial_snapshot_year():
    years = pd.DataFrame({"year": pd.array([2023, 2025, 2024, None], dtype="Int64")})
    assert filters.latest_full_year(years) == 2024
    assert filters.work_years(years) == [2023, 2024, 2025]
    with pytest.raises(ValueError, match="no complete work year"):
        filters.latest_full_year(pd.DataFrame({"year": [2025]}))


def test_duplicate_share_and_salary_years_on_tiny_tables():
    data = tiny(salaries=_rows())
    # One flagged duplicate of nine records (a missing flag is not a duplicate).
    assert filters.duplicate_share(data) == pytest.approx(1 / 9)
    assert filters.salary_years(data) == ([2023, 2024, 2025], 2024)


# --- the real table against the raw CSV ----------------------------------------------------------


def test_real_duplicate_share_is_the_published_count():
    # PROVENANCE: 39,304 of 74,301 rows (53%) repeat an earlier row exactly.
    raw = raw_salary_rows()
    repeats = len(raw) - len(raw_salary_rows_deduplicated())
    assert (len(raw), repeats) == (74_301, 39_304)
    assert filters.duplicate_share(real()) == pytest.approx(39_304 / 74_301, abs=1e-15)


def test_real_salary_years():
    # PROVENANCE: work years 2020-2025; 2025 covers only the first weeks of January.
    assert filters.salary_years(real()) == ([2020, 2021, 2022, 2023, 2024, 2025], 2024)


@pytest.mark.parametrize("drop", [True, False])
def test_real_us_full_time_counts_by_year_match_the_raw_csv(drop):
    rows = raw_salary_rows_deduplicated() if drop else raw_salary_rows()
    expected: dict[int, int] = {}
    for row in rows:
        if row["company_location"] == "US" and row["employment_type"] == "FT":
            year = int(row["work_year"])
            expected[year] = expected.get(year, 0) + 1
    salaries = real().salaries
    out = filters.filter_records(salaries, country="US", drop_duplicates=drop, columns=["year"])
    assert out["year"].value_counts().to_dict() == expected


def test_real_us_share_is_the_published_one():
    # PROVENANCE: company_location == US in 90.3% of the 74,301 rows.
    raw_us = sum(row["company_location"] == "US" for row in raw_salary_rows())
    every = filters.filter_records(
        real().salaries,
        country="US",
        levels=None,
        full_time_only=False,
        drop_duplicates=False,
        columns=[],
    )
    assert len(every) == raw_us
    assert round(len(every) / 74_301, 3) == 0.903


def _raw_recent(level: str, track: str, *, drop_duplicates: bool = True) -> list[float]:
    """salary_in_usd of full-time records at US companies, 2023-2025, of one level and track
    (taxonomy of the title), from the raw CSV."""
    from analysis import taxonomy

    rows = raw_salary_rows_deduplicated() if drop_duplicates else raw_salary_rows()
    return [
        float(r["salary_in_usd"])
        for r in rows
        if r["experience_level"] == level
        and r["company_location"] == "US"
        and r["employment_type"] == "FT"
        and r["work_year"] in ("2023", "2024", "2025")
        and taxonomy.title_track(r["job_title"]) == track
    ]


def test_comparable_records_match_a_count_of_the_raw_csv():
    values, scope = filters.comparable_records(real(), "Senior", "ML engineer")
    assert sorted(values) == sorted(_raw_recent("SE", "ML engineer"))
    assert scope == (
        "Senior ML engineer records, US companies, full-time, 2023-2025, exact duplicates dropped"
    )
    kept, scope = filters.comparable_records(real(), "Senior", "ML engineer", drop_duplicates=False)
    assert len(kept) == len(_raw_recent("SE", "ML engineer", drop_duplicates=False)) > len(values)
    assert scope.endswith("exact duplicates kept")


def test_comparable_records_count_the_company_country_not_the_employee():
    rows = _rows()
    values, _ = filters.comparable_records(tiny(salaries=rows), "Mid", "ML engineer")
    # "employee-us" works in the US for a German company: not a US record.
    assert sorted(values) == []
    values, _ = filters.comparable_records(tiny(salaries=rows), "Senior", "ML engineer")
    assert list(values) == [150_000.0]
