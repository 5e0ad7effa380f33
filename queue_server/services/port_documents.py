"""The port of document signing (issue 17): whatever signs an issued PDF, behind one
interface, so a certified signer (BSrE's service for a TTE, UU ITE and PP 71/2019) can
replace the local one without a use case changing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from .port_cases import CaseWork


@dataclass(frozen=True)
class SignatureCheck:
    """What a PDF's first signature says: `intact` (the signed bytes are unchanged),
    `valid` (the signature matches its certificate), `trusted` (the certificate chains to
    a trust root given), the signer's name from the certificate, and `whole` (the
    signature covers the whole file: nothing was appended after it, ISO 32000-1 12.8.1)."""

    intact: bool
    valid: bool
    trusted: bool
    signer: str
    whole: bool = False

    @property
    def ok(self) -> bool:
        """The file is the one signed, by a trusted certificate, and nothing since."""
        return self.intact and self.valid and self.trusted and self.whole


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


class DocumentRow(Protocol):
    """An issued document (persistence/document_models.Document)."""

    id: int
    code: str
    module: str
    kind: str
    case_id: int | None
    office_id: int | None
    title: str
    number: str | None
    issuer: str
    issued_at: datetime
    status: str
    status_at: datetime | None
    status_reason: str | None
    replaced_by: str | None
    confidential: bool
    sha256: str
    size: int
    signer: str
    facts: list[Any] | None


class DocumentsPort(Protocol):
    def add(self, **fields: Any) -> DocumentRow: ...
    def by_code(self, code: str) -> DocumentRow | None: ...
    def by_sha256(self, digest: str) -> DocumentRow | None: ...
    def code_taken(self, code: str) -> bool: ...
    def of_case(self, case_id: int) -> Sequence[DocumentRow]: ...
    def listing(self, office_ids: Sequence[int] | None, module: str | None = None,
                limit: int = 200, before_id: int | None = None) -> Sequence[DocumentRow]: ...
    def next_number(self, scope: str, office_id: int, year: int) -> int: ...


class DocumentStore(Protocol):
    """Where the signed bytes are kept, by their SHA-256 (0600 files)."""

    def put(self, sha256: str, data: bytes) -> None: ...
    def get(self, sha256: str) -> bytes | None: ...


class DocumentWork(CaseWork, Protocol):
    """A unit of work with cases, offices and documents."""

    def __enter__(self) -> DocumentWork: ...

    @property
    def documents(self) -> DocumentsPort: ...
