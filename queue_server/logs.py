"""Structured logs: one JSON object a line, a request id on every line, personal data masked.

Every log line of a server process goes through `JsonFormatter`, which masks NIK-, BPJS-
and phone-looking numbers in every string field (`mask_text`): our own loggers and the
libraries' (Socket.IO and Engine.IO get our loggers instead of their own handlers,
werkzeug, alembic and SQLAlchemy propagate to the root, gevent's server and hub errors and
gunicorn's error and access logs are routed here by `serve` and `wsgi`). Names cannot be
recognised by pattern: no code logs a payload or a name, and the libraries that log
payloads (packets, SQL rows, request lines) below WARNING are held at WARNING.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import sys
import threading
import time
import traceback
from contextvars import ContextVar
from types import TracebackType
from typing import Any

from flask import Flask

from .domain.privacy import mask_text

request_id: ContextVar[str] = ContextVar("request_id", default="-")

# Loggers that write packets, SQL parameters or rows, or request lines below WARNING.
QUIET_LOGGERS = ("socketio", "engineio", "werkzeug", "sqlalchemy.engine", "sqlalchemy.pool",
                 "geventwebsocket")
# What a LogRecord carries of its own: anything else came as `extra=` and is a field.
_RECORD_KEYS = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}
# Database drivers, whose messages may quote rows, keys and documents.
_DRIVERS = frozenset({"sqlite3", "psycopg", "psycopg2"})
# A proxy's request id (nginx's $request_id: 32 hex digits); anything else is replaced.
_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")


def _field(value: Any) -> Any:
    """A log field as written: flags and small numbers as they are, anything else (a NIK
    given as an int too) as masked text."""
    if value is None or isinstance(value, (bool, float)):
        return value
    if isinstance(value, int) and abs(value) < 10**9:
        return value
    return mask_text(value if isinstance(value, str) else str(value))


def _database_error_text(exc: BaseException) -> str | None:
    """A database error's message without what the driver echoes of the data
    (PostgreSQL's DETAIL and CONTEXT lines: the failing row, the key, the JSON
    document): its first line, and SQLAlchemy's statement (values are bound, and hidden:
    `hide_parameters`). None for other errors."""
    from sqlalchemy.exc import StatementError

    if isinstance(exc, StatementError):
        orig = exc.orig
        kind = f"{type(orig).__module__}.{type(orig).__name__}" if orig is not None else ""
        first = str(orig).strip().split("\n", 1)[0] if orig is not None else ""
        return f"({kind}) {first} [SQL: {(exc.statement or '')[:500]}]"
    if type(exc).__module__.split(".")[0] in _DRIVERS:
        return str(exc).strip().split("\n", 1)[0]
    return None


def _redact_database_errors(te: traceback.TracebackException, exc: BaseException) -> None:
    """Replace the message of every database error in `exc`'s chain (cause, context)."""
    pending: list[tuple[Any, Any]] = [(te, exc)]
    seen: set[int] = set()
    while pending:
        part, error = pending.pop()
        if part is None or error is None or id(error) in seen:
            continue
        seen.add(id(error))
        text = _database_error_text(error)
        if text is not None:
            part._str = text  # what format() prints after the exception's name
        pending += [(part.__cause__, error.__cause__), (part.__context__, error.__context__)]


class JsonFormatter(logging.Formatter):
    """`{"ts", "level", "logger", "request_id", "msg", extras..., "error"?}`, each string
    masked; `ts` in UTC with milliseconds; database errors without the data their
    drivers echo."""

    converter = time.gmtime

    def formatException(self, ei: Any) -> str:
        te = traceback.TracebackException(*ei, compact=True)
        _redact_database_errors(te, ei[1])
        return "".join(te.format()).rstrip("\n")

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "request_id": request_id.get(),
            "msg": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _RECORD_KEYS and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        elif record.stack_info:
            entry["error"] = self.formatStack(record.stack_info)
        return json.dumps({k: _field(v) for k, v in entry.items()}, ensure_ascii=False)


def configure_logging(level: str | None = None) -> None:
    """JSON lines on stderr for the whole process (level: `level`, else
    ANTRIAN_LOG_LEVEL, else INFO); warnings and uncaught exceptions of any thread
    become log lines too."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level or os.environ.get("ANTRIAN_LOG_LEVEL", "INFO"))
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    for name in list(logging.root.manager.loggerDict):
        if name.split(".")[0] in ("socketio", "engineio"):
            # Their own handlers (given `logger=False`) would print around ours.
            logger = logging.getLogger(name)
            logger.handlers[:] = []
            logger.propagate = True
    logging.captureWarnings(True)
    sys.excepthook = _log_uncaught
    threading.excepthook = _log_thread_death


def _log_uncaught(kind: type[BaseException], value: BaseException,
                  tb: TracebackType | None) -> None:
    logging.getLogger("antrian.uncaught").critical("uncaught %s", kind.__name__,
                                                    exc_info=(kind, value, tb))


def _log_thread_death(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "?"
    logging.getLogger("antrian.uncaught").error(
        "thread %s died: %s", name, args.exc_type.__name__,
        exc_info=(args.exc_type, args.exc_value, args.exc_traceback))


def route_gunicorn_logs() -> None:
    """Inside a gunicorn worker: its error and access lines (request lines, failing
    requests) are formatted and masked as ours, still going where gunicorn's settings
    send them (`--error-logfile`, `--access-logfile`, syslog)."""
    for name in ("gunicorn.error", "gunicorn.access"):
        for handler in logging.getLogger(name).handlers:
            handler.setFormatter(JsonFormatter())


def route_gevent_errors() -> None:
    """A greenlet's uncaught error (gevent prints it, with the request's whole environ,
    on stderr) becomes a log line naming the request's method and path only."""
    try:
        import gevent
    except ImportError:  # pragma: no cover - gevent is a requirement
        return
    hub = gevent.get_hub()
    log = logging.getLogger("gevent.hub")

    def print_exception(context: Any, kind: Any, value: Any, tb: Any) -> None:
        from .access_log import mask_code_paths

        where = ""
        if isinstance(context, dict):  # a visit code in the path is masked (access_log.py)
            where = mask_code_paths(
                f" on {context.get('REQUEST_METHOD', '?')} {context.get('PATH_INFO', '?')}")
        elif context is not None:
            where = f" in {type(context).__name__}"
        name = getattr(kind, "__name__", "exception")
        log.error("greenlet failed%s: %s", where, name, exc_info=(kind, value, tb))

    hub.print_exception = print_exception


def incoming_request_id(header: str) -> str:
    """The proxy's X-Request-ID (`header`) when it looks like one (else a new id), masked:
    a client cannot put a name or a whole NIK into the log this way."""
    if not _REQUEST_ID.fullmatch(header):
        header = secrets.token_urlsafe(12)  # 16 characters; hardly ever 10 digits in a row
    return mask_text(header)


def install_request_ids(app: Flask) -> None:
    """Every request that reaches the app gets an id (the proxy's X-Request-ID, or a new
    one), echoed, and exactly one access line, whatever answered it (access_log.py)."""
    from . import access_log

    access_log.install(app)
