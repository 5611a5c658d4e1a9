"""What Career levels, Certifications & career paths and Specializations say: each page's
answer, each chart's one-line takeaway, and what company sizes the index records. Pure
functions of the analysis results the page shows: data in, text out."""

from __future__ import annotations

from ui.text import PATH_NAMES, money, plain, signed_pct, wage


def company_size_note(recording: object, table: object, years: tuple[int, ...]) -> str:
    """What the index's company sizes can say, from `company_size.size_recording` (by year) and
    `pay_by_company_size` output: how many records carry the default "M", then whether any
    level has enough small and large records to compare."""
    recent = recording[recording["year"].isin(list(years))]
    n = recent["n"].sum()
    default = float((recent["default_share"] * recent["n"]).sum() / n) if n else float("nan")
    early = recording[recording["year"] < 2022]
    then = (
        f", against {(early['default_share'] * early['n']).sum() / early['n'].sum():.0%} "
        "in 2020–2021, when the index was a survey"
        if early["n"].sum()
        else ""
    )
    shown = table[table["status"] != "hidden"]
    both = shown.groupby("level")["size"].nunique()
    compared = both[both > 1].index.tolist()
    end = (
        f"Small and large can be compared at: {', '.join(compared)}."
        if compared
        else "No level has 10 or more records of both small and large companies here, so "
        "this index cannot compare startups with large companies for this selection."
    )
    counts = table.groupby("size")["n"].sum()
    return (
        f"**{default:.1%} of these records ({years[0]}–{years[-1]}) carry the size “M” "
        f"(50–250 employees){then}**: nearly every job-listing record says “M”, which reads as "
        "the value a listing that states no size gets, not a measured size, so it is not "
        "compared. Only records marked small "
        f"(under 50 employees, {int(counts.get('S', 0)):,}) or large (over 250, "
        f"{int(counts.get('L', 0)):,}) are. {end}"
    )


def _usd(value: float) -> str:
    """Money safe inside Markdown ('\\$135,400': a bare $ would start LaTeX)."""
    return plain(money(value))


def _times(value: float) -> str:
    return f"×{value:.2f}"


def _thin(*counts: int) -> str:
    """', under 30: rough' (inside a bracket) when any count is under 30, else ''."""
    return ", under 30: rough" if min(counts) < 30 else ""


def level_growth_answer(curve: object, steps: dict, where: str) -> str:
    """Career levels' answer: how many times entry pay the senior median is, per track, the
    largest first, with its bootstrap 95% interval and the records behind each median.

    `curve`: `levels.progression` output (the medians); `steps`: track -> `levels.StepUp`
    Entry -> Senior (None when either level has under 10 records); `where`: the selection in
    words ("companies in the United States, 2023–2025")."""
    rows = curve.set_index(["track", "level"])
    shown = sorted(
        ((t, s) for t, s in steps.items() if s is not None), key=lambda ts: -float(ts[1].ratio)
    )
    missing = [t for t, s in steps.items() if s is None]
    if not shown:
        return f"Too few entry or senior records at {where} to say how pay grows: " + (
            ", ".join(plain(t) for t in missing) + "."
        )

    def detail(track: str, step: object, lead: bool) -> str:
        low, high = rows.loc[(track, "Entry"), "median"], rows.loc[(track, "Senior"), "median"]
        words = "95% interval " if lead else ""
        counts = (
            f"n = {step.n_from:,} entry and {step.n_to:,} senior records"
            if lead
            else f"n = {step.n_from:,} and {step.n_to:,}"
        )
        return (
            f"{_usd(low)} → {_usd(high)}; {words}{_times(step.low)}–{_times(step.high)}; "
            f"{counts}{_thin(step.n_from, step.n_to)}"
        )

    track, step = shown[0]
    if len(steps) == 1:
        head = (
            f"**At {where}, {plain(track)} pay grows {_times(step.ratio)} from entry to "
            f"senior** (median {detail(track, step, True)})."
        )
    else:
        head = (
            f"**Of the tracks you picked, at {where}, {plain(track)} pay grows most from entry "
            f"to senior: {_times(step.ratio)}** (median {detail(track, step, True)})."
        )
    for other, s in shown[1:]:
        head += f" {plain(other)}: {_times(s.ratio)} ({detail(other, s, False)})."
    if len(shown) > 1:
        runner = shown[1][1]
        clear = step.low > runner.high
        head += f" The leader's interval {'clears' if clear else 'overlaps'} the next track's" + (
            "." if clear else ", so the two may grow alike."
        )
    if missing:
        head += f" Too few entry or senior records to say for: {', '.join(map(plain, missing))}."
    return head


