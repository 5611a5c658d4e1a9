"""BEA's notes beside MARPP: the footnote file and the line definitions, checked against it."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

from databuild.errors import SourceError
from databuild.sources.base import read_text
from databuild.sources.bea_rpp.table import LINES, UPDATED, TableInfo

_NOT_AVAILABLE = re.compile(
    r"\s*(?:and )?([^,]+?, [A-Z]{2}(?:-[A-Z]{2})*)(?: \(Metropolitan Statistical Area\))? "
    r"prior to (\d{4})"
)


def check_footnotes(path: Path, info: TableInfo) -> None:
    """Check a MARPP__Footnotes.html against the table: same 'Last updated' text, and (NA)
    exactly where it says 'not available for <area> prior to <year>'."""
    text = re.sub(r"<[^>]+>|&nbsp;", " ", read_text(path))
    updated = UPDATED.search(re.sub(r"\s+", " ", text))
    if updated is None:
        raise SourceError(path, "no 'Last updated: <date>-- new statistics for <year>' line")
    when = datetime.strptime(updated.group(1), "%B %d, %Y").date()
    if (when, int(updated.group(2))) != (info.release_date, info.new_year):
        raise SourceError(
            path, f"says last updated {when} with {updated.group(2)}; {info.path.name} says "
            f"{info.release_date} with {info.new_year}: files of different releases",
        )  # fmt: skip
    stated = re.search(r"not available for (.*?)\.\s", text, re.DOTALL)
    expected = {
        m.group(1).strip(): list(range(info.years[0], int(m.group(2))))
        for m in _NOT_AVAILABLE.finditer(stated.group(1) if stated else "")
    }
    if expected != info.missing:
        raise SourceError(
            path, f"says (NA) for {expected}, but {info.path.name} has (NA) for "
            f"{info.missing} (a row shifted, or footnotes of another release)",
        )  # fmt: skip


def check_definition(path: Path, table: str) -> None:
    """Check a MARPP__definition.xml: the table name and its LineCode descriptions."""
    try:
        root = ElementTree.fromstring(read_text(path))
    except ElementTree.ParseError as err:
        raise SourceError(path, f"not readable XML ({err})") from None
    lines = {e.findtext("Code"): e.findtext("Description") for e in root.iter("LINE")}
    wanted = {code: text for code, (_, text) in LINES.items()}
    if root.get("Table") != table or lines != wanted:
        raise SourceError(
            path, f"defines table {root.get('Table')} lines {lines}; expected {table} {wanted}"
        )
