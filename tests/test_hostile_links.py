"""A crafted link cannot break a page or plant content in it.

Every URL parameter of every page (found by running the page: each widget bound to the URL)
is driven with hostile values: Markdown links and images, bare addresses (which GitHub-flavoured
Markdown links by itself), HTML, a spreadsheet formula, a 100 kB value, right-to-left
overrides, NaN and infinities, repeats and old-format lists. Each page runs ROUNDS times with
every parameter set at once, the kinds rotated over the parameters, so every parameter meets
several kinds and every kind several parameters. Each run must end without an exception or an
error box, and no text the page shows may carry the link's content (no link, image or tag can
come out of it). A free-text parameter (an employer's name, a text input) is data: its own
input box holds it as typed, and everywhere else it is shown escaped, never as markup;
tests/e2e checks the same in Chromium's DOM, charts included.
"""

from __future__ import annotations

import re

import pytest

from tests.apptest_helpers import dashboard_pages, exception_summary, run_page

PAGES = dashboard_pages()
MARK = "evil.example"
HOSTILE: dict[str, str | list[str]] = {
    "markdown link": f"[Sign in](http://{MARK}/phish)",
    "markdown image": f"![x](http://{MARK}/pixel.png)",
    "bare addresses": f"http://{MARK}/x www.{MARK} me@{MARK}",
    "html anchor": f'<a href="http://{MARK}/a">x</a>',
    "formula": f'=HYPERLINK("http://{MARK}","x")',
    "html": f"<img src='http://{MARK}/x.png'><script>alert('{MARK}')</script>",
    "huge": f"{MARK} " + "A" * 100_000,
    "rtl": f"\u202e{MARK}\u202c",
    "nan": "NaN",
    "inf": "-inf",
    "repeats": [f"{MARK}", f"{MARK}"],
    "old list with junk": f"15-2051~{MARK}~15-2051",
}
AUTOLINK = re.compile(rf"(https?://|www\.)\S*{re.escape(MARK)}|@{re.escape(MARK)}", re.I)
"""A bare address of the hostile host as GitHub-flavoured Markdown links it."""


def walk(node):
    """Every node of an AppTest element tree."""
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from walk(child)


def bound_parameters(at) -> list[str]:
    """The URL parameters of the widgets a page run bound to the URL."""
    keys = []
    for node in walk(at._tree):
        proto = getattr(node, "proto", None)
        key = getattr(proto, "query_param_key", "") if proto is not None else ""
        if key:
            keys.append(key)
    return sorted(set(keys))


def text_parameters(at) -> set[str]:
    """The URL parameters bound to free-text inputs."""
    return {
        node.proto.query_param_key
        for node in walk(at._tree)
        if type(node).__name__ == "TextInput" and getattr(node.proto, "query_param_key", "")
    }


def shown_text(at) -> str:
    """Everything the page displays as text (markdown bodies, labels, captions, metrics…),
    except what a visitor's own text box holds."""
    parts = []
    for node in walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None or type(node).__name__ in ("PlotlyChart", "Dataframe", "TextInput"):
            continue
        parts.append(str(proto))
    return "\n".join(parts)


def _strings(message) -> list[str]:
    out = []
    for field, value in message.ListFields():
        values = value if field.is_repeated else [value]
        for v in values:
            if isinstance(v, str):
                out.append(v)
            elif hasattr(v, "ListFields"):
                out += _strings(v)
    return out


def shown_strings(at) -> list[str]:
    """The strings of shown_text as the page sends them (not the protobuf text format's
    escapes)."""
    return [
        s
        for node in walk(at._tree)
        if (proto := getattr(node, "proto", None)) is not None
        and type(node).__name__ not in ("PlotlyChart", "Dataframe", "TextInput")
        and hasattr(proto, "ListFields")
        for s in _strings(proto)
    ]


@pytest.fixture(scope="module")
def parameters() -> dict[str, list[str]]:
    """Each page's bound URL parameters, from one default run."""
    return {entry.file: bound_parameters(run_page(entry.file)) for entry in PAGES}


def test_every_page_binds_parameters(parameters):
    # The property below is only as strong as the parameters it reaches.
    assert sum(len(v) for v in parameters.values()) >= 40, parameters
    assert parameters["app_pages/hubs.py"] == ["metros", "occ", "view"]


ROUNDS = 3
KINDS = list(HOSTILE)


def hostile_link(params: list[str], round_: int) -> dict[str, str | list[str]]:
    """Round `round_` of the rotation: parameter j gets kind (round_ * 4 + j) mod len(KINDS)."""
    return {p: HOSTILE[KINDS[(round_ * 4 + j) % len(KINDS)]] for j, p in enumerate(params)}


def test_rotation_reaches_every_kind_and_parameter(parameters):
    used = {
        str(value)
        for params in parameters.values()
        for r in range(ROUNDS)
        for value in hostile_link(params, r).values()
    }
    assert used == {str(v) for v in HOSTILE.values()}
    for params in parameters.values():
        for j, _ in enumerate(params):
            kinds = {KINDS[(r * 4 + j) % len(KINDS)] for r in range(ROUNDS)}
            assert len(kinds) == ROUNDS


@pytest.mark.parametrize("entry", PAGES, ids=[p.name for p in PAGES])
@pytest.mark.parametrize("round_", range(ROUNDS))
def test_hostile_values_never_break_or_plant(entry, round_, parameters):
    params = parameters[entry.file]
    if not params:
        pytest.skip(f"{entry.name} binds no URL parameter")
    link = hostile_link(params, round_)
    at = run_page(entry.file, query_params=link)
    assert not at.exception, f"{entry.file} raised:\n{exception_summary(at)}"
    assert not at.error, [e.value for e in at.error]
    text = shown_text(at)
    assert MARK not in text, f"{entry.name}: the link's text reached the page ({link})"
    # A tag may appear only escaped (a visitor's own name, shown as the text it is).
    assert not re.search(r"(?<!\\)<(script|img|a\b)", text), f"{entry.name}: a tag reached the page"
    # Markdown links a bare address even when its characters are escaped: shown text must
    # break each one (ui.text.plain), so none is left once the escapes are read.
    for shown in shown_strings(at):
        read = re.sub(r"\\(.)", r"\1", shown)
        assert not AUTOLINK.search(read), f"{entry.name}: a bare address reached {shown!r}"
    # Values carrying the mark are unknown to every widget but a text box: each widget the run
    # drew says so, in plain words (Markdown-escaped: "a\\_base").
    free, drawn = text_parameters(at), set(bound_parameters(at))
    marked = [p for p, v in link.items() if MARK in str(v) and p in drawn and p not in free]
    warnings = " ".join(str(w.value) for w in at.warning).replace("\\", "")
    for param in marked:
        assert f"“{param}”" in warnings, f"{entry.name}: no warning for {param}"
