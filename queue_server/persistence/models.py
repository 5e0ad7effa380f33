"""Typed SQLAlchemy 2 models: what antrian keeps, one class a table."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from ..domain.zones import DEFAULT_TIMEZONE


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out; stored as naive UTC on every database.

    SQLite keeps datetimes as text, so one convention (UTC) makes comparisons and ordering
    behave the same on SQLite and PostgreSQL.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime()}


def new_epoch() -> str:
    """A fresh facility epoch: 16 hex digits."""
    return secrets.token_hex(8)


class Facility(Base):
    __tablename__ = "facilities"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    timezone: Mapped[str] = mapped_column(String(40), default=DEFAULT_TIMEZONE)
    running_text: Mapped[str] = mapped_column(Text, default="")
    # The facility's event counter: every live event carries the next value.
    event_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    # Renewed whenever `event_seq` may go back (a restore): clients that follow `seq`
    # resync when it changes.
    epoch: Mapped[str] = mapped_column(String(32), default=new_epoch, server_default="")
    # Local closures (date → reason, ISO dates as keys) and whether cuti bersama (joint
    # leave days) closes the facility; national holidays come from the calendar.
    closed_dates: Mapped[dict[str, str]] = mapped_column(JSON, default=dict,
                                                         server_default="{}")
    joint_leave_closes: Mapped[bool] = mapped_column(Boolean, default=True,
                                                     server_default="1")

    services: Mapped[list[Service]] = relationship(
        back_populates="facility", order_by="Service.position"
    )
    counters: Mapped[list[Counter]] = relationship(
        back_populates="facility", order_by="Counter.position"
    )


class Service(Base):
    __tablename__ = "services"
    __table_args__ = (UniqueConstraint("facility_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facilities.id"))
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(120))
    prefix: Mapped[str] = mapped_column(String(3))
    position: Mapped[int] = mapped_column(Integer, default=0)
    hours: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    booking_quota: Mapped[int] = mapped_column(Integer, default=0)
    walkin_limit: Mapped[int | None] = mapped_column(Integer, nullable=True)
    avg_minutes: Mapped[float] = mapped_column(Float, default=5.0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Dates this service alone is closed (ISO date → reason); whether it stays open on
    # national holidays (an emergency room); the latest time a same-day booking is taken.
    closed_dates: Mapped[dict[str, str]] = mapped_column(JSON, default=dict,
                                                         server_default="{}")
    open_on_holidays: Mapped[bool] = mapped_column(Boolean, default=False,
                                                   server_default="0")
    booking_cutoff: Mapped[str | None] = mapped_column(String(5), nullable=True)
    # The service-level target: a patient called within this many minutes of arrival is
    # served "in time" (reports); and whether the boards show this service at all.
    target_wait_minutes: Mapped[int] = mapped_column(Integer, default=30, server_default="30")
    shown_on_boards: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    # The day's booking places kept for JKN members (a booking with a BPJS card number);
    # the rest of `booking_quota` is for everyone else. None: one shared quota.
    jkn_quota: Mapped[int | None] = mapped_column(Integer, nullable=True)

    facility: Mapped[Facility] = relationship(back_populates="services")


class Counter(Base):
    __tablename__ = "counters"
    __table_args__ = (UniqueConstraint("facility_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facilities.id"))
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer, default=0)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    facility: Mapped[Facility] = relationship(back_populates="counters")
    links: Mapped[list[CounterService]] = relationship(
        order_by="CounterService.rank", cascade="all, delete-orphan"
    )


class CounterService(Base):
    """A service a counter serves; rank 0 is its own, higher ranks it helps when idle."""

    __tablename__ = "counter_services"
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"), primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer, default=0)

    service: Mapped[Service] = relationship()


class DailySequence(Base):
    """Per service and day: the last number issued (one upsert hands out the next) and how
    many of the day's tickets wait now (kept by every change into or out of waiting, so
    boards and kiosks read it instead of counting a long queue)."""

    __tablename__ = "daily_sequences"
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)
    waiting: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Visit(Base):
    __tablename__ = "visits"
    id: Mapped[int] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facilities.id"))
    code: Mapped[str] = mapped_column(String(16), unique=True)
    day: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(10))
    priority: Mapped[str] = mapped_column(String(12), default="regular")
    created_at: Mapped[datetime]
    # Personal data: only for the holder of the code and the facility's staff.
    nik: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    bpjs_number: Mapped[str | None] = mapped_column(String(13), nullable=True)
    name: Mapped[str | None] = mapped_column(String(120), nullable=True)
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True)

    tickets: Mapped[list[Ticket]] = relationship(back_populates="visit", order_by="Ticket.id")


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        UniqueConstraint("service_id", "day", "seq"),
        Index("ix_tickets_queue", "service_id", "day", "status", "queue_key", "seq"),
        Index("ix_tickets_counter", "counter_id", "status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"), index=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facilities.id"))
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    day: Mapped[date] = mapped_column(Date)
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(12))
    priority: Mapped[str] = mapped_column(String(12), default="regular")
    status: Mapped[str] = mapped_column(String(12))
    # walk_in, booking or transfer: how the ticket entered this queue.
    source: Mapped[str] = mapped_column(String(10), default="walk_in")
    version: Mapped[int] = mapped_column(Integer, default=1)
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"), nullable=True)
    issued_at: Mapped[datetime]
    waiting_since: Mapped[datetime | None] = mapped_column(nullable=True)
    queue_key: Mapped[datetime | None] = mapped_column(nullable=True)
    called_at: Mapped[datetime | None] = mapped_column(nullable=True)
    started_at: Mapped[datetime | None] = mapped_column(nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(nullable=True)
    recalls: Mapped[int] = mapped_column(Integer, default=0)
    next_ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"), nullable=True)

    visit: Mapped[Visit] = relationship(back_populates="tickets")
    service: Mapped[Service] = relationship()
    counter: Mapped[Counter | None] = relationship()

    __mapper_args__ = {"version_id_col": version}


class TicketEvent(Base):
    """Append-only history: never updated, never deleted."""

    __tablename__ = "ticket_events"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facilities.id"))
    kind: Mapped[str] = mapped_column(String(24))
    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(80))
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"), nullable=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The live event's seq, for calls and recalls: boards replay the calls they missed.
    seq: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class CityClosure(Base):
    """A date every facility of the deployment is closed (a city-wide local closure)."""

    __tablename__ = "city_closures"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    reason: Mapped[str] = mapped_column(String(200))


class DayClose(Base):
    """A service's day closed at its end: its open tickets became no-shows. The row is the
    claim that makes the close happen once, whichever process gets there first."""

    __tablename__ = "day_closes"
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    closed_at: Mapped[datetime]
    tickets: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


# The other half of the schema; imported here so `models` names every table.
from .access_models import (  # noqa: E402
    AuthToken,
    BookingHold,
    Device,
    IdempotencyKey,
    LoginAttempt,
    Notification,
    SecurityEvent,
    User,
)
from .admin_models import AuditEvent  # noqa: E402
from .case_models import (  # noqa: E402, F401
    Case,
    CaseCheck,
    CaseEvent,
    CaseFile,
    Office,
    OfficeMember,
    Survey,
)
from .document_models import Document, NumberSequence  # noqa: E402, F401
from .report_models import ReportDay  # noqa: E402, F401

__all__ = ["AuditEvent", "AuthToken", "Base", "BookingHold", "CityClosure", "Counter",
           "CounterService", "DailySequence", "DayClose", "Device", "Facility",
           "IdempotencyKey", "LoginAttempt", "Notification", "SecurityEvent", "Service",
           "Ticket", "TicketEvent", "User", "Visit", "new_epoch"]
