"""Career paths beyond engineering: what individual contributors, people managers, architects,
researchers, consultants and executives earn as experience grows.

Two sources, never pooled, each with its own rules for who is on which path:

- `path_by_experience`: Stack Overflow Developer Survey 2024 respondents, placed on a path by
  `SURVEY_PATH_RULES` (DevType, ICorPM, Employment; first match wins), median pay by band of
  years of professional coding. The 2024 questionnaire offers no architect developer type, so
  the survey has no architects; people whose answers match no rule are left out (counted).
- `path_by_level`: aijobs.net salary-index records, placed on a path by title
  (`analysis.taxonomy.PATH_RULES`, and contract/freelance records as independents), median
  pay by experience *level* (Entry to Executive): the index records no years.

Medians with 95% order-statistic intervals (`analysis.stats.summarize`); cells under 30 records
flagged, under 10 hidden, and a path with no cell of 10+ is listed as too thin to draw.
`bls_scale` gives the BLS national medians of managers (11-3021) and research scientists
(15-1221) for scale. All pay in USD a year, as reported (not adjusted for prices).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import filters, stats, taxonomy
from analysis.certifications import EMPLOYED_FULL_TIME, INDEPENDENT, has_answer
from analysis.data import Tables
from analysis.filters import RECENT_YEARS
from analysis.levels import SURVEY_PAY_RANGE
from analysis.wages import national_row

PATHS = taxonomy.PATHS
EXPERIENCE_BANDS: tuple[tuple[str, float, float], ...] = (
    ("0–2", 0, 3),
    ("3–7", 3, 8),
    ("8–12", 8, 13),
    ("13–17", 13, 18),
    ("18+", 18, np.inf),
)
"""(label, lower bound inclusive, upper bound exclusive) in years of professional coding: the
middle three are centred on 5, 10 and 15 years."""
AT_YEARS: dict[int, str] = {5: "3–7", 10: "8–12", 15: "13–17"}
"""The answer's years of experience -> the band that stands for them."""
BLS_SCALE = ("11-3021", "15-1221")
"""Computer and Information Systems Managers; Computer and Information Research Scientists."""


@dataclass(frozen=True)
class Place:
    """A country as each source spells it: survey Country, index company_country (ISO-2)."""

    label: str
    survey: str | None
    index: str | None
    in_text: str = ""

    @property
    def words(self) -> str:
        """The place inside a sentence ('the United States'); the label unless given."""
        return self.in_text or self.label


COUNTRIES: dict[str, Place] = {
    "US": Place("United States", "United States of America", "US", "the United States"),
    "GB": Place(
        "United Kingdom",
        "United Kingdom of Great Britain and Northern Ireland",
        "GB",
        "the United Kingdom",
    ),
    "DE": Place("Germany", "Germany", "DE"),
    "IN": Place("India", "India", "IN"),
    "CA": Place("Canada", "Canada", "CA"),
    "ALL": Place("All countries", None, None, "all countries"),
}
"""The page's countries (those with the most survey respondents with pay), by URL code."""
DEFAULT_COUNTRY = "US"


@dataclass(frozen=True)
class SurveyRule:
    """A respondent is on `path` when the ';'-list in `column` holds one of `any_of` and none
    of `none_of` (single answers are one-item lists)."""

    path: str
    column: str
    any_of: tuple[str, ...]
    none_of: tuple[str, ...] = ()


SURVEY_PATH_RULES: tuple[SurveyRule, ...] = (
    SurveyRule("Founder or executive", "dev_type", ("Senior Executive (C-Suite, VP, etc.)",)),
    # Contracting on the side of a full-time job does not make someone an independent.
    SurveyRule("Consultant or independent", "employment", (INDEPENDENT,), (EMPLOYED_FULL_TIME,)),
    SurveyRule("People manager", "ic_or_pm", ("People manager",)),
    SurveyRule("People manager", "dev_type", ("Engineering manager",)),
    SurveyRule(
        "Research",
        "dev_type",
        ("Research & Development role", "Scientist", "Academic researcher"),
    ),
    SurveyRule("Individual contributor", "ic_or_pm", ("Individual contributor",)),
)
"""2024 survey answers -> career path, first matching rule wins; no match = not placed."""

CELL_COLUMNS = ("n", "p25", "median", "p75", "ci_low", "ci_high", "status")


