"""AppTest of the Offer check page (up to four offers), run through dashboard.py."""

from __future__ import annotations

import json
import re

import pytest

from analysis.paths import DATA_DIR
from tests.apptest_helpers import default_view, run_page

PAGE = "app_pages/offer_check.py"
pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "wages.parquet").is_file(), reason="data/ not built yet"
)
# Payroll taxes by statute: Social Security 6.2% up to the year's wage base (SSA: $176,100 in
# 2025, $184,500 in 2026), Medicare 1.45%.
SOCIAL_SECURITY, MEDICARE = 0.062, 0.0145
WAGE_BASE = {2025: 176_100, 2026: 184_500}


def keys(at) -> set[str]:
    return {w.key for w in (*at.selectbox, *at.number_input, *at.toggle) if w.key}


def test_default_view_answers_first_then_compares_two_offers_at_published_medians():
    at = default_view(PAGE)
    assert not at.exception and not at.warning and not at.error
    assert at.title[0].value == "Offer check"
    assert (at.selectbox(key="a_metro").value, at.selectbox(key="b_metro").value) == (
        "41860",
        "35620",
    )
    # Default bases: each metro's median for the occupation most ML-engineer titles are filed
    # under, Software Developers (BLS OEWS May 2025), to $1,000: San Francisco $186,640, New
    # York $166,830.
    assert at.number_input(key="a_base").value == 187_000
    assert at.number_input(key="b_base").value == 167_000
    assert "c_metro" not in keys(at)
    # The answer is the first text under the title, and it names the offer whose card shows
    # the most take-home; the year-by-year chart's takeaway follows, naming the same leader.
    said = at.markdown[0].value
    found = re.match(
        r"\*\*(Offer [AB]) leaves the most: \$[\d,]+ a year more than (Offer [AB])\*\*", said
    )
    assert found, said
    take = {m.label.split(":")[0]: int(m.value.strip("$").replace(",", "")) for m in at.metric}
    assert found[1] == max(take, key=take.get) and found[2] == min(take, key=take.get)
    assert at.markdown[1].value.startswith(f"**{found[1]} takes home the most in every year**")
    assert at.subheader[0].value == "Year by year, after tax and prices"
    # Each offer's inputs sit in a box named after its terms.
    boxes = [e.label for e in at.expander]
    assert "Offer A: San Francisco, CA · $187,000 base" in boxes
    assert "Offer B: New York, NY · $167,000 base" in boxes
    cards = " ".join(m.value for m in at.markdown)
    # Each range is read against all US workers and against the pay-transparency states, and
    # the cards say what date and rate the market figures are carried to.
    assert cards.count("read against all US workers of these occupations") == 2
    assert cards.count("Read against the pay-transparency states: $") == 2
    ageing = [c.value for c in at.caption if c.value.startswith("Market ranges:")]
    assert len(ageing) == 1 and "BLS CPI-U" in ageing[0] and "purchasing power" in ageing[0]
    assert [m.label for m in at.metric] == [
        "Offer A: take-home a year, US-average prices",
        "Offer B: take-home a year, US-average prices",
    ]
    years = at.dataframe[0].value
    assert years.groupby("offer")["months"].sum().tolist() == [48, 48]  # four years each
    # Payroll taxes at the statutory rates; take-home is what is left after every tax. The
    # table shows whole dollars (rounded as the cards round), so each figure is within 50
    # cents of the exact one (plus a cent: the schedule stores cents and the page
    # interpolates between its points), and the identity within 50 cents per term.
    capped = years["total"].clip(upper=years["tax_year"].map(WAGE_BASE))
    assert ((years["social_security"] - capped * SOCIAL_SECURITY).abs() <= 0.51).all()
    assert ((years["medicare"] - years["total"] * MEDICARE).abs() <= 0.51).all()
    tax_columns = [*years.filter(like="_tax").columns, "social_security", "medicare"]
    taxes = years[tax_columns].sum(axis=1)
    shown = years[[*tax_columns, "total", "take_home", "real_take_home"]]
    assert (shown % 1 == 0).all().all()  # whole dollars: no cents cut off by the grid
    slack = 0.5 * (len(tax_columns) + 1) + 0.02
    assert ((years["total"] - taxes - years["take_home"]).abs() <= slack).all()
    captions = " ".join(c.value for c in at.caption)
    assert "BLS OEWS, May 2025" in captions and "tax years 2025–2026" in captions


