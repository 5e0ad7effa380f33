"""The shapes use cases read from the repositories, as protocols: what they read and what
they change, nothing about how a row is stored.

The SQL side answers with ORM rows (persistence/models.py), the busiest paths with the
plain records of services/catalogue.py, the unit tests with tests/unit/fakes.py; each has
these attributes. A read-only property here is one no use case writes (so a record may
hold a narrower type); a plain attribute is one a use case sets.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Protocol

from ..domain.hours import Hours


class FacilityRow(Protocol):
    """A facility as the catalogue knows it (enough for tickets, calendars, payloads)."""

    @property
    def id(self) -> int: ...
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def timezone(self) -> str: ...
    @property
    def closed_dates(self) -> Mapping[str, str] | None: ...
    @property
    def joint_leave_closes(self) -> bool: ...


class FacilityFull(FacilityRow, Protocol):
    """A facility's stored row: also the boards' running text and event counter."""

    running_text: str

    @property
    def event_seq(self) -> int: ...
    @property
    def epoch(self) -> str: ...


class ServiceRow(Protocol):
    """A service with its facility, hours, limits and calendar settings."""

    @property
    def id(self) -> int: ...
    @property
    def facility_id(self) -> int: ...
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def prefix(self) -> str: ...
    @property
    def hours(self) -> Hours: ...
    @property
    def booking_quota(self) -> int: ...
    @property
    def jkn_quota(self) -> int | None: ...
    @property
    def walkin_limit(self) -> int | None: ...
    @property
    def avg_minutes(self) -> float: ...
    @property
    def active(self) -> bool: ...
    @property
    def facility(self) -> FacilityRow: ...
    @property
    def closed_dates(self) -> Mapping[str, str] | None: ...
    @property
    def open_on_holidays(self) -> bool: ...
    @property
    def booking_cutoff(self) -> str | None: ...


class StoredService(ServiceRow, Protocol):
    """A service read back from storage, with its facility's full row."""

    @property
    def facility(self) -> FacilityFull: ...


class CounterLinkRow(Protocol):
    """One service a counter calls, with its rank (lower calls first)."""

    @property
    def service_id(self) -> int: ...
    @property
    def rank(self) -> int: ...
    @property
    def service(self) -> ServiceRow: ...


class CounterRow(Protocol):
    """A counter (desk, room) with the services it calls."""

    paused: bool

    @property
    def id(self) -> int: ...
    @property
    def facility_id(self) -> int: ...
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def active(self) -> bool: ...
    @property
    def position(self) -> int:
        """Its place in the facility's list (the voice calls "loket <position + 1>")."""
    @property
    def facility(self) -> FacilityFull: ...
    @property
    def links(self) -> Sequence[CounterLinkRow]: ...


class VisitFacts(Protocol):
    """A visit as views and events read it: one read back from storage (VisitRow) or one
    just written (services/records.py VisitRecord); its tickets oldest first."""

    @property
    def id(self) -> int: ...
    @property
    def code(self) -> str: ...
    @property
    def priority(self) -> str: ...
    @property
    def nik(self) -> str | None: ...
    @property
    def name(self) -> str | None: ...
    @property
    def phone(self) -> str | None: ...
    @property
    def bpjs_number(self) -> str | None: ...
    @property
    def tickets(self) -> Sequence[TicketFacts]: ...


class VisitRow(VisitFacts, Protocol):
    """One patient's visit: its code, identity (may be empty) and tickets, oldest first."""

    priority: str

    @property
    def tickets(self) -> Sequence[TicketRow]: ...


class StoredVisit(VisitRow, Protocol):
    """A visit read back from storage: also its facility, and tickets a use case moves."""

    @property
    def facility_id(self) -> int: ...
    @property
    def tickets(self) -> Sequence[StoredTicket]: ...


class TicketFacts(Protocol):
    """A numbered ticket as views and events read it: a stored one (TicketRow) or one just
    issued (services/records.py TicketRecord, which nobody changes)."""

    @property
    def id(self) -> int: ...
    @property
    def facility_id(self) -> int: ...
    @property
    def service_id(self) -> int: ...
    @property
    def day(self) -> date: ...
    @property
    def seq(self) -> int: ...
    @property
    def number(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def priority(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def issued_at(self) -> datetime: ...
    @property
    def waiting_since(self) -> datetime | None: ...
    @property
    def queue_key(self) -> datetime | None: ...
    @property
    def called_at(self) -> datetime | None: ...
    @property
    def recalls(self) -> int: ...
    @property
    def visit(self) -> VisitFacts: ...
    @property
    def service(self) -> ServiceRow: ...
    @property
    def counter(self) -> CounterRow | None: ...


class TicketRow(TicketFacts, Protocol):
    """A numbered ticket: what views and events read, and what use cases move on."""

    status: str
    priority: str
    waiting_since: datetime | None
    queue_key: datetime | None
    called_at: datetime | None
    recalls: int

    @property
    def visit(self) -> VisitRow: ...


class StoredTicket(TicketRow, Protocol):
    """A ticket read back from storage: the fields counters and day closes set too.

    Calls and requeues also set `counter` (to the counter they act at, or None), but it
    stays read-only here: a settable member must have one exact type, and each side
    gives its own (the ORM's `Counter`, the fakes' counter), which a protocol cannot
    name. Those two assignments carry `type: ignore[misc]`."""

    started_at: datetime | None
    finished_at: datetime | None
    next_ticket_id: int | None

    @property
    def counter_id(self) -> int | None: ...
    @property
    def service(self) -> StoredService: ...


class TicketEventRow(Protocol):
    """A ticket's history row (a call's keeps the live event's `seq`)."""

    seq: int | None

    @property
    def kind(self) -> str: ...
    @property
    def at(self) -> datetime: ...
    @property
    def counter_id(self) -> int | None: ...
