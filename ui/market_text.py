"""What Industries, Remote work and Trends say: each page's answer, the geo-pay simulator's
answer and each chart's one-line takeaway. Pure functions of the analysis results the page
shows: data in, text out."""

from __future__ import annotations

from ui.text import at_least, money


def _spans(low: float, high: float, level: float) -> bool:
    """True when the interval [low, high] holds `level` (no clear difference from it)."""
    return low <= level <= high


def industry_answer(groups: object, us_median: float, occupation: str) -> str:
    """The Industries page's answer, groups view, from `industries.industry_groups` output
    (sorted by `weighted_median`, best paid first) and the occupation's US median across all
    industries: which group pays most, by how much over the US median, and whether its
    approximate 95% interval clears the runner-up's (else a tie)."""
    shown = groups[groups["weighted_median"].notna()].sort_values(
        "weighted_median", ascending=False
    )
    if shown.empty:
        return f"**BLS publishes no industry medians to average for {occupation.lower()}.**"
    top = shown.iloc[0]
    name = str(top["industry_group"])
    over = ""
    if us_median == us_median:
        gap = top["weighted_median"] - us_median
        over = (
            f", {money(abs(gap), 100)} ({abs(gap) / us_median:.0%}) "
            f"{'above' if gap >= 0 else 'below'} the US median of {money(us_median)}"
        )
    members = "industry" if top["n_used"] == 1 else "industries"
    sure = f"{top['tot_emp']:,.0f} jobs in {top['n_used']} {members}"
    if top["thin"]:
        sure += ", a thin group: read with care"
    lead = (
        f"**For {occupation.lower()}, {name} pays most: about {money(top['weighted_median'], 100)} "
        f"(≈95% interval {money(top['ci_low'], 100)}–{money(top['ci_high'], 100)}){over}.**"
    )
    if len(shown) < 2:
        return f"{lead} {sure[0].upper()}{sure[1:]}."
    second = shown.iloc[1]
    if top["ci_low"] > second["ci_high"]:
        versus = (
            f"Its interval clears the next, {second['industry_group']} "
            f"({money(second['weighted_median'], 100)})"
        )
    else:
        versus = (
            f"It is statistically tied with {second['industry_group']} "
            f"({money(second['weighted_median'], 100)}): their intervals overlap"
        )
    return f"{lead} {versus}; {sure}."


def industry_detail_answer(
    detail: object, us_median: float, occupation: str, depth: str, top_code: float
) -> str:
    """The Industries page's answer, NAICS detail view, from `industries.industry_detail`
    output: the industry with the highest published median (a top-coded one first, read as
    "≥ top-code"), its gap over the US median and its jobs. BLS publishes no interval for
    medians, so "how sure" is the jobs count and the thin flag."""
    capped = detail["a_median_note"].eq("top-coded").fillna(False).astype(bool)
    pay = detail["a_median"].where(~capped, top_code)
    if pay.notna().sum() == 0:
        return f"**BLS released no median for {occupation.lower()} in any {depth}.**"
    top = detail.loc[pay.idxmax()]
    value = pay.max()
    told = at_least(value) if capped[pay.idxmax()] else money(value)
    over = ""
    if us_median == us_median:
        gap = value - us_median
        over = (
            f", {'at least ' if capped[pay.idxmax()] else ''}{money(abs(gap))} "
            f"{'above' if gap >= 0 else 'below'} the US median of {money(us_median)}"
        )
    thin = ", few jobs: a noisy median" if bool(top.get("thin", False)) else ""
    solid = detail[~detail["thin"].astype(bool) & pay.notna()] if "thin" in detail else detail[:0]
    if thin and not solid.empty:
        best = solid.loc[pay[solid.index].idxmax()]
        paid = at_least(pay[best.name]) if capped[best.name] else money(pay[best.name])
        thin += (
            f". Among industries with more jobs, {best['industry_name']} pays most: "
            f"{paid} ({best['tot_emp']:,.0f} jobs)"
        )
    return (
        f"**Among {pay.notna().sum()} {depth} with a published median for "
        f"{occupation.lower()}, {top['industry_name']} ({top['industry_code']}) pays most: "
        f"{told}{over}.** {top['tot_emp']:,.0f} jobs{thin}; BLS publishes no interval for "
        "medians."
    )


