"""The production recipe, for real: deploy/run.py starts two Streamlit replicas and nginx on
loopback (free ports, nginx's config, pid, logs and temp files in a tmp dir), and Chromium uses
the app through the proxy.

- every page routed in dashboard.py renders through nginx: its title, its charts, no exception
  box, and no Content-Security-Policy violation (the CSP is the one in deploy/nginx.conf);
- the security headers are on the HTML, on static files and on error responses;
- /_stcore/metrics is not served through the proxy (also spelled otherwise), /_stcore/health
  and /healthz are; an upload over server.maxUploadSize is refused by nginx;
- sticky sessions: a routing cookie pins a browser to one replica; both replicas serve pages;
  each websocket and upload reached the replica its cookie names (nginx's access log).

The browser opens the app as http://atlas.test:PORT (Chromium maps the name to 127.0.0.1): with
a name other than localhost, Streamlit accepts the websocket only if the proxy passes the Host
header with its port, as it must in production.

Without nginx or Chromium the tests skip with the reason; under CI=true they fail instead.
Everything is stopped at the end, also on failure: SIGTERM to the launcher (which must stop
its children itself: checked), then SIGKILL to its whole process group.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field

import pytest

from deploy.run import TEMPLATE, csp_of, render_nginx_conf, streamlit_index_html
from tests.apptest_helpers import dashboard_pages
from tests.e2e.browser import (
    EXCEPTION,
    VIEWPORT,
    chromium,
    missing_browser_reason,
    settle,
    wait_for_charts,
)
from tests.e2e.conftest import ARTIFACTS, require
from tests.e2e.page_specs import PAGE_SPECS
from tests.e2e.proxy import (
    ROUTE_COOKIE,
    Stack,
    cache_lookups,
    http_get,
    missing_nginx_reason,
    proxy_stack,
)
from tests.e2e.proxy import route_keys as find_route_keys

pytestmark = pytest.mark.e2e

HOST = "atlas.test"
PAGES = dashboard_pages()
SPECS = {s.file: s for s in PAGE_SPECS}
MAX_UPLOAD = 1024 * 1024  # server.maxUploadSize = 1 (MB, which Streamlit counts as MiB)
CSP_PROBE = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
    `${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
"""
BANDS = "role,metro,min,mid,max\n15-2051,San Jose,150000,180000,210000\n"


# ------------------------------------------------------------------------------------------
# the template and its renderer (no server needed)
# ------------------------------------------------------------------------------------------


def test_render_fills_every_placeholder_and_matches_streamlit(tmp_path):
    conf = render_nginx_conf(listen="127.0.0.1:8080", run_dir=tmp_path, ports=[8501, 8502])
    assert "${" not in conf
    assert "server 127.0.0.1:8501 " in conf and "server 127.0.0.1:8502 " in conf
    # One group per replica that prefers it, the other as its backup; the cookie that names it.
    r1 = conf.split("upstream atlas_r1 {")[1].split("}")[0]
    assert (
        "server 127.0.0.1:8501 max_fails=1" in r1
        and "8502 max_fails=1 fail_timeout=5s backup;" in r1
    )
    assert "r2 atlas_r2;" in conf and '"~(^|\\s)127\\.0\\.0\\.1:8502$" r2;' in conf
    assert "listen 127.0.0.1:8080;" in conf
    assert f"pid {tmp_path.resolve()}/nginx.pid;" in conf
    assert 'HttpOnly; SameSite=Lax";' in conf  # no Secure on plain http
    secure = render_nginx_conf(listen="80", run_dir=tmp_path, ports=[1], secure_cookie=True)
    assert 'SameSite=Lax; Secure";' in secure


def test_render_refuses_a_csp_without_streamlits_inline_script(tmp_path):
    changed = streamlit_index_html().replace(
        "window.prerenderReady = false", "window.prerenderReady = 0"
    )
    with pytest.raises(ValueError, match="inline script"):
        render_nginx_conf(listen="8080", run_dir=tmp_path, ports=[8501], index_html=changed)


