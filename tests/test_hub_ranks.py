"""Hub ranks with their uncertainty: redrawn from BLS's relative standard errors."""

from __future__ import annotations

from analysis import hubs
from tests.tables import real


def test_ranks_contain_the_published_rank_and_ties_are_mutual():
    ranks = hubs.rank_intervals(real())
    assert (ranks["rank_low"] <= ranks["rank"]).all() and (
        ranks["rank"] <= ranks["rank_high"]
    ).all()
    assert ranks["rank"].tolist() == sorted(ranks["rank"])
    by_label = ranks.set_index("label")["tied"]
    for label, tied in by_label.items():
        for other in filter(None, tied.split("; ")):
            assert label in by_label[other]


def test_close_medians_tie_and_far_ones_do_not():
    # BLS OEWS May 2025 Data Scientists medians: Cleveland, Kansas City and Indianapolis sit
    # within 3% of each other; San Jose ($185,080) is far above every other default hub.
    ranks = hubs.rank_intervals(real()).set_index("label")
    assert "Kansas City, MO" in ranks.loc["Cleveland, OH", "tied"]
    assert ranks.loc["San Jose, CA", "tied"] == ""
    assert ranks.loc["San Jose, CA", ["rank_low", "rank_high"]].tolist() == [1, 1]


def test_the_same_seed_gives_the_same_ranges():
    a = hubs.rank_intervals(real(), seed=7)
    b = hubs.rank_intervals(real(), seed=7)
    assert a.equals(b)
