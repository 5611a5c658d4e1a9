"""The Offer check's sentences: the answer on top, each offer's card, the method said once.

Inputs are `analysis.comparison` and `analysis.offer_risk` results; every name a visitor typed
(an employer) passes through `ui.text.plain` before it reaches Markdown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.comparison import Assessment, Comparison
from analysis.level_pay import LevelPay
from analysis.offer_risk import Standings
from analysis.populations import BY_EVIDENCE, TRANSPARENCY_CODES
from analysis.stats import ordinal
from ui.text import money, plain

CLOSE = 0.01
"""Offers whose real take-home differs by less than this share are called about even."""


def lead_changes(leaders: Mapping[int, str]) -> str:
    """'Offer B leads in 2027, Offer A from 2028' (names already escaped); '' when one offer
    leads throughout."""
    runs: list[tuple[str, list[int]]] = []
    for year, name in sorted(leaders.items()):
        if runs and runs[-1][0] == name:
            runs[-1][1].append(year)
        else:
            runs.append((name, [year]))
    if len(runs) < 2:
        return ""
    parts = []
    for i, (name, years) in enumerate(runs):
        if i == len(runs) - 1:
            parts.append(f"{name} from {years[0]}")
        else:
            span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
            parts.append(f"{name} {'leads ' if i == 0 else ''}in {span}")
    return ", ".join(parts)


def answer(ranked: Standings, offers: list[Assessment], where: str, flip: float) -> str:
    """The sentence a visitor came for, in Markdown: which offer leaves the most after tax and
    prices, by how much a year and over the four years, where the lead changes, and what would
    flip it."""
    by_label = {a.spec.label: a for a in offers}
    win = by_label[ranked.winner]
    name = plain(ranked.winner)
    if ranked.runner_up is None:
        return (
            f"**{name} leaves {money(win.average_real)} a year after tax, in {where} prices**, "
            "averaged over four years. Add another offer to compare."
        )
    second = by_label[ranked.runner_up]
    if ranked.margin < CLOSE * second.average_real:
        head = (
            f"**{name} and {plain(ranked.runner_up)} are about even**: {money(win.average_real)} "
            f"and {money(second.average_real)} a year after tax in {where} prices, a "
            f"difference of {money(ranked.margin)} a year."
        )
    else:
        head = (
            f"**{name} leaves the most: {money(ranked.margin)} a year more than "
            f"{plain(ranked.runner_up)}** after tax and prices ({money(ranked.total)} over four "
            f"years; {money(win.average_real)} a year in {where} prices)."
        )
    escaped = {y: plain(n) for y, n in ranked.running_leaders.items()}
    changes = lead_changes(escaped)
    tail = []
    if changes:
        tail.append(f"Counting what you would have by each year's end: {changes}.")
    if np.isfinite(flip):
        tail.append(
            f"{name} stays ahead unless its shares lose more than {1 - flip:.0%} of their "
            "grant value."
        )
    elif win.spec.terms.equity + win.spec.terms.refresher > 0:
        tail.append(f"{name} stays ahead even if its shares became worthless.")
    return " ".join([head, *tail])


def _top(pay: LevelPay) -> str:
    """'the published 90th percentile' for one occupation; for a mixture, the highest
    percentile its published figures pin down."""
    pct = ordinal(pay.area_top_pct)
    carried = ", carried to your start" if pay.factor != 1 else ""
    if len(pay.mix) > 1:
        return f"the {pct} percentile, the highest the published figures pin down{carried}"
    return f"the published {pct} percentile{carried}"


def range_words(pay: LevelPay, *, full: bool = True) -> str:
    """A level's range in words, each edge exact or said as the open end it is ('$154,129 to
    above $272,430, the published 90th percentile (middle $201,000)'); without `full`, an
    open end is only 'above $272,430'."""
    low, mid, high = pay.wages

    def edge(value: float, i: int) -> str:
        if value == value:
            return money(value)
        if pay.open_low[i]:
            return f"below {money(pay.area_bottom)}" + (
                f" (the {ordinal(pay.area_bottom_pct)} percentile)" if full else ""
            )
        return f"above {money(pay.area_top)}" + (f", {_top(pay)}" if full else "")

    return f"{edge(low, 0)} to {edge(high, 2)} (middle {edge(mid, 1)})"


def range_text(a: Assessment) -> str:
    """The offer's level range in its place in words (`range_words`)."""
    return range_words(a.pay)