def test_nginx_drops_idle_upstream_connections_before_a_replica_does(tmp_path):
    """A replica (uvicorn under Streamlit) closes an idle keep-alive connection after its
    timeout_keep_alive; nginx must give up its own first, or a request can go out on a closed
    connection, fail and be retried on another replica (a visitor unpinned). Every upstream
    group: the hash group and each replica's."""
    import uvicorn

    replica_s = uvicorn.Config(app=None).timeout_keep_alive
    conf = render_nginx_conf(listen="8080", run_dir=tmp_path, ports=[8501, 8502, 8503])
    groups = re.findall(r"upstream (\w+) \{(.*?)\n    \}", conf, re.S)
    assert [name for name, _ in groups] == ["atlas_replicas", "atlas_r1", "atlas_r2", "atlas_r3"]
    for name, body in groups:
        nginx_s = int(re.search(r"keepalive_timeout (\d+)s;", body)[1])
        assert nginx_s < replica_s, name


# ------------------------------------------------------------------------------------------
# the running stack
# ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator[Stack]:
    require(missing_nginx_reason(), "proxy tests")
    require(missing_browser_reason(), "proxy tests")
    run_dir = tmp_path_factory.mktemp("proxy")
    with proxy_stack(run_dir) as running:
        yield running
    # Outside the finally: only reached when the module's tests are done.
    report = running.stop_report
    copy = ARTIFACTS / "proxy"
    copy.mkdir(parents=True, exist_ok=True)
    for log in run_dir.glob("*.log"):
        (copy / log.name).write_bytes(log.read_bytes())
    assert report["exit_code"] == 0 and not report["survivors"], (
        f"deploy/run.py did not stop cleanly on SIGTERM: {report}\n{running.logs_tail()}"
    )


@pytest.fixture(scope="module")
def route_keys(stack) -> dict[str, str]:
    """A routing-cookie value for each replica ("127.0.0.1:PORT" -> value), found by asking."""
    return find_route_keys(stack)


@pytest.fixture(scope="module")
def proxy_browser(stack, playwright_driver) -> Iterator[object]:
    """Headless Chromium that resolves atlas.test to 127.0.0.1 (and nothing else), launched
    from the session's Playwright driver (a second sync driver cannot start in one process)."""
    with chromium(playwright_driver, [f"--host-resolver-rules=MAP {HOST} 127.0.0.1"]) as browser:
        yield browser


@pytest.fixture(scope="module")
def contexts(proxy_browser, stack, route_keys) -> Iterator[list[tuple[str, object]]]:
    """One browser context per replica, pinned to it by its routing cookie."""
    assert len(route_keys) == 2, f"40 cookies all hashed to one replica: {route_keys}"
    made = []
    try:
        for upstream, key in sorted(route_keys.items()):
            context = proxy_browser.new_context(viewport=VIEWPORT)
            context.set_default_timeout(30_000)
            context.add_init_script(CSP_PROBE)
            context.add_cookies([{"name": ROUTE_COOKIE, "value": key, "domain": HOST, "path": "/"}])
            made.append((upstream, context))
        yield made
    finally:
        for _, context in made:
            context.close()


def proxy_url(stack: Stack, path: str = "") -> str:
    return f"http://{HOST}:{stack.listen_port}/{path}"


def csp_directives(policy: str) -> dict[str, list[str]]:
    parts = (d.split() for d in policy.split(";") if d.strip())
    return {p[0]: p[1:] for p in parts}


