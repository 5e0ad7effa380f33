"""e-Surat's tables: classification codes with their retention (JRA), the letter beside
its shared case row (incoming and outgoing in one register), dispositions, the review
chain (paraf, then the signature) of an outgoing letter, and the people involved in a
letter (who may read a `terbatas` or `rahasia` one)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from queue_server.persistence.models import Base


class SuratClassification(Base):
    """A classification code (Permendagri 83/2022 style, e.g. `500.1` Perekonomian) with
    its retention schedule (JRA, UU 43/2009): years active, years inactive, then the
    final disposition `musnah` (destroy), `permanen` (to the archive), or `dinilai`
    (re-appraised)."""

    __tablename__ = "surat_classifications"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    active_years: Mapped[int] = mapped_column(Integer)
    inactive_years: Mapped[int] = mapped_column(Integer)
    disposition: Mapped[str] = mapped_column(String(12))


class SuratLetter(Base):
    """A letter (`direction` incoming or outgoing) of its case. Incoming: the sender, its
    number and date, the agenda number the office gave it (per office and year), the
    scan (a case file). Outgoing: the template and body, the recipient, the number given
    at signing, the signed document's code, the delivery (internal: the receiving office,
    whose register gets an incoming letter with `source_case_id` this case; external:
    recorded). `access` biasa / terbatas / rahasia, `urgency` biasa / segera /
    sangat_segera."""

    __tablename__ = "surat_letters"
    __table_args__ = (Index("ix_surat_letters_office", "office_id", "direction", "id"),
                      UniqueConstraint("office_id", "agenda_year", "agenda_number"))
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    direction: Mapped[str] = mapped_column(String(10))
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    classification: Mapped[str] = mapped_column(String(40))
    access: Mapped[str] = mapped_column(String(10))
    urgency: Mapped[str] = mapped_column(String(14))
    subject: Mapped[str] = mapped_column(String(300))
    sender: Mapped[str | None] = mapped_column(String(200), nullable=True)
    recipient: Mapped[str | None] = mapped_column(String(200), nullable=True)
    letter_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    letter_number: Mapped[str | None] = mapped_column(String(80), nullable=True)
    agenda_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    agenda_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    template: Mapped[str | None] = mapped_column(String(40), nullable=True)
    body: Mapped[str] = mapped_column(Text, default="", server_default="")
    scan_file_id: Mapped[int | None] = mapped_column(ForeignKey("case_files.id"),
                                                     nullable=True)
    document_code: Mapped[str | None] = mapped_column(String(16), nullable=True)
    source_case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), nullable=True)
    delivery: Mapped[str | None] = mapped_column(String(10), nullable=True)
    to_office_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id"), nullable=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime]
    signed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    sent_at: Mapped[datetime | None] = mapped_column(nullable=True)
    filed_at: Mapped[datetime | None] = mapped_column(nullable=True)


class SuratDisposition(Base):
    """A disposition of an incoming letter from one officer to another: the instruction,
    the due date, when it was read (the read receipt), withdrawn (only while unread),
    and followed up (with what was done). `parent_id`: the disposition it passes on."""

    __tablename__ = "surat_dispositions"
    __table_args__ = (Index("ix_surat_dispositions_to", "to_user_id", "read_at"),
                      Index("ix_surat_dispositions_case", "case_id"))
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("surat_dispositions.id"),
                                                  nullable=True)
    from_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    to_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    instruction: Mapped[str] = mapped_column(String(500))
    due: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime]
    read_at: Mapped[datetime | None] = mapped_column(nullable=True)
    withdrawn_at: Mapped[datetime | None] = mapped_column(nullable=True)
    done_at: Mapped[datetime | None] = mapped_column(nullable=True)
    follow_up: Mapped[str] = mapped_column(Text, default="", server_default="")


class SuratReview(Base):
    """One step of an outgoing letter's review chain, in `position` order: `paraf` by a
    reviewer, the last one `sign` by the signer. `state` waiting / current / approved /
    returned."""

    __tablename__ = "surat_reviews"
    __table_args__ = (UniqueConstraint("case_id", "position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    position: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    step: Mapped[str] = mapped_column(String(10))
    state: Mapped[str] = mapped_column(String(10))
    acted_at: Mapped[datetime | None] = mapped_column(nullable=True)
    comment: Mapped[str] = mapped_column(Text, default="", server_default="")


class SuratPerson(Base):
    """A user involved in a letter and why (`registered`, `disposed`, `drafted`,
    `reviewer`, `signer`): who may read a `terbatas` or `rahasia` letter beside the
    office's head (queue_server/eservices/surat/access.py)."""

    __tablename__ = "surat_people"
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    why: Mapped[str] = mapped_column(String(12), primary_key=True)
