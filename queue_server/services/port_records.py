"""The shapes of the rows besides the queue's (devices, staff, logins, holds, messages,
keys, security events) and of the figures some queries answer with, as protocols.

See services/port_rows.py: a read-only property is one no use case writes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol

from ..domain.hours import Hours
from .port_rows import FacilityRow


class DeviceKey(Protocol):
    """What a device token's check needs of its device: who, where, and the token."""

    @property
    def id(self) -> int: ...
    @property
    def facility_id(self) -> int: ...
    @property
    def code(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def active(self) -> bool: ...
    @property
    def token_hash(self) -> str: ...


class DeviceRow(DeviceKey, Protocol):
    """A kiosk or display with its token's hash and its last report."""

    status: dict[str, object]
    last_seen_at: datetime | None

    @property
    def name(self) -> str: ...
    @property
    def facility(self) -> FacilityRow: ...


class UserRow(Protocol):
    """A staff login (admin or operator), bound to a facility unless admin."""

    @property
    def id(self) -> int: ...
    @property
    def username(self) -> str: ...
    @property
    def password_hash(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def facility_id(self) -> int | None: ...
    @property
    def active(self) -> bool: ...


class TokenRow(Protocol):
    """A staff login's bearer token (its hash is stored, never the token)."""

    @property
    def id(self) -> int: ...
    @property
    def expires_at(self) -> datetime: ...
    @property
    def revoked(self) -> bool: ...
    @property
    def user(self) -> UserRow: ...


class HoldRow(Protocol):
    """A phone booking held for its one-time code."""

    attempts: int
    confirmed_at: datetime | None

    @property
    def ticket_id(self) -> int: ...
    @property
    def otp_hash(self) -> str: ...
    @property
    def expires_at(self) -> datetime: ...


class NotificationRow(Protocol):
    """A message to a patient's or citizen's phone, with its delivery state."""

    payload: dict[str, object]
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    sent_at: datetime | None

    @property
    def id(self) -> int: ...
    @property
    def ticket_id(self) -> int | None:
        """The ticket it is about (None for an e-service case's message: `case_id`)."""
    @property
    def kind(self) -> str: ...


class KeyRow(Protocol):
    """An Idempotency-Key as stored: the request's fingerprint and its first reply."""

    @property
    def fingerprint(self) -> str: ...
    @property
    def visit_code(self) -> str: ...
    @property
    def response(self) -> dict[str, object] | None: ...


class SecurityEventRow(Protocol):
    @property
    def at(self) -> datetime: ...
    @property
    def kind(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def address(self) -> str: ...
    @property
    def detail(self) -> dict[str, object]: ...


class BookingDay(Protocol):
    """A service's booked day for one NIK: places taken (`booked`; `jkn_booked` of them by
    bookings with a BPJS card number), the NIK's own active bookings there (`mine`), and
    patients booked or waiting (`ahead`), the NIK's active bookings that day anywhere
    (`active`) and the day's holds past their time (`expired_holds`)."""

    @property
    def booked(self) -> int: ...
    @property
    def jkn_booked(self) -> int: ...
    @property
    def mine(self) -> int: ...
    @property
    def ahead(self) -> int: ...
    @property
    def active(self) -> int:
        """The NIK's active bookings that day, at any facility and service."""
    @property
    def expired_holds(self) -> int:
        """Holds of the day whose time is up (0 when counted without a time)."""


class ActiveBooking(Protocol):
    """One of a patient's open bookings, as "my bookings" lists it."""

    @property
    def number(self) -> str: ...
    @property
    def day(self) -> date: ...
    @property
    def code(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def facility_code(self) -> str: ...
    @property
    def facility_name(self) -> str: ...
    @property
    def service_code(self) -> str: ...
    @property
    def service_name(self) -> str: ...
    @property
    def timezone(self) -> str: ...


class ServiceDayRow(Protocol):
    """A service's day with numbers issued and no close yet (the end-of-day close)."""

    @property
    def service_id(self) -> int: ...
    @property
    def day(self) -> date: ...
    @property
    def facility(self) -> str: ...
    @property
    def service(self) -> str: ...
    @property
    def hours(self) -> Hours: ...
    @property
    def timezone(self) -> str: ...
