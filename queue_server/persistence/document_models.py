"""Typed models of issued documents (issue 17): every signed PDF a module issues (a
letter, a permit) with its public verification code, and the gap-free number sequences
per office and year that official numbers are drawn from."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base

DOCUMENT_STATUSES = ("valid", "revoked", "replaced")


class Document(Base):
    """An issued, signed PDF: `code` is printed in its QR (`/v/{code}`), `sha256` is the
    hash of the signed bytes kept on disk (`<instance>/files/documents/<sha256>`, 0600).
    `confidential` documents (a letter of class rahasia) show on the verification page
    only that they exist, their status and hash: never their title or number."""

    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_office_issued", "office_id", "issued_at"),
                      Index("ix_documents_case", "case_id"),
                      # An uploaded copy is looked up by its hash (`/v/{code}`'s check).
                      Index("ix_documents_sha256", "sha256"))
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    module: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(30))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), nullable=True)
    office_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id"), nullable=True)
    title: Mapped[str] = mapped_column(String(200))
    number: Mapped[str | None] = mapped_column(String(80), nullable=True)
    issuer: Mapped[str] = mapped_column(String(160))
    issued_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(10), default="valid", server_default="valid")
    status_at: Mapped[datetime | None] = mapped_column(nullable=True)
    status_reason: Mapped[str | None] = mapped_column(String(300), nullable=True)
    replaced_by: Mapped[str | None] = mapped_column(String(16), nullable=True)
    confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    signer: Mapped[str] = mapped_column(String(20))
    # the public facts the issuer chose ([[label, value], ...]: a permit's holder, NIB,
    # address, validity), shown on /v/{code} unless confidential
    facts: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True)


class NumberSequence(Base):
    """The last number handed out in one `scope` (e.g. `surat-out`, `surat-agenda`,
    `ssw-permit`) for one office (0: none) and year; one upsert hands out the next, so
    numbers are gap-free and never repeated under concurrency (as the queue's daily
    sequences)."""

    __tablename__ = "number_sequences"
    scope: Mapped[str] = mapped_column(String(30), primary_key=True)
    office_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)
