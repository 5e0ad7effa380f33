"""e-Procurement's tables: providers (penyedia, each with its own office of kind
`provider` whose members act for it), the blacklist (daftar hitam), tenders (one per
package above the threshold; draft then published, a retried publish changes nothing;
or imported from the national system, SPSE), bids and their evaluation, complaints
(sanggah), and direct procurement (the same tender row, method `direct`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from queue_server.persistence.models import Base


class ProcurementProvider(Base):
    """A provider: name, NPWP (tax number, unique), address, its office (kind
    `provider`; None for one only known from an imported result)."""

    __tablename__ = "procurement_providers"
    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id"), nullable=True,
                                                  unique=True)
    name: Mapped[str] = mapped_column(String(200))
    npwp: Mapped[str] = mapped_column(String(20), unique=True)
    address: Mapped[str] = mapped_column(String(300), default="", server_default="")


class ProcurementBlacklist(Base):
    """A blacklist entry (LKPP's daftar hitam): NPWP, name, reason, from, until (None:
    no end), its source (e.g. the decree's number)."""

    __tablename__ = "procurement_blacklist"
    __table_args__ = (Index("ix_procurement_blacklist_npwp", "npwp"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    npwp: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    starts: Mapped[date] = mapped_column(Date)
    ends: Mapped[date | None] = mapped_column(Date, nullable=True)
    source: Mapped[str] = mapped_column(String(120), default="", server_default="")


class ProcurementTender(Base):
    """The procurement of one package: `code`, method (`tender`, `direct`, …), state
    (draft, published, evaluation, awarded, cancelled, failed), title and value (HPS,
    rupiah), when published and the bid deadline, the award (winning bid, when, the
    complaint period's end), `source` (`local`, or `spse` with the national system's
    `external_id` for an imported result)."""

    __tablename__ = "procurement_tenders"
    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("project_packages.id"), unique=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    method: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20), default="draft", server_default="draft")
    title: Mapped[str] = mapped_column(String(300))
    value: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime]
    published_at: Mapped[datetime | None] = mapped_column(nullable=True)
    bid_deadline: Mapped[datetime | None] = mapped_column(nullable=True)
    # The winning bid's id (no foreign key: bids refer to their tender already).
    winner_bid_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    awarded_at: Mapped[datetime | None] = mapped_column(nullable=True)
    complaints_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    source: Mapped[str] = mapped_column(String(10), default="local", server_default="local")
    external_id: Mapped[str | None] = mapped_column(String(60), nullable=True, unique=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class ProcurementBid(Base):
    """A provider's bid on a tender (one per provider): amount (rupiah), when, its
    evaluation (`submitted`, `passed`, `failed` with a note) and score."""

    __tablename__ = "procurement_bids"
    __table_args__ = (UniqueConstraint("tender_id", "provider_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("procurement_tenders.id"))
    provider_id: Mapped[int] = mapped_column(ForeignKey("procurement_providers.id"))
    amount: Mapped[int] = mapped_column(BigInteger)
    submitted_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(20), default="submitted",
                                       server_default="submitted")
    score: Mapped[float | None] = mapped_column(Numeric(6, 2), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="", server_default="")


class ProcurementComplaint(Base):
    """A bidder's complaint (sanggah) against an award, within the complaint period:
    text, state (`open`, `upheld`, `rejected`), the answer."""

    __tablename__ = "procurement_complaints"
    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("procurement_tenders.id"))
    provider_id: Mapped[int] = mapped_column(ForeignKey("procurement_providers.id"))
    text: Mapped[str] = mapped_column(Text)
    filed_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(20), default="open", server_default="open")
    answer: Mapped[str] = mapped_column(Text, default="", server_default="")
    answered_at: Mapped[datetime | None] = mapped_column(nullable=True)
