"""The BLS distributions a career level is placed in and read off: which occupations stand
behind a track, and which population the salary-index records are compared with.

Occupations. BLS has no ML-engineer occupation. Employers' certified H-1B filings say which
occupations the index's titles are filed under (`analysis.occupations.mixture_weights`):
"ML engineer" titles are 74% Software Developers and 26% Data Scientists by records. With
`BY_EVIDENCE` a track's population is that mixture of occupations (codes BLS publishes no
wages for in this build are dropped and the rest rescaled, `dropped_codes` says which); with a
SOC code it is that one occupation. Where one code is needed (a starting base, the H-1B wage
level) the largest part of the mixture stands in (`dominant`).

Reference population. The records have no location, so where they sit is read against a
distribution chosen for them (`REFERENCES`):
- "national": all US workers of the occupations (BLS national), the population the records
  are known to belong to (US companies), assuming nothing about where they are;
- "states": the employment-weighted mixture of the occupations' distributions in the states
  whose laws required a pay range in job listings through 2024 (`TRANSPARENCY_LAWS`). The
  records are mostly job listings that state a salary, and US listings state one mostly where
  a law makes them; if the records come from there, the national reading counts those
  states' higher pay twice (once in the level's position, again in the metro's dollars).
Which one the records follow cannot be known from the data; the truth lies between.

Mixtures. A distribution known by published percentiles is known between them only; past
them a share of its workers is somewhere unknown. The CDF of a mixture is the weighted sum of
its parts' CDFs, so where parts' unknown tails overlap it has bounds. `mixture_ladder` keeps
the stretch where the bounds are at most `SLACK` percentile points apart and takes their
middle (a position known to within half of that); beyond, the mixture is open, like a single
distribution past its 10th or 90th percentile. One part alone is returned unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.data import DataUnavailable, Tables, derived
from analysis.occupations import mixture_weights, track_occupations
from analysis.pay_laws import POSTING_LAWS, PostingLaw
from analysis.stats import Ladder
from analysis.taxonomy import TRACK_OCCUPATION
from analysis.wages import (
    CROSS_INDUSTRY,
    cell_value,
    cross_industry,
    ladder,
    market_row,
    national_row,
    usable,
)

BY_EVIDENCE = "filed"
"""The occupation choice that means: the track's occupations as employers file its titles."""
TRANSPARENCY_FROM = dt.date(2024, 1, 1)
"""A state counts as a pay-transparency state when its law requiring a pay range in job
postings (`pay_laws.POSTING_LAWS`, state laws only) was in force on this date: the start of
2024, the year most records were listed. Later ones (District of Columbia from mid-2024,
Maryland from October 2024, Illinois and Minnesota from 2025...) are left out."""
TRANSPARENCY_LAWS: tuple[PostingLaw, ...] = tuple(
    law for law in POSTING_LAWS if not law.cbsa and law.since <= TRANSPARENCY_FROM
)
"""The state laws that make the "states" reference population (California, Colorado, Hawaii,
New York and Washington)."""
TRANSPARENCY_CODES = ", ".join(sorted(law.state for law in TRANSPARENCY_LAWS))
REFERENCES: dict[str, str] = {
    "national": "all US workers of the occupation (BLS national)",
    "states": f"workers of the occupation in the pay-transparency states ({TRANSPARENCY_CODES})",
}
"""Reference populations a level's records are placed in (see the module docstring)."""
SLACK = 3.0
"""Percentile points a mixture's bounds may differ by and still count as known (±1.5)."""
GRID = 4001

Mix = tuple[tuple[str, float], ...]
"""Occupations and weights summing to 1, largest first: (("15-1252", 0.74), ...)."""