def size_takeaway(sizes: object) -> str:
    """The company-size chart's takeaway from `company_size.pay_by_company_size` output: at
    each level with both sizes shown, small-company pay as a multiple of large-company pay
    with its bootstrap 95% interval and both counts."""
    shown = sizes[sizes["status"] != "hidden"]
    parts = []
    for level, rows in shown.groupby("level", sort=False):
        by = rows.set_index("size")
        if not {"S", "L"} <= set(by.index):
            continue
        s, big = by.loc["S"], by.loc["L"]
        parts.append(
            f"{level} {_times(s['ratio'])} ({_times(s['ratio_low'])}–{_times(s['ratio_high'])}; "
            f"n = {int(s['n']):,} small, {int(big['n']):,} large{_thin(s['n'], big['n'])})"
        )
    if not parts:
        return "No level has 10 or more records of both small and large companies here."
    return (
        "**Small-company median pay as a multiple of large-company pay**, 95% interval: "
        + "; ".join(parts)
        + ". Above ×1 small pays more; an interval spanning ×1 cannot tell them apart."
    )


def experience_takeaway(bins: object) -> str:
    """The experience chart's takeaway from `levels.experience_curve` bins: per survey year,
    the median at the first and the last shown band of years, with their counts."""
    parts = []
    for year, rows in bins.groupby("year", sort=False):
        rows = rows[rows["status"] != "hidden"]
        measure = str(bins.loc[bins["year"] == year, "experience_measure"].iloc[0])
        if len(rows) < 2:
            parts.append(f"{year} ({measure} years): too few respondents per band to compare")
            continue
        first, last = rows.iloc[0], rows.iloc[-1]
        parts.append(
            f"{year} ({measure} years) {_usd(first['median'])} at {first['bin']} years → "
            f"{_usd(last['median'])} at {last['bin']} (n = {int(first['n'])} and "
            f"{int(last['n'])}{_thin(first['n'], last['n'])})"
        )
    return "**Median pay by years of experience:** " + "; ".join(parts) + "."


def spread_takeaway(ladder: object, top_code: float) -> str:
    """The market-spread chart's takeaway from `levels.market_spread`: the middle half (25th
    to 75th percentile), the median and the 90th percentile, top-coded ones as "≥"."""
    at = {int(r.percentile): plain(wage(r.wage, r.note, top_code)) for r in ladder.itertuples()}
    title = plain(ladder["occ_title"].iloc[0])
    top = at.get(90, "—")
    top = top if top.startswith("≥") else f"{top} or more"  # a top-coded one is already a floor
    return (
        f"**Half of US {title} earn between {at.get(25, '—')} and {at.get(75, '—')} a year** "
        f"(median {at.get(50, '—')}); one in ten earns {top}."
    )


def paths_answer(cells: object, certs: object, where: str, years: int = 10) -> str:
    """Certifications & career paths' answer. Paths: at about `years` years of coding
    (`career_paths.at_years` output; paths with 30+ respondents when two or more have), the
    path with the highest survey median and the next one, with 95% intervals and n; when their
    intervals
    overlap it leads with "no path clearly pays most" instead of naming a winner. Then the
    certification comparisons (`certifications.certification_pay` output) whose 95% interval
    excludes 0, each with whether it holds after the Holm correction, or that none shows a
    clear difference."""
    at = cells[(cells["years"] == years) & (cells["status"] != "hidden")]
    if (at["status"] == "ok").sum() >= 2:  # paths under 30 count only when fewer than 2 have 30+
        at = at[at["status"] == "ok"]
    ranked = at.sort_values("median", ascending=False)
    lead = f"At about {years} years of coding in {plain(where)}"

    def cell(r: object) -> str:
        return (
            f"{_usd(r['median'])} (95% interval {_usd(r['ci_low'])}–{_usd(r['ci_high'])}; "
            f"n = {int(r['n'])}{_thin(r['n'])})"
        )

    if len(ranked) < 2:
        head = f"Too few respondents in {plain(where)} on two or more paths to compare."
    else:
        top, nxt = ranked.iloc[0], ranked.iloc[1]
        one, two = PATH_NAMES[top["path"]], PATH_NAMES[nxt["path"]]
        if top["ci_low"] <= nxt["ci_high"] and nxt["ci_low"] <= top["ci_high"]:
            head = (
                f"**{lead}, no path clearly pays most**: {one} at a median of {cell(top)} and "
                f"{two} at {cell(nxt)} have overlapping intervals."
            )
        else:
            head = (
                f"**{lead}, {one} earn the most: median {cell(top)}**, clear of {two} at "
                f"{cell(nxt)}."
            )
    shown = certs[certs["status"] != "hidden"]
    clear = shown[(shown["ci_low"] > 0) | (shown["ci_high"] < 0)]
    learning = (
        "Learning through online courses or certification (against not, at the same "
        "experience, country and role)"
    )
    if shown.empty:
        cert = "Too few respondents to compare courses or certification."
    elif clear.empty:
        cert = (
            f"{learning}: none of the {len(shown)} comparisons shows a clear pay difference "
            "(every 95% interval includes 0)."
        )
    else:
        found = "; ".join(
            f"{plain(r['comparison'])} {signed_pct(r['premium'])} (95% interval "
            f"{signed_pct(r['ci_low'])} to {signed_pct(r['ci_high'])}; "
            f"n = {int(r['n_learned']):,} and {int(r['n_other']):,}"
            f"{_thin(r['n_learned'], r['n_other'])}), "
            + (
                "which holds after a Holm correction"
                if bool(r["holm_reject"])
                else "but not after a Holm correction: it could be chance"
            )
            for _, r in clear.iterrows()
        )
        cert = (
            f"{learning}: {len(clear)} of {len(shown)} comparisons show"
            f"{'s' if len(clear) == 1 else ''} a clear pay difference, {found}."
        )
    return f"{head} {cert}"


