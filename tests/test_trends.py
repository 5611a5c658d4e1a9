"""analysis.trends: counts and medians per year from the raw file, composition adjustment."""

from __future__ import annotations

import statistics

import numpy as np
import pandas as pd
import pytest

from analysis import trends
from tests.tables import raw_salary_rows, raw_salary_rows_deduplicated, table


def test_counts_per_year_match_raw_csv():
    counts: dict[int, int] = {}
    for row in raw_salary_rows():
        counts[int(row["work_year"])] = counts.get(int(row["work_year"]), 0) + 1
    assert counts == {2020: 75, 2021: 218, 2022: 1_660, 2023: 8_522, 2024: 62_229, 2025: 1_597}
    # PROVENANCE counts every record, duplicates included.
    comp = trends.composition(table("salaries"), drop_duplicates=False, full_time_only=False)
    assert dict(zip(comp["year"], comp["n"], strict=True)) == counts
    assert comp.set_index("year").loc[2025, "partial"]
    assert not comp.set_index("year").loc[2024, "partial"]
    # The 2024 collection change (7x the records) is flagged.
    assert comp.set_index("year").loc[2024, "composition_changed"]
    assert comp["us_share"].between(0, 1).all()


def test_raw_medians_per_year_match_raw_csv():
    by_year: dict[int, list[float]] = {}
    for row in raw_salary_rows():
        by_year.setdefault(int(row["work_year"]), []).append(float(row["salary_in_usd"]))
    expected = {year: statistics.median(v) for year, v in by_year.items()}
    assert round(expected[2024], -2) == 149_000  # PROVENANCE: 149.0k
    out = trends.adjusted_trend(
        table("salaries"), full_time_only=False, drop_duplicates=False, n_boot=20
    )
    raw = out.loc[out["series"] == "Raw"]
    assert dict(zip(raw["year"], raw["median"], strict=True)) == expected
    assert dict(zip(raw["year"], raw["n"], strict=True)) == {y: len(v) for y, v in by_year.items()}
    adjusted = out.loc[out["series"] == "Adjusted"].set_index("year")
    # The reference year is its own mix: adjusted == raw there.
    assert adjusted.loc[2024, "median"] == expected[2024]
    shown = out.dropna(subset=["median"])
    assert (shown["ci_low"] <= shown["median"]).all() and (
        shown["median"] <= shown["ci_high"]
    ).all()


def test_by_year_level_medians_match_raw_csv():
    codes = {"EN": "Entry", "MI": "Mid", "SE": "Senior", "EX": "Executive"}
    groups: dict[tuple[int, str], list[float]] = {}
    for row in raw_salary_rows():
        if row["employment_type"] == "FT" and row["company_location"] == "US":
            key = (int(row["work_year"]), codes[row["experience_level"]])
            groups.setdefault(key, []).append(float(row["salary_in_usd"]))
    out = trends.by_year_level(table("salaries"), "US", drop_duplicates=False)
    out = out.set_index(["year", "level"])
    for key, values in groups.items():
        assert out.loc[key, "n"] == len(values)
        if len(values) >= 10:
            assert out.loc[key, "median"] == statistics.median(values)


def test_default_drops_duplicates_matches_raw_csv():
    """Defaults (full-time, exact duplicates dropped): raw medians and counts per year and
    per year x level at US companies, recomputed with the csv module and a set of seen rows."""
    codes = {"EN": "Entry", "MI": "Mid", "SE": "Senior", "EX": "Executive"}
    by_year: dict[int, list[float]] = {}
    us_cells: dict[tuple[int, str], list[float]] = {}
    for row in raw_salary_rows_deduplicated():
        if row["employment_type"] != "FT":
            continue
        year, pay = int(row["work_year"]), float(row["salary_in_usd"])
        by_year.setdefault(year, []).append(pay)
        if row["company_location"] == "US":
            us_cells.setdefault((year, codes[row["experience_level"]]), []).append(pay)
    out = trends.adjusted_trend(table("salaries"), n_boot=20)
    raw = out.loc[out["series"] == "Raw"].set_index("year")
    assert raw["n"].to_dict() == {y: len(v) for y, v in by_year.items()}
    assert raw["median"].to_dict() == {y: statistics.median(v) for y, v in by_year.items()}
    comp = trends.composition(table("salaries")).set_index("year")
    assert comp["n"].to_dict() == raw["n"].to_dict()
    cells = trends.by_year_level(table("salaries"), "US").set_index(["year", "level"])
    for key, values in us_cells.items():
        assert cells.loc[key, "n"] == len(values)
        if len(values) >= 10:
            assert cells.loc[key, "median"] == statistics.median(values)


def test_adjusted_status_follows_kish_effective_n():
    """2020, full-time, duplicates kept: 69 records, but reweighting to the 2024 mix
    up-weights a few of them so heavily that only ~24 effectively count: low confidence."""
    out = trends.adjusted_trend(table("salaries"), drop_duplicates=False, n_boot=20)
    row = out.set_index(["year", "series"])
    assert row.loc[(2020, "Raw"), "n"] == 69
    assert row.loc[(2020, "Raw"), "status"] == "ok"
    assert row.loc[(2020, "Adjusted"), "n_eff"] == pytest.approx(24.08, abs=0.01)
    assert row.loc[(2020, "Adjusted"), "status"] == "low confidence"
    assert (out["n_eff"] <= out["n"] + 1e-9).all()
    # The reference year is its own mix: all weights 1, n_eff = n.
    assert row.loc[(2024, "Adjusted"), "n_eff"] == pytest.approx(row.loc[(2024, "Raw"), "n"])


