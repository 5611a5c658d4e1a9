"""The Offer check's inputs: up to four offers, kept for the whole session and in the link.

Each offer is a plain dict of `FIELDS` held in `st.session_state["offers"]`, so it survives a
visit to another page and the browser's Back button (widget state alone would not). Every run
writes the offers into the URL as `<letter>_<field>` parameters (`a_metro=41860&a_base=165000`,
defaults left out), so the link reproduces the comparison; a link made before several offers
existed (`?metro=12420&base=165000&level=Senior&equity=40000`) opens as offer A. A link value
the page cannot use is named in a plain-text warning and replaced by the default.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

from analysis import compensation, taxonomy
from analysis.comparison import OfferSpec
from analysis.compensation import OfferTerms
from analysis.take_home import LOCAL_RULES
from ui.state import warn

LETTERS = ("a", "b", "c", "d")
DEFAULT_METROS = ("41860", "12420", "35620", "42660")
SCHEDULE_NAMES = {
    "even": "Even 25/25/25/25",
    "front": "Front-loaded 33/33/22/12",
    "back": "Back-loaded 5/15/40/40",
    "custom": "Custom",
}
LEVELS = ("Entry", "Mid", "Senior", "Executive")
MAX_AMOUNT = 50_000_000.0


@dataclass(frozen=True)
class Field:
    """One input of an offer: its default (None = computed), how a link value is read, and
    how it is written back."""

    default: Any
    parse: Callable[[str], Any]


def _text(value: str) -> str:
    text = " ".join(value.split())[:40]
    if not text:
        raise ValueError("empty")
    return text


def _amount(value: str) -> float:
    number = float(value)
    if not math.isfinite(number) or not 0 <= number <= MAX_AMOUNT:
        raise ValueError("not an amount")
    return number


def _flag(value: str) -> bool:
    text = value.strip().lower()
    if text not in ("1", "0", "true", "false"):
        raise ValueError("not on/off")
    return text in ("1", "true")


def _one_of(options: tuple[str, ...] | Mapping[str, str]) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if value not in options:
            raise ValueError("unknown")
        return value

    return parse


def _state(value: str) -> str:
    code = value.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise ValueError("not a two-letter state code")
    return code


def _custom(value: str) -> str:
    parts = [float(p) for p in value.split("/")]
    if len(parts) != 4 or any(not math.isfinite(p) or p < 0 for p in parts):
        raise ValueError("four percentages")
    return "/".join(f"{p:g}" for p in parts)


def fields(metros: Mapping[str, str], occupations: Mapping[str, str]) -> dict[str, Field]:
    """Every input of an offer; `metros` and `occupations` are the codes the pickers offer."""
    return {
        "label": Field(None, _text),
        "metro": Field(None, _one_of(metros)),
        "remote": Field(False, _flag),
        "lives": Field(True, _flag),
        "works": Field(True, _flag),
        "work_state": Field(None, _state),
        "home_state": Field(None, _state),
        "track": Field("ML engineer", _one_of(taxonomy.TRACKS)),
        "occ": Field(None, _one_of(occupations)),
        "level": Field("Senior", _one_of(LEVELS)),
        "base": Field(None, _amount),
        "bonus": Field(0.0, _amount),
        "bonus_pct": Field(False, _flag),
        "equity": Field(0.0, _amount),
        "vest": Field("even", _one_of(SCHEDULE_NAMES)),
        "custom": Field("25/25/25/25", _custom),
        "cliff": Field(True, _flag),
        "refresh": Field(0.0, _amount),
        "signon": Field(0.0, _amount),
        "reloc": Field(0.0, _amount),
    }


def blank(index: int, spec: dict[str, Field]) -> dict[str, Any]:
    """A new offer's values: defaults, a label and metro of its own; base and occupation stay
    None until the page fills them from the data (the metro's BLS median, the track's code)."""
    offer = {name: f.default for name, f in spec.items()}
    offer["label"] = f"Offer {LETTERS[index].upper()}"
    offer["metro"] = DEFAULT_METROS[index]
    return offer


def _legacy(params: Mapping[str, list[str]]) -> dict[str, str]:
    """A link from the single-offer page as offer A's parameters (equity there was a yearly
    value: four of them make the grant, vesting evenly without a cliff)."""
    names = {
        "metro": "metro",
        "base": "base",
        "occ": "occ",
        "level": "level",
        "track": "track",
        "remote": "remote",
        "bonus": "bonus",
        "signon": "signon",
    }
    out = {f"a_{new}": params[old][-1] for old, new in names.items() if old in params}
    for old in ("nyc", "city"):
        if old in params:
            out["a_lives"] = params[old][-1]
            if params.get("metro", [""])[-1] == "19740":  # Denver's toggle was about working
                out["a_works"] = out.pop("a_lives")
    if "equity" in params:
        try:
            out["a_equity"] = str(4 * float(params["equity"][-1]))
            out["a_vest"], out["a_cliff"] = "even", "0"
        except ValueError:
            out["a_equity"] = params["equity"][-1]
    return out


def from_link(params: Mapping[str, list[str]], spec: dict[str, Field]) -> list[dict[str, Any]]:
    """The offers a link describes (at least one), each value checked; a value the page
    cannot use is named in a warning (never echoed) and left at its default."""
    flat = {k: v[-1] for k, v in params.items() if v}
    if not any(k[:2] in {f"{x}_" for x in LETTERS} for k in flat):
        flat = _legacy(params)
    used = [i + 1 for i, x in enumerate(LETTERS) if any(k.startswith(f"{x}_") for k in flat)]
    # A bare link opens two offers, the simplest comparison; an old single-offer link one.
    count = max([1 if flat else 2, *used])
    offers = [blank(i, spec) for i in range(count)]
    for i, offer in enumerate(offers):
        for name, field in spec.items():
            raw = flat.get(f"{LETTERS[i]}_{name}")
            if raw is None:
                continue
            try:
                offer[name] = field.parse(raw)
            except (ValueError, TypeError):
                shown = field.default if field.default is not None else "the default"
                warn(f"{LETTERS[i]}_{name}", "is not one this page can use", str(shown))
    return offers


def to_link(offers: list[dict[str, Any]], spec: dict[str, Field]) -> dict[str, str]:
    """URL parameters for `offers`: every value that differs from a blank offer's."""
    out: dict[str, str] = {}
    for i, offer in enumerate(offers):
        fresh = blank(i, spec)
        for name in spec:
            value = offer.get(name)
            if value is None or value == fresh.get(name):
                continue
            if isinstance(value, bool):
                text = "1" if value else "0"
            elif isinstance(value, float):
                text = f"{value:.0f}" if value.is_integer() else f"{value:g}"
            else:
                text = str(value)
            out[f"{LETTERS[i]}_{name}"] = text
    return out


