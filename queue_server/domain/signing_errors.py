"""Named errors of document signing (issue 17)."""

from __future__ import annotations

from .errors import DomainError, InvalidInput


class SigningUnavailable(DomainError):
    """The signer cannot sign now (the certified service is not configured or down)."""

    code = "signing_unavailable"
    status = 503
    text_id = "Penandatanganan {signer} belum bisa dipakai: {why}"
    text_en = "The {signer} signer cannot sign now: {why}"

    def __init__(self, signer: str, why: str):
        super().__init__(signer=signer, why=why)


class NotSigned(InvalidInput):
    code = "not_signed"
    text_id = "Berkas PDF ini tidak memuat tanda tangan elektronik."
    text_en = "This PDF file carries no electronic signature."
