"""ui.cache: one entry per call however its arguments are spelled, and statistics computed
ahead in the background are the ones a page then finds."""

from __future__ import annotations

import gc
import threading
import weakref

import pandas as pd
import pytest

from ui import cache

CALLS: list[tuple[str, int]] = []


def pay(table: tuple, occupation: str = "15-2051", top: int = 3) -> pd.DataFrame:
    """A stand-in statistic that records each time it is really computed."""
    CALLS.append((occupation, top))
    if occupation == "none":
        raise ValueError("no data for this occupation")
    return pd.DataFrame({"occupation": [occupation] * top})


@pytest.fixture(autouse=True)
def _fresh():
    CALLS.clear()
    cache.reset_ahead()
    yield
    cache.idle(timeout=30)


def test_positional_and_named_arguments_are_one_entry():
    first = cache.run(pay, ("t",), "15-1252")
    again = cache.run(pay, ("t",), occupation="15-1252")
    named = cache.run(pay, table=("t",), occupation="15-1252", top=3)
    assert CALLS == [("15-1252", 3)]
    assert first.equals(again) and first.equals(named)
    cache.run(pay, ("t",), "15-1252", top=4)
    assert CALLS == [("15-1252", 3), ("15-1252", 4)]


def test_arguments_that_do_not_fit_the_function_are_refused():
    with pytest.raises(TypeError):
        cache.run(pay, ("t",), "15-1252", wrong=1)
    with pytest.raises(TypeError):
        cache.run(pay, pd.DataFrame({"a": [1]}))  # a frame is never a cache key


def test_values_computed_ahead_are_found_and_a_failing_one_is_skipped(monkeypatch):
    monkeypatch.setenv(cache.AHEAD_ENV, "1")
    cache.ahead(pay, ("t",), top=2, each="occupation", values=["a", "none", "b"])
    assert cache.idle(timeout=30)
    assert sorted(CALLS) == [("a", 2), ("b", 2), ("none", 2)]
    assert list(cache.run(pay, ("t",), "b", top=2)["occupation"]) == ["b", "b"]
    assert list(cache.run(pay, ("t",), occupation="a", top=2)["occupation"]) == ["a", "a"]
    assert len(CALLS) == 3  # both found, nothing recomputed
    cache.ahead(pay, ("t",), top=2, each="occupation", values=["a", "b"])
    assert cache.idle(timeout=30) and len(CALLS) == 3  # not queued twice


def test_a_page_function_is_called_and_its_runs_fill_the_cache(monkeypatch):
    monkeypatch.setenv(cache.AHEAD_ENV, "1")
    namespace: dict = {"__name__": "__main__", "cache": cache, "pay": pay}
    exec(  # a page script's own function, as Streamlit runs it
        "def view(occupation):\n    cache.run(pay, ('t',), occupation)\n", namespace
    )
    cache.ahead(namespace["view"], each="occupation", values=["c"])
    assert cache.idle(timeout=30)
    cache.run(pay, ("t",), "c")
    assert CALLS == [("c", 3)]


def test_nothing_is_computed_ahead_when_it_is_turned_off(monkeypatch):
    monkeypatch.setenv(cache.AHEAD_ENV, "0")
    cache.ahead(pay, ("t",), each="occupation", values=["a"])
    assert cache.idle(timeout=5) and CALLS == []


def test_ahead_refuses_what_could_not_be_a_key(monkeypatch):
    monkeypatch.setenv(cache.AHEAD_ENV, "1")
    with pytest.raises(TypeError):
        cache.ahead(pay, pd.DataFrame({"a": [1]}), each="occupation", values=["a"])


RELEASE = threading.Event()


def slow(table: tuple, occupation: str) -> str:
    """Holds the compute-ahead thread on its first value until the test releases it."""
    CALLS.append((occupation, 0))
    RELEASE.wait(timeout=30)
    return occupation


def test_the_compute_ahead_backlog_is_bounded(monkeypatch):
    monkeypatch.setenv(cache.AHEAD_ENV, "1")
    monkeypatch.setattr(cache, "AHEAD_MAX_PENDING", 2)
    RELEASE.clear()
    cache.ahead(slow, ("t",), each="occupation", values=["a", "b", "c", "d"])
    RELEASE.set()
    assert cache.idle(timeout=30)
    assert sorted(CALLS) == [("a", 0), ("b", 0)]  # c and d were not queued


class Marker:
    """Stands for a page run's namespace (its frames, figures, offers)."""


def test_a_page_functions_run_is_not_kept_alive_by_its_cache_key(monkeypatch):
    monkeypatch.setenv(cache.AHEAD_ENV, "0")
    namespace: dict = {"__name__": "__main__", "marker": Marker()}
    exec("def view(occupation):\n    return marker\n", namespace)  # as Streamlit runs a page
    alive = weakref.ref(namespace["marker"])
    cache.ahead(namespace["view"], each="occupation", values=["a"])  # keys made, nothing queued
    del namespace
    gc.collect()
    assert alive() is None
