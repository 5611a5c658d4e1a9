"""Self-contained blocks of a page: a heading, its inputs or table, caption and download.

Each function draws one section in place, in the same order and with the same widget keys the
page used before, so moving a block here changes nothing the visitor sees or the URL holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st

from analysis import bands, hubs, stats
from ui import cached, columns, layout, state
from ui.charts import bands as band_charts
from ui.charts import levels as levels_charts
from ui.charts import offers as offer_charts
from ui.charts import remote as remote_charts

if TYPE_CHECKING:
    from analysis import offers


DUPLICATES_HELP = (
    "Off (default): records that repeat another exactly (mostly re-posted job listings) are "
    "dropped, so they do not inflate n or narrow the intervals."
)


def occupation_titles() -> dict[str, str]:
    """BLS occupation code -> title, for every occupation the wages table covers."""
    occs = cached.occupation_options()
    return dict(zip(occs["occ_code"], occs["occ_title"], strict=True))


def occupation_choice(page: str, titles: dict[str, str], label: str = "Occupation") -> str:
    """The URL-bound occupation picker (param `occ`, default Data Scientists 15-2051)."""
    return state.choice(
        label,
        list(titles),
        page=page,
        param="occ",
        default=hubs.OCCUPATION,
        format_func=lambda c: f"{titles[c]} ({c})",
    )


def keep_duplicates(page: str) -> bool:
    """The URL-bound 'Keep exact duplicates' toggle (param `dups`, off by default)."""
    return state.toggle(
        "Keep exact duplicates", page=page, param="dups", default=False, help=DUPLICATES_HELP
    )


def regional_band(table: pd.DataFrame, pct_names: tuple[str, ...]) -> None:
    """Pay bands: the employment-weighted band per occupation over the chosen metros.

    `table` is the market-bands table (one row per metro × occupation, BLS percentiles in
    dollars a year); `pct_names` head the percentile columns.
    """
    st.subheader("Regional band (employment-weighted, approximate)")
    regional = bands.regional_band(table)
    st.dataframe(
        regional.drop(columns="occ_code"),
        hide_index=True,
        placeholder="—",
        column_config=columns.regional_band(bands.PCT_COLUMNS, pct_names),
    )
    excluded = int(regional["n_excluded"].sum())
    layout.source_caption(
        layout.OEWS,
        n=int(regional["tot_emp"].sum()),
        note="an approximation: the employment-weighted average of each metro's percentiles, "
        "not the pooled percentile (BLS does not publish one) · "
        + (
            f"{excluded} metro(s) left out of at least one average: a percentile top-coded or "
            "not released, or jobs not released (no weight)"
            if excluded
            else "no metro left out"
        ),
    )
    layout.download(regional, "regional_band.csv", key="pay_bands_regional_csv")


def talent_map(cbsas: tuple[str, ...], occ: str, occ_title: str) -> None:
    """Pay bands: a bubble map of jobs and location quotients for `occ` in the `cbsas` metros."""
    st.subheader("Where the talent is")
    points = cached.talent_pools(cbsas, occ)
    layout.chart(band_charts.talent_map(points), key="pay_bands_map")
    layout.source_caption(
        layout.OEWS,
        n=int(points["tot_emp"].sum()),
        note=f"{occ_title} in {len(points)} metros of the region where BLS publishes "
        "jobs (with or without a median: the Tech hubs map counts only metros with a published "
        "median) · bubble = jobs, colour = location quotient (1 = the US share)",
    )


def band_upload(
    table: pd.DataFrame,
    wages: pd.DataFrame,
    metros: pd.DataFrame,
    parities: pd.DataFrame,
    occ: str,
) -> None:
    """Pay bands: a template to download, an upload of the visitor's bands, and the comparison.

    `table` (the market bands shown above) seeds the template with real BLS rows; `occ` is the
    SOC code used for rows that name none. A bad file is named in a warning, row and column.
    """
    st.subheader("Check your own bands")
    st.caption(
        "A CSV (UTF-8, up to 1 MB) with columns role, metro, min, mid, max — role an SOC code "
        "such as 15-2051 (else the first occupation above), metro a CBSA code or a name like "
        "San Jose, CA. The template's rows are real: the BLS 25th percentile, median and 75th "
        "percentile of the first metros above."
    )
    st.download_button(
        "Download a template CSV",
        bands.upload_template(table),
        file_name="pay_bands_template.csv",
        mime="text/csv",
        key="pay_bands_template",
        icon=":material/download:",
        on_click="ignore",
    )
    upload = st.file_uploader("Your pay bands (CSV)", type=["csv"], key="pay_bands_upload")
    if upload is None:
        return
    try:
        mine = bands.parse_upload(upload.getvalue(), metros)
        gaps = bands.compare_upload(mine, wages, metros, parities, occ)
    except bands.UploadError as err:
        st.warning(str(err), icon=":material/warning:")
        return
    layout.chart(band_charts.upload_gaps(gaps), key="pay_bands_gaps")
    layout.source_caption(
        layout.OEWS, n=len(gaps), note="gap = your band mid − the metro's BLS median"
    )
    st.dataframe(
        gaps[columns.UPLOAD_GAPS_SHOWN],
        hide_index=True,
        placeholder="—",
        column_config=columns.upload_gaps(),
    )
    layout.download(gaps, "bands_vs_market.csv", key="pay_bands_gaps_csv")


def tier_parameters(page: str) -> tuple[float, float, int, int]:
    """Remote: the tiered-zone policy's inputs, in an expander, bound to the URL.

    Returns (tier 1 price level, tier 2 price level, tier 2 pay %, tier 3 pay %): price levels
    on the BEA scale (US = 100), pay as a percentage of the HQ salary.
    """
    with st.expander("Tiered-zone parameters (illustrative inputs, not data)"):
        st.caption(
            "Companies publish their own zones; these round numbers only illustrate how a "
            "tiered policy works. A hub's tier comes from its BEA price level (US = 100)."
        )
        t1, t2, t3, t4 = st.columns(4)
        limits: dict[str, Any] = {"min_value": 80.0, "max_value": 130.0, "step": 1.0, "page": page}
        with t1:
            tier1 = state.number("Tier 1 if price level ≥", param="t1", default=108.0, **limits)
        with t2:
            tier2 = state.number("Tier 2 if price level ≥", param="t2", default=98.0, **limits)
        shares: dict[str, Any] = {"min_value": 50, "max_value": 100, "step": 5, "page": page}
        with t3:
            pay2 = state.number("Tier 2 pay (% of HQ)", param="p2", default=90, **shares)
        with t4:
            pay3 = state.number("Tier 3 pay (% of HQ)", param="p3", default=80, **shares)
    return tier1, tier2, pay2, pay3


def remote_share(share: pd.DataFrame, population: str, dup_note: str) -> None:
    """Remote: the share of fully-remote records per year, with its 95% interval.

    `population` and `dup_note` repeat, in the caption, the filters the page applied.
    """
    st.subheader("How common is fully-remote work?")
    layout.chart(remote_charts.remote_share(share), key="remote_share")
    layout.source_caption(
        layout.AIJOBS,
        n=int(share["n"].sum()),
        note=f"{population} · band: 95% Wilson interval · shaded 2024: the index switched to "
        "mostly US job listings, so the change is partly who is sampled · 2025 = early January "
        f"only · {dup_note}",
    )


def hq_default_salary(hq: str, hq_name: str, occ_title: str) -> tuple[float, str]:
    """Remote: the simulator's starting HQ salary (dollars a year) and a sentence saying why.

    The BLS median for the default occupation in the HQ metro; where BLS publishes none, the
    US median, with a warning so the visitor knows to type their own salary.
    """
    from analysis import remote

    try:
        salary = cached.hq_median(hq)
        explain = f"Default: the BLS median for {occ_title} in {hq_name}, "
        explain += f"{layout.money(salary)} ({layout.OEWS})."
    except ValueError as err:  # not published there: the visitor types a salary instead
        salary = cached.national_median(remote.DEFAULT_OCC)
        st.warning(f"{err} Starting from the US median, {layout.money(salary)}.")
        explain = f"Default: the US median for {occ_title}, {layout.money(salary)}."
    return salary, explain


def geo_policy(
    sim: pd.DataFrame,
    measure: str,
    measure_label: str,
    salary: float,
    hq_name: str,
    tiers: tuple[float, float],
) -> None:
    """Remote: the geo-pay simulation as a chart, a table per hub, and a CSV.

    `sim` is the simulation (one row per hub × policy); `measure` the column shown ("pay" or
    "purchasing_power") and `measure_label` its name; `salary` the HQ salary in dollars a
    year; `tiers` the tier-1 and tier-2 price-level thresholds (US = 100).
    """
    from analysis import remote

    layout.chart(remote_charts.policies(sim, measure, salary), key="remote_policy")
    layout.source_caption(
        layout.RPP,
        note=f"HQ {hq_name} at {layout.money(salary)} · purchasing power = pay ÷ "
        "(price level / 100), in US-average dollars · national rate: everyone gets the HQ "
        "salary; full cost-of-living: HQ salary × hub price level ÷ HQ price level · tier "
        f"thresholds ({tiers[0]:g} / {tiers[1]:g}) and shares are illustrative inputs, not data",
    )
    st.dataframe(
        remote.policy_table(sim, measure),
        hide_index=True,
        placeholder="—",
        column_config=columns.geo_policy(remote.POLICIES, measure_label.lower()),
    )
    layout.download(sim, "remote_geo_policy.csv", key="remote_dl_policy")


def offer_extras(page: str, usd: dict[str, Any]) -> tuple[float, float, float]:
    """Offer check: bonus, equity per year and sign-on inputs (dollars), bound to the URL.

    `usd` holds the number-input limits shared by the page's dollar inputs.
    """
    st.subheader("Bonus, equity and sign-on")
    c1, c2, c3 = st.columns(3)
    with c1:
        bonus = state.number("Annual bonus ($)", param="bonus", default=0.0, **usd)
    with c2:
        equity = state.number("Equity per year ($)", param="equity", default=0.0, **usd)
    with c3:
        sign_on = state.number("Sign-on bonus ($)", param="signon", default=0.0, **usd)
    return bonus, equity, sign_on


def offer_answers(check: offers.OfferCheck, where: str, low: float, high: float) -> None:
    """Offer check: the three answer tiles (BLS percentile, salary-index percentile, ask).

    `where` names the metro (or the area BLS fell back to); `low`–`high` is the ask in dollars.
    """
    from analysis import offers

    market, index, ask = check.market, check.index, check.ask
    if check.fallback:
        st.info(check.fallback, icon=":material/info:")
    m1, m2, m3 = st.columns(3)
    m1.metric(
        f"BLS percentile, {where}",
        stats.short_label(market.position),
        border=True,
        help=f"The base is {market.label} for {market.occ_title}.",
    )
    m2.metric(
        f"Salary-index percentile (n = {index.n:,})",
        border=True,
        value=offers.short_percentile(index.percentile),
        help=f"{index.scope} ({index.status}).",
    )
    m3.metric(
        "Base to ask for", f"${low / 1e3:,.0f}k – ${high / 1e3:,.0f}k", border=True, help=ask.basis
    )
    st.markdown(
        f"**Your base of {layout.money(check.offer.base)} is {market.label}** for "
        f"{market.occ_title} in {where} (BLS median {layout.money(market.ladder[50])}).  \n"
        f"**Why this ask:** {ask.basis}"
    )


def first_year(totals: offers.TotalPay, base: float) -> None:
    """Offer check: the first year's pay (with sign-on) next to every later year's, in dollars.

    With nothing but a base salary (`base`, dollars a year) there is nothing to compare.
    """
    st.subheader("First year vs every year")
    if totals.first_year == base:
        layout.empty_state(
            "Add a bonus, equity or sign-on above to compare the first year with later ones."
        )
        return
    layout.chart(offer_charts.totals(totals.components), key="offer_check_totals")
    layout.source_caption(
        "your offer",
        note=f"first year {layout.money(totals.first_year)} "
        f"includes the sign-on bonus; annualized {layout.money(totals.annualized)} does not",
    )


def after_tax(
    annualized: float, cbsa: str, metros: pd.DataFrame, nyc: bool, city: bool = False
) -> offers.AfterTax:
    """Offer check: the tax waterfall on annualized pay (dollars a year) where the job is;
    `nyc` and `city` choose the local tax (see offers.jurisdiction_for).

    Returns the after-tax figures; without a tax schedule for the place, says so and stops the
    page (nothing below it can be computed).
    """
    from analysis import load, offers

    st.subheader("After tax")
    try:
        juris = offers.jurisdiction_for(cbsa, metros, nyc=nyc, city=city)
        tax = cached.after_tax(annualized, juris)
    except (load.DataUnavailable, ValueError) as err:
        st.info(f"No after-tax figures: {err}", icon=":material/info:")
        st.stop()
    layout.chart(offer_charts.tax_waterfall(tax.frame(), tax.gross), key="offer_check_tax")
    st.markdown(offers.tax_line(tax))
    # The metro's own local tax, when the filer chose not to pay it (toggle off).
    code = "NYC" if cbsa == offers.NYC_CBSA else offers.CITY_JURISDICTIONS.get(cbsa)
    why = "not a NYC resident" if code == "NYC" else f"'{offers.CITY_LABELS.get(cbsa)}' is off"
    off = f"{offers.LOCAL_TAXES[code]} not included ({why}) · " if code and code != juris else ""
    layout.source_caption(
        f"PolicyEngine US, tax year {tax.tax_year}",
        note=f"{tax.jurisdiction} · single filer, standard deduction, wages only · state payroll "
        f"taxes (e.g. CA SDI) included · {off}{offers.local_tax_note([tax.jurisdiction])} · on "
        "annualized pay (base + bonus + equity; vesting equity taxed as wages)",
    )
    return tax


def market_spread(page: str, occupations: tuple[str, ...], default: str = "15-2051") -> None:
    """Career levels: the BLS pay ladder (10th to 90th percentile) of one chosen occupation.

    `occupations` are the SOC codes offered (those without wages are left out); the choice is
    bound to the URL as `occ`. Wages are annual dollars, all US employers.
    """
    st.subheader("The market's spread")
    titles = cached.occupation_options().set_index("occ_code")["occ_title"]
    occ = state.choice(
        "Occupation (BLS)",
        [o for o in occupations if o in titles.index],
        page=page,
        param="occ",
        default=default,
        format_func=lambda code: str(titles.get(code, code)),
    )
    with layout.friendly_errors():
        ladder = cached.market_spread(occ)
    layout.chart(levels_charts.spread(ladder), key=f"{page}_spread")
    top_coded = ladder["note"].fillna("").eq("top-coded").any()
    layout.source_caption(
        layout.OEWS,
        note=f"{ladder['occ_title'].iloc[0]}, all US employers, annual wages · "
        f"{ladder['tot_emp'].iloc[0]:,.0f} jobs · "
        + (
            "≥ $239,200: BLS publishes that wage only as at least $239,200"
            if top_coded
            else "BLS marks some wages only as ≥ $239,200; none in this view"
        ),
    )
    layout.download(ladder, "levels_market_spread.csv", key=f"{page}_dl_spread")
