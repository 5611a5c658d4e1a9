"""A recruiter's own band table: read it whatever a spreadsheet saved, say every problem, and
place each band's minimum, midpoint and maximum against the market.

Reading (`read_bands`): UTF-8 (with or without a byte-order mark) or UTF-16 text; comma,
semicolon or tab separated (found from the header); any line ends. Columns role, metro, min,
mid, max, and optionally level (any order, any case; others ignored). Every problem is
reported with its row and column, not only the first; rows with a problem are not compared.

Roles: an SOC code ("15-2051", also "15-2051.00" as O*NET writes it), a job title mapped to a
track and level by the salary index's title rules ("Senior ML Engineer" -> ML engineer,
Senior), or blank (the page's occupation). A title that maps to no AI/data track is listed as
not mapped, never silently replaced. Levels: Entry, Mid, Senior, Executive or common words for
them (junior, II, staff, principal...).

Checking (`check_bands`): each row's market band is `analysis.level_bands` for its metro,
occupation, level and track at the page's target percentile and spread (or, without a level,
the occupation's BLS wage at the target percentile); each of min, mid and max is placed in
the metro's BLS distribution.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis import level_bands, metros, stats, taxonomy
from analysis.data import Tables
from analysis.wages import PLACES, cross_industry, ladder, usable

MAX_BYTES = 1_000_000
MAX_ROWS = 5_000
MAX_CELL = 200
MAX_LISTED = 200
REQUIRED = ("role", "metro", "min", "mid", "max")
OPTIONAL = ("level",)
MIN_ANNUAL = 20_000.0
MAX_ANNUAL = 5_000_000.0
SOC = re.compile(r"^(\d{2}-\d{4})(?:\.00)?$")
LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "Entry": ("entry", "junior", "jr", "associate", "graduate", "intern", "i", "1", "l1"),
    "Mid": ("mid", "intermediate", "ii", "2", "l2", "l3"),
    "Senior": ("senior", "sr", "iii", "3", "l4", "l5"),
    "Executive": ("staff", "principal", "lead", "director", "head", "vp", "iv", "v", "4", "5",
                  "l6", "l7", "executive", "distinguished", "chief"),
}  # fmt: skip
FORMULA = ("=", "+", "@")


class UploadError(ValueError):
    """The file as a whole cannot be read; the message says what to do."""


@dataclass
class Upload:
    """A read band table: `rows` (row, role, metro label, cbsa, level, occ_code, occ_title,
    track, mapping, min, mid, max) for rows without problems; `problems` (row, column,
    message) for every problem found; `notes` about the file as a whole."""

    rows: pd.DataFrame
    problems: pd.DataFrame
    notes: list[str] = field(default_factory=list)


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


def _delimiter(header: str) -> str:
    """The separator that splits the header into the expected column names."""
    best, found = ",", -1
    for sep in (",", ";", "\t", "|"):
        names = {c.strip().strip('"').lower() for c in header.split(sep)}
        hits = len(names & set(REQUIRED))
        if hits > found:
            best, found = sep, hits
    return best


def _amount(raw: str) -> tuple[float | None, str]:
    text = raw.replace(",", "").replace("$", "").replace(" ", "")
    try:
        value = float(text)
    except ValueError:
        return None, f"{raw[:30]!r} is not a number"
    if not np.isfinite(value):
        return None, f"{raw[:30]!r} is not a number"
    if value < 0:
        return None, f"{value:,.0f} is negative; enter annual pay in dollars"
    if value < 200:
        return None, f"{value:,.2f} looks hourly; enter annual pay (hours x 2,080)"
    if value < MIN_ANNUAL:
        return None, f"{value:,.0f} looks monthly (x 12 = {12 * value:,.0f}); enter annual pay"
    if value > MAX_ANNUAL:
        return None, f"{value:,.0f} is over {MAX_ANNUAL:,.0f}; check for extra zeros"
    return value, ""


def level_of(text: str) -> str | None:
    """A level named by a level cell or a job title ("Senior", "II", "Staff ..."), else None."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    for level, names in LEVEL_WORDS.items():
        if text.strip().title() == level or any(w in names for w in words):
            return level
    return None


