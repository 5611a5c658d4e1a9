"""The pages' caching, all of it Streamlit's own, and the server's one `Tables`.

    data = cache.tables()
    result = cache.run(hubs.compare_hubs, data, occ, chosen)
    layout.chart(charts.ranges_chart, result.table, key="hubs_ranges")   # cache.figure inside

`run(func, *args, **kwargs)` is `func(*args, **kwargs)` through `st.cache_data`: one cache per
function, at most `MAX_ENTRIES` inputs each, keyed by Streamlit's hash of the arguments, with
the tables hashed as their data version (`Tables.version`, the sha256 of the manifest: a rebuilt
`data/` is never served from a stale entry, and no table is ever hashed). Frames passed in are
hashed by content, so a result can be the input of another call. Each call hands back its own
copy (st.cache_data pickles), so a page cannot spoil the cache.

`figure(builder, *args, **kwargs)` builds a plotly figure through `st.cache_resource`, keyed the
same way (a builder by its qualified name), and hands Streamlit the same dict on every run.

Cache only what costs: a cheap function of a result (a selection, a sort) is called directly.

The tables themselves are not in a Streamlit cache: a visitor's "Clear cache" (a websocket
message any client can send) then only drops derived results, which recompute, never the tables
every session shares.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import plotly.graph_objects as go
import streamlit as st

from analysis.data import DataUnavailable, Tables

P = ParamSpec("P")
R = TypeVar("R")
MAX_ENTRIES = 64
"""Inputs kept per function (statistics) or per server (figures: FIGURES)."""
FIGURES = 256


def _version(data: Tables) -> str:
    return data.version


def _qualified(func: types.FunctionType) -> str:
    return f"{func.__module__}.{func.__qualname__}"


HASH_FUNCS: dict[Any, Callable[[Any], Any]] = {Tables: _version, types.FunctionType: _qualified}
"""How Streamlit hashes what its own hasher would walk: the tables by their data version, a
function (a figure's builder) by its qualified name."""


_tables: Tables | None = None


def tables() -> Tables:
    """The server's processed tables (the manifest is read once; each table on first use).

    Two sessions starting at once may each open one; the second simply replaces the first."""
    global _tables
    if _tables is None:
        _tables = Tables.open()
    return _tables


def reset_tables() -> None:
    """Forget the loaded tables (tests that swap data/; the next `tables()` reopens it)."""
    global _tables
    _tables = None


def require(data: Tables, *names: str) -> bool:
    """True when every table in `names` can be read; else an error box naming the missing one
    (the page then stops: nothing it shows could be computed)."""
    try:
        for name in names:
            data.table(name)
    except DataUnavailable as err:
        st.error(f"The data behind this page is not available: {err}", icon=":material/error:")
        st.stop()
    return True


@functools.cache
def _cached(func: Callable[P, R]) -> Callable[P, R]:
    return st.cache_data(
        func, max_entries=MAX_ENTRIES, hash_funcs=HASH_FUNCS, show_spinner="Computing…"
    )


def run(func: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
    """`func(*args, **kwargs)`, computed once per function and inputs (see the module)."""
    return _cached(func)(*args, **kwargs)


class _Frozen(go.Figure):
    """A built figure that hands Streamlit the same plain dict on every run.

    `st.plotly_chart` calls `to_dict()` (a deep copy that base64-encodes every array) on each
    run; a cached figure never changes, so that dict is made once. Never modify one.
    """

    def __init__(self, figure: go.Figure) -> None:
        super().__init__(figure, _validate=False)
        object.__setattr__(self, "_frozen_dict", figure.to_dict())

    def to_dict(self) -> dict:
        return self._frozen_dict


@st.cache_resource(max_entries=FIGURES, hash_funcs=HASH_FUNCS, show_spinner=False)
def _figure(builder: Callable[..., go.Figure], *args: Any, **kwargs: Any) -> go.Figure:
    return _Frozen(builder(*args, **kwargs))


def figure(builder: Callable[..., go.Figure], /, *args: Any, **kwargs: Any) -> go.Figure:
    """`builder(*args, **kwargs)`, built once per builder and inputs and shared: never modify
    it (pass it to `ui.layout.chart`)."""
    return _figure(builder, *args, **kwargs)
