"""What the places pages say (Overview, Tech hubs, Cost of living): each page's answer, the
first lines under its title, and each chart's one-line takeaway. Pure functions of the analysis
results the page shows: data in, text out."""

from __future__ import annotations

from analysis.filters import LISTINGS_FROM
from ui.text import money


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


def remote_source_caveat(shares: object, year: int, changed: int = LISTINGS_FROM) -> str:
    """The caveat for a fully-remote share of work year `year` (Overview's card), from
    `remote.remote_share` output (year, n, share, status): when `year` is on or after the
    index's change of source, that shares across the change are not comparable, with the
    last year before it (its share and n) when that year is shown; else ''."""
    if year < changed:
        return ""
    before = shares[(shares["year"] == changed - 1) & (shares["status"] != "hidden")]
    figure = (
        f" ({changed - 1}: {before['share'].iloc[0]:.0%} fully remote, "
        f"n = {int(before['n'].iloc[0]):,})"
        if len(before)
        else ""
    )
    return (
        f"The index changed from a survey to mostly job listings in {changed}{figure}; "
        "shares across that change are not comparable."
    )


def remote_source_flag(year: int, changed: int = LISTINGS_FROM) -> str:
    """The caption's few-word form of `remote_source_caveat` for a share of work year `year`
    (Overview's caption holds 40 words): '' before the index's change of source."""
    if year < changed:
        return ""
    return f"remote {year}: listings, not comparable to survey years"
