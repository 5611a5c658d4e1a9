"""Every page readable on a 390 px phone and a 1400 px screen, in the light and the dark theme.

For each page, width and theme, in real Chromium: each plotly chart's title, subplot titles
and legend items do not overlap one another, its axis tick labels lie inside the chart (none
cut off), and its marks (bars, markers, lines, map bubbles) keep a visible contrast against
the page background; and no word is cut or hidden (`CUT`): table headers, cells and
columns, metrics, widget labels, expanders, tabs, links, and plotly text at the chart's
edges. Every problem of a view is listed in its one failure. A screenshot of each view is
saved in test-artifacts/e2e/screens/ for a person to look at (the whole page with
ATLAS_FULL_SCREENS=1).
"""

from __future__ import annotations

import os
import re

import pytest

from tests.apptest_helpers import dashboard_pages
from tests.e2e.browser import settle
from tests.e2e.checks import FILTERS_BOX, open_filters, open_whole_view
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.page_specs import PAGE_SPECS

pytestmark = pytest.mark.e2e

PAGES = dashboard_pages()
MIN_CHARTS = {spec.file: spec.min_charts for spec in PAGE_SPECS}
VIEWS = {
    "desktop-light": ({"width": 1400, "height": 1000}, "light"),
    "desktop-dark": ({"width": 1400, "height": 1000}, "dark"),
    "phone-light": ({"width": 390, "height": 844}, "light"),
    "phone-dark": ({"width": 390, "height": 844}, "dark"),
}
MIN_CONTRAST = 1.35
"""Contrast ratio (WCAG formula) a mark's colour must keep against the page background: low
enough for light tints and pale 'thin' bars, high enough to catch a mark that vanishes."""

MEASURE = """
() => {
  const boxes = el => {
    const r = el.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom];
  };
  const out = [];
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    const svg = plot.querySelector('.main-svg');
    if (!svg) continue;
    const labels = [...plot.querySelectorAll('.gtitle, .annotation-text, .legend .legendtext')]
      .filter(e => e.textContent.trim() && e.getBoundingClientRect().width > 0)
      .map(e => ({text: e.textContent.trim().slice(0, 40), box: boxes(e),
                  legend: !!e.closest('.legend')}));
    const ticks = [...plot.querySelectorAll('.xtick text, .ytick text')]
      .filter(e => e.textContent.trim() && e.getBoundingClientRect().width > 0)
      .map(e => ({text: e.textContent.trim().slice(0, 40), box: boxes(e)}));
    const marks = '.bars .point path, .scatterlayer path.point, .geolayer path.point';
    // A colour with its effective opacity: 'rgb(r, g, b)|alpha' (hollow markers have 0).
    const paint = (e, prop) => {
      const st = getComputedStyle(e);
      const alpha = parseFloat(st[prop + 'Opacity'] ?? '1') * parseFloat(st.opacity ?? '1');
      return st[prop] + '|' + alpha;
    };
    const fill = e => paint(e, 'fill');
    const stroke = e => paint(e, 'stroke');
    const fills = [...plot.querySelectorAll(marks)].slice(0, 400).map(fill)
      .concat([...plot.querySelectorAll('.js-line, .errorbar path')].slice(0, 80).map(stroke));
    out.push({svg: boxes(svg), labels, ticks, fills});
  }
  const bg = getComputedStyle(document.querySelector('[data-testid="stApp"]')).backgroundColor;
  return {charts: out, background: bg};
}
"""