def terms(offer: Mapping[str, Any]) -> OfferTerms:
    """The offer's terms for `analysis.compensation`."""
    custom = tuple(float(p) for p in str(offer["custom"]).split("/"))
    return OfferTerms(
        base=float(offer["base"]),
        bonus=float(offer["bonus"]),
        bonus_percent=bool(offer["bonus_pct"]),
        equity=float(offer["equity"]),
        schedule=str(offer["vest"]),
        custom=custom,
        cliff=bool(offer["cliff"]),
        refresher=float(offer["refresh"]),
        sign_on=float(offer["signon"]),
        relocation=float(offer["reloc"]),
    )


def to_spec(offer: Mapping[str, Any]) -> OfferSpec:
    """The offer as `analysis.comparison.OfferSpec` (ValueError when its terms are not
    plausible: `compensation.check_terms`)."""
    checked = compensation.check_terms(terms(offer))
    return OfferSpec(
        label=str(offer["label"]),
        cbsa=str(offer["metro"]),
        occupation=str(offer["occ"]),
        track=str(offer["track"]),
        level=str(offer["level"]),
        terms=checked,
        remote=bool(offer["remote"]),
        lives_in_city=bool(offer["lives"]),
        works_in_city=bool(offer["works"]),
        work_state=offer.get("work_state"),
        home_state=offer.get("home_state"),
    )


def _follow_track(x: str) -> None:
    """A new track brings its default BLS occupation (the user can still pick another)."""
    track = st.session_state[f"{x}_track"]
    st.session_state[f"{x}_occ"] = taxonomy.TRACK_OCCUPATION.get(track, "15-2051")


def bind(key: str, value: Any) -> str:
    """Give the widget `key` its stored value when it has none yet (first run, or back from
    another page), and return the key."""
    if key not in st.session_state:
        st.session_state[key] = value
    return key


