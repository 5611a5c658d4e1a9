"""The Offer check's inputs: up to four offers, each a set of widgets bound to the URL.

Offer A's inputs are `a_label`, `a_metro`, `a_base`, ... (B's `b_...`), bound to the URL with
Streamlit's binding like every other page's filters (`ui.state`), so a link reproduces the
comparison and a bad link value is named in a plain-text warning. The common terms (employer,
metro, base, bonus, equity, vesting, sign-on) are always shown; the rest sit behind "More
terms". Every run keeps the offers' values in the session (`SAVED`) and a visitor coming back
from another page gets them back (`restore`) (the browser's Back button drops the link's parameters;
Streamlit's own binding does not bring them back then). A link from the single-offer page
(`?metro=12420&base=165000&level=Senior&equity=40000`) opens as offer A.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from analysis import compensation, taxonomy
from analysis.comparison import OfferSpec
from analysis.compensation import OfferTerms
from analysis.filters import LEVELS
from analysis.populations import BY_EVIDENCE
from analysis.take_home import LOCAL_RULES
from ui import state

LETTERS = ("a", "b", "c", "d")
DEFAULT_METROS = ("41860", "35620", "42660", "12420")
"""New offers' metros: San Francisco, New York, Seattle, Austin (the largest AI hubs first)."""
SCHEDULE_NAMES = {
    "even": "Even",
    "front": "Front-loaded",
    "back": "Back-loaded",
    "custom": "Custom",
}
VESTING_HELP = (
    "Percent of the grant vesting in years 1-4: even 25/25/25/25, front-loaded 33/33/22/12, "
    "back-loaded 5/15/40/40, or your own four numbers."
)
FREQUENCY_NAMES = {"monthly": "Monthly", "quarterly": "Quarterly", "yearly": "Yearly"}
CLAWBACK_NAMES = {
    "full": "Repaid in full",
    "pro rata": "Repaid pro rata",
    "none": "Kept",
}
MAX_AMOUNT = 50_000_000.0
COUNT = "offer_count"
SAVED = "offer_saved"
PAGE = "offer_check"
FIELDS = (
    "label", "metro", "base", "bonus", "equity", "vest", "custom", "signon", "remote",
    "work_state", "home_state", "lives", "works", "track", "level", "occ", "freq", "cliff",
    "refresh", "reloc", "clawback", "match", "liquid",
)  # fmt: skip
_LEGACY = {
    "metro": "metro",
    "base": "base",
    "occ": "occ",
    "level": "level",
    "track": "track",
    "remote": "remote",
    "bonus": "bonus",
    "signon": "signon",
}


def _legacy_link() -> None:
    """Rewrite a link from the single-offer page as offer A's parameters (its equity was a
    yearly value: four of them make the grant, vesting evenly without a cliff; its `nyc` /
    `city` switch was about living in the city, Denver's about working there)."""
    params = st.query_params
    units = [x for x in LETTERS if f"{x}_bonus_pct" in params]
    for x in units:  # a bonus with its unit apart, from before the bonus said it itself
        unit = params.pop(f"{x}_bonus_pct")
        if unit in ("1", "true") and f"{x}_bonus" in params:
            params[f"{x}_bonus"] = params[f"{x}_bonus"] + "%"
    if units:
        st.rerun()
    if any(k[:2] in {f"{x}_" for x in LETTERS} for k in params) or not params:
        return
    old = {k: params.get_all(k)[-1] for k in params}
    new = {f"a_{v}": old[k] for k, v in _LEGACY.items() if k in old}
    for switch in ("nyc", "city"):
        if switch in old:
            new["a_works" if old.get("metro") == "19740" else "a_lives"] = old[switch]
    if "equity" in old:
        try:
            new["a_equity"] = f"{4 * float(old['equity']):g}"
            new["a_vest"], new["a_cliff"] = "Even", "false"
        except ValueError:
            new["a_equity"] = old["equity"]
    if new:
        st.session_state.setdefault(COUNT, 1)
        for key in list(params):
            if key in _LEGACY or key in ("equity", "nyc", "city"):
                del params[key]
        params.update(new)
        st.rerun()  # bound widgets read the link a run starts with


