"""e-Delivery's tables: the contract of a package (award letter SPPBJ → contract →
notice to proceed SPMK → handover BAST, each an issued document), its payment stages
(termin), the provider's invoices, and the payments (never above the contract's value:
the contract's row is locked while one is recorded)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import BigInteger, Date, ForeignKey, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from queue_server.persistence.models import Base


class DeliveryContract(Base):
    """A package's contract with its provider: number, value (rupiah), state
    (`award_letter`, `signed`, `started`, `handed_over`, `terminated`), the dates and
    document codes of the award letter, the contract, the notice to proceed and the
    handover, and the period of the works."""

    __tablename__ = "delivery_contracts"
    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("project_packages.id"), unique=True)
    tender_id: Mapped[int | None] = mapped_column(ForeignKey("procurement_tenders.id"),
                                                  nullable=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("procurement_providers.id"))
    number: Mapped[str | None] = mapped_column(String(80), nullable=True, unique=True)
    value: Mapped[int] = mapped_column(BigInteger)
    state: Mapped[str] = mapped_column(String(20), default="award_letter",
                                       server_default="award_letter")
    award_letter_at: Mapped[datetime]
    award_letter_code: Mapped[str | None] = mapped_column(String(16), nullable=True)
    signed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    contract_code: Mapped[str | None] = mapped_column(String(16), nullable=True)
    started_at: Mapped[datetime | None] = mapped_column(nullable=True)
    notice_code: Mapped[str | None] = mapped_column(String(16), nullable=True)
    handed_over_at: Mapped[datetime | None] = mapped_column(nullable=True)
    handover_code: Mapped[str | None] = mapped_column(String(16), nullable=True)
    starts: Mapped[date | None] = mapped_column(Date, nullable=True)
    ends: Mapped[date | None] = mapped_column(Date, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class DeliveryTermin(Base):
    """A payment stage: its number (1, 2, …), share of the value (percent) and amount
    (rupiah), the physical progress it needs (percent), state (`planned`, `invoiced`,
    `paid`)."""

    __tablename__ = "delivery_termins"
    __table_args__ = (UniqueConstraint("contract_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("delivery_contracts.id"))
    number: Mapped[int] = mapped_column(Integer)
    percent: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    amount: Mapped[int] = mapped_column(BigInteger)
    progress_needed: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    state: Mapped[str] = mapped_column(String(20), default="planned", server_default="planned")


class DeliveryInvoice(Base):
    """The provider's invoice for a termin: number, amount (rupiah), state (`submitted`,
    `approved` by the PPK, `rejected` with a reason, `paid`)."""

    __tablename__ = "delivery_invoices"
    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("delivery_contracts.id"))
    termin_id: Mapped[int] = mapped_column(ForeignKey("delivery_termins.id"))
    number: Mapped[str] = mapped_column(String(60))
    amount: Mapped[int] = mapped_column(BigInteger)
    submitted_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(20), default="submitted",
                                       server_default="submitted")
    reason: Mapped[str] = mapped_column(String(500), default="", server_default="")
    decided_at: Mapped[datetime | None] = mapped_column(nullable=True)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class DeliveryPayment(Base):
    """A payment of an approved invoice: amount (rupiah), when, the treasury's reference
    (SP2D number), who recorded it."""

    __tablename__ = "delivery_payments"
    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("delivery_contracts.id"))
    invoice_id: Mapped[int] = mapped_column(ForeignKey("delivery_invoices.id"), unique=True)
    amount: Mapped[int] = mapped_column(BigInteger)
    paid_at: Mapped[datetime]
    reference: Mapped[str] = mapped_column(String(60))
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