def survey_paths(survey: pd.DataFrame) -> pd.Series:
    """The career path of each survey row by `SURVEY_PATH_RULES` (string, NA where no rule
    matches: 2025 rows, and 2024 respondents who skipped ICorPM on no other path); same index.
    """
    path = pd.Series(pd.NA, index=survey.index, dtype="string")
    for rule in SURVEY_PATH_RULES:
        hit = np.zeros(len(survey), dtype=bool)
        for answer in rule.any_of:
            hit |= has_answer(survey[rule.column], answer).to_numpy()
        for answer in rule.none_of:
            hit &= ~has_answer(survey[rule.column], answer).to_numpy()
        path = path.mask(path.isna() & hit, rule.path)
    return path


def experience_band(years: pd.Series) -> pd.Series:
    """The `EXPERIENCE_BANDS` label of each years value (NA when missing), same index."""
    edges = [low for _, low, _ in EXPERIENCE_BANDS] + [np.inf]
    labels = [label for label, _, _ in EXPERIENCE_BANDS]
    return pd.cut(years, bins=edges, labels=labels, right=False).astype("string")


def _grid(summary: pd.DataFrame, by: str, values: tuple[str, ...]) -> pd.DataFrame:
    """Every path x `values` cell of `stats.summarize` output, empty ones with n 0 (hidden)."""
    grid = pd.MultiIndex.from_product([PATHS, values], names=["path", by]).to_frame(index=False)
    out = grid.merge(summary, on=["path", by], how="left")
    out["n"] = out["n"].fillna(0).astype("int64")
    out["status"] = out["status"].fillna("hidden")
    return out[["path", by, *CELL_COLUMNS]]


def _place(country: str) -> Place:
    if country not in COUNTRIES:
        raise ValueError(f"Unknown country {country!r}; use one of {', '.join(COUNTRIES)}.")
    return COUNTRIES[country]


def path_by_experience(
    data: Tables,
    country: str = DEFAULT_COUNTRY,
    *,
    year: int = 2024,
    pay_range: tuple[float, float] = SURVEY_PAY_RANGE,
) -> pd.DataFrame:
    """Survey pay by career path and band of professional experience, in one country.

    Respondents: `year` (2024: the one survey year asking ICorPM and Employment), living in
    `country` (a `COUNTRIES` code; "ALL" pools every country, mixing pay levels), pay within
    `pay_range`, years of professional coding known, placed on a path (`survey_paths`).
    Output: every `PATHS` x `EXPERIENCE_BANDS` cell in order: path, band, n, p25, median, p75,
    ci_low, ci_high (95% order-statistic interval of the median), status; USD a year.
    `frame.attrs`: n_placed, n_unplaced (respondents with pay matching no rule), country.
    """
    place = _place(country)
    survey = data.survey
    if "ic_or_pm" not in survey.columns:
        raise ValueError("The survey table lacks ic_or_pm and employment: rebuild the data.")
    keep = (
        (survey["year"] == year)
        & survey["pay_usd"].between(*pay_range)
        & survey["years_experience"].notna()
    ).fillna(False)
    if place.survey is not None:
        keep &= (survey["country"] == place.survey).fillna(False)
    rows = survey.loc[keep.to_numpy(dtype=bool)]
    path = survey_paths(rows)
    frame = pd.DataFrame(
        {
            "path": path,
            "band": experience_band(rows["years_experience"]),
            "pay_usd": rows["pay_usd"].astype(float),
        }
    ).dropna(subset=["path"])
    if frame.empty:
        raise ValueError(f"No {year} survey respondents in {place.label} with pay and a path.")
    bands = tuple(label for label, _, _ in EXPERIENCE_BANDS)
    out = _grid(stats.summarize(frame, ["path", "band"], "pay_usd"), "band", bands)
    out.attrs.update(n_placed=len(frame), n_unplaced=int(path.isna().sum()), country=place.label)
    return out


