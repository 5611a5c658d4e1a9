"""Offer check: is this offer fair for the role and the metro, and what is it worth?"""

import streamlit as st

from analysis import hubs, load, offers
from ui import cached, layout, state
from ui.charts import offers as charts
from ui.data import require

PAGE = "offer_check"
LEVELS = ["Entry", "Mid", "Senior", "Executive"]
USD = {"min_value": 0.0, "max_value": 1e9, "step": 1000.0, "page": PAGE, "format": "%.0f"}
usd = st.column_config.NumberColumn
DOLLARS = "localized"

st.title("Offer check")
st.write("Is an offer fair for the role, the level and the metro — and what is it worth there?")

metros = require("metros")
occs = cached.occupation_options()
titles = dict(zip(occs["occ_code"], occs["occ_title"], strict=True))
names = cached.metro_names().sort_values("label")
labels = dict(zip(names["cbsa"], names["label"], strict=True))
tracks, specs = cached.offer_choices()

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
    nyc = cbsa == "35620" and state.toggle("NYC resident", page=PAGE, param="nyc", default=True)
c1, c2, c3, c4 = st.columns(4)
with c1:
    default = cached.default_base(cbsa, occ)
    base = state.number("Base salary ($/yr)", param="base", default=default, **USD)
with c2:
    bonus = state.number("Annual bonus ($)", param="bonus", default=0.0, **USD)
with c3:
    equity = state.number("Equity per year ($)", param="equity", default=0.0, **USD)
with c4:
    sign_on = state.number("Sign-on bonus ($)", param="signon", default=0.0, **USD)

with layout.friendly_errors():
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
    )
market, index, ask, totals = check.market, check.index, check.ask, check.totals
if check.fallback:
    st.info(check.fallback, icon=":material/info:")
where = labels[cbsa] if market.area_type == "metro" else market.area_name
low, high = round(ask.low, -3), round(ask.high, -3)
m1, m2, m3 = st.columns(3)
m1.metric(
    f"BLS percentile, {where}",
    offers.short_percentile(market.percentile),
    help=f"The base is {market.label} for {market.occ_title}.",
    border=True,
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
    f"{market.occ_title} in {where}.  \n**Why this ask:** {ask.basis}  \n**Second anchor:**"
    f" the BLS median to 75th percentile in {where}, {layout.money(ask.oews_low)} – "
    f"{layout.money(ask.oews_high)}."
)

st.subheader(f"Your base on the {where} pay ladder")
fig = charts.offer_ladder(market.ladder_frame(), check.offer.base, where, ask=(low, high))
layout.chart(fig, key="offer_check_ladder")
layout.source_caption(
    layout.OEWS,
    n=int(market.employment),
    note=f"n = jobs (employment RSE {market.emp_prse:g}%, mean-wage RSE "
    f"{market.mean_prse:g}%) · percentiles log-linear between published points"
    f" · ask: {layout.AIJOBS}, n = {ask.n:,}",
)
layout.download(market.ladder_frame(), "offer_ladder.csv", key="offer_check_ladder_csv")

st.subheader("First year vs every year")
layout.chart(charts.totals(totals.components), key="offer_check_totals")
layout.source_caption(
    "your offer",
    note=f"first year {layout.money(totals.first_year)} includes"
    f" the sign-on bonus; annualized {layout.money(totals.annualized)} does not",
)

st.subheader("After tax")
juris = offers.jurisdiction_for(cbsa, metros, nyc=nyc)
try:
    tax = cached.after_tax(totals.annualized, juris)
except (load.DataUnavailable, ValueError) as err:
    st.info(f"No after-tax figures: {err}", icon=":material/info:")
    st.stop()
left, right = st.columns([3, 2])
with left:
    layout.chart(charts.tax_waterfall(tax.frame(), tax.gross), key="offer_check_tax")
right.dataframe(
    tax.frame().round({"amount": 0, "share": 3}),
    hide_index=True,
    column_config={
        "item": "",
        "amount": usd("$ a year", format=DOLLARS),
        "share": usd("Share", format="percent"),
    },
)
layout.source_caption(
    f"PolicyEngine US, tax year {tax.tax_year}",
    note=f"{juris} · single filer, standard deduction, wages only · on annualized"
    " pay (base + bonus + equity; vesting equity is taxed as wages)",
)

st.subheader("What your base is worth in the tech hubs")
with layout.friendly_errors():
    worth = cached.worth_in_hubs(check.offer.base, cbsa, occ, nyc)
layout.chart(charts.hub_take_home(worth), key="offer_check_hubs")
st.dataframe(
    worth[["label", "rpp", "same_power", "role_median", "take_home", "real_take_home"]].round(
        {"rpp": 1, "same_power": 0, "role_median": 0, "take_home": 0, "real_take_home": 0}
    ),
    hide_index=True,
    column_config={
        "label": "Metro",
        "rpp": usd("Price level (US = 100)", format="%.1f"),
        "same_power": usd("Same purchasing power ($)", format=DOLLARS),
        "role_median": usd("Role's BLS median there ($)", format=DOLLARS),
        "take_home": usd("Your take-home there ($)", format=DOLLARS),
        "real_take_home": usd("Take-home, price-adjusted ($)", format=DOLLARS),
    },
)
layout.source_caption(
    f"{layout.OEWS} · {layout.RPP} · PolicyEngine US {tax.tax_year}",
    note="same purchasing power = base × hub RPP ÷ home RPP · price-adjusted = "
    "take-home ÷ (RPP / 100) · New York taxed as " + ("NYC" if nyc else "NY"),
)
layout.download(worth, "offer_hubs.csv", key="offer_check_hubs_csv")
