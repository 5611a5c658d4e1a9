"""analysis.negotiation: the base range to ask for, recomputed by hand from BLS's published
percentiles and the raw aijobs.net CSV."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import negotiation, taxonomy
from tests.tables import raw_salary_rows_deduplicated, real, tiny

OCC = "15-2051"
SAN_FRANCISCO, SAN_JOSE, CASPER = "41860", "41940", "16220"
PCTS = np.array([10.0, 25.0, 50.0, 75.0, 90.0])
# BLS OEWS May 2025, 15-2051, annual p10..p90.
US = np.array([67_240, 85_660, 120_230, 158_880, 199_130], dtype=float)
SF = np.array([99_170, 130_430, 170_110, 212_970, 272_430], dtype=float)


def _raw_values(level: str, track: str) -> np.ndarray:
    """Full-time records at US companies, 2023-2025, one level (aijobs code) and track."""
    return np.array(
        [
            float(r["salary_in_usd"])
            for r in raw_salary_rows_deduplicated()
            if r["experience_level"] == level
            and r["company_location"] == "US"
            and r["employment_type"] == "FT"
            and r["work_year"] in ("2023", "2024", "2025")
            and taxonomy.title_track(r["job_title"]) == track
        ]
    )


def _by_hand(values: np.ndarray, area: np.ndarray) -> tuple[list[float], list[float], bool]:
    """The range the method describes: each quartile of `values` placed log-linearly in the
    US ladder (outside it: the nearest published end), kept within the area's published
    10th-90th, read off the area's ladder log-linearly. Returns (pcts, wages, capped)."""
    pcts, capped = [], False
    for q in np.quantile(values, [0.25, 0.5, 0.75]):
        pct = float(np.interp(np.log(q), np.log(US), PCTS))  # np.interp clamps to 10..90
        capped |= not US[0] <= q <= US[-1]
        pcts.append(pct)
    wages = [float(np.exp(np.interp(p, PCTS, np.log(area)))) for p in pcts]
    return pcts, wages, capped


@pytest.mark.parametrize(("level", "code"), [("Entry", "EN"), ("Mid", "MI"), ("Senior", "SE")])
def test_range_positions_the_level_in_the_metro_ladder(level, code):
    values = _raw_values(code, "Data scientist")
    ask = negotiation.negotiation_range(real(), SAN_FRANCISCO, OCC, level, "Data scientist")
    pcts, wages, capped = _by_hand(values, SF)
    assert [ask.pct_low, ask.pct_mid, ask.pct_high] == pytest.approx(pcts)
    assert [ask.low, ask.mid, ask.high] == pytest.approx(wages)
    assert ask.capped == capped
    assert ask.n == len(values) and ask.status == "ok"
    # Within San Francisco's published BLS ladder, never beyond its 10th or 90th percentile.
    assert SF[0] <= ask.low < ask.mid < ask.high <= SF[-1]
    assert f"{len(values):,}" in ask.basis and "San Francisco" in ask.basis
    assert "exact duplicates dropped" in ask.basis


def test_senior_range_is_capped_at_the_published_ninetieth():
    # Senior data scientists' 75th percentile in the index is above the US 90th (199,130):
    # the high end is San Francisco's 90th percentile, and the basis says it was capped.
    values = _raw_values("SE", "Data scientist")
    assert np.quantile(values, 0.75) > US[-1]
    ask = negotiation.negotiation_range(real(), SAN_FRANCISCO, OCC, "Senior", "Data scientist")
    assert ask.pct_high == 90 and ask.high == pytest.approx(SF[-1])
    assert ask.capped and "kept within 10th–90th" in ask.basis


def test_ranges_rise_with_the_level():
    asks = [
        negotiation.negotiation_range(real(), SAN_JOSE, OCC, level, "ML engineer")
        for level in ("Entry", "Mid", "Senior")
    ]
    assert asks[0].low < asks[1].low < asks[2].low
    assert asks[0].mid < asks[1].mid < asks[2].mid
    assert asks[0].high <= asks[1].high <= asks[2].high


def test_a_metro_without_bls_figures_uses_the_area_it_falls_back_to():
    # Casper, WY: no 15-2051 figures for the metro or Wyoming, so the US ladder prices it.
    ask = negotiation.negotiation_range(real(), CASPER, OCC, "Mid", "Data scientist")
    pcts, wages, _ = _by_hand(_raw_values("MI", "Data scientist"), US)
    assert [ask.pct_low, ask.pct_mid, ask.pct_high] == pytest.approx(pcts)
    assert [ask.low, ask.mid, ask.high] == pytest.approx(wages)
    assert "National" in ask.basis


def _salaries(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "level": ["Senior"] * n,
            "track": ["AI engineer"] * n,
            "company_country": ["US"] * n,
            "employment_type": ["Full-time"] * n,
            "year": [2024] * n,
            "salary_usd": [150_000.0] * n,
            "is_duplicate": [False] * n,
            "specialization": ["General"] * n,
            "remote_ratio": [0] * n,
        }
    )


