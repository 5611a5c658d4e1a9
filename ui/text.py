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


_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=@)|(?i:(?<=www))(?=\.)")
"""Where GitHub-flavoured Markdown's autolinks start: `http://`, `www.`, `name@host`. Streamlit
finds them in the text after escapes are read, so a backslash does not stop them."""
WORD_JOINER = "\u2060"


def plain(text: object) -> str:
    """`text` as literal characters inside Markdown: every Markdown, HTML and link character is
    backslash-escaped, so no link, image, emphasis or tag can come out of it; an invisible word
    joiner (U+2060) splits each bare address (after `http:`, in `www.`, after `@`), so none is
    linked either."""
    return _MARKDOWN.sub(r"\\\1", _AUTOLINK.sub(WORD_JOINER, str(text)))


def money(value: float | None, step: int = 1) -> str:
    """'$185,080': whole dollars (rounded half to even, as a table shows them), or to `step`
    dollars ('$141,400' for step=100); '—' when missing. The one money format of the app."""
    if value is None or value != value:
        return "—"
    value = float(value)
    return f"${round(value / step) * step if step != 1 else value:,.0f}"


def at_least(top_code: float) -> str:
    """A BLS top-coded wage as the lower bound it is: '≥ $239,200'."""
    return f"≥ {money(top_code)}"


def wage(value: float | None, note: object, top_code: float) -> str:
    """An OEWS wage: '$120,230'; '≥ $239,200' when its note says top-coded; '—' (+ the note's
    reason) when not published."""
    if isinstance(note, str) and note == "top-coded":
        return at_least(top_code)
    if value is None or value != value:
        return f"— ({note})" if isinstance(note, str) and note else "—"
    return money(value)


def duplicate_note(drop_duplicates: bool) -> str:
    """The caption phrase saying whether exact duplicate records were dropped or kept."""
    return "exact duplicates dropped" if drop_duplicates else "exact duplicates kept"


def top_code_note(n_top_coded: int, top_code: float, drawn: str = "drawn as an open end") -> str:
    """Caption text on BLS top-coding for a view with `n_top_coded` top-coded values."""
    floor = at_least(top_code)
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
    "The index's pay is, in its publisher's words, “the total gross salary amount paid” "
    "(before tax; equity is not recorded), not base pay: its figures are labelled salary, "
    "never base. The Offer check places an offer's base against ranges whose positions come "
    "from these salaries and whose dollars come from BLS wages.",
    "The index has no location for a record, and its company size is mostly a default "
    "(“M” on nearly every job listing): pages compare only sizes recorded as small or large.",
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


LEVEL_METHOD = """
BLS publishes pay by place but not by career level; the salary index has levels but no places
(and is mostly US job listings, which pay more than the average job). The Offer check and the
pay bands join them one way: the level's pay among salary-index records (US companies,
full-time, 2023–2025) is placed in a **reference** BLS distribution (where a senior ML
engineer's median sits among all US workers of the occupation), and the same percentile is
read off the **metro's** BLS distribution. So the index positions a level; BLS sets the
dollars of the place. A level placed beyond what the published percentiles pin down has an
open end, never an extrapolated number.

**Which occupations.** BLS has no ML-engineer occupation. The Offer check mixes the
occupations employers file the track's titles under in certified H-1B applications (the table
below: weights by the track's salary-index records; occupations under {min_share} and those
without BLS wages left out). A mixture's percentile counts as known where the parts'
unpublished tails leave it uncertain by at most {slack:g} percentile points (the middle is
taken). Pay bands, and an occupation picked on the Offer check, use that one occupation.

**Which reference population.** The records have no location. Placed among **all US
workers** (the default: the population the records are known to belong to, US companies, with
no assumption about where), a level drawn from listings in high-paying states sits high, and
reading that percentile off Seattle or San Francisco counts their higher pay twice. Placed
among the workers of the **pay-transparency states** ({states}, whose laws required a pay
range in job listings through 2024; employment-weighted) it counts it once, but that is right
only if the records come from there. The data cannot say which: each Offer check range is read
both ways, and its uncertainty runs from one reading to the other.

**Dates.** BLS wages are of {bls}, the records of 2023–2025. The Offer check reads them for
the start date at 0% a year, as Pay bands do for their effective date unless you enter a
rate: {assumes} Why: {why}. Each Offer check verdict is also tested at {tested}; a verdict
that changes then says it could go either way.

**Uncertainty** comes from resampling the records, from BLS's relative standard error of the
mean wage (BLS publishes none for percentiles, so this is an approximation) and from the
reference population. A verdict that changes when one choice above changes (or when exact
duplicate records are kept) says it could go either way.

The back-test below holds records back and asks how many fall inside their level's range
(the 25th–75th percentile, so about 50% when the method is stable). The index has no places,
so it tests the level side of the method, not the metro translation; the sensitivity table
after it shows how far each choice moves the ranges.
"""


