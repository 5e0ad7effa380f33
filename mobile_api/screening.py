"""Input screened before any route sees it: what the parser, the database or a log line
cannot take is refused with the one error shape (4xx), never a 5xx.

JSON bodies nested deeper than MAX_DEPTH, strings with a NUL or a lone UTF-16 surrogate
(PostgreSQL's text refuses NUL; UTF-8 cannot carry a surrogate) in a body, the query or
the path. Request bodies are capped by MAX_CONTENT_LENGTH (413).
"""

from __future__ import annotations

import json
from typing import Any

from flask import Flask, Response, request

from .errors import error_response

MAX_DEPTH = 32
# The API's bodies are small; a larger one is refused before it is read (413).
MAX_BODY_BYTES = 64 * 1024


def _bad_text(text: str) -> bool:
    return "\x00" in text or any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)


def _first_bad(data: Any) -> str | None:
    """Where in `data` (a JSON value) the first bad string is, as `a.b[0]`; "" for the
    whole body when it is nested deeper than MAX_DEPTH; None when all is well."""
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, where, depth = stack.pop()
        if depth > MAX_DEPTH:
            return ""
        if isinstance(value, str):
            if _bad_text(value):
                return where or "body"
        elif isinstance(value, dict):
            for key, item in value.items():
                name = f"{where}.{key}" if where else str(key)
                if _bad_text(key):
                    return where or "body"
                stack.append((item, name, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, f"{where}[{i}]", depth + 1) for i, item in enumerate(value))
    return None


def _refuse(field: str) -> Response:
    if not field:
        return error_response(400, "invalid_json", "Isi permintaan bersarang terlalu dalam.",
                              "The request body is nested too deeply.")
    return error_response(
        422, "invalid_text", f"Isian {field} berisi karakter yang tidak diizinkan.",
        f"The field {field} contains a character that is not allowed.", fields={field: [
            "karakter tidak diizinkan / character not allowed"]})


def screen() -> Response | None:
    """The before-request check: None to go on, else the 4xx answer."""
    if _bad_text(request.path):
        return _refuse("path")
    for key, value in request.args.items(multi=True):
        if _bad_text(key) or _bad_text(value):
            return _refuse(key if not _bad_text(key) else "query")
    if not request.is_json or not request.content_length:
        return None
    try:
        data = json.loads(request.get_data(cache=True))
    except RecursionError:
        return _refuse("")
    except ValueError:  # not JSON, or a number of more than 4,300 digits
        return error_response(400, "invalid_json", "Isi permintaan bukan JSON yang valid.",
                              "The request body is not valid JSON.")
    bad = _first_bad(data)
    return None if bad is None else _refuse(bad)


def install(app: Flask) -> None:
    """Cap bodies and screen every request, pages included."""
    if app.config.get("MAX_CONTENT_LENGTH") is None:
        app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.before_request(screen)
