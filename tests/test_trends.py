"""analysis.trends: counts and medians per year from the raw file, composition adjustment."""

from __future__ import annotations

import statistics

import numpy as np
import pandas as pd
import pytest

from analysis import trends
from analysis.data import Tables
from tests.tables import raw_salary_rows, raw_salary_rows_deduplicated, real, tiny

CODES = {"EN": "Entry", "MI": "Mid", "SE": "Senior", "EX": "Executive"}


def test_counts_per_year_match_the_published_counts():
    counts: dict[int, int] = {}
    for row in raw_salary_rows():
        counts[int(row["work_year"])] = counts.get(int(row["work_year"]), 0) + 1
    assert counts == {2020: 75, 2021: 218, 2022: 1_660, 2023: 8_522, 2024: 62_229, 2025: 1_597}
    # PROVENANCE counts every record, duplicates included.
    comp = trends.composition(real(), drop_duplicates=False, full_time_only=False)
    comp = comp.set_index("year")
    assert comp["n"].to_dict() == counts
    assert comp.loc[2025, "partial"] and not comp.loc[2024, "partial"]
    # The 2024 collection change is flagged: 62,229 / 8,522 = 7.3 times the records.
    assert comp.loc[2024, "count_ratio"] == pytest.approx(62_229 / 8_522)
    assert comp.loc[2024, "composition_changed"]
    assert comp["us_share"].between(0, 1).all()


def test_duplicate_share_per_year_is_the_published_count():
    # PROVENANCE: 39,304 rows repeat an earlier row exactly, 34,549 of them in 2024.
    repeats: dict[int, int] = {}
    seen: set[tuple[str, ...]] = set()
    for row in raw_salary_rows():
        key = tuple(row.values())
        if key in seen:
            repeats[int(row["work_year"])] = repeats.get(int(row["work_year"]), 0) + 1
        seen.add(key)
    assert repeats[2024] == 34_549 and sum(repeats.values()) == 39_304
    comp = trends.composition(real(), drop_duplicates=False, full_time_only=False)
    comp = comp.set_index("year")
    shares = (comp["duplicate_share"] * comp["n"]).round().astype(int).to_dict()
    assert shares == {year: repeats.get(year, 0) for year in comp.index}
    # Dropping duplicates does not change the share reported (it is of the year's records).
    dropped = trends.composition(real(), full_time_only=False).set_index("year")
    assert dropped["duplicate_share"].to_dict() == pytest.approx(comp["duplicate_share"].to_dict())


def test_raw_medians_per_year_match_the_raw_csv():
    by_year: dict[int, list[float]] = {}
    for row in raw_salary_rows():
        by_year.setdefault(int(row["work_year"]), []).append(float(row["salary_in_usd"]))
    expected = {year: statistics.median(v) for year, v in by_year.items()}
    assert round(expected[2024], -2) == 149_000  # PROVENANCE: 149.0k
    out = trends.adjusted_trend(real(), full_time_only=False, drop_duplicates=False, n_boot=20)
    raw = out.loc[out["series"] == "Raw"]
    assert dict(zip(raw["year"], raw["median"], strict=True)) == expected
    assert dict(zip(raw["year"], raw["n"], strict=True)) == {y: len(v) for y, v in by_year.items()}
    adjusted = out.loc[out["series"] == "Adjusted"].set_index("year")
    # The reference year is its own mix (all weights 1): its weighted median is the ordinary
    # median here because n = 62,229 is odd.
    assert adjusted.loc[2024, "median"] == expected[2024]
    shown = out.dropna(subset=["median"])
    assert ((shown["ci_low"] <= shown["median"]) & (shown["median"] <= shown["ci_high"])).all()


def test_default_drops_duplicates_matches_raw_csv():
    """Defaults (full-time, exact duplicates dropped): raw medians and counts per year,
    recomputed with the csv module and a set of seen rows."""
    by_year: dict[int, list[float]] = {}
    for row in raw_salary_rows_deduplicated():
        if row["employment_type"] != "FT":
            continue
        year, pay = int(row["work_year"]), float(row["salary_in_usd"])
        by_year.setdefault(year, []).append(pay)
    out = trends.adjusted_trend(real(), n_boot=20)
    raw = out.loc[out["series"] == "Raw"].set_index("year")
    assert raw["n"].to_dict() == {y: len(v) for y, v in by_year.items()}
    assert raw["median"].to_dict() == {y: statistics.median(v) for y, v in by_year.items()}
    comp = trends.composition(real()).set_index("year")
    assert comp["n"].to_dict() == raw["n"].to_dict()


