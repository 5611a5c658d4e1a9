"""Certified H-1B LCA filings (`lca_titles/<shard>.json`) -> job title x SOC code -> filings.

Each shard maps an employer (upper-cased, '.' and ',' removed) to its job titles (cleaned the
same way), and each title to up to three SOC codes with `s` the code as filed, `t` the SOC
title as filed, `n` the number of certified filings and `y` the fiscal years they fall in.
Shards are named by the first two letters of the employer ('GO' for GOOGLE), 'X_' for a
one-letter start, '00' for a digit or other character (the publisher's `get_shard_key`).

Every filing is checked (an employer in its own shard; a code; a whole positive count; fiscal
years from FY2001 to the snapshot's own fiscal year). Only the titles `TitleChoice` keeps are
summed, over employers, into one row per (title, code as filed) with the number of employers,
the first and last fiscal year and the code's SOC 2018 reading (`soc.classify`): keeping
1 title in 10 while reading makes the 690,000 filings cheap to aggregate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import taxonomy
from analysis.occupations import lca_title
from databuild.errors import SourceError
from databuild.sources.oflc_lca import soc
from databuild.sources.oflc_lca.levels import load_json

FIRST_FISCAL_YEAR = 2001
"""Earliest plausible fiscal year of a filing (DOL's LCA disclosure data starts later)."""

AI_TRACKS = ("ML engineer", "AI engineer", "Data scientist", "Research scientist", "Data engineer")
"""Taxonomy tracks whose LCA titles are all kept."""
AI_WORDS = re.compile(
    r"\b(?:ai|artificial intelligence|machine learning|ml|mlops|deep learning|nlp|"
    r"computer vision|llm|genai|generative ai|data scien\w*)\b",
    re.IGNORECASE,
)
"""Words that make a Leadership-track LCA title worth keeping ('DIRECTOR MACHINE LEARNING')."""
_MAYBE = re.compile(
    "|".join(
        [
            *(f"(?:{pattern})" for pattern, label in taxonomy.TRACK_RULES if label in AI_TRACKS),
            AI_WORDS.pattern,
        ]
    ),
    re.IGNORECASE,
)
"""Matches every title the taxonomy could put in `AI_TRACKS` and every title naming `AI_WORDS`
(one search instead of the taxonomy's forty for the nine titles in ten that match neither)."""


@dataclass
class TitleChoice:
    """Which LCA titles the table keeps, and their taxonomy track (decided once per title).

    Kept: a title equal to a salary-index title cleaned like the LCA titles (`lca_title`), a
    title `taxonomy.title_track` puts in one of `AI_TRACKS`, and a Leadership title naming
    `AI_WORDS`. `track(title)` is the title's track, or None when it is not kept.
    """

    index_titles: frozenset[str]
    seen: dict[str, str | None] = field(default_factory=dict)
    """Every title decided so far -> its track if kept, else None."""

    @classmethod
    def of(cls, salary_titles: Iterable[str]) -> TitleChoice:
        return cls(frozenset(lca_title(t) for t in salary_titles))

    def track(self, title: str) -> str | None:
        if title in self.seen:
            return self.seen[title]
        spaced = " ".join(title.split())
        found = None
        # Only a title some AI-track rule or AI word matches can be kept by the taxonomy; the
        # first-match classification itself runs on those alone.
        if title in self.index_titles or _MAYBE.search(spaced):
            track = taxonomy.title_track(title)
            if (
                title in self.index_titles
                or track in AI_TRACKS
                or (track == "Leadership" and AI_WORDS.search(spaced))
            ):
                found = track
        self.seen[title] = found
        return found


def shard_key(employer: str) -> str:
    """The shard an employer's name belongs in (the publisher's rule)."""
    if not employer:
        return "ZZ"
    prefix = employer[:2].upper()
    if prefix.isalpha() and len(prefix) == 2:
        return prefix
    if prefix[0].isalpha():
        return prefix[0] + "_"
    return "00"


@dataclass
class Tally:
    """What the shards hold: kept filings by (title, code) and totals over every filing."""

    kept: dict[tuple[str, str], list] = field(default_factory=dict)
    """(title, code as filed) -> [filings, employers, first year, last year, {filed title: n}]"""
    rows: int = 0
    filings: int = 0
    first_year: int = 9999
    last_year: int = 0


def read_shard(path: Path, choice: TitleChoice, latest_fiscal_year: int, tally: Tally) -> None:
    """Check every filing of one shard and add the kept ones to `tally`."""
    shard = load_json(path)
    if not isinstance(shard, dict):
        raise SourceError(path, "expected an object of employers")
    kept, seen, name_of_shard = tally.kept, choice.seen, path.stem
    for employer, titles in shard.items():
        if shard_key(employer) != name_of_shard:
            raise SourceError(
                path, f"employer {employer!r} belongs in shard {shard_key(employer)}.json"
            )
        if not isinstance(titles, dict):
            raise SourceError(path, f"employer {employer!r}: expected an object of job titles")
        for title, candidates in titles.items():
            where = f"employer {employer!r}, title {title!r}"
            if not isinstance(candidates, list) or not candidates:
                raise SourceError(path, f"{where}: expected a list of SOC codes")
            track = seen[title] if title in seen else choice.track(title)
            for item in candidates:
                try:
                    code, name, n, years = item["s"], item["t"], item["n"], item["y"]
                except (TypeError, KeyError):
                    raise SourceError(path, f"{where}: expected keys s, t, n, y") from None
                if not isinstance(code, str) or not code.strip():
                    raise SourceError(path, f"{where}: empty SOC code", column="s")
                if type(n) is not int or n < 1:
                    raise SourceError(path, f"{where}: {n!r} is not a count of filings", column="n")
                if not isinstance(years, list) or not years:
                    raise SourceError(
                        path, f"{where}: {years!r} is not a list of years", column="y"
                    )
                low, high = min(years), max(years)
                if not (type(low) is int and type(high) is int):
                    raise SourceError(
                        path, f"{where}: {years!r} is not a list of years", column="y"
                    )
                if low < FIRST_FISCAL_YEAR or high > latest_fiscal_year:
                    bad = low if low < FIRST_FISCAL_YEAR else high
                    raise SourceError(
                        path,
                        f"{where}: fiscal year {bad} is outside what the snapshot allows "
                        f"(FY{FIRST_FISCAL_YEAR} to FY{latest_fiscal_year})",
                        column="y",
                    )
                tally.rows += 1
                tally.filings += n
                tally.first_year = min(tally.first_year, low)
                tally.last_year = max(tally.last_year, high)
                if track is None:
                    continue
                entry = kept.get((title, code))
                if entry is None:
                    kept[(title, code)] = [n, 1, low, high, {name: n}]
                else:
                    entry[0] += n
                    entry[1] += 1
                    entry[2] = min(entry[2], low)
                    entry[3] = max(entry[3], high)
                    entry[4][name] = entry[4].get(name, 0) + n


def read_titles(
    folder: Path, choice: TitleChoice, codes_2018: dict[str, str], latest_fiscal_year: int
) -> tuple[pd.DataFrame, list[Path], Tally]:
    """Every shard of `folder` -> (kept title x code-as-filed rows, input files, tally).

    Columns: title, track, soc_filed, soc, soc_basis, soc_title, filings, employers,
    first_year, last_year (not yet cast), by title then code; `codes_2018`: the SOC 2018 codes
    and titles (job index).
    """
    files = sorted(folder.glob("*.json"))
    if not files:
        raise SourceError(folder, "no LCA shard files (<shard>.json)")
    tally = Tally()
    for path in files:
        read_shard(path, choice, latest_fiscal_year, tally)
    keys = sorted(tally.kept)
    values = [tally.kept[key] for key in keys]
    table = pd.DataFrame(
        {
            "title": [title for title, _ in keys],
            "soc_filed": [code for _, code in keys],
            "filings": [v[0] for v in values],
            "employers": [v[1] for v in values],
            "first_year": [v[2] for v in values],
            "last_year": [v[3] for v in values],
        }
    )
    table["track"] = table["title"].map(choice.track)
    known = frozenset(codes_2018)
    readings = {code: soc.classify(code, known) for code in table["soc_filed"].unique()}
    table["soc"] = table["soc_filed"].map(lambda code: readings[code][0])
    table["soc_basis"] = table["soc_filed"].map(lambda code: readings[code][1])
    filed = _title_filed_most(keys, values)
    table["soc_title"] = table["soc"].map(codes_2018).fillna(table["soc_filed"].map(filed))
    return table, files, tally


def _title_filed_most(keys: list[tuple[str, str]], values: list[list]) -> dict[str, str]:
    """Code as filed -> the SOC title filed with it in the most kept filings (ties: the
    alphabetically first)."""
    counts: dict[str, dict[str, int]] = {}
    for (_, code), value in zip(keys, values, strict=True):
        for name, n in value[4].items():
            counts.setdefault(code, {})
            counts[code][str(name)] = counts[code].get(str(name), 0) + n
    return {code: min(names, key=lambda t: (-names[t], t)) for code, names in counts.items()}