def inputs(
    index: int,
    offer: dict[str, Any],
    metros: Mapping[str, str],
    occupations: Mapping[str, str],
    spans: Mapping[str, tuple[str, ...]] | None = None,
) -> dict[str, Any]:
    """Draw offer `index`'s inputs (in the current container) from its stored values and
    return them updated. `metros` and `occupations` map codes to the labels shown; `spans`
    maps a metro that spans states to them (principal first): only there are the job's and
    the home's states asked."""
    x = LETTERS[index]
    out = dict(offer)
    out["label"] = st.text_input("Employer", key=bind(f"{x}_label", offer["label"]), max_chars=40)
    out["metro"] = st.selectbox(
        "Where you would live and work" if offer["remote"] else "Metro",
        list(metros),
        key=bind(f"{x}_metro", offer["metro"]),
        format_func=metros.get,
    )
    out["remote"] = st.toggle("Remote role", key=bind(f"{x}_remote", offer["remote"]))
    states = (spans or {}).get(str(out["metro"]), ())
    if len(states) > 1:  # only where the metro spans states; None = the default state
        c1, c2 = st.columns(2)
        help_ = (
            "Taxed where the job is and where you live: the job state's tax on non-residents, "
            "your home state's tax less its credit for it, or one of them under a reciprocal "
            "agreement."
        )
        work = offer.get("work_state") if offer.get("work_state") in states else states[0]
        if st.session_state.get(f"{x}_work_state") not in states:  # another metro's state
            st.session_state[f"{x}_work_state"] = work
        work = c1.selectbox("Job in", states, key=f"{x}_work_state", help=help_)
        home = offer.get("home_state") if offer.get("home_state") in states else work
        if st.session_state.get(f"{x}_home_state") not in states:
            st.session_state[f"{x}_home_state"] = home
        home = c2.selectbox("You live in", states, key=f"{x}_home_state", help=help_)
        out["work_state"] = None if work == states[0] else work
        out["home_state"] = None if home == work else home
    else:
        out["work_state"] = out["home_state"] = None
    rule = LOCAL_RULES.get(str(out["metro"]))
    if rule is not None:  # only where a local tax depends on it
        c1, c2 = st.columns(2)
        out["lives"] = c1.toggle(
            f"Live in {rule.city}",
            key=bind(f"{x}_lives", offer["lives"]),
            help="Its residents' local tax applies."
            if rule.resident
            else "Residents who work elsewhere pay no local tax.",
        )
        out["works"] = c2.toggle(
            f"Work in {rule.city}",
            key=bind(f"{x}_works", offer["works"]),
            help="Its tax on working there applies."
            if rule.worker
            else "Only residents pay its local tax.",
        )
    c1, c2 = st.columns(2)
    out["track"] = c1.selectbox(
        "Track",
        taxonomy.TRACKS,
        key=bind(f"{x}_track", offer["track"]),
        on_change=_follow_track,
        args=(x,),
    )
    out["level"] = c2.selectbox("Level", LEVELS, key=bind(f"{x}_level", offer["level"]))
    out["occ"] = st.selectbox(
        "Occupation (BLS)",
        list(occupations),
        key=bind(f"{x}_occ", offer["occ"]),
        format_func=occupations.get,
        help="BLS has no AI-engineer occupation: the track picks the closest one by default.",
    )
    money: dict[str, Any] = {"min_value": 0.0, "max_value": MAX_AMOUNT, "format": "%.0f"}
    out["base"] = st.number_input(
        "Base salary ($/yr)", step=1000.0, key=bind(f"{x}_base", offer["base"]), **money
    )
    c1, c2 = st.columns([2, 1], vertical_alignment="bottom")
    out["bonus_pct"] = c2.segmented_control(
        "Bonus in", [False, True], key=bind(f"{x}_bonus_pct", offer["bonus_pct"]),
        format_func=lambda p: "%" if p else "$",
    ) or False  # fmt: skip
    out["bonus"] = c1.number_input(
        "Target bonus (% of base)" if out["bonus_pct"] else "Target bonus ($/yr)",
        step=1.0 if out["bonus_pct"] else 1000.0,
        key=bind(f"{x}_bonus", offer["bonus"]),
        **money,
    )
    out["equity"] = st.number_input(
        "Equity grant ($, vests over 4 years)",
        step=1000.0,
        key=bind(f"{x}_equity", offer["equity"]),
        **money,
    )
    out["vest"] = st.selectbox(
        "Vesting",
        list(SCHEDULE_NAMES),
        key=bind(f"{x}_vest", offer["vest"]),
        format_func=SCHEDULE_NAMES.get,
    )
    if out["vest"] == "custom":
        out["custom"] = st.text_input(
            "Yearly vesting % (four, summing to 100)",
            key=bind(f"{x}_custom", offer["custom"]),
            placeholder="10/20/30/40",
        )
    c1, c2 = st.columns(2, vertical_alignment="bottom")
    out["cliff"] = c1.toggle("One-year cliff", key=bind(f"{x}_cliff", offer["cliff"]))
    out["refresh"] = c2.number_input(
        "Yearly refresher ($)", step=1000.0, key=bind(f"{x}_refresh", offer["refresh"]), **money
    )
    c1, c2 = st.columns(2)
    out["signon"] = c1.number_input(
        "Sign-on ($)", step=1000.0, key=bind(f"{x}_signon", offer["signon"]), **money
    )
    out["reloc"] = c2.number_input(
        "Relocation ($)", step=1000.0, key=bind(f"{x}_reloc", offer["reloc"]), **money
    )
    return out
