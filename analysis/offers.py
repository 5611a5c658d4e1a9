"""Is a concrete job offer fair? Place it in the market, suggest a range, show what it is worth.

Inputs are the processed tables: `wages` (BLS OEWS May 2025), `salaries` (aijobs.net index),
`price_parities` (BEA RPP), `metros`, and the `take_home` schedule (policyengine-us, one tax
year). Money is USD per year. Nothing here imports streamlit; functions never mutate inputs and
raise ValueError with a message a job seeker can act on.

How each answer is made:

* Market position: the base salary's percentile in the metro's OEWS distribution for the
  occupation, log-linear between the published 10th/25th/50th/75th/90th percentiles
  (`analysis.stats.percentile_of`). Outside the published range we say "below the 10th" or
  "above the 90th" rather than inventing a tail; top-coded percentiles stay lower bounds.
* Index position: the empirical percentile among aijobs.net US full-time records of the same
  level and track, 2023-2025 (exact duplicates kept: they are separate postings).
* Negotiation range: the 50th-75th percentile of those records, scaled to the metro by the ratio
  of the metro's OEWS median to the national OEWS median for the occupation; the metro's OEWS
  median-75th percentile is a second anchor.
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
TOP_CODE = 239_200.0
PCT_COLUMNS = {10: "a_pct10", 25: "a_pct25", 50: "a_median", 75: "a_pct75", 90: "a_pct90"}
RANGE_PCTS = (50, 75)

STATE_FIPS: dict[str, str] = {
    "AL": "01", "AK": "02", "AZ": "04", "AR": "05", "CA": "06", "CO": "08", "CT": "09",
    "DE": "10", "DC": "11", "FL": "12", "GA": "13", "HI": "15", "ID": "16", "IL": "17",
    "IN": "18", "IA": "19", "KS": "20", "KY": "21", "LA": "22", "ME": "23", "MD": "24",
    "MA": "25", "MI": "26", "MN": "27", "MS": "28", "MO": "29", "MT": "30", "NE": "31",
    "NV": "32", "NH": "33", "NJ": "34", "NM": "35", "NY": "36", "NC": "37", "ND": "38",
    "OH": "39", "OK": "40", "OR": "41", "PA": "42", "RI": "44", "SC": "45", "SD": "46",
    "TN": "47", "TX": "48", "UT": "49", "VT": "50", "VA": "51", "WA": "53", "WV": "54",
    "WI": "55", "WY": "56", "PR": "72",
}  # fmt: skip
"""USPS state code -> 2-digit FIPS code (OEWS `state_code`)."""


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


def ordinal(n: int) -> str:
    """1 -> '1st', 63 -> '63rd', 11 -> '11th'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(frozen=True)
