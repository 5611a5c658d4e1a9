"""A crafted link cannot plant a link, an image or markup in any page, read off Chromium's DOM.

The AppTest property test (tests/test_hostile_links.py) reads what the script sends; this
reads what the browser made of it, charts included (plotly draws names, legends, axis labels
and hovers as SVG and renders some HTML tags in them). Every URL parameter of every page
(found by running the page once, as the AppTest test does: each widget bound to the URL and
each value the page records for its share link) gets a hostile value: Markdown links and
images, bare addresses (http://…, www.…, name@host), an HTML anchor and image, emphasis, a
spreadsheet formula. After the page settles, the DOM must hold:

- no element (HTML or SVG) whose href, xlink:href, src, srcset, poster, data, action or style
  points at the hostile host, so no link and no image (an <img>, an SVG <image>) came of it;
- no text naming the host inside a link, and none whose text lost the value's own syntax
  (`[Sign in](http://evil.example` shown as "Sign in": the value became markup);
- and the browser asked the host for nothing (every request to it is recorded and refused).

The Offer check's employer names (`a_label` … `d_label`) are shown in the answer, the cards,
the charts (legend, axis labels, hovers), an expander's title and the tables: they run with
valid offers around them so every one of those places draws them, and the test checks it
reached those places and hovers over the charts' points.

Also read in the browser: each table's own "Download as CSV" (its toolbar) exports the Offer
check's names and an uploaded file's text formula-safe, and a repeated parameter shows the value
its warning names.
"""

from __future__ import annotations

import re
from urllib.parse import quote, quote_plus

import pytest

from tests.apptest_helpers import dashboard_pages, run_page
from tests.e2e.browser import settle
from tests.e2e.checks import WAIT_MS, exceptions, open_page, page_url, warnings
from tests.test_hostile_links import bound_parameters, text_parameters

pytestmark = pytest.mark.e2e

MARK = "evil.example"
HOSTILE = {
    "markdown link": f"[Sign in](http://{MARK}/phish)",
    "markdown image": f"![x](http://{MARK}/p.png)",
    "bare url": f"http://{MARK}/x",
    "www and email": f"www.{MARK} or me@{MARK}",
    "html anchor": f'<a href="http://{MARK}/a">x</a>',
    "html image": f'<img src="http://{MARK}/i.png">',
    "emphasis": f"**{MARK}** _x_ <b>b</b>",
    "formula": f'=HYPERLINK("http://{MARK}","x")',
}
KINDS = list(HOSTILE)
ROUNDS = 2
PAGES = dashboard_pages()
OFFER_PAGE = "app_pages/offer_check.py"
NAMES = ("a_label", "b_label", "c_label", "d_label")
DISCOVERY_LINK = {OFFER_PAGE: {"d_label": "Offer D"}}
"""The link a page is discovered with: the Offer check draws all four offers' inputs."""


def syntax_forms() -> list[str]:
    """What a value shown as text must keep around the host: the value up to the host's end,
    as typed or percent-encoded (a share link in a code block)."""
    forms = []
    for value in HOSTILE.values():
        head = value[: value.index(MARK) + len(MARK)]
        forms += [head, quote(head, safe=""), quote_plus(head, safe="")]
    return forms


