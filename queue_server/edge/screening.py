"""Input screened before any route sees it: what the parser, the database or a log line
cannot take is refused with a 4xx naming where it was, never a 5xx.

Screened on every request, pages included, however the body travels (with a
Content-Length or chunked): the path, every query name and value, every form field
(url-encoded or multipart, file names too), a JSON body, and header values. Refused:

- a NUL (PostgreSQL's text refuses it: a false 503 "database unavailable" otherwise);
- a lone UTF-16 surrogate in JSON (`"\\ud800"`: UTF-8 cannot carry it);
- bytes that are not UTF-8 where text comes percent-encoded (path, query, url-encoded
  form), read from the raw bytes: Werkzeug would keep them as `%ED%A0%80` text, or fail on
  a raw byte. In multipart fields Werkzeug puts U+FFFD in their place: refused too;
- a JSON body that is not JSON (a number of more than 4,300 digits included) or is
  nested deeper than MAX_DEPTH (400 `invalid_json`).

Bodies are capped by MAX_CONTENT_LENGTH (64 KiB) (413 `request_entity_too_large`, the
limit said in KB or MB): with a Content-Length before reading, chunked ones while
reading. A route that takes files says how many with `@takes_files(n)` (the decorator
marks the view; the core knows no module's routes): its cap is n × CASE_FILE_MAX_BYTES
(services/case_files.py, 5 MiB) more, set on the request itself (Flask 3.1's
`request.max_content_length`). (Every WSGI server we run under reads chunked bodies itself
and marks its input terminated; Werkzeug then stops reading at the cap, but silently:
the route would see the body cut short. `_screen_length` reads one byte more: 413.)

The refusal is a RefusedInput: 422 `invalid_text` (400 `invalid_json`) in the API's JSON
shape; a page route (PAGE_BLUEPRINTS) gets a readable page instead (`bad_input.html`),
and the console and patient pages answer in their own way (their blueprints handle
RefusedInput).
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import unquote_to_bytes

from flask import Flask, Response, current_app, render_template, request
from flask.typing import ResponseReturnValue

from ..domain.attachments import megabytes
from ..domain.errors import InvalidInput
from .answers import error_response
from .uploads import FILES_ATTRIBUTE, per_file_bytes, takes_files

__all__ = ["install", "refused_page", "screen", "takes_files"]

MAX_DEPTH = 32
# The API's bodies are small; a larger one is refused before or while it is read (413).
MAX_BODY_BYTES = 64 * 1024
# A refused field's name is quoted back (JSON and pages) only when it looks like one.
_NAME = re.compile(r"[\w.\-\[\]]{1,40}", re.ASCII)
FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
# Blueprints whose routes are pages: a refusal there is a page, not JSON.
PAGE_BLUEPRINTS = frozenset({"console", "patient", "display_board", "home", "admin"})
class RefusedInput(InvalidInput, category=True):
    """Input no route can take. `field` says where (`patient.name`, `username`, `query`),
    `status` the HTTP status to answer."""

    status = 422
    field = "body"


class UnreadableText(RefusedInput):
    """A NUL, a lone surrogate or bytes that are not UTF-8 in `field` (422 `invalid_text`)."""

    code = "invalid_text"
    text_id = "Isian {field} berisi karakter yang tidak diizinkan."
    text_en = "The field {field} contains a character that is not allowed."

    def __init__(self, field: str, where: str = "body"):
        field = field if _NAME.fullmatch(field) else where  # no text of the client's own
        super().__init__(field=field)
        self.field = field
        self.details = {"fields": {field: ["karakter tidak diizinkan / character not allowed"]}}


class BodyTooLarge(RefusedInput):
    """A body over the cap of its route (413 `request_entity_too_large`, the cap in KB)."""

    status = 413
    code = "request_entity_too_large"
    text_id = "Isi permintaan terlalu besar: paling besar {limit} KB."
    text_en = "The request body is too large: at most {limit} KB."

    def __init__(self, limit_bytes: int, **values: Any):
        super().__init__(**({"limit": limit_bytes // 1024} | values))
        self.details = {"max_bytes": limit_bytes}


class UploadTooLarge(BodyTooLarge):
    """A body with files over the cap of its route (413 `request_entity_too_large`):
    said in MB, with the number of files and the size each may have."""

    text_id = ("Kiriman terlalu besar: paling besar {limit} MB seluruhnya, yaitu {files} "
               "berkas masing-masing paling besar {per_file} MB.")
    text_en = ("The upload is too large: at most {limit} MB in all, that is {files} files "
               "of at most {per_file} MB each.")

    def __init__(self, limit_bytes: int, files: int, per_file: int):
        super().__init__(limit_bytes, limit=megabytes(limit_bytes), files=files,
                         per_file=megabytes(per_file))


class MalformedJson(RefusedInput):
    """A JSON body that is not JSON (400 `invalid_json`)."""

    status = 400
    code = "invalid_json"
    text_id = "Isi permintaan bukan JSON yang valid."
    text_en = "The request body is not valid JSON."


class JsonTooDeep(MalformedJson):
    """A JSON body nested deeper than MAX_DEPTH (400 `invalid_json`)."""

    text_id = "Isi permintaan bersarang terlalu dalam."
    text_en = "The request body is nested too deeply."


# A NUL or a lone surrogate; with U+FFFD, what a decoder put for bytes not UTF-8. One
# compiled search per string (a loop over its characters was 9 % of a booking's CPU).
_BAD = re.compile("[\x00\ud800-\udfff]")
_BAD_OR_REPLACED = re.compile("[\x00\ud800-\udfff\ufffd]")


def _bad_text(text: str, replaced: bool = False) -> bool:
    """A NUL or a lone surrogate in `text`; with `replaced`, U+FFFD too (what a decoder
    put in place of bytes that were not UTF-8)."""
    return (_BAD_OR_REPLACED if replaced else _BAD).search(text) is not None


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


def _utf8(raw: bytes) -> str | None:
    """`raw` as strict UTF-8 text without a NUL, or None. (Python's UTF-8 refuses the
    encoded surrogates `ED A0 80` … too.)"""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text


def _screen_pairs(raw: bytes, where: str) -> None:
    """A query string or url-encoded body (`a=1&b=%C3%A9`), from its raw bytes: raises
    UnreadableText naming the field (`where` when its name is unreadable too)."""
    for part in raw.split(b"&"):
        name, _, value = part.replace(b"+", b" ").partition(b"=")
        key = _utf8(unquote_to_bytes(name))
        if key is None:
            raise UnreadableText(where)
        if _utf8(unquote_to_bytes(value)) is None:
            raise UnreadableText(key, where)


def _screen_path() -> None:
    raw = request.environ.get("PATH_INFO", "")
    try:  # the server's bytes, as PEP 3333 hands them over (latin-1)
        readable = _utf8(raw.encode("latin-1")) is not None
    except UnicodeEncodeError:
        readable = not _bad_text(raw)
    if not readable or _bad_text(request.path, replaced=True):
        raise UnreadableText("path")


def _screen_multipart() -> None:
    """Every part's name and value, and each file's name (a part whose name Werkzeug
    could not read comes with the name None: refused too)."""
    for key, value in request.form.items(multi=True):
        if key is None or _bad_text(key, replaced=True):
            raise UnreadableText("form")
        if _bad_text(value, replaced=True):
            raise UnreadableText(key, "form")
    for key, upload in request.files.items(multi=True):
        if key is None or _bad_text(key, replaced=True) or _bad_text(upload.filename or "",
                                                                     replaced=True):
            raise UnreadableText("form")


def _too_large() -> BodyTooLarge:
    """The refusal of a body over this request's cap."""
    limit = request.max_content_length or MAX_BODY_BYTES
    view = current_app.view_functions.get(request.endpoint or "")
    files = int(getattr(view, FILES_ATTRIBUTE, 0))
    if files:
        return UploadTooLarge(limit, files, per_file_bytes(view))
    return BodyTooLarge(limit)


