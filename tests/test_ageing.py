"""analysis.ageing: figures carried between dates at an annual rate, and the rate the data can
source (the CPI-U's latest annual change), each worked by hand."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from analysis import ageing
from analysis.data import Tables
from tests.tables import real, tiny, tiny_manifest


def test_factor_compounds_the_rate_over_whole_years():
    # 2021-01-01 to 2025-01-01 is 1,461 days = 4 x 365.25: 1.1^4 = 1.4641.
    assert ageing.age_factor(dt.date(2021, 1, 1), dt.date(2025, 1, 1), 0.10) == pytest.approx(
        1.4641
    )


def test_factor_ages_backwards_before_the_start():
    assert ageing.age_factor(dt.date(2025, 1, 1), dt.date(2021, 1, 1), 0.10) == pytest.approx(
        1 / 1.4641
    )


def test_a_rate_at_or_below_minus_100_percent_is_refused():
    with pytest.raises(ValueError, match="above -100%"):
        ageing.age_factor(dt.date(2024, 1, 1), dt.date(2025, 1, 1), -1.0)


def test_records_are_dated_at_the_middle_of_their_work_year():
    # 2023-07-01 -> 2025-07-01 = 731 days; 2025-07-01 -> itself = 0 days.
    got = ageing.record_factors(np.array([2023, 2025, 2023]), dt.date(2025, 7, 1), 0.05)
    two_years = 1.05 ** (731 / 365.25)  # 1.102642
    assert got == pytest.approx([two_years, 1.0, two_years])


def cpi(values: dict[int, float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "series_id": "CUUR0000SA0",
            "area_code": "0000",
            "year": list(values),
            "value": list(values.values()),
        }
    )


def test_the_price_rate_is_the_latest_change_of_annual_averages():
    # 300 -> 309 is +3.0%; the older year does not count.
    got = ageing.price_rate(tiny(cpi=cpi({2023: 250.0, 2024: 300.0, 2025: 309.0})))
    assert got.rate == pytest.approx(0.03)
    assert "2024 to 2025" in got.source and "3.0% a year" in got.source
    assert "purchasing power" in got.assumes


def test_without_a_cpi_table_the_rate_is_zero_and_says_what_that_assumes():
    assert ageing.price_rate(tiny()) is ageing.NO_AGEING
    assert ageing.price_rate(tiny(cpi=cpi({2025: 309.0}))) is ageing.NO_AGEING
    assert ageing.NO_AGEING.rate == 0 and "stays where it was measured" in ageing.NO_AGEING.assumes


def test_reference_date_is_the_middle_of_the_reference_month():
    manifest = tiny_manifest()
    manifest["sources"]["oews"]["facts"]["reference_period"] = "May 2025"
    assert ageing.reference_date(Tables.of(manifest)) == dt.date(2025, 5, 15)


def test_real_price_rate_is_the_cpi_u_change_2024_to_2025():
    # BLS CPI-U, US city average, annual averages: 2024 313.689, 2025 321.943 (+2.63%).
    got = ageing.price_rate(real())
    assert got.rate == pytest.approx(321.943 / 313.689 - 1)
    assert ageing.reference_date(real()) == dt.date(2025, 5, 15)
