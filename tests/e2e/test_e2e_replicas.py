"""A replica's death under the production recipe (deploy/run.py: two Streamlit replicas behind
nginx on loopback).

- the restart policy on its own (no server): waits that double up to a maximum, start over
  after a healthy spell, give up at the limit-th death within the window;
- a replica killed by its PID (SIGKILL) while a browser is pinned to it: /healthz answers 200
  at every poll (every ~100 ms) from the kill until the replica is back, a page fetched with
  the dead replica's routing cookie too, a page run over the websocket through nginx with that
  cookie finishes on the other replica, the browser's page comes back (on the other replica)
  without Streamlit's "Connection error"; the replica is started again (a new PID, its own
  /_stcore/health answers) and warmed again;
- run.py gives up (exit 1, nothing left running) when a replica dies once too often, and
  when nginx dies.

Measurements (time to restart, the longest wait between two answers of /healthz, warm-up
times) go to test-artifacts/e2e/proxy/replica_death.json and the test's output.

Without nginx or Chromium the tests skip with the reason; under CI=true they fail instead.
Everything listens on 127.0.0.1 and is stopped at the end, also on failure.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from deploy.run import RestartPolicy
from deploy.warm import run_view
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
    http_get,
    missing_nginx_reason,
    proxy_stack,
    route_keys,
)

pytestmark = pytest.mark.e2e

PAGE = "pay_bands"  # the page the pinned visitor has open (it takes an upload)
PAGE_SPEC = next(s for s in PAGE_SPECS if s.file == f"app_pages/{PAGE}.py")
POLL_S = 0.1
GAP_S = 3.0  # longest wait for an answer of a poll (a busy 2-core box: ~1.3 s seen)
RESTART_WITHIN_S = 30  # from the kill until the new replica answers /_stcore/health
CONNECTION_ERROR = "text=Connection error"
BANDS = "role,metro,min,mid,max\n15-2051,San Jose,150000,180000,210000\n"
UPLOAD = "[data-testid='stFileUploader'] input[type='file']"


# ------------------------------------------------------------------------------------------
# the restart policy
# ------------------------------------------------------------------------------------------


def test_restart_waits_double_with_each_death_up_to_the_maximum():
    policy = RestartPolicy(initial=1, factor=2, maximum=10, reset_after=60, limit=99)
    # Deaths 10 s apart, each after 5 s of health (< 60 s): 1, 2, 4, 8, then 10 (not 16).
    waits = [policy.on_death(now=10.0 * i, healthy_for=5) for i in range(6)]
    assert waits == [1, 2, 4, 8, 10, 10]


def test_restart_wait_starts_over_after_a_healthy_spell():
    policy = RestartPolicy(initial=1, factor=2, maximum=30, reset_after=60, limit=99)
    assert [policy.on_death(0, 0), policy.on_death(10, 5), policy.on_death(20, 5)] == [1, 2, 4]
    assert policy.on_death(200, 60) == 1  # it had been healthy 60 s: a fresh start
    assert policy.on_death(210, 59) == 2  # 59 s is not enough


def test_restart_gives_up_at_the_limit_within_the_window_only():
    policy = RestartPolicy(limit=3, window=300)
    assert policy.on_death(0, 0) is not None
    assert policy.on_death(100, 0) is not None
    assert policy.on_death(299, 0) is None  # the 3rd death within 300 s
    policy = RestartPolicy(limit=3, window=300)
    policy.on_death(0, 0)
    policy.on_death(100, 0)
    assert policy.on_death(300, 0) is not None  # the first is 300 s old: out of the window


# ------------------------------------------------------------------------------------------
# a replica killed under a running stack
# ------------------------------------------------------------------------------------------


def _timed_get(url: str, headers: dict[str, str] | None = None) -> tuple[int | str, float]:
    start = time.monotonic()
    try:
        status, _, body = http_get(url, headers)
    except OSError as err:
        return f"{type(err).__name__}: {err}", time.monotonic() - start
    if status == 200 and url.endswith("/healthz") and body != b"ok":
        status = f"200 with {body[:40]!r}"
    return status, time.monotonic() - start


class Poller(threading.Thread):
    """GET one URL every POLL_S seconds (after its answer) until stopped; each poll is
    (seconds since `start` when sent, status or error, seconds it took)."""

    def __init__(self, url: str, headers: dict[str, str] | None, start: float) -> None:
        super().__init__(daemon=True)
        self.url, self.headers, self.start_time = url, headers, start
        self.polls: list[tuple[float, int | str, float]] = []
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            at = time.monotonic() - self.start_time
            self.polls.append((at, *_timed_get(self.url, self.headers)))
            self.done.wait(POLL_S)

    def stop(self) -> list[tuple[float, int | str, float]]:
        self.done.set()
        self.join(timeout=15)
        return self.polls


def _replica_answers(port: int) -> bool:
    try:
        return http_get(f"http://127.0.0.1:{port}/_stcore/health")[0] == 200
    except OSError:
        return False


def _longest_gap(polls: list[tuple[float, int | str, float]]) -> float:
    """The longest time from the kill, or one good answer, to the next good answer."""
    answered = [0.0, *sorted(at + took for at, status, took in polls if status == 200)]
    return max(b - a for a, b in itertools.pairwise(answered))


def _open_pinned_page(browser, stack: Stack, key: str):
    """The test page in a browser whose routing cookie pins it to one replica."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(30_000)
    context.add_cookies([{"name": ROUTE_COOKIE, "value": key, "url": stack.url}])
    page = context.new_page()
    page.goto(f"{stack.url}/{PAGE}", wait_until="domcontentloaded")
    settle(page)
    wait_for_charts(page, PAGE_SPEC.min_charts)
    return page


