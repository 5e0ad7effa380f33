"""Serving the fake over HTTP with the `user_key` header kept.

BPJS names the header `user_key`; Werkzeug's and gevent's servers drop every header
with an underscore from the WSGI environ (a guard against header smuggling), so the
fake's own servers use `KeepUserKey`, which puts it in `environ["bpjs.user_key"]`."""

from __future__ import annotations

from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

USER_KEY_ENVIRON = "bpjs.user_key"


class KeepUserKey(WSGIRequestHandler):
    """Werkzeug's request handler, keeping BPJS's `user_key` header for the fake."""

    def make_environ(self) -> dict[str, Any]:
        environ = super().make_environ()
        value = self.headers.get("user_key")
        if value is not None:
            environ[USER_KEY_ENVIRON] = value
        return environ


def fake_server(app: Any, host: str = "127.0.0.1", port: int = 0) -> BaseWSGIServer:
    """A threaded Werkzeug server for `app` that keeps `user_key` (port 0: a free one)."""
    return make_server(host, port, app, threaded=True, request_handler=KeepUserKey)
