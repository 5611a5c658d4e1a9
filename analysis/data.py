"""The processed tables and the facts the build recorded about them, as one read-only object.

Every question module takes a `Tables` as its first argument and reads the frames it needs
from it (`data.wages`, `data.salaries`, ...). Pages get the one `Tables` of the server from
`ui.cache.tables()` and pass it on unchanged, so a chart's numbers come from one call:

    result = hubs.compare_hubs(data, occupation="15-2051", cbsas=("41860", "12420"))

`Tables.version` identifies the data: the sha256 of `manifest.json`, which records the sha256
of every input file and the row counts of every table. Caches key on it instead of hashing
frames, so a rebuilt `data/` can never be served from a stale cache.

Facts that captions print (source names and vintages, the BLS top-code, the latest price
year) come from the manifest the build wrote (`Facts`), never from strings typed here.

Frames load on first use (a page that only needs `wages` does not pay for `salaries`) and are
shared by every session: treat them as read-only. Question modules never mutate their inputs.

`PRECOMPUTED` tables are answers the build computed from the others (`databuild.precomputed`:
slow, with few fixed inputs); a question module's `stored_*` reader hands one back through
`stored`, as its function would have returned it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import numpy as np
import pandas as pd

from analysis.paths import DATA_DIR

PRECOMPUTED: tuple[str, ...] = (
    "experience_bins",
    "experience_fit",
    "tool_premiums",
    "certification_pay",
    "level_backtest",
)
"""The tables the build computes from the source tables (`databuild.precomputed`): slow
answers with few, fixed inputs, stored for every input; read with `stored`."""
TABLES: tuple[str, ...] = (
    "wages",
    "metros",
    "price_parities",
    "rents",
    "salaries",
    "survey",
    "take_home",
    "cpi",
    "wage_levels",
    "lca_titles",
    *PRECOMPUTED,
)
"""Every processed table, by name (`data/<name>.parquet`)."""
REBUILD = "python -m databuild --raw-dir ../shared/data/raw"


class DataUnavailable(RuntimeError):
    """A processed table or the manifest is missing or unreadable; the message says how to
    rebuild it."""


@dataclass(frozen=True)
class Facts:
    """What the build recorded about the sources, for captions and for the statistics that
    depend on a source's rules.

    `captions`: source key ("oews", "bea_rpp", "hud_fmr", "aijobs", "so_survey", "take_home") ->
    short label with its vintage ("BLS OEWS, May 2025"). `top_code`: the OEWS annual
    top-code in USD (a wage noted "top-coded" is at least this); `price_year`: the latest
    BEA price-parity year; `tax_year`: the take-home schedule's latest tax year.
    """

    captions: Mapping[str, str]
    top_code: float
    price_year: int
    tax_year: int | None = None

    def caption(self, *keys: str) -> str:
        """The captions of `keys`, joined with ' · ' ("BLS OEWS, May 2025 · BEA RPP 2024")."""
        return " · ".join(self.captions[k] for k in keys)


def facts_from_manifest(manifest: Mapping[str, Any]) -> Facts:
    """The `Facts` recorded in a build manifest (see `databuild.build`).

    Raises DataUnavailable when the manifest lacks them (a manifest written by an older build).
    """
    try:
        sources = manifest["sources"]
        captions = {key: str(entry["caption"]) for key, entry in sources.items()}
        top_code = float(sources["oews"]["facts"]["top_code_annual"])
        price_year = int(sources["bea_rpp"]["facts"]["latest_year"])
    except (KeyError, TypeError, ValueError) as err:
        raise DataUnavailable(
            f"data/manifest.json lacks the source facts ({err}); rebuild the data: {REBUILD}"
        ) from err
    tax = manifest.get("carried", {}).get("take_home") or {}
    tax_year = int(tax["tax_year"]) if "tax_year" in tax else None
    if tax_year is not None:
        years = tax.get("tax_years") or [tax_year]
        held = f"tax year {years[0]}" if len(years) == 1 else f"tax years {years[0]}–{years[-1]}"
        captions["take_home"] = f"PolicyEngine US {tax.get('version', '')}, {held}"
    return Facts(captions=captions, top_code=top_code, price_year=price_year, tax_year=tax_year)


def load_table(name: str, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """One processed table by name (see TABLES) with its stored dtypes."""
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}; known: {', '.join(TABLES)}")
    path = data_dir / f"{name}.parquet"
    if not path.is_file():
        raise DataUnavailable(f"{path.name} is missing from {data_dir}. Rebuild it: {REBUILD}")
    try:
        return pd.read_parquet(path)
    except Exception as err:  # pyarrow raises several types for a damaged file
        raise DataUnavailable(f"{path.name} could not be read ({err}); rebuild: {REBUILD}") from err


def read_manifest(data_dir: Path = DATA_DIR) -> tuple[dict[str, Any], str]:
    """The build manifest and its sha256 (the data version)."""
    path = data_dir / "manifest.json"
    try:
        raw = path.read_bytes()
        return json.loads(raw), hashlib.sha256(raw).hexdigest()
    except (OSError, ValueError) as err:
        raise DataUnavailable(f"{path} is missing or unreadable; rebuild it: {REBUILD}") from err


@dataclass(frozen=True, eq=False)
class Tables:
    """The processed tables of one `data/` folder (or frames given by a test), loaded lazily.

    `manifest`: the build manifest; `version`: its sha256 (or a test label); `facts`: see
    `Facts`. Each table is an attribute (`wages`, `metros`, `price_parities`, `rents`,
    `salaries`, `survey`, `take_home`, `cpi`, `wage_levels`, `lca_titles`) read on first
    access; a missing or damaged file raises DataUnavailable naming it. Frames are shared:
    never modify them.
    """

    manifest: Mapping[str, Any]
    version: str
    data_dir: Path | None = None
    _frames: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _derived: dict[tuple, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def open(cls, data_dir: Path = DATA_DIR) -> Tables:
        """The tables of `data_dir` (nothing is read until a table is used)."""
        manifest, version = read_manifest(data_dir)
        return cls(manifest=manifest, version=version, data_dir=data_dir)

    @classmethod
    def of(cls, manifest: Mapping[str, Any] | None = None, **frames: pd.DataFrame) -> Tables:
        """Tables made of the given frames (tests and benchmarks): `Tables.of(wages=df)`.

        A table not given raises DataUnavailable when used. The version is a label unique to
        this object, so caches never confuse two test tables.
        """
        unknown = set(frames) - set(TABLES)
        if unknown:
            raise ValueError(f"unknown table(s) {sorted(unknown)}; known: {', '.join(TABLES)}")
        tables = cls(manifest=manifest or {}, version=f"frames-{uuid.uuid4().hex}")
        tables._frames.update(frames)
        return tables

    def table(self, name: str) -> pd.DataFrame:
        """The table `name`, read once (thread-safe) and then shared."""
        frame = self._frames.get(name)
        if frame is not None:
            return frame
        if name not in TABLES:
            raise ValueError(f"unknown table {name!r}; known: {', '.join(TABLES)}")
        if self.data_dir is None:
            raise DataUnavailable(f"no {name} table was given")
        with self._lock:
            if name not in self._frames:
                self._frames[name] = load_table(name, self.data_dir)
            return self._frames[name]

    @property
    def loaded(self) -> tuple[str, ...]:
        """The names of the tables read (or given) so far, sorted."""
        return tuple(sorted(self._frames))

    @property
    def facts(self) -> Facts:
        """The source facts of the manifest (see `Facts`)."""
        return facts_from_manifest(self.manifest)

    @property
    def wages(self) -> pd.DataFrame:
        """BLS OEWS wages: area x industry x occupation (see data/README.md)."""
        return self.table("wages")

    @property
    def metros(self) -> pd.DataFrame:
        """OMB/Census metros: CBSA code, names, states, region, centroid."""
        return self.table("metros")

    @property
    def price_parities(self) -> pd.DataFrame:
        """BEA Regional Price Parities by area and year (US = 100)."""
        return self.table("price_parities")

    @property
    def rents(self) -> pd.DataFrame:
        """HUD Fair Market Rents by metro (monthly USD)."""
        return self.table("rents")

    @property
    def salaries(self) -> pd.DataFrame:
        """aijobs.net salary records with track, specialization and duplicate flag."""
        return self.table("salaries")

    @property
    def survey(self) -> pd.DataFrame:
        """Stack Overflow Developer Survey extracts (2024 subset, 2025 extract)."""
        return self.table("survey")

    @property
    def cpi(self) -> pd.DataFrame:
        """BLS CPI-U annual averages: US city average and metro areas."""
        return self.table("cpi")

    @property
    def wage_levels(self) -> pd.DataFrame:
        """DOL OFLC prevailing wage levels I-IV (annual USD) by occupation and county, with the
        county's metro CBSA."""
        return self.table("wage_levels")

    @property
    def lca_titles(self) -> pd.DataFrame:
        """Certified H-1B LCA filings by job title and SOC code (summed over employers)."""
        return self.table("lca_titles")

    @property
    def take_home(self) -> pd.DataFrame:
        """After-tax take-home schedule by jurisdiction and gross wage (policyengine-us)."""
        return self.table("take_home")


