"""An offer's taxes: where the job is and where you live (work_state / home_state, for a metro
that spans states) and the tax year of each offer year, in analysis.comparison and the link
parameters of ui.offer_form."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis import comparison, take_home
from analysis.compensation import OfferTerms
from tests.tables import real
from ui import offer_form

PORTLAND, SEATTLE, NEW_YORK, TRENTON = "38900", "42660", "35620", "45940"
JAN_2025, JAN_2026 = dt.date(2025, 1, 1), dt.date(2026, 1, 1)


def _spec(cbsa: str, base: float = 150_000.0, **kw) -> comparison.OfferSpec:
    return comparison.OfferSpec(
        label=kw.pop("label", "A"),
        cbsa=cbsa,
        occupation="15-2051",
        track="ML engineer",
        level="Senior",
        terms=OfferTerms(base=base),
        **kw,
    )


def _row(code: str, gross: float, year: int) -> pd.Series:
    rows = real().take_home
    hit = rows[(rows["jurisdiction"] == code) & (rows["tax_year"] == year)]
    return hit.set_index("gross").loc[gross]


def test_each_offer_year_is_taxed_at_its_years_rules():
    # From January 2025: 2025 at 2025's rules, 2026-2028 at 2026's (the last published).
    path = comparison.yearly_take_home(real(), _spec("12420"), start=JAN_2025)  # Austin, TX
    assert path["year"].tolist() == [2025, 2026, 2027, 2028]
    assert path["tax_year"].tolist() == [2025, 2026, 2026, 2026]
    # By hand from the stored TX rows at $150,000 (a grid wage): each year's own federal tax.
    assert path["federal_income_tax"].tolist() == pytest.approx(
        [_row("TX", 150_000, y)["federal_income_tax"] for y in (2025, 2026, 2026, 2026)]
    )
    # 2026: the Social Security wage base rose from $176,100 to $184,500 (SSA) and the
    # standard deduction to $16,100: at $150,000 federal tax falls by 24% x 350 = $84 (and the
    # brackets' inflation adjustment lowers it further), Social Security is 6.2% in both.
    assert path["federal_income_tax"].iloc[1] < path["federal_income_tax"].iloc[0] - 84
    later = comparison.yearly_take_home(real(), _spec("12420"), start=JAN_2026)
    assert later["tax_year"].tolist() == [2026] * 4


def test_a_vancouver_job_with_a_washington_home_equals_seattle():
    vancouver = _spec(PORTLAND, work_state="WA", home_state="WA")
    seattle = _spec(SEATTLE)
    assert comparison.jurisdiction(real(), vancouver) == "WA"
    a = comparison.yearly_take_home(real(), vancouver, start=JAN_2026)["take_home"]
    b = comparison.yearly_take_home(real(), seattle, start=JAN_2026)["take_home"]
    assert a.tolist() == pytest.approx(b.tolist())
    # The metro's default (its principal state, Oregon, and Portland's taxes) costs more.
    portland = comparison.yearly_take_home(real(), _spec(PORTLAND), start=JAN_2026)
    assert (portland["take_home"] < a).all()


def test_newark_with_a_new_jersey_home_equals_trenton():
    newark = _spec(NEW_YORK, work_state="NJ", home_state="NJ")
    assert comparison.jurisdiction(real(), newark) == "NJ"
    a = comparison.yearly_take_home(real(), newark, start=JAN_2026)["take_home"]
    b = comparison.yearly_take_home(real(), _spec(TRENTON), start=JAN_2026)["take_home"]
    assert a.tolist() == pytest.approx(b.tolist())


def test_a_remote_role_is_worked_from_home():
    # A remote role for a New York employer, worked from a New Jersey home: New Jersey only.
    spec = _spec(NEW_YORK, remote=True, work_state="NY", home_state="NJ")
    assert comparison.jurisdiction(real(), spec) == "NJ"


def test_base_to_match_uses_the_cross_state_taxes():
    spec = _spec(NEW_YORK, base=400_000, work_state="NY", home_state="NJ")
    assert comparison.jurisdiction(real(), spec) == "NJ|NY"
    path = comparison.yearly_take_home(real(), spec, start=JAN_2026)
    target = comparison.average_real(path)
    found = comparison.base_to_match(real(), spec, target, start=JAN_2026)
    assert found == pytest.approx(400_000, abs=150)


def test_a_state_the_metro_does_not_span_is_a_message():
    with pytest.raises(ValueError, match="spans NY, NJ"):
        comparison.yearly_take_home(real(), _spec(NEW_YORK, work_state="CT"), start=JAN_2026)


def test_an_offers_states_reach_its_spec():
    offer = {
        "label": "A", "metro": PORTLAND, "base": 150_000.0, "bonus": "0", "equity": 0.0,
        "vest": "even", "custom": "25/25/25/25", "signon": 0.0, "remote": False,
        "work_state": "WA", "home_state": "OR", "lives": True, "works": True,
        "track": "ML engineer", "level": "Senior", "occ": "15-2051", "freq": "monthly",
        "cliff": True, "refresh": 0.0, "reloc": 0.0, "clawback": "full", "match": 0.0,
        "liquid": 100.0,
    }  # fmt: skip
    made = offer_form.to_spec(offer)
    assert (made.work_state, made.home_state) == ("WA", "OR")
    # Lives in Portland (the default toggles): its resident taxes ride on the home code.
    assert comparison.jurisdiction(real(), made) == "OR-PDX|WA"


def test_take_home_spans_hold_the_43_metros_that_span_states():
    spans = take_home.state_spans(real())
    assert len(spans) == 43
    assert spans[NEW_YORK] == ("NY", "NJ")
