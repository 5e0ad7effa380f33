"""One JSON error shape for everything: {"error": {"code", "message", ...}} with a 4xx."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from flask import Flask, Response, request
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, default_exceptions

from queue_server.domain.errors import DomainError
from queue_server.edge import code_guard
from queue_server.edge.answers import error_response
from queue_server.edge.screening import MalformedJson

from .fields import coded_message

log = logging.getLogger(__name__)

STATUS = {"invalid": 422, "not_found": 404, "conflict": 409, "unauthorized": 401,
          "forbidden": 403, "rate_limited": 429}


def status_of(error: type[DomainError]) -> int:
    """The HTTP status a named error is answered with: its own `status` (input
    screening's 400), else its kind's (STATUS)."""
    return getattr(error, "status", None) or STATUS.get(error.kind, 409)


@dataclass(frozen=True)
class EdgeError:
    """An answer for a failure outside the rules (a library's exception, a body
    marshmallow refuses): a code, a status and one message per language (templates)."""

    code: str
    status: int
    text_id: str
    text_en: str

    def answer(self, extra: dict[str, Any] | None = None, **values: Any) -> Response:
        return error_response(self.status, self.code, self.text_id.format(**values),
                              self.text_en.format(**values), **(extra or {}))


INVALID_BODY = EdgeError("invalid_body", 422, "Isian tidak valid: {names}.",
                         "Invalid fields: {names}.")
CSRF_FAILED = EdgeError(
    "csrf_failed", 400,
    "Token keamanan halaman tidak cocok; muat ulang halaman lalu coba lagi.",
    "The page's security token is missing or stale; reload and retry.")
CONCURRENT_UPDATE = EdgeError(
    "concurrent_update", 409,
    "Tiket baru saja diubah petugas lain; muat ulang dan coba lagi.",
    "The ticket was just changed by someone else; reload and retry.")
CLASH = EdgeError("conflict", 409, "Data bentrok dengan perubahan lain; coba lagi.",
                  "The change clashed with another one; please retry.")
DATABASE_UNAVAILABLE = EdgeError(
    "database_unavailable", 503,
    "Basis data sedang tidak bisa dihubungi; coba lagi sebentar.",
    "The database cannot be reached; please retry shortly.")
INTERNAL_ERROR = EdgeError("internal_error", 500, "Terjadi kesalahan di server.",
                           "Something went wrong on the server.")
EDGE_ERRORS = (INVALID_BODY, CSRF_FAILED, CONCURRENT_UPDATE, CLASH, DATABASE_UNAVAILABLE,
               INTERNAL_ERROR)


GENERIC_ID = {
    400: "Permintaan tidak bisa dipahami server.",
    404: "Alamat tidak ditemukan.",
    405: "Metode ini tidak diizinkan untuk alamat ini.",
    413: "Isi permintaan terlalu besar.",
    415: "Jenis isi permintaan tidak didukung; kirim JSON.",
    429: "Terlalu banyak permintaan; coba lagi sebentar lagi.",
}


def _domain(exc: DomainError) -> ResponseReturnValue:
    exc = code_guard.counted(exc)  # an unknown visit or booking code counts for its caller
    response = error_response(status_of(type(exc)), exc.code, exc.message, exc.message_en,
                              **getattr(exc, "details", {}))
    retry_after = getattr(exc, "retry_after", None)
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


MAX_FIELDS = 20


def http_code(exc: HTTPException) -> str:
    """The code of an HTTP error with no answer of ours: its name in snake case
    (`method_not_allowed`)."""
    return (exc.name or "error").lower().replace(" ", "_")


def http_errors() -> list[HTTPException]:
    """The HTTP errors the API answers in its own words (GENERIC_ID), by status."""
    return [default_exceptions[status]() for status in sorted(GENERIC_ID)]


def _http(exc: HTTPException) -> ResponseReturnValue:
    status = exc.code or 500
    data = getattr(exc, "data", None) or {}
    messages = data.get("messages")
    if status == 422 and messages:
        # A body of thousands of unknown keys gets a short answer, not a long one.
        every = {k: v for loc in messages.values() for k, v in loc.items()}
        fields = dict(sorted(every.items())[:MAX_FIELDS])
        coded = coded_message(messages)
        if coded is not None:  # an identifier's own code: `invalid_nik`, `invalid_facility` …
            return error_response(status_of(type(coded.error)), coded.code, str(coded),
                                  coded.english, fields=fields)
        names = ", ".join(fields) + (f" (+{len(every) - MAX_FIELDS})"
                                     if len(every) > MAX_FIELDS else "")
        return INVALID_BODY.answer({"fields": fields}, names=names)
    if status == 400 and request.is_json and request.get_json(silent=True) is None:
        bad = MalformedJson()
        return error_response(status_of(MalformedJson), bad.code, bad.message, bad.message_en)
    return error_response(status, http_code(exc),
                          GENERIC_ID.get(status, exc.description or exc.name),
                          exc.description or exc.name)


def _csrf(exc: CSRFError) -> ResponseReturnValue:
    return CSRF_FAILED.answer()


def _stale(exc: StaleDataError) -> ResponseReturnValue:
    return CONCURRENT_UPDATE.answer()


def _integrity(exc: IntegrityError) -> ResponseReturnValue:
    log.warning("integrity error: %s", exc.orig.__class__.__name__)
    return CLASH.answer()


def _database(exc: DBAPIError) -> ResponseReturnValue:
    # The driver's own class and SQLSTATE (a deadlock, a lost connection, a timeout):
    # enough to tell them apart, never the message (it may quote a row's values).
    driver = exc.orig
    log.error("database error: %s (%s, SQLSTATE %s)", exc.__class__.__name__,
              driver.__class__.__name__, getattr(driver, "sqlstate", None) or "-")
    return DATABASE_UNAVAILABLE.answer()


def _unexpected(exc: Exception) -> ResponseReturnValue:
    log.exception("unhandled error on %s %s", request.method, request.path)
    return INTERNAL_ERROR.answer()


def install(app: Flask) -> None:
    # Registered after flask-smorest's own handler, so this shape wins everywhere.
    app.register_error_handler(DomainError, _domain)
    app.register_error_handler(HTTPException, _http)
    app.register_error_handler(CSRFError, _csrf)
    app.register_error_handler(StaleDataError, _stale)
    app.register_error_handler(IntegrityError, _integrity)
    app.register_error_handler(OperationalError, _database)
    app.register_error_handler(DBAPIError, _database)
    app.register_error_handler(Exception, _unexpected)
