"""analysis.populations: mixtures of distributions known by published percentiles, the
occupations behind a track by employers' filings, and the reference populations. Tiny tables
with hand-worked answers, then the real evidence."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis import populations
from analysis.level_pay import position
from analysis.populations import BY_EVIDENCE
from analysis.stats import Ladder
from tests.tables import real, tiny
from tests.test_level_pay import METRO, NATIONAL, wage_row

A = Ladder(dict(zip((10, 25, 50, 75, 90), NATIONAL, strict=True)))  # 50k 70k 100k 140k 200k
B = Ladder(dict(zip((10, 25, 50, 75, 90), METRO, strict=True)))  # 60k 84k 120k 168k 240k


def b_position(wage: float) -> float:
    """Percentile of `wage` in B, log-linear between B's published points (worked below)."""
    pcts, wages = (10, 25, 50, 75, 90), METRO
    for i in range(4):
        (p0, w0), (p1, w1) = (pcts[i], wages[i]), (pcts[i + 1], wages[i + 1])
        if w0 <= wage <= w1:
            return p0 + (p1 - p0) * math.log(wage / w0) / math.log(w1 / w0)
    raise AssertionError("outside B")


def test_one_ladder_is_its_own_mixture():
    assert populations.mixture_ladder([A], [1.0]) is A
    assert populations.mixture_ladder([A, B], [0.0, 2.0]) is B


def test_a_mixture_weights_the_parts_percentiles():
    # $100,000 is A's median and sits in B between its 25th ($84k) and 50th ($120k):
    # 25 + 25 x ln(100/84) / ln(120/84) = 25 + 25 x 0.17435 / 0.35667 = 37.22. Half and half:
    # (50 + 37.22) / 2 = 43.61.
    mix = populations.mixture_ladder([A, B], [1.0, 1.0])
    assert b_position(100_000) == pytest.approx(37.22, abs=0.01)
    assert position(np.array([100_000.0]), mix)[0] == pytest.approx(43.61, abs=0.05)


def test_a_small_unknown_tail_is_taken_at_its_middle():
    # $210,000 is past A's 90th ($200k): where A's workers are there is unknown (90th to
    # 100th). In B it is 75 + 15 x ln(210/168) / ln(240/168) = 84.38. With A weighing 10%
    # the mixture is known to within 1 point, and its middle is 0.1 x 95 + 0.9 x 84.38 = 85.45.
    mix = populations.mixture_ladder([A, B], [0.1, 0.9])
    assert b_position(210_000) == pytest.approx(84.38, abs=0.01)
    assert position(np.array([210_000.0]), mix)[0] == pytest.approx(85.45, abs=0.05)


def test_a_large_unknown_tail_leaves_the_mixture_open():
    # A weighing 90%: at $210,000 the mixture is only known to within 9 points (> SLACK).
    mix = populations.mixture_ladder([A, B], [0.9, 0.1])
    assert math.isnan(position(np.array([210_000.0]), mix)[0])
    assert mix.published[-1][1] <= 200_000 * 1.001


def salaries(titles: dict[str, int]) -> pd.DataFrame:
    rows = [(t, "ML engineer") for t, n in titles.items() for _ in range(n)]
    return pd.DataFrame(rows, columns=["title", "track"]).astype("string")


def lca(filings: dict[tuple[str, str], int]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "title": [t for t, _ in filings],
            "soc": [s for _, s in filings],
            "soc_basis": "SOC 2018",
            "soc_title": [s for _, s in filings],
            "filings": list(filings.values()),
        }
    ).astype({"title": "string", "soc": "string", "soc_basis": "string"})


def evidence_tables() -> object:
    wages = pd.DataFrame(
        [wage_row("national", "", NATIONAL), wage_row("national", "", METRO)]
    ).assign(occ_code=["15-2051", "15-1252"])
    # One title, filed 60 times as Software Developers, 20 as Data Scientists and 20 as
    # Statisticians (15-2041, with no BLS wages in this table).
    filed = {("MACHINE LEARNING ENGINEER", c): n for c, n in
             (("15-1252", 60), ("15-2051", 20), ("15-2041", 20))}  # fmt: skip
    return tiny(
        wages=wages,
        salaries=salaries({"Machine Learning Engineer": 5}),
        lca_titles=lca(filed),
    )