def test_adjusted_effective_n_is_kish_of_the_reference_mix_weights():
    """2020, full-time, duplicates kept, all countries: each record's weight is the 2024 share
    of its level x US/non-US cell over its 2020 share, computed here from the raw CSV."""
    cells: dict[int, dict[tuple[str, bool], int]] = {2020: {}, 2024: {}}
    for row in raw_salary_rows():
        year = int(row["work_year"])
        if row["employment_type"] == "FT" and year in cells:
            cell = (row["experience_level"], row["company_location"] == "US")
            cells[year][cell] = cells[year].get(cell, 0) + 1
    n20, n24 = sum(cells[2020].values()), sum(cells[2024].values())
    weights = [
        (cells[2024][cell] / n24) / (count / n20)
        for cell, count in cells[2020].items()
        if cell in cells[2024]
        for _ in range(count)
    ]
    kish = sum(weights) ** 2 / sum(w * w for w in weights)
    out = trends.adjusted_trend(real(), drop_duplicates=False, n_boot=20)
    row = out.set_index(["year", "series"])
    assert row.loc[(2020, "Raw"), "n"] == n20 == 69
    assert row.loc[(2020, "Raw"), "status"] == "ok"
    assert row.loc[(2020, "Adjusted"), "n_eff"] == pytest.approx(kish, rel=1e-12)
    assert 10 <= kish < 30 and row.loc[(2020, "Adjusted"), "status"] == "low confidence"
    assert (out["n_eff"] <= out["n"] + 1e-9).all()
    # The reference year is its own mix: all weights 1, n_eff = n.
    assert row.loc[(2024, "Adjusted"), "n_eff"] == pytest.approx(row.loc[(2024, "Raw"), "n"])


def test_kish_n_eff_known_values():
    assert trends.kish_n_eff(np.ones(7)) == pytest.approx(7)
    # Weights 3,1,1,1: (6)^2 / (9+1+1+1) = 3.
    assert trends.kish_n_eff(np.array([3.0, 1.0, 1.0, 1.0])) == pytest.approx(3.0)
    assert trends.kish_n_eff(5 * np.array([3.0, 1.0, 1.0, 1.0])) == pytest.approx(3.0)
    assert trends.kish_n_eff(np.array([])) == 0.0
    assert trends.kish_n_eff(np.zeros(3)) == 0.0


# --- tiny frames ----------------------------------------------------------------------------------


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


def _data(*frames: pd.DataFrame) -> Tables:
    return tiny(salaries=pd.concat(frames, ignore_index=True))


def test_adjusted_reweights_to_the_reference_mix():
    # 2023: 30 entry at 50k and 10 senior at 200k (raw median 50k). The 2024 reference mix is
    # 40% entry, 60% senior: entry weights 0.4 / 0.75, senior 0.6 / 0.25, so seniors carry
    # 24 of the 40 units of weight and the weighted median is 200k.
    y23 = _frame(2023, {("Entry", "US"): [50_000.0] * 30, ("Senior", "US"): [200_000.0] * 10})
    y24 = _frame(2024, {("Entry", "US"): [60_000.0] * 20, ("Senior", "US"): [210_000.0] * 30})
    out = trends.adjusted_trend(_data(y23, y24), n_boot=10).set_index(["year", "series"])
    assert out.loc[(2023, "Raw"), "median"] == 50_000
    assert out.loc[(2023, "Adjusted"), "median"] == 200_000
    assert out.loc[(2023, "Adjusted"), "mix_coverage"] == 1.0
    kish = 40**2 / (30 * (0.4 / 0.75) ** 2 + 10 * (0.6 / 0.25) ** 2)  # 24.19
    assert out.loc[(2023, "Adjusted"), "n_eff"] == pytest.approx(kish)
    assert out.loc[(2023, "Adjusted"), "status"] == "low confidence"
    assert out.loc[(2023, "Raw"), "status"] == "ok"