def test_too_few_records_fall_back_to_the_bls_median_to_75th():
    data = tiny(wages=real().wages, salaries=_salaries(4))
    ask = negotiation.negotiation_range(data, SAN_FRANCISCO, OCC, "Senior", "AI engineer")
    assert (ask.low, ask.high) == (SF[2], SF[3])  # 170,110 - 212,970
    assert (ask.pct_low, ask.pct_high) == (50, 75) and np.isnan(ask.mid)
    assert ask.n == 0 and ask.status == "hidden" and not ask.capped
    assert "too few salary-index records" in ask.basis and "4" in ask.basis


def test_few_records_are_flagged_as_rough():
    data = tiny(wages=real().wages, salaries=_salaries(12))
    ask = negotiation.negotiation_range(data, SAN_FRANCISCO, OCC, "Senior", "AI engineer")
    # Twelve records all at 150,000: each quartile sits where 150,000 sits in the US ladder.
    pct = float(np.interp(np.log(150_000), np.log(US), PCTS))
    assert (ask.pct_low, ask.pct_mid, ask.pct_high) == pytest.approx((pct, pct, pct))
    assert ask.status == "low confidence" and ask.basis.endswith("Few records: treat as rough.")


def test_a_top_coded_area_ninetieth_caps_the_range_at_its_75th():
    # San Francisco's 90th percentile published only as top-coded: the senior range (whose
    # upper quartile lies past the US 90th) stops at San Francisco's 75th percentile.
    wages = real().wages.copy()
    hit = (wages["cbsa"] == SAN_FRANCISCO) & (wages["occ_code"] == OCC)
    hit &= wages["industry_code"] == "000000"
    wages.loc[hit, "a_pct90"] = np.nan
    wages.loc[hit, "a_pct90_note"] = "top-coded"
    data = tiny(wages=wages, salaries=real().salaries)
    ask = negotiation.negotiation_range(data, SAN_FRANCISCO, OCC, "Senior", "Data scientist")
    assert ask.pct_high == 75 and ask.high == pytest.approx(SF[3])
    assert ask.capped and "kept within 10th–75th" in ask.basis


def _one_metro(national_p10: float) -> pd.DataFrame:
    """A metro (11111, in state 01) and the nation, 15-2051; the nation's 10th as given."""
    rows = []
    for area_type, code, name, ladder in (
        ("metro", "11111", "Metro", (60_000, 90_000, 120_000, 150_000, 200_000)),
        ("national", "00000", "National", (national_p10, 80_000, 100_000, 130_000, 160_000)),
    ):
        row = {
            "area_type": area_type,
            "cbsa": code if area_type == "metro" else pd.NA,
            "area_code": "00" + code,
            "area_name": name,
            "state_code": "01" if area_type == "metro" else "00",
            "industry_code": "000000",
            "occ_code": OCC,
            "occ_title": "Data Scientists",
            "tot_emp": 1_000.0,
            "emp_prse": 1.0,
            "mean_prse": 1.0,
        }
        for column, wage in zip(
            ("a_pct10", "a_pct25", "a_median", "a_pct75", "a_pct90"), ladder, strict=True
        ):
            row[column] = wage
            row[f"{column}_note"] = "not released" if wage != wage else pd.NA
        rows.append(row)
    return pd.DataFrame(rows)


def test_a_level_below_the_published_us_ladder_takes_its_lowest_published_point():
    # Forty records at 50,000-89,000 sit below the US 25th percentile (80,000) for their lower
    # quartiles; the US 10th is not released, so the nearest published point is the 25th, and
    # the metro's 25th (90,000) is the low end, never its 10th.
    salaries = _salaries(40).assign(salary_usd=[50_000.0 + 1_000 * i for i in range(40)])
    data = tiny(wages=_one_metro(float("nan")), salaries=salaries)
    ask = negotiation.negotiation_range(data, "11111", OCC, "Senior", "AI engineer")
    assert (ask.pct_low, ask.pct_mid) == (25, 25) and ask.low == 90_000
    assert ask.capped
    # With a published US 10th (60,000) the same records place exactly, log-linearly.
    placed = negotiation.negotiation_range(
        tiny(wages=_one_metro(60_000.0), salaries=salaries), "11111", OCC, "Senior", "AI engineer"
    )
    q25 = np.quantile(salaries["salary_usd"], 0.25)  # 59,750: still under 60,000
    q50 = np.quantile(salaries["salary_usd"], 0.5)  # 69,500
    assert q25 < 60_000 and placed.pct_low == 10
    pct = 10 + 15 * np.log(q50 / 60_000) / np.log(80_000 / 60_000)
    assert placed.pct_mid == pytest.approx(pct)


def test_no_bls_percentiles_at_all_is_a_clear_error():
    wages = real().wages
    keep = ~((wages["occ_code"] == OCC) & wages["area_type"].isin(["national", "state"]))
    metro = (wages["occ_code"] == OCC) & (wages["cbsa"] == SAN_FRANCISCO)
    stripped = wages[keep & ~metro]
    data = tiny(wages=stripped, salaries=_salaries(40))
    with pytest.raises(ValueError, match="no wage percentiles"):
        negotiation.negotiation_range(data, SAN_FRANCISCO, OCC, "Senior", "AI engineer")


def test_real_frames_are_not_mutated():
    before = {name: real().table(name).copy() for name in ("wages", "salaries")}
    negotiation.negotiation_range(real(), SAN_JOSE, OCC, "Mid", "ML engineer", remote=True)
    for name, frame in before.items():
        pd.testing.assert_frame_equal(real().table(name), frame)
