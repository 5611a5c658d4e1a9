"""ui.cache: Streamlit's caches keyed on what a result depends on (the data version, the plain
values, a frame's content, a figure's builder) and on nothing else."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from analysis.data import Tables
from ui import cache

CALLS: list[tuple] = []


def pay(data: Tables, occupation: str = "15-2051", top: int = 3) -> pd.DataFrame:
    """A stand-in statistic that records each time it is really computed."""
    CALLS.append((data.version, occupation, top))
    return pd.DataFrame({"occupation": [occupation] * top})


def total(frame: pd.DataFrame) -> float:
    CALLS.append(("total", len(frame)))
    return float(frame["x"].sum())


def bars(frame: pd.DataFrame, title: str = "") -> go.Figure:
    CALLS.append(("bars", title))
    return go.Figure(go.Bar(x=list(frame["x"])), layout={"title": {"text": title}})


def lines(frame: pd.DataFrame, title: str = "") -> go.Figure:
    CALLS.append(("lines", title))
    return go.Figure(go.Scatter(x=list(frame["x"])), layout={"title": {"text": title}})


@pytest.fixture(autouse=True)
def _fresh():
    CALLS.clear()
    yield


def test_the_same_inputs_are_computed_once_and_each_caller_gets_its_own_copy():
    data = Tables.of()
    first = cache.run(pay, data, "15-1252")
    first.loc[0, "occupation"] = "spoiled"
    again = cache.run(pay, data, occupation="15-1252")
    assert len(CALLS) == 1
    assert list(again["occupation"]) == ["15-1252"] * 3


def test_a_changed_value_or_data_version_is_computed_anew():
    data = Tables.of()
    cache.run(pay, data, "15-1252")
    cache.run(pay, data, "15-2051")
    cache.run(pay, data, "15-1252", top=4)
    other = Tables.of()  # another data version (a rebuilt data/)
    cache.run(pay, other, "15-1252")
    computed = [c[1:] for c in CALLS]
    assert computed == [("15-1252", 3), ("15-2051", 3), ("15-1252", 4), ("15-1252", 3)]
    assert CALLS[-1][0] == other.version != data.version


def test_tables_are_keyed_by_their_version_alone():
    one = Tables(manifest={}, version="v1")
    same = Tables(manifest={"anything": 1}, version="v1")
    cache.run(pay, one, "15-1252")
    cache.run(pay, same, "15-1252")
    assert len(CALLS) == 1


def test_a_frame_argument_is_keyed_by_its_content():
    frame = pd.DataFrame({"x": [1.0, 2.0]})
    assert cache.run(total, frame) == 3.0
    assert cache.run(total, frame.copy()) == 3.0
    assert len(CALLS) == 1
    assert cache.run(total, frame.assign(x=[1.0, 5.0])) == 6.0
    assert len(CALLS) == 2


def test_each_function_keeps_a_bounded_number_of_inputs(monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    cache._cached.cache_clear()
    try:
        data = Tables.of()
        for occupation in ("a", "b", "c", "a"):
            cache.run(pay, data, occupation)
        assert [c[1] for c in CALLS] == ["a", "b", "c", "a"]  # "a" was evicted by "c"
    finally:
        cache._cached.cache_clear()


def test_a_figure_is_built_once_per_builder_and_input():
    frame = pd.DataFrame({"x": [1, 2]})
    first = cache.figure(bars, frame, title="t")
    assert cache.figure(bars, frame.copy(), title="t") is first
    other = cache.figure(lines, frame, title="t")  # same inputs, another builder
    changed = cache.figure(bars, frame.assign(x=[1, 3]), title="t")
    assert CALLS == [("bars", "t"), ("lines", "t"), ("bars", "t")]
    assert other.data[0].type == "scatter"
    assert list(changed.data[0].x) == [1, 3]


def test_a_cached_figure_hands_streamlit_the_same_dict():
    figure = cache.figure(bars, pd.DataFrame({"x": [1]}), title="once")
    assert figure.to_dict() is figure.to_dict()
    assert figure.to_dict()["layout"]["title"]["text"] == "once"
