"""Named errors of issued documents (issue 17)."""

from __future__ import annotations

from .errors import DomainError, Forbidden, InvalidInput, NotFound, Words


class DocumentNotFound(NotFound):
    code = "document_not_found"
    text_id = "Dokumen dengan kode verifikasi {code} tidak ada."
    text_en = "There is no document with verification code {code}."

    def __init__(self, code: str):
        super().__init__(code=code)


# A document's status in each language's words (the status column keeps the English
# ones): what messages say.
STATUS_WORDS = {"revoked": Words("dicabut", "revoked"), "replaced": Words("diganti", "replaced")}


class DocumentNotValid(DomainError):
    """Only a valid document can be revoked or replaced."""

    code = "document_not_valid"
    text_id = "Dokumen {code} sudah {status}; tidak bisa diubah lagi."
    text_en = "Document {code} is already {status}; it cannot change again."
    def __init__(self, code: str, status: str):
        super().__init__(code=code, status=STATUS_WORDS.get(status, Words(status, status)))


class DocumentForbidden(Forbidden):
    code = "document_forbidden"
    text_id = "Dokumen ini hanya untuk pemiliknya dan petugas kantor penerbitnya."
    text_en = "This document is only for its owner and the staff of the office that issued it."


class NotAPdf(InvalidInput):
    code = "not_a_pdf"
    text_id = "Berkas yang dikirim bukan PDF. Unggah berkas PDF dokumen itu."
    text_en = "The file sent is not a PDF. Upload the document's PDF file."
