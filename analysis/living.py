"""What is a salary in one metro worth in another, and how heavy is the rent?

Two ways to carry a salary from metro A to metro B:

1. Same purchasing power: S_B = S_A x RPP_B / RPP_A (BEA all-items Regional Price Parities,
   US = 100). The salary that buys the same basket in B.
2. Same market position: the percentile of S_A among A's OEWS wages for the occupation
   (log-linear between the published 10th/25th/50th/75th/90th percentiles), mapped to the wage at
   the same percentile in B. The salary that keeps your rank among peers in B.

The two answers differ because local pay levels do not move one-for-one with local prices; the
gap between them is the point of the Cost of living page.

Inputs are the processed tables (`analysis.data.Tables`): `wages`, `metros`, `price_parities`
and `rents` (HUD Fair Market Rents, monthly USD). Functions never mutate their inputs; money is
USD per year unless a column says monthly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import hubs, metros, stats
from analysis.data import Tables
from analysis.metros import same_purchasing_power
from analysis.wages import DEFAULT_OCCUPATION, occupation_title

MAX_SALARY = 5_000_000.0
"""Salaries above this are treated as typing mistakes."""
COMPONENTS = {
    "goods": "Goods",
    "housing": "Housing (rents)",
    "utilities": "Utilities",
    "other_services": "Other services",
}
"""BEA RPP component columns -> display names."""


@dataclass(frozen=True)
class Equivalence:
    """A salary carried from metro A to metro B, both ways (USD/yr).

    same_power: S_A x RPP_B / RPP_A (BEA, `year`).
    position: S_A's position in A (`analysis.stats.Position`: exact between A's published
        percentiles, else bounds); position_label says it in words.
    same_position: the wage at that percentile in B; NaN when the position is only bounded.
        Then position_low / position_high are B's wages at the bounds (NaN where B publishes no
        wage there: an open end) and position_note says it in words.
    gap: same_position - same_power (NaN when same_position is NaN).
    """

    salary: float
    from_cbsa: str
    to_cbsa: str
    from_label: str
    to_label: str
    occupation: str
    occ_title: str
    year: int
    rpp_from: float
    rpp_to: float
    same_power: float
    position: stats.Position
    position_label: str
    same_position: float
    position_low: float
    position_high: float
    position_note: str
    gap: float

    @property
    def percentile(self) -> float:
        """S_A's percentile in A when it is exact, else NaN."""
        return self.position.percentile

    @property
    def gap_share(self) -> float:
        """gap / same_power (NaN when either is missing)."""
        return self.gap / self.same_power if self.same_power else float("nan")

    def same_position_text(self) -> str:
        """The same-position answer for a tile: '$99,110', '< $62,000', '> $150,000',
        '$120,000 – $150,000'."""
        if np.isfinite(self.same_position):
            return f"${self.same_position:,.0f}"
        low, high = self.position_low, self.position_high
        if np.isfinite(low) and np.isfinite(high):
            return f"${low:,.0f} – ${high:,.0f}"
        if np.isfinite(high):
            return f"< ${high:,.0f}"
        if np.isfinite(low):
            return f"> ${low:,.0f}"
        return "—"


def check_salary(salary: float) -> float:
    """`salary` as float; ValueError when it is not a positive, plausible annual salary."""
    try:
        value = float(salary)
    except (TypeError, ValueError) as err:
        raise ValueError("Enter the salary as a number of US dollars per year.") from err
    if not math.isfinite(value) or value <= 0:
        raise ValueError("Enter a salary above $0 a year.")
    if value > MAX_SALARY:
        raise ValueError(
            f"${value:,.0f} a year is above ${MAX_SALARY:,.0f}; enter an annual salary in dollars."
        )
    return value


def _row(table: pd.DataFrame, cbsa: str) -> pd.Series:
    hit = table[table["cbsa"] == cbsa]
    if hit.empty:
        raise ValueError(f"Unknown metro {cbsa!r}.")
    return hit.iloc[0]


def _bound_note(
    position: stats.Position, label: str, a: pd.Series, b: pd.Series, low: float, high: float
) -> str:
    """The bounded same-position answer in words."""
    if np.isfinite(low) and np.isfinite(high):
        where = f"between ${low:,.0f} and ${high:,.0f}"
    elif np.isfinite(high):
        where = f"below ${high:,.0f} (its {stats.ordinal(position.high)} percentile)"
    elif np.isfinite(low):
        where = f"above ${low:,.0f} (its {stats.ordinal(position.low)} percentile)"
    else:
        where = "outside the range BLS publishes there"
    return (
        f"Your salary is {label} in {a['label']}, where BLS publishes no exact figure to "
        f"interpolate, so the same position in {b['label']} is {where}."
    )


