"""Turns between keep-alive connections on gevent: each request gives way once its answer
has been sent.

On gevent a connection's greenlet gives way only when it would block. A keep-alive client
that sends its next request as soon as it has read an answer (a kiosk in a rush, `wrk`)
often has that request in the socket before the greenlet has finished logging the last
one, so the greenlet reads it without blocking and serves it too, and the next, for up to
a second, while the other connections' requests wait unread (walk-ins at 8 keep-alive
clients flat out: p50 13 ms, p99 0.4–1.0 s, while the requests' own time had p99 11 ms).
So, once a response has gone out (the server closes its body), the greenlet waits for the
event loop to be idle (`gevent.idle()`): the loop polls the sockets without blocking and
serves every other connection that is ready before this one reads on. (`gevent.sleep(0)`
is not enough: the loop runs up to 50 such wake-ups in a row before it polls again.)
Under threads (no gevent) nothing is wrapped: the OS shares the processor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from flask import Flask

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict, StartResponse], Iterable[bytes]]


class _GiveWayOnClose:
    """A response body that, when the server closes it (after writing it), closes the
    app's body and then calls `give_way`."""

    def __init__(self, body: Iterable[bytes], give_way: Callable[[], None]) -> None:
        self._body = body
        self._give_way = give_way

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._body)

    def close(self) -> None:
        try:
            close = getattr(self._body, "close", None)
            if close is not None:
                close()
        finally:
            self._give_way()


class GiveWayAfterResponse:
    """WSGI middleware: every response's `close()` ends with `give_way()` (under gevent:
    `gevent.idle()`, a turn for every other ready connection). A file response
    (`wsgi.file_wrapper`) is passed through as it is, so servers can still send it
    with `sendfile`."""

    def __init__(self, inner: WsgiApp, give_way: Callable[[], None]) -> None:
        self.inner = inner
        self.give_way = give_way

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        body = self.inner(environ, start_response)
        file_wrapper = environ.get("wsgi.file_wrapper")
        if isinstance(file_wrapper, type) and isinstance(body, file_wrapper):
            return body
        return _GiveWayOnClose(body, self.give_way)


def gevent_give_way() -> Callable[[], None] | None:
    """`gevent.idle` when this process runs on gevent (sockets patched), else None."""
    try:
        from gevent import monkey
    except ImportError:  # pragma: no cover - gevent is a requirement
        return None
    if not monkey.is_module_patched("socket"):
        return None
    import gevent

    return gevent.idle


def install(app: Flask, give_way: Callable[[], None] | None = None) -> None:
    """Wrap `app.wsgi_app` when the process runs on gevent (or with `give_way`, for tests);
    otherwise leave it alone."""
    give_way = give_way or gevent_give_way()
    if give_way is not None:
        app.wsgi_app = GiveWayAfterResponse(app.wsgi_app, give_way)  # type: ignore[method-assign]
