"""analysis.offers: known answers on the real tables, logic and messages on tiny frames."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis import hubs as hub_data
from analysis import offers, stats
from tests.tables import table

OCC = "15-2051"
SAN_JOSE, SAN_FRANCISCO, NEW_YORK, AUSTIN, SEATTLE = "41940", "41860", "35620", "12420", "42660"
# Codes only (no figures): enough of the metros table for tax jurisdictions and labels.
BUFFALO = "15380"
INDIANAPOLIS, KANSAS_CITY, DENVER, CLEVELAND = "26900", "28140", "19740", "17410"
METROS = pd.DataFrame(
    {
        "cbsa": [
            *(SAN_FRANCISCO, SAN_JOSE, SEATTLE, NEW_YORK, AUSTIN, BUFFALO),
            *(INDIANAPOLIS, KANSAS_CITY, DENVER, CLEVELAND),
        ],
        "short_name": [
            *("San Francisco", "San Jose", "Seattle", "New York", "Austin", "Buffalo"),
            *("Indianapolis", "Kansas City", "Denver", "Cleveland"),
        ],
        "title": ["SF", "SJ", "SEA", "NYC", "AUS", "BUF", "IND", "KC", "DEN", "CLE"],
        "principal_state": ["CA", "CA", "WA", "NY", "TX", "NY", "IN", "MO", "CO", "OH"],
    }
)


@pytest.fixture(scope="module")
def wages() -> pd.DataFrame:
    return table("wages")


@pytest.fixture(scope="module")
def salaries() -> pd.DataFrame:
    return table("salaries")


@pytest.fixture(scope="module")
def parities() -> pd.DataFrame:
    return table("price_parities")


@pytest.fixture(scope="module")
def schedule() -> pd.DataFrame:
    return table("take_home")


# --- validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ((0,), "above $0"),
        ((-5,), "cannot be negative"),
        ((5_000,), "not the monthly or hourly"),
        ((1e9,), "absurd"),
        ((100_000, -1), "bonus cannot be negative"),
        ((100_000, 0, 2_000_000), "more than 10 times"),
        ((100_000, 0, 0, float("nan")), "number"),
        (("abc",), "number of US dollars"),
    ],
)
def test_validate_offer_messages(args, words):
    with pytest.raises(ValueError, match=words.replace("$", r"\$")):
        offers.validate_offer(*args)


def test_validate_offer_accepts_a_normal_offer():
    offer = offers.validate_offer(150_000, 15_000, 40_000, 25_000)
    assert (offer.base, offer.bonus, offer.equity, offer.sign_on) == (
        150_000,
        15_000,
        40_000,
        25_000,
    )


def test_total_pay_first_year_has_sign_on_and_annualized_not():
    totals = offers.total_pay(150_000, 15_000, 40_000, 25_000)
    assert totals.first_year == 230_000
    assert totals.annualized == 205_000
    views = totals.components.groupby("view")["amount"].sum()
    assert views["First year"] == totals.first_year and views["Annualized"] == totals.annualized
    assert "Sign-on" not in set(
        totals.components.loc[lambda f: f.view == "Annualized", "component"]
    )


# --- placement on the real OEWS table --------------------------------------------------------


def test_san_jose_published_median_is_the_50th_percentile(wages):
    placed = offers.place_in_market(185_080, wages, SAN_JOSE, OCC)
    assert placed.percentile == pytest.approx(50.0)
    assert placed.label == "about the 50th percentile"
    assert placed.ladder[50] == 185_080  # BLS OEWS May 2025, San Jose, Data Scientists
    assert placed.employment > 0 and placed.emp_prse > 0
    assert placed.area_name.startswith("San Jose")


def test_below_and_above_the_published_range(wages):
    low = offers.place_in_market(30_000, wages, SAN_JOSE, OCC)
    high = offers.place_in_market(4_000_000, wages, SAN_JOSE, OCC)
    assert low.position.below and math.isnan(low.percentile)
    assert low.label == "below the 10th percentile"
    assert (high.position.low, high.position.high) == (90, 100)
    assert high.label == "above the 90th percentile"


def test_between_percentiles_is_log_linear(wages):
    placed = offers.place_in_market(200_000, wages, SAN_JOSE, OCC)
    p50, p75 = placed.ladder[50], placed.ladder[75]
    expected = 50 + 25 * (math.log(200_000) - math.log(p50)) / (math.log(p75) - math.log(p50))
    assert placed.percentile == pytest.approx(expected)
    assert placed.label == f"about the {stats.ordinal(expected)} percentile"


def test_top_coded_ninetieth_bounds_the_position(wages):
    # A top-coded 90th percentile is >= $239,200: a base under that sits between the 75th and
    # 90th percentile. (The old label "above the 75th; the 90th is top-coded" hid the bound.)
    hit = (
        (wages["area_type"] == "metro")
        & (wages["cbsa"] == SAN_JOSE)
        & (wages["occ_code"] == OCC)
        & (wages["industry_code"] == "000000")
    )
    coded = wages.copy()
    coded.loc[hit, "a_pct90"] = np.nan
    coded.loc[hit, "a_pct90_note"] = stats.TOP_CODED
    p75 = float(wages.loc[hit, "a_pct75"].iloc[0])
    placed = offers.place_in_market((p75 + stats.TOP_CODE) / 2, coded, SAN_JOSE, OCC)
    assert (placed.position.low, placed.position.high) == (75, 90) and placed.top_coded
    assert placed.label == (
        "between the 75th and 90th percentile (the 90th is top-coded: ≥ $239,200)"
    )
    shown = placed.ladder_frame().set_index("percentile")
    assert shown.loc[90, "shown"] == "≥ $239,200" and np.isnan(shown.loc[90, "wage"])


def test_unknown_metro_and_missing_occupation_messages(wages):
    with pytest.raises(ValueError, match="Unknown metro"):
        offers.place_in_market(150_000, wages, "99999", OCC)
    metro_rows = wages[(wages["area_type"] == "metro") & (wages["industry_code"] == "000000")]
    with_occ = set(metro_rows.loc[metro_rows["occ_code"] == OCC, "cbsa"])
    lacking = sorted(set(metro_rows["cbsa"]) - with_occ)
    assert lacking, "expected at least one metro without Data Scientists wages"
    name = metro_rows.loc[metro_rows["cbsa"] == lacking[0], "area_name"].iloc[0]
    with pytest.raises(ValueError, match="national median") as err:
        offers.place_in_market(150_000, wages, lacking[0], OCC)
    assert name in str(err.value)


def test_fallback_to_state_then_nation(wages):
    cleveland = "17410"  # OEWS files Cleveland under Ohio (state_code 39)
    ohio = offers.place_in_fallback(120_000, wages, OCC, cleveland)
    assert ohio.area_type == "state" and ohio.area_name == "Ohio"
    kansas_city = offers.place_in_fallback(120_000, wages, OCC, "28140")
    assert kansas_city.area_name == "Missouri"  # principal state of Kansas City, MO-KS
    nation = offers.place_in_fallback(120_000, wages, OCC, None)
    assert nation.area_type == "national"
    assert nation.ladder[50] == offers.national_median(wages, OCC)


# --- salary index and negotiation range ------------------------------------------------------


def test_place_in_index_matches_a_direct_count(salaries):
    placed = offers.place_in_index(150_000, salaries, "Senior", "ML engineer")
    every = salaries[
        (salaries["level"] == "Senior")
        & (salaries["track"] == "ML engineer")
        & (salaries["employee_country"] == "US")
        & (salaries["employment_type"] == "Full-time")
        & salaries["year"].isin([2023, 2024, 2025])
    ]
    rows = every.loc[~every["is_duplicate"].astype(bool), "salary_usd"]  # default: dropped
    assert "exact duplicates dropped" in placed.scope
    kept = offers.place_in_index(150_000, salaries, "Senior", "ML engineer", drop_duplicates=False)
    assert kept.n == len(every) > placed.n and "exact duplicates kept" in kept.scope
    assert placed.n == len(rows) and placed.status == "ok"
    expected = 100 * ((rows < 150_000).sum() + (rows == 150_000).sum() / 2) / len(rows)
    assert placed.percentile == pytest.approx(expected)
    assert placed.median == pytest.approx(rows.median())


def test_place_in_index_drops_a_filter_that_leaves_too_few(salaries):
    placed = offers.place_in_index(
        150_000, salaries, "Senior", "ML engineer", specialization="Deep learning"
    )
    assert "too few records" in placed.scope and placed.n >= 10


def test_tiny_group_is_hidden():
    frame = pd.DataFrame(
        {
            "level": ["Senior"] * 3,
            "track": ["AI engineer"] * 3,
            "employee_country": ["US"] * 3,
            "employment_type": ["Full-time"] * 3,
            "year": [2024] * 3,
            "salary_usd": [100_000.0, 150_000.0, 200_000.0],
            "is_duplicate": [False] * 3,
            "specialization": ["General"] * 3,
            "remote_ratio": [0] * 3,
        }
    )
    placed = offers.place_in_index(150_000, frame, "Senior", "AI engineer")
    assert placed.status == "hidden" and placed.n == 3 and np.isnan(placed.percentile)


def test_negotiation_range_positions_the_level_in_the_metro_ladder(wages, salaries):
    market = offers.place_in_market(170_000, wages, SAN_FRANCISCO, OCC)
    index = offers.place_in_index(170_000, salaries, "Senior", "Data scientist")
    ask = offers.negotiation_range(market, index, wages)
    nat, coded = offers.national_ladder(wages, OCC)
    q25, q50, q75 = np.quantile(index.values, [0.25, 0.5, 0.75])
    # The level's 25th percentile sits inside the national ladder: its BLS percentile is exact,
    # and the low end is the San Francisco wage at that same percentile.
    low_pct = stats.percentile_of(q25, nat, coded).percentile
    assert ask.pct_low == pytest.approx(low_pct)
    assert ask.low == pytest.approx(stats.wage_at_percentile(low_pct, market.ladder))
    mid_pct = stats.percentile_of(q50, nat, coded).percentile
    assert ask.pct_mid == pytest.approx(mid_pct)
    assert ask.mid == pytest.approx(stats.wage_at_percentile(mid_pct, market.ladder))
    # Within San Francisco's published BLS ladder (10th-90th), never above its 90th percentile.
    assert market.ladder[10] <= ask.low < ask.mid < ask.high <= market.ladder[90]
    assert ask.n == index.n and f"{index.n:,}" in ask.basis and "San Francisco" in ask.basis
    assert "exact duplicates dropped" in ask.basis
    # The old design scaled aijobs' 50th-75th by SF/US medians: far above SF's 90th percentile.
    scale = market.ladder[50] / nat[50]
    assert np.quantile(index.values, 0.75) * scale > ask.high
    assert q75 > nat[90] and ask.capped  # senior records reach past the US 90th: capped


def test_negotiation_range_orders_by_level(wages, salaries):
    market = offers.place_in_market(170_000, wages, SAN_FRANCISCO, OCC)
    asks = [
        offers.negotiation_range(
            market, offers.place_in_index(170_000, salaries, level, "Data scientist"), wages
        )
        for level in ("Entry", "Mid", "Senior")
    ]
    assert asks[0].low < asks[1].low < asks[2].low
    assert asks[0].mid < asks[1].mid < asks[2].mid
    assert asks[0].high <= asks[1].high <= asks[2].high
    for ask in asks:
        assert market.ladder[10] <= ask.low <= ask.high <= market.ladder[90]


def test_negotiation_range_falls_back_to_oews_when_index_is_hidden(wages):
    market = offers.place_in_market(185_080, wages, SAN_JOSE, OCC)
    empty = offers.IndexPlacement(
        185_080, np.nan, 2, "hidden", "x", np.nan, np.nan, np.nan, np.zeros(2)
    )
    ask = offers.negotiation_range(market, empty, wages)
    assert (ask.low, ask.high) == (market.ladder[50], market.ladder[75]) and ask.n == 0
    assert np.isnan(ask.mid)
    assert "too few" in ask.basis


# --- taxes and hubs --------------------------------------------------------------------------


@pytest.mark.parametrize("state", ["TX", "WA"])
def test_no_state_income_tax_in_texas_and_washington(schedule, state):
    tax = offers.after_tax(150_000, state, schedule)
    assert tax.state == 0 and tax.local == 0
    assert tax.federal > 0 and tax.social_security > 0 and tax.medicare > 0
    assert tax.tax_year == int(schedule["tax_year"].iloc[0])
    parts = tax.federal + tax.social_security + tax.medicare + tax.state_payroll
    assert tax.take_home == pytest.approx(150_000 - parts)


def test_nyc_has_local_tax(schedule):
    nyc = offers.after_tax(150_000, "NYC", schedule)
    ny = offers.after_tax(150_000, "NY", schedule)
    assert nyc.local > 0 and ny.local == 0 and nyc.take_home < ny.take_home
    assert nyc.frame()["amount"].sum() == pytest.approx(150_000)


def test_after_tax_outside_the_table_is_a_message(schedule):
    with pytest.raises(ValueError, match="outside that range"):
        offers.after_tax(4_000_000, "CA", schedule)


def test_jurisdiction_for_new_york():
    assert offers.jurisdiction_for(NEW_YORK, METROS, nyc=True) == "NYC"
    assert offers.jurisdiction_for(NEW_YORK, METROS, nyc=False) == "NY"
    assert offers.jurisdiction_for(AUSTIN, METROS, nyc=True) == "TX"
    # Another New York State metro is never taxed as New York City.
    assert offers.jurisdiction_for(BUFFALO, METROS, nyc=True) == "NY"


def test_jurisdiction_for_principal_cities(schedule):
    cities = {INDIANAPOLIS: "IN-MARION", KANSAS_CITY: "MO-KCMO", DENVER: "CO-DENVER"}
    for cbsa, code in cities.items():
        state = METROS.set_index("cbsa").loc[cbsa, "principal_state"]
        assert offers.jurisdiction_for(cbsa, METROS, city=True) == code
        assert offers.jurisdiction_for(cbsa, METROS, city=False) == state
        assert offers.jurisdiction_for(cbsa, METROS, nyc=True) == state
        assert code in set(schedule["jurisdiction"])
    # Cleveland's municipal income tax is not modelled: always taxed as Ohio.
    assert offers.jurisdiction_for(CLEVELAND, METROS, city=True) == "OH"
    assert offers.jurisdiction_for(NEW_YORK, METROS, city=True) == "NY"
    assert offers.jurisdiction_for(AUSTIN, METROS, nyc=True, city=True) == "TX"


@pytest.mark.parametrize("code", ["IN-MARION", "MO-KCMO", "CO-DENVER"])
def test_principal_city_local_tax(schedule, code):
    state = {"IN-MARION": "IN", "MO-KCMO": "MO", "CO-DENVER": "CO"}[code]
    city = offers.after_tax(150_000, code, schedule)
    plain = offers.after_tax(150_000, state, schedule)
    assert city.local > 0 and plain.local == 0
    assert city.take_home == pytest.approx(plain.take_home - city.local)
    assert city.frame()["amount"].sum() == pytest.approx(150_000)
    assert offers.LOCAL_TAXES[code] in offers.tax_line(city)


def test_local_tax_note_names_what_is_included():
    note = offers.local_tax_note(["CA", "NYC", "MO-KCMO"], ["San Francisco", "New York", "KC"])
    assert note.startswith("local tax included: NYC income tax (New York), Kansas City")
    assert "Ohio municipal income tax (Cleveland" in note
    assert offers.local_tax_note(["TX"]).startswith("no local tax included")


def test_worth_in_hubs_follows_price_parities(wages, parities, schedule):
    hubs = [SAN_JOSE, NEW_YORK, AUSTIN, SEATTLE]
    table = offers.worth_in_hubs(
        150_000, SAN_FRANCISCO, hubs, parities, wages, OCC, schedule, METROS, nyc=True
    )
    assert list(table["cbsa"]) == [SAN_FRANCISCO, *hubs] and table["is_home"].iloc[0]
    latest = parities.loc[parities["geo_level"] == "metro", "year"].max()
    rpp = parities[(parities["geo_level"] == "metro") & (parities["year"] == latest)]
    rpp = rpp.set_index("geo_code")["all_items"]
    for row in table.itertuples():
        assert row.rpp == pytest.approx(rpp[row.cbsa])
        assert row.same_power == pytest.approx(150_000 * rpp[row.cbsa] / rpp[SAN_FRANCISCO])
        assert row.real_take_home == pytest.approx(row.take_home / (rpp[row.cbsa] / 100))
    home = table.iloc[0]
    assert home["same_power"] == pytest.approx(150_000)
    assert table.set_index("cbsa").loc[NEW_YORK, "jurisdiction"] == "NYC"
    assert table.set_index("cbsa").loc[SAN_JOSE, "role_median"] == 185_080
    assert table.set_index("cbsa").loc[NEW_YORK, "label"] == "New York, NY"
    # Same gross, no state income tax: Austin keeps more than San Francisco.
    by = table.set_index("cbsa")
    assert by.loc[AUSTIN, "take_home"] > by.loc[SAN_FRANCISCO, "take_home"]


def test_worth_in_hubs_principal_city_taxes(wages, parities, schedule):
    hubs = [INDIANAPOLIS, KANSAS_CITY, DENVER]
    args = (150_000, INDIANAPOLIS, hubs, parities, wages, OCC, schedule, METROS)
    city = offers.worth_in_hubs(*args, city=True).set_index("cbsa")
    plain = offers.worth_in_hubs(*args).set_index("cbsa")
    assert list(city["jurisdiction"]) == ["IN-MARION", "MO-KCMO", "CO-DENVER"]
    assert list(plain["jurisdiction"]) == ["IN", "MO", "CO"]
    assert (city["take_home"] < plain["take_home"]).all()


def test_worth_in_hubs_price_year_comes_from_the_data(wages, parities, schedule):
    older = parities[parities["year"] <= 2019]
    table = offers.worth_in_hubs(
        150_000, SAN_FRANCISCO, [AUSTIN], older, wages, OCC, schedule, METROS
    ).set_index("cbsa")
    rpp = older[(older["geo_code"] == AUSTIN) & (older["year"] == 2019)]["all_items"].iloc[0]
    assert table.loc[AUSTIN, "rpp"] == rpp
    assert hub_data.latest_year(older) == 2019


def test_check_offer_places_in_metro_and_falls_back_to_the_state(wages, salaries):
    kwargs = dict(occ=OCC, level="Senior", track="Data scientist")
    check = offers.check_offer(wages, salaries, cbsa=SAN_FRANCISCO, base=170_000, **kwargs)
    assert check.fallback == "" and check.market.percentile == pytest.approx(
        offers.place_in_market(170_000, wages, SAN_FRANCISCO, OCC).percentile
    )
    kept = offers.check_offer(
        wages, salaries, cbsa=SAN_FRANCISCO, base=170_000, drop_duplicates=False, **kwargs
    )
    assert kept.index.n > check.index.n
    metro_rows = wages[(wages["area_type"] == "metro") & (wages["industry_code"] == "000000")]
    lacking = sorted(set(metro_rows["cbsa"]) - set(metro_rows.loc[metro_rows.occ_code == OCC].cbsa))
    moved = offers.check_offer(wages, salaries, cbsa=lacking[0], base=120_000, **kwargs)
    assert moved.market.area_type in {"state", "national"} and "Showing the" in moved.fallback
