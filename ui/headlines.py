"""The sentences that answer a page's question from its numbers: each page's answer (the first
lines under its title) and each chart's one-line takeaway, plus what company sizes the index
records and how far each choice of the level method moves the ranges (Data & methods).
Each is a pure function of the analysis results the page shows: data in, text out."""

from __future__ import annotations

from ui.text import at_least, money


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


def sensitivity_sentence(summary: object) -> str:
    """One sentence from `level_checks.sensitivity_summary` output: how far each choice moves
    a range's edges (median and largest), and how many edges it opens or closes."""
    parts = []
    for r in summary.itertuples():
        part = (
            f"{r.choice_label}: a median {r.median_move:.1%}, at most {r.largest_move:.1%}"
            if r.edges
            else f"{r.choice_label}: no edge with a number both ways"
        )
        if r.opened:
            part += f" ({r.opened} edge{'s' if r.opened > 1 else ''} open one way only)"
        parts.append(part)
    return "How far flipping one choice moves a range's edges and middle: " + "; ".join(parts) + "."


# --- Where pay goes furthest: Overview, Tech hubs, Cost of living; Data & methods ---------


def _above(value: float, base: float) -> str:
    """'54% above' / '12% below' / 'level with': `value` against `base`, in words."""
    share = value / base - 1
    if round(share * 100) == 0:
        return "level with"
    return f"{abs(share):.0%} {'above' if share > 0 else 'below'}"


def _rank_leader(ranks: object) -> tuple[str, str]:
    """The leader of `hubs.rank_intervals` output and how sure its first place is: (label,
    'clear of the rest' | 'a statistical tie with X and Y'). The leader is the row ranked 1."""
    lead = ranks.loc[ranks["rank"].idxmin()]
    others = [t for t in str(lead["tied"] or "").split("; ") if t]
    if lead["rank_high"] <= lead["rank"] and not others:
        return str(lead["label"]), "clear of the rest"
    return str(lead["label"]), "a statistical tie with " + " and ".join(others)


def hubs_answer(
    table: object, national: float, occ_title: str, ranks: object, ranks_real: object
) -> str:
    """The Tech hubs answer from `hubs.compare_hubs(...).table` (label, median, real_median),
    the US median of the occupation (USD/yr) and `hubs.rank_intervals` in dollars and after
    prices: who leads in each, by how much over the US median, and whether each lead is clear
    or a statistical tie (overlapping 95% rank ranges)."""
    shown = table.dropna(subset=["median"])
    top = shown.loc[shown["median"].idxmax()]
    priced = shown.dropna(subset=["real_median"])
    metros = f"{len(table)} metro{'s' if len(table) != 1 else ''}"
    first = (
        f"**Among the {metros} picked, {top['label']} pays {occ_title.lower()} the "
        f"most: {money(top['median'])} a year, {_above(top['median'], national)} the US median "
        f"({money(national)})"
    )
    if priced.empty:
        first += ".**"
    else:
        real = priced.loc[priced["real_median"].idxmax()]
        who = "it still leads" if real["label"] == top["label"] else f"{real['label']} leads"
        first += (
            f"; after cost of living {who} ({money(real['real_median'])} at US-average prices).**"
        )
    if len(ranks) < 2:  # one ranked metro: nothing to be sure against
        return first
    lead, sure = _rank_leader(ranks)
    text = first + " Given BLS's sampling error (95% rank ranges), "
    if len(ranks_real) and _rank_leader(ranks_real) != (lead, sure):
        lead_real, sure_real = _rank_leader(ranks_real)
        text += f"first place in dollars is {sure}; after prices, {lead_real}'s is {sure_real}"
    else:
        text += f"first place is {sure}" + (" in both" if len(ranks_real) else "")
    second = ranks[ranks["rank"] == 2]
    if sure == "clear of the rest" and len(second) and second["tied"].iloc[0]:
        pair = sorted([str(second["label"].iloc[0]), *str(second["tied"].iloc[0]).split("; ")])
        text += "; second place is a statistical tie between " + " and ".join(pair)
    return text + "."


def overview_answer(
    medians: object, top: object, top_real: object, hubs_compared: int, step: object
) -> str:
    """The Overview answer: the top hub for data scientists in dollars and after cost of
    living (rows of `hubs.compare_hubs(...).table`: label, median, real_median) against the US
    median (the 15-2051 row of `overview.national_medians`), and the entry-to-senior step-up
    with its 95% interval (`levels.StepUp`)."""
    ds = medians.set_index("occ_code").loc["15-2051"]
    who = (
        "and it still leads after cost of living"
        if top_real["label"] == top["label"]
        else f"after cost of living {top_real['label']} leads"
    )
    return (
        f"**Of the {hubs_compared} tech hubs, {top['label']} pays {ds['occ_title'].lower()} "
        f"most: {money(top['median'])} a year, {_above(top['median'], ds['median'])} the US "
        f"median of {money(ds['median'])}**, {who} ({money(top_real['real_median'])} at "
        f"US-average prices). The pay of {step.track}s grows ×{step.ratio:.2f} from "
        f"entry to senior level (95% interval ×{step.low:.2f}–{step.high:.2f}; "
        f"{step.n_from:,} entry and {step.n_to:,} senior records, US companies)."
    )


