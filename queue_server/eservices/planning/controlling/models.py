"""e-Controlling's tables: the provider's monthly progress reports of a contract
(physical and financial progress, percent; spent, rupiah), approved or returned by the
office's commitment officer (PPK), and their photos (kept by SHA-256 on disk, 0600)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
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


class ControllingReport(Base):
    """A month's progress report of a contract: `month` ("YYYY-MM"), physical and
    financial progress (percent, cumulative), spent (rupiah, cumulative), the provider's
    note, state (`submitted`, `approved`, `returned` with the PPK's reason)."""

    __tablename__ = "controlling_reports"
    __table_args__ = (UniqueConstraint("contract_id", "month"),
                      Index("ix_controlling_reports_package", "package_id", "month"))
    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("delivery_contracts.id"))
    package_id: Mapped[int] = mapped_column(ForeignKey("project_packages.id"))
    month: Mapped[str] = mapped_column(String(7))
    physical: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    financial: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    spent: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    state: Mapped[str] = mapped_column(String(20), default="submitted",
                                       server_default="submitted")
    reason: Mapped[str] = mapped_column(String(500), default="", server_default="")
    reported_at: Mapped[datetime]
    reported_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(nullable=True)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class ControllingPhoto(Base):
    """A photo of a progress report: its type, size (bytes), SHA-256 (the file's name on
    disk under `<instance>/files/planning/<report id>/`)."""

    __tablename__ = "controlling_photos"
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("controlling_reports.id"))
    content_type: Mapped[str] = mapped_column(String(60))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
