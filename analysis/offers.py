"""Is a concrete job offer fair? Place it in the market, suggest a range, show what it is worth.

Inputs are the processed tables: `wages` (BLS OEWS May 2025), `salaries` (aijobs.net index),
`price_parities` (BEA RPP), `metros`, and the `take_home` schedule (policyengine-us, one tax
year). Money is USD per year. Nothing here imports streamlit; functions never mutate inputs and
raise ValueError with a message a job seeker can act on.

How each answer is made:

* Market position: the base salary's position in the metro's OEWS distribution for the
  occupation, log-linear between the published 10th/25th/50th/75th/90th percentiles
  (`analysis.stats.percentile_of`). Outside the published range, or next to a top-coded
  percentile, only bounds are given ("below the 10th", "between the 75th and 90th").
* Index position: the empirical percentile among aijobs.net US full-time records of the same
  level and track, 2023-2025 (exact duplicate records dropped by default).
* Negotiation range: BLS first. The aijobs.net level's 25th, 50th and 75th percentiles are placed
  in the NATIONAL BLS distribution of the occupation (where does a senior data scientist sit
  among all US data scientists?), and the same percentiles are read off the METRO's BLS
  distribution. aijobs.net records are mostly high-paying US listings, so they position a level
  but never set the metro's dollar level; the range always lies within the metro's published
  10th-90th percentiles.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis import living, stats

MIN_BASE = 10_000.0
MAX_BASE = 5_000_000.0
MAX_COMPONENT_RATIO = 10.0
INDEX_YEARS = (2023, 2024, 2025)
RANGE_QUANTILES = (0.25, 0.5, 0.75)
"""Quantiles of the level's aijobs.net records whose BLS positions give the ask (low, mid, high)."""
NYC_CBSA = "35620"
"""New York-Newark-Jersey City: the only metro where the NYC resident income tax can apply."""
CITY_JURISDICTIONS: dict[str, str] = {
    "26900": "IN-MARION",  # Indianapolis-Carmel-Greenwood: Marion County resident income tax
    "28140": "MO-KCMO",  # Kansas City, MO-KS: Kansas City, MO resident earnings tax
    "19740": "CO-DENVER",  # Denver-Aurora-Centennial: Denver occupational privilege tax
}
"""Metros (CBSA) whose principal city or county has a local tax policyengine-us models, and the
schedule jurisdiction that adds it (analysis.taxes.LOCAL). New York is `NYC_CBSA`."""
CITY_LABELS: dict[str, str] = {
    "26900": "Live in Indianapolis (Marion County)",
    "28140": "Live in Kansas City, MO",
    "19740": "Work in Denver (city)",
}
"""The page's toggle label for each of `CITY_JURISDICTIONS`: who pays that local tax."""
LOCAL_TAXES: dict[str, str] = {
    "NYC": "NYC income tax",
    "IN-MARION": "Marion County income tax",
    "MO-KCMO": "Kansas City earnings tax",
    "CO-DENVER": "Denver occupational privilege tax",
}
"""The local tax each local jurisdiction of the schedule adds, by name."""
LOCAL_EXCLUDED = (
    "not included: Ohio municipal income tax (Cleveland; PolicyEngine US does not model it), "
    "Kansas City earnings tax on non-residents who work there, and all other local taxes"
)
"""What the take-home figures leave out, for captions."""


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

    area_type: "metro", "state" or "national"; position: `analysis.stats.Position` (exact
    between published percentiles, else bounds); label: the position in words; ladder:
    {10, 25, 50, 75, 90} -> USD (NaN when top-coded or not released); notes: the OEWS note per
    percentile (None = published); employment: OEWS tot_emp (jobs, the "n" of the estimate);
    emp_prse / mean_prse: BLS relative standard errors (%) of employment and the mean wage.
    """

    base: float
    area_type: str
    area_code: str
    area_name: str
    occ_code: str
    occ_title: str
    position: stats.Position
    label: str
    ladder: dict[int, float]
    notes: dict[int, str | None]
    employment: float
    emp_prse: float
    mean_prse: float

    @property
    def percentile(self) -> float:
        """The percentile when it is exact, else NaN (see `position` for the bounds)."""
        return self.position.percentile

    @property
    def top_coded(self) -> bool:
        """True when any published percentile is a top-coded lower bound."""
        return any(n == stats.TOP_CODED for n in self.notes.values())

    def ladder_frame(self) -> pd.DataFrame:
        """percentile, wage (USD, NaN when top-coded/not released), note, shown (text)."""
        rows = []
        for pct, wage in self.ladder.items():
            note = self.notes.get(pct)
            if note == stats.TOP_CODED:
                shown = f"≥ ${stats.TOP_CODE:,.0f}"
            elif np.isfinite(wage):
                shown = f"${wage:,.0f}"
            else:
                shown = note or "not released"
            rows.append({"percentile": pct, "wage": wage, "note": note, "shown": shown})
        return pd.DataFrame(rows)


def _oews_rows(wages: pd.DataFrame, occ: str) -> pd.DataFrame:
    return wages[(wages["occ_code"] == occ) & (wages["industry_code"] == "000000")]


def _placement(base: float, row: pd.Series) -> MarketPlacement:
    ladder, coded = stats.oews_ladder(row)
    notes = {
        p: (None if pd.isna(row[f"{c}_note"]) else str(row[f"{c}_note"]))
        for c, p in stats.PCT_COLUMNS.items()
    }
    position = stats.percentile_of(base, ladder, coded)
    area_type = str(row["area_type"])
    code = str(row["cbsa"]) if area_type == "metro" else str(row["area_code"])
    return MarketPlacement(
        base=float(base),
        area_type=area_type,
        area_code=code,
        area_name=str(row["area_name"]),
        occ_code=str(row["occ_code"]),
        occ_title=str(row["occ_title"]),
        position=position,
        label=stats.position_label(position),
        ladder=ladder,
        notes=notes,
        employment=float(row["tot_emp"]) if pd.notna(row["tot_emp"]) else float("nan"),
        emp_prse=float(row["emp_prse"]) if pd.notna(row["emp_prse"]) else float("nan"),
        mean_prse=float(row["mean_prse"]) if pd.notna(row["mean_prse"]) else float("nan"),
    )


def _usable(row: pd.Series) -> bool:
    published = [row[c] for c in stats.PCT_COLUMNS if pd.notna(row[c])]
    return len(published) >= 2


def place_in_market(base: float, wages: pd.DataFrame, cbsa: str, occ: str) -> MarketPlacement:
    """Place `base` (USD/yr) in metro `cbsa`'s OEWS distribution for occupation `occ`.

    Raises ValueError when the base is implausible, or when BLS publishes too few percentiles
    for the occupation in the metro; the message names the metro and points to the state or
    national figure (`place_in_fallback`).
    """
    validate_offer(base)
    rows = _oews_rows(wages, occ)
    if rows.empty:
        raise ValueError(f"Unknown occupation {occ!r}; pick one from the list.")
    title = str(rows["occ_title"].iloc[0])
    hit = rows[(rows["area_type"] == "metro") & (rows["cbsa"] == str(cbsa))]
    if hit.empty or not _usable(hit.iloc[0]):
        area = wages[(wages["area_type"] == "metro") & (wages["cbsa"] == str(cbsa))]
        if area.empty:
            raise ValueError(f"Unknown metro {cbsa!r}; pick a metro from the list.")
        name, fips = str(area["area_name"].iloc[0]), area["state_code"].iloc[0]
        state = rows[(rows["area_type"] == "state") & (rows["state_code"] == fips)]
        where = (
            f"the {state['area_name'].iloc[0]} median (${state['a_median'].iloc[0]:,.0f})"
            if len(state) and pd.notna(state["a_median"].iloc[0])
            else "the state figure"
        )
        raise ValueError(
            f"BLS publishes no {title} wage percentiles for {name}. Compare with {where} or "
            f"the national median (${national_median(wages, occ):,.0f}) instead."
        )
    return _placement(base, hit.iloc[0])


def place_in_fallback(
    base: float, wages: pd.DataFrame, occ: str, cbsa: str | None = None
) -> MarketPlacement:
    """Place `base` in the OEWS distribution of metro `cbsa`'s state, else the nation's.

    Used when a metro has no published wages for the occupation. The state is the one OEWS
    files the metro under (its `state_code`, the principal state). Falls back to the national
    row when the metro is unknown or its state has no usable percentiles.
    """
    validate_offer(base)
    rows = _oews_rows(wages, occ)
    if rows.empty:
        raise ValueError(f"Unknown occupation {occ!r}; pick one from the list.")
    area = wages.loc[(wages["area_type"] == "metro") & (wages["cbsa"] == str(cbsa)), "state_code"]
    if cbsa is not None and len(area):
        hit = rows[(rows["area_type"] == "state") & (rows["state_code"] == area.iloc[0])]
        if len(hit) and _usable(hit.iloc[0]):
            return _placement(base, hit.iloc[0])
    hit = rows[rows["area_type"] == "national"]
    if hit.empty or not _usable(hit.iloc[0]):
        raise ValueError(f"BLS publishes no national wage percentiles for {occ}.")
    return _placement(base, hit.iloc[0])


def national_median(wages: pd.DataFrame, occ: str) -> float:
    """The national cross-industry OEWS median for `occ` (USD/yr; NaN when not published)."""
    hit = _oews_rows(wages, occ)
    hit = hit[hit["area_type"] == "national"]
    return float(hit["a_median"].iloc[0]) if len(hit) else float("nan")


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
    salaries: pd.DataFrame,
    level: str,
    track: str,
    *,
    country: str = "US",
    specialization: str | None = None,
    remote: bool | None = None,
    drop_duplicates: bool = True,
) -> tuple[np.ndarray, str]:
    """salary_usd of full-time records of `level` and `track` in `country`, 2023-2025.

    Exact duplicate records (`is_duplicate`) are dropped unless `drop_duplicates` is False.
    Optional filters: `specialization`, `remote` (True = fully remote, remote_ratio 100). An
    optional filter that leaves fewer than MIN_SHOWN records is dropped, and the returned scope
    text says so. Returns (values, scope).
    """
    base = salaries[
        (salaries["level"] == level)
        & (salaries["track"] == track)
        & (salaries["employee_country"] == country)
        & (salaries["employment_type"] == "Full-time")
        & salaries["year"].isin(INDEX_YEARS)
        & salaries["salary_usd"].notna()
    ]
    if drop_duplicates:
        base = base[~base["is_duplicate"].fillna(False).astype(bool)]
    dups = "exact duplicates dropped" if drop_duplicates else "exact duplicates kept"
    scope = (
        f"{level} {track} records, {country}, full-time, {INDEX_YEARS[0]}-{INDEX_YEARS[-1]}, {dups}"
    )
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
    base: float,
    salaries: pd.DataFrame,
    level: str,
    track: str,
    country: str = "US",
    *,
    specialization: str | None = None,
    remote: bool | None = None,
    drop_duplicates: bool = True,
) -> IndexPlacement:
    """Empirical percentile of `base` among comparable aijobs.net records (see
    `comparable_records`). Under MIN_SHOWN records the percentile is NaN (status 'hidden')."""
    validate_offer(base)
    values, scope = comparable_records(
        salaries,
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


# --- negotiation range -----------------------------------------------------------------------


@dataclass(frozen=True)
class NegotiationRange:
    """A base-salary range to ask for, with its basis in words (USD/yr).

    low/mid/high: wages in the market area's BLS distribution at pct_low/pct_mid/pct_high
    (mid NaN in the fallback); pct_*: percentiles (0-100) of the level's aijobs.net 25th, 50th
    and 75th percentiles in the national BLS distribution, kept within the published 10th-90th
    range of both distributions; capped: True when a position had to be kept in that range;
    basis: how it was made; n: index records behind it (0 when BLS-only); status: their sample
    status.
    """

    low: float
    high: float
    mid: float
    pct_low: float
    pct_mid: float
    pct_high: float
    capped: bool
    basis: str
    n: int
    status: str


def _usable_pct(position: stats.Position) -> float:
    """A position as one percentile: exact, else the published bound nearest to it."""
    if position.exact:
        return position.low
    return position.high if position.below else position.low


def national_ladder(wages: pd.DataFrame, occ: str) -> tuple[dict[int, float], frozenset[int]]:
    """The national cross-industry OEWS ladder of `occ` and its top-coded percentiles
    (ValueError when BLS publishes no national row)."""
    rows = _oews_rows(wages, occ)
    hit = rows[rows["area_type"] == "national"]
    if hit.empty:
        raise ValueError(f"BLS publishes no national wages for {occ}.")
    return stats.oews_ladder(hit.iloc[0])


def negotiation_range(
    market: MarketPlacement,
    index: IndexPlacement,
    wages: pd.DataFrame,
) -> NegotiationRange:
    """A base range for `market`'s area, positioned by the level of `index`'s records.

    The 25th, 50th and 75th percentiles of `index.values` are placed in the national OEWS
    distribution of the occupation (`stats.percentile_of`); those percentiles, kept within the
    published points of both distributions, are read off the area's distribution
    (`stats.wage_at_percentile`). With fewer than MIN_SHOWN index records the area's BLS
    median-75th percentile is the range. Raises ValueError when neither can be made.
    """
    where = market.area_name
    area_points = sorted(p for p, w in market.ladder.items() if np.isfinite(w))
    if index.status != "hidden" and len(area_points) >= 2:
        nat, nat_coded = national_ladder(wages, market.occ_code)
        quantiles = np.quantile(index.values, RANGE_QUANTILES)
        raw = [_usable_pct(stats.percentile_of(float(q), nat, nat_coded)) for q in quantiles]
        pcts = [min(max(p, area_points[0]), area_points[-1]) for p in raw]
        exact = [stats.percentile_of(float(q), nat, nat_coded).exact for q in quantiles]
        capped = not all(exact) or pcts != raw
        low, mid, high = (stats.wage_at_percentile(p, market.ladder) for p in pcts)
        basis = (
            f"{index.n:,} {index.scope}: their middle half (${quantiles[0]:,.0f} – "
            f"${quantiles[2]:,.0f}, median ${quantiles[1]:,.0f}) sits at the "
            f"{stats.ordinal(pcts[0])}–{stats.ordinal(pcts[2])} percentiles of US "
            f"{market.occ_title} pay (BLS). The same percentiles of {where}'s BLS "
            "distribution give the range."
        )
        if capped:
            basis += (
                " Part of the level's range is outside the percentiles BLS publishes, so it is "
                f"kept within {stats.ordinal(area_points[0])}–{stats.ordinal(area_points[-1])}."
            )
        if index.status == "low confidence":
            basis += " Few records: treat as rough."
        return NegotiationRange(
            low, high, mid, *pcts, capped=capped, basis=basis, n=index.n, status=index.status
        )
    oews_low, oews_high = market.ladder.get(50, np.nan), market.ladder.get(75, np.nan)
    if np.isfinite(oews_low) and np.isfinite(oews_high):
        basis = (
            f"The BLS median to 75th percentile for {market.occ_title} in {where} "
            f"(too few salary-index records to position the level: {index.n})."
        )
        return NegotiationRange(
            oews_low, oews_high, float("nan"), 50.0, float("nan"), 75.0,
            capped=False, basis=basis, n=0, status=index.status,
        )  # fmt: skip
    raise ValueError(
        f"Not enough data to suggest a range for {market.occ_title} in {where}; "
        "try another level, track or metro."
    )


# --- taxes and hubs --------------------------------------------------------------------------


@dataclass(frozen=True)
class AfterTax:
    """Annual taxes and take-home pay (USD) for a single filer with the standard deduction.

    state_payroll is the employee's state payroll contributions (e.g. CA SDI, WA PFML).
    """

    tax_year: int
    jurisdiction: str
    gross: float
    federal: float
    social_security: float
    medicare: float
    state: float
    state_payroll: float
    local: float
    take_home: float

    def frame(self) -> pd.DataFrame:
        """item, amount (USD/yr), share (of gross): the taxes then take-home, for a table."""
        items = {
            "Federal income tax": self.federal,
            "Social Security": self.social_security,
            "Medicare": self.medicare,
            "State income tax": self.state,
            "State payroll (disability, leave)": self.state_payroll,
            "Local income tax": self.local,
            "Take-home": self.take_home,
        }
        out = pd.DataFrame({"item": list(items), "amount": list(items.values())})
        out["share"] = out["amount"] / self.gross
        return out


def tax_line(tax: AfterTax) -> str:
    """The after-tax figures in one Markdown line: take-home a year and a month, its share of
    gross, then each tax that is not zero (USD, whole dollars)."""
    items = {
        "federal income tax": tax.federal,
        "Social Security": tax.social_security,
        "Medicare": tax.medicare,
        "state income tax": tax.state,
        "state payroll (disability, leave)": tax.state_payroll,
        LOCAL_TAXES.get(tax.jurisdiction, "local income tax"): tax.local,
    }
    parts = [f"{name} ${value:,.0f}" for name, value in items.items() if abs(value) >= 0.5]
    return (
        f"**Take-home ${tax.take_home:,.0f} a year** (${tax.take_home / 12:,.0f} a month, "
        f"{tax.take_home / tax.gross:.0%} of ${tax.gross:,.0f}) · " + " · ".join(parts)
    )


def after_tax(gross: float, jurisdiction: str, schedule: pd.DataFrame) -> AfterTax:
    """Federal, Social Security, Medicare, state, local taxes and take-home for `gross` (USD/yr)
    in `jurisdiction` (2-letter state code or a local code of `LOCAL_TAXES`), interpolated from
    the stored schedule by `analysis.taxes.take_home`. Raises ValueError outside the
    schedule's income range."""
    from analysis import taxes

    row = taxes.take_home(float(gross), jurisdiction, schedule)
    return AfterTax(
        tax_year=int(schedule["tax_year"].dropna().iloc[0]),
        jurisdiction=jurisdiction,
        gross=float(gross),
        federal=float(row["federal_income_tax"]),
        social_security=float(row["social_security"]),
        medicare=float(row["medicare"]),
        state=float(row["state_income_tax"]),
        state_payroll=float(row.get("state_payroll_tax", 0.0)),
        local=float(row["local_income_tax"]),
        take_home=float(row["take_home"]),
    )