def industry_takeaway(groups: object) -> str:
    """The groups chart's takeaway from `industry_groups` output: the pay range it draws (best
    and worst paid group), and the share of the occupation's jobs the three largest groups hold
    together, then each."""
    shown = groups[groups["weighted_median"].notna()].sort_values(
        "weighted_median", ascending=False
    )
    if shown.empty:
        return "No industry group has a median to draw."
    top, low = shown.iloc[0], shown.iloc[-1]
    jobs = shown.sort_values("tot_emp", ascending=False).head(3)
    where = ", ".join(f"{r.industry_group} {r.emp_share:.0%}" for r in jobs.itertuples())
    many = {1: "largest group holds", 2: "two largest groups hold", 3: "three largest groups hold"}
    return (
        f"Pay runs from {money(low['weighted_median'], 1000)} ({low['industry_group']}) to "
        f"{money(top['weighted_median'], 1000)} ({top['industry_group']}); the "
        f"{many[len(jobs)]} {jobs['emp_share'].sum():.0%} of the jobs: {where}."
    )


def _remote_rows(table: object) -> object:
    """Fully-remote rows of `remote.pay_by_remote` output that are shown and have a premium
    interval (the ratio to on-site at the same level)."""
    rows = table[(table["arrangement"] == "Fully remote") & (table["status"] != "hidden")]
    return rows[rows["premium_low"].notna()]


def remote_answer(table: object, population: str) -> str:
    """The Remote work page's answer from `remote.pay_by_remote` output: at how many levels
    fully-remote medians sit below / above on-site ones (95% interval of the ratio clear of
    1) or are level with them, then the level with the most remote records in figures.
    `population` names the selection ("US companies, full-time, all AI and data tracks,
    2024")."""
    rows = _remote_rows(table)
    if rows.empty:
        return (
            f"**{population}: too few fully-remote records to compare with on-site pay "
            "(under 10 at every level).**"
        )
    less = int((rows["premium_high"] < 1).sum())
    more = int((rows["premium_low"] > 1).sum())
    level = len(rows) - less - more
    found = [(k, w) for k, w in ((less, "less"), (more, "more"), (level, "about the same")) if k]
    than = "as" if found[0][1] == "about the same" else "than"
    if len(rows) == 1:
        said = f"{found[0][1]} {than} on-site ones at {rows['level'].iloc[0]}"
    elif len(found) == 1:
        said = f"{found[0][1]} {than} on-site ones at all {len(rows)} levels"
    else:
        rest = [f"{w} at {k}" for k, w in found[1:]]
        said = (
            f"{found[0][1]} {than} on-site ones at {found[0][0]} of {len(rows)} levels, "
            + " and ".join(rest)
        )
    big = rows.loc[rows["n"].idxmax()]
    most = ", the level with the most remote records" if len(rows) > 1 else ""
    onsite = table[(table["arrangement"] == "On-site") & (table["level"] == big["level"])].iloc[0]
    return (
        f"**{population}: fully-remote jobs paid {said}.** "
        f"At {big['level']}{most}, the remote median was "
        f"{money(big['median'])} (95% interval {money(big['ci_low'])}–{money(big['ci_high'])}, "
        f"n = {big['n']:,}) against {money(onsite['median'])} on-site "
        f"({money(onsite['ci_low'])}–{money(onsite['ci_high'])}, n = {onsite['n']:,}): "
        f"×{big['premium']:.2f} (×{big['premium_low']:.2f}–{big['premium_high']:.2f})."
    )


def remote_pay_takeaway(table: object) -> str:
    """The pay chart's takeaway from `pay_by_remote` output: the fully-remote median as a
    multiple of the on-site one at each level drawn (95% interval clear of 1 or not)."""
    rows = _remote_rows(table)
    if rows.empty:
        return "Too few fully-remote records at any level to set beside on-site pay."
    parts = [
        f"{r.level} ×{r.premium:.2f}"
        + ("" if r.premium_high < 1 or r.premium_low > 1 else " (no clear gap)")
        for r in rows.itertuples()
    ]
    return "Fully-remote median as a multiple of on-site's: " + ", ".join(parts) + "."


def remote_share_takeaway(share: object) -> str:
    """The remote-share chart's takeaway from `remote.remote_share` output: the share in the
    first and the last full year shown, the last with its 95% interval and records."""
    rows = share[(share["status"] != "hidden") & ~share["partial"].astype(bool)]
    if rows.empty:
        return "Too few records in any full year to show a share."
    first, last = rows.iloc[0], rows.iloc[-1]
    if len(rows) == 1:
        return (
            f"{last['share']:.0%} of {last['year']}'s records were fully remote "
            f"(95% interval {last['ci_low']:.0%}–{last['ci_high']:.0%}; n = {last['n']:,} in "
            f"{last['year']})."
        )
    moved = "fell" if last["share"] < first["share"] else "rose"
    return (
        f"Fully-remote records {moved} from {first['share']:.0%} in {first['year']} to "
        f"{last['share']:.0%} in {last['year']} (95% interval {last['ci_low']:.0%}–"
        f"{last['ci_high']:.0%}; n = {last['n']:,} in {last['year']}), partly because the "
        "index changed source."
    )


