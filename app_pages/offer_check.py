"""Offer check: up to four offers side by side: which leaves the most after tax and prices, by
how much, year by year, what leaving early or a share-price move would do, the tax bill at
filing time, and where each base sits in its own city's market."""

import datetime as dt
from urllib.parse import urlencode

import streamlit as st

from analysis import catalog, comparison, metros, offer_risk, populations, take_home, visa
from ui import cache, columns, inputs, layout, offer_form, offer_text, state
from ui.charts import offers as charts
from ui.text import local_tax_note, money, plain

st.title("Offer check")
answer = st.container()  # filled once the offers below are computed: the answer comes first

data = cache.tables()
cache.require(data, "wages", "metros", "price_parities", "salaries", "take_home")
facts = data.facts
labels = cache.run(metros.metro_labels, data)
titles = inputs.occupation_titles(data)
occupations = {populations.BY_EVIDENCE: "As employers file the track's titles (H-1B filings)"}
occupations |= {code: f"{title} ({code})" for code, title in titles.items()}
spans = cache.run(take_home.state_spans, data)
today = dt.date.today()
next_month = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)

with layout.filters("the prices to compare in and the start date"):
    c1, c2 = st.columns(2)
    with c1:
        reference = state.choice(
            "Compare take-home in the prices of",
            ["US", *labels],
            key="ref",
            default="US",
            format_func=lambda c: "the US average (price level 100)" if c == "US" else labels[c],
            help="Take-home in each offer's city, converted to what it buys at these prices "
            "(BEA Regional Price Parities). Pick the metro you live in now to see each offer in "
            "your current prices.",
        )
    with c2:
        start = state.date(
            "Start date",
            key="start",
            default=next_month,
            min_value=dt.date(today.year - 1, 1, 1),
            max_value=dt.date(today.year + 3, 12, 31),
            help="Pay is counted by calendar year from this month: each year is taxed on its own.",
        )
path = st.container()  # the year-by-year chart, right under the answer


def base_of(metro: str, occ: str, track: str) -> float:
    """A new offer's starting base: the metro's published median for the occupation (for the
    track's filed occupations, the one most of its titles are filed under)."""
    return cache.run(comparison.default_base, data, metro, occ, track)


st.subheader("Your offers")
count = offer_form.count()
offers, cards = [], []
for i, column in enumerate(st.columns(count)):
    x = offer_form.LETTERS[i]
    # Closed on a bare visit; open all session when the link opening it holds this offer, so
    # what the link carried, and any warning about it, is in sight.
    linked = any(k.startswith(f"{x}_") for k in st.query_params)
    with column, st.container(border=True):
        cards.append(st.container())  # the offer's card, filled once it is computed
        with st.expander(
            offer_text.terms_line(offer_form.now(i, labels, occupations, base_of)),
            expanded=st.session_state.setdefault(f"terms_open_{x}", linked),
            icon=":material/edit:",
            key=f"terms_{x}",
        ):
            offers.append(offer_form.inputs(i, labels, occupations, base_of, spans))
            if count > 1:
                st.button("Remove", key=f"remove_{i}", on_click=offer_form.remove, args=(i,))
offer_form.remember(count)
if count < len(offer_form.LETTERS):
    st.button("Add an offer", icon=":material/add:", on_click=offer_form.add)

specs, problems = [], {}
for item in offers:
    try:
        specs.append(offer_form.to_spec(item))
    except ValueError as err:
        problems[item["label"]] = str(err)
if len({s.label for s in specs}) != len(specs):
    problems["Employer names"] = "Give each offer its own employer name."
    specs = list({s.label: s for s in specs}.values())
where = "US-average" if reference == "US" else labels[reference]
result = None
if specs:
    try:
        result = cache.run(comparison.compare_offers, data, specs, reference, start=start)
        problems |= result.failed
    except ValueError as err:
        problems["Offers"] = str(err)
with answer:
    for name, problem in problems.items():
        st.warning(f"{plain(name)}: {plain(problem)}", icon=":material/warning:")
    if result is None:
        st.stop()
    computed = [a.spec for a in result.offers]
    ranked = offer_risk.standings(result)
    flip = cache.run(offer_risk.flip_price, data, computed, reference, start)
    layout.answer(offer_text.answer(ranked, list(result.offers), where, flip))

with path:
    st.subheader("Year by year, after tax and prices")
    layout.takeaway(offer_text.path_takeaway(result.table, where))
    layout.chart(charts.path_chart, result.table, where, key="offer_check_path")
    jurisdictions = list(dict.fromkeys(result.table["jurisdiction"]))
    layout.source_caption(
        facts.caption("take_home", "bea_rpp"),
        note="single filer, standard deduction, wages only · "
        + local_tax_note(
            jurisdictions,
            take_home.LOCAL_TAXES,
            take_home.left_out_first(cache.run(catalog.tax_coverage, data), jurisdictions),
        )
        + "".join(f" · {take_home.describe(c)}" for c in jurisdictions if "|" in c),
    )
    path_columns = columns.offer_path_columns(where)
    years = layout.whole_dollars(layout.formula_safe(result.table, "offer"), path_columns)
    for tab, shown in zip(
        st.tabs(list(columns.OFFER_PATH_VIEWS)), columns.OFFER_PATH_VIEWS.values(), strict=True
    ):
        tab.dataframe(
            years,
            hide_index=True,
            placeholder="—",
            column_order=["offer", "year", *shown],
            column_config=path_columns,
        )
    layout.download(result.table, "offers_by_year.csv", key="offer_check_csv")

