"""Cached analysis calls for the pages, keyed by plain widget values (never by DataFrames).

Each function reads the tables it needs itself (ui.data.require) and calls the analysis
function unchanged, so a rerun with the same filters skips the pandas work: st.cache_data
then only unpickles the small result. Tests clear st.cache_data between runs (conftest).
Sequences arrive as tuples so they hash; the order is kept, as the pages pass it.

The other analysis modules are imported inside the functions that use them: they pull in
scipy (~0.4 s), which the Tech hubs and Industries pages do not otherwise need at start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from analysis import hubs, industries
from analysis.hubs import HubComparison
from ui.data import require, table

if TYPE_CHECKING:
    from analysis import living, offers, overview

SMALL = 8  # option lists and other per-table values: one entry each in practice
MANY = 64  # per-selection results


@st.cache_data(max_entries=SMALL, show_spinner=False)
def occupation_options() -> pd.DataFrame:
    """hubs.occupation_options on the wages table (occ_code, occ_title)."""
    return hubs.occupation_options(require("wages"))


@st.cache_data(max_entries=MANY, show_spinner=False)
def metro_options(occ: str) -> pd.DataFrame:
    """hubs.metro_options: metros with published wages for `occ` (cbsa, label)."""
    return hubs.metro_options(require("wages"), require("metros"), occ)


@st.cache_data(max_entries=SMALL, show_spinner=False)
def metro_names() -> pd.DataFrame:
    """hubs.metro_names on the metros table (cbsa, label)."""
    return hubs.metro_names(require("metros"))


@st.cache_data(max_entries=SMALL, show_spinner=False)
def hub_names() -> dict[str, str]:
    """hubs.hub_names: the default hubs' cbsa -> label."""
    return hubs.hub_names(require("metros"))


@st.cache_data(max_entries=SMALL, show_spinner=False)
def duplicate_share() -> float:
    """trends.duplicate_share of the salary index (0-1)."""
    from analysis import trends

    return trends.duplicate_share(require("salaries"))


# Tech hubs


@st.cache_data(max_entries=MANY, show_spinner=False)
def compare_hubs(occ: str, cbsas: tuple[str, ...]) -> HubComparison:
    """hubs.compare_hubs for `occ` in `cbsas`."""
    return hubs.compare_hubs(
        require("wages"),
        require("metros"),
        require("price_parities"),
        occupation=occ,
        cbsas=list(cbsas),
    )


@st.cache_data(max_entries=MANY, show_spinner=False)
def all_metros_for_map(occ: str) -> pd.DataFrame:
    """hubs.all_metros_for_map: every metro with published `occ` wages and its price level."""
    return hubs.all_metros_for_map(
        require("wages"), require("metros"), require("price_parities"), occupation=occ
    )


@st.cache_data(max_entries=MANY, show_spinner=False)
def national_median(occ: str) -> float:
    """hubs.national_median: the US annual median wage for `occ` (USD)."""
    return hubs.national_median(require("wages"), occ)


# Cost of living


@st.cache_data(max_entries=MANY, show_spinner=False)
def equivalent_salary(salary: float, origin: str, target: str, occ: str) -> living.Equivalence:
    """living.equivalent_salary: `salary` (USD/yr) in `origin` carried to `target`."""
    from analysis import living

    return living.equivalent_salary(
        salary,
        origin,
        target,
        require("wages"),
        require("metros"),
        require("price_parities"),
        occupation=occ,
    )


