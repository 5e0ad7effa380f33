"""Named errors of issued documents on the web (issue 17: `/v/{code}`, /api/v1/documents)."""

from __future__ import annotations

from .errors import DomainError, Forbidden, InvalidInput


class RevokeAdminOnly(Forbidden):
    """Revoking a document outside its module's workflow is the deployment admin's."""

    code = "document_revoke_admin_only"
    text_id = ("Hanya admin yang bisa mencabut dokumen di sini; dokumen modul dicabut "
               "lewat tindakan di modulnya.")
    text_en = ("Only the admin can revoke a document here; a module's documents are "
               "revoked through the module's own action.")


class UploadMissing(InvalidInput):
    """A check of a copy without a file in the multipart field `file`."""

    code = "document_file_missing"
    text_id = "Pilih berkas PDF dokumen yang ingin dicocokkan (isian file)."
    text_en = "Choose the document's PDF file to check (field file)."


class RevokeThroughModule(DomainError):
    """A module's document whose module handles revocation (its "document_revokers"
    hook names the page): revoking it here would leave the module's case behind."""

    code = "document_revoke_through_module"
    text_id = ("Dokumen {code} dicabut lewat halaman modulnya agar berkasnya ikut "
               "berubah: {where}.")
    text_en = ("Document {code} is revoked through its module's page, so its case "
               "follows: {where}.")

    def __init__(self, code: str, where: str):
        super().__init__(code=code, where=where)
