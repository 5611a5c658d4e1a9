"""The sentences that answer a page's headline question from its numbers: Trends' inflation
question on both bases, what company sizes the index records, and how far each choice of the
level method moves the ranges (Data & methods)."""

from __future__ import annotations

from ui.text import money


def inflation_answer(change: dict, start: int, end: int, cpi_year: int, ref: int) -> str:
    """The Trends page's answer to "Did AI pay beat inflation?" from `trends.pay_change` on
    both bases (`change`: {"adjusted": ..., "raw": ...}), the adjusted one first: the same
    basis as the page's adjusted line."""
    adj, raw = change["adjusted"], change["raw"]

    def word(c: dict) -> str:
        if c["ci_low"] > 0:
            return "beat"
        return "fell behind" if c["ci_high"] < 0 else "kept roughly level with"

    return (
        f"**Reweighted to the {ref} mix of levels and US/non-US companies (the adjusted line), "
        f"the median of these records {word(adj)} inflation from {start} to {end}**: "
        f"{money(adj['median_start'])} → {money(adj['median_end'])} in {cpi_year} dollars "
        f"({adj['change']:+.1%}; {adj['n_eff_start']:,.0f} and {adj['n_eff_end']:,.0f} "
        f"effective records). The raw medians of the records as collected say "
        f"{raw['change']:+.1%} ({money(raw['median_start'])} → {money(raw['median_end'])}, "
        f"{raw['n_start']:,.0f} and {raw['n_end']:,.0f} records): the difference is the change "
        "in who was sampled (levels and countries), not pay. Both years come from the survey "
        "era of the index; across the 2024 change of source the comparison would mix pay "
        "growth with who is counted."
    )


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