def check_security_headers(headers, where: str) -> None:
    csp = headers.get_all("Content-Security-Policy") or []
    assert len(csp) == 1, f"{where}: {len(csp)} CSP headers"
    d = csp_directives(csp[0])
    assert d.get("frame-ancestors") == ["'none'"], f"{where}: frame-ancestors {d}"
    assert d.get("default-src") == ["'self'"], f"{where}: default-src {d}"
    assert d.get("object-src") == ["'none'"], f"{where}: object-src {d}"
    scripts = d.get("script-src", [])
    assert "'self'" in scripts, f"{where}: script-src {scripts}"
    assert not {"'unsafe-eval'", "'unsafe-inline'", "*", "http:", "https:", "data:"} & set(
        scripts
    ), f"{where}: script-src allows too much: {scripts}"
    everywhere = {s for sources in d.values() for s in sources}
    assert not {"*", "http:", "https:"} & everywhere, f"{where}: a wildcard source in {csp}"
    assert csp[0] == csp_of(TEMPLATE.read_text(encoding="utf-8")), (
        f"{where}: served CSP differs from deploy/nginx.conf's"
    )
    assert headers.get_all("X-Frame-Options") == ["DENY"], where
    assert headers.get_all("X-Content-Type-Options") == ["nosniff"], where
    assert headers.get_all("Referrer-Policy") == ["no-referrer"], where


def test_security_headers_on_html_static_and_errors(stack):
    status, headers, body = http_get(f"{stack.url}/")
    assert status == 200 and b'<div id="root">' in body
    check_security_headers(headers, "/")
    bundle = re.search(rb'src="\./(static/js/index\.[^"]+\.js)"', body)
    assert bundle, "no script bundle named in index.html"
    for path in ["hubs", "app/static/favicon.png", bundle.group(1).decode(), "_stcore/metrics"]:
        status, headers, _ = http_get(f"{stack.url}/{path}")
        assert status in (200, 404), (path, status)
        check_security_headers(headers, f"/{path} ({status})")
    assert http_get(f"{stack.url}/app/static/favicon.png")[1]["Content-Type"] == "image/png"


def test_metrics_are_not_public_health_is(stack):
    replica = f"http://127.0.0.1:{stack.replica_ports[0]}"
    assert http_get(f"{replica}/_stcore/metrics")[0] == 200, "the replica serves metrics"
    for path in [
        "/_stcore/metrics",
        "/_stcore/metrics/",
        "/_stcore//metrics",
        "/%5Fstcore/metrics",
        "/_stcore/%6Detrics",
        "/hubs/_stcore/metrics",
        "/_stcore/metrics?families=session_events",
    ]:
        status, _, body = http_get(stack.url + path)
        assert status == 404 and b"session_events" not in body, f"{path}: {status}"
    for path in ["/_stcore/health", "/healthz"]:
        status, headers, body = http_get(stack.url + path)
        assert (status, body) == (200, b"ok"), f"{path}: {status} {body[:80]!r}"
        check_security_headers(headers, path)


def test_uploads_over_the_limit_are_refused_by_nginx(stack):
    url = f"{stack.url}/_stcore/upload_file/some-session/some-file"
    status, _, body = http_get(url, method="PUT", data=b"x" * (MAX_UPLOAD + 1))
    assert status == 413 and b"nginx" in body, status
    # At the limit the request reaches Streamlit, which wants its XSRF token first.
    status, _, body = http_get(url, method="PUT", data=b"x" * MAX_UPLOAD)
    assert status == 403 and b"nginx" not in body, status


def test_routing_cookie_is_set_once_and_keeps_a_client_on_one_replica(stack, route_keys):
    _, headers, _ = http_get(f"{stack.url}/")
    cookie = headers.get("Set-Cookie", "")
    assert re.match(rf"{ROUTE_COOKIE}=r[12]; Path=/; HttpOnly; SameSite=Lax$", cookie), cookie
    value = cookie.split(";")[0].split("=")[1]
    _, again, _ = http_get(f"{stack.url}/", {"Cookie": f"{ROUTE_COOKIE}={value}"})
    assert again.get("Set-Cookie") is None, "the cookie is handed out again"
    assert route_keys[stack.access_log()[-1]["upstream"]] == value, "it names another replica"
    expected = {f"127.0.0.1:{p}" for p in stack.replica_ports}
    assert set(route_keys) == expected, f"cookies reached {set(route_keys)}, not {expected}"


@dataclass
class PageLoad:
    """What one page showed through the proxy (or the error that stopped looking at it)."""

    upstream: str
    titles: list[str] = field(default_factory=list)
    charts: int = 0
    exceptions: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    error: str | None = None