def test_old_single_offer_link_opens_as_offer_a():
    link = {"metro": "35620", "base": "150000", "level": "Mid", "track": "ML engineer",
            "remote": "1", "nyc": "0", "signon": "20000"}  # fmt: skip
    at = run_page(PAGE, link)
    assert not at.exception and not at.warning
    assert at.selectbox(key="a_metro").value == "35620"
    assert at.number_input(key="a_base").value == 150_000
    assert at.number_input(key="a_signon").value == 20_000
    assert at.selectbox(key="a_level").value == "Mid"
    assert at.toggle(key="a_remote").value is True and at.toggle(key="a_lives").value is False
    assert "b_metro" not in keys(at)  # an old link held one offer
    years = at.dataframe[0].value
    # The sign-on is paid in the first year only; not a NYC resident: no NYC income tax.
    assert list(years["total"]) == [170_000, 150_000, 150_000, 150_000]
    assert (years["local_income_tax"] == 0).all() and set(years["jurisdiction"]) == {"NY"}


def test_local_taxes_follow_where_you_live():
    at = run_page(PAGE, {"a_metro": "35620", "b_metro": "26900"})
    assert not at.exception and not at.warning
    years = at.dataframe[0].value
    first = years.groupby("offer").first()
    assert first.loc["Offer A", "local_income_tax"] > 0  # NYC income tax (residents)
    assert first.loc["Offer B", "local_income_tax"] > 0  # Marion County income tax
    captions = " ".join(c.value for c in at.caption)
    assert "local tax included: NYC income tax, Marion County income tax" in captions


def test_share_link_and_reference_prices():
    at = run_page(PAGE, {"ref": "35620", "a_base": "180000"})
    assert not at.exception and not at.warning
    assert at.selectbox(key="ref").value == "35620"
    assert at.metric[0].label == "Offer A: take-home a year, New York, NY prices"
    assert at.number_input(key="a_base").value == 180_000
    # The share box carries the link's choices and says so.
    link = at.code[0].value
    assert link.startswith("?") and "a_base=180000" in link
    assert "The link holds every offer and choice above" in " ".join(c.value for c in at.caption)


def test_the_default_views_share_link_is_the_bare_address():
    at = default_view(PAGE)
    assert "?" not in at.code[0].value  # AppTest has no address: the link is empty
    captions = [c.value for c in at.caption]
    assert "This is the default view: the page's address is its link." in captions
    assert not any("The link holds every" in c for c in captions)


def test_junk_link_values_warn_and_fall_back():
    link = {"a_base": "abc", "a_metro": "99999", "a_level": "<b>", "ref": "zzz"}
    at = run_page(PAGE, link)
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 4
    assert not any(bad in w for w in warnings for bad in ("abc", "99999", "<b>", "zzz"))
    assert at.selectbox(key="a_metro").value == "41860"
    assert at.number_input(key="a_base").value == 187_000
    assert at.selectbox(key="ref").value == "US"
    assert len(at.get("plotly_chart")) == 3


def test_one_bad_offer_is_named_and_the_others_still_compared():
    # Offer A's own vesting adds up to 40%: it is named; B and C are compared.
    link = {"a_vest": "custom", "a_custom": "10/10/10/10", "b_base": "150000", "c_base": "1"}
    at = run_page(PAGE, link | {"c_base": "120000"})
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "Offer A" in warnings and "add up to 40%" in warnings
    assert [m.label.split(":")[0] for m in at.metric] == ["Offer B", "Offer C"]


def test_a_low_base_is_taxed_not_refused():
    # $15,000 a year: under the $20,000 the schedule used to start at, now taxed like any.
    at = run_page(PAGE, {"a_base": "15000"})
    assert not at.exception and not at.warning
    assert at.metric[0].label.startswith("Offer A")


def test_an_ask_above_the_published_90th_percentile_says_so():
    # New York, Senior ML engineer as Data Scientists alone, starting in BLS's own month (no
    # ageing): the level's range runs past New York's published 90th percentile for Data
    # Scientists ($216,030, BLS OEWS May 2025), so matching a much better offer asks for more
    # than BLS publishes there.
    link = {"a_metro": "35620", "a_base": "150000", "a_occ": "15-2051", "b_metro": "41860",
            "b_base": "400000", "start": "2025-05-15"}  # fmt: skip
    at = run_page(PAGE, link)
    assert not at.exception and not at.warning
    ask = next(m.value for m in at.markdown if m.value.startswith("Ask for"))
    assert "above $216,030, the published 90th percentile for Data Scientists" in ask


