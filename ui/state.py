"""Widgets bound to the URL with Streamlit's own binding, plus the one thing it does not do:
say so when a link carries a value the page cannot use.

Every widget here is the platform's widget with `bind="query-params"`: its key is the URL
parameter, the URL holds the option as the widget shows it (a value equal to the default is
left out), lists are repeated parameters (`?metros=A&metros=B`) and an empty one (`?metros=`)
means an empty selection. Before the widget is created, on its first run in a session, the
link's value is checked:

- a value the page knows as the widget shows it is left to the binding;
- a value in an older link format (an option's code, e.g. `?occ=15-2051` or `?metro=41940`;
  a `~`-joined list; a `1`/`0` switch) is translated into the widget's state;
- anything else gives a visible warning naming the parameter and what is shown instead,
  as plain text; the link's own text is never echoed (it could carry Markdown or a link).

Every widget is created with its default, also when its value was set from the link first:
the default is what the binding leaves out of the URL and what Streamlit compares a value it
kept across a page switch with (.streamlit/config.toml turns off the warning about a default
and a session value together).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from ui.text import plain

BIND = "query-params"


def warn(key: str, problem: str, shown: str) -> None:
    """A visible warning that the link's value for `key` could not be used: names the
    parameter and what is shown instead, as plain text (the link's own text is never echoed)."""
    st.warning(
        f"The link's value for “{plain(key)}” {problem}; showing {plain(shown)} instead.",
        icon=":material/link_off:",
    )


def _first_run(key: str) -> list[str] | None:
    """The link's values for `key` when the widget has no state yet in this session, else None."""
    if key in st.session_state:
        return None
    values = st.query_params.get_all(key)
    return values or None


def _lookup(options: Sequence[Any], format_func: Callable[[Any], str]) -> dict[str, Any]:
    """Text -> option for both the shown label and the option's own text (older links)."""
    table = {str(o): o for o in options}
    table.update({format_func(o): o for o in options})
    return table


def choice(
    label: str,
    options: Sequence[Any],
    *,
    key: str,
    default: Any,
    format_func: Callable[[Any], str] = str,
    widget: Callable[..., Any] = st.selectbox,
    **kwargs: Any,
) -> Any:
    """One value from `options` (a selectbox, or `widget`: st.segmented_control, st.pills or
    st.select_slider), bound to URL parameter `key`. Returns the option (the default when the
    widget is cleared)."""
    options = list(options)
    if default not in options:
        default = options[0]
    raw = _first_run(key)
    if raw is not None:
        labels = {format_func(o) for o in options}
        known = _lookup(options, format_func)
        # An old link's list where one value is now asked: repeated parameters or `~`-joined.
        parts = [p for value in raw for p in value.split("~") if p]
        if len(raw) == 1 and raw[0] in labels:
            pass  # the binding takes it
        elif len(raw) == 1 and raw[0] in known:
            st.session_state[key] = known[raw[0]]
        elif parts and parts[0] in known:
            st.session_state[key] = known[parts[0]]
            if len(set(parts)) > 1:  # more than that value: say what is dropped
                warn(key, "lists several values where this page takes one", "the first")
        else:
            warn(key, "is not one this page offers", format_func(default))
            st.session_state[key] = default
    # The default is always passed: it is what the binding leaves out of the URL, and what a
    # widget Streamlit kept across a page switch is compared with when it comes back.
    if widget is st.selectbox:
        place: dict[str, Any] = {"index": options.index(default)}
    elif widget is st.select_slider:
        place = {"value": default}
    else:
        place = {"default": default}
    value = widget(label, options, key=key, format_func=format_func, bind=BIND, **place, **kwargs)
    return default if value is None else value


def choices(
    label: str,
    options: Sequence[Any],
    *,
    key: str,
    default: Sequence[Any],
    format_func: Callable[[Any], str] = str,
    max_selections: int | None = None,
    **kwargs: Any,
) -> list[Any]:
    """Several values from `options` (a multiselect), bound to URL parameter `key` as repeated
    parameters. Unknown items are dropped with a warning; repeats count once."""
    options = list(options)
    default = [d for d in default if d in options]
    raw = _first_run(key)
    if raw is not None:
        parts = [p for value in raw for p in (value.split("~") if "~" in value else [value])]
        known = _lookup(options, format_func)
        labels = {format_func(o) for o in options}
        chosen = list(dict.fromkeys(known[p] for p in parts if p in known))
        unknown = [p for p in parts if p and p not in known]
        if unknown:
            rest = "the rest" if any(p in known for p in parts) else "the default"
            warn(key, f"holds {len(unknown)} item(s) this page does not offer", rest)
        if not chosen and parts != [""]:
            chosen = list(default)  # nothing usable: the default, as the warning says
        too_many = max_selections is not None and len(chosen) > max_selections
        if too_many:
            warn(key, f"holds more than {max_selections} items", f"the first {max_selections}")
            chosen = chosen[:max_selections]
        # Native: repeated parameters holding shown labels, as the binding reads them (a
        # `~`-joined value is one unknown string to it, even when its parts are labels).
        native = parts == raw and all(p in labels for p in parts) and len(parts) == len(set(parts))
        if parts == [""]:
            pass  # an empty selection, as the app writes it
        elif unknown or too_many or not native:
            st.session_state[key] = chosen
    place = {"default": default}
    value = st.multiselect(
        label,
        options,
        key=key,
        format_func=format_func,
        max_selections=max_selections,
        bind=BIND,
        **place,
        **kwargs,
    )
    return list(value)


def number(
    label: str,
    *,
    key: str,
    default: float,
    min_value: float,
    max_value: float,
    step: float,
    format: str = "%g",
    **kwargs: Any,
) -> float:
    """A number input bound to URL parameter `key` (a float: Streamlit's whole-number input
    crashes on an infinite URL value). A link value that is not a finite number in
    [min_value, max_value] warns and shows the default; a valid one is kept exactly."""
    raw = _first_run(key)
    if raw is not None:
        try:
            value = float(raw[0]) if len(raw) == 1 else math.nan
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or not min_value <= value <= max_value:
            shown = f"{default:,.0f}" if float(default).is_integer() else f"{default:,g}"
            warn(key, f"is not a number from {min_value:,g} to {max_value:,g}", shown)
            st.session_state[key] = float(default)
    place = {"value": float(default)}
    return st.number_input(
        label,
        min_value=float(min_value),
        max_value=float(max_value),
        step=float(step),
        format=format,
        key=key,
        bind=BIND,
        **place,
        **kwargs,
    )


def toggle(label: str, *, key: str, default: bool, **kwargs: Any) -> bool:
    """A toggle bound to URL parameter `key` ('true' / 'false'; older links' '1' / '0' too)."""
    raw = _first_run(key)
    if raw is not None:
        text = raw[0].strip().lower() if len(raw) == 1 else ""
        if text in ("1", "true"):
            st.session_state[key] = True
        elif text in ("0", "false"):
            st.session_state[key] = False
        else:
            warn(key, "is not on or off", "on" if default else "off")
            st.session_state[key] = default
    place = {"value": default}
    return st.toggle(label, key=key, bind=BIND, **place, **kwargs)


def date(
    label: str, *, key: str, default: dt.date, min_value: dt.date, max_value: dt.date, **kwargs: Any
) -> dt.date:
    """A date input bound to URL parameter `key` (ISO, e.g. 2026-01-01). A link value that is
    not a date in [min_value, max_value] warns and shows the default."""
    raw = _first_run(key)
    if raw is not None:
        try:
            value = dt.date.fromisoformat(raw[0]) if len(raw) == 1 else None
        except ValueError:
            value = None
        if value is None or not min_value <= value <= max_value:
            warn(key, f"is not a date from {min_value} to {max_value}", default.isoformat())
            st.session_state[key] = default
    place = {"value": default}
    return st.date_input(
        label,
        min_value=min_value,
        max_value=max_value,
        key=key,
        bind=BIND,
        **place,
        **kwargs,
    )


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean_text(value: str, max_chars: int) -> str:
    """`value` as one line of plain text: control and bidirectional-override characters
    dropped, whitespace collapsed, at most `max_chars` characters."""
    return " ".join(_CONTROL.sub("", value).split())[:max_chars]


def text(label: str, *, key: str, default: str, max_chars: int = 40, **kwargs: Any) -> str:
    """A one-line text input bound to URL parameter `key`. A link value is data: it is shown
    as typed (pages escape it wherever they display it); one that is empty, too long or holds
    control characters warns and is shown cleaned (or the default when nothing is left)."""
    raw = _first_run(key)
    if raw is not None:
        value = clean_text(raw[-1], max_chars)
        if len(raw) > 1 or value != raw[-1] or not value:
            shown = value or default
            warn(key, f"is not one line of at most {max_chars} characters", f"“{shown}”")
            st.session_state[key] = shown
    place = {"value": default}
    value = st.text_input(label, key=key, max_chars=max_chars, bind=BIND, **place, **kwargs)
    return clean_text(value, max_chars) or default