def local_tax_note(jurisdictions: Sequence[str], places: Sequence[str] | None = None) -> str:
    """A caption fragment naming the local taxes in `jurisdictions` (schedule codes, e.g. from
    `worth_in_hubs`), each followed by its place from `places` when given, then
    `LOCAL_EXCLUDED`."""
    places = list(places) if places is not None else [""] * len(jurisdictions)
    included = [
        LOCAL_TAXES[j] + (f" ({p})" if p else "")
        for j, p in zip(jurisdictions, places, strict=True)
        if j in LOCAL_TAXES
    ]
    head = "local tax included: " + ", ".join(dict.fromkeys(included)) if included else ""
    return f"{head or 'no local tax included'} · {LOCAL_EXCLUDED}"


def jurisdiction_for(
    cbsa: str, metros: pd.DataFrame, *, nyc: bool = False, city: bool = False
) -> str:
    """The tax jurisdiction of a metro: its principal state (USPS code from `metros`), or "NYC"
    for a New York City resident of the New York metro (CBSA 35620) when `nyc`, or the local
    code of `CITY_JURISDICTIONS` (Indianapolis, Kansas City, Denver) when `city`, i.e. when
    the filer lives (Denver: works) in that metro's principal city or county."""
    hit = metros.loc[metros["cbsa"] == str(cbsa), "principal_state"]
    if hit.empty or pd.isna(hit.iloc[0]):
        raise ValueError(f"Unknown metro {cbsa!r}; pick a metro from the list.")
    if nyc and str(cbsa) == NYC_CBSA:
        return "NYC"
    if city and str(cbsa) in CITY_JURISDICTIONS:
        return CITY_JURISDICTIONS[str(cbsa)]
    return str(hit.iloc[0])