def path_by_level(
    data: Tables,
    country: str = DEFAULT_COUNTRY,
    *,
    years: tuple[int, ...] = RECENT_YEARS,
    drop_duplicates: bool = True,
) -> pd.DataFrame:
    """Salary-index pay by career path (`taxonomy.title_path`) and experience level.

    Records: company in `country` (a `COUNTRIES` code, "ALL" = every country), work `years`,
    full-time, contract and freelance (part-time left out: its pay is for part of a year),
    exact duplicates dropped unless `drop_duplicates` is False (`filters.filter_records`).
    Output: every `PATHS` x `filters.LEVELS` cell: path, level, n, p25, median, p75, ci_low,
    ci_high, status; USD a year. `frame.attrs`: n_records, country.
    """
    place = _place(country)
    rows = filters.filter_records(
        data.salaries,
        country=place.index,
        years=years,
        full_time_only=False,
        drop_duplicates=drop_duplicates,
        columns=["title", "employment_type", "level", "salary_usd"],
    )
    rows = rows[(rows["employment_type"] != "Part-time").fillna(True).to_numpy(dtype=bool)]
    if rows.empty:
        raise ValueError(f"No salary-index records for companies in {place.label}.")
    pairs = rows[["title", "employment_type"]].astype(str).drop_duplicates()
    lookup = {
        (t, e): taxonomy.title_path(t, e)
        for t, e in zip(pairs["title"], pairs["employment_type"], strict=True)
    }
    frame = pd.DataFrame(
        {
            "path": [
                lookup[(str(t), str(e))]
                for t, e in zip(rows["title"], rows["employment_type"], strict=True)
            ],
            "level": rows["level"].astype(str).to_numpy(),
            "salary_usd": rows["salary_usd"].to_numpy(dtype=float),
        }
    )
    summary = stats.summarize(frame, ["path", "level"], "salary_usd")
    out = _grid(summary, "level", filters.LEVELS)
    out.attrs.update(n_records=len(frame), country=place.label)
    return out


def rules_table() -> pd.DataFrame:
    """Every rule that puts someone on a path, in the order they are tried (first match wins):
    columns source ('Stack Overflow 2024' / 'salary index'), rule (in words; title rules are
    case-insensitive regular expressions), path."""
    rows = []
    for rule in SURVEY_PATH_RULES:
        text = f"{rule.column} is {' or '.join(repr(a) for a in rule.any_of)}"
        if rule.none_of:
            text += f", and not {' or '.join(repr(a) for a in rule.none_of)}"
        rows.append(("Stack Overflow 2024", text, rule.path))
    rows.append(("Stack Overflow 2024", "anything else: not placed (left out)", ""))
    for pattern, path in taxonomy.PATH_RULES:
        rows.append(("salary index", f"title matches {pattern}", path))
    rows.append(("salary index", "any other title", taxonomy.DEFAULT_PATH))
    types = " or ".join(repr(t) for t in taxonomy.INDEPENDENT_EMPLOYMENT)
    rows.append(("salary index", f"then: employment type {types}, unless an executive",
                 "Consultant or independent"))  # fmt: skip
    return pd.DataFrame(rows, columns=["source", "rule", "path"])


def undrawn_paths(frame: pd.DataFrame) -> list[tuple[str, int]]:
    """(path, records) of the paths in a `path_by_experience` / `path_by_level` frame with no
    cell of at least `stats.MIN_SHOWN` records: too few to draw, said instead."""
    totals = frame.groupby("path", sort=False)["n"].sum()
    shown = frame.loc[frame["status"] != "hidden", "path"].unique()
    return [(str(p), int(totals[p])) for p in totals.index if p not in set(shown)]


def at_years(frame: pd.DataFrame) -> pd.DataFrame:
    """The cells of a `path_by_experience` frame at 5, 10 and 15 years (`AT_YEARS`): columns
    path, years, band, then the cell columns; path order, then years."""
    bands = pd.DataFrame({"years": list(AT_YEARS), "band": list(AT_YEARS.values())})
    out = frame.merge(bands, on="band")
    out["_order"] = out["path"].map({p: i for i, p in enumerate(PATHS)})
    out = out.sort_values(["_order", "years"], ignore_index=True)
    return out[["path", "years", "band", *CELL_COLUMNS]]


def bls_scale(data: Tables, occupations: tuple[str, ...] = BLS_SCALE) -> pd.DataFrame:
    """The BLS OEWS national cross-industry median of each occupation, for scale.

    Output columns: occ_code, occ_title, median (USD a year; NaN when top-coded or not
    released), note (the OEWS note of the median: 'top-coded' = at least the top-code),
    employment. Raises ValueError when BLS publishes no national row.
    """
    rows = []
    for code in occupations:
        row = national_row(data.wages, code)
        note = row.get("a_median_note")
        rows.append(
            {
                "occ_code": code,
                "occ_title": str(row["occ_title"]),
                "median": float(row["a_median"]) if pd.notna(row["a_median"]) else np.nan,
                "note": note if isinstance(note, str) else None,
                "employment": float(row["tot_emp"]) if pd.notna(row["tot_emp"]) else np.nan,
            }
        )
    return pd.DataFrame(rows)
