"""Warm one Streamlit replica: run each page's default view once, so that the first visitor finds
its `st.cache_data` results computed.

    python deploy/warm.py --port 8501            # what deploy/run.py runs once a replica is healthy

A plain HTTP GET of a page returns only Streamlit's static index.html; a page's script runs when
a browser's session asks for it over the websocket (`/_stcore/stream`). This is a minimal such
session, speaking Streamlit's protobufs (streamlit.proto):

1. open a session on the default page (a BackMsg `rerun_script` with an empty page name and
   query string, as a browser opening `/` sends) and read the ForwardMsgs until
   `script_finished`. Among them, `navigation` lists the app's pages (its `st.navigation`):
   the app itself says which pages exist, so nothing here parses dashboard.py;
2. for every other page, a fresh session asks for that page by its URL path name (what a
   browser opening `/<page>` sends), waits for `script_finished`, closes.

One line per page on stdout (`warm 127.0.0.1:8501 hubs: ok in 2.41 s`), then a summary line
(`warm 127.0.0.1:8501: 11 pages, 11 ok, 0 failed in 23.4 s`). Every wait is bounded; a page
that fails or times out is reported and the next one is tried (unless the replica refused the
connection: it is gone, and the pages left are reported skipped). The exit status is 0 when every
page finished without an exception shown, 1 otherwise: informational (run.py logs it and
carries on; a cold page is slower, not broken).

Standard library and two of Streamlit's own dependencies: protobuf (via streamlit.proto) and
websockets (its synchronous client).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

PAGE_TIMEOUT = 120.0  # seconds for one page's default view (a cold page on a busy box)
TOTAL_TIMEOUT = 600.0  # seconds for the whole replica
OPEN_TIMEOUT = 10.0  # seconds to open the websocket
GONE = ("ConnectionRefusedError", "skipped: the replica is gone")  # no use trying more pages


@dataclass(frozen=True)
class Page:
    """One entry of the app's navigation."""

    url_path: str  # "" for the default page, else the path a browser opens (`/hubs`)
    title: str
    default: bool


@dataclass(frozen=True)
class View:
    """What running one page's default view gave."""

    page: str  # the URL path name asked for ("" = default page)
    seconds: float
    status: str  # "ok", or what went wrong
    pages: tuple[Page, ...] = ()  # the app's navigation, as the run reported it
    exceptions: int = 0  # exception elements the page showed

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def stream_url(host: str, port: int) -> str:
    return f"ws://{host}:{port}/_stcore/stream"


def rerun_request(page_name: str) -> bytes:
    """The BackMsg a browser sends to run a page with no query string (its default view)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    msg.rerun_script.query_string = ""
    msg.rerun_script.page_script_hash = ""
    msg.rerun_script.page_name = page_name
    return msg.SerializeToString()


def navigation_pages(navigation) -> tuple[Page, ...]:
    """The pages of a ForwardMsg's `navigation` (a Navigation proto)."""
    return tuple(
        Page(
            url_path="" if p.is_default else p.url_pathname,
            title=p.page_name,
            default=p.is_default,
        )
        for p in navigation.app_pages
        if not p.is_hidden and not p.external_url
    )


def run_view(
    url: str,
    page_name: str,
    timeout: float = PAGE_TIMEOUT,
    headers: dict[str, str] | None = None,
) -> View:
    """Open a session at url, run page_name's default view, wait for it to finish, close.

    `headers` go with the websocket's opening request (e.g. a Cookie, through a proxy)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    start = time.monotonic()
    end = start + timeout
    pages: tuple[Page, ...] = ()
    exceptions = 0
    not_found = False

    def view(status: str) -> View:
        return View(page_name, time.monotonic() - start, status, pages, exceptions)

    try:
        with connect(
            url,
            subprotocols=["streamlit"],
            open_timeout=min(OPEN_TIMEOUT, timeout),
            close_timeout=2,
            max_size=None,  # a page's plotly figures arrive in messages of several MB
            proxy=None,
            additional_headers=headers,
        ) as socket:
            socket.send(rerun_request(page_name))
            while True:
                left = end - time.monotonic()
                if left <= 0:
                    return view(f"timed out after {timeout:.0f} s")
                data = socket.recv(timeout=left)
                if isinstance(data, str):
                    continue
                msg = ForwardMsg.FromString(data)
                kind = msg.WhichOneof("type")
                if kind == "navigation":
                    pages = navigation_pages(msg.navigation)
                elif kind == "page_not_found":
                    not_found = True
                elif kind == "delta" and _is_exception(msg.delta):
                    exceptions += 1
                elif kind == "script_finished":
                    status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                    if status == "FINISHED_SUCCESSFULLY":
                        if not_found:
                            return view("page not found (the default page ran)")
                        if exceptions:
                            return view(f"shows {exceptions} exception(s)")
                        return view("ok")
                    if status == "FINISHED_WITH_COMPILE_ERROR":
                        return view("script did not compile")
                    # FINISHED_EARLY_FOR_RERUN (the page reran itself), fragment runs: wait on
    except TimeoutError:
        return view(f"timed out after {timeout:.0f} s")
    except Exception as err:  # refused, closed, bad message: reported, never raised
        return view(f"{type(err).__name__}: {err}"[:300])


def _is_exception(delta) -> bool:
    return (
        delta.WhichOneof("type") == "new_element"
        and delta.new_element.WhichOneof("type") == "exception"
    )


def warm(
    port: int,
    host: str = "127.0.0.1",
    *,
    page_timeout: float = PAGE_TIMEOUT,
    total_timeout: float = TOTAL_TIMEOUT,
    out=sys.stdout,
) -> list[View]:
    """Run every page's default view once on the replica at host:port, one after the other.

    The default page goes first; its run names the others. Prints one line per page.
    """
    url = stream_url(host, port)
    where = f"{host}:{port}"
    end = time.monotonic() + total_timeout

    def report(view: View) -> View:
        name = view.page or "(default page)"
        print(f"warm {where} {name}: {view.status} in {view.seconds:.2f} s", file=out, flush=True)
        return view

    first = report(run_view(url, "", min(page_timeout, total_timeout)))
    views = [first]
    for page in first.pages:
        if page.default:
            continue
        left = end - time.monotonic()
        if left <= 0 or views[-1].status.startswith(GONE):
            why = "total time used up" if left <= 0 else "the replica is gone"
            views.append(report(View(page.url_path, 0.0, f"skipped: {why}")))
            continue
        views.append(report(run_view(url, page.url_path, min(page_timeout, left))))
    if not first.pages:
        print(f"warm {where}: the default page named no other page", file=out, flush=True)
    return views


def summary(where: str, views: Sequence[View], seconds: float) -> str:
    ok = sum(v.ok for v in views)
    return f"warm {where}: {len(views)} pages, {ok} ok, {len(views) - ok} failed in {seconds:.1f} s"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--port", type=int, required=True, help="the replica's port")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--page-timeout", type=float, default=PAGE_TIMEOUT)
    parser.add_argument("--total-timeout", type=float, default=TOTAL_TIMEOUT)
    args = parser.parse_args(argv)
    start = time.monotonic()
    views = warm(
        args.port, args.host, page_timeout=args.page_timeout, total_timeout=args.total_timeout
    )
    print(summary(f"{args.host}:{args.port}", views, time.monotonic() - start), flush=True)
    return 0 if all(v.ok for v in views) else 1


if __name__ == "__main__":
    sys.exit(main())
