"""Cost of living: what is a salary in one metro worth in another?"""

import streamlit as st

from analysis import living, metros, take_home
from ui import cache, inputs, layout, place_text, state
from ui.charts import living as charts
from ui.text import money, taxed_as

st.title("Cost of living")
slot = st.container()

data = cache.tables()
cache.require(data, "wages", "metros", "price_parities", "rents")
facts = data.facts

with layout.filters("salary, occupation, metros"):
    c1, c2 = st.columns(2)
    with c1:
        salary = state.number(
            "Your salary (USD a year)",
            key="salary",
            default=150_000,
            min_value=1_000,
            max_value=int(living.MAX_SALARY),
            step=5_000,
            format="%.0f",
        )
    with c2:
        occ = inputs.occupation(data)
    options = cache.run(metros.metro_options, data, occ)
    labels = dict(zip(options["cbsa"], options["label"], strict=True))
    codes = list(labels)
    c3, c4 = st.columns(2)
    with c3:
        origin = state.choice(
            "From metro",
            codes,
            key="from",
            default="41940" if "41940" in labels else codes[0],
            format_func=labels.get,
        )
    with c4:
        target = state.choice(
            "To metro",
            codes,
            key="to",
            default="12420" if "12420" in labels else codes[-1],
            format_func=labels.get,
        )
    more = state.choices(
        "Also compare",
        codes,
        key="more",
        default=[],
        format_func=labels.get,
        placeholder="Add metros to the charts below",
    )

with layout.friendly_errors():
    eq = cache.run(living.equivalent_salary, data, salary, origin, target, occ)
try:
    net = cache.run(living.equivalent_after_tax, data, salary, origin, target)
except ValueError as err:  # no tax schedule for a place (Puerto Rico): say so, keep the rest
    net = None
    st.info(f"No after-tax answer: {err}", icon=":material/info:")

with slot:
    layout.answer(place_text.living_answer(eq, net))

st.subheader(f"{eq.from_label} → {eq.to_label}, {eq.occ_title.lower()}")
m2, m3, m4 = st.columns(3)
m2.metric(
    "Same purchasing power",
    money(eq.same_power),
    border=True,
    delta=f"{eq.same_power / eq.salary - 1:+.1%} vs your pay",
    delta_color="off",
    delta_arrow="off",
    help=f"Price level {eq.rpp_from:.1f} → {eq.rpp_to:.1f} (BEA {eq.year}, US = 100)",
)
m3.metric(
    "After tax and prices",
    money(net.same_after_tax) if net else "—",
    border=True,
    delta=f"{net.same_after_tax / eq.salary - 1:+.1%} vs your pay" if net else None,
    delta_color="off",
    delta_arrow="off",
    help="The gross pay whose take-home buys there what yours buys here: taxes of each "
    "place (state, and the main city's local tax where the schedule has one) and BEA prices",
)
m4.metric(
    "Same market position",
    eq.same_position_text(),
    border=True,
    help=f"{eq.position_label.capitalize()} of {eq.occ_title} pay, carried to {eq.to_label}",
)
layout.takeaway(place_text.position_takeaway(eq))
layout.chart(charts.equivalence_chart, eq, key="cost_of_living_equivalence")
layout.source_caption(
    facts.caption("oews", "bea_rpp", "take_home"),
    note="position: log-linear between the 10th–90th percentiles · tax: single filer, "
    "standard deduction, each metro's main city",
)
if net is not None and net.same_after_tax == net.same_after_tax:
    change = "more" if net.tax_effect > 0 else "less"
    st.caption(
        f"After tax, your {money(eq.salary)} keeps {money(net.take_home_from)} "
        f"({taxed_as(net.jurisdiction_from, take_home.LOCAL_TAXES)}); in {eq.to_label} "
        f"({taxed_as(net.jurisdiction_to, take_home.LOCAL_TAXES)}) the same purchasing power "
        f"takes {money(abs(net.tax_effect))} {change} than prices alone say."
    )

pair = list(dict.fromkeys([origin, target]))
selected = list(dict.fromkeys(pair + more))
with layout.friendly_errors():
    comp = cache.run(living.price_components, data, selected)
    hist = cache.run(living.price_history, data, selected)
    burden = cache.run(living.rent_burden, data, selected, occ, salary=float(salary))

st.subheader("What makes prices differ")
layout.takeaway(place_text.components_takeaway(comp))
layout.chart(charts.components_chart, comp, key="cost_of_living_components")
layout.source_caption(
    facts.caption("bea_rpp"), note=f"{eq.year} · US average = 100 for each component"
)

st.subheader("Rent against pay")
layout.takeaway(place_text.rent_takeaway(burden, salary))
layout.chart(charts.rent_burden_chart, burden, key="cost_of_living_rent")
layout.source_caption(
    facts.caption("hud_fmr", "oews"),
    n=int(burden["n"].sum()),
    note=f"{eq.occ_title.lower()} jobs · one-bedroom rent × 12 ÷ your gross pay (the same in "
    f"every metro) and ÷ the metro's median {eq.occ_title.lower()} pay",
)
layout.download(burden, f"rent_burden_{occ}.csv", key="cost_of_living_rent_csv")

st.subheader("Price level over time")
layout.takeaway(place_text.history_takeaway(hist))
layout.chart(charts.history_chart, hist, key="cost_of_living_history")
layout.source_caption(
    f"BEA Regional Price Parities, {hist['year'].min()}–{hist['year'].max()}",
    note="all items · each year compares places within that year: relative to the US, "
    "not inflation",
)
