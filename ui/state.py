"""Widgets bound to the URL with Streamlit's own binding, plus the one thing it does not do:
say so when a link carries a value the page cannot use.

Every widget here but the typed date (`date`, which writes its parameter itself) is the
platform's widget with `bind="query-params"`: its key is the URL parameter, the URL holds
the option as the widget shows it (a value equal to the default is left out), lists are
repeated parameters (`?metros=A&metros=B`) and an empty one (`?metros=`) means an empty
selection. Before the widget is created, on its first run in a session, the
link's value is checked:

- a value the page knows as the widget shows it is left to the binding;
- a value in an older link format (an option's code, e.g. `?occ=15-2051` or `?metro=41940`;
  a `~`-joined list; a `1`/`0` switch) is translated into the widget's state;
- a parameter given more than once to a widget that takes one value (`?a_base=1&a_base=2`)
  warns and the value the binding reads is shown: the last one (a button group's: its first
  option). On a link's first run the binding seeds the widget from the link over anything the
  page put in its state, so the page reads the same value rather than pick another;
- anything else gives a visible warning naming the parameter and what is shown instead,
  as plain text; the link's own text is never echoed (it could carry Markdown or a link).

Every bound widget is created with its default, also when its value was set from the link
first: the default is what the binding leaves out of the URL and what Streamlit compares a
value it kept across a page switch with (.streamlit/config.toml turns off the warning about a
default and a session value together).

Each widget also records the URL form of its value in this session, and `share_query` makes
a link of them: `st.query_params` is not a faithful copy of the browser's URL during a
session (with Streamlit 1.67, a bound st.date_input's change reached the address bar but
not `st.query_params`, on that run nor on later ones until a reload, so "Share this view"
dropped the date), so a share link is made from the widgets' values instead.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import quote, urlencode

import streamlit as st

from ui.text import plain

BIND = "query-params"
_LINK = "_state_link"
"""Session-state key of {URL parameter: its values as the URL holds them, or None when the
widget shows its default (the binding leaves it out of the URL)}."""


def _record(key: str, values: list[str] | None) -> None:
    st.session_state.setdefault(_LINK, {})[key] = values


def _url_number(value: float) -> str:
    """A number as the binding writes it: 5.0 -> "5", 2.5 -> "2.5"."""
    return str(int(value)) if math.isfinite(value) and value == int(value) else str(value)


def share_query(keys: Sequence[str]) -> str:
    """The query string ("a=1&b=x") of the widgets `keys` as they are now, written as the
    binding writes them (defaults left out, lists repeated, an empty list as `key=`)."""
    recorded = st.session_state.get(_LINK, {})
    pairs = [(k, v) for k in keys for v in (recorded.get(k) or [])]
    return urlencode(pairs, quote_via=quote)


def warn(key: str, problem: str, shown: str) -> None:
    """A visible warning that the link's value for `key` could not be used: names the
    parameter and what is shown instead, as plain text (the link's own text is never echoed)."""
    st.warning(
        f"The link's value for “{plain(key)}” {problem}; showing {plain(shown)} instead.",
        icon=":material/link_off:",
    )


def _repeated(key: str, raw: list[str], shown: str) -> None:
    """Warn when the link gives `key` more than once to a widget that takes one value; `shown`
    says which value the page reads ("the last (2027-01-01)")."""
    if len(raw) > 1:
        warn(key, f"is given {len(raw)} times where this page takes one value", shown)


def _again(raw: list[str]) -> str:
    """How a warning about a link's unusable value starts: about the last of repeated values
    ("is given 2 times and the last ") or about the only one ("")."""
    return f"is given {len(raw)} times and the last " if len(raw) > 1 else ""


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
        value, which, problem = raw[-1], "the last", f"{_again(raw)}is not one this page offers"
        if widget in (st.segmented_control, st.pills) and len(raw) > 1:
            # A button group's binding reads repeated values as a list and takes its first
            # option (shown label) over anything else: the page reads the same one.
            value = next((v for v in raw if v in labels), next((v for v in raw if v in known), ""))
            which, problem = "the first", f"is given {len(raw)} times and none is an option here"
        # An old link's list where one value is now asked: `~`-joined.
        parts = [p for p in value.split("~") if p]
        if value in known:
            if len(raw) > 1 or value not in labels:  # repeated, or an option's code
                st.session_state[key] = known[value]
            _repeated(key, raw, f"{which} ({format_func(known[value])})")
        elif parts and parts[0] in known:
            st.session_state[key] = known[parts[0]]
            if len(set(parts)) > 1 or len(raw) > 1:  # more than that value: say what is dropped
                warn(key, "lists several values where this page takes one", "the first")
        else:
            warn(key, problem, format_func(default))
            st.session_state[key] = default
    if widget is st.selectbox:
        place: dict[str, Any] = {"index": options.index(default)}
    elif widget is st.select_slider:
        place = {"value": default}
    else:
        place = {"default": default}
    value = widget(label, options, key=key, format_func=format_func, bind=BIND, **place, **kwargs)
    value = default if value is None else value
    _record(key, None if value == default else [format_func(value)])
    return value


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
    chosen = list(value)
    shown = [format_func(v) for v in chosen] or [""]
    _record(key, None if chosen == list(default) else shown)
    return chosen


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
            value = float(raw[-1])
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or not min_value <= value <= max_value:
            shown = f"{default:,.0f}" if float(default).is_integer() else f"{default:,g}"
            problem = f"{_again(raw)}is not a number from {min_value:,g} to {max_value:,g}"
            warn(key, problem, shown)
            st.session_state[key] = float(default)
        elif len(raw) > 1:
            st.session_state[key] = value
            shown = f"{value:,.0f}" if value.is_integer() else f"{value:,g}"
            _repeated(key, raw, f"the last ({shown})")
    place = {"value": float(default)}
    value = st.number_input(
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
    _record(key, None if value == float(default) else [_url_number(value)])
    return value


def toggle(label: str, *, key: str, default: bool, **kwargs: Any) -> bool:
    """A toggle bound to URL parameter `key` ('true' / 'false'; older links' '1' / '0' too)."""
    raw = _first_run(key)
    if raw is not None:
        text = raw[-1].strip().lower()
        if text in ("1", "true", "0", "false"):
            st.session_state[key] = text in ("1", "true")
            _repeated(key, raw, "the last (on)" if st.session_state[key] else "the last (off)")
        else:
            warn(key, f"{_again(raw)}is not on or off", "on" if default else "off")
            st.session_state[key] = default
    place = {"value": default}
    value = st.toggle(label, key=key, bind=BIND, **place, **kwargs)
    _record(key, None if value == default else [str(value).lower()])
    return value


DATE_TYPED = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$")
"""A typed date: year first, then month and day ("2027-01-01", "2027/1/1")."""


def _as_date(text: object) -> dt.date | None:
    """The date `text` names (year-month-day), else None."""
    found = DATE_TYPED.match(text) if isinstance(text, str) else None
    try:
        return dt.date(*(int(g) for g in found.groups())) if found else None
    except ValueError:
        return None


def _checked_date(key: str, min_value: dt.date, max_value: dt.date) -> None:
    """on_change of `date`: a typed value that is not a date in range goes back to the last
    good one, with a note shown on the next run; a good one is written as ISO."""
    typed = st.session_state.get(key)
    value = _as_date(typed)
    good = st.session_state.get(f"_{key}_good")
    if value is None or not min_value <= value <= max_value:
        st.session_state[f"_{key}_problem"] = (
            f"“{plain(str(typed)[:20])}” is not a date from {min_value} to {max_value} "
            f"(type it as YYYY-MM-DD); showing {good} instead."
        )
        st.session_state[key] = good
    else:
        st.session_state[key] = value.isoformat()


def date(
    label: str, *, key: str, default: dt.date, min_value: dt.date, max_value: dt.date, **kwargs: Any
) -> dt.date:
    """A date typed as YYYY-MM-DD, kept in URL parameter `key` (ISO, e.g. 2026-01-01).

    A text input, not st.date_input: Streamlit's date input applies a typed date only when
    its calendar closes (a click elsewhere), not on Enter or Tab; a text input applies it on
    both. A typed value that is not a date in [min_value, max_value] goes back to the last
    good one with a note; a link's such value warns and shows the default.

    The only widget here not bound with the platform's binding: bound, a text input takes
    any text a link carries into its box, before the page can check it. The page writes the
    parameter itself instead (left out when it is the default, as the binding does)."""
    raw = _first_run(key)
    if raw is not None:
        value = _as_date(raw[-1])
        if value is None or not min_value <= value <= max_value:
            problem = f"{_again(raw)}is not a date from {min_value} to {max_value}"
            warn(key, problem, default.isoformat())
            value = default
        else:
            _repeated(key, raw, f"the last ({value.isoformat()})")
        st.session_state[key] = value.isoformat()
    problem = st.session_state.pop(f"_{key}_problem", None)
    if problem:
        st.warning(problem, icon=":material/event_busy:")
    place = {} if key in st.session_state else {"value": default.isoformat()}
    text = st.text_input(
        label,
        key=key,
        max_chars=10,
        placeholder="YYYY-MM-DD",
        validate=(DATE_TYPED.pattern, "Type the date as YYYY-MM-DD, e.g. 2027-01-01."),
        on_change=_checked_date,
        args=(key, min_value, max_value),
        **place,
        **kwargs,
    )
    value = _as_date(text) or default
    st.session_state[f"_{key}_good"] = value.isoformat()
    shown = None if value == default else [value.isoformat()]
    if st.query_params.get_all(key) != (shown or []):
        if shown:
            st.query_params[key] = shown[0]
        else:
            del st.query_params[key]
    _record(key, shown)
    return value


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean_text(value: str, max_chars: int) -> str:
    """`value` as one line of plain text: control and bidirectional-override characters
    dropped, whitespace collapsed, at most `max_chars` characters."""
    return " ".join(_CONTROL.sub("", value).split())[:max_chars]


def text(label: str, *, key: str, default: str, max_chars: int = 40, **kwargs: Any) -> str:
    """A one-line text input bound to URL parameter `key`: free text a visitor names things
    with (an employer). A link value is data: it is shown as typed (pages escape it wherever
    they display it); one that is empty, too long or holds control characters warns and is
    shown cleaned (or the default when nothing is left)."""
    raw = _first_run(key)
    if raw is not None:
        value = clean_text(raw[-1], max_chars)
        if value != raw[-1] or not value:
            shown = value or default
            problem = f"{_again(raw)}is not one line of at most {max_chars} characters"
            warn(key, problem, f"“{shown}”")
            st.session_state[key] = shown
        elif len(raw) > 1:
            st.session_state[key] = value
            _repeated(key, raw, f"the last (“{value}”)")
    place = {"value": default}
    value = st.text_input(label, key=key, max_chars=max_chars, bind=BIND, **place, **kwargs)
    value = clean_text(value, max_chars) or default
    _record(key, None if value == default else [value])
    return value


def share_link(url: str, query: str) -> str:
    """The link a "Share this …" box shows: the page's address `url`, plus "?" and `query`
    (from `share_query` or the page's query parameters) only when the query holds something;
    the default view's link is the bare address, with no dangling "?"."""
    return f"{url}?{query}" if query else url


def share_note(query: str, holds: str) -> str:
    """The caption under a share link: `holds` (what the link carries, e.g. "The link holds
    every offer and choice above; opening it shows the same comparison.") when the query holds
    something, else that the default view needs no parameters."""
    if query:
        return holds
    return "This is the default view: the page's address is its link."


def share(query: str, holds: str) -> None:
    """A share box's body: the link (`share_link`) as copyable code and its caption
    (`share_note`), for the query string `query` of the view in sight."""
    st.code(share_link(st.context.url or "", query), language=None, wrap_lines=True)
    st.caption(share_note(query, holds))
