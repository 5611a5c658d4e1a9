"""The pages' one caching mechanism, and the server's one `Tables`.

    data = cache.tables()
    result = cache.run(hubs.compare_hubs, data, occupation=occ, cbsas=chosen)
    both = cache.run(specialties.premium_comparison, raw, adjusted)

`run(func, *args, **kwargs)` is `func(*args, **kwargs)` computed once per function and inputs.
The key is made of plain widget values, the data's version (`Tables.version`) and, for an
input that is itself a result of `run`, the key of the call that made it (`origin`): never of
frames, so a rerun with the same inputs costs a hash of a few strings. Lists arrive as tuples
(so they hash); results are held in `st.cache_data`, so a page gets its own copy and cannot
spoil the cache.

`ahead(view, *args, each=name, values=[...], **kwargs)` calls `view` (a page's function of
`run` and `figure` calls, or an analysis function) for each of the other values of a filter in
one background thread, in the server's idle time (each of its calls waits until no page has
computed anything for `QUIET_S`), so the first visitor to pick one finds its statistics
computed and its charts built; `idle()` waits for it (benchmarks, tests).
AIPAY_COMPUTE_AHEAD=0 in the environment turns it off (the test suite does, but for the tests
of it).

Keys are made from the arguments as the function binds them, defaults filled in, so
`f(data, "x")`, `f(data, occupation="x")` and `f(data, "x", top=DEFAULT)` are one entry.

`figure(builder, *args, **kwargs)` builds a plotly figure once per builder and inputs, keyed
the same way; an input that is neither plain nor a result of `run` makes the figure uncached
(it is then built every run, never stale).

The tables themselves live in this module, not in a Streamlit cache: a visitor's "Clear
cache" (a websocket message any client can send) then only drops derived results, which
recompute, and never the tables every session shares.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import inspect
import logging
import os
import queue
import threading
import time
import weakref
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any, ParamSpec, TypeVar

import plotly.graph_objects as go
import streamlit as st

from analysis.data import DataUnavailable, Tables

P = ParamSpec("P")
R = TypeVar("R")
PLAIN = (str, int, float, bool, type(None), dt.date)

_tables: Tables | None = None
_tables_lock = threading.Lock()
_origins: dict[int, tuple[weakref.ref, tuple]] = {}
_origins_lock = threading.Lock()


def tables() -> Tables:
    """The server's processed tables (the manifest is read once; each table on first use)."""
    global _tables
    if _tables is None:
        with _tables_lock:
            if _tables is None:
                _tables = Tables.open()
    return _tables


def reset_tables() -> None:
    """Forget the loaded tables (tests that swap data/; the next `tables()` reopens it)."""
    global _tables
    with _tables_lock:
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


def freeze(value: Any) -> Hashable:
    """A hashable, order-preserving form of a plain argument: lists and tuples become tuples,
    sets sorted tuples, dicts sorted item tuples; anything else is returned unchanged."""
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    if isinstance(value, set | frozenset):
        return tuple(sorted(freeze(v) for v in value))
    if isinstance(value, dict):
        return tuple(sorted((k, freeze(v)) for k, v in value.items()))
    return value


def _plain(value: Hashable) -> bool:
    if isinstance(value, tuple):
        return all(_plain(v) for v in value)
    return isinstance(value, PLAIN) or (
        dataclasses.is_dataclass(value) and getattr(value, "__hash__", None) is not None
    )


def _name(func: Callable[..., Any]) -> str:
    code = getattr(func, "__code__", None)
    where = f"{code.co_filename}:" if func.__module__ == "__main__" and code else ""
    return f"{func.__module__}:{where}{func.__qualname__}"  # a page's own function: its file


_signatures: dict[Callable[..., Any], inspect.Signature | None] = {}


def _signature(func: Callable[..., Any]) -> inspect.Signature | None:
    """`func`'s signature; remembered for module functions only (a page's own functions are
    new objects on every run, and remembering one would keep that run's namespace alive)."""
    if func in _signatures:
        return _signatures[func]
    try:
        signature = inspect.signature(func)
    except (TypeError, ValueError):  # a builtin without one: arguments keyed as given
        signature = None
    if func.__module__ != "__main__":
        _signatures[func] = signature
    return signature


def _arguments(func: Callable[..., Any], args: tuple, kwargs: dict[str, Any]) -> dict[str, Any]:
    """The call's arguments by parameter name (TypeError when they do not fit `func`)."""
    signature = _signature(func)
    if signature is None:
        return {**{f"#{i}": v for i, v in enumerate(args)}, **kwargs}
    bound = signature.bind(*args, **kwargs)
    bound.apply_defaults()  # a default passed or left out is one call
    return dict(bound.arguments)


