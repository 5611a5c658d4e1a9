"""Start the dashboard on a loopback port and drive it in headless Chromium (Playwright sync API).

Shared by the browser tests (tests/e2e) and the benchmarks (benchmarks/pages.py). Playwright is
imported only inside the functions that need it, so importing this module never fails.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext, suppress
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1400, "height": 1000}
STATUS_WIDGET = "[data-testid='stStatusWidget']"
EXCEPTION = "[data-testid='stException']"
CHART = ".js-plotly-plot"


def missing_browser_reason() -> str | None:
    """Why the browser tests cannot run here (no Chromium, no playwright), or None if they can."""
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} not found (Debian: apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -r requirements-dev.txt)"
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now (another process may take it before
    you bind it: prefer reserved_ports)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def reserved_ports(count: int = 1) -> Iterator[list[int]]:
    """`count` distinct free ports on 127.0.0.1, held for the servers you start in the block.

    Each port stays bound (not listening) by a socket of ours with SO_REUSEADDR until the
    block ends, so the kernel hands it to no one else (no bind(0), no other reservation, no
    plain bind), while a server that binds it with SO_REUSEADDR and listens, as Streamlit
    (uvicorn) and nginx do on Linux, still can. Unlike free_port() there is no window in which
    another test's server could take the port. Close the block once the servers listen.
    """
    held: list[socket.socket] = []
    try:
        for _ in range(count):
            s = socket.socket()
            held.append(s)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", 0))
        yield [s.getsockname()[1] for s in held]
    finally:
        for s in held:
            s.close()


@dataclass
class Server:
    """A running `streamlit run` process: its base URL ("http://127.0.0.1:PORT") and log."""

    url: str
    process: subprocess.Popen
    log: Path

    def log_tail(self, chars: int = 3000) -> str:
        """The end of the server's output, for failure messages."""
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return ""


def _stop(process: subprocess.Popen, grace: float = 10) -> None:
    """Terminate the server's process group; kill it if it has not exited after `grace` s."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=grace)


@contextmanager
def streamlit_server(
    script: str | Path = "dashboard.py",
    *,
    log: Path,
    startup_timeout: float = 90,
    address: str | None = "127.0.0.1",
) -> Iterator[Server]:
    """Run `streamlit run <script>` headless on a free loopback port until the block ends.

    Waits for /_stcore/health. The server is always stopped on exit, also when the block
    raises (SIGTERM to its process group, SIGKILL after 10 s). Output goes to `log`.
    address=None leaves --server.address out: the server listens on all interfaces, as a
    plain `streamlit run dashboard.py` does (the URL is still http://127.0.0.1:PORT).
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    # The port stays reserved until the server answers: no other test can take it meanwhile.
    with reserved_ports(1) as (port,):
        with log.open("wb") as out:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "streamlit",
                    "run",
                    str(script),
                    "--server.headless",
                    "true",
                    *(["--server.address", address] if address else []),
                    "--server.port",
                    str(port),
                    "--browser.gatherUsageStats",
                    "false",
                    "--server.fileWatcherType",
                    "none",
                ],
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        server = Server(f"http://127.0.0.1:{port}", process, log)
        try:
            _wait_healthy(server, startup_timeout)
        except BaseException:
            _stop(process)
            raise
    try:
        yield server
    finally:
        _stop(process)


def _wait_healthy(server: Server, seconds: float) -> None:
    """Return once the server answers /_stcore/health; RuntimeError if it exits or times out."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"streamlit exited with code {server.process.returncode}:\n{server.log_tail()}"
            )
        try:
            with urllib.request.urlopen(server.url + "/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"streamlit did not answer within {seconds:.0f} s:\n{server.log_tail()}")


@contextmanager
def chromium(driver: object | None = None, extra_args: Sequence[str] = ()) -> Iterator[object]:
    """A headless Chromium (Playwright Browser) using Debian's /usr/bin/chromium.

    `driver` is a running Playwright (sync API) to launch from; without one a driver is started
    and stopped here. One process can run only one sync driver at a time, so tests that need a
    second browser (other launch flags) pass the session's driver.
    """
    from playwright.sync_api import sync_playwright

    with nullcontext(driver) if driver is not None else sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, *extra_args], headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


def settle(page, *, timeout_ms: float = 60_000) -> None:
    """Wait until the app has rendered and finished running its script.

    First something the script drew (a heading, an exception, an alert, a chart), so we do not
    mistake "not started yet" for "done"; then, for 300 ms in a row: no status widget
    ("Running..."), the app's script state (stApp's data-test-script-state) "notRunning", and no
    element of the page still a loading placeholder (stSkeleton).
    """
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout_ms)
    page.wait_for_selector(
        "[data-testid='stMain'] :is([data-testid='stHeading'], [data-testid='stException'], "
        "[data-testid='stAlert'], .js-plotly-plot)",
        timeout=timeout_ms,
    )
    page.wait_for_function(
        """() => new Promise(resolve => {
            // idle = not running and nothing left to draw, for 300 ms in a row
            let quiet = 0;
            const busy = () =>
                document.querySelector("[data-testid='stStatusWidget']") ||
                document.querySelector("[data-testid='stApp']")
                    ?.getAttribute("data-test-script-state") !== "notRunning" ||
                document.querySelector("[data-testid='stMain'] [data-testid^='stSkeleton']");
            const tick = () => {
                quiet = busy() ? 0 : quiet + 1;
                if (quiet >= 3) resolve(true); else setTimeout(tick, 100);
            };
            tick();
        })""",
        timeout=timeout_ms,
    )


def wait_for_charts(page, count: int, *, timeout_ms: float = 30_000) -> int:
    """Wait until at least `count` plotly charts are drawn; return how many there are."""
    if count > 0:
        page.wait_for_function(
            "n => [...document.querySelectorAll('.js-plotly-plot')]"
            ".filter(e => e.querySelector('.main-svg')).length >= n",
            arg=count,
            timeout=timeout_ms,
        )
    return page.locator(CHART).count()