CUT = r"""
async offscreenColumns => {
  await document.fonts.ready;
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  const out = [];
  const add = (element, text, why, max = 60) =>
    out.push({element, text: (text || '').replace(/\s+/g, ' ').trim().slice(0, max), why});
  const shown = e => {
    const r = e.getBoundingClientRect();
    // Content of a closed expander keeps a box in Streamlit's DOM but is not on screen.
    const closed = e.closest('details:not([open])');
    if (closed && !e.closest('summary')) return false;
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
  };
  const screenRight = document.documentElement.clientWidth;

  // Tables: st.dataframe is glide-data-grid on a canvas. Its columns (title, width), theme
  // (fonts, padding), visible width and cell texts are read off the grid component's props.
  const ruler = document.createElement('canvas').getContext('2d');
  const textWidth = (text, font) => { ruler.font = font; return ruler.measureText(text).width; };
  const gridProps = canvas => {
    const key = Object.keys(canvas).find(k => k.startsWith('__reactFiber'));
    for (let f = key && canvas[key]; f; f = f.return) {
      const p = f.memoizedProps;
      if (p && Array.isArray(p.columns) && typeof p.getCellContent === 'function' && p.theme)
        return p;
    }
    return null;
  };
  let t = 0;
  for (const df of main.querySelectorAll('[data-testid="stDataFrame"]')) {
    if (!shown(df)) continue;
    t += 1;
    const canvas = df.querySelector('canvas');
    const p = canvas && gridProps(canvas);
    if (!p) { add(`table ${t}`, '', 'its columns could not be read'); continue; }
    const th = p.theme;
    const pad = th.cellHorizontalPadding ?? 8;
    const headerFont = th.headerFontFull || `${th.headerFontStyle} ${th.fontFamily}`;
    const baseFont = th.baseFontFull || `${th.baseFontStyle} ${th.fontFamily}`;
    const titles = new Map();
    let x = 0;
    const hidden = [];
    const rows = Math.min(p.rows, 300);
    p.columns.forEach((c, i) => {
      const title = c.title || '';
      const name = `table ${t} column ${JSON.stringify(title)}`;
      if (title) titles.set(title, (titles.get(title) || 0) + 1);
      const icon = c.icon ? (th.headerIconSize ?? 18) + pad : 0;
      const need = textWidth(title, headerFont) + 2 * pad + icon;
      if (need > c.width + 1)
        add(`table ${t} header`, title,
            `is cut: needs ${Math.ceil(need)} px, the column is ${c.width} px`);
      // Where the column's text ends (the header's and each cell's, as aligned): past the
      // table's visible width, the column is (partly) hidden.
      let worst = null, worstWidth = 0, textEnd = x + Math.min(need, c.width) - pad;
      for (let r = 0; r < rows; r++) {
        let cell;
        try { cell = p.getCellContent([i, r]); } catch (e) { break; }
        const text = typeof cell?.displayData === 'string' ? cell.displayData : null;
        if (!text) continue;
        const w = textWidth(text.split('\n')[0], baseFont) + 2 * pad;
        if (w > worstWidth) { worstWidth = w; worst = text; }
        const end = cell.contentAlign === 'right' ? c.width
          : cell.contentAlign === 'center' ? (c.width + Math.min(w, c.width)) / 2
          : Math.min(w, c.width);
        textEnd = Math.max(textEnd, x + end - pad);
      }
      if (worst !== null && worstWidth > c.width + 1)
        add(name, worst,
            `cell is cut: needs ${Math.ceil(worstWidth)} px, the column is ${c.width} px`);
      if (offscreenColumns && textEnd > p.width + 1) hidden.push(title);
      x += c.width;
    });
    if (hidden.length)
      add(`table ${t}`, hidden.join(' | '),
          `${hidden.length === 1 ? 'column is' : 'columns are'} off-screen: the columns take `
          + `${Math.round(x)} px, the table shows ${p.width} px`, 400);
    for (const [title, n] of titles)
      if (n > 1) add(`table ${t}`, title, `${n} columns have this title`);
  }

  // Text that Streamlit truncates (ellipsis, overflow hidden) or that runs off the screen.
  const clipped = root => {
    for (const e of [root, ...root.querySelectorAll('*')]) {
      if (!e.clientWidth && !e.clientHeight) continue;
      // a checkbox's or radio's own input: visually hidden (1 px) on purpose
      if (e !== root && (e.tagName === 'INPUT' || e.clientWidth < 3)) continue;
      const st = getComputedStyle(e);
      const clips = st.overflowX !== 'visible' || st.textOverflow === 'ellipsis';
      if (clips && e.scrollWidth > e.clientWidth + 1)
        return `is cut (${e.scrollWidth} px of text in ${e.clientWidth} px)`;
      const clipsY = st.overflowY === 'hidden' || st.overflowY === 'clip';
      if (clipsY && e.scrollHeight > e.clientHeight + 3)
        return `is cut (${e.scrollHeight} px high in ${e.clientHeight} px)`;
    }
    // Off-screen unless a box of its own scrolls it sideways (multiselect chips, tab bars).
    for (let e = root.parentElement; e && e !== main; e = e.parentElement) {
      const x = getComputedStyle(e).overflowX;
      if ((x === 'auto' || x === 'scroll') && e.scrollWidth > e.clientWidth + 1) return null;
    }
    const r = root.getBoundingClientRect();
    if (r.right > screenRight + 1 || r.left < -1)
      return `runs off the screen (${Math.round(r.left)}..${Math.round(r.right)} px `
        + `of ${screenRight})`;
    return null;
  };
  const KINDS = [
    ['metric label', '[data-testid="stMetricLabel"]'],
    ['metric value', '[data-testid="stMetricValue"]'],
    ['metric delta', '[data-testid="stMetricDelta"]'],
    ['widget label', '[data-testid="stWidgetLabel"]'],
    ['widget value', '[data-testid="stSelectbox"] input[role="combobox"], '
      + '[data-testid="stMultiSelect"] [data-tag] > span[title]'],
    ['choice', '[data-testid="stButtonGroup"] button, [data-testid="stRadio"] label, '
      + '[data-testid="stCheckbox"] label'],
    ['expander', '[data-testid="stExpander"] summary'],
    ['tab', '[data-baseweb="tab"], [role="tab"]'],
    ['link', '[data-testid="stPageLink"]'],
    ['button', '[data-testid="stBaseButton-secondary"], [data-testid="stBaseButton-primary"], '
      + '[data-testid^="stDownloadButton"] button'],
  ];
  // A widget's text without its Material icon's name (the icon is drawn from a ligature).
  const label = e => {
    if (e.tagName === 'INPUT') return e.value;
    const copy = e.cloneNode(true);
    copy.querySelectorAll('[data-testid^="stIcon"], .material-symbols-rounded')
      .forEach(i => i.remove());
    return copy.textContent;
  };
  const seen = new Set();
  for (const [kind, selector] of KINDS) {
    for (const e of main.querySelectorAll(selector)) {
      if (seen.has(e) || !shown(e) || !label(e).trim()) continue;
      seen.add(e);
      const why = clipped(e);
      if (why) add(kind, label(e), why);
    }
  }
  // Tabs beyond the tab bar's visible width (it scrolls sideways) are hidden.
  for (const list of main.querySelectorAll('[role="tablist"]')) {
    if (!shown(list)) continue;
    const box = list.getBoundingClientRect();
    for (const tab of list.querySelectorAll('[role="tab"]')) {
      const r = tab.getBoundingClientRect();
      if (r.right > box.right + 1 || r.left < box.left - 1)
        add('tab', label(tab), 'is hidden beyond the tab bar\'s edge');
    }
  }

  // Plotly text beyond the chart's edges; tick labels shortened to '…'.
  let n = -1;
  for (const plot of main.querySelectorAll('.js-plotly-plot')) {
    n += 1;
    const svg = plot.querySelector('.main-svg');
    if (!svg || !shown(plot)) continue;
    const s = svg.getBoundingClientRect();
    for (const e of plot.querySelectorAll('.main-svg text')) {
      if (e.closest('.hoverlayer') || !e.textContent.trim()) continue;
      const r = e.getBoundingClientRect();
      if (!r.width) continue;
      const tick = !!e.closest('.xtick, .ytick');
      if (tick && /(…|\.\.\.)$/.test(e.textContent.trim()))
        add(`chart ${n} tick`, e.textContent, 'is shortened');
      // (ticks cut at the sides are reported by the tick check above)
      const sides = !tick && (r.left < s.left - 1 || r.right > s.right + 1);
      if (sides || r.top < s.top - 1 || r.bottom > s.bottom + 1) {
        const what = tick ? 'tick' : e.closest('.annotation') ? 'annotation'
          : e.closest('.legend') ? 'legend' : e.closest('.gtitle, .g-gtitle') ? 'title'
          : e.closest('.g-xtitle, .g-ytitle') || /^[xy]\d*title$/.test(e.getAttribute('class'))
            ? 'axis title'
          : e.closest('.bars, .trace.bars') ? 'bar text' : 'text';
        add(`chart ${n} ${what}`, e.textContent, "is cut by the chart's edge");
      }
    }
  }
  return out;
}
"""
"""Every word the view cuts or hides, as {element, text, why}: st.dataframe headers and cells
wider than their column (glide-data-grid draws on a canvas: the columns, widths, theme fonts
and cell texts are read off the grid component's React props and measured with the canvas'
measureText in the grid's own fonts), two columns with one title, columns beyond the table's
visible width (their text past it; with the argument true: on a wide screen, as a phone
scrolls a table sideways),
metric labels, values and deltas, widget labels and values, segmented controls, radio and
checkbox options, expander summaries, tabs, page links and buttons whose text is truncated
(scrollWidth > clientWidth where overflow clips) or runs off the screen, tabs beyond the tab
bar, and plotly text (titles, annotations, bar text, legends, axis titles) beyond the chart's
edges or tick labels shortened to '…'. Tables are numbered among the tables shown (1 = the
first table on screen, closed expanders skipped), charts among all charts (0 = the first)."""