def medians_takeaway(medians: object) -> str:
    """The Overview medians chart in a line: the best-paid occupation of the chart and how
    many times the all-occupations median (00-0000) it is (`overview.national_medians`)."""
    shown = medians.dropna(subset=["median"])
    everyone = shown.set_index("occ_code").loc["00-0000"]
    rest = shown[shown["occ_code"] != "00-0000"]
    top = rest.loc[rest["median"].idxmax()]
    low = rest.loc[rest["median"].idxmin()]
    return (
        f"{top['occ_title']} earn the most here ({money(top['median'])}, "
        f"{top['median'] / everyone['median']:.1f}× the {money(everyone['median'])} of all "
        f"occupations); even {low['occ_title'].lower()} earn "
        f"{low['median'] / everyone['median']:.1f}×."
    )


def ranges_takeaway(table: object, real: bool) -> str:
    """The Tech hubs ranges chart in a line: the highest and lowest median drawn (in dollars,
    or after prices with `real`) and the ratio between them."""
    key = "real_median" if real else "median"
    shown = table.dropna(subset=[key])
    basis = " after prices" if real else ""
    if shown.empty:
        return f"No metro picked has a median{basis}."
    top, low = shown.loc[shown[key].idxmax()], shown.loc[shown[key].idxmin()]
    if len(shown) == 1:
        return f"{top['label']}'s median{basis} is {money(top[key])}."
    return (
        f"Medians{basis} run from {money(low[key])} ({low['label']}) to {money(top[key])} "
        f"({top['label']}): {top[key] / low[key]:.2f}× between the lowest and the highest."
    )


def map_takeaway(points: object, occ_title: str, real: bool) -> str:
    """The Tech hubs map in a line (`hubs.all_metros_for_map`): where most of the
    occupation's jobs are, and the best-paid metro on the map."""
    key = "real_median" if real else "median"
    shown = points.dropna(subset=[key])
    jobs = shown.dropna(subset=["employment"])
    most = jobs.loc[jobs["employment"].idxmax()]
    top = shown.loc[shown[key].idxmax()]
    basis = " after prices" if real else ""
    return (
        f"{most['label']} has the most jobs ({most['employment']:,.0f} {occ_title.lower()}); "
        f"{top['label']} pays the highest median{basis} of the {len(shown)} metros mapped "
        f"({money(top[key])})."
    )


def scatter_takeaway(table: object, national: float) -> str:
    """The pay-against-prices chart in a line: how many picked metros sit above the dashed
    line, i.e. whose median after prices beats the US median (`real_median > national`)."""
    priced = table.dropna(subset=["real_median"])
    if priced.empty:
        return "BEA publishes no price level for the metros picked."
    above = priced[priced["real_median"] > national]
    return (
        f"{len(above)} of the {len(priced)} metro{'s' if len(priced) != 1 else ''} picked "
        f"{'sits' if len(above) == 1 else 'sit'} above the dashed line: there "
        f"the median buys more than the US median ({money(national)}) does at US prices."
    )


def _more_less(value: float, base: float) -> str:
    """'11% less' / '4% more' / 'the same': `value` against `base`, in words."""
    share = value / base - 1
    if round(share * 100) == 0:
        return "the same"
    return f"{abs(share):.0%} {'more' if share > 0 else 'less'}"


def living_answer(eq: object, net: object | None) -> str:
    """The Cost of living answer (`living.equivalent_salary`, `living.equivalent_after_tax`):
    the pay in the "to" metro that lives as well as the salary in the "from" metro, by prices
    alone and after each place's taxes too."""
    text = (
        f"**To live as well in {eq.to_label} as on {money(eq.salary)} in {eq.from_label}, you "
        f"would need {money(eq.same_power)} by prices alone "
        f"({_more_less(eq.same_power, eq.salary)})"
    )
    if net is not None and net.same_after_tax == net.same_after_tax:
        text += (
            f", and {money(net.same_after_tax)} once each place's taxes are counted "
            f"({_more_less(net.same_after_tax, eq.salary)}).**"
        )
    else:
        text += ".** No after-tax figure for this pair."
    return text


