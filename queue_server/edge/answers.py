"""The one JSON error shape, `{"error": {"code", "message", ...}}`, in the caller's
language: what the API's error handlers and the input screening answer with."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request


def wants_english() -> bool:
    """Whether the request's Accept-Language prefers English to Indonesian."""
    best = request.accept_languages.best_match(["id", "en"])
    return best == "en"


def error_response(status: int, code: str, message: str, message_en: str | None = None,
                   **extra: Any) -> Response:
    """A JSON error reply with `status`: `code`, the message (English when the caller
    prefers it and `message_en` is given) and any `extra` members (e.g. `fields`). A 401
    names the bearer realm."""
    body: dict[str, Any] = {"code": code, "message": message_en if (
        message_en and wants_english()) else message}
    body.update(extra)
    response = jsonify(error=body)
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="antrian"'
    return response