def count() -> int:
    """How many offers the page shows: as many as the link holds (at least one), two on a
    bare visit, then what Add and Remove made it."""
    _legacy_link()
    restore()
    if COUNT not in st.session_state:
        used = [
            i + 1
            for i, x in enumerate(LETTERS)
            if any(k.startswith(f"{x}_") for k in st.query_params)
        ]
        st.session_state[COUNT] = max(used or [2])
    return int(st.session_state[COUNT])


def add() -> None:
    st.session_state[COUNT] = min(len(LETTERS), count() + 1)


def remove(index: int) -> None:
    """Drop offer `index`; later offers move up a letter (their inputs and link values too)."""
    n = count()
    for i in range(index, n):
        for name in FIELDS:
            here, there = f"{LETTERS[i]}_{name}", f"{LETTERS[i + 1]}_{name}" if i + 1 < n else ""
            if there and there in st.session_state:
                st.session_state[here] = st.session_state[there]
            else:
                st.session_state.pop(here, None)
            if there and there in st.query_params:
                st.query_params[here] = st.query_params.get_all(there)
            else:
                st.query_params.pop(here, None)
    st.session_state[COUNT] = max(1, n - 1)


def _link_value(value: Any) -> str:
    """A kept input value as a link carries it (`ui.state` reads each of these forms)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value)


def restore() -> None:
    """On the first run after another page, give every input back its value from before (the
    link wins where it carries one). The values go back into the link and the page starts
    again, because a bound widget takes its value from the link a run starts with (or its
    default when the link has none)."""
    if st.session_state.get("came_from") == PAGE:
        return
    saved = st.session_state.get(SAVED, {})
    missing = {k: _link_value(v) for k, v in saved.items() if k not in st.query_params}
    if missing:
        st.session_state["came_from"] = PAGE  # the restart is not another arrival
        st.query_params.update(missing)
        st.rerun()


def remember(count: int) -> None:
    """Keep this run's inputs of the first `count` offers for a later visit (`_restore`)."""
    st.session_state[SAVED] = {
        key: st.session_state[key]
        for x in LETTERS[:count]
        for name in FIELDS
        if (key := f"{x}_{name}") in st.session_state
    }


def _follow_track(x: str) -> None:
    """A new track brings back the default occupation basis: the occupations employers file
    the track's titles under (the user can still pick one BLS occupation)."""
    st.session_state[f"{x}_occ"] = BY_EVIDENCE


def inputs(
    index: int,
    metros: Mapping[str, str],
    occupations: Mapping[str, str],
    default_base: Callable[[str, str, str], float],
    spans: Mapping[str, tuple[str, ...]],
) -> dict[str, Any]:
    """Draw offer `index`'s inputs in the current container and return their values by field.
    `metros` and `occupations` map codes to the labels shown (`BY_EVIDENCE` among them);
    `default_base(metro, occ, track)` is a new offer's starting base (the metro's published
    median); `spans` maps each metro that spans states to them (principal first): only there
    are the job's and the home's states asked."""
    x = LETTERS[index]
    money: dict[str, Any] = {"min_value": 0.0, "max_value": MAX_AMOUNT, "format": "%.0f"}
    out: dict[str, Any] = {}
    out["label"] = state.text("Employer", key=f"{x}_label", default=f"Offer {x.upper()}")
    metro = state.choice(
        "Metro", list(metros), key=f"{x}_metro", default=DEFAULT_METROS[index],
        format_func=metros.get,
    )  # fmt: skip
    out["metro"] = metro
    out["remote"] = state.toggle(
        "Remote (the metro is where you live)", key=f"{x}_remote", default=False
    )
    out["work_state"], out["home_state"] = _states(x, spans.get(str(metro), ()))
    track_default, occ_default = "ML engineer", BY_EVIDENCE
    occ_now = st.session_state.get(f"{x}_occ", occ_default)
    track_now = st.session_state.get(f"{x}_track", track_default)
    if track_now not in taxonomy.TRACKS:
        track_now = track_default
    occ = occ_now if occ_now in occupations else occ_default
    base_default = float(default_base(metro, occ, track_now))
    out["base"] = state.number(
        "Base salary ($/yr)", key=f"{x}_base", default=base_default, step=1000.0, **money
    )
    out["bonus"] = state.text(
        "Target bonus (15% or $30,000 a year)", key=f"{x}_bonus", default="0", max_chars=16
    )
    out["equity"] = state.number(
        "Equity grant ($, over 4 years)", key=f"{x}_equity", default=0.0, step=1000.0, **money
    )
    c1, c2 = st.columns(2)
    with c1:
        out["vest"] = state.choice(
            "Vesting", list(SCHEDULE_NAMES), key=f"{x}_vest", default="even",
            format_func=SCHEDULE_NAMES.get, help=VESTING_HELP,
        )  # fmt: skip
    with c2:
        out["signon"] = state.number(
            "Sign-on ($)", key=f"{x}_signon", default=0.0, step=1000.0, **money
        )
    out["custom"] = "25/25/25/25"
    if out["vest"] == "custom":
        out["custom"] = state.text(
            "Yearly vesting % (four, summing to 100)", key=f"{x}_custom", default="25/25/25/25",
            max_chars=23,
        )  # fmt: skip
    with st.expander("More terms: level, role, refreshers, clawback, 401(k)"):
        out.update(_more(x, metro, occupations, money, track_default, occ_default))
    return out


