"""The sentences that answer a page's question from its numbers: each page's answer (the first
lines under its title) and each chart's one-line takeaway, plus what company sizes the index
records and how far each choice of the level method moves the ranges (Data & methods).
Each is a pure function of the analysis results the page shows: data in, text out."""

from __future__ import annotations

from ui.text import PATH_NAMES, at_least, money, plain, wage


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


# --- Career levels, Certifications & career paths, Specializations (issue 24) -------------


def _usd(value: float) -> str:
    """Money safe inside Markdown ('\\$135,400': a bare $ would start LaTeX)."""
    return plain(money(value))


def _pct(value: float) -> str:
    """'+11%' / '−7%': a whole signed percent."""
    return f"{value:+.0%}".replace("-", "−")


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
    """Certifications & career paths' answer: which path beyond individual contributor work
    has the highest survey median at about `years` years of coding (`career_paths.at_years`
    output; among paths with 30+ respondents when any has), against individual contributors,
    with 95% intervals and n; then whether learning through courses or certification goes with
    higher pay in AI/ML roles
    (`certifications.certification_pay` output)."""
    at = cells[(cells["years"] == years) & (cells["status"] != "hidden")]
    ic = at[at["path"] == "Individual contributor"]
    beyond = at[at["path"] != "Individual contributor"]
    if (beyond["status"] == "ok").any():  # a path under 30 leads only when no path has 30+
        beyond = beyond[beyond["status"] == "ok"]
    beyond = beyond.sort_values("median", ascending=False)
    if beyond.empty:
        head = f"Too few respondents in {plain(where)} on a path beyond engineering to compare."
    else:
        top = beyond.iloc[0]
        name = PATH_NAMES[top["path"]]

        def cell(r: object) -> str:
            return (
                f"{_usd(r['median'])} (95% interval {_usd(r['ci_low'])}–{_usd(r['ci_high'])}; "
                f"n = {int(r['n'])}{_thin(r['n'])})"
            )

        head = (
            f"**At about {years} years of coding in {plain(where)}, {name} earn the most of the "
            f"paths beyond engineering: median {cell(top)}**"
        )
        if len(ic):
            base = ic.iloc[0]
            tie = top["ci_low"] <= base["ci_high"] and base["ci_low"] <= top["ci_high"]
            head += f", against {cell(base)} for individual contributors: " + (
                "the intervals overlap, so they may earn alike." if tie else "a clear gap."
            )
        else:
            head += "."
    ai = certs.set_index("comparison").loc["AI/ML roles"]
    if ai["status"] == "hidden":
        cert = "Too few AI/ML respondents to compare courses or certification."
    else:
        sure = (
            "which holds after a Holm correction"
            if bool(ai["holm_reject"])
            else (
                "an interval that includes 0: no clear difference"
                if ai["ci_low"] <= 0 <= ai["ci_high"]
                else "but not after a Holm correction: it could be chance"
            )
        )
        cert = (
            f"In AI/ML roles, those who learned through online courses or certification earn "
            f"{_pct(ai['premium'])} at the same experience, country and role (95% interval "
            f"{_pct(ai['ci_low'])} to {_pct(ai['ci_high'])}; n = {int(ai['n_learned']):,} and "
            f"{int(ai['n_other']):,}{_thin(ai['n_learned'], ai['n_other'])}), {sure}."
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
        f"{plain(r.comparison)} {_pct(r.premium)} ({_pct(r.ci_low)} to {_pct(r.ci_high)})"
        for r in holds.itertuples()
    )
    return f"**{len(holds)} of {k} comparisons hold after a Holm correction:** {names}."


def specialization_answer(frame: object, baseline: str, adjusted: bool, tracks: list) -> str:
    """Specializations' answer from `specialties.raw_premiums` or `adjusted_premiums` output:
    the specialization with the highest premium over `baseline` among groups of 30+ records
    (thinner ones are named only when none has 30), its 95% interval and n, whether the
    interval includes 0, and that it is an association."""
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
    solid = rows[rows["status"] == "ok"]
    pool = solid if len(solid) else rows
    top = pool.loc[pool["premium"].idxmax()]
    name = plain(top["specialization"])
    detail = (
        f"(95% interval {_pct(top['ci_low'])} to {_pct(top['ci_high'])}; "
        f"n = {int(top['n']):,} records{_thin(top['n'])})"
    )
    if top["premium"] > 0:
        head = (
            f"**Among {who} titles, {name} pays most over {base} {how}: "
            f"{_pct(top['premium'])}** {detail}."
        )
    else:
        head = (
            f"**Among {who} titles, no specialization pays more than {base} {how}**; the "
            f"closest is {name} at {_pct(top['premium'])} {detail}."
        )
    if top["ci_low"] > 0:
        sure = "Its interval is above 0."
    elif top["ci_high"] < 0:
        sure = "Its interval is below 0."
    else:
        sure = "Its interval includes 0: it may pay no differently."
    return f"{head} {sure} Association, not causation: titles differ in ways no control captures."


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
            f"{plain(r.tool)} users earn {_pct(r.premium)} ({_pct(r.ci_low)} to "
            f"{_pct(r.ci_high)}; {r.n_users:,} users)"
            for r in holds.itertuples()
        )
        + "**"
        if len(holds)
        else "none goes with a clear pay difference**"
    )
    if top["tool"] not in set(holds["tool"]):
        lead += (
            f"; the largest estimate, {plain(top['tool'])} {_pct(top['premium'])} "
            f"({top['n_users']:,} users), could be chance"
        )
    return lead + "."