def _key_part(value: Any) -> tuple | None:
    """How an argument enters a cache key: the data's version, the key of the `run` call that
    made it, or its own plain value; None when it is none of these (not cacheable)."""
    if isinstance(value, Tables):
        return ("data", value.version)
    known = origin(value)
    if known is not None:
        return ("run", known)
    frozen = freeze(value)
    return ("value", frozen) if _plain(frozen) else None


def _key(func: Callable[..., Any], args: tuple, kwargs: dict[str, Any]) -> tuple | None:
    named = [(name, _key_part(v)) for name, v in sorted(_arguments(func, args, kwargs).items())]
    if any(p is None for _, p in named):
        return None
    return (_name(func), tuple(named))


def _digest(key: tuple) -> str:
    """A short text form of a key: Streamlit hashes one string instead of a nested tuple."""
    return hashlib.blake2b(repr(key).encode(), digest_size=16).hexdigest()


@st.cache_data(max_entries=512, show_spinner="Computing…")
def _call(digest: str, _run: Callable[[], Any]) -> Any:
    # Only `digest` is hashed; `_run` (leading underscore: not hashed) computes.
    return _run()


def _remember(result: object, key: tuple) -> None:
    """Record where `result` (and its fields or items) came from, for later keys."""
    parts: list[tuple[object, tuple]] = [(result, key)]
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        parts += [(getattr(result, f.name), (*key, f.name)) for f in dataclasses.fields(result)]
    elif isinstance(result, tuple):
        parts += [(item, (*key, i)) for i, item in enumerate(result)]
    with _origins_lock:
        for obj, made_by in parts:
            if isinstance(obj, PLAIN):
                continue
            ident = id(obj)
            try:
                ref = weakref.ref(obj, lambda _, i=ident: _forget(i))
            except TypeError:  # not weak-referenceable (e.g. a dict): never matched
                continue
            _origins[ident] = (ref, made_by)


def _forget(ident: int) -> None:
    with _origins_lock:
        entry = _origins.get(ident)
        if entry is not None and entry[0]() is None:
            del _origins[ident]


def origin(obj: object) -> tuple | None:
    """The key of the `run` call that made `obj`, if `obj` is still alive."""
    with _origins_lock:
        entry = _origins.get(id(obj))
    if entry is None or entry[0]() is not obj:
        return None
    return entry[1]


