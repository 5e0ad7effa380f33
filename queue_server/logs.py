"""Structured logs: one JSON object a line, a request id on every line, personal data masked."""

from __future__ import annotations

import json
import logging
import os
import time
import uuid
from contextvars import ContextVar
from typing import Any

from flask import Flask, g, request
from flask.typing import ResponseReturnValue

from .domain.privacy import mask_text

request_id: ContextVar[str] = ContextVar("request_id", default="-")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "request_id": request_id.get(),
            # NIK-, BPJS- and phone-looking numbers never reach the log as they are.
            "msg": mask_text(record.getMessage()),
        }
        for key in ("method", "path", "status", "ms"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["error"] = mask_text(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str | None = None) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    logging.Formatter.converter = time.gmtime
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level or os.environ.get("ANTRIAN_LOG_LEVEL", "INFO"))
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # our own access line instead


def install_request_ids(app: Flask) -> None:
    """Every request gets an id (the proxy's X-Request-ID, or a new one), logged and echoed."""
    access = logging.getLogger("antrian.access")

    @app.before_request
    def _start() -> None:
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming[:64] if incoming.isprintable() and incoming else uuid.uuid4().hex[:16]
        g.request_token = request_id.set(rid)
        g.request_started = time.perf_counter()

    @app.after_request
    def _finish(response: ResponseReturnValue) -> ResponseReturnValue:
        response.headers["X-Request-ID"] = request_id.get()
        started = g.get("request_started")
        if started is not None and not request.path.startswith("/socket.io"):
            access.info("request", extra={
                "method": request.method, "path": request.path,
                "status": response.status_code,
                "ms": round((time.perf_counter() - started) * 1000, 1)})
        return response