@st.cache_data(max_entries=MANY, show_spinner=False)
def living_views(
    cbsas: tuple[str, ...], occ: str, salary: float
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """living.price_components, price_history and rent_burden (with `salary`, USD/yr) for
    `cbsas`."""
    from analysis import living

    wages, metros = require("wages"), require("metros")
    parities, rents = require("price_parities"), require("rents")
    selected = list(cbsas)
    return (
        living.price_components(parities, metros, selected),
        living.price_history(parities, metros, selected),
        living.rent_burden(wages, metros, parities, rents, selected, occupation=occ, salary=salary),
    )


# Offer check


@st.cache_data(max_entries=SMALL, show_spinner=False)
def offer_choices() -> tuple[list[str], list[str]]:
    """Tracks (without "Other") and specializations ("Any" first, without "General")."""
    salaries = require("salaries")
    tracks = sorted(t for t in salaries["track"].dropna().unique() if t != "Other")
    specs = sorted(s for s in salaries["specialization"].dropna().unique() if s != "General")
    return tracks, ["Any", *specs]


@st.cache_data(max_entries=MANY, show_spinner=False)
def default_base(cbsa: str, occ: str) -> float:
    """offers.default_base: the starting base salary for `occ` in `cbsa` (USD/yr)."""
    from analysis import offers

    return offers.default_base(require("wages"), cbsa, occ)


@st.cache_data(max_entries=MANY, show_spinner=False)
def check_offer(
    occ: str,
    cbsa: str,
    level: str,
    track: str,
    base: float,
    bonus: float,
    equity: float,
    sign_on: float,
    specialization: str,
    remote: bool,
    keep_dups: bool = False,
) -> offers.OfferCheck:
    """offers.check_offer for one offer (amounts in USD/yr; sign_on once); exact duplicate
    salary records dropped unless `keep_dups`."""
    from analysis import offers

    return offers.check_offer(
        require("wages"),
        require("salaries"),
        occ=occ,
        cbsa=cbsa,
        level=level,
        track=track,
        base=base,
        bonus=bonus,
        equity=equity,
        sign_on=sign_on,
        specialization=specialization,
        remote=remote,
        drop_duplicates=not keep_dups,
    )


@st.cache_data(max_entries=MANY, show_spinner=False)
def after_tax(gross: float, jurisdiction: str) -> offers.AfterTax:
    """offers.after_tax of `gross` (USD/yr) in `jurisdiction`; raises load.DataUnavailable."""
    from analysis import offers

    return offers.after_tax(gross, jurisdiction, require_schedule())


def require_schedule() -> pd.DataFrame:
    """The take-home schedule table (load.DataUnavailable when missing, no st.stop)."""
    return table("take_home")


@st.cache_data(max_entries=MANY, show_spinner=False)
def worth_in_hubs(base: float, cbsa: str, occ: str, nyc: bool, city: bool = False) -> pd.DataFrame:
    """offers.worth_in_hubs: `base` (USD/yr) from `cbsa` carried to the default hubs; `nyc` and
    `city` choose the local taxes (see offers.jurisdiction_for)."""
    from analysis import offers

    return offers.worth_in_hubs(
        base,
        cbsa,
        hubs.DEFAULT_HUBS,
        require("price_parities"),
        require("wages"),
        occ,
        require_schedule(),
        require("metros"),
        nyc=nyc,
        city=city,
    )


# Pay bands


@st.cache_data(max_entries=MANY, show_spinner=False)
def labelled_bands(
    cbsas: tuple[str, ...], occ_codes: tuple[str, ...], target: int | None
) -> pd.DataFrame:
    """bands.labelled_bands for `cbsas` x `occ_codes`, with pay at `target` percentile."""
    from analysis import bands

    return bands.labelled_bands(
        require("wages"),
        require("metros"),
        require("price_parities"),
        list(cbsas),
        list(occ_codes),
        target=target,
    )


@st.cache_data(max_entries=MANY, show_spinner=False)
def talent_pools(cbsas: tuple[str, ...], occ: str) -> pd.DataFrame:
    """bands.talent_pools: jobs and location quotient of `occ` in `cbsas`."""
    from analysis import bands

    return bands.talent_pools(
        require("wages"), require("metros"), require("price_parities"), list(cbsas), occ
    )


# Remote work


@st.cache_data(max_entries=SMALL, show_spinner=False)
def salary_years() -> tuple[list[int], int]:
    """Work years in the salary index (ascending) and the latest full one."""
    from analysis import salary_index

    salaries = require("salaries")
    years = sorted(int(y) for y in salaries["year"].dropna().unique())
    return years, salary_index.latest_full_year(salaries)


@st.cache_data(max_entries=MANY, show_spinner="Bootstrapping the remote premium…")
def pay_by_remote(
    level: str | None, year: int | None, country: str | None, keep_dups: bool
) -> pd.DataFrame:
    """remote.pay_by_remote (with its bootstrap premium interval) for one selection."""
    from analysis import remote

    return remote.pay_by_remote(
        require("salaries"), level, year, country, drop_duplicates=not keep_dups
    )


@st.cache_data(max_entries=MANY, show_spinner=False)
def remote_share(country: str | None, keep_dups: bool) -> pd.DataFrame:
    """remote.remote_share of the salary index per year (`country` None = all countries)."""
    from analysis import remote

    return remote.remote_share(require("salaries"), country, drop_duplicates=not keep_dups)


@st.cache_data(max_entries=MANY, show_spinner=False)
def hq_median(hq: str) -> float:
    """remote.hq_median: the BLS median for the default occupation in `hq` (USD/yr)."""
    from analysis import remote

    return remote.hq_median(require("wages"), hq)


@st.cache_data(max_entries=MANY, show_spinner=False)
def geo_policy(
    salary: float, hq: str, tier1_min: float, tier2_min: float, tier2_pay: float, tier3_pay: float
) -> pd.DataFrame:
    """remote.geo_policy for an HQ `salary` (USD/yr); tier arguments as in remote.Tiers."""
    from analysis import remote

    tiers = remote.Tiers(
        tier1_min=tier1_min, tier2_min=tier2_min, tier2_pay=tier2_pay, tier3_pay=tier3_pay
    )
    return remote.geo_policy(require("price_parities"), salary, hub_names(), hq, tiers)


# Trends


@st.cache_data(max_entries=MANY, show_spinner="Reweighting each year…")
def trend(level: str | None, group: str, keep_dups: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """trends.adjusted_trend and trends.composition for one level / country group."""
    from analysis import trends

    salaries = require("salaries")
    options = {"country_group": group, "drop_duplicates": not keep_dups}
    return (
        trends.adjusted_trend(salaries, level, **options),
        trends.composition(salaries, level=level, **options),
    )


# Overview


@st.cache_data(max_entries=SMALL, show_spinner=False)
def overview_figures() -> tuple[pd.DataFrame, overview.Headline, int]:
    """overview.national_medians, overview.headline and the salary index's record count."""
    from analysis import overview

    wages, salaries = require("wages"), require("salaries")
    head = overview.headline(wages, require("metros"), require("price_parities"), salaries)
    return overview.national_medians(wages), head, len(salaries)


# Industries


@st.cache_data(max_entries=SMALL, show_spinner=False)
def industry_occupations() -> pd.DataFrame:
    """industries.occupations on the wages table (occ_code, occ_title)."""
    return industries.occupations(require("wages"))


@st.cache_data(max_entries=MANY, show_spinner=False)
def national_total(occ: str) -> pd.Series:
    """industries.national_total: the all-industries US row for `occ`."""
    return industries.national_total(require("wages"), occ)


@st.cache_data(max_entries=MANY, show_spinner=False)
def industry_view(occ: str, depth: int | None) -> pd.DataFrame:
    """industries.industry_groups (depth None) or industry_detail at `depth` for `occ`."""
    wages = require("wages")
    if depth is None:
        return industries.industry_groups(wages, occ_code=occ)
    return industries.industry_detail(wages, occ_code=occ, depth=depth)


# Career levels


@st.cache_data(max_entries=MANY, show_spinner="Computing level medians…")
def progression(tracks: tuple[str, ...], country: str | None, keep_dups: bool) -> pd.DataFrame:
    """levels.progression for `tracks` at companies in `country` (None = all countries)."""
    from analysis import levels

    return levels.progression(
        require("salaries"), list(tracks), country, drop_duplicates=not keep_dups
    )


@st.cache_data(max_entries=SMALL, show_spinner="Fitting the experience curve…")
def experience(ai_ml_only: bool, us_only: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """levels.experience_curve: survey bins and smooth fit per survey year."""
    from analysis import levels

    return levels.experience_curve(require("survey"), ai_ml_only=ai_ml_only, us_only=us_only)


@st.cache_data(max_entries=MANY, show_spinner=False)
def market_spread(occ: str) -> pd.DataFrame:
    """levels.market_spread: the BLS percentile ladder of `occ`, all US employers."""
    from analysis import levels

    return levels.market_spread(require("wages"), occ)


# Specializations


@st.cache_data(max_entries=MANY, show_spinner="Comparing specializations…")
def specialization_premiums(
    baseline: str, tracks: tuple[str, ...], keep_dups: bool
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """specialties.raw_premiums, adjusted_premiums (same records) and premium_comparison."""
    from analysis import specialties

    salaries = require("salaries")
    options = {"baseline": baseline, "tracks": tracks, "drop_duplicates": not keep_dups}
    raw = specialties.raw_premiums(salaries, **options)
    adjusted = specialties.adjusted_premiums(salaries, **options)
    return raw, adjusted, specialties.premium_comparison(raw, adjusted)


@st.cache_data(max_entries=SMALL, show_spinner=False)
def tool_premiums(tool_list: str) -> pd.DataFrame:
    """specialties.tool_premiums for one of specialties.TOOL_LISTS (key 'ml', 'cloud', ...)."""
    from analysis import specialties

    chosen = specialties.TOOL_LISTS[tool_list]
    return specialties.tool_premiums(require("survey"), column=chosen.column, items=chosen.items)
