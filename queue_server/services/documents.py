"""Issued documents (issue 17): a module renders its PDF with the verification QR of a
fresh code, then `issue` signs it (services.port_documents.Signer), keeps the signed
bytes (DocumentStore, 0600) and records number, title, issuer, status and SHA-256.
Anyone can verify a code on `/v/{code}` (a letter of class rahasia shows only that it
exists, its status and hash) and check an uploaded copy against the hash; an office's
staff list their office's documents; the PDF itself is for the case's owner (holder of
its tracking code) and the issuing office's staff. A valid document can be revoked or
replaced by another, never changed (Permenpan-RB 6/2011 on official documents: an
issued letter is corrected by a new one)."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..domain.codes import ALPHABET, normalise_code
from ..domain.document_errors import (
    DocumentForbidden,
    DocumentNotFound,
    DocumentNotValid,
    NotAPdf,
)
from ..domain.signing_errors import NotSigned
from .auth import ADMIN, Principal
from .port_documents import DocumentRow, DocumentStore, DocumentWork, SignatureCheck, Signer
from .ports import Clock
from .views import iso

CODE_LENGTH = 12  # 31**12 ≈ 2**59: printed on paper, so never guessable
VERIFY_PATH = "/v/{code}"


@dataclass(frozen=True)
class Issue:
    """What is being issued: `module` and `kind` (`letter`, `permit`, …), `title`,
    `issuer` (the office's name as printed), `office_id`, the official `number` (None
    when it has none), the `case_id` it belongs to, `confidential` (class rahasia: the
    verification page hides title and number), `reason` (written into the signature),
    `facts` the public facts the issuer chooses as (label, value) pairs, shown on
    `/v/{code}` unless confidential (a permit: holder, NIB, address, valid until)."""

    module: str
    kind: str
    title: str
    issuer: str
    office_id: int | None = None
    number: str | None = None
    case_id: int | None = None
    confidential: bool = False
    reason: str = ""
    facts: Sequence[tuple[str, str]] = ()


@dataclass(frozen=True)
class DocumentAccess:
    """A module's say on who reads its documents (hook "document_access"): `decide(uow,
    principal, row)` for the rows of `module` answers True (may read, whatever the
    office), False (may not, whoever they are: the admin and the issuing office too) or
    None (no opinion: the core's rule holds). Route handlers pass
    `hooks(app, "document_access")` to `listing` and `pdf_for`."""

    module: str
    decide: Callable[[DocumentWork, Principal | None, DocumentRow], bool | None]


def module_says(uow: DocumentWork, principal: Principal | None, row: DocumentRow,
                access: Sequence[DocumentAccess] = ()) -> bool | None:
    """What the modules' rules say of `principal` reading `row`: False when any rule of
    its module refuses, True when one allows, None when none has an opinion."""
    said = [rule.decide(uow, principal, row) for rule in access if rule.module == row.module]
    if False in said:
        return False
    return True if True in said else None


@dataclass(frozen=True)
class UploadCheck:
    """An uploaded copy against the issued document: `matches` (same SHA-256 as the
    signed bytes issued), the copy's `sha256`, its first signature (None: unsigned),
    and `other_code` when the copy is, byte for byte, another document issued here (its
    valid signature is that document's, not this one's)."""

    matches: bool
    sha256: str
    signature: SignatureCheck | None
    other_code: str | None = None


def new_code(uow: DocumentWork) -> str:
    """A fresh verification code (CODE_LENGTH characters of the tickets' alphabet)."""
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        if not uow.documents.code_taken(code):
            return code


def verify_url(base_url: str, code: str) -> str:
    """The absolute address printed in a document's QR: `{base}/v/{code}`."""
    return base_url.rstrip("/") + VERIFY_PATH.format(code=code)


def issue(uow: DocumentWork, clock: Clock, signer: Signer, store: DocumentStore,
          what: Issue, code: str, pdf: bytes) -> DocumentRow:
    """Sign `pdf` (made with the QR of `code`, from `new_code`), keep it and record it as
    valid; inside the caller's transaction (its rollback leaves only an unreferenced file
    on disk, never a record without its file). Raises SigningUnavailable (503)."""
    signed = signer.sign(pdf, what.reason or what.title)
    digest = hashlib.sha256(signed).hexdigest()
    store.put(digest, signed)
    return uow.documents.add(
        code=code, module=what.module, kind=what.kind, case_id=what.case_id,
        office_id=what.office_id, title=what.title[:200], number=what.number,
        issuer=what.issuer[:160], issued_at=clock.now(), status="valid",
        confidential=what.confidential, sha256=digest, size=len(signed), signer=signer.name,
        facts=[[str(k)[:80], str(v)[:300]] for k, v in what.facts] or None)


def find(uow: DocumentWork, code: str) -> DocumentRow:
    """The document of verification `code` (as typed or scanned: case, spaces, dashes
    and a whole `/v/…` address do not matter). Raises DocumentNotFound (404)."""
    said = normalise_code((code or "").replace("/v/", "/t/"))[:40]
    row = uow.documents.by_code(said) if len(said) == CODE_LENGTH else None
    if row is None:
        raise DocumentNotFound(said or (code or "")[:40])
    return row


def public_facts(row: DocumentRow, tz: str) -> dict[str, Any]:
    """What `/v/{code}` shows anyone: code, number, title, issuer, issue time (ISO 8601 in
    the city's zone `tz`), status, when it changed and to what it was replaced, SHA-256.
    A confidential document's title and number read None, its `facts` ([{label,
    value}], the issuer's public facts) empty."""
    return {"code": row.code, "number": None if row.confidential else row.number,
            "title": None if row.confidential else row.title, "issuer": row.issuer,
            "confidential": row.confidential, "kind": row.kind, "module": row.module,
            "issued_at": iso(row.issued_at, tz), "status": row.status,
            "status_at": iso(row.status_at, tz) if row.status_at else None,
            "replaced_by": row.replaced_by, "sha256": row.sha256, "size": row.size,
            "signer": row.signer,
            "facts": [] if row.confidential else [
                {"label": label, "value": value} for label, value in (row.facts or [])]}


def check_upload(uow: DocumentWork, signer: Signer, code: str, data: bytes) -> UploadCheck:
    """An uploaded PDF against the document of `code`: the same bytes (SHA-256), its
    signature, and the code of the other issued document it is when it is one. Raises
    DocumentNotFound (404), NotAPdf (422)."""
    row = find(uow, code)
    if not data.lstrip()[:5].startswith(b"%PDF-"):
        raise NotAPdf()
    digest = hashlib.sha256(data).hexdigest()
    try:
        signature: SignatureCheck | None = signer.check(data)
    except NotSigned:
        signature = None
    except Exception:  # a damaged PDF pyHanko cannot read: no usable signature
        signature = None
    other = None if digest == row.sha256 else uow.documents.by_sha256(digest)
    return UploadCheck(matches=digest == row.sha256, sha256=digest, signature=signature,
                       other_code=other.code if other is not None else None)


def _change(uow: DocumentWork, clock: Clock, code: str, status: str, reason: str,
            replaced_by: str | None = None) -> DocumentRow:
    row = find(uow, code)
    if row.status != "valid":
        raise DocumentNotValid(row.code, row.status)
    row.status, row.status_at = status, clock.now()
    row.status_reason, row.replaced_by = reason[:300], replaced_by
    uow.flush()
    return row


def revoke(uow: DocumentWork, clock: Clock, code: str, reason: str) -> DocumentRow:
    """Mark a valid document revoked (a revoked permit), with the reason (kept, not shown
    in public). Raises DocumentNotFound, DocumentNotValid (409)."""
    return _change(uow, clock, code, "revoked", reason)


def replace(uow: DocumentWork, clock: Clock, code: str, new_code: str,
            reason: str = "") -> DocumentRow:
    """Mark a valid document replaced by the document `new_code` (issued before this
    call). Raises DocumentNotFound, DocumentNotValid (409)."""
    find(uow, new_code)
    return _change(uow, clock, code, "replaced", reason, replaced_by=new_code)


def listing_scope(uow: DocumentWork, principal: Principal | None) -> list[int] | None:
    """The offices whose documents `principal` may list: None (all) for the admin, the
    offices where a staff user holds any role otherwise. Raises DocumentForbidden (403)
    for anyone else (not staff, or staff of no office)."""
    if principal is not None and principal.kind == "staff":
        if principal.role == ADMIN:
            return None
        offices = sorted(uow.offices.roles_of(principal.id))
        if offices:
            return offices
    raise DocumentForbidden()


def listing(uow: DocumentWork, principal: Principal | None, module: str | None = None,
            limit: int = 200, before_id: int | None = None,
            access: Sequence[DocumentAccess] = ()) -> Sequence[DocumentRow]:
    """The documents `principal` may see (listing_scope), newest first, `limit` (1-500)
    of them older than the id `before_id`, leaving out those a module's rule refuses
    (`access`, see DocumentAccess)."""
    scope = listing_scope(uow, principal)
    limit = min(max(limit, 1), 500)
    kept: list[DocumentRow] = []
    while len(kept) < limit:
        rows = uow.documents.listing(scope, module, limit, before_id)
        kept += [row for row in rows
                 if module_says(uow, principal, row, access) is not False]
        if len(rows) < limit:
            break
        before_id = rows[-1].id
    return kept[:limit]


def pdf_for(uow: DocumentWork, store: DocumentStore, principal: Principal | None,
            code: str, case_code: str | None = None,
            access: Sequence[DocumentAccess] = ()) -> tuple[DocumentRow, bytes]:
    """The signed PDF of `code`, for the admin, a member of the issuing office, or the
    holder of the tracking code of the document's case, unless its module's rule
    (`access`, see DocumentAccess) decides otherwise. Raises DocumentNotFound (404),
    DocumentForbidden (403)."""
    row = find(uow, code)
    said = module_says(uow, principal, row, access)
    if said is False or (said is None and not _may_read(uow, principal, row, case_code)):
        raise DocumentForbidden()
    data = store.get(row.sha256)
    if data is None:
        raise DocumentNotFound(row.code)
    return row, data


def _may_read(uow: DocumentWork, principal: Principal | None, row: DocumentRow,
              case_code: str | None) -> bool:
    if principal is not None and principal.kind == "staff":
        if principal.role == ADMIN:
            return True
        if row.office_id is not None and row.office_id in uow.offices.roles_of(principal.id):
            return True
    if case_code and row.case_id is not None:
        case = uow.cases.by_id(row.case_id)
        said = normalise_code(case_code)
        return case is not None and secrets.compare_digest(case.code, said)
    return False