def percentile_text(a: Assessment) -> str:
    """Where the level's range sits in its reference population, every end said: 'the 70th
    to above the 90th percentile', never a number that drops an open end."""
    pay = a.pay

    def one(i: int) -> str:
        p = pay.percentiles[i]
        if p == p:
            return f"{p:.0f}th"
        if pay.open_low[i]:
            return f"below the {pay.ref_bottom_pct}th"
        return f"above the {pay.ref_top_pct}th"

    first, last = one(0), one(len(pay.percentiles) - 1)
    return f"the {first} to {'the ' if last[0].isdigit() else ''}{last} percentile"


REFERENCE_WORDS = {
    "national": "all US workers of these occupations",
    "states": f"their workers in the pay-transparency states ({TRANSPARENCY_CODES})",
}
SHORT_REFERENCE = {"national": "all US workers", "states": "the pay-transparency states"}
"""How a verdict line names each reference population (`populations.REFERENCES`)."""


def _flip_words(a: Assessment, choice: str) -> str:
    """The condition under which the verdict flips, in words ('read against ...')."""
    pay = a.pay
    if choice == "duplicates":
        return "with exact duplicate records " + ("kept" if "dropped" in pay.scope else "dropped")
    if choice == "reference":
        other = "states" if pay.reference == "national" else "national"
        return f"read against {SHORT_REFERENCE[other]}"
    if choice == "occupation":
        if a.spec.occupation == BY_EVIDENCE and "occupation" in a.variants:
            return f"with {plain(a.variants['occupation'].occ_title)} alone"
        return "with the occupations employers file the track's titles under"
    rate = a.variants["ageing"].rate if "ageing" in a.variants else 0.0
    return f"with pay carried at {rate:.1%} a year, the rate of consumer prices"


def verdict_line(a: Assessment, place: str) -> str:
    """Where the base sits against its level's range in its own city, the range read against
    the other reference population, and why the verdict could go either way when it could."""
    if a.pay is None:
        return f"No market range: {plain(a.pay_error)}"
    pay, v = a.pay, a.verdict
    where = plain(place)
    if pay.fallback:
        where += f" ({plain(pay.area_name)}'s BLS figures: too few published there)"
    line = (
        f"Base {money(a.spec.terms.base)} is **{v.place}** the range for "
        f"{a.spec.level} {plain(a.spec.track)} in {where}: {range_words(pay, full=False)}, "
        f"read against {REFERENCE_WORDS[pay.reference]}."
    )
    if pay.alternative is not None:
        line += (
            f" Read against {SHORT_REFERENCE[pay.alternative.reference]}: "
            f"{range_words(pay.alternative, full=False)}."
        )
    why = []
    if v.near:
        why.append(f"the base is inside the uncertainty of the range's {v.near} edge")
    why += [f"it is {p} the range {_flip_words(a, choice)}" for choice, p in v.flips.items()]
    if why:
        line += " **Could go either way**: " + "; ".join(why) + "."
    if pay.status == "low confidence":
        line += " Few records: rough."
    return line


def ageing_line(result: Comparison, bls: str) -> str:
    """The one sentence that says what date the market ranges are read for, at what rate, what
    that assumes, and the rate each verdict is also tested at."""
    used, tested = result.ageing, result.tested_rate
    line = (
        f"Market ranges: BLS wages of {bls} and salary records of 2023–2025, read for your "
        f"start ({result.start.isoformat()}) at {used.rate:.0%} a year: {used.assumes} Why: "
        f"{used.source}."
    )
    if tested.rate != used.rate:
        line += f" Each verdict is also tested at {tested.source}: {tested.assumes}"
    return line


