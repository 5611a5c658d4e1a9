"""Worked examples of the answer and takeaway sentences of Overview, Tech hubs, Cost of living
and Data & methods (ui.place_text, ui.method_text): tiny hand-made frames, expected figures
worked by hand."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd

from ui import method_text, place_text


def _ranks(rows: list[tuple[str, int, int, int, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["label", "rank", "rank_low", "rank_high", "tied"])


HUBS = pd.DataFrame(
    {
        "label": ["Alpha, CA", "Beta, WA", "Gamma, OH"],
        "median": [200_000.0, 150_000.0, 100_000.0],
        "real_median": [160_000.0, 170_000.0, np.nan],  # Gamma has no price level
    }
)


def test_hubs_answer_names_both_leaders_and_how_sure():
    ranks = _ranks([("Alpha, CA", 1, 1, 1, ""), ("Beta, WA", 2, 2, 3, "Gamma, OH"),
                    ("Gamma, OH", 3, 2, 3, "Beta, WA")])  # fmt: skip
    real = _ranks([("Beta, WA", 1, 1, 2, "Alpha, CA"), ("Alpha, CA", 2, 1, 2, "Beta, WA")])
    text = place_text.hubs_answer(HUBS, 100_000.0, "Data Scientists", ranks, real)
    # $200,000 / $100,000 - 1 = 100% above; after prices Beta's $170,000 beats Alpha's $160,000.
    assert text == (
        "**Among the 3 metros picked, Alpha, CA pays data scientists the most: $200,000 a "
        "year, 100% above the US median ($100,000); after cost of living Beta, WA leads "
        "($170,000 at US-average prices).** Given BLS's sampling error (95% rank ranges), "
        "first place in dollars is clear of the rest; after prices, Beta, WA's is a "
        "statistical tie with Alpha, CA; second place is a statistical tie between Beta, WA "
        "and Gamma, OH."
    )


def test_hubs_answer_same_leader_clear_in_both():
    table = HUBS.assign(real_median=[190_000.0, 170_000.0, 90_000.0])
    ranks = _ranks([("Alpha, CA", 1, 1, 1, ""), ("Beta, WA", 2, 2, 2, "")])
    text = place_text.hubs_answer(table, 160_000.0, "Data Scientists", ranks, ranks)
    # 200,000 / 160,000 = 1.25: 25% above.
    assert "$200,000 a year, 25% above the US median ($160,000)" in text
    assert "after cost of living it still leads ($190,000" in text
    assert text.endswith("first place is clear of the rest in both.")


def test_ranges_map_and_scatter_takeaways():
    # 200,000 / 100,000 = 2.00x between the lowest and the highest.
    assert place_text.ranges_takeaway(HUBS, real=False) == (
        "Medians run from $100,000 (Gamma, OH) to $200,000 (Alpha, CA): 2.00× between the "
        "lowest and the highest."
    )
    # After prices Gamma has no value: 170,000 / 160,000 = 1.06x.
    assert "from $160,000 (Alpha, CA) to $170,000 (Beta, WA): 1.06×" in (
        place_text.ranges_takeaway(HUBS, real=True)
    )
    assert place_text.ranges_takeaway(HUBS.iloc[[0]], real=False) == (
        "Alpha, CA's median is $200,000."
    )
    points = HUBS.assign(employment=[5_000.0, 12_000.0, np.nan])
    assert place_text.map_takeaway(points, "Data Scientists", real=False) == (
        "Beta, WA has the most jobs (12,000 data scientists); Alpha, CA pays the highest "
        "median of the 3 metros mapped ($200,000)."
    )
    # Against a US median of $165,000 only Beta ($170,000) is above, against $100,000 both
    # priced metros are; Gamma is not priced.
    assert place_text.scatter_takeaway(HUBS, 165_000.0).startswith(
        "1 of the 2 metros picked sits above the dashed line"
    )
    assert place_text.scatter_takeaway(HUBS, 100_000.0).startswith("2 of the 2 metros picked")


def test_overview_answer_and_medians_takeaway():
    medians = pd.DataFrame(
        {
            "occ_code": ["15-2051", "15-1221", "00-0000"],
            "occ_title": ["Data Scientists", "Research Scientists", "All Occupations"],
            "median": [120_000.0, 150_000.0, 50_000.0],
        }
    )
    top = pd.Series({"label": "Alpha, CA", "median": 180_000.0, "real_median": 150_000.0})
    step = SimpleNamespace(track="ML engineer", ratio=1.5, low=1.25, high=1.75, n_from=40,
                           n_to=400)  # fmt: skip
    text = place_text.overview_answer(medians, top, top, 10, step)
    # 180,000 / 120,000 - 1 = 50% above.
    assert text == (
        "**Of the 10 tech hubs, Alpha, CA pays data scientists most: $180,000 a year, 50% "
        "above the US median of $120,000**, and it still leads after cost of living "
        "($150,000 at US-average prices). The pay of ML engineers grows ×1.50 from entry to "
        "senior level (95% interval ×1.25–1.75; 40 entry and 400 senior records, US "
        "companies)."
    )
    other = pd.Series({"label": "Beta, WA", "median": 170_000.0, "real_median": 155_000.0})
    assert "after cost of living Beta, WA leads ($155,000" in place_text.overview_answer(
        medians, top, other, 10, step
    )
    # 150,000 / 50,000 = 3.0x; the lowest of the rest 120,000 / 50,000 = 2.4x.
    assert place_text.medians_takeaway(medians) == (
        "Research Scientists earn the most here ($150,000, 3.0× the $50,000 of all "
        "occupations); even data scientists earn 2.4×."
    )


def test_living_answer_after_prices_and_tax():
    eq = SimpleNamespace(from_label="Alpha, CA", to_label="Beta, TX", salary=100_000.0,
                         same_power=90_000.0)  # fmt: skip
    net = SimpleNamespace(same_after_tax=85_000.0)
    assert place_text.living_answer(eq, net) == (
        "**To live as well in Beta, TX as on $100,000 in Alpha, CA, you would need $90,000 by "
        "prices alone (10% less), and $85,000 once each place's taxes are counted (15% less).**"
    )
    assert place_text.living_answer(eq, None).endswith("(10% less).** No after-tax figure for "
                                                      "this pair.")  # fmt: skip
    dearer = SimpleNamespace(**{**vars(eq), "same_power": 104_000.0})
    assert "$104,000 by prices alone (4% more)" in place_text.living_answer(dearer, None)


def test_position_takeaway_says_more_or_less():
    eq = SimpleNamespace(gap=-20_000.0, position_label="the 50th percentile",
                         occ_title="Data Scientists", to_label="Beta, TX", same_position=70_000.0,
                         position_note="")  # fmt: skip
    assert place_text.position_takeaway(eq) == (
        "Keeping your rank (the 50th percentile) among data scientists in Beta, TX pays "
        "$70,000: $20,000 less than the same purchasing power, because local pay does not "
        "move one-for-one with prices."
    )


def test_components_history_and_rent_takeaways():
    comp = pd.DataFrame(
        {
            "label": ["A", "B", "A", "B"],
            "component": ["Goods", "Goods", "Housing", "Housing"],
            "index": [105.0, 95.0, 200.0, 100.0],
        }
    )
    # Spreads: goods 10, housing 100: housing differs most.
    assert place_text.components_takeaway(comp) == (
        "Housing makes the biggest difference: 200 in A against 100 in B (US = 100)."
    )
    # One metro (B): goods at 95 are 5 from the US 100, housing at 100 is 0.
    one = comp[comp["label"] == "B"]
    assert place_text.components_takeaway(one).startswith("Goods differs most from the US")
    hist = pd.DataFrame(
        {"label": ["A", "A", "A"], "year": [2008, 2016, 2024], "all_items": [110, 120, 104.6]}
    )
    assert place_text.history_takeaway(hist) == "Price level (US = 100), 2008 → 2024: A 110 → 105."
    burden = pd.DataFrame({"label": ["A", "B"], "salary_1br": [0.24, np.nan]})
    assert place_text.rent_takeaway(burden, 100_000) == (
        "**On your $100,000** (the same gross in each metro), a one-bedroom at the Fair "
        "Market Rent takes **24%** in A."
    )


def test_data_answer_counts_sources_and_rows():
    sources = pd.DataFrame({"source": ["x", "y"], "rows_written": [1_000, 2_500]})
    text = method_text.data_answer(sources, {"oews": "BLS OEWS, May 2025", "hud_fmr": "HUD, FY26"})
    assert text.startswith(
        "**Every figure comes from 2 public sources, 3,500 rows after the project's build**: "
        "wages from BLS OEWS, May 2025; rents from HUD, FY26."
    )


def test_remote_source_caveat_names_the_last_survey_year_share():
    shares = pd.DataFrame(
        {
            "year": [2022, 2023, 2024],
            "n": [830, 3_761, 16_750],
            "share": [0.566, 0.346, 0.232],
            "status": ["ok", "ok", "ok"],
        }
    )
    # 2024 is on the change: the caveat, with 2023's 34.6% -> 35% and its 3,761 records.
    assert place_text.remote_source_caveat(shares, 2024) == (
        "The index changed from a survey to mostly job listings in 2024 (2023: 35% fully "
        "remote, n = 3,761); shares across that change are not comparable."
    )
    # 2023 shown too thin: the caveat without a figure; a year before the change: none.
    thin = shares.assign(status=["ok", "hidden", "ok"])
    assert place_text.remote_source_caveat(thin, 2024) == (
        "The index changed from a survey to mostly job listings in 2024; shares across that "
        "change are not comparable."
    )
    assert place_text.remote_source_caveat(shares, 2023) == ""
    assert place_text.remote_source_flag(2024) == (
        "remote 2024: listings, not comparable to survey years"
    )
    assert place_text.remote_source_flag(2023) == ""