SCAN_JS = """([mark, forms, root]) => {
    // Problems a hostile value caused in the DOM under `root` (a selector; the document).
    const scope = root ? document.querySelectorAll(root) : [document.documentElement];
    const problems = [];
    const xlink = 'http://www.w3.org/1999/xlink';
    const names = ['href', 'src', 'srcset', 'poster', 'data', 'action', 'formaction', 'style'];
    const describe = el => (el.outerHTML || '').slice(0, 200);
    for (const top of scope) {
        for (const el of [top, ...top.querySelectorAll('*')]) {
            for (const name of names) {
                const value = el.getAttribute(name);
                if (value && value.includes(mark)) problems.push(`${name}: ${describe(el)}`);
            }
            const x = el.getAttributeNS(xlink, 'href');
            if (x && x.includes(mark)) problems.push(`xlink:href: ${describe(el)}`);
        }
        const inline = new Set(['A', 'STRONG', 'EM', 'B', 'I', 'U', 'S', 'DEL', 'SPAN',
            'TSPAN', 'CODE', 'SUB', 'SUP', 'MARK', 'SMALL', 'KBD', 'tspan', 'a']);
        const walker = document.createTreeWalker(top, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!node.data.includes(mark)) continue;
            const parent = node.parentElement;
            if (!parent || parent.closest('script, style, noscript')) continue;
            if (parent.closest('a')) problems.push(`text in a link: ${describe(parent)}`);
            let block = parent;
            while (inline.has(block.tagName) && block.parentElement) block = block.parentElement;
            const text = block.textContent.replaceAll('\u2060', '');  // ui.text.plain's
            if (!forms.some(f => text.includes(f)))
                problems.push(`shown as markup: ${text.slice(0, 200)}`);
        }
    }
    return problems;
}"""

PLACES_JS = """(mark) => {
    // Where the host's name is shown as text: how many text nodes in each kind of place.
    const places = {
        metric: "[data-testid='stMetricLabel']",
        expander: "[data-testid='stExpander'] summary",
        markdown: "[data-testid='stMain'] [data-testid='stMarkdownContainer']",
        legend: '.js-plotly-plot .legendtext',
        axis: '.js-plotly-plot .ytick, .js-plotly-plot .xtick',
        warning: "[data-testid='stAlertContentWarning']",
    };
    const out = {};
    for (const [name, selector] of Object.entries(places))
        out[name] = [...document.querySelectorAll(selector)]
            .filter(e => e.textContent.includes(mark)).length;
    return out;
}"""

DRAWN_JS = """() => [...document.querySelectorAll('.js-plotly-plot')]
    .every(e => e.querySelector('.main-svg'))"""

FIGURE_JS = """(mark) => {
    // Strings of every drawn figure (data and layout) naming the host with a raw tag plotly
    // would render (<a>, <b>, <img>…): a name must reach plotly HTML-escaped.
    const found = [];
    const seen = new Set();
    const walk = (v, path) => {
        if (typeof v === 'string') {
            if (v.includes(mark) && /<[a-z\\/!]/i.test(v))
                found.push(`${path}: ${v.slice(0, 120)}`);
        } else if (v && typeof v === 'object' && !seen.has(v) && !ArrayBuffer.isView(v)) {
            seen.add(v);
            for (const [k, w] of Object.entries(v)) if (!k.startsWith('_')) walk(w, `${path}.${k}`);
        }
    };
    for (const gd of document.querySelectorAll('.js-plotly-plot')) {
        walk(gd.data || [], 'data');
        walk(gd.layout || {}, 'layout');
    }
    return found;
}"""


@pytest.fixture(scope="module")
def parameters() -> dict[str, tuple[list[str], set[str]]]:
    """Each page's URL parameters and which of them are free text, from one run of the page:
    the widgets bound to the URL and every value a page records for its share link (the
    typed dates write their parameter themselves)."""
    found = {}
    for entry in PAGES:
        at = run_page(entry.file, query_params=DISCOVERY_LINK.get(entry.file))
        recorded = at.session_state.get("_state_link", {})
        params = sorted(set(bound_parameters(at)) | set(recorded))
        found[entry.file] = (params, text_parameters(at))
    return found


def test_discovery_reaches_the_offer_names(parameters):
    params, free = parameters[OFFER_PAGE]
    assert set(NAMES) <= free, free
    assert {"start", "ref", "move", "d_base"} <= set(params)
    assert sum(len(p) for p, _ in parameters.values()) >= 100, parameters


def hostile_link(params: list[str], round_: int) -> dict[str, str]:
    """Round `round_`: parameter j gets kind (round_ * 3 + j) mod len(KINDS)."""
    return {p: HOSTILE[KINDS[(round_ * 3 + j) % len(KINDS)]] for j, p in enumerate(params)}


def names_link(round_: int) -> dict[str, str]:
    """The four employer names, each a hostile kind; over ROUNDS rounds every kind is one."""
    return {name: HOSTILE[KINDS[(round_ * len(NAMES) + j) % len(KINDS)]]
            for j, name in enumerate(NAMES)}  # fmt: skip


