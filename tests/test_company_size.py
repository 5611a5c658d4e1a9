"""Pay by company size within each level: counts against the raw file, and the ratio rules."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from analysis import company_size
from tests.tables import raw_salary_rows_deduplicated, real


@pytest.fixture(scope="module")
def table():
    return company_size.pay_by_company_size(real(), None, "US", sizes=("S", "M", "L"))


def test_counts_match_the_raw_file(table):
    # Full-time records of US companies, 2023-2025, exact repeats dropped, four known levels,
    # counted straight from aijobs.net salaries.csv with the csv module.
    names = {"EN": "Entry", "MI": "Mid", "SE": "Senior", "EX": "Executive"}
    raw = Counter(
        (names[r["experience_level"]], r["company_size"])
        for r in raw_salary_rows_deduplicated()
        if r["company_location"] == "US"
        and r["employment_type"] == "FT"
        and r["work_year"] in ("2023", "2024", "2025")
        and r["experience_level"] in names
        and float(r["salary_in_usd"]) > 0
    )
    got = {(r.level, r.size): r.n for r in table.itertuples()}
    assert got == dict(raw)
    # By default only recorded sizes (small and large) are compared: "M" is left out.
    recorded = company_size.pay_by_company_size(real(), None, "US")
    assert set(recorded["size"]) <= {"S", "L"}
    assert {(r.level, r.size): r.n for r in recorded.itertuples()} == {
        k: v for k, v in raw.items() if k[1] in ("S", "L")
    }


def test_large_is_the_reference_and_small_samples_are_hidden(table):
    large = table[table["size"] == "L"]
    assert np.allclose(large["ratio"].dropna(), 1.0)
    assert large["ratio_low"].isna().all()  # no interval for the reference against itself
    hidden = table[table["n"] < 10]
    assert (hidden["status"] == "hidden").all() and hidden["median"].isna().all()
    assert hidden["ratio"].isna().all()
    shown = table[(table["status"] != "hidden") & (table["size"] != "L")].dropna(subset=["ratio"])
    assert (shown["ratio_low"] <= shown["ratio"]).all() and (
        shown["ratio"] <= shown["ratio_high"]
    ).all()


def test_the_medium_size_is_mostly_a_default_since_2022():
    # Full-time records of US companies, exact repeats dropped, counted with the csv module:
    # the share carrying "M" in each work year.
    per_year: dict[int, Counter] = {}
    for r in raw_salary_rows_deduplicated():
        if r["company_location"] == "US" and r["employment_type"] == "FT":
            per_year.setdefault(int(r["work_year"]), Counter())[r["company_size"]] += 1
    got = company_size.size_recording(real(), None, "US").set_index("year")
    for year, counts in per_year.items():
        assert got.loc[year, "n"] == sum(counts.values())
        assert got.loc[year, "default_share"] == pytest.approx(counts["M"] / sum(counts.values()))
    assert got.loc[2024, "default_share"] > 0.97 and got.loc[2021, "default_share"] < 0.5


def test_no_record_is_a_message():
    with pytest.raises(ValueError, match="No salary records"):
        company_size.pay_by_company_size(real(), ["No such track"], "US")


def test_real_pay_is_in_the_latest_cpi_year_dollars():
    import pandas as pd

    from tests.tables import tiny

    # BLS CPI-U, U.S. city average, annual averages (CUUR0000SA0): 2023 304.702, 2025 321.943.
    cpi = pd.DataFrame(
        {"series_id": "CUUR0000SA0", "year": [2023, 2025], "value": [304.702, 321.943]}
    )
    rows = pd.DataFrame(
        {
            "year": 2023,
            "level": "Mid",
            "company_size": ["M"] * 12 + ["L"] * 12,
            "salary_usd": [100_000.0] * 12 + [130_000.0] * 12,
            "employment_type": "Full-time",
            "company_country": "US",
            "track": "ML engineer",
            "is_duplicate": False,
        }
    )
    data = tiny(salaries=rows, cpi=cpi)
    out = company_size.pay_by_company_size(data, None, "US", real=True, n_boot=20)
    assert list(out["size"]) == ["L"]  # "M" is not a recorded size
    both = company_size.pay_by_company_size(
        data, None, "US", sizes=("M", "L"), real=True, n_boot=20
    )
    by = both.set_index("size")
    assert by.loc["M", "median"] == pytest.approx(100_000 * 321.943 / 304.702)
    assert by.loc["L", "median"] == pytest.approx(130_000 * 321.943 / 304.702)
    # Against large companies: 100,000 / 130,000; constant samples give the point as interval.
    assert by.loc["M", "ratio"] == pytest.approx(1 / 1.3)
    assert (by.loc["M", "ratio_low"], by.loc["M", "ratio_high"]) == pytest.approx((1 / 1.3,) * 2)