WIDE = 1000
"""From this viewport width on, a table column beyond the table's box counts as hidden."""


def cut_words(page, width: int) -> list[str]:
    """Problems of `CUT` in the page as it shows, one line each: element, text, why."""
    found = page.evaluate(CUT, width >= WIDE)
    return [f"{c['element']}: {c['text']!r} {c['why']}" for c in found]


def rgb(text: str) -> tuple[float, float, float, float] | None:
    """'rgb(1, 2, 3)' / 'rgba(1, 2, 3, 0.5)', optionally '|<opacity>' -> (r, g, b, alpha);
    None for 'none'."""
    text, _, opacity = text.partition("|")
    if not text or not text.startswith("rgb"):
        return None
    parts = [float(p) for p in text[text.index("(") + 1 : -1].split(",")]
    alpha = parts[3] if len(parts) == 4 else 1.0
    return (*parts[:3], alpha * (float(opacity) if opacity else 1.0))


def luminance(r: float, g: float, b: float) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(fill: tuple, background: tuple) -> float:
    """WCAG contrast ratio of `fill` (alpha-blended onto `background`) against `background`."""
    r, g, b, a = fill
    br, bg, bb, _ = background
    mixed = (r * a + br * (1 - a), g * a + bg * (1 - a), b * a + bb * (1 - a))
    hi, lo = sorted((luminance(*mixed) + 0.05, luminance(br, bg, bb) + 0.05), reverse=True)
    return hi / lo