def test_adjusted_median_at_exactly_half_weight_is_the_lower_value():
    # Entry and senior each carry exactly half the weight: the inverted-CDF weighted median is
    # the last entry value, never an average of 50k and 200k.
    y23 = _frame(2023, {("Entry", "US"): [50_000.0] * 30, ("Senior", "US"): [200_000.0] * 10})
    y24 = _frame(2024, {("Entry", "US"): [60_000.0] * 20, ("Senior", "US"): [210_000.0] * 20})
    out = trends.adjusted_trend(_data(y23, y24), n_boot=10).set_index(["year", "series"])
    assert out.loc[(2023, "Adjusted"), "median"] == 50_000


def test_adjusted_hidden_when_effective_n_tiny():
    # 2023: 40 entry, 2 senior; 2024 reference is 50/50: the 2 seniors carry half the weight.
    y23 = _frame(2023, {("Entry", "US"): [50_000.0] * 40, ("Senior", "US"): [200_000.0] * 2})
    y24 = _frame(2024, {("Entry", "US"): [60_000.0] * 20, ("Senior", "US"): [210_000.0] * 20})
    out = trends.adjusted_trend(_data(y23, y24), n_boot=10).set_index(["year", "series"])
    adj = out.loc[(2023, "Adjusted")]
    assert adj["n_eff"] == pytest.approx(42**2 / (40 * (21 / 40) ** 2 + 2 * (21 / 2) ** 2))
    assert adj["n_eff"] < 10 and adj["status"] == "hidden" and np.isnan(adj["median"])
    assert out.loc[(2023, "Raw"), "status"] == "ok"


