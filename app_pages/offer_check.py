"""Offer check: up to four offers side by side, year by year, after tax and prices, each with
one verdict against its level's market in its own city and what to ask for."""

from urllib.parse import urlencode

import streamlit as st

from analysis import catalog, comparison, metros, offer, take_home, taxonomy
from analysis.data import Tables
from ui import cache, inputs, layout, offer_form
from ui.charts import offers as charts
from ui.columns import hub_worth_columns, offer_path_columns
from ui.state import warn
from ui.text import ask_sentence, local_tax_note, plain, verdict_sentence


def ahead(data: Tables, specs: list[comparison.OfferSpec], reference: str) -> None:
    """The offers in another place's prices, compared and drawn before anyone asks (the calls
    below)."""
    result = cache.run(comparison.compare_offers, data, specs, reference)
    where = "US-average" if reference == "US" else cache.run(metros.metro_labels, data)[reference]
    cache.figure(charts.range_chart, result)
    cache.figure(charts.path_chart, result.table, where)


st.title("Offer check")
st.write(
    "Compare up to four offers: what each pays year by year after tax and local prices, where "
    "its base sits for the level in its own city, and what to ask for."
)

data = cache.tables()
cache.require(data, "wages", "metros", "price_parities", "salaries", "take_home")
facts = data.facts
labels = cache.run(metros.metro_labels, data)
titles = inputs.occupation_titles(data)
occupations = {code: f"{title} ({code})" for code, title in titles.items()}
fields = offer_form.fields(labels, occupations)
spans = cache.run(take_home.state_spans, data)


def filled(item: dict) -> dict:
    """An offer with its computed defaults: the track's occupation, the metro's BLS median."""
    item = dict(item)
    if item["occ"] is None:
        item["occ"] = taxonomy.TRACK_OCCUPATION.get(item["track"], "15-2051")
    if item["base"] is None:
        item["base"] = cache.run(offer.default_base, data, item["metro"], item["occ"])
    return item


if "offers" not in st.session_state:  # first visit in this session: the link decides
    link = {key: st.query_params.get_all(key) for key in st.query_params}
    st.session_state["offers"] = [filled(o) for o in offer_form.from_link(link, fields)]
    st.session_state["reference"] = link.get("ref", ["US"])[-1]
    if st.session_state["reference"] not in ("US", *labels):
        warn("ref", "is not one this page offers", "the US average")
        st.session_state["reference"] = "US"
offers: list[dict] = st.session_state["offers"]


def add_offer() -> None:
    st.session_state["offers"].append(filled(offer_form.blank(len(offers), fields)))


def remove_offer(index: int) -> None:
    st.session_state["offers"].pop(index)
    for x in offer_form.LETTERS[index:]:  # later offers move up a letter: rebind their inputs
        for name in fields:
            st.session_state.pop(f"{x}_{name}", None)


reference = st.selectbox(
    "Compare take-home in the prices of",
    ["US", *labels],
    key=offer_form.bind("ref", st.session_state["reference"]),
    format_func=lambda c: "the US average (price level 100)" if c == "US" else labels[c],
    help="Take-home in each offer's city, converted to what it buys at these prices (BEA "
    "Regional Price Parities). Pick the metro you live in now to see each offer in your "
    "current prices.",
)
st.session_state["reference"] = reference
columns = st.columns(len(offers))
for i, column in enumerate(columns):
    with column, st.container(border=True):
        offers[i] = offer_form.inputs(i, offers[i], labels, occupations, spans)
        if len(offers) > 1:
            st.button("Remove", key=f"remove_{i}", on_click=remove_offer, args=(i,))
if len(offers) < len(offer_form.LETTERS):
    st.button("Add an offer", icon=":material/add:", on_click=add_offer)
st.query_params.from_dict(
    offer_form.to_link(offers, fields) | ({"ref": reference} if reference != "US" else {})
)

specs = []
for item in offers:
    try:
        specs.append(offer_form.to_spec(item))
    except ValueError as err:
        st.warning(f"{plain(item['label'])}: {plain(err)}", icon=":material/warning:")