def run(func: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
    """`func(*args, **kwargs)`, computed once per function and inputs.

    Each input must be the `Tables` (keyed by its version), a result of an earlier `run` (keyed
    by that call), or a plain value (str, numbers, None, a frozen dataclass, and lists, tuples
    or dicts of them). Lists reach `func` as tuples. Raises TypeError for anything else, so a
    frame can never become a cache key.
    """
    key = _key(func, args, kwargs)
    if key is None:
        raise TypeError(
            f"cache.run({_name(func)}): pass the Tables, results of cache.run or plain values"
        )
    call_args = tuple(v if isinstance(v, Tables) or origin(v) else freeze(v) for v in args)
    call_kwargs = {
        k: v if isinstance(v, Tables) or origin(v) else freeze(v) for k, v in kwargs.items()
    }
    digest = _digest(key)
    with _page_running():
        result = _call(digest, lambda: func(*call_args, **call_kwargs))
    _remember(result, key)
    return result


AHEAD_ENV = "AIPAY_COMPUTE_AHEAD"
_AHEAD_THREAD = "compute-ahead"
_ahead_jobs: queue.SimpleQueue[tuple[Callable[..., Any], tuple, dict[str, Any], str]] = (
    queue.SimpleQueue()
)
_ahead_seen: dict[str, float] = {}  # digest -> when it was queued
_ahead_pending = 0
_ahead_state = threading.Condition()
_ahead_worker: threading.Thread | None = None
_log = logging.getLogger(__name__)
QUIET_S = 0.5
"""The compute-ahead thread starts each statistic or figure only when no page is computing
and none has for this long: it uses the server's idle time, never a visitor's (the threads of
one process share one interpreter lock)."""
AHEAD_MAX_PENDING = 256
"""At most this many views wait to be computed ahead; more are not queued (every distinct link
can ask for a batch: the backlog, and the memory its jobs hold, stay bounded)."""
AHEAD_FORGET_S = 600.0
"""A view queued this long ago may be queued again (its results may have been evicted or
cleared since)."""
_busy = threading.Condition()
_pages_computing = 0
_page_busy_at = 0.0


@contextlib.contextmanager
def _page_running() -> Iterator[None]:
    """Around a `run` call: a page's marks the server busy; the compute-ahead thread's first
    waits until pages have been quiet for QUIET_S."""
    global _pages_computing, _page_busy_at
    if threading.current_thread().name == _AHEAD_THREAD:
        with _busy:
            while True:
                wait = _page_busy_at + QUIET_S - time.monotonic()
                if _pages_computing == 0 and wait <= 0:
                    break
                _busy.wait(max(wait, 0.05))
        yield
        return
    with _busy:
        _pages_computing += 1
    try:
        yield
    finally:
        with _busy:
            _pages_computing -= 1
            _page_busy_at = time.monotonic()


class _NoContextWarning(logging.Filter):
    """Streamlit warns of a 'missing ScriptRunContext' whenever a cached function runs outside
    a script; the compute-ahead thread does that on purpose (it draws nothing)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != _AHEAD_THREAD


logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
    _NoContextWarning()
)


def ahead(
    view: Callable[..., Any], /, *args: Any, each: str, values: Iterable[Any], **kwargs: Any
) -> None:
    """Compute `view(*args, **kwargs, <each>=value)` for every value in `values`, later, one
    at a time, in one background thread that yields to pages, so it is cached before anyone
    asks. `view` is a function of `analysis` (computed with `run`) or a page's own function
    that computes one view's statistics and figures with `run` and `figure` (called).

    Arguments are keyed as for `run` (TypeError for anything else). A call queued in the last
    AHEAD_FORGET_S is not queued again, and nothing is while AHEAD_MAX_PENDING wait. A value
    whose statistics fail (no data for it) is skipped: the page says why when someone picks
    it. Off when AIPAY_COMPUTE_AHEAD=0.
    """
    global _ahead_pending
    jobs = []
    for value in values:  # keys checked even when off, so the tests see a bad call
        named = {**kwargs, each: value}
        key = _key(view, args, named)
        if key is None:
            raise TypeError(
                f"cache.ahead({_name(view)}): pass the Tables, results of cache.run or plain values"
            )
        jobs.append((_digest(key), named))
    if os.environ.get(AHEAD_ENV, "1") == "0":
        return
    now = time.monotonic()
    for digest, named in jobs:
        with _ahead_state:
            if now - _ahead_seen.get(digest, -AHEAD_FORGET_S) < AHEAD_FORGET_S:
                continue
            if _ahead_pending >= AHEAD_MAX_PENDING:
                break
            if len(_ahead_seen) > 16 * AHEAD_MAX_PENDING:
                _ahead_seen.clear()  # bounded: at worst a view is computed ahead again
            _ahead_seen[digest] = now
            _ahead_pending += 1
        call = view if view.__module__ == "__main__" else functools.partial(run, view)
        _ahead_jobs.put((call, args, named, _name(view)))
    _start_ahead()


def _start_ahead() -> None:
    global _ahead_worker
    with _ahead_state:
        if _ahead_worker is None or not _ahead_worker.is_alive():
            _ahead_worker = threading.Thread(target=_work_ahead, name=_AHEAD_THREAD, daemon=True)
            _ahead_worker.start()


def _work_ahead() -> None:
    global _ahead_pending
    while True:
        call, args, kwargs, name = _ahead_jobs.get()
        try:
            call(*args, **kwargs)
        except Exception:  # a view without data is computed (and explained) on demand
            _log.debug("compute ahead: %s skipped", name, exc_info=True)
        finally:
            with _ahead_state:
                _ahead_pending -= 1
                _ahead_state.notify_all()


def reset_ahead() -> None:
    """Forget which calls were made ahead (after the caches are cleared: benchmarks, tests)."""
    with _ahead_state:
        _ahead_seen.clear()


def idle(timeout: float | None = None) -> bool:
    """Wait until every call queued by `ahead` has run; False if `timeout` (s) passed first."""
    with _ahead_state:
        return _ahead_state.wait_for(lambda: _ahead_pending == 0, timeout)


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


@st.cache_resource(max_entries=512, show_spinner=False)
def _figure(digest: str, _build: Callable[[], go.Figure]) -> go.Figure:
    # `digest` names the builder and its inputs; `_build` (not hashed) makes the figure.
    return _Frozen(_build())


def figure(builder: Callable[..., go.Figure], /, *args: Any, **kwargs: Any) -> go.Figure:
    """`builder(*args, **kwargs)`, built once per builder and inputs when every input is a
    plain value or a result of `run` (see `run`); otherwise built now, every time. The figure is
    shared: never modify it (pass it to `ui.layout.chart`)."""
    key = _key(builder, args, kwargs)
    if key is None:
        return builder(*args, **kwargs)
    with _page_running():
        return _figure(_digest(key), lambda: builder(*args, **kwargs))