def overlaps(a: list[float], b: list[float], slack: float = 2.0) -> bool:
    return not (
        a[2] - slack <= b[0] or b[2] - slack <= a[0] or a[3] - slack <= b[1] or b[3] - slack <= a[1]
    )


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("entry", PAGES, ids=[p.name for p in PAGES])
def test_charts_are_readable(entry, view, browser, dashboard_url):
    size, scheme = VIEWS[view]
    context = browser.new_context(viewport=size, color_scheme=scheme)
    page = context.new_page()
    try:
        # Measured only once the view is whole.
        open_whole_view(page, f"{dashboard_url}/{entry.url_path}", MIN_CHARTS.get(entry.file, 0))
        shot = ARTIFACTS / "screens" / f"{entry.name}-{view}.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        # The whole page when a person asks for it (ATLAS_FULL_SCREENS=1), else the first screen.
        full = os.environ.get("ATLAS_FULL_SCREENS") == "1"
        page.screenshot(path=str(shot), full_page=full, timeout=90_000)
        found = page.evaluate(MEASURE)
        cut = cut_words(page, size["width"])
        # The page's filters box (closed by default) holds its widgets: opened, their labels
        # and values are checked too.
        if page.locator(FILTERS_BOX).count():
            open_filters(page)
            settle(page)
            page.wait_for_timeout(300)
            cut += cut_words(page, size["width"])
    finally:
        context.close()
    background = rgb(found["background"])
    problems = []
    for i, chart in enumerate(found["charts"]):
        svg = chart["svg"]
        labels = chart["labels"]
        for j, a in enumerate(labels):
            for b in labels[j + 1 :]:
                if a["legend"] and b["legend"]:
                    continue  # legend items are laid out by plotly itself
                if overlaps(a["box"], b["box"]):
                    problems.append(f"chart {i}: {a['text']!r} overlaps {b['text']!r}")
        for tick in chart["ticks"]:
            box = tick["box"]
            if box[0] < svg[0] - 1 or box[2] > svg[2] + 1:
                problems.append(f"chart {i}: tick label {tick['text']!r} is cut off")
        for fill in {f for f in chart["fills"] if f}:
            colour = rgb(fill)
            if colour is None or colour[3] < 0.05:
                continue  # a hollow marker: its outline carries the colour
            ratio = contrast(colour, background)
            if ratio < MIN_CONTRAST:
                problems.append(f"chart {i}: a mark {fill} has contrast {ratio:.2f}")
    problems += cut
    problems = list(dict.fromkeys(problems))  # each once, in the page's order
    assert not problems, f"{entry.name} ({view}): {len(problems)} unreadable or cut:\n" + "\n".join(
        problems
    )