def _open(context, url: str):
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: m.type == "error" and console.append(m.text[:300]))
    page.on("pageerror", lambda e: console.append(f"uncaught: {e}"[:300]))
    page.goto(url, wait_until="commit")  # the rest loads while we look at the other lane
    return page, console


def _look(
    page, console: list[str], upstream: str, min_charts: int, name: str, timeout_ms: float
) -> PageLoad:
    load = PageLoad(upstream, console=console)
    try:
        settle(page, timeout_ms=timeout_ms)
        titles = page.locator("[data-testid='stMain'] h1").all_inner_texts()
        load.titles = [t.strip() for t in titles]
        load.charts = wait_for_charts(page, min_charts, timeout_ms=timeout_ms)
        load.exceptions = page.locator(EXCEPTION).all_inner_texts()
        load.violations = page.evaluate("window.__cspViolations")
    except Exception as err:  # reported by the page's own test, not as a fixture error
        load.error = f"{type(err).__name__}: {err}"[:1500]
        shot = ARTIFACTS / "proxy" / f"{name}.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        with suppress(Exception):
            page.screenshot(path=str(shot), full_page=True)
            load.error += f" (screenshot: {shot})"
    finally:
        page.close()
    return load


@dataclass
class FirstViews:
    """Every page loaded once through the proxy, and each replica's cache lookups around it."""

    loads: dict[str, PageLoad]
    lookups_before: dict[int, dict[tuple[str, str], int]]
    lookups_after: dict[int, dict[tuple[str, str], int]]


@pytest.fixture(scope="module")
def first_views(stack, contexts) -> FirstViews:
    """Every page, loaded through the proxy two at a time: one per replica, in parallel.

    These are the first browser views of the stack (the tests before only fetch files), so
    each replica's cache lookups before and after them say what a first visitor costs.

    Once a page has shown nothing at all (the signature of a broken proxy: no websocket, a
    blank app), the others get 15 s instead of 60 s each, so the file fails in a few minutes
    rather than eleven full waits. A page that is merely slow changes nothing.
    """
    before = {port: cache_lookups(port) for port in stack.replica_ports}
    loads: dict[str, PageLoad] = {}
    timeout_ms = 60_000
    for start in range(0, len(PAGES), len(contexts)):
        batch = list(zip(PAGES[start : start + len(contexts)], contexts, strict=False))
        opened = [
            (entry, upstream, *_open(context, proxy_url(stack, entry.url_path)))
            for entry, (upstream, context) in batch
        ]
        for entry, upstream, page, console in opened:
            spec = SPECS.get(entry.file)
            min_charts = spec.min_charts if spec else 0
            load = _look(page, console, upstream, min_charts, entry.name, timeout_ms)
            loads[entry.file] = load
            if load.error is not None and not load.titles and not load.charts:
                timeout_ms = 15_000
    after = {port: cache_lookups(port) for port in stack.replica_ports}
    return FirstViews(loads, before, after)


@pytest.fixture(scope="module")
def page_loads(first_views) -> dict[str, PageLoad]:
    return first_views.loads


@pytest.mark.parametrize("entry", PAGES, ids=[p.name for p in PAGES])
def test_page_through_the_proxy(stack, page_loads, entry):
    spec = SPECS.get(entry.file)
    assert spec is not None, f"{entry.file} has no PageSpec in tests/e2e/page_specs.py"
    load = page_loads[entry.file]
    where = f"{entry.file} via {load.upstream}"
    if load.error is not None:  # a blank page: say why, if a replica refused the websocket
        logs = stack.logs_tail(200_000).splitlines()
        refused = [line for line in logs if "Rejecting WebSocket" in line][:2]
        pytest.fail(f"{where}: {load.error}\nreplica logs: {refused or 'no refused websocket'}")
    assert not load.exceptions, f"{where} shows an exception: {load.exceptions}"
    assert spec.title in load.titles, f"{where}: titles {load.titles}, expected {spec.title!r}"
    assert load.charts >= spec.min_charts, f"{where}: {load.charts} charts < {spec.min_charts}"
    assert not load.violations, f"{where}: CSP violations {load.violations}"
    bad = [e for e in load.console if "Content Security Policy" in e or "uncaught" in e]
    assert not bad, f"{where}: console {bad}"


