"""The port of document signing (issue 17): whatever signs an issued PDF, behind one
interface, so a certified signer (BSrE's service for a TTE, UU ITE and PP 71/2019) can
replace the local one without a use case changing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class SignatureCheck:
    """What a PDF's first signature says: `intact` (the signed bytes are unchanged),
    `valid` (the signature matches its certificate), `trusted` (the certificate chains to
    a trust root given), and the signer's name from the certificate."""

    intact: bool
    valid: bool
    trusted: bool
    signer: str


class Signer(Protocol):
    """Signs PDFs (PAdES: the signature inside the PDF, over every byte but itself)."""

    name: str

    def sign(self, pdf: bytes, reason: str = "") -> bytes:
        """The PDF with a signature added (an incremental update); raises
        SigningUnavailable when the signer cannot sign now."""
        ...

    def check(self, pdf: bytes) -> SignatureCheck:
        """The PDF's first signature checked against this signer's certificate; raises
        NotSigned when there is none."""
        ...
