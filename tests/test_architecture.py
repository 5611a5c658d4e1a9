"""The code keeps its shape (docs/CONTRIBUTING.md). Enforced here:

- `analysis/` (what pages call) never imports streamlit or the build; nothing the app runs
  imports the build.
- No public function or class name is defined in more than one layer (analysis, ui,
  databuild): from a chart, the name in the page leads to one definition.
- Every page draws each chart with `layout.chart(<charts module>.<name>_chart, ...)` and gets
  its numbers from `cache.run(<analysis module>.<function>, ...)`, both named in the page.
- No module is much over 400 lines.
- The app runs no thread of its own and no page defines a second copy of its calls: no
  `threading` import and no `cache.ahead` in ui/ or app_pages/.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("analysis", "ui", "databuild")
MAX_LINES = 420


def modules(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", modules("analysis"), ids=lambda p: p.name)
def test_analysis_imports_neither_streamlit_nor_the_build(path):
    bad = {m for m in imported(path) if m.split(".")[0] in ("streamlit", "databuild")}
    assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


@pytest.mark.parametrize("path", modules("ui", "app_pages"), ids=lambda p: p.name)
def test_the_app_never_imports_the_build(path):
    assert not {m for m in imported(path) if m.split(".")[0] == "databuild"}


def test_no_public_name_lives_in_two_layers():
    layers: dict[str, set[str]] = defaultdict(set)
    for layer in LAYERS:
        for path in modules(layer):
            for node in ast.parse(path.read_text(encoding="utf-8")).body:
                is_def = isinstance(node, ast.FunctionDef | ast.ClassDef)
                if is_def and not node.name.startswith("_"):
                    layers[node.name].add(layer)
    shared = {name: sorted(found) for name, found in layers.items() if len(found) > 1}
    assert not shared, shared


def calls(path: Path, attribute: str) -> list[ast.Call]:
    """Calls of `<something>.<attribute>(...)` in a page."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == attribute
    ]


def dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    return node.id if isinstance(node, ast.Name) else "?"


@pytest.mark.parametrize("path", modules("app_pages"), ids=lambda p: p.name)
def test_pages_name_the_figure_builder_and_the_analysis_function(path):
    for call in calls(path, "chart"):
        builder = dotted(call.args[0])
        assert builder.startswith("charts.") and builder.endswith("_chart"), builder
    for call in calls(path, "run"):
        func = dotted(call.args[0])
        module = func.split(".")[0]
        assert (ROOT / "analysis" / f"{module}.py").is_file(), f"{path.name}: {func}"
    assert not {m for m in imported(path) if m.startswith("ui.sections")}


@pytest.mark.parametrize("path", modules(*LAYERS, "app_pages"), ids=lambda p: p.name)
def test_no_module_is_a_catch_all(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines"


@pytest.mark.parametrize("path", modules("ui", "app_pages"), ids=lambda p: p.name)
def test_the_app_starts_no_thread_of_its_own(path):
    assert "threading" not in {m.split(".")[0] for m in imported(path)}
    assert not calls(path, "ahead")
