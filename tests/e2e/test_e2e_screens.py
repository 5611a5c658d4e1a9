"""Every page readable on a 390 px phone and a 1400 px screen, in the light and the dark theme.

For each page, width and theme, in real Chromium: each plotly chart's title, subplot titles
and legend items do not overlap one another, its axis tick labels lie inside the chart (none
cut off), and its marks (bars, markers, lines, map bubbles) keep a visible contrast against
the page background. A screenshot of each view is saved in test-artifacts/e2e/screens/ for a
person to look at (the whole page with ATLAS_FULL_SCREENS=1).
"""

from __future__ import annotations

import os

import pytest

from tests.apptest_helpers import dashboard_pages
from tests.e2e.browser import settle, wait_for_charts
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.page_specs import PAGE_SPECS

pytestmark = pytest.mark.e2e

PAGES = dashboard_pages()
MIN_CHARTS = {spec.file: spec.min_charts for spec in PAGE_SPECS}
DRAWN = (
    "() => document.querySelector(\"[data-testid='stApp']\")"
    "?.getAttribute('data-test-script-state') === 'notRunning'"
    " && !document.querySelector(\"[data-testid='stMain'] [data-testid^='stSkeleton']\")"
)
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
        page.goto(f"{dashboard_url}/{entry.url_path}")
        settle(page)
        # Measured only once the view is whole: the page's charts drawn, its script finished
        # and no widget still a loading placeholder (a loaded machine left some in CI).
        wait_for_charts(page, MIN_CHARTS.get(entry.file, 0), timeout_ms=90_000)
        page.wait_for_function(DRAWN, timeout=90_000)
        page.wait_for_timeout(800)  # plotly lays text out after the first frame
        shot = ARTIFACTS / "screens" / f"{entry.name}-{view}.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        # The whole page when a person asks for it (ATLAS_FULL_SCREENS=1), else the first screen.
        full = os.environ.get("ATLAS_FULL_SCREENS") == "1"
        page.screenshot(path=str(shot), full_page=full, timeout=90_000)
        found = page.evaluate(MEASURE)
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
    assert not problems, f"{entry.name} ({view}):\n" + "\n".join(sorted(set(problems))[:20])
