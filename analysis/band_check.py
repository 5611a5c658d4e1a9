"""A recruiter's own band table: read it whatever a spreadsheet saved, list every problem of
every row at once, and place each band's minimum, midpoint and maximum against the market.

Reading (`read_bands`): UTF-8 (with or without a byte-order mark) or UTF-16 text; comma,
semicolon, tab or pipe separated (found from the header); any line ends; cells of any length
(a cell over MAX_CELL characters is a problem of its row, never a crash). Columns role,
metro, min, mid, max, and optionally level (any order, any case; others ignored). Every check
runs on every row; a row with a problem is not compared. A row repeating an earlier one
exactly is noted and compared once; rows for the same role, metro and level with other
amounts are both compared, with a note. Cells are read by `analysis.upload_cells` (amounts
in US or European formats, metros by code or name, levels by name or common words).

Roles: an SOC code ("15-2051", also "15-2051.00" as O*NET writes it), a job title mapped to a
track and level by the salary index's title rules ("Senior ML Engineer" -> ML engineer,
Senior), or blank (the page's occupation). A title that maps to no AI/data track is listed as
not mapped, never silently replaced.

Checking (`check_bands`): each leveled row's market band is its level's placement
(`analysis.level_bands.placements`: the level's target percentile among salary-index records,
placed among all US workers of the occupation) read off the metro's BLS distribution; a row
without a level gets the occupation's BLS wage at the target percentile. A metro where BLS
publishes too little is read off its state's (then the nation's) distribution, and says so.
Each of min, mid and max is placed in that distribution; the band's structure is checked as
`analysis.band_structure` does, plus the compa-ratio (your midpoint / the market's).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis import band_structure, level_bands, stats, taxonomy
from analysis.data import Tables
from analysis.export import FORMULA_PREFIXES
from analysis.level_pay import position
from analysis.stats import Ladder
from analysis.upload_cells import MAX_BYTES, MetroIndex, UploadError, amount, decode, level_of
from analysis.wages import ladder, market_rows

__all__ = ["Upload", "UploadError", "check_bands", "read_bands", "summary"]
MAX_ROWS = 5_000
MAX_CELL = 200
REQUIRED = ("role", "metro", "min", "mid", "max")
OPTIONAL = ("level",)
SOC = re.compile(r"^(\d{2}-\d{4})(?:\.00)?$")
FORMULA = FORMULA_PREFIXES
"""How a text cell (role, metro, level) a spreadsheet would run as a formula starts: = + - @
(a number such as -5 in an amount cell is data, and read as one)."""
EDGES = ("min", "mid", "max")
ROW_COLUMNS = ["row", "role", "metro", "cbsa", "level", "occ_code", "occ_title", "track",
               "mapping", "min", "mid", "max"]  # fmt: skip


@dataclass(frozen=True)
class Upload:
    """A read band table: `rows` to compare (ROW_COLUMNS), `problems` (row, column, problem:
    those rows are not compared), `remarks` (row, remark: read or skipped with a note),
    `notes` about the file as a whole, `total` data rows in the file."""

    rows: pd.DataFrame
    problems: pd.DataFrame
    remarks: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["row", "remark"]))
    notes: tuple[str, ...] = ()
    total: int = 0


def _delimiter(header: str) -> str:
    """The separator that splits the header into the expected column names."""
    best, found = ",", -1
    for sep in (",", ";", "\t", "|"):
        names = {c.strip().strip('"').lower() for c in header.split(sep)}
        hits = len(names & set(REQUIRED))
        if hits > found:
            best, found = sep, hits
    return best


def read_bands(data: Tables, content: bytes, default_occ: str) -> Upload:
    """Read and check an uploaded band table (see the module docstring). Raises UploadError
    only when the file as a whole cannot be read; row problems are listed in `problems`."""
    text, notes = decode(content)
    sep = _delimiter(text.split("\n", 1)[0])
    if sep != ",":
        notes.append({";": "semicolon", "\t": "tab", "|": "pipe"}[sep] + "-separated")
    # A cell may be as long as the file (1 MB); the csv module's default limit is 131,072.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES + 1))
    records = list(csv.reader(io.StringIO(text), delimiter=sep))
    header = [h.strip().lower() for h in records[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        found = ", ".join(h[:40] for h in header if h)[:120] or "nothing"
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
    reader = _RowReader(data, default_occ, index, len(header))
    rows, problems, remarks = [], [], []
    exact: dict[tuple, int] = {}
    same: dict[tuple, int] = {}
    for line, record in body:
        row, issues, read = reader.read(line, record)
        problems += issues
        remarks += read
        if issues:
            continue
        key = (row["occ_code"], row["track"], row["cbsa"], row["level"])
        amounts = tuple(row[e] for e in EDGES)
        if (*key, *amounts) in exact:
            remarks.append((line, f"repeats row {exact[(*key, *amounts)]}: compared once"))
            continue
        exact[(*key, *amounts)] = line
        if key in same:
            remarks.append((line, f"same role, metro and level as row {same[key]} with other "
                            "amounts: both compared"))  # fmt: skip
        same.setdefault(key, line)
        rows.append(row)
    if any("a dot between thousands" in r or "decimal comma" in r for _, r in remarks):
        notes.append("European number formats read (see the remarks)")
    return Upload(
        pd.DataFrame(rows, columns=ROW_COLUMNS),
        pd.DataFrame(problems, columns=["row", "column", "problem"]),
        pd.DataFrame(remarks, columns=["row", "remark"]),
        tuple(notes),
        len(body),
    )


class _RowReader:
    """Reads one row at a time; remembers what it looked up (metros, titles)."""

    def __init__(self, data: Tables, default_occ: str, index: dict[str, int], width: int):
        self.metros = MetroIndex(data)
        self.known = dict(zip(data.wages["occ_code"], data.wages["occ_title"], strict=False))
        self.default_occ, self.index, self.width = default_occ, index, width
        self.tracks: dict[str, str] = {}

    def read(self, line: int, record: list[str]) -> tuple[dict, list[tuple], list[tuple]]:
        """(row, problems, remarks) of one CSV record at file line `line`."""
        issues: list[tuple] = []
        cells = {n: (record[i].strip() if i < len(record) else "") for n, i in self.index.items()}
        if len(record) < len(self.index):
            issues.append((line, "", f"expected {len(self.index)} fields, found {len(record)}"))
        elif len(record) > self.width:
            issues.append((line, "", f"{len(record)} fields for {self.width} columns: put a name "
                           'that holds a comma in quotes ("Atlanta, GA")'))  # fmt: skip
        usable = {}
        for name, value in cells.items():
            if len(value) > MAX_CELL:
                issues.append((line, name, f"{len(value):,} characters; at most {MAX_CELL}"))
            elif name in ("role", "metro", "level") and value.startswith(FORMULA):
                issues.append((line, name, f"{value[:30]!r} looks like a spreadsheet formula"))
            else:
                usable[name] = value
        row: dict = {"row": line, "role": cells.get("role", "")[:MAX_CELL]}
        if "metro" in usable:
            cbsa, problem = self.metros.find(usable["metro"])
            if problem:
                issues.append((line, "metro", problem))
            else:
                row["cbsa"], row["metro"] = cbsa, self.metros.labels[cbsa]
        row |= self._role(line, usable, issues)
        remarks = []
        for name in EDGES:
            if name not in usable:
                row[name] = None
                continue
            value, problem, note = amount(usable[name])
            if problem:
                issues.append((line, name, problem))
            if note:
                remarks.append((line, f"{name}: {note}"))
            row[name] = value
        if all(row[e] is not None for e in EDGES) and not row["min"] <= row["mid"] <= row["max"]:
            issues.append((line, "min/mid/max", "must be in increasing order"))
        return row, issues, remarks

    def _role(self, line: int, cells: dict[str, str], issues: list[tuple]) -> dict:
        """occ_code, occ_title, track, mapping and level of a row's role and level cells."""
        if "role" not in cells:
            return {"occ_code": None, "occ_title": "", "track": None, "mapping": "", "level": None}
        role, level_cell = cells["role"], cells.get("level", "")
        soc = SOC.match(role)
        track = None
        if not role:
            occ, mapping = self.default_occ, "blank role: the page's occupation"
        elif soc:
            occ, mapping = soc.group(1), "SOC code"
            if occ not in self.known:
                issues.append((line, "role", f"SOC code {occ} is not one of this page's "
                               "occupations"))  # fmt: skip
        else:
            track = self.tracks.setdefault(role, taxonomy.title_track(role))
            occ, mapping = taxonomy.TRACK_OCCUPATION.get(track), f"title -> {track}"
            if track == "Other":
                occ, mapping = None, ""
                issues.append(
                    (line, "role", "title not mapped to an AI or data track; use an SOC code")
                )
        named = level_cell or (role if role and not soc else "")
        level = level_of(named) if named else None
        if "level" in cells and level_cell and level is None:
            hint = (': a metro name with a comma ("Atlanta, GA") must be in quotes'
                    if re.fullmatch(r"[A-Z]{2}", level_cell) else "")  # fmt: skip
            issues.append(
                (line, "level", f"{level_cell[:30]!r} is not Entry, Mid, Senior or Executive{hint}")
            )
        return {"occ_code": occ, "occ_title": self.known.get(occ, ""), "track": track,
                "mapping": mapping, "level": level}  # fmt: skip


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
    levels), as of `effective` at `rate`. Columns: the upload's, then market_min, market_mid,
    market_max, <edge>_gap (yours - market, USD) and <edge>_gap_pct, <edge>_pct (where your
    edge sits in the metro's BLS distribution, percent; NaN when only bounded) and
    <edge>_place (in words), compa_ratio (your mid / market mid), pm, width, progression,
    overlap and their flags (`analysis.band_structure`), basis (how the market band was
    made, or why there is none), as_of."""
    rows = upload.rows.copy()
    reference = level_bands.reference_date(data)
    effective = effective or reference
    factor = level_bands.age_factor(reference, effective, rate)
    rows["track"] = [t if isinstance(t, str) else track for t in rows["track"]]
    places = {
        (occ, t): level_bands.placements(data, occ, t, target, n_draws=0)
        for occ, t in rows.loc[rows["level"].notna(), ["occ_code", "track"]].drop_duplicates()
        .itertuples(index=False)
    }  # fmt: skip
    areas = {
        occ: _areas(data, occ, group["cbsa"].unique()) for occ, group in rows.groupby("occ_code")
    }
    mids, bases, rungs = [], [], []
    for r in rows.itertuples(index=False):
        rung, why = areas[r.occ_code].get(r.cbsa, (None, "BLS publishes nothing for this area"))
        mid, basis = _market_mid(rung, why, r, places, target)
        mids.append(mid * factor)
        bases.append(basis)
        rungs.append(rung)
    out = rows.assign(market_mid=np.asarray(mids, dtype=float))
    for edge in EDGES:
        out[f"{edge}_pct"], out[f"{edge}_place"] = _places(out[edge].to_numpy() / factor, rungs)
    out["market_min"] = out["market_mid"] * (1 - spread)
    out["market_max"] = out["market_mid"] * (1 + spread)
    for edge in EDGES:
        out[f"{edge}_gap"] = out[edge] - out[f"market_{edge}"]
        out[f"{edge}_gap_pct"] = 100 * (out[edge] / out[f"market_{edge}"] - 1)
    out["compa_ratio"] = out["mid"] / out["market_mid"]
    out["compa_flag"] = [band_structure.flag(v, "compa_ratio") for v in out["compa_ratio"]]
    out = _structure(out)
    return out.assign(basis=bases, as_of=effective.isoformat())


def _areas(data: Tables, occ: str, cbsas) -> dict[str, tuple[Ladder | None, str]]:
    """{cbsa: (the ladder a row's market band is read off, why it is not the metro's own)}."""
    try:
        found = market_rows(data, list(cbsas), occ)
    except ValueError as err:
        return {c: (None, str(err)) for c in cbsas}
    top_code = data.facts.top_code
    return {c: (ladder(row, top_code), why) for c, (row, why) in found.items()}


def _market_mid(rung, why, r, places, target) -> tuple[float, str]:
    """The market midpoint (USD, not aged) of one upload row and how it was made."""
    if rung is None:
        return np.nan, why
    fallback = f" ({why[:-1]})" if why else ""
    if not isinstance(r.level, str):
        wage = stats.wage_or_nan(target, rung)
        if np.isfinite(wage):
            return wage, f"all levels: BLS {target:g}th percentile{fallback}"
        return wage, f"all levels: BLS publishes no {target:g}th percentile here{fallback}"
    place = places[(r.occ_code, r.track)][r.level]
    if place.status == "hidden":
        return np.nan, f"only {place.n} {r.level} {r.track} records: too few (under 10)"
    basis = f"{r.level} {r.track}s' {target:g}th percentile, n = {place.n:,}{fallback}"
    mid = stats.wage_or_nan(place.pct, rung) if np.isfinite(place.pct) else np.nan
    if np.isfinite(mid):
        return mid, basis
    top = rung.published[-1]
    if place.open == "above" or place.pct > top[0]:
        return np.nan, f"{basis}: open, above the {top[0]}th percentile (${top[1]:,.0f})"
    return np.nan, f"{basis}: open, below the lowest percentile BLS publishes here"


def _places(amounts: np.ndarray, rungs: list[Ladder | None]) -> tuple[np.ndarray, list[str]]:
    """(percentile, words) of each amount in its row's ladder; (NaN, "—") without one.
    Amounts between two published points with no top-coded percentile between them are
    placed at once (log-linear, as `stats.percentile_of` does); the rest one by one."""
    pcts, words = np.full(len(amounts), np.nan), ["—"] * len(amounts)
    groups: dict[int, list[int]] = {}
    for i, rung in enumerate(rungs):
        if rung is not None and len(rung.published) >= 2:
            groups.setdefault(id(rung), []).append(i)
    for members in groups.values():
        rung = rungs[members[0]]
        at = np.asarray(members)
        found = position(amounts[at], rung)
        points = [p for p, _ in rung.published]
        simple = not any(points[0] < p < points[-1] for p in rung.top_coded)
        for i, pct in zip(at, found, strict=True):
            if simple and np.isfinite(pct):
                pcts[i], words[i] = pct, stats.ordinal(pct)
            else:
                spot = stats.percentile_of(float(amounts[i]), rung)
                pcts[i], words[i] = spot.percentile, stats.short_label(spot)
    return pcts, words


def _structure(checked: pd.DataFrame) -> pd.DataFrame:
    """Both width conventions per row; progression and overlap against the row of the level
    below for the same occupation, track and metro (`analysis.band_structure`)."""
    bands = checked.rename(columns={"min": "minimum", "max": "maximum"})
    keys = ["occ_code", "track", "cbsa", "level"]
    found = band_structure.band_structure(bands, by=keys[:-1])
    steps = found[[*keys, "progression", "progression_flag", "overlap", "overlap_flag"]]
    out = checked.merge(steps, on=keys, how="left")
    out["pm"] = (out["max"] - out["min"]) / (2 * out["mid"])
    out["width"] = out["max"] / out["min"] - 1
    out["width_flag"] = [band_structure.flag(v, "width") for v in out["width"]]
    for col in ("progression_flag", "overlap_flag"):
        out[col] = out[col].astype(object).where(out[col].notna(), "").astype(str)
    return out


def summary(upload: Upload, checked: pd.DataFrame) -> str:
    """One line on the whole upload: rows read, compared, with problems, repeats; your
    midpoints against the market's (compa-ratio in, under or over the common range)."""
    bad = upload.problems["row"].nunique()
    repeats = upload.remarks["remark"].str.startswith("repeats").sum()
    rows = "row" if upload.total == 1 else "rows"
    parts = [f"{upload.total:,} {rows} read: {len(checked):,} compared",
             f"{bad:,} with problems (not compared; all listed below)" if bad
             else "none with problems"]  # fmt: skip
    if repeats:
        many = "repeats" if repeats > 1 else "repeat"
        parts.append(f"{repeats:,} {many} of an earlier row (compared once)")
    line = ", ".join(parts)
    if len(checked):
        low, high = band_structure.COMMON_RANGES["compa_ratio"]
        ratio = checked["compa_ratio"]
        counts = [(ratio < low).sum(), ratio.between(low, high).sum(), (ratio > high).sum()]
        line += (
            f". Your midpoint / the market's: {counts[0]:,} under {low:.2f}, {counts[1]:,} "
            f"within {low:.2f}–{high:.2f}, {counts[2]:,} over {high:.2f}"
        )
        if ratio.isna().any():
            line += f", {ratio.isna().sum():,} without a market midpoint (why: in the table)"
    return line + "."
