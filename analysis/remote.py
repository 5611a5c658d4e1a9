"""What remote work does to pay, and what a company's geo-pay policy does to a hire's money.

- `pay_by_remote`: aijobs.net pay by remote ratio (0 = on-site, 50 = hybrid, 100 = fully
  remote) by level, with n, intervals and the premium vs on-site with a bootstrap interval.
  Pool one year at a time: from 2024 the index is mostly US job listings, so pooling years
  mixes that change of sample into the comparison.
- `remote_share`: the share of fully-remote records per year with a Wilson interval.
- Both filter records with analysis.filters.filter_records ("US" = company_country;
  exact duplicates dropped by default; the AI and data tracks, not generic software titles,
  by default).
- `geo_policy`: a geo-pay simulator. Given an HQ salary and a set of hub metros, the pay and
  purchasing power (pay / (RPP / 100), in national-average dollars) in each hub under three
  common policies: one national rate, tiered zones by price level, a full cost-of-living
  adjustment. Price levels are BEA Regional Price Parities (all items, US = 100).

All pay is annual USD. Nothing here imports streamlit; nothing mutates its inputs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from analysis import metros, stats, taxonomy
from analysis.data import Tables
from analysis.filters import LEVELS, PARTIAL_YEARS, US, filter_records
from analysis.wages import DEFAULT_OCCUPATION, PLACES, cross_industry

ARRANGEMENTS: dict[int, str] = {0: "On-site", 50: "Hybrid", 100: "Fully remote"}
DEFAULT_HQ = "41860"
POLICIES: tuple[str, ...] = ("National rate", "Tiered zones", "Full cost-of-living")


@dataclass(frozen=True)
class Tiers:
    """Tiered-zone policy: a hub's tier from its RPP (all items), and each tier's pay share.

    Tier 1 when RPP >= tier1_min, tier 2 when RPP >= tier2_min, else tier 3. The defaults
    (108 and 98; 100% / 90% / 80%) are illustrative round numbers in the style companies
    publish, chosen so the ten default hubs fall into all three tiers; they are inputs on
    the page, not data.
    """

    tier1_min: float = 108.0
    tier2_min: float = 98.0
    tier1_pay: float = 1.0
    tier2_pay: float = 0.9
    tier3_pay: float = 0.8

    def tier(self, rpp: float) -> int:
        """The tier (1, 2 or 3) of a hub with price level `rpp`."""
        if rpp >= self.tier1_min:
            return 1
        if rpp >= self.tier2_min:
            return 2
        return 3

    def share(self, tier: int) -> float:
        """The share of the HQ salary paid in `tier`."""
        return {1: self.tier1_pay, 2: self.tier2_pay, 3: self.tier3_pay}[tier]


def ordered_tiers(tiers: Tiers) -> tuple[Tiers, tuple[str, ...]]:
    """`tiers` in a valid order, and a sentence for each pair that was out of it.

    Tier 1 starts at a price level no lower than tier 2's (equal: tier 2 is empty, a two-zone
    policy), and tier 2 is paid no less than tier 3. A pair out of order is read the other way
    round (both numbers kept), as each sentence says.
    """
    said = []
    if tiers.tier1_min < tiers.tier2_min:
        low, high = tiers.tier1_min, tiers.tier2_min
        said.append(
            f"Tier 1 starts at price level {low:g}, below tier 2's {high:g}: read in order "
            f"instead, tier 1 from {high:g} and tier 2 from {low:g}."
        )
        tiers = replace(tiers, tier1_min=high, tier2_min=low)
    if tiers.tier2_pay < tiers.tier3_pay:
        low, high = tiers.tier2_pay, tiers.tier3_pay
        said.append(
            f"Tier 2 pays {low:.0%} of the HQ salary, less than tier 3's {high:.0%}: read in "
            f"order instead, tier 2 at {high:.0%} and tier 3 at {low:.0%}."
        )
        tiers = replace(tiers, tier2_pay=high, tier3_pay=low)
    return tiers, tuple(said)


AI_DATA_TRACKS: tuple[str, ...] = tuple(t for t in taxonomy.TRACKS if t != "Other")
"""The tracks the page's "AI and data jobs" hold: every track but Other (generic software,
consulting and product titles)."""


def _records(
    salaries: pd.DataFrame,
    *,
    country: str | None,
    tracks: Sequence[str] | None = AI_DATA_TRACKS,
    full_time_only: bool,
    drop_duplicates: bool,
) -> pd.DataFrame:
    """year, level, remote_ratio, arrangement, salary_usd of the kept rows (a new frame)."""
    rows = filter_records(
        salaries,
        country=country,
        tracks=tracks,
        levels=None,
        full_time_only=full_time_only,
        drop_duplicates=drop_duplicates,
        columns=["year", "level", "remote_ratio", "salary_usd"],
    )
    frame = pd.DataFrame(
        {
            "year": rows["year"].astype("int64").to_numpy(),
            "level": rows["level"].astype(str).to_numpy(),
            "remote_ratio": rows["remote_ratio"].astype("int64").to_numpy(),
            "salary_usd": rows["salary_usd"].to_numpy(dtype=float),
        }
    )
    out = frame.loc[frame["remote_ratio"].isin(list(ARRANGEMENTS))].reset_index(drop=True)
    out["arrangement"] = out["remote_ratio"].map(ARRANGEMENTS)
    return out


def pay_by_remote(
    data: Tables,
    level: str | None = None,
    year: int | None = None,
    country: str | None = US,
    *,
    tracks: Sequence[str] | None = AI_DATA_TRACKS,
    full_time_only: bool = True,
    drop_duplicates: bool = True,
    n_boot: int = 400,
    seed: int = stats.DEFAULT_SEED,
) -> pd.DataFrame:
    """Median pay by level and work arrangement (On-site / Hybrid / Fully remote).

    Inputs: `level` one of LEVELS or None for every level; `year` a work year or None for
    all pooled (mixes the 2024 change of sample into the comparison: prefer one year);
    `country` ISO-2 company country or None for all; `drop_duplicates` (default True) drops
    exact duplicate records. Output: level, arrangement, remote_ratio, n, p25, median, p75,
    ci_low, ci_high (order-statistic 95% interval), status, premium (median / the same
    level's on-site median; NaN where either is hidden), premium_low, premium_high (seeded
    percentile-bootstrap 95% interval of that ratio, `n_boot` resamples of each group; NaN on
    the on-site rows, the reference, whose premium is exactly 1).
    Rows in level order, then On-site, Hybrid, Fully remote; a level x arrangement with no
    record at all has no row. USD per year.
    """
    if level is not None and level not in LEVELS:
        raise ValueError(f"Unknown level {level!r}; use one of {', '.join(LEVELS)}.")
    frame = _records(
        data.salaries,
        country=country,
        tracks=tracks,
        full_time_only=full_time_only,
        drop_duplicates=drop_duplicates,
    )
    if level is not None:
        frame = frame.loc[frame["level"] == level]
    if year is not None:
        frame = frame.loc[frame["year"] == year]
    frame = frame.loc[frame["level"].isin(LEVELS)]
    if frame.empty:
        raise ValueError("No salaries match this selection; choose another level, year or country.")
    out = stats.summarize(frame, ["level", "remote_ratio"], "salary_usd")
    out = out.drop(columns=["p10", "p90"])
    out.insert(1, "arrangement", out["remote_ratio"].map(ARRANGEMENTS))
    out["_order"] = out["level"].map({lv: i for i, lv in enumerate(LEVELS)})
    out = out.sort_values(["_order", "remote_ratio"]).drop(columns="_order")
    out = out.reset_index(drop=True)
    shown = out.loc[out["status"] != "hidden"]
    onsite = shown.loc[shown["remote_ratio"] == 0].set_index("level")["median"]
    out["premium"] = out["median"] / out["level"].map(onsite)
    values = {
        key: g.to_numpy(dtype=float)
        for key, g in frame.groupby(["level", "remote_ratio"])["salary_usd"]
    }
    low, high = [], []
    for _, row in out.iterrows():
        if pd.isna(row["premium"]) or row["remote_ratio"] == 0:  # on-site: the reference
            low.append(np.nan)
            high.append(np.nan)
            continue
        lo, hi = stats.ratio_interval(
            values[(row["level"], row["remote_ratio"])],
            values[(row["level"], 0)],
            n_boot=n_boot,
            seed=seed,
        )
        low.append(lo)
        high.append(hi)
    out["premium_low"] = low
    out["premium_high"] = high
    return out


def remote_share(
    data: Tables,
    country: str | None = US,
    *,
    tracks: Sequence[str] | None = AI_DATA_TRACKS,
    full_time_only: bool = True,
    drop_duplicates: bool = True,
) -> pd.DataFrame:
    """Share of records that are fully remote (remote_ratio 100), per work year.

    Same population as `pay_by_remote` by default (US companies, full-time, exact
    duplicates dropped); `country` None = every country. Output: year, n, n_remote,
    share (0..1), ci_low, ci_high (95% Wilson interval), status, partial (years the
    snapshot covers in part).
    """
    frame = _records(
        data.salaries,
        country=country,
        tracks=tracks,
        full_time_only=full_time_only,
        drop_duplicates=drop_duplicates,
    )
    if frame.empty:
        raise ValueError("No salaries match this selection.")
    grouped = frame.assign(remote=frame["remote_ratio"] == 100).groupby("year")["remote"]
    out = pd.DataFrame({"n": grouped.size(), "n_remote": grouped.sum()}).reset_index()
    out["n"] = out["n"].astype("int64")
    out["n_remote"] = out["n_remote"].astype("int64")
    out["share"] = out["n_remote"] / out["n"]
    from statsmodels.stats.proportion import proportion_confint  # heavy: import on first use

    low, high = proportion_confint(out["n_remote"], out["n"], alpha=0.05, method="wilson")
    out["ci_low"] = np.asarray(low, dtype=float)
    out["ci_high"] = np.asarray(high, dtype=float)
    out["status"] = out["n"].map(stats.sample_status)
    out["partial"] = out["year"].isin(PARTIAL_YEARS)
    return out


def hq_median(data: Tables, hq_cbsa: str = DEFAULT_HQ, occ: str = DEFAULT_OCCUPATION) -> float:
    """The OEWS annual median wage of `occ` in metro `hq_cbsa` (cross-industry), USD.

    Raises ValueError when BLS does not publish it (not released or top-coded: a top-coded
    median is only known to be at least $239,200, so it cannot be a default salary).
    """
    rows = cross_industry(data.wages, occ, PLACES)
    rows = rows[rows["cbsa"] == hq_cbsa]
    if rows.empty or pd.isna(rows.iloc[0]["a_median"]):
        note = "" if rows.empty else rows.iloc[0].get("a_median_note")
        reason = f" ({note})" if isinstance(note, str) and note else ""
        raise ValueError(
            f"BLS publishes no median for occupation {occ} in this metro{reason}; "
            "type the HQ salary instead."
        )
    return float(rows.iloc[0]["a_median"])


def hub_parities(data: Tables, hubs: Mapping[str, str], year: int | None = None) -> pd.DataFrame:
    """cbsa, hub, rpp (all items, US = 100) for each hub in `hubs` (CBSA -> name), in order.

    `year` defaults to the latest year BEA publishes. Raises ValueError naming hubs BEA has
    no price level for.
    """
    year = metros.latest_year(data) if year is None else year
    levels = metros.price_levels(data, year)
    rpp = dict(zip(levels["cbsa"].astype(str), levels["rpp"].astype(float), strict=True))
    missing = [name for code, name in hubs.items() if code not in rpp]
    if missing:
        raise ValueError(f"BEA publishes no {year} price level for: {', '.join(missing)}.")
    return pd.DataFrame(
        {
            "cbsa": list(hubs),
            "hub": list(hubs.values()),
            "rpp": [rpp[code] for code in hubs],
        }
    )


def geo_policy(
    data: Tables,
    hq_salary: float,
    hq_cbsa: str = DEFAULT_HQ,
    tiers: Tiers | None = None,
    *,
    hubs: Sequence[str] = metros.DEFAULT_HUBS,
    year: int | None = None,
    policies: Sequence[str] = POLICIES,
) -> pd.DataFrame:
    """Pay and purchasing power in each hub under each geo-pay policy.

    Inputs: `hq_salary` annual USD paid at the HQ; `hq_cbsa` the HQ metro (its RPP anchors
    the full cost-of-living policy); `tiers` the tiered-zone parameters; `hubs` the CBSA codes
    of the hubs (named as `metros.hub_names`). Price levels: BEA, the latest year.

    Policies: "National rate" pays every hub the HQ salary; "Tiered zones" pays
    HQ salary x the hub's tier share (tier from the hub's RPP); "Full cost-of-living" pays
    HQ salary x RPP_hub / RPP_HQ. Output (tidy, hub x policy): cbsa, hub, rpp, tier,
    policy, pay (USD/yr), purchasing_power (pay / (rpp / 100): USD/yr at US-average
    prices), pay_vs_hq (pay / hq_salary).
    """
    if not np.isfinite(hq_salary) or hq_salary <= 0:
        raise ValueError("The HQ salary must be a positive amount.")
    tiers = tiers or Tiers()
    if tiers.tier1_min < tiers.tier2_min or tiers.tier2_pay < tiers.tier3_pay:
        raise ValueError(
            "Put the tiers in order: tier 1's price threshold at or above tier 2's, and tier "
            "2's pay share at or above tier 3's."
        )
    names = metros.hub_names(data, list(hubs))
    if not names:
        raise ValueError("Choose at least one hub.")
    hq_name = metros.hub_names(data, [hq_cbsa]).get(hq_cbsa, "HQ")
    table = hub_parities(data, {**names, hq_cbsa: names.get(hq_cbsa, hq_name)}, year)
    hq_rpp = float(table.loc[table["cbsa"] == hq_cbsa, "rpp"].iloc[0])
    table = table.loc[table["cbsa"].isin(names)].drop_duplicates("cbsa")
    table["tier"] = table["rpp"].map(tiers.tier).astype("int64")
    pays = {
        "National rate": lambda row: hq_salary,
        "Tiered zones": lambda row: hq_salary * tiers.share(row["tier"]),
        "Full cost-of-living": lambda row: hq_salary * row["rpp"] / hq_rpp,
    }
    rows = []
    for policy in policies:
        if policy not in pays:
            raise ValueError(f"Unknown policy {policy!r}; use one of {', '.join(POLICIES)}.")
        for _, row in table.iterrows():
            pay = float(pays[policy](row))
            power = pay / (row["rpp"] / 100)
            if policy == "Full cost-of-living":
                # Algebraically pay / (rpp / 100) == HQ salary at HQ prices for every hub;
                # computed that way so rounding cannot make equal purchasing power differ.
                power = hq_salary / (hq_rpp / 100)
            rows.append(
                {
                    "cbsa": row["cbsa"],
                    "hub": row["hub"],
                    "rpp": row["rpp"],
                    "tier": row["tier"],
                    "policy": policy,
                    "pay": pay,
                    "purchasing_power": power,
                    "pay_vs_hq": pay / hq_salary,
                }
            )
    return pd.DataFrame(rows)


def policy_table(
    data: Tables,
    hq_salary: float,
    hq_cbsa: str = DEFAULT_HQ,
    tiers: Tiers | None = None,
    measure: str = "pay",
) -> pd.DataFrame:
    """`geo_policy` widened for reading: one row per hub, one column per policy.

    `measure` is "pay" or "purchasing_power" (USD/yr). Output: hub, rpp, tier, then one
    column per policy in POLICIES order holding `measure`; hubs in the default hubs' order.
    """
    if measure not in ("pay", "purchasing_power"):
        raise ValueError(f"Unknown measure {measure!r}; use 'pay' or 'purchasing_power'.")
    sim = geo_policy(data, hq_salary, hq_cbsa, tiers)
    hubs = sim.drop_duplicates("hub")[["hub", "rpp", "tier"]].reset_index(drop=True)
    wide = sim.pivot(index="hub", columns="policy", values=measure)
    present = [p for p in POLICIES if p in wide.columns]
    return hubs.join(wide[present], on="hub")
