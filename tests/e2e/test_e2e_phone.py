"""On a phone (390 x 844 px, light) every page answers first.

For each page's default view, in real Chromium:
- its first screen (the top 844 px) links to both tools, Offer check and Pay bands by region
  (the row `ui.layout.tools_bar` draws above every page's title), each link whole and on
  screen;
- its answer or its first chart starts within the first two screens (top < 2 x 844 px). The
  answer is the first Markdown paragraph (`st.markdown`, as `layout.answer` writes it; not a
  caption) after the page's title, and it counts as an answer only when it carries a figure
  outside its questions (a digit: who leads by how much, an interval, n), as an answer
  computed from the data does; a question or an introduction in its place does not answer.
  The first chart is the first plotly chart after the title.

Positions are where an element starts when the page is scrolled to its top: Streamlit scrolls
inside its main block (stMain), not the window, so each element's top on screen is added to
the scroll offsets of the boxes around it. The failure names the page, each element and its
position, so a page author sees how far off it is.
"""

from __future__ import annotations

import re

import pytest

from tests.apptest_helpers import dashboard_pages
from tests.e2e.checks import open_whole_view
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_e2e_screens import MIN_CHARTS

pytestmark = pytest.mark.e2e

PAGES = dashboard_pages()
PHONE = {"width": 390, "height": 844}
SCREEN = PHONE["height"]
TOOLS = ("Offer check", "Pay bands by region")

POSITIONS = r"""
() => {
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  // An element's box when the page is scrolled to its top: its box on screen plus how far
  // each box around it (stMain, a section, the window) is scrolled now.
  const place = e => {
    const r = e.getBoundingClientRect();
    let scrolled = window.scrollY;
    for (let a = e.parentElement; a; a = a.parentElement) scrolled += a.scrollTop;
    return {top: Math.round(r.top + scrolled), bottom: Math.round(r.bottom + scrolled),
            left: Math.round(r.left), right: Math.round(r.right),
            width: Math.round(r.width), height: Math.round(r.height)};
  };
  const shown = e => {
    if (e.closest('details:not([open])') && !e.closest('summary')) return false;
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
  };
  const label = e => {
    const copy = e.cloneNode(true);
    copy.querySelectorAll('[data-testid^="stIcon"], .material-symbols-rounded')
      .forEach(i => i.remove());
    return copy.textContent.replace(/\s+/g, ' ').trim();
  };
  const cut = e => [e, ...e.querySelectorAll('*')].some(d => {
    const st = getComputedStyle(d);
    return (st.overflowX !== 'visible' || st.textOverflow === 'ellipsis')
      && d.scrollWidth > d.clientWidth + 1;
  });
  const tools = [...main.querySelectorAll('.st-key-tools_bar [data-testid="stPageLink"]')]
    .map(e => ({text: label(e), shown: shown(e), cut: cut(e), box: place(e)}));
  const title = [...main.querySelectorAll('h1')].find(shown);
  const after = e =>
    !!title && !!(title.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING);
  const first = selector => {
    const e = [...main.querySelectorAll(selector)].find(x => after(x) && shown(x)
      && !x.querySelector('[data-testid="stCaptionContainer"]') && x.textContent.trim() !== '');
    return e ? {text: label(e).slice(0, 400), box: place(e)} : null;
  };
  const chart = [...main.querySelectorAll('.js-plotly-plot')].find(x => after(x) && shown(x));
  return {
    tools,
    title: title ? {text: label(title), box: place(title)} : null,
    answer: first('[data-testid="stMarkdown"]'),
    chart: chart ? {box: place(chart)} : null,
    screen: {width: document.documentElement.clientWidth, height: window.innerHeight},
  };
}
"""
"""The tools row's links, the title, the answer and the first chart, with their boxes."""


def answers(text: str) -> bool:
    """True when `text` carries a figure outside its questions: "San Jose leads by $15,000"
    does, "How has pay moved since 2020?" does not."""
    statements = re.sub(r"[^.!?]*\?", " ", text)
    return any(c.isdigit() for c in statements)