def signed_pct(value: float) -> str:
    """'+11%' / '−7%': a whole signed percent, with a true minus sign."""
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
            f"{plain(r.specialization)} ({signed_pct(r.premium)}, 95% interval "
            f"{signed_pct(r.ci_low)} to {signed_pct(r.ci_high)})"
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


def certification_headline(table: object, group: str = "AI/ML roles") -> str:
    """The Certifications answer in Markdown, from `certifications.certification_pay` output:
    the `group` row's adjusted pay difference with its interval and n, and how sure it is:
    "holds" only when it survives the Holm correction across every comparison estimated; a
    group under 30 on either side is named as too thin, never as a finding."""
    rows = table.set_index("comparison")
    row = next(rows.loc[[group]].itertuples())
    k = int(table["p_value"].notna().sum())
    who = f"{group[:1].lower()}{group[1:]}" if group != "AI/ML roles" else "AI/ML roles"
    if row.status == "hidden":
        return (
            f"**Too few respondents in {who} to compare** ({row.n_learned} learned through "
            f"online courses or certification, {row.n_other} did not)."
        )
    head = (
        f"**In {who}, people who learned through online courses or certification earned "
        f"{abs(row.premium):.0%} {'more' if row.premium >= 0 else 'less'}** than those who did "
        f"not, at the same experience, country, role and education (95% interval "
        f"{signed_pct(row.ci_low)} to {signed_pct(row.ci_high)}; n = {row.n_learned:,} who "
        f"learned that way, {row.n_other:,} who did not)."
    )
    if row.status == "low confidence":
        sure = "Fewer than 30 on one side: too few to say."
    elif bool(row.holm_reject):
        sure = f"The difference holds after a Holm correction for the {k} comparisons made."
    elif row.ci_low > 0 or row.ci_high < 0:
        sure = (
            f"Its interval excludes 0, but not after a Holm correction for the {k} "
            "comparisons made: it could be chance."
        )
    else:
        sure = "The interval includes 0: the survey cannot tell this from no difference."
    return f"{head} {sure}"


PATH_NAMES = {
    "Individual contributor": "individual contributors",
    "People manager": "people managers",
    "Architect": "architects",
    "Research": "researchers",
    "Consultant or independent": "consultants and independents",
    "Founder or executive": "founders and executives",
}


def path_years_line(cells: object, path: str) -> str | None:
    """'people managers \\$162,000\\* / \\$160,500 / \\$192,500' from `career_paths.at_years`
    rows of one path (* = under 30 respondents, — = under 10); None when all three are under
    10."""
    rows = cells[cells["path"] == path]
    if (rows["status"] == "hidden").all():
        return None
    shown = [
        "—"
        if r.status == "hidden"
        else plain(money(r.median)) + ("\\*" if r.status == "low confidence" else "")
        for r in rows.itertuples()
    ]
    return f"{PATH_NAMES[path]} {' / '.join(shown)}"


def paths_headline(cells: object, country: str) -> str:
    """The Career paths answer from the survey (`career_paths.at_years` output): median pay
    at 5, 10 and 15 years for every path with a shown cell, and the paths too thin to say."""
    order = ["People manager", "Individual contributor", "Consultant or independent"]
    order += [p for p in PATH_NAMES if p not in order]
    order = [p for p in order if p in set(cells["path"])]
    lines = [line for p in order if (line := path_years_line(cells, p))]
    thin = [
        f"{PATH_NAMES[p]} ({int(cells.loc[cells['path'] == p, 'n'].sum())})"
        for p in order
        if path_years_line(cells, p) is None
    ]
    head = (
        f"**At about 5 / 10 / 15 years of professional coding in {plain(country)}**, median "
        f"pay: {'; '.join(lines)}."
        if lines
        else f"**Too few respondents in {plain(country)}.**"
    )
    if thin:
        head += f" Too few respondents in those bands to say: {', '.join(thin)}."
    return head


def index_paths_line(frame: object, level: str = "Senior") -> str:
    """'Senior titles in the salary index: architects \\$172,200 (n = 980), ...' from
    `career_paths.path_by_level` output; paths under 10 records at that level are left out."""
    rows = frame[(frame["level"] == level) & (frame["status"] != "hidden")]
    parts = [
        f"{PATH_NAMES[r.path]} {plain(money(r.median))} (n = {r.n:,}"
        + (", under 30" if r.status == "low confidence" else "")
        + ")"
        for r in rows.itertuples()
    ]
    return f"{level} titles in the salary index: {'; '.join(parts)}." if parts else ""
