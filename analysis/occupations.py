"""Which BLS occupations employers file the salary index's job titles under (certified LCAs).

BLS has no "ML engineer" occupation, so each salary-index track stands in for one or more SOC
occupations. Employers' own filings are evidence for that choice: a certified H-1B labor
condition application names a job title and the SOC code the employer classifies it under
(`lca_titles`, DOL OFLC disclosure data FY2022-2025, summed over employers).

A salary-index title is matched to the LCA titles exactly, after cleaning it the way the LCA
titles were cleaned (`lca_title`: upper-case, '.' and ',' removed): "Machine Learning Engineer"
matches "MACHINE LEARNING ENGINEER" and nothing else. Per track:

- `track_occupations`: the SOC codes the track's titles are filed under, with filings, the
  share of the track's filings, and the record-weighted share (`weight`): each matched title's
  own SOC shares, weighted by how many salary-index records carry that title, so a title
  common in LCAs but rare in the index does not speak for the track.
- `mixture_weights`: those weights as {track: {SOC: weight}} for a verdict that mixes BLS
  occupations, SOC 2018 codes only, small parts dropped and the rest rescaled to 1.
"""

from __future__ import annotations

import pandas as pd

from analysis.data import Tables
from analysis.taxonomy import TRACKS

SOC_2018_BASES: tuple[str, ...] = ("SOC 2018", "SOC 2018 (O*NET detail dropped)")
SOC_2018_BASES += ("SOC 2010, moved to 2018 by the BLS crosswalk",)
"""`lca_titles.soc_basis` values whose `soc` is a SOC 2018 code (the others are kept as filed)."""


def lca_title(title: str) -> str:
    """A job title cleaned the way the LCA titles are: upper-cased, ends stripped, then '.' and
    ',' removed ('Sr. Data Scientist' -> 'SR DATA SCIENTIST'), the publisher's `clean_text`."""
    return str(title).upper().strip().replace(".", "").replace(",", "")


def title_matches(data: Tables) -> pd.DataFrame:
    """Every salary-index title with its track, records and the LCA filings of its exact match.

    Columns: track, title (as in the salary index), records (salary-index records with the
    title, all countries and years, duplicates included), lca_title, soc, soc_title, soc_2018
    (True when `soc` is a SOC 2018 code: filed as one, or moved to one by the crosswalk),
    filings (0 and soc NA when no LCA title matches). Filings under text that is not a SOC
    code are left out. Rows by track order, then
    records (most first), title, filings (most first), soc.
    """
    salaries = data.salaries
    titles = (
        salaries.groupby(["track", "title"], observed=True).size().rename("records").reset_index()
    )
    titles["lca_title"] = titles["title"].map(lca_title).astype("string")
    lca = data.lca_titles.dropna(subset=["soc"])
    lca = lca.assign(soc_2018=lca["soc_basis"].isin(SOC_2018_BASES))
    per_code = (
        lca.groupby(["title", "soc"], observed=True)
        .agg(
            filings=("filings", "sum"),
            soc_title=("soc_title", "first"),
            soc_2018=("soc_2018", "all"),
        )
        .reset_index()
        .rename(columns={"title": "lca_title"})
    )
    out = titles.merge(per_code, on="lca_title", how="left")
    out["filings"] = out["filings"].fillna(0).astype("int64")
    out["_order"] = out["track"].map({t: i for i, t in enumerate(TRACKS)})
    out = out.sort_values(
        ["_order", "records", "title", "filings", "soc"],
        ascending=[True, False, True, False, True],
        kind="stable",
    )
    columns = ["track", "title", "records", "lca_title", "soc", "soc_title", "soc_2018"]
    return out[[*columns, "filings"]].reset_index(drop=True)


def track_occupations(data: Tables, top: int | None = None) -> pd.DataFrame:
    """Per track, the SOC codes its salary-index titles are filed under in certified LCAs.

    Columns: track, soc, soc_title, soc_2018, filings (summed over the track's matched
    titles), titles (matched titles filed under the code), share (of the track's filings),
    weight (record-weighted share: sum over matched titles of records x the title's share of
    its own filings under the code, over the records of the matched titles), matched_records
    and records (the track's records whose title has an LCA match, and all its records).
    Rows by track order, then weight (largest first); with `top`, only each track's `top`
    largest weights. Tracks with no matched title are left out.
    """
    matches = title_matches(data)
    records = matches.drop_duplicates(["track", "title"]).groupby("track")["records"].sum()
    found = matches[matches["filings"] > 0].copy()
    found["title_share"] = found["filings"] / found.groupby(["track", "title"])[
        "filings"
    ].transform("sum")
    found["weighted"] = found["title_share"] * found["records"]
    titled = found.drop_duplicates(["track", "title"]).groupby("track")["records"].sum()
    out = (
        found.groupby(["track", "soc", "soc_title", "soc_2018"], observed=True)
        .agg(filings=("filings", "sum"), titles=("title", "nunique"), weighted=("weighted", "sum"))
        .reset_index()
    )
    out["share"] = out["filings"] / out.groupby("track")["filings"].transform("sum")
    out["matched_records"] = out["track"].map(titled).astype("int64")
    out["records"] = out["track"].map(records).astype("int64")
    out["weight"] = out["weighted"] / out["matched_records"]
    out["_order"] = out["track"].map({t: i for i, t in enumerate(TRACKS)})
    out = out.sort_values(["_order", "weight", "soc"], ascending=[True, False, True])
    if top is not None:
        out = out.groupby("track", sort=False).head(top)
    columns = ["track", "soc", "soc_title", "soc_2018", "filings", "titles", "share", "weight"]
    return out[[*columns, "matched_records", "records"]].reset_index(drop=True)


MIN_WEIGHT = 0.05
"""The smallest share of a track an occupation needs to count in its mixture."""


def mixture_weights(data: Tables, min_weight: float = MIN_WEIGHT) -> dict[str, dict[str, float]]:
    """{track: {SOC 2018 code: weight}}: the BLS occupations behind each track, by evidence.

    The record-weighted shares of `track_occupations`, keeping SOC 2018 codes only (codes
    kept as filed, such as the split 2010 code 15-1199.08, have no BLS wages), dropping codes
    under `min_weight` of the track and rescaling the rest to sum to 1. A track with no
    matched title is absent (the caller keeps its stand-in occupation,
    `taxonomy.TRACK_OCCUPATION`). Raises ValueError for `min_weight` outside [0, 1).
    """
    if not 0 <= min_weight < 1:
        raise ValueError(f"min_weight must be at least 0 and under 1, not {min_weight!r}.")
    table = track_occupations(data)
    table = table[table["soc_2018"]]
    weights = table.groupby(["track", "soc"], observed=True)["weight"].sum().reset_index()
    weights["weight"] /= weights.groupby("track")["weight"].transform("sum")
    weights = weights[weights["weight"] >= min_weight]
    weights["weight"] /= weights.groupby("track")["weight"].transform("sum")
    out: dict[str, dict[str, float]] = {}
    for track in TRACKS:
        rows = weights[weights["track"] == track].sort_values(
            ["weight", "soc"], ascending=[False, True]
        )
        if not rows.empty:
            out[track] = {
                str(s): float(w) for s, w in zip(rows["soc"], rows["weight"], strict=True)
            }
    return out