def worth_in_hubs(
    base: float,
    home_cbsa: str,
    hubs: Sequence[str],
    price_parities: pd.DataFrame,
    wages: pd.DataFrame,
    occ: str,
    take_home_schedule: pd.DataFrame,
    metros: pd.DataFrame,
    *,
    nyc: bool = True,
    city: bool = False,
    year: int | None = None,
) -> pd.DataFrame:
    """What `base` (USD/yr, earned in `home_cbsa`) is worth in each hub, side by side.

    One row per metro, home first, then the hubs, columns: cbsa, label (as
    `analysis.hubs.metro_names`), state, jurisdiction ("NYC" for the New York metro when
    `nyc`; the local code of `CITY_JURISDICTIONS` for those metros when `city`), rpp (BEA all
    items, US = 100, `year`, default the latest in the table),
    same_power (the salary in the hub that buys what `base` buys at home:
    base x RPP_hub / RPP_home), role_median (OEWS median for `occ`, NaN when not published),
    role_median_note, take_home (after tax on `base` earned there), real_take_home
    (take_home / (rpp / 100), in national-average dollars), is_home. Hubs without a BEA price
    level are kept with NaN price columns. Raises ValueError when the home metro has no price
    level.
    """
    from analysis import hubs as hub_data

    validate_offer(base)
    prices = hub_data.latest_parities(price_parities, year).set_index("cbsa")["rpp"]
    year = hub_data.latest_year(price_parities) if year is None else year
    home_cbsa = str(home_cbsa)
    home_rpp = float(prices.get(home_cbsa, float("nan")))
    if not np.isfinite(home_rpp):
        raise ValueError(f"BEA publishes no {year} price level for metro {home_cbsa}.")
    names = hub_data.metro_names(metros).set_index("cbsa")
    rows = _oews_rows(wages, occ)
    rows = rows[rows["area_type"] == "metro"].set_index("cbsa")
    order = [c for c in dict.fromkeys([home_cbsa, *(str(c) for c in hubs)]) if c in names.index]
    if not order:
        raise ValueError("None of the chosen hubs is a known metro.")
    out = []
    for cbsa in order:
        rpp = float(prices.get(cbsa, float("nan")))
        juris = jurisdiction_for(cbsa, metros, nyc=nyc, city=city)
        try:
            home = after_tax(base, juris, take_home_schedule).take_home
        except ValueError:
            home = float("nan")
        median = float(rows.loc[cbsa, "a_median"]) if cbsa in rows.index else float("nan")
        note = rows.loc[cbsa, "a_median_note"] if cbsa in rows.index else "not available"
        priced = np.isfinite(rpp)
        out.append(
            {
                "cbsa": cbsa,
                "label": str(names.loc[cbsa, "label"]),
                "state": str(names.loc[cbsa, "state"]),
                "jurisdiction": juris,
                "rpp": rpp,
                "same_power": living.same_purchasing_power(base, home_rpp, rpp)
                if priced
                else float("nan"),
                "role_median": median,
                "role_median_note": None if pd.isna(note) else str(note),
                "take_home": home,
                "real_take_home": home / (rpp / 100.0) if priced else float("nan"),
                "is_home": cbsa == home_cbsa,
            }
        )
    return pd.DataFrame(out)


