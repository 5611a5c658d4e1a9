"""The browser checks themselves, on a small fixture app with a URL-bound selectbox.

Proves the filter round trip and the page checks work on a page whose behaviour is known
(and tells a broken check apart from a broken page). One server for the module.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from tests.e2e.browser import reserved_ports, streamlit_server
from tests.e2e.checks import (
    check_default_view,
    check_filter_from_url,
    check_filter_from_widget,
    exceptions,
    open_page,
    page_url,
    selectbox,
    warnings,
)
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.page_specs import Filter, PageSpec

pytestmark = pytest.mark.e2e

PICKER = PageSpec(
    "pages/picker.py",
    "picker",
    title="Fixture picker",
    known_text="Chosen colour: red",
    min_charts=1,
    filter=Filter("colour", "Blue", "Colour"),
)


@pytest.fixture(scope="module")
def fixture_url(browser) -> Iterator[str]:
    with streamlit_server(
        "tests/e2e/fixture_app/app.py", log=ARTIFACTS / "fixture-server.log"
    ) as server:
        yield server.url


def test_checks_pass_on_default_view(page, fixture_url, tmp_path):
    check_default_view(page, PICKER, fixture_url, tmp_path / "picker.png")
    assert (tmp_path / "picker.png").stat().st_size > 0


def test_default_view_check_catches_a_wrong_title(page, fixture_url, tmp_path):
    wrong = PageSpec("pages/picker.py", "picker", title="Another title")
    with pytest.raises(AssertionError):
        check_default_view(page, wrong, fixture_url, tmp_path / "x.png")


def test_filter_from_url_and_reload(page, fixture_url):
    check_filter_from_url(page, fixture_url, PICKER.url_path, PICKER.filter)


def test_filter_from_widget_and_reload(page, fixture_url):
    check_filter_from_widget(page, fixture_url, PICKER.url_path, PICKER.filter, reload_after=True)


def test_filter_check_catches_a_value_the_url_does_not_hold(page, fixture_url):
    # The URL holds the shown label ("Blue"); a spec naming the option's code is caught.
    wrong = Filter("colour", "blue", "Colour", shown="Blue")
    with pytest.raises(AssertionError):
        check_filter_from_url(page, fixture_url, PICKER.url_path, wrong)


def test_junk_url_value_warns_without_exception(page, fixture_url):
    from playwright.sync_api import expect

    open_page(page, page_url(fixture_url, "picker", {"colour": "junk"}))
    assert not exceptions(page)
    assert any("is not one this page offers" in w for w in warnings(page)), warnings(page)
    assert "junk" not in " ".join(warnings(page))
    expect(selectbox(page, "Colour")).to_have_value("Red")


def test_a_reserved_port_goes_to_no_one_but_the_server_it_is_for():
    """The port scheme of streamlit_server (tests/e2e/browser.py): a port is held by a bound,
    non-listening SO_REUSEADDR socket until the server answers, so neither another test's
    reservation (bind to port 0) nor a plain bind can take it, while a server binding it with
    SO_REUSEADDR and listening, as Streamlit's uvicorn does, can."""
    with reserved_ports(2) as ports:
        assert len(set(ports)) == 2
        others = []
        try:
            for _ in range(200):  # other reservations meanwhile: never one of ours
                s = socket.socket()
                others.append(s)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind(("127.0.0.1", 0))
                assert s.getsockname()[1] not in ports
        finally:
            for s in others:
                s.close()
        with socket.socket() as plain, pytest.raises(OSError):
            plain.bind(("127.0.0.1", ports[0]))
        with socket.socket() as server:
            server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            server.bind(("127.0.0.1", ports[0]))
            server.listen()
            with socket.create_connection(("127.0.0.1", ports[0]), timeout=5):
                pass