def test_a_verdict_that_a_choice_of_the_method_flips_could_go_either_way():
    # San Francisco, Senior ML engineer: the range's low edge among all US workers is above
    # its low edge among the pay-transparency states' workers. A base halfway between is
    # below one range and within the other: the card says it could go either way.
    card = next(m.value for m in default_view(PAGE).markdown if "San Francisco" in m.value)
    national, states = (
        int(re.search(pattern, card)[1].replace(",", ""))
        for pattern in (r"in San Francisco, CA: \$([\d,]+) to", r"states: \$([\d,]+) to")
    )
    assert states < national
    base = round((states + national) / 2, -3)
    at = run_page(PAGE, {"a_base": str(base)})
    card = next(m.value for m in at.markdown if m.value.startswith(f"Base ${base:,.0f}"))
    assert card.startswith(f"Base ${base:,.0f} is **below** the range")
    assert "**Could go either way**" in card
    assert "it is within the range read against the pay-transparency states" in card


def test_the_path_caption_names_what_the_tax_schedule_leaves_out_from_its_record():
    at = default_view(PAGE)
    manifest = json.loads((DATA_DIR / "manifest.json").read_text(encoding="utf-8"))
    left_out = [item["tax"] for item in manifest["carried"]["take_home"]["not_included"]]
    captions = " ".join(c.value for c in at.caption)
    note = f"not included: {left_out[0]}; {left_out[1]} and {len(left_out) - 2} more"
    assert note in captions, captions[-400:]


def test_each_card_names_the_visa_wage_level_its_base_reaches():
    # By default an ML engineer is read as Software Developers (15-1252), the occupation most
    # of its titles are filed under. OFLC wage levels, raw wage_levels/15-1252.json: San
    # Francisco County 135,699 / 161,636 / 187,574 / 213,512; New York County 103,209 /
    # 131,996 / 160,804 / 189,592. $170,000 reaches Level II in San Francisco (III from
    # $187,574); $150,000 reaches Level II in New York (III from $160,804).
    at = run_page(PAGE, {"a_base": "170000", "b_base": "150000"})
    lines = [c.value for c in at.caption if c.value.startswith("H-1B wage level")]
    assert len(lines) == 2
    assert lines[0].startswith("H-1B wage level: Level II for") and "III from $187,574" in lines[0]
    assert lines[1].startswith("H-1B wage level: Level II for") and "III from $160,804" in lines[1]
    assert all("as Software Developers" in line for line in lines)


def test_job_and_home_states_for_a_metro_that_spans_states():
    # New York, NY-NJ: the pickers appear only there; a link with a New Jersey home and a New
    # York job is taxed by both states (the larger state tax, no NYC tax); Austin has none.
    at = run_page(PAGE, {"a_metro": "35620", "a_home_state": "NJ", "b_metro": "12420"})
    assert not at.exception and not at.warning
    assert at.selectbox(key="a_work_state").value == "NY"
    assert at.selectbox(key="a_home_state").value == "NJ"
    assert "b_work_state" not in keys(at)
    first = at.dataframe[0].value.groupby("offer").first()
    assert first.loc["Offer A", "jurisdiction"] == "NJ|NY"
    assert first.loc["Offer A", "local_income_tax"] == 0
    captions = " ".join(c.value for c in at.caption)
    assert "lives in NJ, works in NY" in captions
    # Moving the job to New Jersey: New Jersey's taxes alone.
    at.selectbox(key="a_work_state").set_value("NJ").run()
    first = at.dataframe[0].value.groupby("offer").first()
    assert first.loc["Offer A", "jurisdiction"] == "NJ"


def test_each_calendar_year_names_the_tax_rules_it_is_taxed_at():
    # The schedule holds 2025 and 2026 rules: a job from July 2025 is taxed at 2025's rules
    # for 2025, 2026's for 2026, and 2026's (the last published) after.
    at = run_page(PAGE, {"start": "2025-07-01"})
    assert not at.exception
    years = at.dataframe[0].value
    a = years[years["offer"] == "Offer A"]
    assert a["year"].tolist() == [2025, 2026, 2027, 2028, 2029]
    assert a["tax_year"].tolist() == [2025, 2026, 2026, 2026, 2026]
    assert a["months"].tolist() == [6, 12, 12, 12, 6]
