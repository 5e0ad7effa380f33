"""Issued documents (/api/v1/documents, issue 17): the list for the admin and an office's
staff, the public facts of a code, the signed PDF for those `pdf_for` allows, the check
of an uploaded copy, and the admin's revoke (services/document_web.py)."""

from __future__ import annotations

import re
from typing import Any

from flask import Response, current_app, request, session

from queue_server.domain.document_errors import DocumentForbidden
from queue_server.domain.document_web_errors import UploadMissing
from queue_server.edge import code_guard
from queue_server.edge.screening import takes_files
from queue_server.eservices import hooks
from queue_server.persistence.document_store import document_store
from queue_server.runtime import current
from queue_server.services import document_web
from queue_server.services.auth import Principal
from queue_server.services.document_web import MAX_UPLOAD_BYTES
from queue_server.signing import signer_of

from .auth import principal
from .blueprint import Blueprint
from .document_schemas import (
    DocumentCheckOut,
    DocumentFactsOut,
    DocumentListIn,
    DocumentListOut,
    DocumentPdfIn,
    DocumentRevokeIn,
)

blp = Blueprint("documents", __name__, url_prefix="/api/v1/documents",
                description="Issued, signed documents (letters, permits) and their "
                            "verification")
BEARER: list[dict[str, list[str]]] = [{"bearer": []}, {}]
_UNSAFE = re.compile(r"[^a-z0-9-]+")
UPLOAD = {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"], "properties": {
        "file": {"type": "string", "format": "binary",
                 "description": f"the PDF, at most {MAX_UPLOAD_BYTES // 2**20} MiB"}}}}}}


def _tz() -> str:
    return str(current_app.config.get("CITY_TIMEZONE", "Asia/Jakarta"))


def _base() -> str:
    """The server's public address: PUBLIC_URL, else the address this request came to."""
    return str(current_app.config.get("PUBLIC_URL") or request.host_url).rstrip("/")


def _caller() -> Principal | None:
    """The caller when the request carries a token or a staff session; None otherwise."""
    if request.headers.get("Authorization") or session.get("token"):
        return principal()
    return None


@blp.get("")
@blp.arguments(DocumentListIn, location="query")
@blp.response(200, DocumentListOut)
@blp.doc(security=[{"bearer": []}])
def listing(args: dict[str, Any]) -> Any:
    """Issued documents, newest first.

    The admin's all, an office's staff their offices' (any office role), without those
    the issuing module keeps from the caller (a letter's access class). 401 without a
    token; 403 `document_forbidden` for a device or staff of no office; 422
    `invalid_body` for a bad `limit` or `before`."""
    return document_web.listed(current().uow(write=False), principal(), _base(), _tz(),
                               args["module"], args["limit"], args["before"],
                               hooks(current_app, "document_access"))


@blp.get("/<code>")
@blp.response(200, DocumentFactsOut)
def facts(code: str) -> Any:
    """What anyone may know of a document by its verification code.

    A confidential one: no title, no number. 404 `document_not_found` (counted like
    every code guess: 429 `too_many_unknown_codes` when over)."""
    return document_web.facts(current().uow(write=False), code, _tz())


@blp.get("/<code>/pdf")
@blp.arguments(DocumentPdfIn, location="query")
@blp.response(200, {"type": "string", "format": "binary"}, content_type="application/pdf",
              description="the signed PDF, never stored by a cache")
@blp.doc(security=BEARER)
def pdf(args: dict[str, Any], code: str) -> Response:
    """The signed PDF.

    For the admin, the staff of the issuing office, or (without a token) the holder of
    the tracking code of the document's case as `?case=`; the issuing module may decide
    otherwise (e-Surat: whoever may read the letter or its delivered copy, whatever
    the office). 404 `document_not_found`; 403
    `document_forbidden` (a wrong `case` counts as a code guess)."""
    try:
        row, data = document_web.pdf(current().uow(write=False),
                                     document_store(current_app.instance_path), _caller(),
                                     code, args["case"], hooks(current_app, "document_access"))
    except DocumentForbidden:
        if args["case"]:
            code_guard.count_miss()
        raise
    name = _UNSAFE.sub("-", f"{row.module}-{row.kind}-{row.code}".lower()).strip("-")
    return Response(data, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{name}.pdf"',
        "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"})


@blp.post("/<code>/check")
@takes_files(1, MAX_UPLOAD_BYTES)
@blp.doc(requestBody=UPLOAD)
@blp.response(200, DocumentCheckOut)
def check(code: str) -> Any:
    """Check an uploaded copy of the document.

    The copy (multipart field `file`) against the document: `matches` (the very bytes
    issued), its `sha256` and its signature checked against this server's
    certificate. 404 `document_not_found`; 422 `document_file_missing`, `not_a_pdf`; 413
    `request_entity_too_large` over 15 MiB. The file is not kept."""
    upload = request.files.get("file")
    data = upload.read() if upload is not None else b""
    if not data:
        raise UploadMissing()
    _, result = document_web.check_copy(current().uow(write=False), signer_of(current_app),
                                        code, data, _tz())
    return result


@blp.post("/<code>/revoke")
@blp.arguments(DocumentRevokeIn)
@blp.response(200, DocumentFactsOut)
@blp.doc(security=[{"bearer": []}])
def revoke(args: dict[str, Any], code: str) -> Any:
    """Revoke a valid document (the deployment's admin).

    A module's own staff revoke through the module's actions; the reason is kept with
    the document. 401; 403
    `document_revoke_admin_only`; 404 `document_not_found`; 409 `document_not_valid`
    (already revoked or replaced), `document_revoke_through_module` (a module's
    document revoked on its module's page, e.g. an SSW permit, so its case follows)."""
    rt = current()
    return document_web.revoke_by_admin(rt.uow(), rt.clock, principal(), code,
                                        args["reason"], _tz(),
                                        hooks(current_app, "document_revokers"))
