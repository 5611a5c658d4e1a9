"""Several offers side by side: each one's four years after tax and prices (by calendar year
from a shared start date), its place against its level's market in its own city, and what it
would take to match the best of the others.

An `OfferSpec` is one offer as a job seeker describes it. Everything about it follows from its
own place: taxes are those of its jurisdiction (the metro's state, plus the local tax of the
principal city when `resident`, or of working there where the tax falls on workers), prices
are its metro's BEA price level, and its market is the BLS distribution of its metro (for a
remote role, the metro you would live and work in). Money is USD a year unless a column says
otherwise; "real" amounts are in the prices of one reference (`reference`: a metro's CBSA code,
or "US" for the US average, price level 100). Offers are ranked by their average real take-home
over the four years (`HORIZON_MONTHS`), the one number `compare_offers` orders them by.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from analysis import compensation, level_pay, metros, populations, take_home, taxes
from analysis.ageing import NO_AGEING, Ageing, price_rate
from analysis.compensation import HORIZON_MONTHS, OfferTerms
from analysis.data import Tables
from analysis.wages import PLACES, cross_industry, national_median

US_AVERAGE = "US"


@dataclass(frozen=True)
class OfferSpec:
    """One offer: who pays it (`label`), where (`cbsa`: the metro of the job, or for a
    `remote` role the metro you live and work in), for what role (`occupation` BLS code,
    `track` and `level` of the salary index) and on what terms. `lives_in_city` /
    `works_in_city`: you would live / work in the metro's main city, so its local tax applies
    to you where the schedule has one (`take_home.LOCAL_RULES`); off, only the state's.
    `work_state` / `home_state`: where the job is and where you live, for a metro that spans
    states (USPS codes; None: the metro's principal state, and home where the job is); taxed
    across state lines by `analysis.taxes.CROSS_STATE_RULE`."""

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


def filed_occupation(data: Tables, occupation: str, track: str) -> str:
    """The one BLS code an offer stands for where one is needed (a starting base, the H-1B
    wage level): `occupation` itself, or for `populations.BY_EVIDENCE` the occupation most of
    the track's titles are filed under."""
    return populations.dominant(populations.occupation_mix(data, track, occupation))


def default_base(data: Tables, cbsa: str, occupation: str, track: str = "ML engineer") -> float:
    """The metro's OEWS median for the offer's occupation (`filed_occupation`) rounded to
    $1,000 (the national median when the metro has none): the page's starting base, USD/yr."""
    code = filed_occupation(data, occupation, track)
    rows = cross_industry(data.wages, code, PLACES)
    hit = rows.loc[rows["cbsa"] == str(cbsa), "a_median"].dropna()
    value = float(hit.iloc[0]) if len(hit) else national_median(data, code)
    return float(round(value, -3)) if np.isfinite(value) else 100_000.0


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


def tax_years(data: Tables, years: Sequence[int]) -> list[int]:
    """The tax year whose rules apply to pay earned in each calendar year of `years`
    (`take_home.tax_year_for`: the year itself, else the last published rules)."""
    return [take_home.tax_year_for(data, int(y)) for y in years]


def price_level(data: Tables, cbsa: str) -> float:
    """The BEA price level (US = 100) of a metro, or 100 for the US average; NaN when BEA
    publishes none (Puerto Rico)."""
    return 100.0 if cbsa == US_AVERAGE else metros.price_level(data, cbsa)


def _linear(spec: OfferSpec, start: dt.date) -> tuple[np.ndarray, np.ndarray]:
    """Each calendar year's gross as slope x base + fixed (a year's months of base and a
    percent bonus at each anniversary grow with the base; nothing else does): two ledgers
    give both."""
    one = compensation.calendar_gross(spec.terms, start)["total"].to_numpy()
    bumped = replace(spec.terms, base=spec.terms.base + 1_000.0)
    slope = (compensation.calendar_gross(bumped, start)["total"].to_numpy() - one) / 1_000.0
    return slope, one - slope * spec.terms.base


def yearly_take_home(
    data: Tables, spec: OfferSpec, reference: str = US_AVERAGE, *, start: dt.date
) -> pd.DataFrame:
    """The offer's calendar years from `start` (`compensation.calendar_gross`): year, months,
    its gross by component, the taxes of its own jurisdiction on each year's total (federal,
    Social Security, Medicare, state, state payroll, local) at the rules of its `tax_year`
    (`tax_years`), take_home, and real_take_home = take_home in the prices of `reference`
    (take_home x reference price level / the offer's price level); also the 401(k) `match`
    (not pay).

    Raises ValueError with a message a user can act on when the place has no tax schedule or
    price level, or a year's pay is outside the schedule's range.
    """
    gross = compensation.calendar_gross(spec.terms, start)
    juris = jurisdiction(data, spec)
    try:
        taxes = take_home.schedule_taxes(
            data, gross["total"].to_numpy(), juris, tax_years(data, gross["year"])
        )
    except ValueError as err:
        raise ValueError(f"{spec.label}: {err}") from None
    here, there = price_level(data, spec.cbsa), price_level(data, reference)
    if not (np.isfinite(here) and np.isfinite(there)):
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


def average_real(path: pd.DataFrame) -> float:
    """An offer's real take-home per year of the horizon (USD a year): the total of its path
    over HORIZON_MONTHS, divided by the years in it. The one number offers are ranked by."""
    return float(path["real_take_home"].sum() / (HORIZON_MONTHS / 12))


def base_to_match(
    data: Tables,
    spec: OfferSpec,
    target: float,
    reference: str = US_AVERAGE,
    *,
    start: dt.date,
) -> float:
    """The base salary that would give `spec` (its other terms unchanged) an average real
    take-home of `target` (USD a year, `reference` prices), to the dollar; NaN when no base
    the tax schedule covers does. A percent bonus grows with the base.

    Take-home is found for a fine grid of bases at once and the grid inverted (take-home rises
    with the base everywhere in the schedule)."""
    schedule = data.take_home
    juris = jurisdiction(data, spec)
    grid = schedule.loc[schedule["jurisdiction"] == taxes.split_code(juris)[0], "gross"]
    here, there = price_level(data, spec.cbsa), price_level(data, reference)
    if grid.empty or not (np.isfinite(here) and np.isfinite(there)):
        return float("nan")
    slope, fixed = _linear(spec, start)
    # The bases whose every calendar year stays inside the schedule's wages.
    lowest = max(compensation.MIN_BASE, *((float(grid.min()) - fixed) / slope))
    highest = min(compensation.MAX_BASE, *((float(grid.max()) - fixed) / slope))
    if highest <= lowest:
        return float("nan")
    bases = np.linspace(lowest, highest, 4001)
    totals = bases[:, None] * slope[None, :] + fixed[None, :]
    years = compensation.calendar_gross(spec.terms, start)["year"]
    rules = np.tile(tax_years(data, years), len(bases))
    paid = take_home.schedule_taxes(data, totals.ravel(), juris, rules)[list(taxes.TAX_COLUMNS)]
    kept = totals - paid.sum(axis=1).to_numpy().reshape(totals.shape)
    real = (kept * there / here).sum(axis=1) / (HORIZON_MONTHS / 12)
    if not real[0] <= target <= real[-1]:
        return float("nan")
    return float(round(np.interp(target, real, bases)))


@dataclass(frozen=True)
class Assessment:
    """One offer in a comparison: its yearly path, its level's pay there (`pay`, None with
    `pay_error` when the level cannot be placed), the verdict on its base, the counter-offer
    target (`ask`, USD/yr base; NaN when none) with its `ask_reason` ("mid", "high",
    "match", "above") and `ask_over_top` (the ask is above the highest wage BLS publishes
    there: `pay.area_top`, its `area_top_pct` percentile), `match`: other offer label ->
    the base that would equal it here, and `variants`: the level's pay with one choice of
    the method flipped (`level_pay.variants`), which the verdict was tested against."""

    spec: OfferSpec
    path: pd.DataFrame
    average_real: float
    pay: level_pay.LevelPay | None
    pay_error: str
    verdict: level_pay.Verdict | None
    ask: float
    ask_reason: str
    ask_over_top: bool
    match: dict[str, float]
    variants: dict[str, level_pay.LevelPay] = field(default_factory=dict)


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
    """The result of `compare_offers`: each computable offer's `Assessment` (in input order),
    their yearly paths in one long `table` (one row per offer and calendar year), the
    `reference` whose prices the real amounts are in, the `start` date, and `failed`: offer
    label -> why that offer could not be computed (the others are still compared);
    `ageing`: the rate the market ranges are carried to `start` at (0%: none is assumed) and
    `tested_rate`: the sourced rate each verdict is also tested at (`ageing.price_rate`)."""

    offers: tuple[Assessment, ...]
    table: pd.DataFrame
    reference: str
    start: dt.date
    failed: dict[str, str]
    ageing: Ageing = NO_AGEING
    tested_rate: Ageing = NO_AGEING


def compare_offers(
    data: Tables,
    specs: Sequence[OfferSpec],
    reference: str = US_AVERAGE,
    *,
    start: dt.date,
    drop_duplicates: bool = True,
) -> Comparison:
    """Every offer of `specs` assessed against its own place and against the others.

    For each: the calendar-year path from `start` (`yearly_take_home`), the level's pay in its
    metro (`level_pay.level_pay` at its 25th/50th/75th percentiles, read for `start` at 0% a
    year: no wage-growth rate is in the data) and the verdict on its base, tested against each
    choice of the method flipped (`level_pay.variants`; ageing at the rate of consumer prices,
    `analysis.ageing.price_rate`), the base it would need to match each
    other offer's average real take-home (`base_to_match`), and a counter-offer target
    (`_ask`). An offer whose path cannot be computed is left out with its reason in `failed`;
    ValueError only when no offer can be.
    """
    if not specs:
        raise ValueError("Add at least one offer.")
    if len({s.label for s in specs}) != len(specs):
        raise ValueError("Give each offer its own employer name.")
    paths, failed = {}, {}
    for spec in specs:
        try:
            paths[spec.label] = yearly_take_home(data, spec, reference, start=start)
        except ValueError as err:
            failed[spec.label] = str(err)
    if not paths:
        raise ValueError(" ".join(failed.values()))
    kept = [s for s in specs if s.label in paths]
    averages = {label: average_real(p) for label, p in paths.items()}
    prices = price_rate(data)
    method = {"drop_duplicates": drop_duplicates, "as_of": start, "rate": NO_AGEING.rate}
    out = []
    for spec in kept:
        role = (spec.cbsa, spec.occupation, spec.level, spec.track)
        try:
            pay = level_pay.level_pay(data, *role, **method)
            flipped = level_pay.variants(data, *role, **method, other_rate=prices.rate)
            error = ""
        except ValueError as err:
            pay, flipped, error = None, {}, str(err)
        others = {o.label: averages[o.label] for o in kept if o.label != spec.label}
        match = {
            label: base_to_match(data, spec, target, reference, start=start)
            for label, target in others.items()
        }
        best = max(others, key=others.get) if others else None
        needed = match[best] if best and others[best] > averages[spec.label] else float("nan")
        ask, reason = _ask(spec.terms.base, pay, needed)
        over = pay is not None and np.isfinite(ask) and ask > pay.area_top
        out.append(
            Assessment(
                spec=spec,
                path=paths[spec.label],
                average_real=averages[spec.label],
                pay=pay,
                pay_error=error,
                verdict=None if pay is None else level_pay.verdict(pay, spec.terms.base, flipped),
                ask=ask,
                ask_reason=reason,
                ask_over_top=bool(over),
                match=match,
                variants=flipped,
            )
        )
    table = pd.concat([a.path for a in out], ignore_index=True)
    return Comparison(
        offers=tuple(out),
        table=table,
        reference=reference,
        start=start,
        failed=failed,
        ageing=NO_AGEING,
        tested_rate=prices,
    )