def _streams(stack: Stack) -> dict[str, tuple[str, str]]:
    """Query ("before-kill") -> (status, replica that served it, the last nginx tried) of the
    test's own websockets, tagged with a query string, from nginx's access log."""
    return {
        line["path"].split("?", 1)[1]: (line["status"], line["upstream"].split(", ")[-1])
        for line in stack.access_log()
        if line["path"].startswith("/_stcore/stream?")
    }


def _served_by(stack: Stack, key: str, port: int, since: int) -> list[dict[str, str]]:
    """Requests with routing cookie `key` that replica `port` answered at the first try,
    among nginx's access-log lines after the first `since`."""
    return [
        line
        for line in stack.access_log()[since:]
        if line["route"] == key and line["upstream"] == f"127.0.0.1:{port}"
    ]


def _warmed_after_restart(stack: Stack, port: int) -> list[str]:
    """deploy/warm.py's lines for `port` after run.py said it started that replica again."""
    text = stack.log.read_text(encoding="utf-8", errors="replace")
    _, restarted, after = text.partition(f"run.py: replica {port} started again")
    lines = after.splitlines() if restarted else []
    return [line for line in lines if line.startswith(f"warm 127.0.0.1:{port} ")]


def test_a_killed_replica_is_restarted_while_the_site_answers(tmp_path, playwright_driver):
    require(missing_nginx_reason(), "replica tests")
    require(missing_browser_reason(), "replica tests")
    run_dir = tmp_path / "stack"
    # The first warm-ups run on while the test goes on (a replica may die in one).
    with proxy_stack(run_dir, wait_warm=False) as stack:
        victim, other = stack.replica_ports
        keys = route_keys(stack)
        assert len(keys) == 2, f"40 cookies all hashed to one replica: {keys}"
        key = keys[f"127.0.0.1:{victim}"]
        cookie = {"Cookie": f"{ROUTE_COOKIE}={key}"}
        stream = f"ws://127.0.0.1:{stack.listen_port}/_stcore/stream"
        pids = stack.replica_pids()
        assert sorted(pids) == sorted(stack.replica_ports), pids
        # A whole page run over the websocket through nginx with the cookie: on the victim.
        before = run_view(f"{stream}?before-kill", PAGE, 30, headers=cookie)
        with chromium(playwright_driver) as browser:
            page = _open_pinned_page(browser, stack, key)
            # --- kill; poll the site in the background until the replica is back, warm -----
            logged = len(stack.access_log())
            killed = time.monotonic()
            os.kill(pids[victim], signal.SIGKILL)
            # What a platform's check and a visitor pinned to the victim fetch.
            pollers = {
                "healthz": Poller(f"{stack.url}/healthz", cookie, killed),
                "healthz without cookie": Poller(f"{stack.url}/healthz", None, killed),
                "page": Poller(f"{stack.url}/{PAGE}", cookie, killed),
            }
            for poller in pollers.values():
                poller.start()
            try:
                after = run_view(f"{stream}?after-kill", PAGE, 30, headers=cookie)
                back_at = None
                dialog_seen = False
                while back_at is None and time.monotonic() - killed < RESTART_WITHIN_S:
                    dialog_seen = dialog_seen or page.locator(CONNECTION_ERROR).count() > 0
                    new_pid = stack.replica_pids().get(victim)
                    if new_pid not in (None, pids[victim]) and _replica_answers(victim):
                        back_at = time.monotonic() - killed
                    time.sleep(POLL_S)
                assert back_at is not None, (
                    f"replica {victim} not back within {RESTART_WITHIN_S} s\n{stack.logs_tail()}"
                )
                # --- the browser's page came back, on the other replica --------------------
                title = f"[data-testid='stMain'] h1:has-text('{PAGE_SPEC.title}')"
                page.wait_for_selector(title)
                settle(page)
                charts = wait_for_charts(page, PAGE_SPEC.min_charts)
                shown = page.locator(EXCEPTION).all_inner_texts()
                dialog_seen = dialog_seen or page.locator(CONNECTION_ERROR).count() > 0
                # --- the restarted replica's warm-up has run a page (polled meanwhile) ------
                end = time.monotonic() + 30
                while not (rewarmed := _warmed_after_restart(stack, victim)):
                    assert time.monotonic() < end, f"no warm-up again\n{stack.logs_tail()}"
                    time.sleep(0.2)
                new_pids = stack.replica_pids()
                # --- failback: nginx sends the victim's cookie to the victim again ---------
                end = time.monotonic() + 20
                while not _served_by(stack, key, victim, since=logged):
                    assert time.monotonic() < end, f"no failback\n{stack.logs_tail()}"
                    time.sleep(0.2)
                failback_at = time.monotonic() - killed
                # ... but not the browser, re-pinned to the replica that holds its session:
                # its upload reaches that session.
                csv = tmp_path / "bands.csv"
                csv.write_text(BANDS, encoding="utf-8")
                page.locator(UPLOAD).set_input_files(str(csv))
                try:
                    uploaded = wait_for_charts(page, charts + 1)
                except Exception as err:  # say where the upload went
                    sent = [u for u in stack.access_log() if "/upload_file/" in u["path"]]
                    pytest.fail(f"no chart from the upload after the failback ({err}): {sent}")
                settle(page)
                shown += page.locator(EXCEPTION).all_inner_texts()
                pinned = {c["name"]: c["value"] for c in page.context.cookies()}[ROUTE_COOKIE]
            finally:
                polls = {name: poller.stop() for name, poller in pollers.items()}
            streams = _streams(stack)
            log = stack.access_log()
    report = stack.stop_report
    measured = {
        "restart_s": round(back_at, 2),
        "failback_s": round(failback_at, 2),
        "polled_s": round(polls["healthz"][-1][0], 1),
        "polls": {name: len(done) for name, done in polls.items()},
        "longest_gap_s": {name: round(_longest_gap(done), 3) for name, done in polls.items()},
        "slowest_s": {name: round(max(s for *_, s in done), 3) for name, done in polls.items()},
        "websocket_page_run_s": [round(before.seconds, 2), round(after.seconds, 2)],
    }
    out = ARTIFACTS / "proxy" / "replica_death.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"measured": measured, "polls": polls}, indent=1))
    print(f"replica death: {measured}")

    for name, done in polls.items():
        bad = [poll for poll in done if poll[1] != 200]
        assert not bad, f"{name}: {len(bad)} of {len(done)} polls failed, first: {bad[:3]}"
    # Between two answers never more than a slow answer's time: no request hung on the dead
    # replica (nginx's connect or read timeouts would show here, not as errors).
    assert max(measured["longest_gap_s"].values()) < GAP_S, measured
    assert before.ok and after.ok, f"a page over the websocket through nginx: {before} {after}"
    assert streams == {
        "before-kill": ("101", f"127.0.0.1:{victim}"),
        "after-kill": ("101", f"127.0.0.1:{other}"),
    }, streams
    assert not dialog_seen, "the browser showed Streamlit's 'Connection error'"
    assert charts >= PAGE_SPEC.min_charts and not shown, (charts, shown)
    assert new_pids[victim] != pids[victim] and new_pids[other] == pids[other], (pids, new_pids)
    uploads = [u for u in log if u["path"].startswith("/_stcore/upload_file/")]
    assert uploaded == charts + 1, "the upload after the failback drew no chart"
    assert pinned == keys[f"127.0.0.1:{other}"], f"the browser's cookie: {pinned}"
    assert [(u["status"], u["upstream"]) for u in uploads] == [("204", f"127.0.0.1:{other}")], (
        uploads
    )
    assert rewarmed[0].startswith(f"warm 127.0.0.1:{victim} (default page): ok"), rewarmed
    assert report["exit_code"] == 0 and not report["survivors"], report