def certification_takeaway(certs: object) -> str:
    """The certification chart's takeaway from `certifications.certification_pay` output: how
    many shown comparisons hold after the Holm correction, and which, with their sign."""
    shown = certs[certs["status"] != "hidden"]
    holds = shown[shown["holm_reject"].fillna(False).astype(bool)]
    k = len(shown)
    if holds.empty:
        return f"**None of the {k} comparisons holds after a Holm correction.**"
    names = "; ".join(
        f"{plain(r.comparison)} {signed_pct(r.premium)} "
        f"({signed_pct(r.ci_low)} to {signed_pct(r.ci_high)})"
        for r in holds.itertuples()
    )
    return f"**{len(holds)} of {k} comparisons hold after a Holm correction:** {names}."


def specialization_answer(frame: object, baseline: str, adjusted: bool, tracks: list) -> str:
    """Specializations' answer from `specialties.raw_premiums` or `adjusted_premiums` output,
    leading with what holds: the specializations of 30+ records whose 95% interval is above 0
    (reliably more than `baseline`) or below 0 (reliably less), each with its premium, interval
    and n; says plainly when none reliably pays more; names the largest reliable difference
    either way when there are several; when no interval excludes 0, the largest estimate only
    as possibly no difference. Ends with: association, not causation."""
    rows = frame[(frame["status"] != "hidden") & ~frame["is_baseline"] & frame["premium"].notna()]
    who = " and ".join(plain(t) for t in tracks)
    base = "general titles" if baseline == "General" else f"{plain(baseline)} titles"
    how = (
        "once level, year, country, track, remote work and company size are held fixed"
        if adjusted
        else "in raw medians"
    )
    if rows.empty:
        return f"No specialization among {who} titles has enough records to compare with {base}."

    def entry(r: object) -> str:
        return (
            f"{plain(r['specialization'])} {signed_pct(r['premium'])} (95% interval "
            f"{signed_pct(r['ci_low'])} to {signed_pct(r['ci_high'])}; n = {int(r['n']):,} records"
            f"{_thin(r['n'])})"
        )

    def entries(part: object) -> str:
        return "; ".join(entry(r) for _, r in part.iterrows())

    solid = rows[rows["status"] == "ok"]
    higher = solid[solid["ci_low"] > 0].sort_values("premium", ascending=False)
    lower = solid[solid["ci_high"] < 0].sort_values("premium")
    lead = f"**Among {who} titles, {how}, "
    if len(higher):
        verb = "reliably pays" if len(higher) == 1 else "reliably pay"
        head = f"{lead}{entries(higher)} {verb} more than {base}"
        head += f"; reliably less: {entries(lower)}**." if len(lower) else "**."
    elif len(lower):
        head = (
            f"{lead}no specialization reliably pays more than {base} here; reliably less: "
            f"{entries(lower)}**."
        )
    else:
        pool = solid if len(solid) else rows
        top = pool.loc[pool["premium"].abs().idxmax()]
        head = (
            f"{lead}no specialization reliably pays more or less than {base} here**: every "
            f"interval of a group with 30+ records includes 0. The largest estimate, "
            f"{entry(top)}, may be no difference."
        )
    reliable = solid[(solid["ci_low"] > 0) | (solid["ci_high"] < 0)]
    if len(reliable) > 1:
        big = reliable.loc[reliable["premium"].abs().idxmax()]
        head += (
            f" The largest reliable difference: {plain(big['specialization'])}, "
            f"{signed_pct(big['premium'])}."
        )
    return f"{head} Association, not causation: titles differ in ways no control captures."


def tool_takeaway(table: object, label: str) -> str:
    """The tools chart's takeaway from `tools.tool_premiums` output: the tools whose pay
    difference holds after the Holm correction (or none), and the largest estimate."""
    shown = table[table["status"] != "hidden"]
    if shown.empty:
        return f"No tool among the {plain(label)} has enough users to compare."
    holds = shown[shown["holm_reject"].fillna(False).astype(bool)]
    top = shown.loc[shown["premium"].idxmax()]
    words = plain(label if label[:2].isupper() else label[:1].lower() + label[1:])
    lead = f"**After a Holm correction for the {len(shown)} {words} compared, " + (
        "; ".join(
            f"{plain(r.tool)} users earn {signed_pct(r.premium)} ({signed_pct(r.ci_low)} to "
            f"{signed_pct(r.ci_high)}; {r.n_users:,} users)"
            for r in holds.itertuples()
        )
        + "**"
        if len(holds)
        else "none goes with a clear pay difference**"
    )
    if top["tool"] not in set(holds["tool"]):
        lead += (
            f"; the largest estimate, {plain(top['tool'])} {signed_pct(top['premium'])} "
            f"({top['n_users']:,} users), could be chance"
        )
    return lead + "."
