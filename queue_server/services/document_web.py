"""Issued documents as the web serves them (issue 17): the public page `/v/{code}` and
/api/v1/documents. Each function here is one use case in its own transaction, over the
rules of services/documents.py (who may list, who may read the PDF, what the public
sees); this module adds only the shapes the web answers with and the admin's revoke."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..domain.dates import long_date
from ..domain.document_web_errors import RevokeAdminOnly, RevokeThroughModule
from . import documents
from .auth import ADMIN, Principal
from .documents import DocumentAccess, UploadCheck, public_facts, verify_url
from .port_documents import DocumentRow, DocumentStore, DocumentWork, Signer
from .ports import Clock
from .views import iso

# The largest copy a verifier may upload (MiB): issued PDFs are far smaller, but a copy
# saved again by a reader, or printed and scanned, grows.
MAX_UPLOAD_BYTES = 15 * 1024 * 1024
PDF_PATH = "/api/v1/documents/{code}/pdf"


@dataclass(frozen=True)
class Listed:
    """One page of a listing: the items, newest first, and `next_before` (the `before`
    that asks for the next page; None on the last)."""

    items: list[dict[str, Any]]
    next_before: int | None


def item(row: DocumentRow, base_url: str, tz: str) -> dict[str, Any]:
    """A document as staff list it: code, title, number, kind, module, status,
    `issued_at` (ISO 8601, city time), `pdf_url` (path) and `verify_url` (absolute)."""
    return {"code": row.code, "title": row.title, "number": row.number, "kind": row.kind,
            "module": row.module, "status": row.status, "issued_at": iso(row.issued_at, tz),
            "pdf_url": PDF_PATH.format(code=row.code),
            "verify_url": verify_url(base_url, row.code)}


def listed(uow: DocumentWork, principal: Principal | None, base_url: str, tz: str,
           module: str | None = None, limit: int = 50,
           before: int | None = None, access: Sequence[DocumentAccess] = ()) -> Listed:
    """The documents `principal` may list (admin: all; office staff: their offices'),
    newest first, `limit` (1-500) at a time, older than the id `before`, without those
    their module's rule (`access`) refuses to `principal`. Raises DocumentForbidden (403)
    for anyone else (a device, staff of no office)."""
    with uow:
        rows = documents.listing(uow, principal, module, limit, before, access)
        items = [item(row, base_url, tz) for row in rows]
        last = rows[-1].id if rows and len(rows) >= limit else None
    return Listed(items, last)


def facts(uow: DocumentWork, code: str, tz: str) -> dict[str, Any]:
    """The public facts of `code` (services.documents.public_facts). Raises
    DocumentNotFound (404)."""
    with uow:
        return public_facts(documents.find(uow, code), tz)


def said_date(moment: str | None, lang: str) -> str | None:
    """An ISO 8601 moment (already in the city's zone) as a date in words ("Senin, 30
    November 2026"); None stays None."""
    return None if not moment else long_date(datetime.fromisoformat(moment).date(), lang)


def pdf(uow: DocumentWork, store: DocumentStore, principal: Principal | None, code: str,
        case_code: str | None, access: Sequence[DocumentAccess] = ()
        ) -> tuple[DocumentRow, bytes]:
    """The signed PDF (services.documents.pdf_for, with the modules' rules `access`).
    Raises DocumentNotFound (404), DocumentForbidden (403)."""
    with uow:
        return documents.pdf_for(uow, store, principal, code, case_code, access)


def check_copy(uow: DocumentWork, signer: Signer, code: str, data: bytes,
               tz: str) -> tuple[dict[str, Any], UploadCheck]:
    """An uploaded copy against the document of `code`: its public facts (times in the
    city's zone `tz`) and the check (same SHA-256; the copy's signature). Raises
    DocumentNotFound (404), NotAPdf (422)."""
    with uow:
        row = documents.find(uow, code)
        return public_facts(row, tz), documents.check_upload(uow, signer, row.code, data)


# (unit of work, document) → the page where the document's module revokes it (its case
# follows there), or None when the module leaves its revocation to this route: the
# "document_revokers" hook (SSW's permits are revoked on their case's page).
DocumentRevoker = Callable[[Any, DocumentRow], "str | None"]


def revoke_by_admin(uow: DocumentWork, clock: Clock, principal: Principal, code: str,
                    reason: str, tz: str, revokers: Sequence[DocumentRevoker] = ()
                    ) -> dict[str, Any]:
    """Revoke a valid document as the deployment's admin (a module revokes its own
    through its workflow); the public facts after. Raises RevokeAdminOnly (403),
    DocumentNotFound (404), DocumentNotValid (409), RevokeThroughModule (409) when one
    of `revokers` names its module's page for it."""
    if principal.kind != "staff" or principal.role != ADMIN:
        raise RevokeAdminOnly()
    with uow:
        found = documents.find(uow, code)
        where = next((w for w in (r(uow, found) for r in revokers) if w), None)
        if where:
            raise RevokeThroughModule(found.code, where)
        row = documents.revoke(uow, clock, found.code, reason.strip())
        shown = public_facts(row, tz)
        uow.commit()
    return shown