if not specs:
    st.stop()
with layout.friendly_errors():
    result = cache.run(comparison.compare_offers, data, specs, reference)
where = "US-average" if reference == "US" else labels[reference]

st.subheader("The verdict")
for a, column in zip(result.offers, st.columns(len(result.offers)), strict=True):
    with column, st.container(border=True):
        st.metric(
            f"{a.spec.label}: take-home, {where} prices",
            f"{layout.money(a.average_real)} a year",
            help="Average over years 1–4, after every tax of the offer's own place",
            border=False,
        )
        st.markdown(verdict_sentence(a, labels.get(a.spec.cbsa, a.spec.cbsa)))
        st.markdown(ask_sentence(a, labels.get(a.spec.cbsa, a.spec.cbsa)))
layout.chart(charts.range_chart, result, key="offer_check_ranges")
layout.source_caption(
    facts.caption("oews", "aijobs"),
    n=sum(a.pay.n for a in result.offers if a.pay is not None),
    note="n = salary-index records placing the levels · range: the level's 25th–75th "
    "percentile read off the metro's BLS distribution (method and back-test: Data & "
    "methods) · whiskers: 95% uncertainty from resampling the records and BLS's relative "
    "standard error of the mean wage · a dotted end is open: past the highest wage BLS "
    "publishes there",
)

st.subheader("Four years after tax and prices")
layout.chart(charts.path_chart, result.table, where, key="offer_check_path")
layout.source_caption(
    facts.caption("take_home", "bea_rpp"),
    note="each offer taxed where it is (single filer, standard deduction, wages only; "
    "federal, Social Security, Medicare, state, state payroll and local taxes) · equity at "
    "its grant value as it vests, target bonus paid in full · "
    + local_tax_note(
        list(dict.fromkeys(result.table["jurisdiction"])),
        take_home.LOCAL_TAXES,
        take_home.left_out_first(
            cache.run(catalog.tax_coverage, data), list(result.table["jurisdiction"])
        ),
    )
    + "".join(
        f" · {take_home.describe(code)}"
        for code in dict.fromkeys(result.table["jurisdiction"])
        if "|" in code
    )
    + " · tax year: each year at its own year's rules, the last published after them",
)
st.dataframe(
    result.table,
    hide_index=True,
    placeholder="—",
    column_order=list(offer_path_columns(where)),
    column_config=offer_path_columns(where),
)
layout.download(result.table, "offers_by_year.csv", key="offer_check_csv")

first = result.offers[0].spec
with st.expander(f"{first.label}'s base in each tech hub, after tax and prices"):
    with layout.friendly_errors():
        worth = cache.run(
            take_home.worth_in_hubs,
            data,
            first.terms.base,
            first.cbsa,
            first.occupation,
            lives_in_city=first.lives_in_city,
            works_in_city=first.works_in_city,
            work_state=first.work_state,
            home_state=first.home_state,
        )
    layout.chart(charts.hub_take_home_chart, worth, key="offer_check_hubs")
    st.dataframe(
        worth[["label", "take_home", "role_median", "real_take_home", "same_power"]],
        hide_index=True,
        placeholder="—",
        column_config=hub_worth_columns(titles.get(first.occupation, first.occupation)),
    )
    layout.source_caption(
        facts.caption("oews", "bea_rpp", "take_home"),
        note="take-home on the base alone, as a resident of each hub's main city",
    )

st.subheader("Share this comparison")
query = urlencode(st.query_params.to_dict())
st.code(f"{st.context.url or ''}?{query}", language=None, wrap_lines=True)
st.caption("The link holds every offer and choice above; opening it shows the same comparison.")

# The offers' own places and the ten hubs as the prices to compare in, made in the background
# before anyone asks.
places = ["US", *(s.cbsa for s in specs), *metros.DEFAULT_HUBS]
places = [c for c in dict.fromkeys(places) if c != reference and (c == "US" or c in labels)]
cache.ahead(ahead, data, specs, each="reference", values=places)
