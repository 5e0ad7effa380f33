"""The public verification page of an issued document, `/v/{code}` (the code printed in
its QR): what the document is and whether it still holds, its SHA-256, and a form that
checks an uploaded copy against it (services/document_web.py). Never indexed; an unknown
or malformed code is the same 404 page, counted like every code guess
(edge/code_guard.py)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError

from ..domain.codes import normalise_code
from ..domain.document_errors import DocumentNotFound, NotAPdf
from ..domain.document_web_errors import UploadMissing
from ..domain.errors import DomainError
from ..edge import code_guard
from ..edge.code_guard import CodeProbing
from ..edge.screening import RefusedInput, takes_files
from ..runtime import csrf, current
from ..services import document_web
from ..services.document_web import MAX_UPLOAD_BYTES
from ..services.documents import CODE_LENGTH, UploadCheck
from ..signing import signer_of
from .shown import page_facts

bp = Blueprint("docpage", __name__, template_folder="templates", static_folder="static",
               static_url_path="/docpage/static")
# Not for search engines (a document names an office's business), and never kept by a
# cache: a document's status can change (RFC 9111 `no-store`).
HEADERS = {"X-Robots-Tag": "noindex", "Cache-Control": "no-store"}


def _lang() -> str:
    return "en" if request.args.get("lang") == "en" else "id"


def _tz() -> str:
    return str(current_app.config.get("CITY_TIMEZONE", "Asia/Jakarta"))


def _unknown() -> ResponseReturnValue:
    """The one 404 page for every code that names no document (malformed ones too)."""
    code_guard.count_miss()  # CodeProbing (the busy page) once a caller has too many
    return render_template("docpage/unknown.html", lang=_lang()), 404, HEADERS


def _page(facts: dict[str, Any], status: int = 200, check: UploadCheck | None = None,
          error: DomainError | None = None) -> ResponseReturnValue:
    lang = _lang()
    page = render_template("docpage/verify.html", lang=lang, doc=page_facts(facts, lang),
                           check=check, error=error,
                           max_mb=MAX_UPLOAD_BYTES // (1024 * 1024))
    return page, status, HEADERS


@bp.get("/v/<path:code>", merge_slashes=False)
def verify(code: str) -> ResponseReturnValue:
    """A document's verification page; a code typed in another form (grouped, lower
    case) is sent on to its own address."""
    given, code = code, normalise_code(code)
    if len(code) != CODE_LENGTH:
        return _unknown()
    if given != code:
        values: dict[str, Any] = {**request.args.to_dict(), "code": code}
        return redirect(url_for("docpage.verify", **values), code=308)
    try:
        facts = document_web.facts(current().uow(write=False), code, _tz())
    except DocumentNotFound:
        return _unknown()
    return _page(facts)


@bp.post("/v/<path:code>", merge_slashes=False)
@takes_files(1, MAX_UPLOAD_BYTES)
def check(code: str) -> ResponseReturnValue:
    """The upload form: the copy in field `file` (a PDF) against the document; the answer
    is the same page with the result (422 with the reason for no file or not a PDF)."""
    csrf.protect()
    rt = current()
    try:
        facts = document_web.facts(rt.uow(write=False), code, _tz())
    except DocumentNotFound:
        return _unknown()
    upload = request.files.get("file")
    data = upload.read() if upload is not None else b""
    if not data:
        return _page(facts, 422, error=UploadMissing())
    try:
        _, result = document_web.check_copy(rt.uow(write=False), signer_of(current_app),
                                            code, data, _tz())
    except NotAPdf as exc:
        return _page(facts, 422, error=exc)
    return _page(facts, check=result)


@bp.errorhandler(CodeProbing)
def probing(exc: CodeProbing) -> ResponseReturnValue:
    """Too many unknown codes from this caller: a readable page, 429 with Retry-After."""
    page = render_template("patient/busy.html", lang=_lang(), retry_after=exc.retry_after)
    return page, 429, {"Retry-After": str(exc.retry_after), **HEADERS}


@bp.errorhandler(RefusedInput)
def refused(exc: RefusedInput) -> ResponseReturnValue:
    """Unreadable bytes in the address are an unknown code like any other (the same 404);
    a body over the cap (413) or unreadable form fields: a page saying so."""
    if getattr(exc, "field", None) == "path":
        return _unknown()
    page = render_template("docpage/refused.html", lang=_lang(), error=exc)
    return page, exc.status, HEADERS


@bp.errorhandler(CSRFError)
def stale_form(exc: CSRFError) -> ResponseReturnValue:
    """The form's security token missing or stale (an old tab): 400, reload and retry."""
    page = render_template("docpage/refused.html", lang=_lang(), error=None, stale=True)
    return page, 400, HEADERS
