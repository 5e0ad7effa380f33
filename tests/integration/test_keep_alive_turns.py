"""Keep-alive connections take turns on gevent (issue 14, the walk-in tail).

On gevent a connection's greenlet gave way only when it would block, so a client whose
next request was already in the socket was served again and again while the other
connections waited unread: walk-ins at 8 keep-alive clients flat out had a p50 of 13 ms
and a p99 of 0.4–1.0 s although no request took over 50 ms to serve. `turns` makes each
response give way once it is sent. These tests use gevent's own server and sockets in
this process (nothing is monkey-patched) and order, not time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import gevent
from gevent import pywsgi, socket

from queue_server import turns


def _requests(*names: str) -> bytes:
    return b"".join(f"GET /{name} HTTP/1.1\r\nHost: x\r\n\r\n".encode() for name in names)


def _serve_pipelined_and_single(wrap: Callable[[Any], Any]) -> list[str]:
    """Client B is connected and idle; client A sends five requests at once on its
    keep-alive connection, and while A's first is being served B sends one. Returns the
    order the app served them in."""
    served: list[str] = []
    clients: dict[str, Any] = {}

    def app(environ: dict, start_response: Callable[..., Any]) -> Iterable[bytes]:
        name = environ["PATH_INFO"].strip("/")
        served.append(name)
        if name == "a1":  # B's request arrives while A's greenlet runs
            clients["b"].sendall(_requests("b1"))
        start_response("200 OK", [("Content-Length", "2"), ("Content-Type", "text/plain")])
        return [b"ok"]

    server = pywsgi.WSGIServer(("127.0.0.1", 0), wrap(app), log=None)
    server.start()
    try:
        b = clients["b"] = socket.create_connection(("127.0.0.1", server.server_port))
        b.sendall(_requests("b0"))  # B's connection is accepted and waits for more
        with gevent.Timeout(10):
            while not b.recv(4096).endswith(b"ok"):
                pass
            gevent.idle()  # B's greenlet finishes its turn and waits on its socket
            a = socket.create_connection(("127.0.0.1", server.server_port))
            a.sendall(_requests("a1", "a2", "a3", "a4", "a5"))
            while len(served) < 7:
                gevent.sleep(0.01)
        a.close()
        b.close()
    finally:
        server.stop(timeout=1)
    return served[1:]


def test_a_connection_with_requests_waiting_gives_way_after_each_answer() -> None:
    served = _serve_pipelined_and_single(
        lambda app: turns.GiveWayAfterResponse(app, gevent.idle))
    # B's request is served right after A's first, not after all of A's.
    assert served == ["a1", "b1", "a2", "a3", "a4", "a5"]


def test_without_turns_the_first_connection_holds_the_process() -> None:
    """The behaviour the middleware removes (gevent's own server, nothing wrapped)."""
    served = _serve_pipelined_and_single(lambda app: app)
    assert served == ["a1", "a2", "a3", "a4", "a5", "b1"]


def test_the_app_body_is_closed_before_giving_way() -> None:
    calls: list[str] = []

    class Body(list):
        def close(self) -> None:
            calls.append("closed")

    def app(environ: dict, start_response: Callable[..., Any]) -> Iterable[bytes]:
        return Body([b"x"])

    wrapped = turns.GiveWayAfterResponse(app, lambda: calls.append("gave way"))
    body = wrapped({}, lambda *a: None)
    assert list(body) == [b"x"]
    body.close()  # type: ignore[attr-defined]
    assert calls == ["closed", "gave way"]


def test_file_responses_are_passed_through_for_sendfile() -> None:
    class FileWrapper:
        def __init__(self, data: bytes) -> None:
            self.data = data

    served = FileWrapper(b"x")
    wrapped = turns.GiveWayAfterResponse(lambda env, sr: served, lambda: None)
    assert wrapped({"wsgi.file_wrapper": FileWrapper}, lambda *a: None) is served


def test_nothing_is_wrapped_off_gevent() -> None:
    """Tests run unpatched: the app keeps its middleware chain as it was."""
    from flask import Flask

    app = Flask(__name__)
    turns.install(app)
    assert not isinstance(app.wsgi_app, turns.GiveWayAfterResponse)
    turns.install(app, give_way=lambda: None)
    assert isinstance(app.wsgi_app, turns.GiveWayAfterResponse)