leaving = offer_risk.leaving_early(computed)
card_of = {}
for item, card in zip(offers, cards, strict=True):
    card_of.setdefault(item["label"], card)
for a in result.offers:
    place = labels.get(a.spec.cbsa, a.spec.cbsa)
    walk = leaving[leaving["offer"] == a.spec.label].set_index("months")
    with card_of[a.spec.label]:
        st.metric(
            f"{plain(a.spec.label)}: take-home a year, {where} prices",
            money(a.average_real),
            help="Average over four years, after every tax of the offer's own place",
        )
        st.markdown(offer_text.verdict_line(a, place))
        st.markdown(offer_text.ask_line(a, place))
        st.caption(offer_text.leaving_line(a, walk))
        try:
            code = comparison.filed_occupation(data, a.spec.occupation, a.spec.track)
            level = cache.run(visa.wage_level, data, a.spec.cbsa, code, a.spec.terms.base)
            st.caption(offer_text.visa_line(level, titles.get(code, code)))
        except ValueError as err:
            st.caption(f"H-1B wage level: {plain(err)}")

st.subheader("If you leave early")
st.dataframe(
    layout.whole_dollars(layout.formula_safe(leaving, "offer"), columns.leaving_columns()),
    hide_index=True,
    column_order=list(columns.leaving_columns()),
    column_config=columns.leaving_columns(),
)
st.caption(
    "Before tax · base and vested equity are yours; the bonus is paid at each anniversary; "
    "the sign-on is repaid as each offer's terms say when you leave in the first year "
    "(More terms) · unvested equity is forfeited."
)

st.subheader("If the share price moves")
move = state.number(
    "Share price move to test (±%)",
    key="move",
    default=50.0,
    min_value=5.0,
    max_value=95.0,
    step=5.0,
    format="%g",
)
if any(a.spec.terms.equity + a.spec.terms.refresher for a in result.offers):
    moves = (-move / 100, 0.0, move / 100)
    scenarios = cache.run(offer_risk.price_scenarios, data, computed, reference, start, moves)
    wide = scenarios.pivot(index="offer", columns="move", values="average_real")
    # "Shares -50%", not "-50% shares": a header starting with a sign is a spreadsheet formula.
    wide.columns = [f"Shares {m:+.0%}" if m else "Grant price" for m in wide.columns]
    shares = {"offer": "Offer"} | {c: layout.usd(c) for c in wide.columns}
    st.dataframe(
        layout.whole_dollars(layout.formula_safe(wide.reset_index(), "offer"), shares),
        hide_index=True,
        column_config=shares,
    )
    st.caption(
        f"Average take-home a year, {where} prices, if each offer's shares were worth that "
        "much more or less than at grant for the whole four years (taxed as they vest) · a "
        "private company's equity counts at the share you could sell (More terms)."
    )
else:
    layout.empty_state("No offer has equity: a share price move changes nothing.")

st.subheader("The tax bill at filing time")
rule = cache.run(offer_risk.withholding_rule, data)
gaps = cache.run(offer_risk.withholding_gaps, data, computed, start, rule)
st.dataframe(
    layout.whole_dollars(layout.formula_safe(gaps, "offer"), columns.withholding_columns()),
    hide_index=True,
    column_order=list(columns.withholding_columns()),
    column_config=columns.withholding_columns(),
)
st.caption(
    "Federal income tax owed on each year's wages against what payroll withholds: the tax on "
    f"the base alone plus {rule.rate:.0%} of bonuses, vesting equity and sign-on "
    f"({rule.mandatory_rate:.0%} above {money(rule.mandatory_above)} a year) · "
    f"rule: {rule.source.split(': ')[0]} · state withholding not included."
)

st.subheader("Each base against its market")
layout.takeaway(offer_text.range_takeaway(result.offers))
layout.chart(charts.range_chart, result, key="offer_check_ranges")
layout.source_caption(
    facts.caption("oews", "aijobs"),
    n=sum(a.pay.n for a in result.offers if a.pay is not None),
    note="salary-index records placing the levels · bar: the level's 25th–75th percentile in "
    "the metro · whiskers: 95% uncertainty · dotted: an open end",
)
with st.expander("How this is computed"):
    st.markdown(offer_text.METHOD)
    st.caption(offer_text.ageing_line(result, facts.captions["oews"].split(", ")[-1]))

first = result.offers[0].spec
with st.expander(f"{plain(first.label)}'s base in each tech hub, after tax and prices"):
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
    layout.takeaway(offer_text.hubs_takeaway(worth, first.label))
    layout.chart(charts.hub_take_home_chart, worth, key="offer_check_hubs")
    hub_columns = columns.hub_worth_columns(titles.get(first.occupation, first.occupation))
    st.dataframe(
        layout.whole_dollars(
            worth[["label", "take_home", "role_median", "real_take_home", "same_power"]],
            hub_columns,
        ),
        hide_index=True,
        placeholder="—",
        column_config=hub_columns,
    )
    layout.source_caption(
        facts.caption("oews", "bea_rpp", "take_home"),
        note="take-home on the base alone, as a resident of each hub's main city",
    )

st.subheader("Share this comparison")
values = {key: st.query_params.get_all(key) for key in st.query_params}
state.share(
    urlencode(values, doseq=True),
    "The link holds every offer and choice above; opening it shows the same comparison.",
)