def _set_limit() -> None:
    """Raise this request's cap for a route marked by `takes_files`."""
    view = current_app.view_functions.get(request.endpoint or "")
    files = int(getattr(view, FILES_ATTRIBUTE, 0))
    if files:
        base = current_app.config.get("MAX_CONTENT_LENGTH") or MAX_BODY_BYTES
        request.max_content_length = base + files * per_file_bytes(view)


def _screen_length() -> None:
    """BodyTooLarge (413) for a body over this request's cap, whatever its type (read
    by a route or not): by its Content-Length, or, chunked, by reading it (cached for the
    route) and one byte more."""
    _set_limit()
    limit = request.max_content_length
    if limit is None:
        return
    if request.content_length is not None:
        if request.content_length > limit:
            raise _too_large()
        return
    if "chunked" in request.headers.get("Transfer-Encoding", "").lower() and len(
            request.get_data(cache=True)) >= limit and request.environ["wsgi.input"].read(1):
        raise _too_large()


def _screen_json(raw: bytes) -> None:
    try:
        data = json.loads(raw)
    except RecursionError:
        raise JsonTooDeep() from None
    except ValueError:  # not JSON, not UTF-8, or a number of more than 4,300 digits
        raise MalformedJson() from None
    bad = _first_bad(data)
    if bad is not None:
        raise JsonTooDeep() if not bad else UnreadableText(bad)


def screen() -> None:
    """The before-request check. Raises RefusedInput: BodyTooLarge (413) for a body over
    its route's cap, read or not."""
    _screen_path()
    if request.query_string:
        _screen_pairs(request.query_string, "query")
    for name, value in request.headers.items():
        if "\x00" in value:
            raise UnreadableText(name, "header")
    _screen_length()
    if request.mimetype == FORM:
        _screen_pairs(request.get_data(cache=True), "form")
    elif request.mimetype == MULTIPART:
        _screen_multipart()
    elif request.is_json:
        raw = request.get_data(cache=True)
        if raw:
            _screen_json(raw)


def refused_page(exc: RefusedInput, template: str = "bad_input.html") -> ResponseReturnValue:
    """A readable page for `exc` (both languages, `?lang=en` first), with its status."""
    lang = "en" if request.args.get("lang") == "en" else "id"
    return render_template(template, lang=lang, error=exc), exc.status


def _answer(exc: RefusedInput) -> ResponseReturnValue:
    if request.blueprint in PAGE_BLUEPRINTS:
        return refused_page(exc)
    response: Response = error_response(exc.status, exc.code, exc.message, exc.message_en,
                                        **exc.details)
    return response


def install(app: Flask) -> None:
    """Cap bodies and screen every request, pages included, before any other
    before-request hook (the guards read tokens and addresses from the request)."""
    if app.config.get("MAX_CONTENT_LENGTH") is None:
        app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.register_error_handler(RefusedInput, _answer)
    app.before_request_funcs.setdefault(None, []).insert(0, screen)
