"""Browser checks shared by the page tests and the fixture-app self test."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import parse_qs, quote, urlencode, urlparse

from tests.e2e.browser import EXCEPTION, settle, wait_for_charts
from tests.e2e.page_specs import Filter, PageSpec

WAIT_MS = 60_000  # generous: a cold page with real tables can take many seconds on a busy runner
ALERT = "[data-testid='stAlert']"


def page_url(
    base: str, url_path: str, params: Mapping[str, str | Sequence[str]] | None = None
) -> str:
    """The browser URL of a page: base + "/" + url_path (+ "?" + query; a list value is a
    repeated parameter, as the app writes lists)."""
    query = f"?{urlencode(params, doseq=True, quote_via=quote)}" if params else ""
    return f"{base}/{url_path}{query}"


def url_values(page, param: str) -> list[str]:
    """Every value of `param` in the page's URL, decoded (empty when absent)."""
    return parse_qs(urlparse(page.url).query, keep_blank_values=True).get(param, [])


def url_param(page, param: str) -> str | None:
    """The current value of `param` in the page's URL (None when absent; the last one when
    repeated)."""
    values = url_values(page, param)
    return values[-1] if values else None


def exceptions(page) -> list[str]:
    """Texts of the exception boxes on the page (empty when the script ran cleanly)."""
    return [e[:500] for e in page.locator(EXCEPTION).all_inner_texts()]


def warnings(page) -> list[str]:
    """Texts of the warning boxes on the page (a link the page could not use says so)."""
    return [
        text[:500]
        for text in page.locator(
            f"{ALERT}:has([data-testid='stAlertContentWarning'])"
        ).all_inner_texts()
    ]


def open_page(page, url: str) -> None:
    """Go to `url` and wait until the app has finished running."""
    page.goto(url, wait_until="domcontentloaded")
    settle(page)


def reload(page) -> None:
    """Reload the tab (a new session opening the URL the tab shows) and wait for the app."""
    page.reload(wait_until="domcontentloaded")
    settle(page)


def check_default_view(page, spec: PageSpec, base: str, screenshot: Path) -> None:
    """Default view: no exception, the title, >= min_charts charts, known_text when set.

    Saves a full-page screenshot to `screenshot` before asserting, so it exists either way.
    """
    from playwright.sync_api import expect

    open_page(page, page_url(base, spec.url_path))
    try:
        charts = wait_for_charts(page, spec.min_charts)
    finally:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot), full_page=True)
    assert not exceptions(page), (
        f"{spec.file} shows an exception: {exceptions(page)} "
        "(traceback in test-artifacts/e2e/server.log)"
    )
    titles = [t.strip() for t in page.locator("[data-testid='stMain'] h1").all_inner_texts()]
    assert spec.title in titles, (
        f"{spec.file} shows titles {titles}, page_specs.py expects {spec.title!r}"
    )
    expect(page.locator("[data-testid='stMain'] h1", has_text=spec.title).first).to_be_visible(
        timeout=WAIT_MS
    )
    assert charts >= spec.min_charts, f"{spec.file}: {charts} charts, expected {spec.min_charts}"
    assert not warnings(page), f"{spec.file}: the default view warns: {warnings(page)}"
    if spec.known_text is not None:
        expect(page.get_by_text(spec.known_text).first).to_be_visible(timeout=WAIT_MS)


FILTERS_BOX = ".st-key-filters details"
"""A page's filters box (`ui.layout.filters`): a closed expander."""


def open_filters(page) -> None:
    """Open the page's filters box if it has one and it is closed (what a visitor does before
    changing a filter); a page without one is left as it is."""
    box = page.locator(FILTERS_BOX)
    if box.count() and box.first.get_attribute("open") is None:
        box.first.locator("summary").click()
        page.wait_for_function(
            "s => document.querySelector(s)?.hasAttribute('open')", arg=FILTERS_BOX
        )
        page.wait_for_timeout(400)  # the box slides open: a click during it can miss a dropdown


def selectbox(page, label: str):
    """The selectbox (a combobox input) whose label is `label`, with the page's filters box
    opened when the selectbox is in it."""
    box = page.get_by_role("combobox", name=label, exact=True)
    # A widget in a closed box is not in the accessibility tree: no match at all until opened.
    if not box.count() or not box.first.is_visible():
        open_filters(page)
    if not box.count() or not box.first.is_visible():
        open_box_holding(page, label)
    return box


def open_box_holding(page, label: str) -> None:
    """Open the first closed box (an expander, e.g. an offer's inputs on the Offer check)
    holding a widget labelled `label`; nothing when there is none."""
    import re

    name = page.get_by_test_id("stWidgetLabel").filter(has_text=re.compile(f"^{re.escape(label)}$"))
    box = page.locator("details:not([open])").filter(has=name)
    if box.count():
        box.first.locator("summary").first.click()
        page.wait_for_timeout(300)


def multiselect_values(page, label: str) -> list[str]:
    """The chips (selected options, as shown) of the multiselect whose label is `label`."""
    return _chips(page, label).all_inner_texts()


def _chips(page, label: str):
    box = page.locator("[data-testid='stMultiSelect']").filter(
        has=page.locator("[data-testid='stWidgetLabel']", has_text=label)
    )
    return box.first.locator("[data-tag] > span[title]")