def test_rounds_give_the_names_every_kind():
    used = {v for r in range(ROUNDS) for v in names_link(r).values()}
    assert used == set(HOSTILE.values())


def requests_to_the_host(page) -> list[str]:
    """Refuse (and list) every request the tab makes to the hostile host."""
    asked: list[str] = []

    def refuse(route) -> None:
        asked.append(route.request.url)
        route.abort()

    page.route(re.compile(r"^[a-z]+://([^/]*\.)?evil\.example([:/]|$)"), refuse)
    return asked


def open_hostile(page, base: str, url_path: str, link: dict[str, str]) -> list[str]:
    """Open the page with `link`, wait for it and its charts; the requests to the host."""
    asked = requests_to_the_host(page)
    open_page(page, page_url(base, url_path, link))
    page.wait_for_function(DRAWN_JS, timeout=WAIT_MS)
    page.wait_for_timeout(500)  # plotly lays out legends and ticks just after drawing
    return asked


def check_dom(page, asked: list[str], what: str, root: str | None = None) -> None:
    """No exception box, no link/image/markup from a hostile value, no request to the host."""
    assert not exceptions(page), f"{what}: {exceptions(page)}"
    problems = page.evaluate(SCAN_JS, [MARK, syntax_forms(), root])
    assert not problems, f"{what}: " + "\n".join(problems[:10])
    raw = page.evaluate(FIGURE_JS, MARK)
    assert not raw, f"{what}: a chart holds a raw tag: " + "\n".join(raw[:5])
    assert not asked, f"{what}: the browser asked the hostile host for {asked}"


def entry_of(file: str):
    return next(e for e in PAGES if e.file == file)


@pytest.mark.parametrize("round_", range(ROUNDS))
@pytest.mark.parametrize("entry", PAGES, ids=[p.name for p in PAGES])
def test_hostile_link_plants_nothing_in_the_dom(page, dashboard_url, parameters, entry, round_):
    params, _ = parameters[entry.file]
    if not params:
        pytest.skip(f"{entry.name} binds no URL parameter")
    link = hostile_link(params, round_)
    asked = open_hostile(page, dashboard_url, entry.url_path, link)
    check_dom(page, asked, f"{entry.name} round {round_}")


HOVERED_JS = """() => [...document.querySelectorAll('.js-plotly-plot .hoverlayer')]
    .map(e => e.textContent).join(' ')"""


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_offer_names_are_text_everywhere_they_are_shown(page, dashboard_url, round_):
    link = names_link(round_)
    entry = entry_of(OFFER_PAGE)
    asked = open_hostile(page, dashboard_url, entry.url_path, link)
    check_dom(page, asked, f"offer names round {round_}")
    # Each name is an offer of its own (valid terms around it), so each place draws it.
    places = page.evaluate(PLACES_JS, MARK)
    for place in ("metric", "expander", "markdown", "legend", "axis"):
        assert places[place] > 0, f"the names did not reach the {place}: {places}"
    assert places["warning"] == 0, f"a valid name was warned about: {places}"
    # Hovers are drawn only under the pointer: hover over the points of every chart.
    hovered = ""
    points = page.locator(".js-plotly-plot .scatterlayer .point, .js-plotly-plot .bars .point")
    for i in range(min(points.count(), 24)):
        point = points.nth(i)
        if not point.is_visible():
            continue
        point.hover(force=True)
        page.wait_for_timeout(150)
        hovered += page.evaluate(HOVERED_JS)
        check_dom(page, asked, f"offer names round {round_}, hover {i}", ".hoverlayer")
    assert MARK in hovered, "no hover showed an employer's name"


FORMULA_NAMES = {
    "a_label": f'=HYPERLINK("http://{MARK}","x")',
    "b_label": "-2+3 cmd",
    "c_label": "+1 cmd",
    "d_label": "@SUM(1) cmd",
    "a_equity": "100000",  # an offer with equity: the share-price table is drawn too
}
HOSTILE_BANDS = (
    "role,metro,level,min,mid,max\n"
    '"=HYPERLINK(""http://evil.example"",""x"") Senior ML Engineer",Austin,,100000,120000,140000\n'
    "-cmd Data Scientist,Austin,Mid,100000,120000,140000\n"
    "Senior ML Engineer,Austin,,100000,120000,140000\n"
    "15-2051,Austin,Mid,-5,120000,140000\n"
)


