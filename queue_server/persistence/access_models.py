"""Typed SQLAlchemy 2 models of who may act and what they leave behind: staff users and
their tokens, devices, login attempts, idempotency keys, patient notifications."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .models import Base, Facility


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))  # services/auth.py STAFF_ROLES
    facility_id: Mapped[int | None] = mapped_column(ForeignKey("facilities.id"), nullable=True)
    full_name: Mapped[str] = mapped_column(String(120), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Set when the password was loaded in clear and is a demo or well-known weak one:
    # outside --demo the server refuses to start while an active user has one.
    weak_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    facility: Mapped[Facility | None] = relationship()


class AuthToken(Base):
    """A staff login: the bearer token's hash, so a stolen database holds no usable token."""

    __tablename__ = "auth_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)

    user: Mapped[User] = relationship()


class Device(Base):
    __tablename__ = "devices"
    __table_args__ = (UniqueConstraint("facility_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facilities.id"))
    code: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(120), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Set when the token was loaded in clear and is short or well-known: outside --demo
    # the server refuses to start while an active device has one.
    weak_token: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    last_seen_at: Mapped[datetime | None] = mapped_column(nullable=True)
    status: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    facility: Mapped[Facility] = relationship()


class LoginAttempt(Base):
    """Every login try, kept to slow down guessing and to audit who tried what."""

    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_username_at", "username", "at"),
                      Index("ix_login_attempts_address_at", "address", "at"))
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]
    ok: Mapped[bool] = mapped_column(Boolean)


class SecurityEvent(Base):
    """Something an admin should see: an account locked account-wide by many failed
    logins, a booking cancelled by staff on its owner's KTP, and the like."""

    __tablename__ = "security_events"
    __table_args__ = (Index("ix_security_events_at", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(80))
    address: Mapped[str] = mapped_column(String(64), default="", server_default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default="{}")


class BookingHold(Base):
    """A booking's place held until the phone proves itself with a one-time code: the
    ticket is `held` until confirmed (then `booked`) or until `expires_at` passes."""

    __tablename__ = "booking_holds"
    __table_args__ = (Index("ix_booking_holds_expires_at", "expires_at"),)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), primary_key=True)
    otp_hash: Mapped[str] = mapped_column(String(255))
    expires_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    confirmed_at: Mapped[datetime | None] = mapped_column(nullable=True)


class IdempotencyKey(Base):
    """A client's Idempotency-Key: the same request again returns the same answer.

    Each is stored with a prefix saying who may use it (`booking:…`, `kiosk:{device id}:…`,
    `walk-in:staff:{user id}:…`, `counter:{counter id}:…`), so two clients' keys never
    meet."""

    __tablename__ = "idempotency_keys"
    key: Mapped[str] = mapped_column(String(160), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    visit_code: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]
    # The reply first given, for actions whose answer is not simply the visit (counters).
    response: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class Notification(Base):
    """A message for a patient's or citizen's phone (through the configured webhook):
    one of a ticket's (sent once per kind) or of an e-service case (`case_id`)."""

    __tablename__ = "notifications"
    __table_args__ = (UniqueConstraint("ticket_id", "kind"),
                      Index("ix_notifications_due", "status", "next_attempt_at"))
    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"), nullable=True)
    facility_id: Mapped[int | None] = mapped_column(ForeignKey("facilities.id"), nullable=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), nullable=True)
    kind: Mapped[str] = mapped_column(String(30))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    last_error: Mapped[str | None] = mapped_column(String(300), nullable=True)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None] = mapped_column(nullable=True)