class MarketPlacement:
    """Where a base salary sits in an OEWS wage distribution.

    area_type: "metro", "state" or "national"; percentile: 0-100, -inf below the lowest
    published percentile, +inf above the highest; label: the position in words; ladder:
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
    percentile: float
    label: str
    ladder: dict[int, float]
    notes: dict[int, str | None]
    employment: float
    emp_prse: float
    mean_prse: float

    @property
    def top_coded(self) -> bool:
        """True when any published percentile is a top-coded lower bound."""
        return any(n == "top-coded" for n in self.notes.values())

    def ladder_frame(self) -> pd.DataFrame:
        """percentile, wage (USD, NaN when top-coded/not released), note, shown (text)."""
        rows = []
        for pct, wage in self.ladder.items():
            note = self.notes.get(pct)
            if note == "top-coded":
                shown = f"≥ ${TOP_CODE:,.0f}"
            elif np.isfinite(wage):
                shown = f"${wage:,.0f}"
            else:
                shown = note or "not released"
            rows.append({"percentile": pct, "wage": wage, "note": note, "shown": shown})
        return pd.DataFrame(rows)


def position_label(pct: float, ladder: dict[int, float], notes: dict[int, str | None]) -> str:
    """The percentile in words: 'about the 63rd percentile', 'below the 10th percentile',
    'above the 90th percentile', or 'above the 75th; the 90th is top-coded (≥ $239,200)'."""
    published = sorted(p for p, w in ladder.items() if np.isfinite(w))
    if pct == float("-inf"):
        return f"below the {ordinal(published[0])} percentile"
    if pct == float("inf"):
        top = published[-1]
        coded = [p for p in ladder if p > top and notes.get(p) == "top-coded"]
        if coded:
            return (
                f"above the {ordinal(top)}; the {ordinal(min(coded))} is top-coded "
                f"(≥ ${TOP_CODE:,.0f})"
            )
        return f"above the {ordinal(top)} percentile"
    return f"about the {ordinal(round(pct))} percentile"


def _oews_rows(wages: pd.DataFrame, occ: str) -> pd.DataFrame:
    return wages[(wages["occ_code"] == occ) & (wages["industry_code"] == "000000")]


def _placement(base: float, row: pd.Series) -> MarketPlacement:
    ladder = {
        p: float(row[c]) if pd.notna(row[c]) else float("nan") for p, c in PCT_COLUMNS.items()
    }
    notes = {
        p: (None if pd.isna(row[f"{c}_note"]) else str(row[f"{c}_note"]))
        for p, c in PCT_COLUMNS.items()
    }
    pct = stats.percentile_of(base, ladder)
    area_type = str(row["area_type"])
    code = str(row["cbsa"]) if area_type == "metro" else str(row["area_code"])
    return MarketPlacement(
        base=float(base),
        area_type=area_type,
        area_code=code,
        area_name=str(row["area_name"]),
        occ_code=str(row["occ_code"]),
        occ_title=str(row["occ_title"]),
        percentile=pct,
        label=position_label(pct, ladder, notes),
        ladder=ladder,
        notes=notes,
        employment=float(row["tot_emp"]) if pd.notna(row["tot_emp"]) else float("nan"),
        emp_prse=float(row["emp_prse"]) if pd.notna(row["emp_prse"]) else float("nan"),
        mean_prse=float(row["mean_prse"]) if pd.notna(row["mean_prse"]) else float("nan"),
    )


def _usable(row: pd.Series) -> bool:
    published = [row[c] for c in PCT_COLUMNS.values() if pd.notna(row[c])]
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
    base: float, wages: pd.DataFrame, occ: str, state: str | None = None
) -> MarketPlacement:
    """Place `base` in the state's OEWS distribution (USPS code, e.g. "OH"), else the nation's.

    Used when a metro has no published wages for the occupation. Falls back to the national
    row when the state is unknown or has no usable percentiles.
    """
    validate_offer(base)
    rows = _oews_rows(wages, occ)
    if rows.empty:
        raise ValueError(f"Unknown occupation {occ!r}; pick one from the list.")
    fips = STATE_FIPS.get((state or "").upper())
    if fips:
        hit = rows[(rows["area_type"] == "state") & (rows["state_code"] == fips)]
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
    drop_duplicates: bool = False,
) -> tuple[np.ndarray, str]:
    """salary_usd of full-time records of `level` and `track` in `country`, 2023-2025.

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
    scope = f"{level} {track} records, {country}, full-time, {INDEX_YEARS[0]}-{INDEX_YEARS[-1]}"
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
    drop_duplicates: bool = False,
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

    low/high: the primary range (index-based when there are enough records, else the OEWS
    anchor); basis: how it was made; n: index records behind it (0 when OEWS-only);
    status: sample status of those records; scale: metro median / national median;
    oews_low/oews_high: the metro's OEWS median and 75th percentile (NaN when top-coded).
    """

    low: float
    high: float
    basis: str
    n: int
    status: str
    scale: float
    oews_low: float
    oews_high: float


def negotiation_range(
    market: MarketPlacement,
    index: IndexPlacement,
    wages: pd.DataFrame,
) -> NegotiationRange:
    """The 50th-75th percentile of the index records of `index`, scaled to `market`'s area.

    Scale = the area's OEWS median / the national OEWS median for the occupation (1 for the
    national row). The area's OEWS median-75th percentile is a second anchor. With fewer than
    MIN_SHOWN index records the OEWS anchor becomes the range. Raises ValueError when neither
    anchor is available.
    """
    national = national_median(wages, market.occ_code)
    local = market.ladder.get(50, float("nan"))
    scale = local / national if np.isfinite(local) and np.isfinite(national) else float("nan")
    oews_low, oews_high = market.ladder.get(50, np.nan), market.ladder.get(75, np.nan)
    where = market.area_name
    if index.status != "hidden" and np.isfinite(scale):
        lo, hi = np.quantile(index.values, [p / 100 for p in RANGE_PCTS])
        basis = (
            f"The {ordinal(RANGE_PCTS[0])}-{ordinal(RANGE_PCTS[1])} percentile of {index.n:,} "
            f"{index.scope}, scaled to {where} by its BLS median for {market.occ_title} "
            f"(${local:,.0f}) over the national median (${national:,.0f}), x{scale:.2f}."
        )
        if index.status == "low confidence":
            basis += " Few records: treat as rough."
        return NegotiationRange(
            float(lo * scale), float(hi * scale), basis, index.n, index.status, scale,
            oews_low, oews_high,
        )  # fmt: skip
    if np.isfinite(oews_low) and np.isfinite(oews_high):
        basis = (
            f"The BLS median to 75th percentile for {market.occ_title} in {where} "
            f"(too few salary-index records: {index.n})."
        )
        return NegotiationRange(
            oews_low, oews_high, basis, 0, index.status, scale, oews_low, oews_high
        )
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


def after_tax(gross: float, jurisdiction: str, schedule: pd.DataFrame) -> AfterTax:
    """Federal, Social Security, Medicare, state, local taxes and take-home for `gross` (USD/yr)
    in `jurisdiction` (2-letter state code or "NYC"), interpolated from the stored schedule by
    `analysis.taxes.take_home`. Raises ValueError outside the schedule's income range."""
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