def ask_line(a: Assessment, place: str) -> str:
    """The counter-offer target with its reason, flagged when it passes the highest wage BLS
    publishes there."""
    where = plain(place)
    reason = {
        "mid": f"the middle of the level's range in {where}",
        "high": f"the top of the level's range in {where}",
        "match": "what equals the best other offer here, after tax and prices",
    }
    if a.ask != a.ask:
        return "Base is at or above the level's range here: ask for equity or a sign-on instead."
    line = f"Ask for **{money(a.ask)}** base: {reason[a.ask_reason]}."
    if a.ask_over_top:
        line += (
            f" That is above {money(a.pay.area_top)}, {_top(a.pay)} for "
            f"{plain(a.pay.occ_title)} there: few employers pay it."
        )
    return line


def leaving_line(a: Assessment, walk: pd.DataFrame) -> str:
    """What leaving early costs one offer, in one line (before tax); `walk` is its rows of
    `offer_risk.leaving_early`, indexed by months."""
    terms = a.spec.terms
    equity = terms.equity > 0
    line = f"Leave after 6 months: keep {money(walk.loc[6, 'kept'])}"
    if terms.sign_on > 0 and walk.loc[6, "repaid"] > 0:
        line += f" (after repaying {money(walk.loc[6, 'repaid'])} of the sign-on)"
    if equity and terms.cliff:
        line += "; nothing vests before the one-year cliff"
    line += f". After 12: {money(walk.loc[12, 'kept'])}"
    if equity:
        line += f", with {money(walk.loc[12, 'forfeited'])} of the grant still unvested"
    return line + " (before tax)."


def visa_line(level: object, occupation: str = "") -> str:
    """The H-1B prevailing wage level a base reaches (`analysis.visa.WageLevel`) as
    `occupation` (its title, when given), and the base that reaches the next one."""
    same = level.level == level.highest_level
    reached = f"Level {level.level}" if level.level != "below I" else "below Level I"
    if not same:
        reached += f" to {level.highest_level} (its counties differ)"
    line = f"H-1B wage level: {reached} for {plain(level.area)}"
    if occupation:
        line += f" as {plain(occupation)}"
    if level.next_level is not None and level.next_base is not None:
        line += f"; Level {level.next_level} from {money(level.next_base)}"
    return line + " (an approximation: DOL's own level depends on the job's duties)."


METHOD = """
**How this is computed.** Each offer is paid month by month from the start date (base monthly,
the bonus at each work anniversary, equity as it vests, sign-on and relocation in month 1) and
taxed by calendar year where the job is (federal, Social Security, Medicare, state, state
payroll and the local taxes the schedule holds; single filer, standard deduction, wages only).
Take-home is then put in one set of prices (BEA Regional Price Parities) and offers are ranked
by their average over four years. Equity is valued at its grant price unless you set a share
price move; a private company's equity at the share you say you could sell. The market range
places the level's salary-index records (total gross salary as the index reports it) among
all US workers of the occupations employers file the track's titles under, and reads the same
percentiles off the metro's BLS wages (at 0% a year to your start date: no wage-growth rate
is in the data; each verdict is also tested at the rate of consumer prices). The records have no
location: if they come mostly from pay-transparency states, placing them among all US workers
counts those states' higher pay twice, so each range is also read against those states'
workers, and its uncertainty runs from one reading to the other. A verdict that changes when
one choice of the method changes (duplicates, reference population, occupations, ageing) says
it could go either way. Data & methods has the method, its back-test and how far each choice
moves the ranges.
The tax bill at filing compares the federal tax owed with what payroll withholds: the tax on
the base alone, plus the flat supplemental rate on bonuses and vesting equity.
"""


# Issue 24: each chart's one-line takeaway, computed from the figures it draws.