def phone_problems(found: dict) -> list[str]:
    """What keeps a phone's first screens from doing their job, one line each."""
    problems = []
    width = found["screen"]["width"]
    for tool in TOOLS:
        links = [t for t in found["tools"] if t["text"] == tool]
        if not links:
            problems.append(f"no link to {tool!r} in the tools row")
            continue
        link = links[0]
        box = link["box"]
        if not link["shown"]:
            problems.append(f"the link to {tool!r} is not shown")
        elif box["bottom"] > SCREEN or box["top"] < 0:
            problems.append(
                f"the link to {tool!r} is not on the first screen (top {box['top']} px, "
                f"bottom {box['bottom']} px; the screen is {SCREEN} px)"
            )
        if box["left"] < 0 or box["right"] > width:
            problems.append(
                f"the link to {tool!r} runs off the screen sideways "
                f"({box['left']}..{box['right']} px of {width})"
            )
        if link["cut"]:
            problems.append(f"the link to {tool!r} is cut")
    if found["title"] is None:
        problems.append("no page title (h1)")
        return problems
    answer, chart = found["answer"], found["chart"]
    says = answer is not None and answers(answer["text"])
    tops = [x["box"]["top"] for x in (answer if says else None, chart) if x]
    if not tops or min(tops) >= 2 * SCREEN:
        where = [
            f"title at {found['title']['box']['top']} px",
            (
                f"answer {answer['text'][:80]!r} at {answer['box']['top']} px"
                + ("" if says else " (no figure in it: not an answer)")
                if answer
                else "no answer"
            ),
            f"first chart at {chart['box']['top']} px" if chart else "no chart",
        ]
        problems.append(
            f"neither the answer nor the first chart starts within two screens "
            f"({2 * SCREEN} px): " + "; ".join(where)
        )
    return problems


@pytest.mark.parametrize("entry", PAGES, ids=[p.name for p in PAGES])
def test_phone_answers_first(entry, browser, dashboard_url):
    context = browser.new_context(viewport=PHONE, color_scheme="light")
    page = context.new_page()
    try:
        open_whole_view(page, f"{dashboard_url}/{entry.url_path}", MIN_CHARTS.get(entry.file, 0))
        shot = ARTIFACTS / "phone" / f"{entry.name}.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shot), timeout=90_000)
        found = page.evaluate(POSITIONS)
    finally:
        context.close()
    problems = phone_problems(found)
    assert not problems, f"{entry.name} (phone 390 x 844, light):\n" + "\n".join(problems)


def _place(top: int, height: int = 30, left: int = 10, right: int = 200) -> dict:
    return {"top": top, "bottom": top + height, "left": left, "right": right}


def _found(tools_top: int, answer: str, answer_top: int, chart_top: int | None) -> dict:
    return {
        "tools": [
            {"text": tool, "shown": True, "cut": False, "box": _place(tools_top)} for tool in TOOLS
        ],
        "title": {"text": "Tech hubs", "box": _place(132)},
        "answer": {"text": answer, "box": _place(answer_top)},
        "chart": None if chart_top is None else {"box": _place(chart_top, 400)},
        "screen": {"width": 390, "height": SCREEN},
    }


def test_phone_problems_pass_a_page_that_answers_first():
    found = _found(90, "San Jose leads: $185,080, $14,970 above San Francisco.", 221, 3000)
    assert phone_problems(found) == []
    assert phone_problems(_found(90, "Which metro pays most?", 221, 1600)) == []


def test_phone_problems_name_what_is_too_far_down():
    # The tools row below the first screen, a question in the answer's place, the chart at
    # 1,700 px (past 2 x 844 = 1,688): three problems, each with its position.
    problems = phone_problems(_found(850, "Which metro pays most since 2020?", 221, 1700))
    assert problems == [
        "the link to 'Offer check' is not on the first screen (top 850 px, bottom 880 px; "
        "the screen is 844 px)",
        "the link to 'Pay bands by region' is not on the first screen (top 850 px, bottom "
        "880 px; the screen is 844 px)",
        "neither the answer nor the first chart starts within two screens (1688 px): title "
        "at 132 px; answer 'Which metro pays most since 2020?' at 221 px (no figure in it: "
        "not an answer); first chart at 1700 px",
    ]
    found = _found(90, "x", 221, None)
    found["tools"] = found["tools"][:1]
    found["tools"][0]["cut"] = True
    assert phone_problems(found)[:2] == [
        "the link to 'Offer check' is cut",
        "no link to 'Pay bands by region' in the tools row",
    ]