def test_kish_n_eff_known_values():
    assert trends.kish_n_eff(np.ones(7)) == pytest.approx(7)
    # Weights 3,1,1,1: (6)^2 / (9+1+1+1) = 3.
    assert trends.kish_n_eff(np.array([3.0, 1.0, 1.0, 1.0])) == pytest.approx(3.0)
    assert trends.kish_n_eff(np.array([])) == 0.0
    assert trends.kish_n_eff(np.zeros(3)) == 0.0


def test_adjusted_hidden_when_effective_n_tiny():
    # 2023: 40 entry, 2 senior; 2024 reference is 50/50: the 2 seniors carry half the weight.
    y23 = _frame(2023, {("Entry", "US"): [50_000.0] * 40, ("Senior", "US"): [200_000.0] * 2})
    y24 = _frame(2024, {("Entry", "US"): [60_000.0] * 20, ("Senior", "US"): [210_000.0] * 20})
    out = trends.adjusted_trend(pd.concat([y23, y24]), n_boot=10).set_index(["year", "series"])
    adj = out.loc[(2023, "Adjusted")]
    assert adj["n_eff"] == pytest.approx(42**2 / (40 * (21 / 40) ** 2 + 2 * (21 / 2) ** 2))
    assert adj["n_eff"] < 10 and adj["status"] == "hidden" and np.isnan(adj["median"])
    assert out.loc[(2023, "Raw"), "status"] == "ok"


def test_trend_table_one_row_per_year():
    s = table("salaries")
    series = trends.adjusted_trend(s, n_boot=10)
    comp = trends.composition(s)
    wide = trends.trend_table(series, comp)
    assert list(wide["year"]) == sorted(comp["year"])
    assert (wide["n"] == comp["n"]).all()
    raw = series.loc[series["series"] == "Raw"].set_index("year")["median"]
    assert (wide.set_index("year")["raw_median"] == raw).all()


def _frame(year: int, cells: dict[tuple[str, str], list[float]]) -> pd.DataFrame:
    rows = []
    for (level, country), pays in cells.items():
        for pay in pays:
            rows.append(
                {
                    "year": year,
                    "level": level,
                    "company_country": country,
                    "employment_type": "Full-time",
                    "salary_usd": pay,
                    "is_duplicate": False,
                }
            )
    return pd.DataFrame(rows)


def test_adjusted_equals_raw_when_mix_does_not_change():
    rng = np.random.default_rng(1)
    ref = {("Entry", "US"): 10, ("Senior", "US"): 20, ("Senior", "DE"): 10}
    parts = []
    for year, scale in ((2023, 1), (2024, 2)):
        cells = {k: list(rng.integers(50, 300, n * scale) * 1_000.0) for k, n in ref.items()}
        parts.append(_frame(year, cells))
    tiny = pd.concat(parts, ignore_index=True)
    out = trends.adjusted_trend(tiny, n_boot=20).set_index(["year", "series"])
    for year in (2023, 2024):
        assert out.loc[(year, "Adjusted"), "median"] == out.loc[(year, "Raw"), "median"]


def test_adjusted_reweights_to_reference_mix():
    # 2023: 30 entry at 50k, 10 senior at 200k (raw median 50k). 2024 mix is 50/50.
    y23 = _frame(2023, {("Entry", "US"): [50_000.0] * 30, ("Senior", "US"): [200_000.0] * 10})
    y24 = _frame(2024, {("Entry", "US"): [60_000.0] * 20, ("Senior", "US"): [210_000.0] * 20})
    out = trends.adjusted_trend(pd.concat([y23, y24]), n_boot=10).set_index(["year", "series"])
    assert out.loc[(2023, "Raw"), "median"] == 50_000
    assert out.loc[(2023, "Adjusted"), "median"] == 125_000  # midway at exactly half weight
    assert out.loc[(2023, "Adjusted"), "mix_coverage"] == 1.0


def test_weighted_median_equal_weights_is_median():
    x = np.array([3.0, 1.0, 4.0, 1.0, 5.0, 9.0])
    assert trends.weighted_median(x, np.ones(6)) == np.median(x)
    assert trends.weighted_median(x[:5], np.ones(5)) == np.median(x[:5])
    assert trends.weighted_median(np.array([1.0, 10.0]), np.array([1.0, 3.0])) == 10.0


def test_bad_inputs_raise_value_error():
    tiny = _frame(2024, {("Entry", "US"): [1.0] * 12})
    with pytest.raises(ValueError, match="country group"):
        trends.adjusted_trend(tiny, country_group="Mars")
    with pytest.raises(ValueError, match="level"):
        trends.adjusted_trend(tiny, level="Intern")
    with pytest.raises(ValueError, match="reference year"):
        trends.adjusted_trend(tiny, reference_year=2019)
