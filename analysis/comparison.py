"""Several offers side by side: each one's four years after tax and prices, its place against
its level's market in its own city, and what it would take to match the best of the others.

An `OfferSpec` is one offer as a job seeker describes it. Everything about it follows from its
own place: taxes are those of its jurisdiction (the metro's state, plus the local tax of the
principal city when `resident`, or of working there where the tax falls on workers), prices
are its metro's BEA price level, and its market is the BLS distribution of its metro (for a
remote role, the metro you would live and work in). Money is USD a year unless a column says
otherwise; "real" amounts are in the prices of one reference (`reference`: a metro's CBSA code,
or "US" for the US average, price level 100).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import compensation, level_pay, metros, take_home, taxes
from analysis.compensation import OfferTerms
from analysis.data import Tables

US_AVERAGE = "US"
YEARS = compensation.YEARS
DEFAULT_START_YEAR = 2026
"""The first year of an offer made now (offers compared in 2026 start in 2026 or 2027)."""


@dataclass(frozen=True)
class OfferSpec:
    """One offer: who pays it (`label`), where (`cbsa`: the metro of the job, or for a
    `remote` role the metro you live and work in), for what role (`occupation` BLS code,
    `track` and `level` of the salary index) and on what terms. `lives_in_city` /
    `works_in_city`: you would live / work in the metro's main city, so its local tax applies
    to you where the schedule has one (`take_home.LOCAL_RULES`); off, only the state's.
    `work_state` / `home_state`: where the job is and where you live, for a metro that spans
    states (USPS codes; None: the metro's principal state, and home where the job is); taxed
    across state lines by `analysis.taxes.CROSS_STATE_RULE`. `start_year`: the calendar year
    of the offer's first year; year n is taxed at the rules of year start_year + n - 1
    (`take_home.tax_year_for`: the last published rules after them)."""

    label: str
    cbsa: str
    occupation: str
    track: str
    level: str
    terms: OfferTerms
    remote: bool = False
    lives_in_city: bool = True
    works_in_city: bool = True
    work_state: str | None = None
    home_state: str | None = None
    start_year: int = DEFAULT_START_YEAR


def jurisdiction(data: Tables, spec: OfferSpec) -> str:
    """The tax jurisdiction of the offer's place (see `take_home.jurisdiction_for`); a remote
    role is worked from home: its work state is the home state, and a tax on working in the
    city applies only if you live there."""
    home = spec.home_state or spec.work_state
    return take_home.jurisdiction_for(
        data,
        spec.cbsa,
        work_state=home if spec.remote else spec.work_state,
        home_state=home,
        lives_in_city=spec.lives_in_city,
        works_in_city=spec.works_in_city and (spec.lives_in_city or not spec.remote),
    )


def tax_years(data: Tables, spec: OfferSpec) -> list[int]:
    """The tax year whose rules apply to each of the offer's `YEARS` years."""
    return [take_home.tax_year_for(data, spec.start_year + n) for n in range(YEARS)]


def price_level(data: Tables, cbsa: str) -> float:
    """The BEA price level (US = 100) of a metro, or 100 for the US average; NaN when BEA
    publishes none (Puerto Rico)."""
    return 100.0 if cbsa == US_AVERAGE else metros.price_level(data, cbsa)


def yearly_take_home(data: Tables, spec: OfferSpec, reference: str = US_AVERAGE) -> pd.DataFrame:
    """Years 1-4 of one offer: its gross by component (`compensation.yearly_gross`), the
    taxes of its own jurisdiction on each year's total (federal, Social Security, Medicare,
    state, state payroll, local) at the rules of `tax_year` (the year's calendar year, else the
    last published: `tax_years`), take_home, and real_take_home = take_home in the prices of
    `reference` (take_home x reference price level / the offer's price level).

    Raises ValueError with a message a user can act on when the place has no tax schedule or
    price level, or a year's pay is outside the schedule's range.
    """
    gross = compensation.yearly_gross(spec.terms)
    juris = jurisdiction(data, spec)
    try:
        taxes = take_home.schedule_taxes(
            data, gross["total"].to_numpy(), juris, tax_years(data, spec)
        )
    except ValueError as err:
        raise ValueError(f"{spec.label}: {err}") from None
    here, there = price_level(data, spec.cbsa), price_level(data, reference)
    if not np.isfinite(here):
        raise ValueError(
            f"{spec.label}: BEA publishes no price level for this place, so its pay cannot be "
            "compared in other prices; compare it in dollars, or pick the nearest priced metro."
        )
    out = pd.concat([gross, taxes.drop(columns="gross")], axis=1)
    out.insert(0, "offer", spec.label)
    out["jurisdiction"] = juris
    out["price_level"] = here
    out["real_take_home"] = out["take_home"] * there / here
    return out


def average_real(data: Tables, spec: OfferSpec, reference: str) -> float:
    """The offer's average real take-home over its four years (USD a year, `reference`
    prices): the one number offers are ranked by."""
    return float(yearly_take_home(data, spec, reference)["real_take_home"].mean())


def base_to_match(
    data: Tables, spec: OfferSpec, target: float, reference: str = US_AVERAGE
) -> float:
    """The base salary that would give `spec` (its other terms unchanged) an average real
    take-home of `target` (USD a year, `reference` prices), to the dollar; NaN when no base
    the tax schedule covers does. A percent bonus grows with the base.

    Each year's gross is base x (1 + bonus share) + the parts that do not depend on the base,
    so take-home is found for a fine grid of bases at once and the grid inverted (take-home
    rises with the base everywhere in the schedule).
    """
    gross = compensation.yearly_gross(spec.terms)
    share = spec.terms.bonus / 100.0 if spec.terms.bonus_percent else 0.0
    fixed = (gross["total"] - gross["Base"] - (gross["Bonus"] if share else 0.0)).to_numpy()
    schedule = data.take_home
    juris = jurisdiction(data, spec)
    home = taxes.split_code(juris)[0]
    rows = schedule[schedule["jurisdiction"] == home]
    here, there = price_level(data, spec.cbsa), price_level(data, reference)
    if rows.empty or not (np.isfinite(here) and np.isfinite(there)):
        return float("nan")
    bottom, top = float(rows["gross"].min()), float(rows["gross"].max())
    lowest = max(compensation.MIN_BASE, (bottom - fixed.min()) / (1 + share))
    highest = min(compensation.MAX_BASE, (top - fixed.max()) / (1 + share))
    if highest <= lowest:
        return float("nan")
    bases = np.linspace(lowest, highest, 4001)
    totals = bases[:, None] * (1 + share) + fixed[None, :]
    kept = np.empty_like(totals)
    for j, year in enumerate(tax_years(data, spec)):
        kept[:, j] = taxes.take_home(totals[:, j], juris, schedule, year)["take_home"]
    paid = totals - kept
    real = ((totals - paid) * there / here).mean(axis=1)
    if not real[0] <= target <= real[-1]:
        return float("nan")
    return float(round(np.interp(target, real, bases)))


@dataclass(frozen=True)
class Assessment:
    """One offer in a comparison: its yearly path, its level's pay there (`pay`, None with
    `pay_error` when the level cannot be placed), the verdict on its base, the counter-offer
    target (`ask`, USD/yr base; NaN when none) with its `ask_reason` ("mid", "high",
    "match", "above"), and `match`: other offer label -> the base that would equal it here."""

    spec: OfferSpec
    path: pd.DataFrame
    average_real: float
    pay: level_pay.LevelPay | None
    pay_error: str
    verdict: level_pay.Verdict | None
    ask: float
    ask_reason: str
    match: dict[str, float]


def _ask(base: float, pay: level_pay.LevelPay | None, match: float) -> tuple[float, str]:
    """The counter-offer target: the next landmark of the level's range above the base (its
    middle, else its high edge), raised to what matching the best other offer takes."""
    target, reason = float("nan"), "above"
    if pay is not None:
        _, mid, high = pay.wages
        if np.isfinite(mid) and base < mid:
            target, reason = mid, "mid"
        elif np.isfinite(high) and base < high:
            target, reason = high, "high"
    if np.isfinite(match) and match > base and not (np.isfinite(target) and target >= match):
        target, reason = match, "match"
    return target, reason


@dataclass(frozen=True)
class Comparison:
    """The result of `compare_offers`: each offer's `Assessment` (in input order), all
    yearly paths in one long `table` (one row per offer and year), and the `reference` whose
    prices the real amounts are in."""

    offers: tuple[Assessment, ...]
    table: pd.DataFrame
    reference: str


def compare_offers(
    data: Tables,
    specs: Sequence[OfferSpec],
    reference: str = US_AVERAGE,
    *,
    drop_duplicates: bool = True,
) -> Comparison:
    """Every offer of `specs` assessed against its own place and against the others.

    For each: the yearly path (`yearly_take_home`), the level's pay in its metro
    (`level_pay.level_pay` at its 25th/50th/75th percentiles) and the verdict on its base,
    the base it would need to match each other offer's average real take-home
    (`base_to_match`), and a counter-offer target (`_ask`). Raises ValueError (naming the
    offer) when an offer's terms or place cannot be computed at all.
    """
    if not specs:
        raise ValueError("Add at least one offer.")
    if len({s.label for s in specs}) != len(specs):
        raise ValueError("Give each offer its own employer name.")
    paths = {s.label: yearly_take_home(data, s, reference) for s in specs}
    averages = {label: float(p["real_take_home"].mean()) for label, p in paths.items()}
    out = []
    for spec in specs:
        try:
            pay = level_pay.level_pay(
                data,
                spec.cbsa,
                spec.occupation,
                spec.level,
                spec.track,
                drop_duplicates=drop_duplicates,
            )
            error = ""
        except ValueError as err:
            pay, error = None, str(err)
        others = {o.label: averages[o.label] for o in specs if o.label != spec.label}
        match = {
            label: base_to_match(data, spec, target, reference) for label, target in others.items()
        }
        best = max(others, key=others.get) if others else None
        needed = match[best] if best and others[best] > averages[spec.label] else float("nan")
        ask, reason = _ask(spec.terms.base, pay, needed)
        out.append(
            Assessment(
                spec=spec,
                path=paths[spec.label],
                average_real=averages[spec.label],
                pay=pay,
                pay_error=error,
                verdict=None if pay is None else level_pay.verdict(pay, spec.terms.base),
                ask=ask,
                ask_reason=reason,
                match=match,
            )
        )
    table = pd.concat([a.path for a in out], ignore_index=True)
    return Comparison(offers=tuple(out), table=table, reference=reference)