def test_adjusted_is_the_lower_median_when_the_mix_does_not_change():
    rng = np.random.default_rng(1)
    ref = {("Entry", "US"): 10, ("Senior", "US"): 21, ("Senior", "DE"): 10}
    parts = []
    for year, scale in ((2023, 1), (2024, 2)):
        cells = {k: list(rng.integers(50, 300, n * scale) * 1_000.0) for k, n in ref.items()}
        parts.append(_frame(year, cells))
    data = _data(*parts)
    out = trends.adjusted_trend(data, n_boot=20).set_index(["year", "series"])
    for year in (2023, 2024):
        pay = sorted(data.salaries.loc[data.salaries["year"] == year, "salary_usd"])
        # Weights are exactly 1: the smallest value whose count reaches half (41 -> 21st,
        # 82 -> 41st value); for an odd count it is the ordinary median.
        assert out.loc[(year, "Adjusted"), "median"] == pay[(len(pay) - 1) // 2]
        assert out.loc[(year, "Adjusted"), "n_eff"] == pytest.approx(len(pay))
    assert out.loc[(2023, "Adjusted"), "median"] == out.loc[(2023, "Raw"), "median"]


def test_cells_missing_from_either_year_are_left_out():
    # 2023 has no senior records (half the reference mix is missing there) and 5 executives
    # the reference lacks (weight 0): the adjusted median is the entries' lower median.
    entries = [50_000.0 + i for i in range(31)]
    y23 = _frame(2023, {("Entry", "US"): entries, ("Executive", "US"): [900_000.0] * 5})
    y24 = _frame(2024, {("Entry", "US"): [60_000.0] * 20, ("Senior", "US"): [210_000.0] * 20})
    out = trends.adjusted_trend(_data(y23, y24), n_boot=10).set_index(["year", "series"])
    adjusted = out.loc[(2023, "Adjusted")]
    assert adjusted["mix_coverage"] == 0.5
    assert adjusted["median"] == 50_015  # the 16th of 31 entry values
    assert adjusted["n_eff"] == pytest.approx(31)
    assert out.loc[(2023, "Raw"), "median"] == 50_017.5  # the 18th and 19th of 36 values
    assert out.loc[(2023, "Raw"), "n"] == adjusted["n"] == 36


def test_composition_mix_shift_hand_worked():
    y23 = _frame(2023, {("Entry", "US"): [1.0] * 30, ("Senior", "US"): [2.0] * 10})
    y24 = _frame(2024, {("Entry", "US"): [1.0] * 20, ("Senior", "DE"): [2.0] * 20})
    comp = trends.composition(_data(y23, y24)).set_index("year")
    # 2023 mix (entry-US 0.75, senior-US 0.25); 2024 (entry-US 0.5, senior-DE 0.5):
    # total variation 0.5 x (0.25 + 0.25 + 0.5) = 0.5.
    assert np.isnan(comp.loc[2023, "mix_shift"])
    assert comp.loc[2024, "mix_shift"] == pytest.approx(0.5)
    assert comp.loc[2024, "count_ratio"] == 1.0 and comp.loc[2024, "composition_changed"]
    assert comp.loc[2023, "us_share"] == 1.0 and comp.loc[2024, "us_share"] == 0.5
    assert comp.loc[2023, "share_entry"] == 0.75 and comp.loc[2024, "share_senior"] == 0.5
    outside = trends.composition(_data(y23, y24), country_group="Outside US")
    assert outside["year"].tolist() == [2024] and outside["n"].tolist() == [20]


def test_trend_table_one_row_per_year():
    series = trends.adjusted_trend(real(), n_boot=10)
    comp = trends.composition(real())
    wide = trends.trend_table(series, comp)
    assert list(wide["year"]) == sorted(comp["year"])
    assert (wide["n"] == comp["n"]).all()
    raw = series.loc[series["series"] == "Raw"].set_index("year")["median"]
    pd.testing.assert_series_equal(
        wide.set_index("year")["raw_median"], raw, check_names=False, check_dtype=False
    )
    assert trends.select_series(series, "raw")["series"].unique().tolist() == ["Raw"]
    assert trends.select_series(series, "adjusted")["series"].unique().tolist() == ["Adjusted"]
    assert trends.select_series(series, "both") is series
    with pytest.raises(ValueError, match="Unknown series"):
        trends.select_series(series, "nominal")


# BLS CPI-U, U.S. city average, all items, annual averages (CUUR0000SA0).
CPI = {2021: 270.970, 2023: 304.702, 2024: 313.689}


def _cpi() -> pd.DataFrame:
    return pd.DataFrame(
        {"series_id": "CUUR0000SA0", "year": list(CPI), "value": list(CPI.values())}
    )


def _two_years(track_2023: str = "ML engineer") -> pd.DataFrame:
    y21 = _frame(2021, {("Mid", "US"): [100_000.0] * 20}).assign(track="ML engineer")
    y23 = _frame(2023, {("Mid", "US"): [110_000.0] * 20}).assign(track=track_2023)
    return pd.concat([y21, y23], ignore_index=True)


def test_pay_change_nominal_and_in_constant_dollars():
    data = tiny(salaries=_two_years(), cpi=_cpi())
    nominal = trends.pay_change(data, 2021, 2023, real=False, n_boot=50)
    assert nominal["change"] == pytest.approx(0.10)
    assert (nominal["median_start"], nominal["median_end"]) == (100_000, 110_000)
    assert (nominal["n_start"], nominal["n_end"]) == (20, 20)
    # Constant samples: every resample has the same medians, so the interval is the point.
    assert (nominal["ci_low"], nominal["ci_high"]) == pytest.approx((0.10, 0.10))
    real_change = trends.pay_change(data, 2021, 2023, n_boot=50)
    # In 2024 dollars: 110,000 x 313.689 / 304.702 against 100,000 x 313.689 / 270.970.
    assert real_change["change"] == pytest.approx(1.1 * 270.970 / 304.702 - 1)  # -2.2%
    assert real_change["median_start"] == pytest.approx(100_000 * 313.689 / 270.970)
    with pytest.raises(ValueError, match=r"in 2022 \(0\)"):
        trends.pay_change(data, 2022, 2023, real=False)


def test_pay_change_on_the_adjusted_basis_is_the_adjusted_lines():
    # 2023: 30 entry at 50k, 10 senior at 200k; 2025: 10 entry at 55k, 30 senior at 220k;
    # the 2024 reference mix is 40% entry, 60% senior. Raw medians: 50k -> 220k (+340%, a
    # change of who is sampled). Adjusted: in 2023 seniors carry 10 x 0.6/0.25 = 24 of 40
    # units of weight, in 2025 30 x 0.6/0.75 = 24 of 40: both weighted medians are the
    # senior pay, 200k -> 220k (+10%), as the adjusted line says.
    y23 = _frame(2023, {("Entry", "US"): [50_000.0] * 30, ("Senior", "US"): [200_000.0] * 10})
    y24 = _frame(2024, {("Entry", "US"): [60_000.0] * 20, ("Senior", "US"): [210_000.0] * 30})
    y25 = _frame(2025, {("Entry", "US"): [55_000.0] * 10, ("Senior", "US"): [220_000.0] * 30})
    data = _data(y23, y24, y25)
    raw = trends.pay_change(data, 2023, 2025, real=False, n_boot=20)
    assert raw["change"] == pytest.approx(220 / 50 - 1)
    adjusted = trends.pay_change(data, 2023, 2025, real=False, adjusted=True, n_boot=20)
    assert (adjusted["median_start"], adjusted["median_end"]) == (200_000, 220_000)
    assert adjusted["change"] == pytest.approx(0.10)
    assert adjusted["n_eff_start"] == pytest.approx(40**2 / (30 * (0.4 / 0.75) ** 2 + 10 * 2.4**2))
    line = trends.adjusted_trend(data, n_boot=10, real=False)
    line = line[line["series"] == "Adjusted"].set_index("year")["median"]
    assert (line[2023], line[2025]) == (adjusted["median_start"], adjusted["median_end"])
    assert adjusted["ci_low"] <= adjusted["change"] <= adjusted["ci_high"]
    # One cell a year of equal pay: every resample has the same medians, so the interval is
    # the point, +10%.
    flat = _data(_two_years(), _frame(2024, {("Mid", "US"): [105_000.0] * 20}))
    same = trends.pay_change(flat, 2021, 2023, real=False, adjusted=True, n_boot=20)
    assert (same["ci_low"], same["ci_high"]) == pytest.approx((0.10, 0.10))


def test_real_inflation_answer_adjusted_and_raw_disagree():
    # All countries, 2021 -> 2023 in 2025 dollars: the raw medians rise by about half because
    # 2021's records are mostly cheaper places and levels; reweighted to the 2024 mix (the
    # page's adjusted line) the median is about flat.
    raw = trends.pay_change(real(), 2021, 2023, None, "All countries", n_boot=50)
    adjusted = trends.pay_change(
        real(), 2021, 2023, None, "All countries", adjusted=True, n_boot=50
    )
    assert raw["change"] > 0.3 and abs(adjusted["change"]) < 0.1
    line = trends.adjusted_trend(real(), None, "All countries", real=True, n_boot=10)
    line = line[line["series"] == "Adjusted"].set_index("year")["median"]
    assert adjusted["median_start"] == pytest.approx(line[2021])
    assert adjusted["median_end"] == pytest.approx(line[2023])


def test_real_trend_puts_every_year_in_the_latest_cpi_dollars():
    data = tiny(salaries=_two_years(), cpi=_cpi())
    out = trends.adjusted_trend(data, country_group="US", reference_year=2023, real=True)
    raw = out[out["series"] == "Raw"].set_index("year")["median"]
    assert raw[2021] == pytest.approx(100_000 * 313.689 / 270.970)
    assert raw[2023] == pytest.approx(110_000 * 313.689 / 304.702)


def test_tracks_filter_the_records():
    data = tiny(salaries=_two_years(track_2023="Data scientist"))
    only_ml = trends.composition(data, tracks=["ML engineer"])
    assert only_ml["year"].tolist() == [2021] and only_ml["n"].tolist() == [20]
    with pytest.raises(ValueError, match=r"2023 \(0\)"):
        trends.pay_change(data, 2021, 2023, tracks=["ML engineer"], real=False)


def test_real_frames_are_not_mutated():
    before = real().salaries.copy()
    trends.adjusted_trend(real(), level="Senior", country_group="US", n_boot=5)
    trends.composition(real(), country_group="Outside US")
    pd.testing.assert_frame_equal(real().salaries, before)


def test_bad_inputs_raise_value_error():
    data = _data(_frame(2024, {("Entry", "US"): [1.0] * 12}))
    with pytest.raises(ValueError, match="country group"):
        trends.adjusted_trend(data, country_group="Mars")
    with pytest.raises(ValueError, match="level"):
        trends.adjusted_trend(data, level="Intern")
    with pytest.raises(ValueError, match="reference year"):
        trends.adjusted_trend(data, reference_year=2019)
    with pytest.raises(ValueError, match="No salaries"):
        trends.composition(data, country_group="Outside US")