def policy_answer(sim: object, home: str, hq: str, salary: float, measure: str) -> str:
    """The geo-pay simulator's one-line answer from `remote.geo_policy` output: what each
    policy pays (or buys, for `measure` 'purchasing_power') a hire living in the hub `home`
    (its display name, as in the `hub` column) of a company whose HQ (`hq`, display name)
    pays `salary`. Metro names come from the data; pass visitor text through `plain`."""
    rows = sim[sim["hub"] == home].set_index("policy")
    if rows.empty:
        return f"**{home} is not among the hubs simulated.**"
    verb = "pays" if measure == "pay" else "buys (in US-average dollars)"
    parts = [
        f"{p.lower()} {money(rows.loc[p, measure])}"
        + (
            f" (tier {rows.loc[p, 'tier']}, {rows.loc[p, 'pay_vs_hq']:.0%})"
            if p == "Tiered zones"
            else ""
        )
        for p in rows.index
    ]
    return (
        f"**For a hire living in {home} (price level {rows['rpp'].iloc[0]:.1f}), a {hq} job at "
        f"{money(salary)} {verb}: {'; '.join(parts)}.**"
    )


def inflation_short(change: dict, start: int, end: int, cpi_year: int, selection: str) -> str:
    """The Trends page's answer to "Did AI pay beat inflation?" in one sentence, from
    `trends.pay_change` on the adjusted basis (`change["adjusted"]`, the page's adjusted
    line): beat / fell behind when the 95% interval of the change clears zero, else no
    clear difference. `selection` names the records ("all levels, all countries, all
    tracks")."""
    adj = change["adjusted"]
    if adj["ci_low"] > 0:
        verdict = "beat inflation"
    elif adj["ci_high"] < 0:
        verdict = "fell behind inflation"
    else:
        verdict = "neither clearly beat nor trailed inflation"
    return (
        f"**For {selection}, AI and data pay {verdict} from {start} to {end}: the median moved "
        f"{adj['change']:+.1%} in {cpi_year} dollars** (95% interval {adj['ci_low']:+.1%} to "
        f"{adj['ci_high']:+.1%}; {adj['n_eff_start']:,.0f} and {adj['n_eff_end']:,.0f} "
        "effective records)."
    )


def inflation_takeaway(change: dict) -> str:
    """The inflation section's takeaway: the raw medians' change beside the adjusted one,
    and what their difference is (who was sampled, not pay)."""
    adj, raw = change["adjusted"], change["raw"]
    return (
        f"Adjusted {adj['change']:+.1%}, raw {raw['change']:+.1%} "
        f"({raw['n_start']:,.0f} and {raw['n_end']:,.0f} records): the difference is the "
        "change in who was sampled, not pay."
    )


def trend_takeaway(series: object) -> str:
    """The trend chart's takeaway from `trends.adjusted_trend` output (the series drawn):
    each series' median in its first and last full year shown, and the change."""
    parts = []
    for name, rows in series.groupby("series", sort=False):
        rows = rows[(rows["status"] != "hidden") & ~rows["partial"].astype(bool)]
        if len(rows) < 2:
            continue
        a, b = rows.iloc[0], rows.iloc[-1]
        parts.append(
            f"{name.lower()} median {money(a['median'], 1000)} in {a['year']} → "
            f"{money(b['median'], 1000)} in {b['year']} ({b['median'] / a['median'] - 1:+.0%})"
        )
    if not parts:
        return "Too few full years to show a change."
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def employment_label(occupation: str) -> str:
    """The Industries page's employment tile label, naming what it counts: the occupation's
    US employment across all industries, e.g. "US data scientists employed, all industries";
    for a group title ("All Occupations"), "US jobs, all occupations, all industries"."""
    if "occupations" in occupation.lower():
        return f"US jobs, {occupation.lower()}, all industries"
    return f"US {occupation.lower()} employed, all industries"


def share_count_note(share: object) -> str:
    """The remote-share caption's count from `remote.remote_share` output (year, n): the
    records behind the chart, named as all years (first–last), so it is not read as the
    takeaway's one-year n, e.g. "n = 22,313 records, all years (2020–2025)"."""
    first, last = int(share["year"].min()), int(share["year"].max())
    return f"n = {int(share['n'].sum()):,} records, all years ({first}–{last})"
