"""One JSON error shape for everything: {"error": {"code", "message", ...}} with a 4xx."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, jsonify, request
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from queue_server.domain.errors import DomainError

from . import code_guard
from .fields import coded_message

log = logging.getLogger(__name__)

STATUS = {"invalid": 422, "not_found": 404, "conflict": 409, "unauthorized": 401,
          "forbidden": 403, "rate_limited": 429}


GENERIC_ID = {
    400: "Permintaan tidak bisa dipahami server.",
    404: "Alamat tidak ditemukan.",
    405: "Metode ini tidak diizinkan untuk alamat ini.",
    413: "Isi permintaan terlalu besar.",
    415: "Jenis isi permintaan tidak didukung; kirim JSON.",
    429: "Terlalu banyak permintaan; coba lagi sebentar lagi.",
}


def wants_english() -> bool:
    best = request.accept_languages.best_match(["id", "en"])
    return best == "en"


def error_response(status: int, code: str, message: str, message_en: str | None = None,
                   **extra: Any) -> Response:
    body: dict[str, Any] = {"code": code, "message": message_en if (
        message_en and wants_english()) else message}
    body.update(extra)
    response = jsonify(error=body)
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="antrian"'
    return response


def _domain(exc: DomainError) -> ResponseReturnValue:
    exc = code_guard.counted(exc)  # an unknown visit or booking code counts for its caller
    response = error_response(STATUS.get(exc.kind, 409), exc.code, exc.message, exc.message_en,
                              **getattr(exc, "details", {}))
    retry_after = getattr(exc, "retry_after", None)
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


MAX_FIELDS = 20


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
            return error_response(422, coded.code, str(coded), coded.english, fields=fields)
        names = ", ".join(fields) + (f" (+{len(every) - MAX_FIELDS})"
                                     if len(every) > MAX_FIELDS else "")
        return error_response(
            422, "invalid_body", f"Isian tidak valid: {names}.", f"Invalid fields: {names}.",
            fields=fields,
        )
    if status == 400 and request.is_json and request.get_json(silent=True) is None:
        return error_response(400, "invalid_json", "Isi permintaan bukan JSON yang valid.",
                              "The request body is not valid JSON.")
    code = (exc.name or "error").lower().replace(" ", "_")
    return error_response(status, code, GENERIC_ID.get(status, exc.description or exc.name),
                          exc.description or exc.name)


def _csrf(exc: CSRFError) -> ResponseReturnValue:
    return error_response(400, "csrf_failed",
                          "Token keamanan halaman tidak cocok; muat ulang halaman lalu coba lagi.",
                          "The page's security token is missing or stale; reload and retry.")


def _stale(exc: StaleDataError) -> ResponseReturnValue:
    return error_response(409, "concurrent_update",
                          "Tiket baru saja diubah petugas lain; muat ulang dan coba lagi.",
                          "The ticket was just changed by someone else; reload and retry.")


def _integrity(exc: IntegrityError) -> ResponseReturnValue:
    log.warning("integrity error: %s", exc.orig.__class__.__name__)
    return error_response(409, "conflict", "Data bentrok dengan perubahan lain; coba lagi.",
                          "The change clashed with another one; please retry.")


def _database(exc: DBAPIError) -> ResponseReturnValue:
    log.error("database error: %s", exc.__class__.__name__)
    return error_response(503, "database_unavailable",
                          "Basis data sedang tidak bisa dihubungi; coba lagi sebentar.",
                          "The database cannot be reached; please retry shortly.")


def _unexpected(exc: Exception) -> ResponseReturnValue:
    log.exception("unhandled error on %s %s", request.method, request.path)
    return error_response(500, "internal_error", "Terjadi kesalahan di server.",
                          "Something went wrong on the server.")


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
