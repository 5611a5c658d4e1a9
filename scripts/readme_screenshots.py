"""Screenshots of the dashboard for the README, taken in headless Chromium.

    python -m scripts.readme_screenshots [--out docs/screenshots] [--pages hubs offer_check]

Starts `streamlit run dashboard.py` on a free loopback port (stopped at the end, also on
error), opens each page at a desktop width and saves a PNG of its top part. Uses the same
server and browser helpers as the browser tests (tests/e2e/browser.py).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tests.e2e.browser import ROOT, chromium, settle, streamlit_server, wait_for_charts

DEFAULT_PAGES = ("", "hubs", "offer_check", "levels")


def shoot(out: Path, pages: list[str], *, width: int = 1400, height: int = 1500) -> list[Path]:
    """Save `<out>/<page or overview>.png` for each url path in `pages`; return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with streamlit_server(log=out / "server.log") as server, chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": height})
        for path in pages:
            page.goto(f"{server.url}/{path}")
            settle(page)
            wait_for_charts(page, 1)
            page.wait_for_timeout(800)  # let plotly finish its transitions
            target = out / f"{path or 'overview'}.png"
            page.screenshot(path=str(target))
            saved.append(target)
    (out / "server.log").unlink(missing_ok=True)
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--pages", nargs="*", default=list(DEFAULT_PAGES))
    args = parser.parse_args()
    for path in shoot(args.out, args.pages):
        print(path)


if __name__ == "__main__":
    main()