def test_upload_through_the_proxy(stack, contexts, tmp_path):
    """XSRF cookie + sticky upload + body size, end to end: the pay-band comparison appears."""
    _, context = contexts[0]
    page = context.new_page()
    try:
        page.goto(proxy_url(stack, "pay_bands"), wait_until="domcontentloaded")
        settle(page)
        before = wait_for_charts(page, SPECS["app_pages/pay_bands.py"].min_charts)
        csv = tmp_path / "bands.csv"
        csv.write_text(BANDS, encoding="utf-8")
        page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(csv))
        after = wait_for_charts(page, before + 1)
        settle(page)
        shown = page.locator(EXCEPTION).all_inner_texts()
    finally:
        page.close()
    assert after == before + 1 and not shown, (before, after, shown)


def test_each_session_stayed_on_its_replica(stack, contexts):
    """Every request carrying a pinned cookie (pages, static files, websockets, the upload)
    reached that cookie's replica, and both replicas had sessions."""
    pinned = {}
    for upstream, context in contexts:
        for cookie in context.cookies():
            if cookie["name"] == ROUTE_COOKIE:
                pinned[cookie["value"]] = upstream
    end = time.monotonic() + 10
    while True:  # a websocket is logged when it closes, a moment after its page
        lines = [line for line in stack.access_log() if line["route"] in pinned]
        sockets = [s for s in lines if s["path"] == "/_stcore/stream"]
        if {pinned[s["route"]] for s in sockets} == set(pinned.values()):
            break
        assert time.monotonic() < end, f"websockets did not reach both replicas: {sockets}"
        time.sleep(0.2)
    assert all(s["status"] == "101" for s in sockets), sockets
    assert any(s["path"].startswith("/_stcore/upload_file/") for s in lines), "no upload logged"
    strays = [s for s in lines if s["upstream"] != pinned[s["route"]]]
    assert not strays, f"requests that left their cookie's replica: {strays[:5]}"


# ------------------------------------------------------------------------------------------
# warm-up
# ------------------------------------------------------------------------------------------

WARMED_PAGE = re.compile(
    r"^warm 127\.0\.0\.1:(\d+) (\S+|\(default page\)): (.*) in [\d.]+ s$", re.M
)


def test_warm_up_ran_every_page_on_every_replica(stack):
    """deploy/warm.py ran each page of dashboard.py's navigation on each replica, without an
    error: the pages it found in the app's own navigation message are the ones routed."""
    log = stack.log.read_text(encoding="utf-8", errors="replace")
    expected = {p.url_path or "(default page)" for p in PAGES}
    for port in stack.replica_ports:
        views = {name: status for p, name, status in WARMED_PAGE.findall(log) if int(p) == port}
        assert set(views) == expected, f"replica {port} warmed {sorted(views)}"
        assert set(views.values()) == {"ok"}, f"replica {port}: {views}"
    summaries = {int(s["port"]): s for s in stack.warm_summaries()}
    assert sorted(summaries) == sorted(stack.replica_ports), summaries
    assert all(int(s["ok"]) == len(PAGES) for s in summaries.values()), summaries


def test_first_visitors_find_the_caches_filled(stack, first_views):
    """The browser's first view of every page (through nginx, about half on each replica)
    computed nothing: each replica's st.cache_data / st.cache_resource lookups during those
    views were all hits, because run.py's warm-up had run every page's default view on every
    replica before. Without it (run.py --no-warm) each replica misses dozens of times here."""
    for port in stack.replica_ports:
        before, after = first_views.lookups_before[port], first_views.lookups_after[port]
        delta = {key: after[key] - before.get(key, 0) for key in after}
        hits = sum(n for (_, result), n in delta.items() if result == "hit")
        misses = {cache: n for (cache, result), n in delta.items() if result == "miss" and n}
        assert hits > 0, f"replica {port}: the first views looked nothing up: {delta}"
        assert not misses, f"replica {port}: first views computed (cache misses): {misses}"