def mixture_ladder(
    ladders: Sequence[Ladder], weights: Sequence[float], slack: float = SLACK
) -> Ladder:
    """The weighted mixture of `ladders`' distributions as a `Ladder` with a point at every
    whole percentile where it is known to within `slack` points (see the module docstring):
    the middle of its bounds, each part log-linear between its published points. The longest
    such stretch is kept. One ladder (or one with all the weight) comes back unchanged.
    Raises ValueError when no stretch is known."""
    w = np.asarray(weights, dtype=float)
    if len(ladders) == 1 or np.count_nonzero(w) == 1:
        return ladders[int(np.argmax(w))]
    w = w / w.sum()
    parts = [(np.array([p for p, _ in r.published], float), np.log([v for _, v in r.published]))
             for r in ladders]  # fmt: skip
    knots = np.concatenate([logs for _, logs in parts])
    x = np.unique(np.concatenate([np.linspace(knots.min(), knots.max(), GRID), knots]))
    low, high = np.zeros_like(x), np.zeros_like(x)
    for (pcts, logs), share in zip(parts, w, strict=True):
        inside = np.interp(x, logs, pcts)
        below, above = x < logs[0], x > logs[-1]
        low += share * np.where(below, 0.0, np.where(above, pcts[-1], inside))
        high += share * np.where(below, pcts[0], np.where(above, 100.0, inside))
    known = (high - low) <= slack + 1e-9
    edges = np.flatnonzero(np.diff(np.concatenate([[0], known.astype(int), [0]])))
    if len(edges) == 0:
        raise ValueError("The occupations' published wages do not overlap enough to mix.")
    runs = edges.reshape(-1, 2)
    first, last = runs[np.argmax(runs[:, 1] - runs[:, 0])]
    cdf, logs = (low + high)[first:last] / 2, x[first:last]
    cdf, keep = np.unique(cdf, return_index=True)  # strictly increasing for the inversion
    logs = logs[keep]
    pcts = np.arange(np.ceil(cdf[0]), np.floor(cdf[-1]) + 1)
    if len(pcts) < 2:
        raise ValueError("The occupations' published wages do not overlap enough to mix.")
    return Ladder({int(p): float(np.exp(np.interp(p, cdf, logs))) for p in pcts})


@derived
def _evidence(data: Tables) -> dict[str, dict[str, float]]:
    """`mixture_weights` without the codes BLS publishes no national wages for in this build,
    rescaled; per track also the dropped codes under "<track>|dropped". Empty without the LCA
    table."""
    national = set(_titles(data))
    try:
        data.table("lca_titles")
    except DataUnavailable:  # no LCA table: every track keeps its stand-in
        return {}
    out: dict[str, dict[str, float]] = {}
    for track, weights in mixture_weights(data).items():
        kept = {c: w for c, w in weights.items() if c in national}
        if not kept:
            continue
        total = sum(kept.values())
        out[track] = {c: w / total for c, w in kept.items()}
        out[f"{track}|dropped"] = {c: w for c, w in weights.items() if c not in national}
    return out


def occupation_mix(data: Tables, track: str, occupation: str) -> Mix:
    """The occupations behind `track` and their weights: by employers' filings when
    `occupation` is BY_EVIDENCE (the track's stand-in, `taxonomy.TRACK_OCCUPATION`, when none
    of its titles is filed), else `occupation` alone."""
    if occupation != BY_EVIDENCE:
        return ((str(occupation), 1.0),)
    weights = _evidence(data).get(track)
    if not weights:
        return ((TRACK_OCCUPATION.get(track, "15-2051"), 1.0),)
    ordered = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple((c, float(w)) for c, w in ordered)


def dropped_codes(data: Tables, track: str) -> dict[str, float]:
    """SOC code -> its share of the track's filings, for codes left out of `occupation_mix`
    because BLS publishes no wages for them in this build."""
    return dict(_evidence(data).get(f"{track}|dropped", {}))


def dominant(mix: Mix) -> str:
    """The occupation with the largest weight (the first of `occupation_mix`)."""
    return mix[0][0]


def mix_title(data: Tables, mix: Mix) -> str:
    """'Data Scientists' for one occupation; 'Software Developers (74%) and Data Scientists
    (26%)' for a mixture."""
    titles = _titles(data)
    if len(mix) == 1:
        return titles.get(mix[0][0], mix[0][0])
    parts = [f"{titles.get(c, c)} ({w:.0%})" for c, w in mix]
    return ", ".join(parts[:-1]) + f" and {parts[-1]}"


