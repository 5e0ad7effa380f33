"""A letter's bundle for the national records system (SRIKANDI): a ZIP holding
`metadata.json` (number, dates, classification with its retention, access class,
sender/recipient, subject, timeline) and the letter's PDF: an incoming letter's scan
(`scan.pdf`, or the image it is), an outgoing letter's signed document
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

from .incoming_errors import LetterHasNoPdf, UnknownClassification
from .letters import general_view, locate
from .models import SuratLetter

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
    """The letter's own file: the scan, else the signed document (for an incoming letter
    delivered internally, read as the holder of the sending case). LetterHasNoPdf 404."""
    if letter.scan_file_id is not None:
        return scan_of(uow, files, case, letter)
    if letter.document_code:
        source = uow.cases.by_id(letter.source_case_id) if letter.source_case_id else None
        _, data = issued.pdf_for(uow, documents, principal,  # type: ignore[arg-type]
                                 letter.document_code, source.code if source else None)
        return "application/pdf", data
    raise LetterHasNoPdf(f"SURAT-{case.id}")


def bundle(uow: CaseWork, files: FileStore, documents: DocumentStore,
           principal: Principal, ref: str, timezone: str) -> bytes:
    """The ZIP of the letter `ref` (see above). Raises as letters.locate (404/403) and
    letter_pdf."""
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
    content_type, data = letter_pdf(uow, files, documents, principal, case, letter)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("metadata.json", json.dumps(view, ensure_ascii=False, indent=2))
        archive.writestr(f"surat.{_EXTENSION.get(content_type, 'bin')}", data)
    return out.getvalue()
