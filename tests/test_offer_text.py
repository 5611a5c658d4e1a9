"""The Offer check's chart takeaways (ui/offer_text.py), on tiny hand-made inputs."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from ui.offer_text import hubs_takeaway, path_takeaway, range_takeaway, terms_line

NAN = float("nan")


def path(rows: list[tuple[str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["offer", "year", "real_take_home"]).assign(months=12)


def test_one_leader_every_year_with_the_gap_to_the_next_offer():
    # 2027: A 100,000, B 97,000, C 80,000: A leads by 3,000 (over B, not C);
    # 2028: A 101,000, B 95,000, C 90,000: by 6,000.
    table = path([("A", 2027, 100_000), ("B", 2027, 97_000), ("C", 2027, 80_000),
                  ("A", 2028, 101_000), ("B", 2028, 95_000), ("C", 2028, 90_000)])  # fmt: skip
    assert path_takeaway(table, "US-average") == (
        "**A takes home the most in every year** (2027–2028): $3,000 to $6,000 a year more "
        "than the next offer, in US-average prices."
    )


def test_a_lead_that_changes_names_each_leader_and_the_widest_gap():
    # Leaders: A in 2027 (by 10,000), B in 2028 (4,000) and 2029 (14,000, the widest).
    table = path([("A", 2027, 100_000), ("B", 2027, 90_000), ("A", 2028, 95_000),
                  ("B", 2028, 99_000), ("A", 2029, 96_000), ("B", 2029, 110_000)])  # fmt: skip
    assert path_takeaway(table, "New York, NY") == (
        "**The lead changes**: A leads in 2027, B from 2028. The widest gap in one year is "
        "$14,000 (2029), in New York, NY prices."
    )


def test_one_offer_and_a_short_first_year():
    table = path([("A", 2027, 40_000), ("A", 2028, 100_000)])
    table.loc[0, "months"] = 5
    assert path_takeaway(table, "US-average") == (
        "A takes home $40,000 to $100,000 a year (2027–2028) in US-average prices; a first or "
        "last year of a few months holds less."
    )


def offer(label: str, base: float, wages: tuple, place: str, gap: float, either: bool):
    return SimpleNamespace(
        spec=SimpleNamespace(label=label, terms=SimpleNamespace(base=base)),
        pay=SimpleNamespace(wages=wages),
        verdict=SimpleNamespace(place=place, gap=gap, either_way=either),
    )


def test_each_base_against_its_range():
    offers = [
        # 187,000 against a range from 200,839 (open top): 13,839 under the low edge.
        offer("A", 187_000, (200_839, 252_762, NAN), "below", -65_762, True),
        # 250,000 in 200,000-260,000 with its middle at 230,000: 20,000 over the middle.
        offer("B", 250_000, (200_000, 230_000, 260_000), "within", 20_000, False),
        # 300,000 over a high edge of 260,000: 40,000 over.
        offer("C", 300_000, (200_000, 230_000, 260_000), "above", 70_000, False),
        SimpleNamespace(spec=SimpleNamespace(label="D <b>"), pay=None, verdict=None),
    ]
    assert range_takeaway(offers) == (
        "A's base is below its range, $13,839 under the low edge (could go either way); "
        "B's base is within its range, $20,000 over the middle; C's base is above its range, "
        "$40,000 over the high edge; D \\<b\\> has no market range."
    )


def test_terms_line_sums_up_an_offer_and_escapes_its_name():
    offer = {"label": "*Acme*", "place": "Austin, TX", "remote": True, "base": 165_000.0,
             "bonus": "15%", "equity": 160_000.0}  # fmt: skip
    assert terms_line(offer) == (
        "\\*Acme\\*: Austin, TX (remote) · $165,000 base · 15% bonus · $160,000 equity"
    )
    plain_offer = offer | {"remote": False, "bonus": "lots", "equity": 0.0}
    assert terms_line(plain_offer) == "\\*Acme\\*: Austin, TX · $165,000 base"


def test_hubs_takeaway_names_where_the_base_goes_furthest():
    # Take-home after prices: home $100,000 (RPP 110), Austin $105,000, Cleveland $108,000,
    # a hub BEA does not price: Cleveland leads, $8,000 ahead of home.
    worth = pd.DataFrame(
        {
            "label": ["San Jose, CA", "Austin, TX", "Cleveland, OH", "Unpriced"],
            "real_take_home": [100_000.0, 105_000.0, 108_000.0, float("nan")],
            "is_home": [True, False, False, False],
        }
    )
    assert hubs_takeaway(worth, "Offer *A*") == (
        "**Offer \\*A\\*'s base would go furthest in Cleveland, OH: $108,000 a year after tax "
        "at US-average prices**, against $100,000 in San Jose, CA."
    )
    home_best = worth.assign(real_take_home=[110_000.0, 105_000.0, 108_000.0, float("nan")])
    assert hubs_takeaway(home_best, "Offer A").startswith(
        "**Offer A's base goes furthest where it is, in San Jose, CA**: $110,000"
    )
