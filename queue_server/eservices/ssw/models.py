"""SSW's tables: the permit catalogue, the application beside its shared case row, each
required document's check, the reviewing offices' reviews (in parallel, each with its
own deadline), the field inspection, and the issued permit's facts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from queue_server.persistence.models import Base


class SswPermitType(Base):
    """A permit of the catalogue: the documents required (`documents`: list of
    `{code, name, name_en, required, types}`), the fee (rupiah), the deadline (working
    days), the validity (months; None: does not expire), the reviewing offices
    (`reviewers`: office codes, each with `days`), whether a field inspection is needed
    and its checklist (list of `{code, text}`), and the issued permit's text
    (`template`: `{title, paragraphs}` with `{placeholders}`)."""

    __tablename__ = "ssw_permit_types"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="", server_default="")
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    documents: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    fee: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    days: Mapped[int] = mapped_column(Integer)
    validity_months: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reviewers: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    inspection: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    checklist: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    template: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class SswApplication(Base):
    """An application for a permit (its case holds state, deadlines and the applicant's
    NIK, phone, name): a person's or a business's (name, NIB), the place, the fee due,
    and once decided the permit's number, signed document, validity, and reasons."""

    __tablename__ = "ssw_applications"
    __table_args__ = (Index("ix_ssw_applications_type", "permit_type_id"),
                      Index("ix_ssw_applications_valid", "valid_until"))
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    permit_type_id: Mapped[int] = mapped_column(ForeignKey("ssw_permit_types.id"))
    applicant_kind: Mapped[str] = mapped_column(String(10))
    business_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    nib: Mapped[str | None] = mapped_column(String(20), nullable=True)
    address: Mapped[str] = mapped_column(String(300))
    kelurahan: Mapped[str | None] = mapped_column(String(80), nullable=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    fee: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    submitted_at: Mapped[datetime]
    decided_at: Mapped[datetime | None] = mapped_column(nullable=True)
    permit_number: Mapped[str | None] = mapped_column(String(80), nullable=True)
    document_code: Mapped[str | None] = mapped_column(String(16), nullable=True)
    valid_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    reminded_at: Mapped[datetime | None] = mapped_column(nullable=True)
    reasons: Mapped[str] = mapped_column(Text, default="", server_default="")
    renewal_of: Mapped[int | None] = mapped_column(ForeignKey("ssw_applications.id"),
                                                   nullable=True)


class SswDocument(Base):
    """One required document of an application as uploaded (`version` 1, 2… on each
    re-upload; the latest counts): its case file, and its own check, `pending`,
    `accepted` or `revision` (with the reason the applicant reads)."""

    __tablename__ = "ssw_documents"
    __table_args__ = (UniqueConstraint("case_id", "requirement", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    requirement: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    file_id: Mapped[int] = mapped_column(ForeignKey("case_files.id"))
    state: Mapped[str] = mapped_column(String(10), default="pending",
                                       server_default="pending")
    reason: Mapped[str] = mapped_column(String(500), default="", server_default="")
    uploaded_at: Mapped[datetime]
    checked_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    checked_at: Mapped[datetime | None] = mapped_column(nullable=True)


class SswReview(Base):
    """A reviewing office's technical review of an application: `pending`, `approved`
    or `objected` (with its comment), due by its own working-day deadline."""

    __tablename__ = "ssw_reviews"
    __table_args__ = (UniqueConstraint("case_id", "office_id"),
                      Index("ix_ssw_reviews_office", "office_id", "state"))
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    state: Mapped[str] = mapped_column(String(10), default="pending",
                                       server_default="pending")
    started_at: Mapped[datetime]
    due: Mapped[date]
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(nullable=True)
    comment: Mapped[str] = mapped_column(Text, default="", server_default="")


class SswInspection(Base):
    """The field inspection of an application: the inspector, the date planned, the
    checklist's answers (`answers`: item code → `{ok, note}`), the result `pass` or
    `fail`, notes, when done."""

    __tablename__ = "ssw_inspections"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    inspector_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    planned_for: Mapped[date | None] = mapped_column(Date, nullable=True)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    result: Mapped[str | None] = mapped_column(String(10), nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    done_at: Mapped[datetime | None] = mapped_column(nullable=True)
