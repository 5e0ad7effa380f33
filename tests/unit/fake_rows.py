"""In-memory rows for the fake unit of work: the attributes the use cases read and set
(services/port_rows.py), as plain dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(eq=False)
class FakeFacility:
    id: int
    code: str
    name: str
    timezone: str = "Asia/Jakarta"
    running_text: str = ""
    event_seq: int = 0
    epoch: str = "fake-epoch"
    closed_dates: dict[str, str] = field(default_factory=dict)
    joint_leave_closes: bool = True


@dataclass(eq=False)
class FakeService:
    id: int
    facility: FakeFacility
    code: str
    name: str
    prefix: str
    hours: dict[str, Any]
    booking_quota: int = 10
    walkin_limit: int | None = None
    avg_minutes: float = 5.0
    active: bool = True
    closed_dates: dict[str, str] = field(default_factory=dict)
    open_on_holidays: bool = False
    booking_cutoff: str | None = None
    shown_on_boards: bool = True
    jkn_quota: int | None = None

    @property
    def facility_id(self) -> int:
        return self.facility.id


@dataclass(eq=False)
class FakeLink:
    service: FakeService
    rank: int = 0

    @property
    def service_id(self) -> int:
        return self.service.id


@dataclass(eq=False)
class FakeCounter:
    id: int
    facility: FakeFacility
    code: str
    name: str
    links: list[FakeLink] = field(default_factory=list)
    paused: bool = False
    active: bool = True
    position: int = 0

    @property
    def facility_id(self) -> int:
        return self.facility.id


@dataclass(eq=False)
class FakeVisit:
    id: int
    facility_id: int
    code: str
    day: date
    channel: str
    priority: str
    created_at: datetime
    nik: str | None = None
    name: str | None = None
    phone: str | None = None
    bpjs_number: str | None = None
    tickets: list[FakeTicket] = field(default_factory=list)


@dataclass(eq=False)
class FakeTicket:
    id: int
    visit: FakeVisit
    service: FakeService
    day: date
    seq: int
    number: str
    priority: str
    status: str
    source: str
    issued_at: datetime
    waiting_since: datetime | None = None
    queue_key: datetime | None = None
    version: int = 1
    counter: FakeCounter | None = None
    called_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    recalls: int = 0
    next_ticket_id: int | None = None

    @property
    def facility_id(self) -> int:
        return self.service.facility.id

    @property
    def service_id(self) -> int:
        return self.service.id

    @property
    def counter_id(self) -> int | None:
        return self.counter.id if self.counter is not None else None


@dataclass(eq=False)
class FakeEvent:
    """A ticket's history row."""

    ticket_id: int
    facility_id: int
    kind: str
    at: datetime
    actor: str
    counter_id: int | None = None
    data: dict[str, Any] = field(default_factory=dict)
    seq: int | None = None


@dataclass(frozen=True)
class FakeKey:
    fingerprint: str
    visit_code: str
    response: dict[str, Any] | None


@dataclass(frozen=True)
class FakeBookingDay:
    booked: int
    mine: int
    ahead: int
    jkn_booked: int = 0
    active: int = 0
    expired_holds: int = 0
