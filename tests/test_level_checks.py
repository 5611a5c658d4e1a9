"""analysis.level_checks: the back-test of the level ranges and how far each choice of the
method moves them, worked by hand on tiny tables, then on the real data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import level_checks
from tests.tables import real, tiny
from tests.test_level_pay import METRO, NATIONAL, records, twenty_one, wage_row


def tiny_world():
    """The nation (NATIONAL), one metro and California both paying 1.2 x the nation, and 21
    Senior ML-engineer records whose 25th/50th/75th are the nation's ($70k/$100k/$140k)."""
    rows = [wage_row("national", "", NATIONAL), wage_row("metro", "99999", METRO)]
    rows.append(wage_row("state", "", METRO) | {"state_code": "06", "area_name": "California"})
    metros = pd.DataFrame(
        {"cbsa": ["99999"], "short_name": ["Testville"], "title": ["Testville, TX"],
         "principal_state": ["TX"]}
    )  # fmt: skip
    return tiny(
        wages=pd.DataFrame(rows),
        salaries=records(twenty_one(70_000, 100_000, 140_000)),
        metros=metros,
    )


def test_the_reference_population_moves_every_edge_by_the_states_premium():
    # Among all US workers the records sit at the 25th/50th/75th: the metro pays $84k/$120k/
    # $168k. Among Californians (1.2 x the nation) $70k sits at
    # 10 + 15 x ln(70/60) / ln(84/60) = 16.87, where the metro (= California) pays $70,000;
    # likewise $100k and $140k. Each edge moves by 70/84 - 1 = -1/6.
    table = level_checks.sensitivity(tiny_world(), ["99999"], ["ML engineer"])
    ref = table[table["choice"] == "reference"].iloc[0]
    assert (ref["area"], ref["level"], ref["n"]) == ("Testville, TX", "Senior", 21)
    assert [ref["low"], ref["mid"], ref["high"]] == pytest.approx([84_000, 120_000, 168_000])
    assert [ref["alt_low"], ref["alt_mid"], ref["alt_high"]] == pytest.approx(
        [70_000, 100_000, 140_000]
    )
    assert [ref["move_low"], ref["move_mid"], ref["move_high"]] == pytest.approx([-1 / 6] * 3)
    # No duplicates in these records: keeping them moves nothing.
    dups = table[table["choice"] == "duplicates"].iloc[0]
    assert [dups["move_low"], dups["move_mid"], dups["move_high"]] == pytest.approx([0, 0, 0])
    assert set(table["level"]) == {"Senior"}  # the other levels have no records


def test_the_summary_says_each_choice_in_a_few_numbers():
    table = pd.DataFrame(
        {
            "choice": ["reference", "reference", "duplicates"],
            "move_low": [-0.20, np.nan, 0.05],
            "move_mid": [-0.10, -0.30, -0.01],
            "move_high": [np.nan, 0.02, 0.0],
            "opened": ["high", "low", ""],
        }
    )
    got = level_checks.sensitivity_summary(table).set_index("choice")
    # reference: |moves| 0.20, 0.10, 0.30, 0.02 -> median 0.15, largest 0.30; two opened.
    assert got.loc["reference", "edges"] == 4
    assert got.loc["reference", "median_move"] == pytest.approx(0.15)
    assert got.loc["reference", "largest_move"] == pytest.approx(0.30)
    assert got.loc["reference", "opened"] == 2 and got.loc["reference", "cells"] == 2
    # duplicates: 0.05, 0.01, 0.0 -> median 0.01.
    assert got.loc["duplicates", "median_move"] == pytest.approx(0.01)


def test_backtest_random_holdout_keeps_about_half_inside():
    table = level_checks.backtest(real())
    rows = table[table["check"] == "random"]
    assert set(rows["level"]) >= {"Entry", "Mid", "Senior"}
    # A held-back record falls between the 25th and 75th percentile of the rest about half
    # the time; each 95% interval must include 50% for the method to be stable.
    assert (rows["ci_low"] <= 0.5).all() and (rows["ci_high"] >= 0.5).all()
    assert (table["n_test"] > 0).all()


def test_real_reference_population_moves_ranges_more_than_duplicates_do():
    # Seattle and Austin, the four engineering tracks: the states' reading sits lower at every
    # edge with a number both ways (their workers earn more than the nation's), and by more
    # than keeping duplicates moves them.
    summary = level_checks.sensitivity_summary(level_checks.sensitivity(real())).set_index("choice")
    table = level_checks.sensitivity(real())
    ref = table[table["choice"] == "reference"]
    moves = ref[["move_low", "move_mid", "move_high"]].to_numpy().ravel()
    assert (moves[np.isfinite(moves)] < 0).all()
    assert summary.loc["reference", "median_move"] > summary.loc["duplicates", "median_move"]