# --- small helpers for the page --------------------------------------------------------------


def short_percentile(pct: float) -> str:
    """An exact percentile for a metric tile: '63rd'; '—' when NaN."""
    return stats.ordinal(pct) if np.isfinite(pct) else "—"


def default_base(wages: pd.DataFrame, cbsa: str, occ: str) -> float:
    """The metro's OEWS median for `occ` rounded to $1,000 (the national median when the metro
    has none): the page's starting base salary, USD/yr."""
    rows = _oews_rows(wages, occ)
    hit = rows[(rows["area_type"] == "metro") & (rows["cbsa"] == str(cbsa))]["a_median"].dropna()
    value = float(hit.iloc[0]) if len(hit) else national_median(wages, occ)
    return float(round(value, -3)) if np.isfinite(value) else 100_000.0


@dataclass(frozen=True)
class OfferCheck:
    """Everything the Offer check page shows about one offer (see `check_offer`).

    fallback: why the market placement is a state/national one ("" when it is the metro's).
    """

    offer: Offer
    market: MarketPlacement
    fallback: str
    index: IndexPlacement
    ask: NegotiationRange
    totals: TotalPay


def check_offer(
    wages: pd.DataFrame,
    salaries: pd.DataFrame,
    *,
    occ: str,
    cbsa: str,
    level: str,
    track: str,
    base: float,
    bonus: float = 0.0,
    equity: float = 0.0,
    sign_on: float = 0.0,
    specialization: str | None = None,
    remote: bool = False,
    drop_duplicates: bool = True,
) -> OfferCheck:
    """Validate the offer, place it (metro, else state/national), place it in the index
    (remote-only records when `remote`; exact duplicate records dropped unless
    `drop_duplicates` is False), suggest a range and total it. Raises ValueError on a bad
    offer or when no range can be made."""
    offer = validate_offer(base, bonus, equity, sign_on)
    fallback = ""
    try:
        market = place_in_market(offer.base, wages, cbsa, occ)
    except ValueError as err:
        market = place_in_fallback(offer.base, wages, occ, cbsa)
        fallback = f"{err} Showing the {market.area_name} figures."
    index = place_in_index(
        offer.base,
        salaries,
        level,
        track,
        specialization=None if specialization in (None, "Any") else specialization,
        remote=True if remote else None,
        drop_duplicates=drop_duplicates,
    )
    ask = negotiation_range(market, index, wages)
    totals = total_pay(offer.base, offer.bonus, offer.equity, offer.sign_on)
    return OfferCheck(offer, market, fallback, index, ask, totals)