CUT_FIXTURE = """
<div data-testid="stMain" style="width: 380px; font: 14px sans-serif">
  <div data-testid="stMetricLabel"
       style="width: 60px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap">
    Median pay after tax and prices</div>
  <div data-testid="stMetricValue" style="width: 300px; overflow: hidden">$185,080</div>
  <div role="tablist" style="width: 150px; overflow: hidden; display: flex">
    <button role="tab" style="flex: none; width: 80px">Raw</button>
    <button role="tab" style="flex: none; width: 80px">Adjusted</button>
  </div>
  <details><summary>Closed box</summary>
    <div data-testid="stWidgetLabel" style="width: 10px; overflow: hidden">Never seen</div>
  </details>
  <div data-testid="stDataFrame" style="width: 200px; height: 50px"><canvas></canvas></div>
  <div class="js-plotly-plot">
    <svg class="main-svg" width="200" height="100">
      <g class="g-gtitle"><text class="gtitle" x="10" y="20">Fits</text></g>
      <g class="annotation"><text class="annotation-text" x="150" y="50">A long note</text></g>
      <g class="xtick"><text x="10" y="90">Machine l…</text></g>
    </svg>
  </div>
</div>
"""
"""A page with one of each problem `CUT` knows outside the grid, and text that fits."""


def test_cut_words_find_each_kind_of_cut_text(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.set_content(CUT_FIXTURE)
        found = cut_words(page, 390)
    finally:
        context.close()
    # Text widths depend on the fonts installed: compared without them.
    assert [re.sub(r"\d+ px of text", "N px of text", f) for f in found] == [
        "table 1: '' its columns could not be read",
        "metric label: 'Median pay after tax and prices' is cut (N px of text in 60 px)",
        "tab: 'Adjusted' is hidden beyond the tab bar's edge",
        "chart 0 annotation: 'A long note' is cut by the chart's edge",
        "chart 0 tick: 'Machine l…' is shortened",
    ]
