"""The "Share this …" box of Offer check and Pay bands (ui.state.share_link, share_note): the
default view's link is the bare page address, with no dangling "?", and says so."""

from __future__ import annotations

from ui.state import share_link, share_note

URL = "https://atlas.example/offer_check"
HOLDS = "The link holds every offer and choice above; opening it shows the same comparison."


def test_a_default_view_link_is_the_bare_address():
    assert share_link(URL, "") == URL
    assert share_note("", HOLDS) == "This is the default view: the page's address is its link."


def test_a_chosen_view_link_carries_its_query():
    assert share_link(URL, "a_base=180000&ref=35620") == f"{URL}?a_base=180000&ref=35620"
    assert share_note("a_base=180000", HOLDS) == HOLDS
