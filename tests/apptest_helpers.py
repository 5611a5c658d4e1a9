"""Run one dashboard page through `dashboard.py` with Streamlit's AppTest.

    from tests.apptest_helpers import run_page

    at = run_page("app_pages/hubs.py", query_params={"metros": ["San Jose, CA", "Austin, TX"]})
    assert not at.exception
    assert at.title[0].value == "Tech hubs"
    assert at.multiselect(key="metros").value == ["41940", "12420"]

Widgets are bound to the URL with Streamlit's `bind="query-params"`: a widget's KEY is its URL
parameter (`occ`, `metros`, `view`, ...), the URL holds the option as the widget shows it
(`?occ=Software+Developers+(15-1252)`), a list is a repeated parameter (pass a Python list)
and older links (`?occ=15-1252`, `?metros=41940~42660`, `?dups=1`) still work. AppTest's
`at.query_params` after a run does NOT reliably show what the binding writes (it can echo the
link or come back empty): what a widget puts in the URL is checked in a real browser
(tests/e2e), AppTest checks what the page shows.

The page list is read from dashboard.py's source (the `st.Page(...)` calls), so the smoke test,
the browser tests and the benchmarks follow the navigation as it changes, without running it.
"""

from __future__ import annotations

import ast
import shutil
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "dashboard.py"
UNAVAILABLE = "not available"
"""What a page says when it cannot show what it is for (`ui.cache.require`: "The data behind
this page is not available: ..."): a default view must never say it."""


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


QueryParams = Mapping[str, str | Sequence[str]]


def run_page(page_file: str, query_params: QueryParams | None = None, timeout: float = 120):
    """Run `page_file` through dashboard.py (navigation, page config) and return the AppTest.

    `query_params` are the visitor's link: {"occ": "Data Scientists (15-2051)"}; a list value
    is a repeated parameter ({"metros": ["San Jose, CA", "Austin, TX"]}). Inspect the result
    with `at.exception`, `at.title`, `at.get("plotly_chart")`, `at.metric`, `at.warning`;
    interact with `at.selectbox(key="occ").set_value("15-1252").run()` (widget keys are the
    URL parameters; values are the options, e.g. codes, not the labels).
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
        at.query_params.update(
            {k: v if isinstance(v, str) else list(v) for k, v in (query_params or {}).items()}
        )
        return at.run()


def pick(at, key: str, shown: str):
    """Pick the option shown as `shown` in the selectbox `key` and rerun, as a visitor would.

    The browser sends the shown text; AppTest's own setters take the option itself (or try
    the text through the widget's format_func, which not every page's accepts), so the
    selection is made by position, as the frontend reports it."""
    box = at.selectbox(key=key)
    index = list(box.options).index(shown)

    class Picked(type(box)):
        @property
        def index(self) -> int:
            return index

    box.__class__ = Picked
    box._value = shown  # no longer the initial value: the state is sent
    return box.run()


def chart_specs(at) -> list[str]:
    """The plotly figure JSON of every chart the run draws, in page order."""
    return [chart.proto.spec for chart in at.get("plotly_chart")]


_DEFAULT_VIEWS: dict[str, object] = {}


def default_view(page_file: str):
    """The AppTest of `page_file`'s default view (no link parameters), run once per test session
    and shared: read it, never interact with it (use `run_page` for that)."""
    if page_file not in _DEFAULT_VIEWS:
        _DEFAULT_VIEWS[page_file] = run_page(page_file)
    return _DEFAULT_VIEWS[page_file]


def forget_default_views() -> None:
    """Drop the shared default views (after a test changed what the app reads)."""
    _DEFAULT_VIEWS.clear()


def exception_summary(at) -> str:
    """The exceptions an AppTest run shows, with the last stack lines (for assert messages)."""
    parts = []
    for e in at.exception:
        stack = "\n".join(e.stack_trace[-3:]) if e.stack_trace else ""
        parts.append(f"{e.value}\n{stack}".strip())
    return "\n---\n".join(parts)


def _texts(node, out: list[str]) -> None:
    children = getattr(node, "children", None)
    if isinstance(children, dict):  # a block: a container, columns, an expander, the page
        label = getattr(node, "label", None)
        if isinstance(label, str):
            out.append(label)
        for child in children.values():
            _texts(child, out)
        return
    seen: set[str] = set()
    for attr in ("label", "value", "body"):
        try:
            value = getattr(node, attr, None)
        except Exception:  # some widgets compute `value` from state; a label is enough
            continue
        if isinstance(value, str) and value not in seen:
            seen.add(value)
            out.append(value)
    if getattr(node, "type", None) in ("exception",):
        out.append(str(getattr(node, "message", "")))


def visible_texts(at) -> list[str]:
    """Every text the run shows: titles, markdown, captions, alerts, metric labels and values,
    widget and expander labels, code blocks (not table cells)."""
    out: list[str] = []
    _texts(at._tree, out)
    return out


def default_view_problems(at) -> list[str]:
    """What makes a page's default view broken for a visitor: an exception, an error box, a
    warning (a default view has no bad link or input to warn about), no title, or any text
    saying something is not available. Empty when the view is sound."""
    problems = [f"exception: {exception_summary(at)}"] if at.exception else []
    problems += [f"error box: {e.value}" for e in at.error]
    problems += [f"warning: {w.value}" for w in at.warning]
    if not [t for t in at.title if str(t.value).strip()]:
        problems.append("no st.title")
    problems += [
        f"says {UNAVAILABLE!r}: {text[:200]}"
        for text in visible_texts(at)
        if UNAVAILABLE in text.lower()
    ]
    return problems


@contextmanager
def app_data(data_dir: Path) -> Iterator[Path]:
    """Serve the app from the processed tables in `data_dir` until the block ends.

    What `ATLAS_DATA_DIR=<data_dir>` does for a server started afterwards, for AppTests in
    this process: analysis.paths reads the variable once, at import, so here the server's
    `Tables` (ui.cache.tables) is opened on `data_dir` directly. ui.cache.reset_tables() and
    a cleared st.cache_data on both ends: no result computed from one folder is served for
    the other.
    """
    import streamlit as st

    from analysis.data import Tables
    from ui import cache

    cache.reset_tables()
    st.cache_data.clear()
    st.cache_resource.clear()
    forget_default_views()
    cache._tables = Tables.open(data_dir)
    try:
        yield data_dir
    finally:
        cache.reset_tables()
        st.cache_data.clear()
        st.cache_resource.clear()
        forget_default_views()


def data_copy_without(source: Path, target: Path, *tables: str) -> Path:
    """`target`: a copy of the data folder `source` (symbolic links, so nothing big is copied)
    without `<name>.parquet` for each of `tables`."""
    target.mkdir(parents=True, exist_ok=True)
    drop = {f"{name}.parquet" for name in tables}
    for path in source.iterdir():
        if path.name in drop or not path.is_file():
            continue
        try:
            (target / path.name).symlink_to(path.resolve())
        except OSError:
            shutil.copy2(path, target / path.name)
    return target
