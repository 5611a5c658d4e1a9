"""Run one dashboard page through `dashboard.py` with Streamlit's AppTest.

    from tests.apptest_helpers import run_page

    at = run_page("app_pages/hubs.py", query_params={"metro": "41940"})
    assert not at.exception
    assert at.title[0].value == "Tech hubs"

The page list is read from dashboard.py's source (the `st.Page(...)` calls), so the smoke test,
the browser tests and the benchmarks follow the navigation as it changes, without running it.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "dashboard.py"


@dataclass(frozen=True)
class PageEntry:
    """One `st.Page(...)` in dashboard.py.

    file: path relative to the repo root ("app_pages/hubs.py"); title: the navigation title;
    url_path: the browser path Streamlit serves it at ("" for the default page);
    default: whether it is the default page; custom_url: url_path was given explicitly.
    """

    file: str
    title: str
    url_path: str
    default: bool
    custom_url: bool

    @property
    def name(self) -> str:
        """Short name for ids and file names: the file's stem ("hubs")."""
        return Path(self.file).stem


def _literal(node: ast.AST | None, fallback: object) -> object:
    """The value of a literal keyword argument, or `fallback` when absent or not a literal."""
    if node is None:
        return fallback
    try:
        return ast.literal_eval(node)
    except ValueError:
        return fallback


def dashboard_pages(dashboard: Path = DASHBOARD) -> list[PageEntry]:
    """Every `st.Page("<file>", ...)` in `dashboard`, in source order.

    Raises ValueError when none is found (the parsing would then be out of date, and a test
    that silently checks no page is worse than a failing one).
    """
    tree = ast.parse(dashboard.read_text(encoding="utf-8"), filename=str(dashboard))
    pages: list[PageEntry] = []
    calls = sorted(
        (n for n in ast.walk(tree) if isinstance(n, ast.Call)),
        key=lambda n: (n.lineno, n.col_offset),
    )
    for node in calls:
        if not (
            isinstance(node.func, ast.Attribute)
            and node.func.attr == "Page"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            continue
        file = node.args[0].value
        kw = {k.arg: k.value for k in node.keywords if k.arg}
        stem = Path(file).stem
        default = bool(_literal(kw.get("default"), False))
        url_path = _literal(kw.get("url_path"), None)
        title = _literal(kw.get("title"), None)
        pages.append(
            PageEntry(
                file=file,
                title=str(title) if title is not None else stem.replace("_", " "),
                url_path="" if default else str(url_path if url_path is not None else stem),
                default=default,
                custom_url=url_path is not None,
            )
        )
    if not pages:
        raise ValueError(f"no st.Page(...) calls found in {dashboard}")
    if not any(p.default for p in pages):
        # st.navigation makes the first page the default when none is marked.
        first = pages[0]
        pages[0] = PageEntry(first.file, first.title, "", True, first.custom_url)
    return pages


def page_entry(page_file: str) -> PageEntry:
    """The dashboard entry for `page_file` ("app_pages/hubs.py"); KeyError if it is not listed."""
    for entry in dashboard_pages():
        if entry.file == page_file:
            return entry
    raise KeyError(f"{page_file} is not a page in dashboard.py")


def run_page(
    page_file: str,
    query_params: Mapping[str, str] | None = None,
    timeout: float = 60,
):
    """Run `page_file` through dashboard.py (navigation, page config) and return the AppTest.

    `query_params` are set on the simulated URL before the page runs, as a visitor's link
    would. Inspect the result with `at.exception`, `at.title`, `at.get("plotly_chart")`,
    `at.metric`, `at.warning`, `at.query_params` (the URL after the run); interact with
    `at.selectbox(key="hubs_metro").set_value(...).run()`.
    """
    from streamlit.testing.v1 import AppTest
    from streamlit.testing.v1.util import patch_config_options

    at = AppTest.from_file(str(DASHBOARD), default_timeout=timeout)
    entry = page_entry(page_file)
    # The app hides error details from visitors (client.showErrorDetails = "none"); tests
    # need the real message and stack in `at.exception`.
    with patch_config_options({"client.showErrorDetails": "full"}):
        if entry.custom_url:
            # AppTest maps a file to its page by file name until a run has registered the
            # navigation; a custom url_path needs that first run (it shows the default page).
            at.run()
            if at.exception:
                return at
        if not entry.default or entry.custom_url:
            at.switch_page(entry.file)
        at.query_params.clear()
        at.query_params.update(dict(query_params or {}))
        return at.run()


def exception_summary(at) -> str:
    """The exceptions an AppTest run shows, with the last stack lines (for assert messages)."""
    parts = []
    for e in at.exception:
        stack = "\n".join(e.stack_trace[-3:]) if e.stack_trace else ""
        parts.append(f"{e.value}\n{stack}".strip())
    return "\n---\n".join(parts)