def stored(data: Tables, name: str, attrs: tuple[str, ...] = (), **keys: object) -> pd.DataFrame:
    """The rows of precomputed table `name` (see PRECOMPUTED) stored for the call `keys`
    (its key columns' values), as the function returned them: the key columns dropped, the
    columns `attrs` moved back into `frame.attrs`, the index 0..n-1.

    A missing table raises ValueError saying how to rebuild it (the page shows it as a note).
    """
    if name not in PRECOMPUTED:
        raise ValueError(f"{name!r} is not a precomputed table; known: {', '.join(PRECOMPUTED)}")
    try:
        table = data.table(name)
    except DataUnavailable as err:
        raise ValueError(str(err)) from err
    keep = np.ones(len(table), dtype=bool)
    for column, value in keys.items():
        keep &= (table[column] == value).to_numpy(dtype=bool)
    rows = table.loc[keep]
    frame = rows.drop(columns=[*keys, *attrs]).reset_index(drop=True)
    frame.attrs = {a: rows[a].iloc[0].item() for a in attrs} if len(rows) else {}
    return frame


P = ParamSpec("P")
R = TypeVar("R")


def derived(func: Callable[Concatenate[Tables, P], R]) -> Callable[Concatenate[Tables, P], R]:
    """Decorate a function of the tables alone (and a few plain arguments) that many
    statistics use (metro names, price levels): computed once per `Tables` and arguments,
    then shared.

    What is handed out is a copy: a frame a shallow one (pandas copy-on-write: free until the
    caller changes it, and then only the caller's copy changes), a dict or list a new one.
    Arguments that cannot be a dict key (a list) are computed every time.
    """

    @functools.wraps(func)
    def shared(data: Tables, *args: P.args, **kwargs: P.kwargs) -> R:
        key = (func.__module__, func.__qualname__, args, tuple(sorted(kwargs.items())))
        try:
            value = data._derived[key]
        except KeyError:
            value = data._derived.setdefault(key, func(data, *args, **kwargs))
        except TypeError:  # unhashable arguments
            value = func(data, *args, **kwargs)
        return _handout(value)

    return shared


def _handout(value: Any) -> Any:
    if isinstance(value, pd.DataFrame | pd.Series):
        return value.copy(deep=False)
    if isinstance(value, dict | list | set):
        return type(value)(value)
    return value
