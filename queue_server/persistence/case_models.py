"""Typed SQLAlchemy 2 models of what every e-service module shares (issue 16): offices
(OPD) and their members, cases with their timeline and files, the phone check of a
citizen's case, and the satisfaction survey (SKM) of a visit or a case."""

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

from .models import Base


class Office(Base):
    """A city office (OPD: dinas, badan, kecamatan, kelurahan, the Media Center)."""

    __tablename__ = "offices"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    name_en: Mapped[str] = mapped_column(String(160), default="", server_default="")
    kind: Mapped[str] = mapped_column(String(20), default="dinas", server_default="dinas")
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    # The office's WhatsApp number (+62…) where its head is told of escalations.
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True)


class OfficeMember(Base):
    """A staff user's role in one office: `staff`, `head`, or a module's own role."""

    __tablename__ = "office_members"
    __table_args__ = (UniqueConstraint("user_id", "office_id", "role"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    role: Mapped[str] = mapped_column(String(20))


class Case(Base):
    """One case of a module (a complaint, a letter, a permit application): its tracking
    `code`, the workflow `state` and since when, the office holding it, the deadlines
    (dates, counted in working days), and the citizen behind it. `nik`, `phone` and
    `name` are personal data: never on a public page, a list or a log line."""

    __tablename__ = "cases"
    __table_args__ = (Index("ix_cases_module_state", "module", "state"),
                      Index("ix_cases_office_state", "office_id", "state"))
    id: Mapped[int] = mapped_column(primary_key=True)
    module: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(30))
    code: Mapped[str] = mapped_column(String(16), unique=True)
    state: Mapped[str] = mapped_column(String(30))
    office_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id"), nullable=True)
    opened_at: Mapped[datetime]
    state_since: Mapped[datetime]
    state_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    due: Mapped[date | None] = mapped_column(Date, nullable=True)
    escalated_at: Mapped[datetime | None] = mapped_column(nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    # False while a citizen's phone code is outstanding (the case is not yet filed).
    confirmed: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    nik: Mapped[str | None] = mapped_column(String(16), nullable=True)
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    name: Mapped[str | None] = mapped_column(String(120), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class CaseEvent(Base):
    """One line of a case's timeline: who (`actor`: `staff:budi`, `citizen`, `system`)
    took which action from which state to which, when (UTC), with a comment; `public`
    lines show on the case's public page."""

    __tablename__ = "case_events"
    __table_args__ = (Index("ix_case_events_case", "case_id", "id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(30))
    from_state: Mapped[str | None] = mapped_column(String(30), nullable=True)
    to_state: Mapped[str] = mapped_column(String(30))
    office_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id"), nullable=True)
    comment: Mapped[str] = mapped_column(Text, default="", server_default="")
    public: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class CaseFile(Base):
    """A file attached to a case (a photo, a scan): kept on disk under the instance
    folder (mode 0600) by its SHA-256; its type was read from its bytes."""

    __tablename__ = "case_files"
    __table_args__ = (Index("ix_case_files_case", "case_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("case_events.id"), nullable=True)
    kind: Mapped[str] = mapped_column(String(20))
    content_type: Mapped[str] = mapped_column(String(60))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]


class CaseCheck(Base):
    """The one-time code sent to a citizen's phone before their case is filed: its salted
    hash (domain.phone_codes), the attempts left, when it expires, and how many codes
    were sent for the case (`sends`: the first and each resend)."""

    __tablename__ = "case_checks"
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(128))
    attempts_left: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[datetime]
    sends: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class Survey(Base):
    """One Survei Kepuasan Masyarakat (Permenpan-RB 14/2017) of a finished visit or case:
    the nine elements' answers (1–4, domain.survey.ELEMENTS order), once per subject."""

    __tablename__ = "surveys"
    __table_args__ = (UniqueConstraint("subject", "code"),
                      Index("ix_surveys_at", "submitted_at"))
    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(10))  # "visit" or "case"
    code: Mapped[str] = mapped_column(String(16))
    module: Mapped[str] = mapped_column(String(20))  # "queue" or the case's module
    facility_id: Mapped[int | None] = mapped_column(ForeignKey("facilities.id"), nullable=True)
    office_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id"), nullable=True)
    answers: Mapped[list[int]] = mapped_column(JSON)
    comment: Mapped[str] = mapped_column(Text, default="", server_default="")
    submitted_at: Mapped[datetime]