def runnable_cells(text: str) -> list[str]:
    """Cells of a CSV a spreadsheet would run as a formula: text starting with = + - @ (a
    number such as -5 is data)."""
    import csv
    import io

    def number(cell: str) -> bool:
        try:
            float(cell)
        except ValueError:
            return False
        return True

    return [
        cell
        for row in csv.reader(io.StringIO(text))
        for cell in row
        if cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r")) and not number(cell)
    ]


def grid_csvs(page) -> list[str]:
    """The CSV each table in view gives by its own "Download as CSV" (its toolbar)."""
    # Streamlit saves through the File System Access API when the browser has it; without it,
    # as a download Playwright can read.
    blocks = page.locator("[data-testid='stElementContainer']:has([data-testid='stDataFrame'])")
    texts = []
    for i in range(blocks.count()):
        block = blocks.nth(i)
        if not block.is_visible():  # in a closed expander
            continue
        block.evaluate("e => e.scrollIntoView({block: 'center'})")
        block.hover()  # the toolbar shows under the pointer
        button = block.get_by_role("button", name="Download as CSV")
        with page.expect_download() as saved:
            button.evaluate("b => b.click()")  # the sticky header may cover it
        with open(saved.value.path(), encoding="utf-8-sig") as file:
            texts.append(file.read())
    return texts


NO_PICKER = "window.showSaveFilePicker = undefined;"


def test_offer_grids_export_names_formula_safe(page, dashboard_url):
    page.add_init_script(NO_PICKER)
    open_page(page, page_url(dashboard_url, entry_of(OFFER_PAGE).url_path, FORMULA_NAMES))
    texts = grid_csvs(page)
    assert len(texts) >= 4, "the Offer check draws its four tables"
    for text in texts:
        assert "cmd" in text, f"a table without the employers' names:\n{text[:300]}"
        assert not runnable_cells(text), runnable_cells(text)


def test_upload_grids_export_the_files_text_formula_safe(page, dashboard_url, tmp_path):
    page.add_init_script(NO_PICKER)
    asked = requests_to_the_host(page)
    open_page(page, page_url(dashboard_url, "pay_bands"))
    path = tmp_path / "bands.csv"
    path.write_text(HOSTILE_BANDS, encoding="utf-8")
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(path))
    page.wait_for_timeout(500)
    settle(page)
    texts = [t for t in grid_csvs(page) if "role" in t or "problem" in t]
    assert len(texts) >= 2, "the upload's problems and its checked rows"
    assert any("spreadsheet formula" in t for t in texts)
    assert not [c for t in texts for c in runnable_cells(t)]
    check_dom(page, asked, "an upload's problems")  # the file's text shown as text too


def test_repeated_parameters_show_the_value_the_warning_names(page, dashboard_url):
    """In the browser as in AppTest (tests/test_repeated_params.py): Streamlit's binding seeds
    a widget from the last of repeated values; the warning names that one."""
    from playwright.sync_api import expect

    link = {"a_base": ["150000", "160000"], "a_label": ["Acme", "Beta"]}
    open_page(page, page_url(dashboard_url, entry_of(OFFER_PAGE).url_path, link))
    assert not exceptions(page)
    expect(page.get_by_label("Base salary ($/yr)").first).to_have_value("160000")
    expect(page.get_by_label("Employer").first).to_have_value("Beta")
    said = " ".join(warnings(page))
    for param, shown in (("a_base", "160,000"), ("a_label", "“Beta”")):
        named = f"“{param}” is given 2 times where this page takes one value; showing the last"
        assert f"{named} ({shown})" in said, said
    metrics = page.locator("[data-testid='stMetricLabel']").all_inner_texts()
    assert any(m.startswith("Beta:") for m in metrics), metrics