@derived
def _titles(data: Tables) -> dict[str, str]:
    """SOC code -> BLS title, for every occupation with a national cross-industry row."""
    wages = data.wages
    rows = wages[(wages["area_type"] == "national") & (wages["industry_code"] == CROSS_INDUSTRY)]
    codes, titles = rows["occ_code"].astype(str), rows["occ_title"].astype(str)
    return dict(zip(codes, titles, strict=True))


def _rse(rows: Sequence[pd.Series], weights: Sequence[float]) -> float:
    """The weighted mean of the rows' relative standard errors of the mean wage (a fraction;
    a missing one counts as 0)."""
    values = [cell_value(r["mean_prse"]) / 100 for r in rows]
    values = [v if np.isfinite(v) else 0.0 for v in values]
    return float(np.average(values, weights=weights))


@derived
def reference_ladder(data: Tables, mix: Mix, reference: str) -> tuple[Ladder, float, str]:
    """The reference population's distribution for the occupations of `mix` (see the module
    docstring), its relative standard error (fraction) and a note ("" or what was left out).
    Raises ValueError for an unknown reference."""
    if reference not in REFERENCES:
        raise ValueError(f"Unknown reference {reference!r}; use one of {', '.join(REFERENCES)}.")
    top_code = data.facts.top_code
    ladders, weights, rows, notes = [], [], [], []
    for code, share in mix:
        nation = national_row(data.wages, code)
        if reference == "national":
            ladders.append(ladder(nation, top_code)), weights.append(share), rows.append(nation)
            continue
        states = cross_industry(data.wages, code, "state")
        states = states[states["area_name"].isin([law.place for law in TRANSPARENCY_LAWS])]
        ok = states[[usable(r) and cell_value(r["tot_emp"]) > 0 for _, r in states.iterrows()]]
        if ok.empty:
            notes.append(f"{code}: no state published, the US used")
            ladders.append(ladder(nation, top_code)), weights.append(share), rows.append(nation)
            continue
        total = float(ok["tot_emp"].sum())
        for _, row in ok.iterrows():
            ladders.append(ladder(row, top_code))
            weights.append(share * float(row["tot_emp"]) / total)
            rows.append(row)
        if len(ok) < len(TRANSPARENCY_LAWS):
            notes.append(f"{code}: {len(ok)} of {len(TRANSPARENCY_LAWS)} states published")
    return mixture_ladder(ladders, weights), _rse(rows, weights), "; ".join(notes)


@derived
def area_ladder(data: Tables, cbsa: str, mix: Mix) -> tuple[Ladder, float, pd.Series, str]:
    """The metro's distribution for the occupations of `mix` (each part the metro's own BLS
    row, else its state's, else the nation's: `wages.market_row`), its relative standard
    error, the row of the largest part (area names) and why any part is not the metro's own
    ("" when all are). Raises ValueError for an unknown metro or occupation."""
    top_code = data.facts.top_code
    ladders, weights, rows, why = [], [], [], []
    for code, share in mix:
        row, fallback = market_row(data, cbsa, code)
        ladders.append(ladder(row, top_code)), weights.append(share), rows.append(row)
        if fallback:
            why.append(fallback)
    return mixture_ladder(ladders, weights), _rse(rows, weights), rows[0], " ".join(why)


def evidence_table(data: Tables, top: int = 3) -> pd.DataFrame:
    """Per track, the occupations its titles are filed under (`occupations.track_occupations`)
    with what the verdict uses: `used` (the occupation's weight in the track's mixture,
    `occupation_mix` with BY_EVIDENCE; NaN when left out) and `stand_in` (the track's single
    stand-in code, `taxonomy.TRACK_OCCUPATION`). Rows: every occupation the mixture uses and
    the track's `top` largest by weight, in `track_occupations` order."""
    table = track_occupations(data)
    used = {
        (track, code): weight
        for track in table["track"].unique()
        for code, weight in occupation_mix(data, str(track), BY_EVIDENCE)
    }
    keys = list(zip(table["track"], table["soc"], strict=True))
    table["used"] = [used.get(k, float("nan")) for k in keys]
    table["stand_in"] = [TRACK_OCCUPATION.get(t) == s for t, s in keys]
    rank = table.groupby("track", sort=False).cumcount()
    return table[(rank < top) | table["used"].notna()].reset_index(drop=True)