def test_the_transparency_states_are_those_with_a_posting_law_by_2024():
    # pay_laws.POSTING_LAWS: Colorado 2021, California and Washington 2023, New York
    # September 2023, Hawaii January 2024; DC (mid-2024), Maryland (October 2024) and the
    # 2025 laws came later; New York City's is a city law.
    assert populations.TRANSPARENCY_CODES == "CA, CO, HI, NY, WA"


def test_the_filed_mixture_drops_codes_without_wages_and_rescales():
    # Shares 0.6 / 0.2 / 0.2; 15-2041 has no BLS wages: 0.6 and 0.2 rescaled to 0.75 / 0.25.
    data = evidence_tables()
    mix = populations.occupation_mix(data, "ML engineer", BY_EVIDENCE)
    assert [c for c, _ in mix] == ["15-1252", "15-2051"]
    assert [w for _, w in mix] == pytest.approx([0.75, 0.25])
    assert populations.dropped_codes(data, "ML engineer") == pytest.approx({"15-2041": 0.2})
    assert populations.dominant(mix) == "15-1252"


def test_one_code_is_used_alone_and_a_track_without_filings_keeps_its_stand_in():
    data = evidence_tables()
    assert populations.occupation_mix(data, "ML engineer", "15-2051") == (("15-2051", 1.0),)
    # No "Data engineer" title is filed in this table: its stand-in, Database Architects.
    assert populations.occupation_mix(data, "Data engineer", BY_EVIDENCE) == (("15-1243", 1.0),)


def state_row(name: str, ladder, jobs: float) -> dict:
    return wage_row("state", "", ladder) | {"area_name": name, "tot_emp": jobs}


def test_the_transparency_states_are_mixed_by_employment():
    # California 3,000 jobs paying A, Washington 1,000 paying B, Texas (no posting law) and
    # Illinois (a law only from 2025) left out. At $100,000: 0.75 x 50 + 0.25 x 37.22 = 46.81.
    rows = [wage_row("national", "", NATIONAL), state_row("California", NATIONAL, 3000),
            state_row("Washington", METRO, 1000), state_row("Texas", METRO, 90_000),
            state_row("Illinois", METRO, 90_000)]  # fmt: skip
    data = tiny(wages=pd.DataFrame(rows))
    mix = (("15-2051", 1.0),)
    states, _, note = populations.reference_ladder(data, mix, "states")
    assert position(np.array([100_000.0]), states)[0] == pytest.approx(46.81, abs=0.05)
    assert note == "15-2051: 2 of 5 states published"
    nation, _, _ = populations.reference_ladder(data, mix, "national")
    assert position(np.array([100_000.0]), nation)[0] == pytest.approx(50)
    with pytest.raises(ValueError, match="Unknown reference"):
        populations.reference_ladder(data, mix, "world")


def test_real_ml_engineer_titles_are_mostly_filed_as_software_developers():
    data = real()
    mix = dict(populations.occupation_mix(data, "ML engineer", BY_EVIDENCE))
    # PROVENANCE: "MACHINE LEARNING ENGINEER" alone is filed 1,375 times as 15-1252 and 631
    # as 15-2051; the track's other titles lean the same way.
    assert set(mix) == {"15-1252", "15-2051"} and mix["15-1252"] > 0.6
    assert sum(mix.values()) == pytest.approx(1.0)
    table = populations.evidence_table(data)
    used = table.dropna(subset=["used"]).groupby("track")["used"].sum()
    assert np.allclose(used, 1.0)
    ml = table[table["track"] == "ML engineer"].set_index("soc")
    assert ml.at["15-2051", "stand_in"] and not ml.at["15-1252", "stand_in"]