def path_takeaway(table: pd.DataFrame, where: str) -> str:
    """The year-by-year chart's takeaway: which offer takes home the most in each calendar year
    and by how much over the next one (`table`: `Comparison.table`, its `real_take_home` per
    offer and year in `where` prices, as the chart draws it)."""
    wide = table.pivot_table(
        index="year", columns="offer", values="real_take_home", aggfunc="sum", sort=False
    ).sort_index()
    years = [int(y) for y in wide.index]
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    if wide.shape[1] == 1:
        name, values = plain(wide.columns[0]), wide.iloc[:, 0]
        short = "months" in table and bool((table["months"] < 12).any())
        return (
            f"{name} takes home {money(values.min())} to {money(values.max())} a year "
            f"({span}) in {where} prices"
            + ("; a first or last year of a few months holds less." if short else ".")
        )
    ordered = np.sort(wide.to_numpy(dtype=float), axis=1)
    gaps = pd.Series(ordered[:, -1] - ordered[:, -2], index=years)
    leaders = {int(y): plain(n) for y, n in wide.idxmax(axis=1).items()}
    changes = lead_changes(leaders)
    if not changes:
        name = leaders[years[0]]
        low, high = money(gaps.min()), money(gaps.max())
        by = low if low == high else f"{low} to {high}"
        return (
            f"**{name} takes home the most in every year** ({span}): {by} a year more than "
            f"the next offer, in {where} prices."
        )
    widest = int(gaps.idxmax())
    return (
        f"**The lead changes**: {changes}. The widest gap in one year is "
        f"{money(gaps.max())} ({widest}), in {where} prices."
    )


def range_takeaway(offers: Sequence[Assessment]) -> str:
    """The market-range chart's takeaway: each base against its level's range in its own
    metro (below / within / above, by how much from the nearest edge or the middle), with the
    verdicts that could go either way said so."""
    parts = []
    for a in offers:
        name = plain(a.spec.label)
        if a.pay is None or a.verdict is None:
            parts.append(f"{name} has no market range")
            continue
        low, _, high = a.pay.wages
        base, v = a.spec.terms.base, a.verdict
        if v.place == "below" and low == low:
            words = f"below its range, {money(low - base)} under the low edge"
        elif v.place == "above" and high == high:
            words = f"above its range, {money(base - high)} over the high edge"
        elif v.place == "within" and v.gap == v.gap:
            side = "under" if v.gap < 0 else "over"
            words = f"within its range, {money(abs(v.gap))} {side} the middle"
        else:
            words = f"{v.place} its range"
        if v.either_way:
            words += " (could go either way)"
        parts.append(f"{name}'s base is {words}")
    return "; ".join(parts) + "."


def terms_line(offer: Mapping[str, object]) -> str:
    """The line on an offer's box of inputs (closed until opened), from `offer_form.now`:
    "Offer A: San Francisco, CA · $187,000 base · 15% bonus · $400,000 equity"; the
    employer's name passes `plain`, a bonus that cannot be read is left out."""
    from ui.offer_form import bonus

    line = f"{plain(offer['label'])}: {plain(offer['place'])}"
    parts = [line + (" (remote)" if offer["remote"] else ""), f"{money(offer['base'])} base"]
    try:
        value, percent = bonus(str(offer["bonus"]))
    except ValueError:
        value, percent = 0.0, False
    if value > 0:
        parts.append(f"{value:g}% bonus" if percent else f"{money(value)} bonus")
    if float(offer["equity"]) > 0:
        parts.append(f"{money(offer['equity'])} equity")
    return " · ".join(parts)


def hubs_takeaway(worth: pd.DataFrame, label: str) -> str:
    """The hubs chart's takeaway from `take_home.worth_in_hubs` output (home row first): where
    the offer's base leaves the most after tax at US-average prices, against home. Hubs BEA
    does not price are left out."""
    priced = worth[worth["real_take_home"].notna()]
    home = worth.iloc[0]
    best = priced.loc[priced["real_take_home"].idxmax()]
    who = plain(label)
    if bool(best["is_home"]):
        return (
            f"**{who}'s base goes furthest where it is, in {plain(home['label'])}**: "
            f"{money(home['real_take_home'])} a year after tax at US-average prices."
        )
    return (
        f"**{who}'s base would go furthest in {plain(best['label'])}: "
        f"{money(best['real_take_home'])} a year after tax at US-average prices**, against "
        f"{money(home['real_take_home'])} in {plain(home['label'])}."
    )