STATES_HELP = (
    "Taxed where the job is and where you live: the job state's tax on non-residents, your "
    "home state's tax less its credit for it, or one of them under a reciprocal agreement."
)


def _states(x: str, states: tuple[str, ...]) -> tuple[str | None, str | None]:
    """The job's and the home's state for a metro spanning `states` (two pickers; None for
    the default: the principal state, and home where the job is); (None, None) elsewhere."""
    if len(states) < 2:
        return None, None
    c1, c2 = st.columns(2)
    with c1:
        work = state.choice(
            "Job in", list(states), key=f"{x}_work_state", default=states[0], help=STATES_HELP
        )
    with c2:
        home = state.choice(
            "You live in", list(states), key=f"{x}_home_state", default=work, help=STATES_HELP
        )
    return (None if work == states[0] else work), (None if home == work else home)


def _more(
    x: str,
    metro: str,
    occupations: Mapping[str, str],
    money: dict[str, Any],
    track_default: str,
    occ_default: str,
) -> dict[str, Any]:
    """The less common terms of offer `x` (drawn inside its "More terms" expander)."""
    out: dict[str, Any] = {}
    rule = LOCAL_RULES.get(str(metro))
    out["lives"], out["works"] = True, True
    if rule is not None:  # only where a local tax depends on it
        c1, c2 = st.columns(2)
        with c1:
            out["lives"] = state.toggle(f"Live in {rule.city}", key=f"{x}_lives", default=True)
        with c2:
            out["works"] = state.toggle(f"Work in {rule.city}", key=f"{x}_works", default=True)
    c1, c2 = st.columns(2)
    with c1:
        out["track"] = state.choice(
            "Track", taxonomy.TRACKS, key=f"{x}_track", default=track_default,
            on_change=_follow_track, args=(x,),
        )  # fmt: skip
    with c2:
        out["level"] = state.choice("Level", LEVELS, key=f"{x}_level", default="Senior")
    out["occ"] = state.choice(
        "Occupation (BLS)", list(occupations), key=f"{x}_occ", default=occ_default,
        format_func=occupations.get,
        help="BLS has no AI-engineer occupation. By default the market range mixes the "
        "occupations employers file the track's titles under in H-1B applications (Data & "
        "methods shows them); pick one occupation to use it alone.",
    )  # fmt: skip
    c1, c2 = st.columns(2)
    with c1:
        out["freq"] = state.choice(
            "Vests", list(FREQUENCY_NAMES), key=f"{x}_freq", default="monthly",
            format_func=FREQUENCY_NAMES.get,
        )  # fmt: skip
    with c2:
        out["cliff"] = state.toggle("One-year cliff", key=f"{x}_cliff", default=True)
    c1, c2 = st.columns(2)
    with c1:
        out["refresh"] = state.number(
            "Yearly refresher ($)", key=f"{x}_refresh", default=0.0, step=1000.0, **money
        )
    with c2:
        out["reloc"] = state.number(
            "Relocation ($)", key=f"{x}_reloc", default=0.0, step=1000.0, **money
        )
    c1, c2 = st.columns(2)
    with c1:
        out["clawback"] = state.choice(
            "Sign-on if you leave in year 1", list(CLAWBACK_NAMES), key=f"{x}_clawback",
            default="full", format_func=CLAWBACK_NAMES.get,
        )  # fmt: skip
    with c2:
        out["match"] = state.number(
            "401(k) match (% of base)", key=f"{x}_match", default=0.0, min_value=0.0,
            max_value=100.0, step=0.5, format="%g",
        )  # fmt: skip
    out["liquid"] = state.number(
        "Equity you could sell (%): below 100 for a private company", key=f"{x}_liquid",
        default=100.0, min_value=0.0, max_value=100.0, step=5.0, format="%g",
    )  # fmt: skip
    return out


