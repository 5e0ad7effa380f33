"""The access log: exactly one line for every request that reaches the app.

A WSGI middleware around the Flask app writes it once the answer has started, with the
status the client got, whatever refused the request: a path parameter's 422, the input
screening's 400/413/422, the code guard's 429, a route, an error handler or Werkzeug's
own 413. (Socket.IO's requests are answered by its own middleware, outside this one, and
are not logged.) The middleware also sets the request id before anything else runs (the
proxy's X-Request-ID when it looks like one, else a new one: `logs.incoming_request_id`),
so every line the request writes carries it, and echoes it in `X-Request-ID`.

A visit or booking code is a credential (whoever reads it opens or cancels the booking):
in `path` the value of a route's `code` parameter is masked (`/api/v1/bookings/57********`,
`privacy.mask_code`), in whatever form it came (lower case, grouped, the QR's address),
also when the request was refused before its view or matched no route (a code route's
pattern is then matched as a prefix). `rule` is the route's URL rule
(`/api/v1/bookings/<code>`), so lines group by route; null when no route matched.

A case's public reference (`WADUL-123`, route parameters REF_ARGUMENTS: the public page
`/wadul/laporan/<ref>`, the public API, Open311's `/requests/<service_request_id>.json`,
the staff page) is public and logged as it is; anything else typed there (a tracking code
by mistake, which is a secret) is masked like a code.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, request, request_started
from werkzeug.wsgi import get_path_info

from .domain.codes import could_be_code, is_public_ref
from .domain.privacy import mask_code
from .logs import incoming_request_id, request_id

ROUTE_KEY = "antrian.route"  # in the WSGI environ: the URL rule routing matched, or None
_VARIABLE = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")  # `<code>`, `<path:code>`
# Route parameters that name a case by its public reference (kept when it has that shape).
REF_ARGUMENTS = frozenset({"ref", "service_request_id"})

StartResponse = Callable[..., Any]


def code_pattern(rule: str, in_text: bool = False, argument: str = "code") -> re.Pattern[str]:
    """A URL rule as a regular expression whose group `code` is its `argument` parameter
    (`/api/v1/bookings/<code>` → `/api/v1/bookings/(?P<code>[^/]+)`; for one of
    REF_ARGUMENTS the group is named `ref`). With `in_text`, for a path inside a line (a
    request line, a Referer): a value also ends at a space, a quote, `?` or `#`."""
    group = "ref" if argument in REF_ARGUMENTS else "code"
    stop = '\\s"?#' if in_text else ""
    parts, at = [], 0
    for found in _VARIABLE.finditer(rule):
        parts.append(re.escape(rule[at:found.start()]))
        ends = ("" if found[1] == "path" else "/") + stop  # what a value cannot hold
        body = f"[^{ends}]+" if ends else ".+"
        parts.append(f"(?P<{group}>{body})" if found[2] == argument else f"(?:{body})")
        at = found.end()
    parts.append(re.escape(rule[at:]))
    return re.compile("".join(parts))


def _argument(names: Iterable[str]) -> str | None:
    """The parameter of a rule to mask: `code`, else one of REF_ARGUMENTS, else None."""
    named = set(names)
    return "code" if "code" in named else next(iter(sorted(named & REF_ARGUMENTS)), None)


def _masked(found: re.Match[str] | None) -> str | None:
    """What `found` matched, its code masked; in a reference's place (group `ref`) a
    public reference is kept, anything else (a tracking code typed there) masked; None
    when nothing matched."""
    if found is None:
        return None
    group = "code" if "code" in found.re.groupindex else "ref"
    value = found[group]
    if group == "ref" and is_public_ref(value) and not could_be_code(value):
        return found[0]
    start = found.start()
    return (found[0][:found.start(group) - start] + mask_code(value)
            + found[0][found.end(group) - start:])


def _names(rule: str) -> list[str]:
    """The parameter names of a URL rule."""
    return [found[2] for found in _VARIABLE.finditer(rule)]


class AccessLog:
    """The middleware: `app.wsgi_app = AccessLog(app, app.wsgi_app)`."""

    def __init__(self, app: Flask, inner: Callable[[dict, StartResponse], Iterable[bytes]]):
        self.app = app
        self.inner = inner
        self.log = logging.getLogger("antrian.access")
        self._patterns: dict[str, re.Pattern[str]] | None = None
        self._in_text: list[re.Pattern[str]] | None = None

    def code_patterns(self) -> dict[str, re.Pattern[str]]:
        """Every URL rule with a `code` (or a REF_ARGUMENTS) parameter, as `code_pattern`
        (built once)."""
        if self._patterns is None:
            self._patterns = {}
            for rule in self.app.url_map.iter_rules():
                argument = _argument(rule.arguments)
                if argument is not None:
                    self._patterns[rule.rule] = code_pattern(rule.rule, argument=argument)
        return self._patterns

    def text_patterns(self) -> list[re.Pattern[str]]:
        """The code routes' patterns for paths inside a line (`code_pattern(in_text=True)`)."""
        if self._in_text is None:
            self._in_text = [code_pattern(rule, True, _argument(_names(rule)) or "code")
                             for rule in self.code_patterns()]
        return self._in_text

    def logged_path(self, path: str, rule: str | None) -> str:
        """`path` with a code masked: the matched rule's `code`, or (no rule matched)
        that of the first code route whose pattern begins the path."""
        patterns = self.code_patterns()
        if rule is not None and rule not in patterns:
            return path
        for pattern in [patterns[rule]] if rule is not None else patterns.values():
            found = pattern.match(path)
            if found is not None:
                return (_masked(found) or "") + path[found.end():]
        return path

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        token = request_id.set(incoming_request_id(environ.get("HTTP_X_REQUEST_ID", "")))
        started = time.perf_counter()
        status: list[int] = []

        def start(line: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            status.append(int(line.split(" ", 1)[0]))
            headers = [(k, v) for k, v in headers if k.lower() != "x-request-id"]
            headers.append(("X-Request-ID", request_id.get()))
            return start_response(line, headers, exc_info)

        try:
            return self.inner(environ, start)
        finally:
            self._write(environ, status[-1] if status else 500, started)
            request_id.reset(token)

    def _write(self, environ: dict, status: int, started: float) -> None:
        path = get_path_info(environ)
        if path.startswith("/socket.io"):
            return
        rule = environ.get(ROUTE_KEY)
        self.log.info("request", extra={
            "method": environ.get("REQUEST_METHOD", "?"), "path": self.logged_path(path, rule),
            "rule": rule, "status": status,
            "ms": round((time.perf_counter() - started) * 1000, 1)})


_latest: list[AccessLog] = []  # the latest app's middleware: one app a process


def mask_code_paths(text: str) -> str:
    """`text` (a request line, a URL, a log message) with the code of every code route's
    path in it masked, by the latest app's routes (unchanged before there is an app)."""
    if not _latest:
        return text
    for pattern in _latest[0].text_patterns():
        text = pattern.sub(lambda found: _masked(found) or "", text)
    return text


class GunicornCodes(logging.Filter):
    """gunicorn's own access lines (`--access-logfile`): a code in any of their values
    (the request line, the path, the Referer a ticket page sends) masked as in ours."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, dict):
            for key, value in list(record.args.items()):
                if isinstance(value, str):
                    record.args[key] = mask_code_paths(value)
        return True


def _note_route(sender: Flask, **_: Any) -> None:
    """Keep the matched URL rule where the middleware finds it (before any hook runs)."""
    request.environ[ROUTE_KEY] = request.url_rule.rule if request.url_rule else None


def install(app: Flask) -> None:
    """Wrap `app.wsgi_app` (call before Socket.IO wraps it, so its requests pass by)."""
    request_started.connect(_note_route, app, weak=False)
    middleware = AccessLog(app, app.wsgi_app)
    app.wsgi_app = middleware  # type: ignore[method-assign]
    _latest[:] = [middleware]
    gunicorn = logging.getLogger("gunicorn.access")
    if not any(isinstance(f, GunicornCodes) for f in gunicorn.filters):
        gunicorn.addFilter(GunicornCodes())
