"""What an offer risks: who leads and for how long, leaving early, the share price, and the tax
bill that supplemental withholding leaves for filing time.

Built on `analysis.comparison` (the offers' calendar-year paths after tax and prices) and
`analysis.compensation` (the monthly ledger). Money is USD; "real" is in the comparison's
reference prices. Nothing here imports streamlit; nothing mutates its inputs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from analysis import comparison, compensation, take_home
from analysis.comparison import Comparison, OfferSpec
from analysis.data import Tables

LEAVING_MONTHS = (6, 12, 18, 24)
"""The leaving points the walk-away table shows (months after the start)."""
PRICE_MOVES = (-0.5, 0.0, 0.5)
"""Default share-price scenarios: down by half, flat, up by half (from the grant price)."""


@dataclass(frozen=True)
class Standings:
    """Who leads a comparison and by how much (real take-home, the comparison's prices).

    `order`: offer labels, best first; `margin`: the winner's lead over the runner-up per year
    of the horizon (USD a year; NaN with one offer) and `total`: over the whole horizon;
    `year_leaders`: calendar year -> the offer with the most real take-home that year;
    `running_leaders`: calendar year -> the offer with the most real take-home from the start
    through that year (who is ahead if you leave at that year's end)."""

    order: tuple[str, ...]
    margin: float
    total: float
    year_leaders: dict[int, str]
    running_leaders: dict[int, str]

    @property
    def winner(self) -> str:
        return self.order[0]

    @property
    def runner_up(self) -> str | None:
        return self.order[1] if len(self.order) > 1 else None


def standings(result: Comparison) -> Standings:
    """The order of `result`'s offers by average real take-home and where the lead changes."""
    ranked = sorted(result.offers, key=lambda a: a.average_real, reverse=True)
    order = tuple(a.spec.label for a in ranked)
    years = compensation.HORIZON_MONTHS / 12
    margin = ranked[0].average_real - ranked[1].average_real if len(ranked) > 1 else np.nan
    wide = result.table.pivot_table(
        index="year", columns="offer", values="real_take_home", aggfunc="sum"
    ).reindex(columns=list(order))
    running = wide.cumsum()
    return Standings(
        order=order,
        margin=float(margin),
        total=float(margin * years),
        year_leaders={int(y): str(r.idxmax()) for y, r in wide.iterrows()},
        running_leaders={int(y): str(r.idxmax()) for y, r in running.iterrows()},
    )


def _average(data: Tables, spec: OfferSpec, reference: str, start: dt.date) -> float:
    path = comparison.yearly_take_home(data, spec, reference, start=start)
    return comparison.average_real(path)


def flip_price(
    data: Tables,
    specs: Sequence[OfferSpec],
    reference: str,
    start: dt.date,
    *,
    tolerance: float = 0.005,
) -> float:
    """The share-price factor (1 = the grant price) at which the winner of `specs` (the
    highest average real take-home in `reference` prices from `start`) falls to the
    runner-up, the others' equity unchanged: 0.6 means the winner stays ahead unless its
    shares lose more than 40%. NaN when there is no runner-up, the winner has no equity, or
    even worthless shares leave it ahead. Found by bisection."""
    if len(specs) < 2:
        return float("nan")
    averages = {s.label: _average(data, s, reference, start) for s in specs}
    first, second = sorted(specs, key=lambda s: averages[s.label], reverse=True)[:2]
    target = averages[second.label]
    if first.terms.equity + first.terms.refresher <= 0:
        return float("nan")

    def lead(factor: float) -> float:
        spec = replace(first, terms=compensation.with_price(first.terms, factor))
        return _average(data, spec, reference, start) - target

    low, high = 0.0, 1.0
    if lead(low) >= 0:
        return float("nan")
    while high - low > tolerance:
        middle = (low + high) / 2
        low, high = (low, middle) if lead(middle) >= 0 else (middle, high)
    return float(round((low + high) / 2, 3))


def price_scenarios(
    data: Tables,
    specs: Sequence[OfferSpec],
    reference: str,
    start: dt.date,
    moves: Sequence[float] = PRICE_MOVES,
) -> pd.DataFrame:
    """Each offer's average real take-home if its shares moved by each of `moves` (-0.5 =
    halved) from the grant price, for the whole horizon: offer, move, average_real. An offer
    without equity is the same in every scenario. Its liquidity (a private company's
    sellable share) applies in every scenario."""
    rows = []
    for spec in specs:
        for move in moves:
            factor = spec.terms.price_factor * (1 + move)
            moved = replace(spec, terms=compensation.with_price(spec.terms, factor))
            real = _average(data, moved, reference, start)
            rows.append({"offer": spec.label, "move": float(move), "average_real": real})
    return pd.DataFrame(rows)


def leaving_early(
    specs: Sequence[OfferSpec], months: Sequence[int] = LEAVING_MONTHS
) -> pd.DataFrame:
    """What each offer leaves you with if you leave after each of `months` (before tax; see
    `compensation.walk_away`): offer, months, paid, repaid, kept, forfeited."""
    rows = [{"offer": s.label, **compensation.walk_away(s.terms, m)} for s in specs for m in months]
    out = pd.DataFrame(rows)
    out["months"] = out["months"].astype(int)
    return out


@dataclass(frozen=True)
class Withholding:
    """Federal withholding on supplemental wages (bonuses, vesting equity, sign-on,
    relocation): `rate` up to `mandatory_above` dollars of them in a calendar year,
    `mandatory_rate` on the rest (IRS Publication 15, "Supplemental wages"); `source` names
    the rule and its year."""

    rate: float
    mandatory_rate: float
    mandatory_above: float
    source: str


def withholding_rule(data: Tables) -> Withholding:
    """The supplemental-wage withholding rule the build recorded (manifest
    `carried.withholding`); ValueError when the manifest predates it."""
    record = data.manifest.get("carried", {}).get("withholding")
    if not record:
        raise ValueError("The build recorded no withholding rule; rebuild the data.")
    return Withholding(
        rate=float(record["supplemental_rate"]),
        mandatory_rate=float(record["mandatory_rate"]),
        mandatory_above=float(record["mandatory_above"]),
        source=str(record["source"]),
    )


def withholding_gap(
    data: Tables, spec: OfferSpec, start: dt.date, rule: Withholding
) -> pd.DataFrame:
    """The federal tax left to pay at filing time, per calendar year of one offer from
    `start`: year,
    supplemental (USD of supplemental wages), owed (the year's federal income tax on all its
    wages, from the schedule), withheld (the tax the base alone would owe, as regular payroll
    withholding aims at, plus `rule` on the supplemental wages), gap = owed - withheld
    (positive: a bill in April; negative: a refund). An approximation: regular withholding
    follows the W-4 tables, which for a single filer with no other income come close to the
    tax on the base alone."""
    path = comparison.yearly_take_home(data, spec, start=start)
    juris = path["jurisdiction"].iloc[0]
    supplemental = path[list(compensation.SUPPLEMENTAL)].sum(axis=1).to_numpy()
    base_only = take_home.schedule_taxes(data, path["Base"].to_numpy(), juris)
    first = np.minimum(supplemental, rule.mandatory_above)
    flat = first * rule.rate + (supplemental - first) * rule.mandatory_rate
    withheld = base_only["federal_income_tax"].to_numpy() + flat
    owed = path["federal_income_tax"].to_numpy()
    return pd.DataFrame(
        {
            "offer": spec.label,
            "year": path["year"].to_numpy(),
            "supplemental": supplemental,
            "owed": owed,
            "withheld": withheld,
            "gap": owed - withheld,
        }
    )


def withholding_gaps(
    data: Tables, specs: Sequence[OfferSpec], start: dt.date, rule: Withholding
) -> pd.DataFrame:
    """`withholding_gap` of every offer of `specs`, one frame."""
    frames = [withholding_gap(data, spec, start, rule) for spec in specs]
    return pd.concat(frames, ignore_index=True)