def jurisdiction_for(cbsa: str, metros: pd.DataFrame, *, nyc: bool = False) -> str:
    """The tax jurisdiction of a metro: its principal state, or "NYC" for New York when `nyc`."""
    hit = metros.loc[metros["cbsa"] == str(cbsa), "principal_state"]
    if hit.empty or pd.isna(hit.iloc[0]):
        raise ValueError(f"Unknown metro {cbsa!r}; pick a metro from the list.")
    state = str(hit.iloc[0])
    return "NYC" if nyc and state == "NY" else state


def metro_label(short_name: str, state: str) -> str:
    """'Austin, TX'; a short name that already ends with its state is kept as it is."""
    return short_name if short_name.endswith(f", {state}") else f"{short_name}, {state}"


def _rpp(parities: pd.DataFrame, cbsa: str, year: int) -> float:
    hit = parities[
        (parities["geo_level"] == "metro")
        & (parities["geo_code"] == str(cbsa))
        & (parities["year"] == year)
    ]
    return float(hit["all_items"].iloc[0]) if len(hit) else float("nan")


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
    year: int = 2024,
) -> pd.DataFrame:
    """What `base` (USD/yr, earned in `home_cbsa`) is worth in each hub, side by side.

    One row per metro, home first, then the hubs, columns: cbsa, label, state,
    jurisdiction ("NYC" for New York when `nyc`), rpp (BEA all items, US = 100, `year`),
    same_power (the salary in the hub that buys what `base` buys at home:
    base x RPP_hub / RPP_home), role_median (OEWS median for `occ`, NaN when not published),
    role_median_note, take_home (after tax on `base` earned there), real_take_home
    (take_home / (rpp / 100), in national-average dollars), is_home. Hubs without a BEA price
    level are kept with NaN price columns. Raises ValueError when the home metro has no price
    level.
    """
    validate_offer(base)
    home_rpp = _rpp(price_parities, home_cbsa, year)
    if not np.isfinite(home_rpp):
        raise ValueError(f"BEA publishes no {year} price level for metro {home_cbsa}.")
    names = metros.set_index("cbsa")
    rows = _oews_rows(wages, occ)
    rows = rows[rows["area_type"] == "metro"].set_index("cbsa")
    order = list(dict.fromkeys([str(home_cbsa), *(str(c) for c in hubs)]))
    out = []
    for cbsa in order:
        if cbsa not in names.index:
            continue
        meta = names.loc[cbsa]
        rpp = _rpp(price_parities, cbsa, year)
        juris = jurisdiction_for(cbsa, metros, nyc=nyc)
        try:
            home = after_tax(base, juris, take_home_schedule).take_home
        except ValueError:
            home = float("nan")
        median = float(rows.loc[cbsa, "a_median"]) if cbsa in rows.index else float("nan")
        note = rows.loc[cbsa, "a_median_note"] if cbsa in rows.index else "not available"
        out.append(
            {
                "cbsa": cbsa,
                "label": metro_label(str(meta["short_name"]), str(meta["principal_state"])),
                "state": str(meta["principal_state"]),
                "jurisdiction": juris,
                "rpp": rpp,
                "same_power": living.same_purchasing_power(base, home_rpp, rpp)
                if np.isfinite(rpp)
                else float("nan"),
                "role_median": median,
                "role_median_note": None if pd.isna(note) else str(note),
                "take_home": home,
                "real_take_home": home / (rpp / 100.0) if np.isfinite(rpp) else float("nan"),
                "is_home": cbsa == str(home_cbsa),
            }
        )
    if not out:
        raise ValueError("None of the chosen hubs is a known metro.")
    return pd.DataFrame(out)


# --- small helpers for the page --------------------------------------------------------------


def short_percentile(pct: float) -> str:
    """A percentile for a metric tile: '63rd', 'below 10th', 'above 90th', '—' (NaN)."""
    if pct == float("-inf"):
        return "below 10th"
    if pct == float("inf"):
        return "above 90th"
    if not np.isfinite(pct):
        return "—"
    return ordinal(round(pct))


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
    metros: pd.DataFrame,
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
) -> OfferCheck:
    """Validate the offer, place it (metro, else state/national), place it in the index
    (remote-only records when `remote`), suggest a range and total it. Raises ValueError on a bad
    offer or when no range can be made."""
    offer = validate_offer(base, bonus, equity, sign_on)
    fallback = ""
    try:
        market = place_in_market(offer.base, wages, cbsa, occ)
    except ValueError as err:
        state = metros.loc[metros["cbsa"] == str(cbsa), "principal_state"]
        market = place_in_fallback(offer.base, wages, occ, state.iloc[0] if len(state) else None)
        fallback = f"{err} Showing the {market.area_name} figures."
    index = place_in_index(
        offer.base,
        salaries,
        level,
        track,
        specialization=None if specialization in (None, "Any") else specialization,
        remote=True if remote else None,
    )
    ask = negotiation_range(market, index, wages)
    totals = total_pay(offer.base, offer.bonus, offer.equity, offer.sign_on)
    return OfferCheck(offer, market, fallback, index, ask, totals)