def read_bands(data: Tables, content: bytes, default_occ: str) -> Upload:
    """Read and check an uploaded band table (see the module docstring). Raises UploadError
    only when the file as a whole cannot be read; row problems are listed in `problems`."""
    text, notes = decode(content)
    lines = text.split("\n")
    sep = _delimiter(lines[0])
    if sep != ",":
        notes.append({";": "semicolon", "\t": "tab", "|": "pipe"}[sep] + "-separated")
    records = list(csv.reader(io.StringIO(text), delimiter=sep))
    header = [h.strip().lower() for h in records[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        found = ", ".join(h for h in header if h)[:120] or "nothing"
        raise UploadError(
            f"Missing column(s): {', '.join(missing)}. The header row must name role, metro, "
            f"min, mid, max (level optional), separated by commas; it holds: {found}."
        )
    index = {name: header.index(name) for name in (*REQUIRED, *OPTIONAL) if name in header}
    body = [(i, r) for i, r in enumerate(records[1:], start=2) if any(c.strip() for c in r)]
    if not body:
        raise UploadError("The file has a header but no rows.")
    if len(body) > MAX_ROWS:
        raise UploadError(f"The file has {len(body):,} rows; the limit is {MAX_ROWS:,}.")
    lookup = _metro_lookup(data)
    known = dict(zip(data.wages["occ_code"], data.wages["occ_title"], strict=False))
    rows, problems = [], []
    for line, record in body:
        found, issues = _row(line, record, index, len(header), lookup, known, default_occ)
        problems += issues
        if not issues:
            rows.append(found)
    columns = ["row", "role", "metro", "cbsa", "level", "occ_code", "occ_title", "track",
               "mapping", "min", "mid", "max"]  # fmt: skip
    table = pd.DataFrame(rows, columns=columns)
    issues = pd.DataFrame(problems, columns=["row", "column", "problem"])
    if len(issues) > MAX_LISTED:
        notes.append(f"{len(issues):,} problems; the first {MAX_LISTED} are listed")
        issues = issues.head(MAX_LISTED)
    return Upload(table, issues, notes)


def _metro_lookup(data: Tables) -> dict[str, tuple[str, str]]:
    names = metros.metro_names(data)
    lookup: dict[str, tuple[str, str]] = {}
    for cbsa, short, title, label in names[["cbsa", "short_name", "title", "label"]].itertuples(
        index=False
    ):
        for key in (cbsa, short, title, label):
            lookup[str(key).strip().lower()] = (str(cbsa), str(label))
    return lookup


def _row(line, record, index, width, lookup, known, default_occ) -> tuple[dict, list[tuple]]:
    issues: list[tuple] = []
    cells = {n: (record[i].strip() if i < len(record) else "") for n, i in index.items()}
    if len(record) < len(index):
        issues.append((line, "", f"expected {len(index)} fields, found {len(record)}"))
    elif len(record) > width:
        issues.append(
            (line, "", f"{len(record)} fields for {width} columns: put a name that holds a "
             'comma in quotes ("Atlanta, GA")')
        )  # fmt: skip
    for name, value in cells.items():
        if len(value) > MAX_CELL:
            issues.append((line, name, f"longer than {MAX_CELL} characters"))
        elif name in ("role", "metro", "level") and value.startswith(FORMULA):
            issues.append((line, name, f"{value[:30]!r} looks like a spreadsheet formula"))
    row: dict = {"row": line, "role": cells.get("role", "")}
    metro = lookup.get(cells.get("metro", "").lower())
    if metro is None:
        shown = repr(cells.get("metro", "")[:60]) if cells.get("metro") else "blank"
        issues.append((line, "metro", f"unknown metro ({shown}): use a CBSA code or a name"))
    else:
        row["cbsa"], row["metro"] = metro
    role, level_cell = cells.get("role", ""), cells.get("level", "")
    soc = SOC.match(role)
    if not role:
        occ, track, mapping = default_occ, None, "blank role: the page's occupation"
    elif soc:
        occ, track, mapping = soc.group(1), None, "SOC code"
        if occ not in known:
            issues.append((line, "role", f"SOC code {occ} is not one of this page's occupations"))
    else:
        track = taxonomy.title_track(role)
        if track == "Other":
            occ, mapping = None, ""
            issues.append(
                (line, "role", "title not mapped to an AI or data track; use an SOC code")
            )
        else:
            occ, mapping = taxonomy.TRACK_OCCUPATION[track], f"title -> {track}"
    level = level_of(level_cell) if level_cell else (level_of(role) if role and not soc else None)
    if level_cell and level is None:
        hint = (
            ': a metro name with a comma ("Atlanta, GA") must be in quotes'
            if re.fullmatch(r"[A-Z]{2}", level_cell)
            else ""
        )
        issues.append(
            (line, "level", f"{level_cell[:30]!r} is not Entry, Mid, Senior or Executive{hint}")
        )
    row |= {"level": level, "occ_code": occ, "occ_title": known.get(occ, ""), "track": track,
            "mapping": mapping}  # fmt: skip
    for name in ("min", "mid", "max"):
        value, problem = _amount(cells.get(name, ""))
        if problem:
            issues.append((line, name, problem))
        row[name] = value
    if not issues and not row["min"] <= row["mid"] <= row["max"]:
        issues.append((line, "min/mid/max", "must be in increasing order"))
    return row, issues


def check_bands(
    data: Tables,
    upload: Upload,
    *,
    target: float = 50,
    spread: float = 0.2,
    track: str = "Data scientist",
    effective=None,
    rate: float = 0.0,
) -> pd.DataFrame:
    """Each uploaded band against the market band of its metro, occupation and level at
    `target` and `spread` (rows without a level: the occupation's BLS wage at `target`, all
    levels), as of `effective` at `rate` (`level_bands`). Columns: the upload's, then
    market_min, market_mid, market_max, <edge>_gap (yours - market, USD) and <edge>_gap_pct,
    <edge>_pct (where your edge sits in the metro's BLS distribution, percent; NaN when only
    bounded), basis (how the market band was made), as_of."""
    rows = upload.rows.copy()
    reference = level_bands.reference_date(data)
    effective = effective or reference
    factor = level_bands.age_factor(reference, effective, rate)
    top_code = data.facts.top_code
    bands = {}
    rows["track"] = [t if isinstance(t, str) else track for t in rows["track"]]
    for occ, group in rows.groupby("occ_code"):
        leveled = group[group["level"].notna()]
        if len(leveled):
            tracks = set(leveled["track"])
            for t in tracks:
                bands[(occ, t)] = level_bands.level_bands(
                    data, sorted(leveled["cbsa"].unique()), occ, t, target, spread,
                    effective=effective, rate=rate,
                ).set_index(["level", "cbsa"])  # fmt: skip
    wages = {}
    for occ in rows["occ_code"].unique():
        metro_rows = cross_industry(data.wages, occ, PLACES).set_index("cbsa")
        wages[occ] = metro_rows
    out = []
    for r in rows.itertuples(index=False):
        here = wages[r.occ_code]
        rung = ladder(here.loc[r.cbsa], top_code) if r.cbsa in here.index else None
        mid, basis = np.nan, ""
        if isinstance(r.level, str) and (r.occ_code, r.track) in bands:
            band = bands[(r.occ_code, r.track)]
            if (r.level, r.cbsa) in band.index:
                cell = band.loc[(r.level, r.cbsa)]
                mid = float(cell["mid"])
                basis = f"{r.level} {r.track}s' {target:g}th percentile, n = {cell['n']:,}"
                if cell["open"]:
                    basis += f" (open: {cell['open']} the published range)"
        elif rung is not None and usable(here.loc[r.cbsa]):
            mid = stats.wage_or_nan(target, rung) * factor
            basis = f"all levels: BLS {target:g}th percentile"
        if rung is None:
            basis = "BLS publishes no wages for this occupation here"
        row = dict(r._asdict())
        row |= {"market_min": mid * (1 - spread), "market_mid": mid,
                "market_max": mid * (1 + spread), "basis": basis,
                "as_of": effective.isoformat()}  # fmt: skip
        for edge in ("min", "mid", "max"):
            market = row[f"market_{edge}"]
            row[f"{edge}_gap"] = row[edge] - market
            row[f"{edge}_gap_pct"] = 100 * (row[edge] / market - 1)
            place = None
            if rung is not None and len(rung.published) >= 2:
                place = stats.percentile_of(row[edge] / factor, rung)
            row[f"{edge}_pct"] = place.percentile if place else np.nan
            row[f"{edge}_place"] = stats.short_label(place) if place else "—"
        out.append(row)
    return pd.DataFrame(out)
