"""Offer check: is this offer fair for the role and the metro, and what is it worth?"""

import streamlit as st

from analysis import metros, negotiation, offer, stats, take_home
from ui import cache, inputs, layout, state
from ui.charts import offers as charts
from ui.columns import hub_worth_columns
from ui.text import CITY_TOGGLES, duplicate_note, local_tax_note, tax_line

USD = {"min_value": 0.0, "max_value": 1e9, "step": 1000.0, "format": "%.0f"}

st.title("Offer check")
st.write("Is an offer fair for the role, the level and the metro — and what is it worth there?")

data = cache.tables()
cache.require(data, "wages", "metros", "price_parities", "salaries")
facts = data.facts
labels = cache.run(metros.metro_labels, data)
tracks, specs = cache.run(offer.pickers, data)

c1, c2, c3, c4 = st.columns(4)
with c1:
    occ = inputs.occupation(data, "Occupation (BLS)")
with c2:
    track = state.choice("Track", tracks, key="track", default="Data scientist")
with c3:
    level = state.choice("Level", list(offer.LEVELS), key="level", default="Senior")
with c4:
    spec = state.choice("Specialization", specs, key="spec", default="Any")
c1, c2, c3 = st.columns([1, 2, 1], vertical_alignment="bottom")
with c1:
    remote = state.toggle("Remote role", key="remote", default=False)
with c2:
    cbsa = state.choice(
        "Home metro (you work remotely from)" if remote else "Metro",
        list(labels),
        key="metro",
        default="41860",
        format_func=labels.get,
    )
with c3:
    nyc = cbsa == take_home.NYC_CBSA and state.toggle("NYC resident", key="nyc", default=True)
    # Principal-city local tax (Indianapolis, Kansas City MO, Denver), like the NYC toggle.
    city = cbsa in CITY_TOGGLES and state.toggle(CITY_TOGGLES[cbsa], key="city", default=True)
c1, c2 = st.columns([1, 2], vertical_alignment="bottom")
with c1:
    default = cache.run(offer.default_base, data, cbsa, occ)
    base = state.number("Base salary ($/yr)", key="base", default=default, **USD)
with c2:
    keep_dups = inputs.keep_duplicates()
answer = st.container()  # the three answers, right under the base salary (first on a phone)

st.subheader("Bonus, equity and sign-on")
c1, c2, c3 = st.columns(3)
with c1:
    bonus = state.number("Annual bonus ($)", key="bonus", default=0.0, **USD)
with c2:
    equity = state.number("Equity per year ($)", key="equity", default=0.0, **USD)
with c3:
    sign_on = state.number("Sign-on bonus ($)", key="signon", default=0.0, **USD)

narrow = {
    "specialization": None if spec == "Any" else spec,
    "remote": True if remote else None,
    "drop_duplicates": not keep_dups,
}
with answer, layout.friendly_errors():
    totals = cache.run(offer.total_pay, base, bonus, equity, sign_on)
    market = cache.run(offer.place_in_market, data, base, cbsa, occ)
    index = cache.run(offer.place_in_index, data, base, level, track, **narrow)
    ask = cache.run(negotiation.negotiation_range, data, cbsa, occ, level, track, **narrow)
where = labels[cbsa] if market.area_type == "metro" else market.area_name
low, high = round(ask.low, -3), round(ask.high, -3)
with answer:
    if market.fallback:
        st.info(market.fallback, icon=":material/info:")
    m1, m2, m3 = st.columns(3)
    m1.metric(
        f"BLS percentile, {where}",
        stats.short_label(market.position),
        border=True,
        help=f"The base is {stats.position_label(market.position)} for {market.occ_title}.",
    )
    m2.metric(
        f"Salary-index percentile (n = {index.n:,})",
        stats.ordinal(index.percentile) if index.percentile == index.percentile else "—",
        border=True,
        help=f"{index.scope} ({index.status}).",
    )
    m3.metric("Base to ask for", f"${low / 1e3:,.0f}k – ${high / 1e3:,.0f}k", border=True)
    st.markdown(
        f"**Your base of {layout.money(base)} is {stats.position_label(market.position)}** for "
        f"{market.occ_title} in {where} (BLS median {layout.money(market.ladder.wage(50))}).  \n"
        f"**Why this ask:** {ask.basis}"
    )

st.subheader(f"Your base on the {where} pay ladder")
layout.chart(charts.ladder_chart, market, where, ask=(low, high), key="offer_check_ladder")
coded = (
    f"some BLS wages are top-coded (≥ ${facts.top_code:,.0f})"
    if market.top_coded
    else ("no top-coded wage")
)
jobs = "jobs not released" if market.employment != market.employment else "jobs"
layout.source_caption(
    facts.caption("oews"),
    n=None if market.employment != market.employment else int(market.employment),
    note=f"n = {jobs} (employment RSE {market.emp_prse:g}%, mean-wage RSE {market.mean_prse:g}%)"
    f" · percentiles log-linear between published points · {coded} here · ask: "
    f"{facts.caption('aijobs')}, n = {ask.n:,} ({duplicate_note(not keep_dups)})",
)
layout.download(market.ladder_frame(), "offer_ladder.csv", key="offer_check_ladder_csv")

st.subheader("First year vs every year")
if totals.first_year == base:
    layout.empty_state(
        "Add a bonus, equity or sign-on above to compare the first year with later ones."
    )
else:
    layout.chart(charts.totals_chart, totals.components, key="offer_check_totals")
    layout.source_caption(
        "your offer",
        note=f"first year {layout.money(totals.first_year)} "
        f"includes the sign-on bonus; annualized {layout.money(totals.annualized)} does not",
    )

st.subheader("After tax")
try:
    juris = take_home.jurisdiction_for(data, cbsa, nyc=nyc, city=city)
    tax = cache.run(take_home.after_tax, data, totals.annualized, juris)
except ValueError as err:
    st.info(f"No after-tax figures: {err}", icon=":material/info:")
    st.stop()
layout.chart(charts.tax_chart, tax, key="offer_check_tax")
st.markdown(tax_line(tax, take_home.LOCAL_TAXES))
layout.source_caption(
    facts.caption("take_home"),
    note=f"{tax.jurisdiction} · single filer, standard deduction, wages only · state payroll "
    "taxes (e.g. CA SDI) included · "
    + local_tax_note([tax.jurisdiction], take_home.LOCAL_TAXES)
    + " · on annualized pay (base + bonus + equity; vesting equity taxed as wages)",
)

st.subheader("The same base salary in each hub: take-home and purchasing power")
with layout.friendly_errors():
    worth = cache.run(take_home.worth_in_hubs, data, base, cbsa, occ, nyc=nyc, city=city)
layout.chart(charts.hub_take_home_chart, worth, key="offer_check_hubs")
st.dataframe(
    worth[["label", "take_home", "role_median", "real_take_home", "same_power"]],
    hide_index=True,
    placeholder="—",
    column_config=hub_worth_columns(market.occ_title),
)
layout.source_caption(
    facts.caption("oews", "bea_rpp", "take_home"),
    note="take-home on your base earned in each hub (no bonus; a hub's own local taxes, as a "
    "resident of its principal city) · the CSV adds price levels · same purchasing power = "
    "base × hub RPP ÷ home RPP · US-average prices = take-home ÷ (RPP / 100) · "
    + local_tax_note(list(worth["jurisdiction"]), take_home.LOCAL_TAXES, list(worth["label"])),
)
layout.download(worth, "offer_hubs.csv", key="offer_check_hubs_csv")