def equivalent_salary(
    data: Tables,
    salary: float,
    from_cbsa: str,
    to_cbsa: str,
    occupation: str = DEFAULT_OCCUPATION,
    *,
    year: int | None = None,
) -> Equivalence:
    """Carry `salary` (USD/yr) earned in `from_cbsa` to `to_cbsa`, both ways (see module doc).

    `year` is the BEA price year (default: the latest in `parities`). The same metro twice is
    allowed (both answers equal the salary). Raises ValueError for a salary <= 0 or above
    $5,000,000, an unknown metro, a metro without the occupation's wages, or a metro without a
    BEA price level.
    """
    value = check_salary(salary)
    year = metros.latest_year(data) if year is None else year
    from_cbsa, to_cbsa = str(from_cbsa), str(to_cbsa)
    table = hubs.compare_hubs(data, occupation, None, year=year).table
    names = metros.metro_names(data)
    known = set(names["cbsa"].astype(str)) | set(table["cbsa"].astype(str))
    for code in (from_cbsa, to_cbsa):
        if code not in known:
            raise ValueError(f"Unknown metro code {code!r}; pick a metro from the list.")
        if code not in set(table["cbsa"].astype(str)):
            label = names.loc[names["cbsa"] == code, "label"]
            shown = label.iloc[0] if len(label) else code
            raise ValueError(f"BLS publishes no wages for this occupation in {shown}.")
    a, b = _row(table, from_cbsa), _row(table, to_cbsa)
    for row in (a, b):
        if not np.isfinite(row["rpp"]):
            raise ValueError(f"BEA publishes no {year} price level for {row['label']}.")
    power = same_purchasing_power(value, float(a["rpp"]), float(b["rpp"]))
    top_code = data.facts.top_code
    ladder_a, ladder_b = hubs.hub_ladder(a, top_code), hubs.hub_ladder(b, top_code)
    position = stats.percentile_of(value, ladder_a)
    label = stats.position_label(position)
    nan = float("nan")
    if position.exact:
        same, low, high, note = stats.wage_at_percentile(position.low, ladder_b), nan, nan, ""
    else:
        same = nan
        low = stats.wage_or_nan(position.low, ladder_b) if position.low > 0 else nan
        high = stats.wage_or_nan(position.high, ladder_b) if position.high < 100 else nan
        note = _bound_note(position, label, a, b, low, high)
    return Equivalence(
        salary=value,
        from_cbsa=from_cbsa,
        to_cbsa=to_cbsa,
        from_label=str(a["label"]),
        to_label=str(b["label"]),
        occupation=occupation,
        occ_title=occupation_title(data.wages, occupation),
        year=year,
        rpp_from=float(a["rpp"]),
        rpp_to=float(b["rpp"]),
        same_power=power,
        position=position,
        position_label=label,
        same_position=same,
        position_low=low,
        position_high=high,
        position_note=note,
        gap=same - power,
    )


def _labelled(frame: pd.DataFrame, data: Tables, cbsas: Sequence[str]) -> pd.DataFrame:
    names = metros.metro_names(data)[["cbsa", "label"]]
    out = frame.merge(names, on="cbsa", how="left")
    out["label"] = out["label"].fillna(out["cbsa"])
    order = {c: i for i, c in enumerate(cbsas)}
    return out.assign(_order=out["cbsa"].map(order)).sort_values("_order").drop(columns="_order")


def _metro_parities(data: Tables, cbsas: Sequence[str]) -> pd.DataFrame:
    parities = data.price_parities
    wanted = [str(c) for c in cbsas]
    if not wanted:
        raise ValueError("Pick at least one metro.")
    rows = parities[(parities["geo_level"] == "metro") & parities["geo_code"].isin(wanted)]
    if rows.empty:
        raise ValueError("BEA publishes no price levels for the selected metros.")
    return rows.rename(columns={"geo_code": "cbsa"}).astype({"cbsa": "string"})


def price_components(
    data: Tables, cbsas: Sequence[str], *, year: int | None = None
) -> pd.DataFrame:
    """BEA price-level components in `year` (default: the latest) for the metros, long format.

    Columns: cbsa, label, component (display name: Goods, Housing (rents), Utilities, Other
    services, plus All items first), index (US = 100). Metros without BEA data are left out.
    """
    year = metros.latest_year(data) if year is None else year
    rows = _metro_parities(data, cbsas)
    rows = rows[rows["year"] == year]
    cols = {"all_items": "All items", **COMPONENTS}
    long = rows[["cbsa", *cols]].melt(id_vars="cbsa", var_name="component", value_name="index")
    long["component"] = long["component"].map(cols)
    long["component"] = pd.Categorical(long["component"], categories=list(cols.values()))
    out = _labelled(long, data, [str(c) for c in cbsas])
    return out.sort_values(["component", "label"], kind="stable", ignore_index=True)[
        ["cbsa", "label", "component", "index"]
    ]


