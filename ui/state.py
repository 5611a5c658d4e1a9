"""Widgets whose value lives in the URL, so every view can be shared and reloaded.

On the first run of a session the widget starts from the URL (`st.query_params`); an unknown
or malformed value shows a warning and falls back to the default, never an exception. After
that the widget drives the URL. Keys are `<page>_<param>`; the URL uses the short `param`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st


def _warn(param: str, raw: str, fallback: object) -> None:
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    st.warning(
        f"The link's value for **{param}** ({shown!r}) is not one this page knows; "
        f"showing {fallback} instead.",
        icon=":material/link_off:",
    )


def _seed(key: str, value: object) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


def choice(
    label: str,
    options: Sequence[Any],
    *,
    page: str,
    param: str,
    default: Any,
    widget: Callable[..., Any] | None = None,
    format_func: Callable[[Any], str] = str,
    **kwargs: Any,
) -> Any:
    """One value from `options`, bound to URL parameter `param` (stored as str(option))."""
    key = f"{page}_{param}"
    by_text = {str(o): o for o in options}
    if key not in st.session_state:
        raw = st.query_params.get(param)
        value = default
        if raw is not None:
            if raw in by_text:
                value = by_text[raw]
            else:
                _warn(param, raw, format_func(default))
        st.session_state[key] = value
    elif st.session_state[key] not in options:
        st.session_state[key] = default
    make = widget or st.selectbox
    value = make(label, list(options), key=key, format_func=format_func, **kwargs)
    if value is None:
        value = default
    st.query_params[param] = str(value)
    return value


def choices(
    label: str,
    options: Sequence[Any],
    *,
    page: str,
    param: str,
    default: Sequence[Any],
    max_selections: int | None = None,
    format_func: Callable[[Any], str] = str,
    **kwargs: Any,
) -> list[Any]:
    """Several values from `options` (a multiselect), bound to URL `param` as a ~-joined list."""
    key = f"{page}_{param}"
    by_text = {str(o): o for o in options}
    if key not in st.session_state:
        raw = st.query_params.get(param)
        value = list(default)
        if raw is not None:
            parts = [p for p in raw.split("~") if p]
            known = [by_text[p] for p in parts if p in by_text]
            unknown = [p for p in parts if p not in by_text]
            if unknown:
                _warn(
                    param,
                    "~".join(unknown),
                    "the rest of the selection" if known else "the default",
                )
            value = known if known else list(default)
        if max_selections:
            value = value[:max_selections]
        st.session_state[key] = value
    else:
        st.session_state[key] = [v for v in st.session_state[key] if v in by_text.values()]
    value = st.multiselect(
        label,
        list(options),
        key=key,
        format_func=format_func,
        max_selections=max_selections,
        **kwargs,
    )
    st.query_params[param] = "~".join(str(v) for v in value)
    return list(value)


def number(
    label: str,
    *,
    page: str,
    param: str,
    default: float,
    min_value: float,
    max_value: float,
    step: float,
    **kwargs: Any,
) -> float:
    """A number input bound to URL `param`; junk or out-of-range URL values warn and reset."""
    key = f"{page}_{param}"
    if key not in st.session_state:
        raw = st.query_params.get(param)
        value = default
        if raw is not None:
            try:
                parsed = float(raw)
            except ValueError:
                parsed = None
            if parsed is not None and min_value <= parsed <= max_value:
                value = parsed
            else:
                _warn(param, raw, f"{default:,.0f}")
        st.session_state[key] = type(default)(value)
    value = st.number_input(
        label, min_value=min_value, max_value=max_value, step=step, key=key, **kwargs
    )
    st.query_params[param] = f"{value:g}" if isinstance(value, float) else str(value)
    return value


def toggle(label: str, *, page: str, param: str, default: bool, **kwargs: Any) -> bool:
    """A toggle bound to URL `param` as '1' / '0'."""
    key = f"{page}_{param}"
    if key not in st.session_state:
        raw = st.query_params.get(param)
        value = default
        if raw is not None:
            if raw in ("1", "0"):
                value = raw == "1"
            else:
                _warn(param, raw, "on" if default else "off")
        st.session_state[key] = value
    value = st.toggle(label, key=key, **kwargs)
    st.query_params[param] = "1" if value else "0"
    return value
