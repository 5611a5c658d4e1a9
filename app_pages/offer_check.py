"""Offer check: is this offer fair for the role and the metro, and what is it worth?"""

import streamlit as st

from analysis import offers
from ui import cached, columns, layout, sections, state
from ui.charts import offers as charts
from ui.data import require

PAGE = "offer_check"
LEVELS = ["Entry", "Mid", "Senior", "Executive"]
USD = {"min_value": 0.0, "max_value": 1e9, "step": 1000.0, "page": PAGE, "format": "%.0f"}


st.title("Offer check")
st.write("Is an offer fair for the role, the level and the metro — and what is it worth there?")

titles = sections.occupation_titles()
names = cached.metro_names().sort_values("label")
labels = dict(zip(names["cbsa"], names["label"], strict=True))
tracks, specs = cached.offer_choices()
metros = require("metros")

c1, c2, c3, c4 = st.columns(4)
with c1:
    occ = sections.occupation_choice(PAGE, titles, "Occupation (BLS)")
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
    # Principal-city local tax (Indianapolis, Kansas City MO, Denver), like the NYC toggle.
    city = cbsa in offers.CITY_JURISDICTIONS and state.toggle(
        offers.CITY_LABELS[cbsa], page=PAGE, param="city", default=True
    )
c1, c2 = st.columns([1, 2], vertical_alignment="bottom")
with c1:
    default = cached.default_base(cbsa, occ)
    base = state.number("Base salary ($/yr)", param="base", default=default, **USD)
with c2:
    keep_dups = sections.keep_duplicates(PAGE)
answer = st.container()  # the three answers, right under the base salary (first on a phone)

bonus, equity, sign_on = sections.offer_extras(PAGE, USD)

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
market, ask, totals = check.market, check.ask, check.totals
where = labels[cbsa] if market.area_type == "metro" else market.area_name
low, high = round(ask.low, -3), round(ask.high, -3)
with answer:
    sections.offer_answers(check, where, low, high)

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

sections.first_year(totals, check.offer.base)
tax = sections.after_tax(totals.annualized, cbsa, metros, nyc, city)

st.subheader("The same base salary in each hub: take-home and purchasing power")
with layout.friendly_errors():
    worth = cached.worth_in_hubs(check.offer.base, cbsa, occ, nyc, city)
layout.chart(charts.hub_take_home(worth), key="offer_check_hubs")
st.dataframe(
    worth[["label", "take_home", "role_median", "real_take_home", "same_power"]],
    hide_index=True,
    placeholder="—",
    column_config=columns.hub_worth(titles[occ]),
)
layout.source_caption(
    f"{layout.OEWS} · {layout.RPP} · PolicyEngine US {tax.tax_year}",
    note="take-home on your base earned in each hub (no bonus) · the CSV adds price levels · "
    "same purchasing power = base × hub RPP ÷ home RPP · US-average prices = take-home ÷ "
    "(RPP / 100) · " + offers.local_tax_note(list(worth["jurisdiction"]), list(worth["label"])),
)
layout.download(worth, "offer_hubs.csv", key="offer_check_hubs_csv")
