"""The cells of an uploaded band table, read one at a time: the file's text, an amount of pay
(US or European number formats), a metro named by code or place name, a career level.

Each reader returns what it read and, when it cannot, a problem in words that says what to
change; nothing is guessed silently: a European "190.000" is read as 190,000 only when that
is a plausible annual pay and the reading is reported, a place name that several metros
share ("Portland") is a problem listing them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

import numpy as np

from analysis import metros
from analysis.data import Tables

MAX_BYTES = 1_000_000
MIN_ANNUAL = 20_000.0
MAX_ANNUAL = 5_000_000.0
LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "Entry": ("entry", "junior", "jr", "associate", "graduate", "intern", "i", "1", "l1"),
    "Mid": ("mid", "intermediate", "ii", "2", "l2", "l3"),
    "Senior": ("senior", "sr", "iii", "3", "l4", "l5"),
    "Executive": ("staff", "principal", "lead", "director", "head", "vp", "iv", "v", "4", "5",
                  "l6", "l7", "executive", "distinguished", "chief"),
}  # fmt: skip
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")  # thousands spaces and apostrophes (CH)
_PLAIN = re.compile(r"^-?\d+(\.\d+)?([eE][+-]?\d+)?$")
_US = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_EU_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_EU_DECIMAL = re.compile(r"^(\d{1,3}(\.\d{3})+|\d+),\d+$")


class UploadError(ValueError):
    """The file as a whole cannot be read; the message says what to do."""


def decode(content: bytes) -> tuple[str, list[str]]:
    """The file's text and notes on how it was read; UploadError when it is not text."""
    if len(content) > MAX_BYTES:
        raise UploadError(
            f"The file is {len(content) / 1e6:.1f} MB; the limit is 1 MB. Split it or remove rows."
        )
    notes = []
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = content.decode("utf-16")
        except UnicodeDecodeError:
            raise UploadError(
                "The file says it is UTF-16 but is not; save it as CSV UTF-8."
            ) from None
        notes.append("read as UTF-16 text")
    else:
        if b"\x00" in content:
            raise UploadError(
                "This is not a text CSV: it holds binary data (a spreadsheet file, or UTF-16 "
                "without its marker). Save it as 'CSV UTF-8' and upload again."
            )
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = content[: err.start].count(b"\n") + 1
            raise UploadError(
                f"Row {line}: the file is not UTF-8 text. Save it as 'CSV UTF-8' and upload again."
            ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UploadError("The file is empty (at most a byte-order mark or blank lines).")
    return text, notes


def amount(raw: str) -> tuple[float | None, str, str]:
    """(USD a year, problem, note) read from a cell: "185,080", "185080", "1.2e5", "$185,080"
    or a European "185.080" / "185.080,50" / "185 080". `problem` says why nothing was read;
    `note` says how a European format was read."""
    text = _SPACES.sub("", raw.strip()).replace("$", "").removesuffix("USD")
    shown = repr(raw[:30])
    value, note = None, ""
    if _US.match(text):
        value = float(text.replace(",", ""))
    elif _EU_THOUSANDS.match(text):
        # "190.000": a decimal point (190) or a thousands dot (190,000)? Only the second can be
        # annual pay; when neither can, say so rather than pick one.
        grouped = float(text.replace(".", ""))
        if not MIN_ANNUAL <= grouped <= MAX_ANNUAL:
            return (
                None,
                (
                    f"{shown} is ambiguous: {float(text):g} or {grouped:,.0f} (a dot between "
                    "thousands); neither is annual pay in dollars: write it without dots"
                ),
                "",
            )
        value, note = grouped, f"{shown} read as {grouped:,.0f} (a dot between thousands)"
    elif _PLAIN.match(text):
        value = float(text)
    elif _EU_DECIMAL.match(text):
        value = float(text.replace(".", "").replace(",", "."))
        note = f"{shown} read as {value:,.2f} (a decimal comma)"
    if value is None or not np.isfinite(value):
        return None, f"{shown} is not a number", ""
    if value < 0:
        return None, f"negative ({value:,.0f}); enter annual pay in dollars", note
    if value < 200:
        return None, f"{value:,.2f} looks hourly; enter annual pay (hours x 2,080)", note
    if value < MIN_ANNUAL:
        return (
            None,
            f"{value:,.0f} looks monthly (x 12 = {12 * value:,.0f}); enter annual pay",
            note,
        )
    if value > MAX_ANNUAL:
        return None, f"{value:,.0f} is over {MAX_ANNUAL:,.0f}; check for extra zeros", note
    return value, "", note


def level_of(text: str) -> str | None:
    """A level named by a level cell or a job title ("Senior", "II", "Staff ..."), else None."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    for level, names in LEVEL_WORDS.items():
        if text.strip().title() == level or any(w in names for w in words):
            return level
    return None


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace(".", "").strip().lower())


class MetroIndex:
    """Every name a metro goes by -> the metros that go by it: CBSA code, display label
    ("Portland, OR"), short name, OMB title, each principal city ("Vancouver") and each
    city with each of the metro's states ("Vancouver, WA")."""

    def __init__(self, data: Tables) -> None:
        names = metros.metro_names(data).merge(data.metros[["cbsa", "states"]], on="cbsa")
        self.labels = dict(zip(names["cbsa"].astype(str), names["label"].astype(str), strict=True))
        index: dict[str, set[str]] = {}
        for row in names.itertuples(index=False):
            cbsa, title = str(row.cbsa), str(row.title)
            cities = title.split(",")[0].split("-") if "nonmetropolitan" not in title else []
            short = str(row.short_name).split(",")[0]
            states = str(row.states).split("-") if isinstance(row.states, str) else []
            keys = [cbsa, row.label, row.short_name, title, short, *cities]
            keys += [f"{city}, {state}" for city in cities for state in states]
            for key in keys:
                index.setdefault(_key(str(key)), set()).add(cbsa)
        self.index = {k: tuple(sorted(v, key=self.labels.get)) for k, v in index.items()}
        self._near: dict[str, list[str]] = {}
        # Close names share the first two letters and about the length: a short list.
        self._starts: dict[str, list[str]] = {}
        for key in self.index:
            self._starts.setdefault(key[:2], []).append(key)

    def find(self, name: str) -> tuple[str | None, str]:
        """(CBSA code, "") for a name one metro goes by; (None, problem) otherwise: several
        metros (listed) or none (with close names when there are)."""
        shown = repr(name[:60]) if name else "blank"
        hits = self.index.get(_key(name), ())
        if len(hits) == 1:
            return hits[0], ""
        if hits:
            listed = "; ".join(self.labels[c] for c in hits[:6])
            return None, f"{shown} is {len(hits)} metros: {listed}. Write one of them"
        near = self._close(_key(name)) if name else []
        hint = f"; did you mean {' or '.join(near)}?" if near else ": use a CBSA code or a name"
        return None, f"unknown metro ({shown}){hint}"

    def _close(self, key: str) -> list[str]:
        """Up to three labels of metros whose names are close to `key` (a misspelling)."""
        if key not in self._near:
            slack = max(2, len(key) // 6)
            near = [k for k in self._starts.get(key[:2], []) if abs(len(k) - len(key)) <= slack]
            found = difflib.get_close_matches(key, near, n=6, cutoff=0.85)
            labels = dict.fromkeys(self.labels[c] for k in found for c in self.index[k])
            self._near[key] = list(labels)[:3]
        return self._near[key]


def duplicates(keys: Iterable[tuple], rows: Iterable[int]) -> dict[int, int]:
    """{row: the earlier row it repeats} for rows whose key was seen before."""
    first: dict[tuple, int] = {}
    out = {}
    for key, row in zip(keys, rows, strict=True):
        if key in first:
            out[row] = first[key]
        else:
            first[key] = row
    return out