@pytest.mark.parametrize("who", ["replica", "nginx"])
def test_run_py_gives_up_and_stops_everything(tmp_path, who):
    """With --restart-limit 1 the first death of a replica is one too many; nginx's death is
    always fatal. Either way run.py stops the rest and exits 1 (for the service manager)."""
    require(missing_nginx_reason(), "replica tests")
    run_dir: Path = tmp_path / "stack"
    extra = ["--restart-limit", "1"]
    with proxy_stack(run_dir, replicas=1, warm=False, extra_args=extra) as stack:
        if who == "replica":
            pid = stack.replica_pids()[stack.replica_ports[0]]
        else:
            pid = int((run_dir / "nginx.pid").read_text())
        os.kill(pid, signal.SIGKILL)
        try:
            stack.process.wait(timeout=20)
        except Exception:
            pytest.fail(f"run.py still running 20 s after {who} died\n{stack.logs_tail()}")
    report = stack.stop_report
    said = stack.log.read_text(encoding="utf-8", errors="replace")
    assert report["exit_code"] == 1, f"{report}\n{said}"
    assert not report["survivors"], report
    expected = "giving up, stopping all" if who == "replica" else "nginx exited"
    assert expected in said, said
    with pytest.raises(OSError):
        http_get(f"{stack.url}/healthz")
