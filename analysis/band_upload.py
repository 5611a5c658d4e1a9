"""A recruiter's own band table: read it safely and compare each band with the market.

The file is UTF-8 CSV of at most 1 MB with columns role, metro, min, mid, max. Every problem
raises `UploadError` with a message naming the row and what to fix.
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

from analysis import metros, stats
from analysis.bands import PCT_COLUMNS, UPLOAD_COLUMNS, market_bands
from analysis.data import Tables
from analysis.wages import ladder

MAX_UPLOAD_BYTES = 1_000_000
MAX_UPLOAD_ROWS = 5_000


class UploadError(ValueError):
    """A band upload was rejected; the message names the row and what to fix."""


def parse_upload(data: Tables, content: bytes) -> pd.DataFrame:
    """Check a recruiter's band CSV and return it as a tidy frame.

    The file must be UTF-8 CSV of at most 1 MB with columns role, metro, min, mid, max
    (extra columns are ignored). `metro` is a CBSA code, a display name ("San Jose") or an
    official CBSA title. Amounts are annual USD, positive, under $5M, with min <= mid <= max.
    Text that starts with = + - @ is rejected (spreadsheet formulas). Returns columns row
    (1-based line in the file), role, cbsa, metro, min, mid, max. Raises UploadError naming
    the first bad row.
    """
    if len(content) > MAX_UPLOAD_BYTES:
        raise UploadError(
            f"The file is {len(content) / 1e6:.1f} MB; the limit is 1 MB. Split it or remove rows."
        )
    if not content.strip():
        raise UploadError("The file is empty.")
    if b"\x00" in content:
        raise UploadError("This is not a CSV text file (it contains binary data).")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = content[: err.start].count(b"\n") + 1
        raise UploadError(
            f"Row {line}: the file is not UTF-8 text. Save it as 'CSV UTF-8' and upload again."
        ) from None
    try:
        records = list(csv.reader(io.StringIO(text)))
    except csv.Error as err:
        raise UploadError(f"The file is not readable CSV ({err}).") from None
    header = [h.strip().lower() for h in records[0]]
    missing = [c for c in UPLOAD_COLUMNS if c not in header]
    if missing:
        raise UploadError(
            f"Missing column(s): {', '.join(missing)}. Expected a header row with "
            f"{', '.join(UPLOAD_COLUMNS)}."
        )
    body = [(i, r) for i, r in enumerate(records[1:], start=2) if any(c.strip() for c in r)]
    if not body:
        raise UploadError("The file has a header but no rows.")
    if len(body) > MAX_UPLOAD_ROWS:
        raise UploadError(f"The file has {len(body):,} rows; the limit is {MAX_UPLOAD_ROWS:,}.")
    lookup = metro_lookup(data)
    index = {name: header.index(name) for name in UPLOAD_COLUMNS}
    rows = [parse_row(line, record, index, lookup) for line, record in body]
    return pd.DataFrame(rows, columns=["row", "role", "cbsa", "metro", "min", "mid", "max"])


def metro_lookup(data: Tables) -> dict[str, tuple[str, str]]:
    """Lower-cased CBSA code, short name ("San Jose"), label ("San Jose, CA") and official
    title -> (cbsa, label)."""
    lookup: dict[str, tuple[str, str]] = {}
    names = metros.metro_names(data)[["cbsa", "short_name", "title", "label"]]
    for cbsa, short, title, label in names.itertuples(index=False):
        for key in (cbsa, short, title, label):
            lookup[str(key).strip().lower()] = (str(cbsa), str(label))
    return lookup


def parse_row(
    line: int, record: list[str], index: dict[str, int], lookup: dict[str, tuple[str, str]]
) -> dict[str, object]:
    """One checked upload row (see parse_upload); raises UploadError naming `line`."""
    if len(record) < len(index) or max(index.values()) >= len(record):
        raise UploadError(
            f"Row {line}: expected {len(UPLOAD_COLUMNS)} fields, found {len(record)}."
        )
    cells = {name: record[i].strip() for name, i in index.items()}
    for name, value in cells.items():
        if value.startswith(("=", "+", "-", "@")):
            raise UploadError(
                f"Row {line}: {name} {value[:30]!r} looks like a spreadsheet formula; "
                "use plain text and numbers."
            )
    if not cells["role"] or len(cells["role"]) > 120:
        raise UploadError(f"Row {line}: role must be 1-120 characters.")
    found = lookup.get(cells["metro"].lower())
    if found is None:
        raise UploadError(
            f"Row {line}: unknown metro {cells['metro'][:60]!r}. Use a CBSA code (e.g. 41940), a "
            "name like 'San Jose', or the official metro title."
        )
    amounts = {}
    for name in ("min", "mid", "max"):
        raw = cells[name].replace(",", "").replace("$", "")
        try:
            value = float(raw)
        except ValueError:
            raise UploadError(f"Row {line}: {name} {cells[name][:30]!r} is not a number.") from None
        if not (np.isfinite(value) and 1_000 <= value < 5_000_000):
            raise UploadError(
                f"Row {line}: {name} {value:,.0f} is not a plausible annual salary "
                "($1,000 to $5,000,000)."
            )
        amounts[name] = value
    if not amounts["min"] <= amounts["mid"] <= amounts["max"]:
        raise UploadError(f"Row {line}: min, mid and max must be in increasing order.")
    return {"row": line, "role": cells["role"], "cbsa": found[0], "metro": found[1], **amounts}


def compare_upload(data: Tables, upload: pd.DataFrame, default_occ: str) -> pd.DataFrame:
    """Compare each uploaded band with the market for its metro.

    A row's occupation is its role when the role is an SOC code in the data (e.g. 15-2051),
    else `default_occ`. Output: the upload columns plus occ_code, market_p25, market_median,
    market_p75 (NaN when top-coded), mid_gap_usd (mid - market median), mid_gap_pct
    (percent of market median), mid_percentile (where the mid sits in the metro's OEWS
    distribution; NaN when only bounds are known) and mid_position (that place in short words:
    "63rd", "below 10th", "75th–90th"; "—" without market data).
    """
    known = set(data.wages["occ_code"].unique())
    occ = upload["role"].where(upload["role"].isin(known), default_occ)
    merged = upload.assign(occ_code=occ)
    bands = market_bands(data, sorted(merged["cbsa"].unique()), sorted(merged["occ_code"].unique()))
    merged = merged.merge(
        bands[["cbsa", "occ_code", *PCT_COLUMNS, *(f"{c}_note" for c in PCT_COLUMNS)]],
        on=["cbsa", "occ_code"],
        how="left",
    )
    merged["market_p25"] = merged["a_pct25"]
    merged["market_median"] = merged["a_median"]
    merged["market_p75"] = merged["a_pct75"]
    merged["mid_gap_usd"] = merged["mid"] - merged["market_median"]
    merged["mid_gap_pct"] = 100 * merged["mid_gap_usd"] / merged["market_median"]

    top_code = data.facts.top_code
    places = [_place(row, top_code) for _, row in merged.iterrows()]
    merged["mid_percentile"] = pd.Series(
        [p.percentile if p else np.nan for p in places], index=merged.index, dtype="float64"
    )
    merged["mid_position"] = [stats.short_label(p) if p else "—" for p in places]
    keep = ["row", "role", "cbsa", "metro", "occ_code", "min", "mid", "max"]
    keep += ["market_p25", "market_median", "market_p75", "mid_gap_usd", "mid_gap_pct"]
    keep += ["mid_percentile", "mid_position"]
    return merged[keep]


def _place(row: pd.Series, top_code: float) -> stats.Position | None:
    """The mid's position in the row's OEWS ladder; None without two published points."""
    try:
        return stats.percentile_of(float(row["mid"]), ladder(row, top_code))
    except ValueError:
        return None
