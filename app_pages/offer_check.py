"""Offer check: is this offer fair for the role and the metro, and what is it worth?"""

import streamlit as st

from analysis import hubs, load, offers, stats
from ui import cached, layout, state
from ui.charts import offers as charts
from ui.data import require

PAGE = "offer_check"
LEVELS = ["Entry", "Mid", "Senior", "Executive"]
USD = {"min_value": 0.0, "max_value": 1e9, "step": 1000.0, "page": PAGE, "format": "%.0f"}


st.title("Offer check")
st.write("Is an offer fair for the role, the level and the metro — and what is it worth there?")

occs = cached.occupation_options()
titles = dict(zip(occs["occ_code"], occs["occ_title"], strict=True))
names = cached.metro_names().sort_values("label")
labels = dict(zip(names["cbsa"], names["label"], strict=True))
tracks, specs = cached.offer_choices()
metros = require("metros")

c1, c2, c3, c4 = st.columns(4)
with c1:
    occ = state.choice(
        "Occupation (BLS)",
        list(titles),
        page=PAGE,
        param="occ",
        default=hubs.OCCUPATION,
        format_func=lambda c: f"{titles[c]} ({c})",
    )
with c2:
    track = state.choice("Track", tracks, page=PAGE, param="track", default="Data scientist")
with c3:
    level = state.choice("Level", LEVELS, page=PAGE, param="level", default="Senior")
with c4:
    spec = state.choice("Specialization", specs, page=PAGE, param="spec", default="Any")
c1, c2, c3 = st.columns([1, 2, 1], vertical_alignment="bottom")
with c1:
    remote = state.toggle("Remote role", page=PAGE, param="remote", default=False)
with c2:
    cbsa = state.choice(
        "Home metro (you work remotely from)" if remote else "Metro",
        list(labels),
        page=PAGE,
        param="metro",
        default="41860",
        format_func=labels.get,
    )
with c3:
    nyc = cbsa == offers.NYC_CBSA and state.toggle(
        "NYC resident", page=PAGE, param="nyc", default=True
    )
c1, c2 = st.columns([1, 2], vertical_alignment="bottom")
with c1:
    default = cached.default_base(cbsa, occ)
    base = state.number("Base salary ($/yr)", param="base", default=default, **USD)
with c2:
    keep_dups = state.toggle(
        "Keep exact duplicates",
        page=PAGE,
        param="dups",
        default=False,
        help="The salary index repeats many postings exactly; by default each is counted once.",
    )
answer = st.container()  # the three answers, right under the base salary (first on a phone)

st.subheader("Bonus, equity and sign-on")
c1, c2, c3 = st.columns(3)
with c1:
    bonus = state.number("Annual bonus ($)", param="bonus", default=0.0, **USD)
with c2:
    equity = state.number("Equity per year ($)", param="equity", default=0.0, **USD)
with c3:
    sign_on = state.number("Sign-on bonus ($)", param="signon", default=0.0, **USD)

with answer, layout.friendly_errors():
    check = cached.check_offer(
        occ=occ,
        cbsa=cbsa,
        level=level,
        track=track,
        base=base,
        bonus=bonus,
        equity=equity,
        sign_on=sign_on,
        specialization=spec,
        remote=remote,
        keep_dups=keep_dups,
    )
market, index, ask, totals = check.market, check.index, check.ask, check.totals
where = labels[cbsa] if market.area_type == "metro" else market.area_name
low, high = round(ask.low, -3), round(ask.high, -3)
with answer:
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

st.subheader(f"Your base on the {where} pay ladder")
fig = charts.offer_ladder(market.ladder_frame(), check.offer.base, where, ask=(low, high))
layout.chart(fig, key="offer_check_ladder")
coded = "some BLS wages are top-coded (≥ $239,200)" if market.top_coded else "no top-coded wage"
layout.source_caption(
    layout.OEWS,
    n=int(market.employment),
    note=f"n = jobs (employment RSE {market.emp_prse:g}%, mean-wage RSE {market.mean_prse:g}%)"
    f" · percentiles log-linear between published points · {coded} here · ask: {layout.AIJOBS}"
    f", n = {ask.n:,} ({'exact duplicates kept' if keep_dups else 'exact duplicates dropped'})",
)
layout.download(market.ladder_frame(), "offer_ladder.csv", key="offer_check_ladder_csv")

st.subheader("First year vs every year")
if totals.first_year == check.offer.base:
    layout.empty_state(
        "Add a bonus, equity or sign-on above to compare the first year with later ones."
    )
else:
    layout.chart(charts.totals(totals.components), key="offer_check_totals")
    layout.source_caption(
        "your offer",
        note=f"first year {layout.money(totals.first_year)} "
        f"includes the sign-on bonus; annualized {layout.money(totals.annualized)} does not",
    )

st.subheader("After tax")
try:
    tax = cached.after_tax(totals.annualized, offers.jurisdiction_for(cbsa, metros, nyc=nyc))
except (load.DataUnavailable, ValueError) as err:
    st.info(f"No after-tax figures: {err}", icon=":material/info:")
    st.stop()
layout.chart(charts.tax_waterfall(tax.frame(), tax.gross), key="offer_check_tax")
st.markdown(offers.tax_line(tax))
local = (
    "NYC resident income tax included"
    if tax.jurisdiction == "NYC"
    else (
        "NYC resident income tax not included (not a NYC resident)"
        if cbsa == offers.NYC_CBSA
        else ""
    )
)
layout.source_caption(
    f"PolicyEngine US, tax year {tax.tax_year}",
    note=f"{tax.jurisdiction} · single filer, standard deduction, wages only · state payroll taxes"
    f" (e.g. CA SDI) included · {local + ' · ' if local else ''}local income taxes outside NYC "
    "are not included · on annualized pay (base + bonus + equity; vesting equity taxed as wages)",
)

st.subheader("The same base salary in each hub: take-home and purchasing power")
with layout.friendly_errors():
    worth = cached.worth_in_hubs(check.offer.base, cbsa, occ, nyc)
layout.chart(charts.hub_take_home(worth), key="offer_check_hubs")
st.dataframe(
    worth[["label", "take_home", "role_median", "real_take_home", "same_power"]],
    hide_index=True,
    placeholder="—",
    column_config={
        "label": "Metro",
        "take_home": layout.usd("Your take-home there"),
        "role_median": layout.usd(f"{titles[occ]}: BLS median there"),
        "real_take_home": layout.usd("Take-home in US-average prices"),
        "same_power": layout.usd("Pay with the same purchasing power"),
    },
)
layout.source_caption(
    f"{layout.OEWS} · {layout.RPP} · PolicyEngine US {tax.tax_year}",
    note="take-home on your base earned in each hub (no bonus) · the CSV adds price levels · "
    "same purchasing power = base × hub RPP ÷ home RPP · US-average prices = take-home ÷ "
    "(RPP / 100) · New York taxed as "
    + ("NYC" if nyc else "NY")
    + " · local income taxes outside NYC not included",
)
layout.download(worth, "offer_hubs.csv", key="offer_check_hubs_csv")
