"""What Data & methods says: its answer (the sources, rows and vintages of the manifest) and
how far each choice of the level method moves the ranges. Pure functions: data in, text out."""

from __future__ import annotations


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