def expect_multiselect_values(page, label: str, shown: Sequence[str]) -> None:
    """Wait (up to WAIT_MS) until the multiselect labelled `label` shows exactly `shown`."""
    from playwright.sync_api import expect

    expect(_chips(page, label)).to_have_text(list(shown), timeout=WAIT_MS)


def check_filter_from_url(page, base: str, url_path: str, flt: Filter) -> None:
    """A link with ?param=value selects value; the URL keeps it; a reload keeps both."""
    from playwright.sync_api import expect

    open_page(page, page_url(base, url_path, {flt.param: flt.value}))
    for attempt in ("after opening the link", "after a reload"):
        assert not exceptions(page), f"exception {attempt}: {exceptions(page)}"
        expect(selectbox(page, flt.label)).to_have_value(flt.text, timeout=WAIT_MS)
        assert url_param(page, flt.param) == flt.value, f"URL lost {flt.param} {attempt}"
        if attempt == "after opening the link":
            reload(page)


CHART_SIGNATURE_JS = """() => {
    // A short fingerprint of what every plotly chart on the page draws (its traces' data;
    // not the uid plotly.js may give a trace when it draws it).
    const data = gd => JSON.stringify(gd.data || [], (k, v) => (k === 'uid' ? undefined : v));
    const text = [...document.querySelectorAll('.js-plotly-plot')].map(data).join('|');
    let h = 0;
    for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
    return text.length + ':' + h;
}"""


def chart_signature(page) -> str:
    """Fingerprint of the data drawn by all charts on the page (changes when a chart redraws
    with other data)."""
    return page.evaluate(CHART_SIGNATURE_JS)


ALL_DRAWN_JS = (
    "() => (a => a.length > 0 && a.every(e => e.querySelector('.main-svg')))"
    "([...document.querySelectorAll('.js-plotly-plot')])"
)


def stable_chart_signature(page, *, timeout_ms: float = WAIT_MS, quiet_polls: int = 3) -> str:
    """The chart fingerprint once every chart is drawn (at least one) and it has not changed for
    `quiet_polls` polls 300 ms apart (charts redraw one after another after a rerun)."""
    deadline = time.monotonic() + timeout_ms / 1000
    last, same = None, 0
    while time.monotonic() < deadline:
        current = chart_signature(page) if page.evaluate(ALL_DRAWN_JS) else None
        same = same + 1 if current is not None and current == last else 0
        if same >= quiet_polls:
            return current
        last = current
        page.wait_for_timeout(300)
    raise AssertionError(f"the charts did not settle within {timeout_ms / 1000:.0f} s")


def check_filter_from_widget(
    page, base: str, url_path: str, flt: Filter, *, opened: bool = False, reload_after=False
) -> None:
    """Picking value in the widget (from the default view) writes it into the URL and
    redraws the charts with other data; with `reload_after`, a reload of the URL the app
    wrote (a new session: what a shared link does) shows the same choice.

    `opened`: the tab already shows the page's default view (check_default_view ran).
    """
    from playwright.sync_api import expect

    if not opened:
        open_page(page, page_url(base, url_path))
    before = chart_signature(page)
    box = selectbox(page, flt.label)
    expect(box).to_be_visible(timeout=WAIT_MS)
    assert box.input_value() != flt.text, (
        f"filter value {flt.value!r} is the widget's default: pick another in page_specs.py"
    )
    box.click()
    box.fill(flt.text)  # long option lists are virtualised: narrow them down first
    page.get_by_role("option", name=flt.text, exact=True).click()
    page.wait_for_function(
        "([p, v]) => new URLSearchParams(location.search).get(p) === v",
        arg=[flt.param, flt.value],
        timeout=WAIT_MS,
    )
    settle(page)
    expect(box).to_have_value(flt.text, timeout=WAIT_MS)
    assert not exceptions(page), f"exception after picking {flt.text!r}: {exceptions(page)}"
    page.wait_for_function(
        f"before => ({CHART_SIGNATURE_JS})() !== before", arg=before, timeout=WAIT_MS
    )
    if reload_after:
        redrawn = stable_chart_signature(page)
        reload(page)
        assert not exceptions(page), f"exception after a reload: {exceptions(page)}"
        expect(selectbox(page, flt.label)).to_have_value(flt.text, timeout=WAIT_MS)
        assert url_param(page, flt.param) == flt.value, f"a reload lost {flt.param} in the URL"
        assert not warnings(page), f"the app's own link warns: {warnings(page)}"
        assert stable_chart_signature(page) == redrawn, (
            "after a reload of the URL the app wrote, the charts show other data: the URL "
            "does not hold the whole view"
        )


DRAWN = (
    "() => document.querySelector(\"[data-testid='stApp']\")"
    "?.getAttribute('data-test-script-state') === 'notRunning'"
    " && !document.querySelector(\"[data-testid='stMain'] [data-testid^='stSkeleton']\")"
)
"""True once the script has finished and no element is still a loading placeholder."""


def open_whole_view(page, url: str, min_charts: int) -> None:
    """Open `url` and wait until its view is whole: `min_charts` charts drawn, the script
    finished, no loading placeholder left (a loaded machine left some in CI), and a moment for
    plotly to lay its text out after the first frame."""
    page.goto(url)
    settle(page)
    wait_for_charts(page, min_charts, timeout_ms=90_000)
    page.wait_for_function(DRAWN, timeout=90_000)
    page.wait_for_timeout(800)
