"""The README's first screen says what the app answers and how to run it, and names both
tools with links that open them; the screenshots it shows exist."""

from __future__ import annotations

import re
from pathlib import Path

from tests.apptest_helpers import dashboard_pages

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
FIRST_SCREEN = "\n".join(README.splitlines()[:30])
"""About what a 1400 px browser shows of a rendered README above the fold."""


def test_first_screen_says_how_to_run_it():
    assert "pip install -r requirements.txt" in FIRST_SCREEN
    assert "streamlit run dashboard.py" in FIRST_SCREEN


def test_first_screen_links_both_tools_to_their_pages():
    titles = {p.title: p.url_path for p in dashboard_pages()}
    for tool in ("Offer check", "Pay bands by region"):
        link = re.search(rf"\[{re.escape(tool)}\]\(http://localhost:8501/([^)]*)\)", FIRST_SCREEN)
        assert link, f"the README's first screen does not link {tool}"
        assert link.group(1) == titles[tool], f"{tool}'s link opens /{link.group(1)}"


def test_screenshots_shown_exist():
    shown = re.findall(r"!\[[^]]*\]\(([^)]+)\)", README)
    assert shown
    for path in shown:
        assert (ROOT / path).is_file(), path
