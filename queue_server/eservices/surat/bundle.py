"""A letter's bundle for the national records system (SRIKANDI): a ZIP holding
`metadata.json` (number, dates, classification with its retention, access class,
sender/recipient, subject, timeline, the review chain and the dispositions with their
times) and the letter's file when it has one: an incoming letter's scan (`surat.pdf`, or
the image it is), the signed document of an outgoing letter or of an internal delivery
(services.documents.pdf_for). Only for those who may read the letter."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from queue_server.services import case_files
from queue_server.services import documents as issued
from queue_server.services.auth import Principal
from queue_server.services.port_cases import CaseRow, CaseWork, FileStore
from queue_server.services.port_documents import DocumentStore
from queue_server.services.views import iso

from . import MODULE
from .access import may_read_document
from .incoming_errors import LetterHasNoPdf, UnknownClassification
from .letters import general_view, locate, user_names
from .models import SuratLetter

RULE = (issued.DocumentAccess(MODULE, may_read_document),)
_EXTENSION = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png",
              "image/webp": "webp"}


def scan_of(uow: CaseWork, files: FileStore, case: CaseRow, letter: SuratLetter
            ) -> tuple[str, bytes]:
    """The scan's content type and bytes. Raises LetterHasNoPdf (404) without a scan,
    FileMissing (404) when its bytes are lost."""
    row = uow.cases.file(case.id, letter.scan_file_id) if letter.scan_file_id else None
    if row is None:
        raise LetterHasNoPdf(f"SURAT-{case.id}")
    return row.content_type, case_files.read(files, row)


def letter_pdf(uow: CaseWork, files: FileStore, documents: DocumentStore,
               principal: Principal, case: CaseRow, letter: SuratLetter
               ) -> tuple[str, bytes]:
    """The letter's own file: the scan, else the signed document it carries (an outgoing
    letter's, or the one delivered with an incoming copy), read under the module's one
    rule (access.may_read_document: a reader of the letter reads its document). Raises
    LetterHasNoPdf (404) without either, DocumentForbidden (403)."""
    if letter.scan_file_id is not None:
        return scan_of(uow, files, case, letter)
    if letter.document_code:
        _, data = issued.pdf_for(uow, documents, principal,  # type: ignore[arg-type]
                                 letter.document_code, None, RULE)
        return "application/pdf", data
    raise LetterHasNoPdf(f"SURAT-{case.id}")


def _people(uow: CaseWork, case: CaseRow, letter: SuratLetter, timezone: str
            ) -> dict[str, Any]:
    """Who worked on the letter, with times (city zone): an outgoing letter's `sender`
    (its office), `chain` (reviewers then the signer, each step's state and time),
    `signed_at`, `sent_at`; every letter's `dispositions` (giver, recipient, instruction,
    due date, read, withdrawn and done times, follow-up)."""
    from .incoming_close import of_case
    from .outgoing_chain import chain

    found: dict[str, Any] = {}
    if letter.direction == "outgoing":
        office = uow.offices.by_id(letter.office_id)
        steps = chain(uow, case.id)
        names = user_names(uow, {step.user_id for step in steps})
        found = {"sender": office.name if office else None,
                 "signed_at": iso(letter.signed_at, timezone),
                 "sent_at": iso(letter.sent_at, timezone),
                 "chain": [{"position": step.position, "step": step.step,
                            "name": names.get(step.user_id, ""), "state": step.state,
                            "acted_at": iso(step.acted_at, timezone)} for step in steps]}
    rows = of_case(uow, case.id)
    names = user_names(uow, {r.from_user_id for r in rows} | {r.to_user_id for r in rows})
    found["dispositions"] = [{
        "id": row.id, "parent_id": row.parent_id, "from": names.get(row.from_user_id, ""),
        "to": names.get(row.to_user_id, ""), "instruction": row.instruction,
        "due": row.due.isoformat() if row.due else None,
        "given_at": iso(row.created_at, timezone), "read_at": iso(row.read_at, timezone),
        "withdrawn_at": iso(row.withdrawn_at, timezone),
        "done_at": iso(row.done_at, timezone), "follow_up": row.follow_up} for row in rows]
    return found


def bundle(uow: CaseWork, files: FileStore, documents: DocumentStore,
           principal: Principal, ref: str, timezone: str) -> bytes:
    """The ZIP of the letter `ref` (see above): `metadata.json` with the letter's view
    (timeline: registration or drafting, then each action, filing apart), its retention
    rule and its people (`_people`), and its file when it has one (`surat.pdf`, or the
    scan's image); a letter with no file gives the metadata alone (`"file": null`).
    Raises as letters.locate (404/403) and letter_pdf (403)."""
    from . import classification

    case, letter = locate(uow, principal, ref)
    view: dict[str, Any] = general_view(uow, principal, ref, timezone)
    try:
        rule = classification.get(uow, letter.classification)
        view["retention"] = {"active_years": rule.active_years,
                             "inactive_years": rule.inactive_years,
                             "disposition": rule.disposition, "title": rule.title}
    except UnknownClassification:  # a code since removed: the bundle says so
        view["retention"] = None
    view.update(_people(uow, case, letter, timezone))
    try:
        content_type, data = letter_pdf(uow, files, documents, principal, case, letter)
        name: str | None = f"surat.{_EXTENSION.get(content_type, 'bin')}"
    except LetterHasNoPdf:
        name, data = None, b""
    view["file"] = name
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("metadata.json", json.dumps(view, ensure_ascii=False, indent=2))
        if name is not None:
            archive.writestr(name, data)
    return out.getvalue()