def price_history(
    data: Tables,
    cbsas: Sequence[str],
    *,
    start: int | None = None,
    end: int | None = None,
) -> pd.DataFrame:
    """All-items RPP by year for the metros: cbsa, label, year, all_items (US = 100).

    `start`/`end` default to the first and last years in `parities`. Each year's RPPs compare
    places within that year (US = 100 every year), not one year with another. Years where BEA
    published no value (a metro created later) are left out.
    """
    rows = _metro_parities(data, cbsas)
    start = int(rows["year"].min()) if start is None else start
    end = int(rows["year"].max()) if end is None else end
    rows = rows[(rows["year"] >= start) & (rows["year"] <= end) & rows["all_items"].notna()]
    out = _labelled(rows[["cbsa", "year", "all_items"]], data, [str(c) for c in cbsas])
    return out[["cbsa", "label", "year", "all_items"]].sort_values(
        ["label", "year"], ignore_index=True
    )


def rent_burden(
    data: Tables,
    cbsas: Sequence[str],
    occupation: str = DEFAULT_OCCUPATION,
    *,
    salary: float | None = None,
) -> pd.DataFrame:
    """Share of the occupation's median pay that a HUD Fair Market Rent takes, per metro.

    Columns: cbsa, label, n (OEWS employment), median (USD/yr), median_note, fmr_1 and fmr_2
    (HUD FY2026 monthly rent, 1 and 2 bedrooms), burden_1br = fmr_1 x 12 / median and
    burden_2br = fmr_2 x 12 / median (fractions of gross pay). With `salary` (USD/yr, the same
    gross in every metro) also salary_1br = fmr_1 x 12 / salary and salary_2br. A top-coded
    median leaves the burden NaN (the true share is lower than $FMR x 12 / $239,200). Metros
    without a HUD rent are left out. Sorted by burden_1br, heaviest first.
    """
    table = hubs.compare_hubs(data, occupation, list(cbsas)).table
    rent = data.rents[["cbsa", "fmr_1", "fmr_2"]].astype(
        {"cbsa": "string", "fmr_1": float, "fmr_2": float}
    )
    out = table[["cbsa", "label", "n", "median", "median_note"]].merge(rent, on="cbsa", how="inner")
    if out.empty:
        raise ValueError("HUD publishes no Fair Market Rent for the selected metros.")
    out["burden_1br"] = out["fmr_1"] * 12 / out["median"]
    out["burden_2br"] = out["fmr_2"] * 12 / out["median"]
    if salary is not None:
        value = check_salary(salary)
        out["salary_1br"] = out["fmr_1"] * 12 / value
        out["salary_2br"] = out["fmr_2"] * 12 / value
    return out.sort_values("burden_1br", ascending=False, ignore_index=True)


@dataclass(frozen=True)
class AfterTaxEquivalence:
    """`salary` in metro A carried to metro B so that take-home buys the same (USD/yr).

    take_home_from / take_home_to: after every tax of each place (its state, plus the local
    tax of its main city where the schedule has one: you would live there); jurisdiction_*:
    the schedule codes used; same_after_tax: the gross salary in B with the same take-home
    purchasing power (take-home_B / RPP_B = take-home_A / RPP_A), NaN past the schedule;
    tax_effect: what the change of taxes alone adds to the salary needed (USD), beyond the
    change of prices (`same_power` of `equivalent_salary`).
    """

    salary: float
    jurisdiction_from: str
    jurisdiction_to: str
    take_home_from: float
    take_home_to: float
    same_after_tax: float
    tax_effect: float


def equivalent_after_tax(
    data: Tables, salary: float, from_cbsa: str, to_cbsa: str
) -> AfterTaxEquivalence:
    """Carry `salary` (USD/yr) from metro `from_cbsa` to `to_cbsa` keeping take-home
    purchasing power: moving from California to Texas changes state tax as much as prices.
    Raises ValueError for a place without a tax schedule or price level."""
    from analysis import take_home  # imported here: the page's first chart does not need it

    value = check_salary(salary)
    rpp_a, rpp_b = metros.price_level(data, from_cbsa), metros.price_level(data, to_cbsa)
    for code, rpp in ((from_cbsa, rpp_a), (to_cbsa, rpp_b)):
        if not np.isfinite(rpp):
            raise ValueError(f"BEA publishes no price level for metro {code}.")
    here = {"lives_in_city": True, "works_in_city": True}
    juris_a = take_home.jurisdiction_for(data, from_cbsa, **here)
    juris_b = take_home.jurisdiction_for(data, to_cbsa, **here)
    kept_a = float(take_home.schedule_taxes(data, [value], juris_a)["take_home"].iloc[0])
    target_b = kept_a * rpp_b / rpp_a
    gross_b = take_home.gross_for_take_home(data, target_b, juris_b)
    kept_b = float(target_b) if np.isfinite(gross_b) else float("nan")
    power = same_purchasing_power(value, rpp_a, rpp_b)
    return AfterTaxEquivalence(
        salary=value,
        jurisdiction_from=juris_a,
        jurisdiction_to=juris_b,
        take_home_from=kept_a,
        take_home_to=kept_b,
        same_after_tax=gross_b,
        tax_effect=gross_b - power if np.isfinite(gross_b) else float("nan"),
    )
