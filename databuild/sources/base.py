"""Shared pieces for the source readers: the reader contract and checked parsing helpers.

Every helper raises `SourceError` naming the file, the 1-based line of the file and the
column, so a bad cell stops the build with a message a maintainer can act on.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from databuild.errors import SourceError


@dataclass(frozen=True)
class ColumnDoc:
    """Documentation of one processed column: dtype (pandas), unit and meaning."""

    dtype: str
    unit: str
    meaning: str


@dataclass(frozen=True)
class SourceInfo:
    """Where a source comes from; copied into data/manifest.json."""

    key: str
    publisher: str
    title: str
    url: str
    licence: str
    vintage: str
    folder: str
    caveats: tuple[str, ...] = ()


@dataclass
class ReadResult:
    """What a reader returns: processed tables, the input files it read, rows read, a log,
    and what the inputs say about themselves: `facts` (the reader's FACTS keys: vintage,
    years, release...) and a short `caption` label composed from them for charts."""

    tables: dict[str, pd.DataFrame]
    inputs: list[Path]
    rows_read: int
    log: list[str] = field(default_factory=list)
    facts: dict[str, object] = field(default_factory=dict)
    caption: str = ""


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sha256_of_folder(folder: Path) -> tuple[str, int, int]:
    """(sha256, files, bytes) of every file directly in `folder`: the sha256 of the listing
    `sha256sum` prints for them, one '<hex>  <name>' line per file sorted by name (code
    point), so `sha256sum * | sha256sum` in the folder (C locale) gives the same digest."""
    files = sorted((p for p in folder.iterdir() if p.is_file()), key=lambda p: p.name)
    listing = "".join(f"{sha256_of(p)}  {p.name}\n" for p in files)
    size = sum(p.stat().st_size for p in files)
    return hashlib.sha256(listing.encode("utf-8")).hexdigest(), len(files), size


_COMMIT_DATE = re.compile(r"commit [0-9a-f]{40}\s*\((\d{4}-\d{2}-\d{2})")


def provenance_date(path: Path) -> str:
    """The snapshot date a source folder's PROVENANCE.md gives: the date of the publisher's
    commit the files were copied from ('... commit <40 hex> (2025-01-19 06:00 UTC) ...').

    Raises SourceError when the file is missing or names no such commit."""
    text = read_text(path).replace("`", "").replace("*", "")
    match = _COMMIT_DATE.search(text)
    if not match:
        raise SourceError(path, "no 'commit <sha> (YYYY-MM-DD ...)' giving the snapshot's date")
    return match.group(1)


def require_file(path: Path) -> Path:
    """Return `path` if it is a non-empty file, else raise SourceError."""
    if not path.is_file():
        raise SourceError(path, "file not found")
    if path.stat().st_size == 0:
        raise SourceError(path, "file is empty")
    return path


def read_text(path: Path, encoding: str = "utf-8") -> str:
    """Read a whole text file, turning undecodable bytes into a SourceError with its line."""
    raw = require_file(path).read_bytes()
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise SourceError(
            path, f"not valid {encoding} text (byte {err.start})", line=line
        ) from None


def read_csv_text(
    path: Path,
    text: str,
    *,
    required: list[str],
    sep: str = ",",
    header_line: int = 1,
) -> pd.DataFrame:
    """Parse CSV text into an all-string frame with a `_line` column (1-based file line).

    `header_line` is the file line holding the header. Raises SourceError when a required
    column is missing or a row has the wrong number of fields (a truncated file).
    """
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=sep))
    except csv.Error as err:
        raise SourceError(path, f"not a readable CSV file ({err})") from None
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise SourceError(path, "no header row", line=header_line)
    header = [cell.strip() for cell in rows[0]]
    missing = [name for name in required if name not in header]
    if missing:
        raise SourceError(
            path, f"missing column(s) {', '.join(missing)}; found {header[:12]}", line=header_line
        )
    body = rows[1:]
    for offset, row in enumerate(body, start=1):
        if len(row) != len(header) and any(cell.strip() for cell in row):
            raise SourceError(
                path,
                f"expected {len(header)} fields, found {len(row)} (truncated or malformed row)",
                line=header_line + offset,
            )
    frame = pd.DataFrame(
        [row for row in body if len(row) == len(header)], columns=header, dtype=object
    )
    frame["_line"] = [
        header_line + offset for offset, row in enumerate(body, start=1) if len(row) == len(header)
    ]
    return frame


def reject_first(
    frame: pd.DataFrame, bad: pd.Series, path: Path, column: str, problem: str
) -> None:
    """Raise SourceError at the first row where `bad` is True: "<value> <problem>".

    Names the file, the row's 1-based line (frame["_line"]) and `column`; no-op when no row
    is bad.
    """
    if bad.any():
        first = bad.idxmax()
        raise SourceError(
            path,
            f"{frame.at[first, column]!r} {problem}",
            line=int(frame.at[first, "_line"]),
            column=column,
        )


def to_number(
    frame: pd.DataFrame,
    column: str,
    path: Path,
    *,
    missing: tuple[str, ...] = ("",),
    low: float | None = None,
    high: float | None = None,
) -> pd.Series:
    """Parse a string column as float64; `missing` markers become NaN.

    Anything else that is not a number, or a number outside [low, high], raises SourceError
    naming the first bad line. Thousands separators are accepted.
    """
    text = frame[column].astype("string").str.strip()
    is_missing = text.isna() | text.isin(list(missing))
    values = pd.to_numeric(
        text.where(~is_missing).str.replace(",", "", regex=False), errors="coerce"
    )
    reject_first(frame, values.isna() & ~is_missing, path, column, "is not a number")
    out_of_range = pd.Series(False, index=frame.index)
    if low is not None:
        out_of_range |= values < low
    if high is not None:
        out_of_range |= values > high
    if out_of_range.any():
        first = out_of_range.idxmax()
        raise SourceError(
            path,
            f"{values[first]:g} is outside the plausible range [{low}, {high}]",
            line=int(frame.at[first, "_line"]),
            column=column,
        )
    return values.astype("float64")


def check_pattern(frame: pd.DataFrame, column: str, pattern: str, path: Path, what: str) -> None:
    """Raise SourceError at the first value of `column` that does not fully match `pattern`."""
    ok = frame[column].astype("string").str.fullmatch(pattern).fillna(False)
    reject_first(frame, ~ok, path, column, f"is not {what}")


def conform(frame: pd.DataFrame, columns: dict[str, ColumnDoc]) -> pd.DataFrame:
    """Select and cast `frame` to the documented columns, in the documented order."""
    out = pd.DataFrame(index=frame.index)
    for name, doc in columns.items():
        out[name] = frame[name].astype(doc.dtype)
    return out.reset_index(drop=True)


__all__ = [
    "ColumnDoc",
    "ReadResult",
    "SourceError",
    "SourceInfo",
    "check_pattern",
    "conform",
    "provenance_date",
    "read_csv_text",
    "read_text",
    "reject_first",
    "require_file",
    "sha256_of",
    "sha256_of_folder",
    "to_number",
]
