"""Words the pages show that are not data: plain-text escaping, shared phrases, help texts.

Numbers and facts come from `analysis` (and the build's manifest); this module only says
them. `plain` makes any text safe to place inside Streamlit Markdown.
"""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&])")

DUPLICATES_HELP = (
    "Off (default): records that repeat another exactly (mostly re-posted job listings) are "
    "dropped, so they do not inflate n or narrow the intervals."
)


def plain(text: object) -> str:
    """`text` as literal characters inside Markdown: every Markdown, HTML and link character is
    backslash-escaped, so no link, image, emphasis or tag can come out of it."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def duplicate_note(drop_duplicates: bool) -> str:
    """The caption phrase saying whether exact duplicate records were dropped or kept."""
    return "exact duplicates dropped" if drop_duplicates else "exact duplicates kept"


def top_code_note(n_top_coded: int, top_code: float, drawn: str = "drawn as an open end") -> str:
    """Caption text on BLS top-coding for a view with `n_top_coded` top-coded values."""
    floor = f"≥ ${top_code:,.0f}"
    if n_top_coded:
        many = "s" if n_top_coded != 1 else ""
        return f"{n_top_coded} value{many} BLS publishes only as {floor} (top-coded; {drawn})"
    return f"BLS marks some wages only as {floor}; none in this view"


DEFINITIONS: tuple[tuple[str, str], ...] = (
    (
        "Median and percentiles",
        "Half of workers earn less than the median. The 10th/25th/75th/90th percentiles mark "
        "where 10%, 25%, 75% and 90% of workers earn less. Pay is skewed, so medians, not means.",
    ),
    (
        "Top-coded wage",
        "Where BLS cannot publish a wage exactly it marks it with footnote 5 (at or above "
        "the release's top-code, {top_code}). Such a cell is a lower bound: shown as "
        "'≥ {top_code}', never averaged or interpolated as exact. Other wages above it are "
        "published exactly and shown as published.",
    ),
    (
        "Relative standard error (RSE)",
        "BLS's measure of an OEWS estimate's sampling precision: the standard error as a "
        "percentage of the estimate. A 95% interval is about ±1.96 × RSE.",
    ),
    (
        "Regional price parity (RPP)",
        "BEA's price level of an area relative to the US average (= 100). Purchasing power = "
        "pay / (RPP / 100), i.e. pay in national-average dollars.",
    ),
    (
        "Fair Market Rent (FMR)",
        "HUD's estimate of the 40th-percentile gross rent (rent plus utilities) of standard "
        "recent-mover units, by number of bedrooms.",
    ),
    (
        "Small samples",
        "Groups with fewer than 30 records are flagged as low confidence; under 10 they are not "
        "shown. Intervals are 95%: order-statistic intervals for medians, seeded bootstrap "
        "intervals for ratios, robust (HC3) intervals for regression premiums.",
    ),
    (
        "Duplicate salary records",
        "53% of aijobs.net rows repeat an earlier row exactly (mostly job postings with the same "
        "title, level and salary). Every page drops them by default, because a re-posted "
        "listing is not a new observation and would inflate n and narrow the intervals; "
        "Career levels, Specializations, Remote work and Trends offer a 'Keep exact "
        "duplicates' switch to see what they change.",
    ),
)


LIMITATIONS: tuple[str, ...] = (
    "BLS OEWS wages are base pay plus incentive pay that is part of it (commissions, "
    "production bonuses, tips); they exclude stock and equity grants, non-production bonuses "
    "such as year-end bonuses, overtime and benefits, so they understate total "
    "compensation at firms that pay heavily in equity.",
    "OEWS covers employees on payrolls, not the self-employed, and has no job levels: a "
    "metro's distribution mixes entry and senior workers.",
    "The aijobs.net index is a self-selected mix of survey answers and job postings (mostly US "
    "postings since 2024); it is not a random sample, and its titles are generic, so "
    "specialization groups are small.",
    "The Stack Overflow extracts are non-random subsets of the survey; they support relative "
    "comparisons only, with their sample sizes shown.",
    "BEA price parities compare places within a year; they are not an inflation index across "
    "years.",
    "Take-home pay is for a single filer with the standard deduction and wages only; the "
    "local taxes it includes and the taxes it leaves out are listed below, from the tax "
    "schedule's own record.",
)


def local_tax_note(
    jurisdictions: list[str],
    names: dict[str, str],
    excluded: list[str],
    places: list[str] | None = None,
) -> str:
    """A caption fragment naming the local taxes in `jurisdictions` (schedule codes; `names`
    maps a code to its tax's name), each followed by its place from `places` when given, then
    the first of the taxes the schedule's record says it leaves out (`excluded`)."""
    places = places if places is not None else [""] * len(jurisdictions)
    included = [
        names[code] + (f" ({p})" if p else "")
        for j, p in zip(jurisdictions, places, strict=True)
        for code in j.split("|")  # a home|work code names both places' taxes
        if code in names
    ]
    head = "local tax included: " + ", ".join(dict.fromkeys(included)) if included else ""
    left = "; ".join(excluded[:2]) + (f" and {len(excluded) - 2} more" if len(excluded) > 2 else "")
    tail = f"not included: {left} (each with its reason on Data & methods)" if excluded else ""
    return " · ".join(p for p in (head or "no local tax included", tail) if p)


def tax_line(tax: object, names: dict[str, str]) -> str:
    """An `analysis.take_home.AfterTax` in one Markdown line: take-home a year and a month, its
    share of gross, then each tax that is not zero (whole dollars)."""
    items = {
        "federal income tax": tax.federal,
        "Social Security": tax.social_security,
        "Medicare": tax.medicare,
        "state income tax": tax.state,
        "state payroll (disability, leave)": tax.state_payroll,
        names.get(tax.jurisdiction, "local income tax"): tax.local,
    }
    parts = [f"{name} ${value:,.0f}" for name, value in items.items() if abs(value) >= 0.5]
    return (
        f"**Take-home ${tax.take_home:,.0f} a year** (${tax.take_home / 12:,.0f} a month, "
        f"{tax.take_home / tax.gross:.0%} of ${tax.gross:,.0f}) · " + " · ".join(parts)
    )


def _usd(value: float) -> str:
    return f"${value:,.0f}"


def level_range_text(pay: object) -> str:
    """A level's range in a place in words: '$154,129 – $183,593 – $212,000', with an open end
    said as such ('above $186,010, the 90th percentile BLS publishes there')."""
    low, mid, high = pay.wages
    parts = []
    parts.append(
        _usd(low)
        if low == low
        else f"below {_usd(pay.area_bottom)} (the published {pay.area_bottom_pct}th)"
    )
    parts.append(_usd(mid) if mid == mid else f"above {_usd(pay.area_top)}")
    parts.append(
        _usd(high)
        if high == high
        else f"above {_usd(pay.area_top)}, the published {pay.area_top_pct}th percentile"
    )
    return f"{parts[0]} to {parts[2]} (middle {parts[1]})"


def verdict_sentence(assessment: object, place: str) -> str:
    """One offer's verdict in one Markdown sentence, with its basis; `place` names the
    offer's metro."""
    spec, pay, verdict = assessment.spec, assessment.pay, assessment.verdict
    if pay is None:
        return f"No market range for this offer: {plain(assessment.pay_error)}"
    where = place
    if pay.fallback:
        where += f" (BLS publishes too little there: {pay.area_name}'s figures)"
    near = ""
    if verdict.near:
        i = 0 if verdict.near == "low" else 2
        near = (
            f" It is close to the range's {verdict.near} edge (95% uncertainty "
            f"{_usd(pay.low[i])}–{_usd(pay.high[i])}), so the verdict could go either way."
        )
    pcts = [f"{p:.0f}th" for p in pay.percentiles if p == p]
    where_bls = (
        f"the {pcts[0]}–{pcts[-1]} percentiles" if len(pcts) > 1 else "above the published range"
    )
    return (
        f"**Base {_usd(spec.terms.base)} is {verdict.place} the market range** for "
        f"{spec.level} {spec.track} pay in {plain(where)}: {level_range_text(pay)}.{near}  \n"
        f"Basis: the middle half of {pay.n:,} {spec.level} {spec.track} records (US "
        f"companies, salary index) sits at {where_bls} of US {pay.occ_title} pay (BLS); the "
        f"same percentiles of {plain(pay.area_name)}'s BLS distribution give the range."
        + (" Few records: treat as rough." if pay.status == "low confidence" else "")
    )


def ask_sentence(assessment: object, place: str) -> str:
    """The counter-offer target of one offer, and what matching each other offer would take
    there, in Markdown; `place` names the offer's metro."""
    where = plain(place)
    reason = {
        "mid": f"the middle of the level's range in {where}",
        "high": f"the top of the level's range in {where} (the base is already past its middle)",
        "match": "what it takes to equal the best other offer here, after tax and prices",
    }
    if assessment.ask == assessment.ask:
        head = f"**Ask for {_usd(assessment.ask)} base**: {reason[assessment.ask_reason]}."
    else:
        head = (
            "**The base is already at or above the level's range here**: ask for equity, a "
            "sign-on or a refresher rather than base."
        )
    lines = [
        f"to match {plain(other)} you would need "
        + (
            f"a {_usd(base)} base here"
            if base == base
            else "a base the tax schedule does not reach"
        )
        for other, base in assessment.match.items()
    ]
    joined = "; ".join(lines)
    return head + (f"  \n{joined[:1].upper()}{joined[1:]}." if lines else "")


LEVEL_METHOD = """
BLS publishes pay by place but not by career level; the salary index has levels but no places
(and is mostly US job listings, which pay more than the average job). The Offer check and the
pay bands join them one way: the level's pay among salary-index records (US companies,
full-time, 2023–2025) is placed in the **national** BLS distribution of the occupation
("a senior ML engineer's median sits at the 89th percentile of all US data scientists"), and
the same percentile is read off the **metro's** BLS distribution. So the index positions a
level; BLS sets the dollars of the place. A level placed beyond the 10th–90th percentiles BLS
publishes has an open end, never an extrapolated number. Uncertainty comes from resampling
the records and from BLS's relative standard error of the mean wage (BLS publishes none for
percentiles, so this is an approximation).

The back-test below holds records back and asks how many fall inside their level's range
(the 25th–75th percentile, so about 50% when the method is stable). The index has no places,
so it tests the level side of the method, not the metro translation.
"""


def _signed_pct(value: float) -> str:
    return f"{value:+.0%}".replace("-", "−")


def premium_headline(frame: object, baseline: str, adjusted: bool) -> str:
    """One sentence answering the Specializations page from `specialties.raw_premiums` or
    `adjusted_premiums` output (`adjusted` says which). "Reliably" higher or lower needs a 95%
    interval that excludes 0 AND at least 30 records: a group the chart marks as noise (under
    30) is named as too thin to say, never as a finding."""
    rows = frame[(frame["status"] != "hidden") & ~frame["is_baseline"] & frame["premium"].notna()]
    if rows.empty:
        return f"No specialization has enough records to compare with {plain(baseline)}."
    solid, thin = rows[rows["status"] == "ok"], rows[rows["status"] == "low confidence"]
    higher, lower = solid[solid["ci_low"] > 0], solid[solid["ci_high"] < 0]
    unclear = len(solid) - len(higher) - len(lower)
    how = (
        "once level, year, country, track, remote ratio and company size are held fixed"
        if (adjusted)
        else "in raw medians (nothing held fixed)"
    )
    compared = f"{'general' if baseline == 'General' else plain(baseline)} titles"

    def names(part: object) -> str:
        return "; ".join(
            f"{plain(r.specialization)} ({_signed_pct(r.premium)}, 95% interval "
            f"{_signed_pct(r.ci_low)} to {_signed_pct(r.ci_high)})"
            for r in part.itertuples()
        )

    if higher.empty and lower.empty:
        head = f"No specialization shows a reliable pay difference from {compared} {how}"
        head += (
            f": all {len(solid)} intervals of groups with 30+ records include 0"
            if len(solid)
            else ""
        )
    else:
        parts = (
            [f"reliably higher than {compared} {how}: {names(higher)}"]
            if len(higher)
            else [f"none reliably higher than {compared} {how}"]
        )
        if len(lower):
            parts.append(f"reliably lower: {names(lower)}")
        head = "; ".join(parts)
        if unclear:
            head += (
                f"; the other {unclear} interval{'s include' if unclear != 1 else ' includes'} 0"
            )
    if len(thin):
        few = ", ".join(plain(n) for n in thin["specialization"])
        head += f". Too few records (under 30) to say: {few}"
    return head[0].upper() + head[1:] + "."


def taxed_as(jurisdiction: str, names: dict[str, str]) -> str:
    """How a tax-schedule code reads in a sentence: "federal and TX taxes", or with a local
    tax named from `names` (code -> the local tax's name)."""
    if "|" in jurisdiction:  # "home|work": lives in one state, works in another
        home, work = jurisdiction.split("|", 1)
        local = [names[c] for c in (home, work) if c in names]
        extra = f" and {' and '.join(local)}" if local else ""
        return f"federal taxes, living in {home[:2]} and working in {work[:2]}{extra}"
    if jurisdiction in names:
        return f"federal, state and {names[jurisdiction]}"
    return f"federal and {jurisdiction} taxes"