_BONUS = re.compile(r"^\$?(\d+(?:\.\d+)?)(%?)$")


def bonus(text: str) -> tuple[float, bool]:
    """A typed target bonus as (amount, is a percent of base): '15%' -> (15, True),
    '$30,000' or '30000' -> (30000, False). ValueError for anything else."""
    found = _BONUS.match(str(text).replace(",", "").replace(" ", ""))
    if found is None:
        raise ValueError(
            "Enter the target bonus as a percent of base (15%) or dollars a year (30000)."
        )
    return float(found.group(1)), found.group(2) == "%"


def terms(offer: Mapping[str, Any]) -> OfferTerms:
    """The offer's terms for `analysis.compensation` (ValueError for a bonus or custom
    percentages it cannot read)."""
    try:
        custom = tuple(float(p) for p in str(offer["custom"]).split("/"))
    except ValueError:
        raise ValueError("Enter four yearly vesting percentages such as 10/20/30/40.") from None
    amount, percent = bonus(offer["bonus"])
    return OfferTerms(
        base=float(offer["base"]),
        bonus=amount,
        bonus_percent=percent,
        equity=float(offer["equity"]),
        schedule=str(offer["vest"]),
        custom=custom,
        cliff=bool(offer["cliff"]),
        refresher=float(offer["refresh"]),
        sign_on=float(offer["signon"]),
        relocation=float(offer["reloc"]),
        frequency=str(offer["freq"]),
        clawback=str(offer["clawback"]),
        match=float(offer["match"]),
        liquidity=float(offer["liquid"]) / 100.0,
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


def now(index: int, metros: Mapping[str, str], occupations: Mapping[str, str],
        default_base: Callable[[str, str, str], float]) -> dict[str, Any]:  # fmt: skip
    """Offer `index`'s employer, metro, remote, base, bonus and equity before its inputs are
    drawn: their values of the last run (on a first visit: the link's, else the defaults)."""
    x = LETTERS[index]
    got = {n: st.session_state.get(f"{x}_{n}", st.query_params.get(f"{x}_{n}")) for n in FIELDS}

    def code(value: Any, labels: Mapping[str, str], default: str) -> str:
        return (
            str(value) if value in labels else {v: k for k, v in labels.items()}.get(value, default)
        )

    def amount(name: str, default: float) -> float:
        try:
            value = float(got[name] if got[name] is not None else default)
        except ValueError:
            return default
        return value if 0 <= value <= MAX_AMOUNT else default

    metro = code(got["metro"], metros, DEFAULT_METROS[index])
    track = got["track"] if got["track"] in taxonomy.TRACKS else "ML engineer"
    base = float(default_base(metro, code(got["occ"], occupations, BY_EVIDENCE), track))
    label = state.clean_text(str(got["label"] or ""), 40) or f"Offer {x.upper()}"
    return {"label": label, "place": metros.get(metro, metro), "base": amount("base", base),
            "remote": got["remote"] in (True, "true", "1"), "bonus": str(got["bonus"] or "0"),
            "equity": amount("equity", 0.0)}  # fmt: skip