def position_takeaway(eq: object) -> str:
    """The equivalence chart in a line: the pay that keeps the visitor's rank in the "to"
    metro against the pay that keeps their purchasing power (`living.Equivalence`)."""
    if eq.gap != eq.gap:
        return eq.position_note
    word = "more" if eq.gap > 0 else "less"
    return (
        f"Keeping your rank ({eq.position_label}) among {eq.occ_title.lower()} in "
        f"{eq.to_label} pays {money(eq.same_position)}: {money(abs(eq.gap))} {word} than the "
        "same purchasing power, because local pay does not move one-for-one with prices."
    )


def components_takeaway(comp: object) -> str:
    """`living.price_components` in a line (label, component, index; US = 100): the component
    whose price level differs most between the metros shown (or from the US average, for
    one metro), with its extremes."""
    table = comp.dropna(subset=["index"])
    if table["label"].nunique() < 2:
        far = table.loc[(table["index"] - 100).abs().idxmax()]
        return (
            f"{far['component']} differs most from the US average in {far['label']}: "
            f"{far['index']:.0f} (US = 100)."
        )
    spread = table.groupby("component", observed=True)["index"].agg(lambda s: s.max() - s.min())
    part = table[table["component"] == spread.idxmax()]
    high, low = part.loc[part["index"].idxmax()], part.loc[part["index"].idxmin()]
    return (
        f"{spread.idxmax()} makes the biggest difference: {high['index']:.0f} in "
        f"{high['label']} against {low['index']:.0f} in {low['label']} (US = 100)."
    )


def history_takeaway(hist: object) -> str:
    """`living.price_history` in a line (label, year, all_items): each metro's price level in
    the first and the last year shown (at most three metros named)."""
    first, last = int(hist["year"].min()), int(hist["year"].max())
    ends = hist[hist["year"].isin([first, last])].pivot_table(
        index="label", columns="year", values="all_items", observed=True
    )
    parts = [f"{label} {row[first]:.0f} → {row[last]:.0f}" for label, row in ends.iterrows()]
    return f"Price level (US = 100), {first} → {last}: " + "; ".join(parts[:3]) + "."


def data_answer(sources: object, captions: dict) -> str:
    """The Data & methods answer from `catalog.sources_table` (source, rows_written) and the
    manifest's source captions (`data.facts.captions`): how many public sources, how many
    rows the build wrote, and the vintage of the main ones."""
    named = [
        f"{what} from {captions[key]}"
        for key, what in (
            ("oews", "wages"),
            ("bea_rpp", "prices"),
            ("aijobs", "individual salaries"),
            ("hud_fmr", "rents"),
        )
        if key in captions
    ]
    return (
        f"**Every figure comes from {len(sources)} public sources, "
        f"{sources['rows_written'].sum():,} rows after the project's build**: "
        + "; ".join(named)
        + ". Nothing is typed in or "
        "simulated; the inputs you can change are labelled as yours."
    )


def rent_takeaway(burden: object, salary: float) -> str:
    """The rent chart in a line (`living.rent_burden`: label, salary_1br): the share of the
    visitor's gross pay a year of one-bedroom Fair Market Rent takes in each metro."""
    yours = burden.dropna(subset=["salary_1br"])
    return (
        f"**On your {money(salary)}** (the same gross in each metro), a one-bedroom at the "
        "Fair Market Rent takes "
        + ", ".join(f"**{r.salary_1br:.0%}** in {r.label}" for r in yours.itertuples())
        + "."
    )


# --- Industries, Remote work, Trends: answers first (issue 24) ---------------------------------


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
    and worst paid group) and the three groups holding most of the jobs."""
    shown = groups[groups["weighted_median"].notna()].sort_values(
        "weighted_median", ascending=False
    )
    if shown.empty:
        return "No industry group has a median to draw."
    top, low = shown.iloc[0], shown.iloc[-1]
    jobs = shown.sort_values("tot_emp", ascending=False).head(3)
    where = ", ".join(f"{r.industry_group} ({r.emp_share:.0%})" for r in jobs.itertuples())
    return (
        f"Pay runs from {money(low['weighted_median'], 1000)} ({low['industry_group']}) to "
        f"{money(top['weighted_median'], 1000)} ({top['industry_group']}); most of the jobs "
        f"are in {where}."
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
            f"(95% interval {last['ci_low']:.0%}–{last['ci_high']:.0%}; n = {last['n']:,})."
        )
    moved = "fell" if last["share"] < first["share"] else "rose"
    return (
        f"Fully-remote records {moved} from {first['share']:.0%} in {first['year']} to "
        f"{last['share']:.0%} in {last['year']} (95% interval {last['ci_low']:.0%}–"
        f"{last['ci_high']:.0%}; n = {last['n']:,}), partly because the index changed source."
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
