"""A job offer: its amounts, where its base sits in the BLS market and among comparable salary
records, and its totals.

Inputs are the processed tables (`analysis.data.Tables`): `wages` (BLS OEWS) and `salaries`
(aijobs.net index). Money is USD per year. Nothing here imports streamlit; functions never
mutate inputs and raise ValueError with a message a job seeker can act on.

* Market position: the base salary's position in the metro's OEWS distribution for the
  occupation, log-linear between the published 10th/25th/50th/75th/90th percentiles
  (`analysis.stats.percentile_of`). Outside the published range, or next to a top-coded
  percentile, only bounds are given ("below the 10th", "between the 75th and 90th"). A metro
  without published percentiles falls back to its state, then the nation, and says so.
* Index position: the empirical percentile among aijobs.net full-time records at US companies
  of the same level and track, 2023-2025 (`analysis.filters.filter_records`).

The range to ask for is `analysis.negotiation`; taxes are `analysis.take_home`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis import stats
from analysis.data import Tables
from analysis.filters import US, filter_records
from analysis.wages import (
    PCT_COLUMNS,
    PLACES,
    cell_value,
    cross_industry,
    ladder,
    national_median,
    occupation_title,
    usable,
)

MIN_BASE = 10_000.0
MAX_BASE = 5_000_000.0
MAX_COMPONENT_RATIO = 10.0
INDEX_YEARS = (2023, 2024, 2025)
LEVELS = ("Entry", "Mid", "Senior", "Executive")


# --- the offer -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Offer:
    """A checked offer, USD: base (per year), bonus (target, per year), equity (per year of
    vesting), sign_on (once, in the first year)."""

    base: float
    bonus: float = 0.0
    equity: float = 0.0
    sign_on: float = 0.0


def _amount(name: str, value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"Enter the {name} as a number of US dollars.") from None
    if not math.isfinite(number):
        raise ValueError(f"Enter the {name} as a number of US dollars.")
    if number < 0:
        raise ValueError(f"The {name} cannot be negative (got ${number:,.0f}).")
    return number


def validate_offer(
    base: float, bonus: float = 0.0, equity: float = 0.0, sign_on: float = 0.0
) -> Offer:
    """Check an offer's amounts (USD) and return them as an `Offer`.

    Raises ValueError, worded for the person who typed the numbers, when an amount is not a
    number or negative, the base is $0, under $10,000 or over $5,000,000 a year (almost
    certainly a typing mistake: monthly pay, cents, or extra zeros), or a bonus, equity or
    sign-on amount is more than 10 times the base.
    """
    base = _amount("base salary", base)
    bonus = _amount("annual bonus", bonus)
    equity = _amount("annual equity", equity)
    sign_on = _amount("sign-on bonus", sign_on)
    if base <= 0:
        raise ValueError("Enter the base salary: an annual amount above $0.")
    if base < MIN_BASE:
        raise ValueError(
            f"A base salary of ${base:,.0f} a year is below ${MIN_BASE:,.0f}; enter the annual "
            "base salary (not the monthly or hourly amount)."
        )
    if base > MAX_BASE:
        raise ValueError(
            f"A base salary of ${base:,.0f} a year is absurd for this market (over "
            f"${MAX_BASE:,.0f}); check for extra zeros and enter the annual base in dollars."
        )
    for name, value in (("annual bonus", bonus), ("annual equity", equity), ("sign-on", sign_on)):
        if value > MAX_COMPONENT_RATIO * base:
            raise ValueError(
                f"The {name} (${value:,.0f}) is more than {MAX_COMPONENT_RATIO:g} times the base "
                f"salary (${base:,.0f}); check the amounts (equity is the value vesting per year)."
            )
    return Offer(base=base, bonus=bonus, equity=equity, sign_on=sign_on)


@dataclass(frozen=True)
class TotalPay:
    """first_year = base + bonus + equity + sign_on; annualized = base + bonus + equity (USD)."""

    first_year: float
    annualized: float
    components: pd.DataFrame = field(repr=False)
    """Long frame: view ("First year" | "Annualized"), component, amount (USD)."""


def total_pay(
    base: float, bonus: float = 0.0, equity: float = 0.0, sign_on: float = 0.0
) -> TotalPay:
    """First-year total (with the sign-on bonus) versus the annualized total (without it).

    Amounts are checked with `validate_offer`. The components frame has one row per view and
    component, for a stacked bar.
    """
    offer = validate_offer(base, bonus, equity, sign_on)
    parts = {"Base": offer.base, "Bonus": offer.bonus, "Equity": offer.equity}
    rows = [("First year", k, v) for k, v in {**parts, "Sign-on": offer.sign_on}.items()]
    rows += [("Annualized", k, v) for k, v in parts.items()]
    components = pd.DataFrame(rows, columns=["view", "component", "amount"])
    annualized = sum(parts.values())
    return TotalPay(annualized + offer.sign_on, annualized, components)


# --- place in the BLS market -----------------------------------------------------------------


@dataclass(frozen=True)
class MarketPlacement:
    """Where a base salary sits in an OEWS wage distribution.

    area_type: "metro", "state" or "national" (the area whose percentiles were used);
    position: `analysis.stats.Position` (exact between published percentiles, else bounds);
    ladder: the area's `analysis.stats.Ladder` (USD/yr, NaN when top-coded or not released);
    notes: the OEWS note per percentile (None = published); employment: OEWS tot_emp (jobs,
    the "n" of the estimate; NaN when BLS did not release it); emp_prse / mean_prse: BLS
    relative standard errors (%) of employment and the mean wage; fallback: "" when the metro's
    own figures were used, else why the state's or the nation's were.
    """

    base: float
    area_type: str
    area_code: str
    area_name: str
    occ_code: str
    occ_title: str
    position: stats.Position
    ladder: stats.Ladder
    notes: dict[int, str | None]
    employment: float
    emp_prse: float
    mean_prse: float
    fallback: str = ""

    @property
    def percentile(self) -> float:
        """The percentile when it is exact, else NaN (see `position` for the bounds)."""
        return self.position.percentile

    @property
    def top_coded(self) -> bool:
        """True when any published percentile is a top-coded lower bound."""
        return bool(self.ladder.top_coded)

    def ladder_frame(self) -> pd.DataFrame:
        """percentile, wage (USD, NaN when top-coded/not released), note (None = published)."""
        return pd.DataFrame(
            {
                "percentile": list(self.ladder.points),
                "wage": [self.ladder.wage(p) for p in self.ladder.points],
                "note": [self.notes.get(p) for p in self.ladder.points],
            }
        )


def _placement(base: float, row: pd.Series, top_code: float, fallback: str) -> MarketPlacement:
    area_type = str(row["area_type"])
    code = str(row["cbsa"]) if area_type == "metro" else str(row["area_code"])
    rung = ladder(row, top_code)
    return MarketPlacement(
        base=float(base),
        area_type=area_type,
        area_code=code,
        area_name=str(row["area_name"]),
        occ_code=str(row["occ_code"]),
        occ_title=str(row["occ_title"]),
        position=stats.percentile_of(base, rung),
        ladder=rung,
        notes={
            p: (None if pd.isna(row[f"{c}_note"]) else str(row[f"{c}_note"]))
            for c, p in PCT_COLUMNS.items()
        },
        employment=cell_value(row["tot_emp"]),
        emp_prse=cell_value(row["emp_prse"]),
        mean_prse=cell_value(row["mean_prse"]),
        fallback=fallback,
    )


def market_row(data: Tables, cbsa: str, occupation: str) -> tuple[pd.Series, str]:
    """The OEWS cross-industry row whose percentiles price `occupation` in metro `cbsa`, and
    why it is not the metro's own ("" when it is).

    Where BLS publishes fewer than two percentiles for the occupation in the metro (or none at
    all), the metro's state is used (the state OEWS files the metro under), then the nation.
    Raises ValueError for an unknown occupation or metro.
    """
    wages = data.wages
    title = occupation_title(wages, occupation)
    area = wages.loc[wages["area_type"].isin(PLACES) & (wages["cbsa"] == str(cbsa))]
    if area.empty:
        raise ValueError(f"Unknown metro {cbsa!r}; pick a metro from the list.")
    rows = cross_industry(wages, occupation)
    hit = rows[rows["area_type"].isin(PLACES) & (rows["cbsa"] == str(cbsa))]
    if len(hit) and usable(hit.iloc[0]):
        return hit.iloc[0], ""
    missing = f"BLS publishes no {title} wage percentiles for {area['area_name'].iloc[0]}"
    fips = area["state_code"].iloc[0]
    state = rows[(rows["area_type"] == "state") & (rows["state_code"] == fips)]
    if len(state) and usable(state.iloc[0]):
        return state.iloc[0], f"{missing}; showing {state['area_name'].iloc[0]}'s."
    nation = rows[rows["area_type"] == "national"]
    if nation.empty or not usable(nation.iloc[0]):
        raise ValueError(f"BLS publishes no wage percentiles for {title}.")
    return nation.iloc[0], f"{missing} or its state; showing the US."


def place_in_market(data: Tables, base: float, cbsa: str, occupation: str) -> MarketPlacement:
    """Place `base` (USD/yr) in the OEWS distribution of `occupation` in metro `cbsa` (or the
    state or nation it falls back to, see `market_row`). Raises ValueError for an implausible
    base or an unknown occupation or metro."""
    validate_offer(base)
    row, fallback = market_row(data, cbsa, occupation)
    return _placement(base, row, data.facts.top_code, fallback)


# --- place in the salary index ---------------------------------------------------------------


@dataclass(frozen=True)
class IndexPlacement:
    """Where a base sits among comparable aijobs.net records.

    percentile: empirical (mid-rank) percentile 0-100, NaN when status is 'hidden'; n: records
    used; status: analysis.stats.sample_status(n); scope: which records, in words (filters that
    left under 10 records are dropped and the scope says so); p25/median/p75: of those records
    (USD); values: the salary_usd values used (for a distribution chart).
    """

    base: float
    percentile: float
    n: int
    status: str
    scope: str
    p25: float
    median: float
    p75: float
    values: np.ndarray = field(repr=False)


def comparable_records(
    data: Tables,
    level: str,
    track: str,
    *,
    country: str = US,
    specialization: str | None = None,
    remote: bool | None = None,
    drop_duplicates: bool = True,
) -> tuple[np.ndarray, str]:
    """salary_usd of full-time records of `level` and `track` at companies in `country`,
    2023-2025 (`analysis.filters.filter_records`: the same filter as every page).

    Exact duplicate records (`is_duplicate`) are dropped unless `drop_duplicates` is False.
    Optional filters: `specialization`, `remote` (True = fully remote, remote_ratio 100). An
    optional filter that leaves fewer than MIN_SHOWN records is dropped, and the returned scope
    text says so. Returns (values, scope).
    """
    base = filter_records(
        data.salaries,
        country=country,
        years=INDEX_YEARS,
        levels=[level],
        tracks=[track],
        drop_duplicates=drop_duplicates,
    )
    dups = "exact duplicates dropped" if drop_duplicates else "exact duplicates kept"
    years = f"{INDEX_YEARS[0]}-{INDEX_YEARS[-1]}"
    scope = f"{level} {track} records, {country} companies, full-time, {years}, {dups}"
    dropped = []
    if specialization and specialization != "General":
        narrowed = base[base["specialization"] == specialization]
        if len(narrowed) >= stats.MIN_SHOWN:
            base, scope = narrowed, f"{scope}, {specialization}"
        else:
            dropped.append(f"{specialization}: {len(narrowed)}")
    if remote is not None:
        narrowed = base[(base["remote_ratio"] == 100) == remote]
        word = "remote" if remote else "on-site/hybrid"
        if len(narrowed) >= stats.MIN_SHOWN:
            base, scope = narrowed, f"{scope}, {word}"
        else:
            dropped.append(f"{word}: {len(narrowed)}")
    if dropped:
        scope += f" (too few records to narrow further — {'; '.join(dropped)})"
    return base["salary_usd"].to_numpy(dtype=float), scope


def empirical_percentile(amount: float, values: np.ndarray) -> float:
    """Mid-rank percentile of `amount` among `values`: 100 x (below + equal / 2) / n."""
    if len(values) == 0:
        return float("nan")
    below = np.count_nonzero(values < amount)
    equal = np.count_nonzero(values == amount)
    return float(100.0 * (below + equal / 2.0) / len(values))


def place_in_index(
    data: Tables,
    base: float,
    level: str,
    track: str,
    country: str = US,
    *,
    specialization: str | None = None,
    remote: bool | None = None,
    drop_duplicates: bool = True,
) -> IndexPlacement:
    """Empirical percentile of `base` among comparable aijobs.net records (see
    `comparable_records`). Under MIN_SHOWN records the percentile is NaN (status 'hidden')."""
    validate_offer(base)
    values, scope = comparable_records(
        data,
        level,
        track,
        country=country,
        specialization=specialization,
        remote=remote,
        drop_duplicates=drop_duplicates,
    )
    n = len(values)
    status = stats.sample_status(n)
    if status == "hidden":
        nan = float("nan")
        return IndexPlacement(float(base), nan, n, status, scope, nan, nan, nan, values)
    p25, median, p75 = np.quantile(values, [0.25, 0.5, 0.75])
    pct = empirical_percentile(base, values)
    return IndexPlacement(
        float(base), pct, n, status, scope, float(p25), float(median), float(p75), values
    )


def default_base(data: Tables, cbsa: str, occupation: str) -> float:
    """The metro's OEWS median for `occupation` rounded to $1,000 (the national median when the
    metro has none): the page's starting base salary, USD/yr."""
    rows = cross_industry(data.wages, occupation, PLACES)
    hit = rows.loc[rows["cbsa"] == str(cbsa), "a_median"].dropna()
    value = float(hit.iloc[0]) if len(hit) else national_median(data, occupation)
    return float(round(value, -3)) if np.isfinite(value) else 100_000.0


def pickers(data: Tables) -> tuple[list[str], list[str]]:
    """The salary index's tracks (without "Other") and specializations ("Any" first, without
    "General"), for the offer's pickers."""
    salaries = data.salaries
    tracks = sorted(t for t in salaries["track"].dropna().unique() if t != "Other")
    specs = sorted(s for s in salaries["specialization"].dropna().unique() if s != "General")
    return tracks, ["Any", *specs]
