"""Pay by company size within each level: counts against the raw file, and the ratio rules."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from analysis import company_size
from tests.tables import raw_salary_rows_deduplicated, real


@pytest.fixture(scope="module")
def table():
    return company_size.pay_by_company_size(real(), None, "US")


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


def test_medium_is_the_reference_and_small_samples_are_hidden(table):
    medium = table[table["size"] == "M"]
    assert np.allclose(medium["ratio"].dropna(), 1.0)
    hidden = table[table["n"] < 10]
    assert (hidden["status"] == "hidden").all() and hidden["median"].isna().all()
    assert hidden["ratio"].isna().all()
    shown = table[(table["status"] != "hidden") & (table["size"] != "M")]
    assert (shown["ratio_low"] <= shown["ratio"]).all() and (
        shown["ratio"] <= shown["ratio_high"]
    ).all()


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
    by = out.set_index("size")
    assert by.loc["M", "median"] == pytest.approx(100_000 * 321.943 / 304.702)
    assert by.loc["L", "median"] == pytest.approx(130_000 * 321.943 / 304.702)
    assert by.loc["L", "ratio"] == pytest.approx(1.3)
