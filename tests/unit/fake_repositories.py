"""In-memory repositories of the fake unit of work (tests/unit/fakes.py): the methods of
services/port_queue.py the queue's use cases call, over plain lists."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from queue_server.domain.call_order import in_call_order, is_ahead
from queue_server.services.port_queue import KEEP_COUNTER as _KEEP

from .fake_rows import (
    FakeBookingDay,
    FakeCounter,
    FakeEvent,
    FakeFacility,
    FakeKey,
    FakeService,
    FakeTicket,
    FakeVisit,
)

ACTIVE_BOOKING = ("held", "booked", "waiting", "called", "serving")


def _on_days(ticket: FakeTicket, days: Sequence[date] | Mapping[int, Sequence[date]]) -> bool:
    if isinstance(days, Mapping):
        return ticket.day in days.get(ticket.service_id, ())
    return ticket.day in days


class FakeDirectory:
    def __init__(self) -> None:
        self.facilities_: list[FakeFacility] = []
        self.services_: list[FakeService] = []
        self.counters_: list[FakeCounter] = []
        self.locked: list[int] = []

    def facilities(self) -> list[FakeFacility]:
        return list(self.facilities_)

    def facility(self, code: str) -> FakeFacility | None:
        return next((f for f in self.facilities_ if f.code == code), None)

    def find_facility(self, facility_id: int) -> FakeFacility | None:
        return next((f for f in self.facilities_ if f.id == facility_id), None)

    def facility_by_id(self, facility_id: int) -> FakeFacility:
        found = self.find_facility(facility_id)
        assert found is not None
        return found

    def services(self, facility_id: int, active_only: bool = True,
                 on_boards: bool = False) -> list[FakeService]:
        return [s for s in self.services_ if s.facility_id == facility_id
                and (s.active or not active_only)
                and (s.shown_on_boards or not on_boards)]

    def service(self, facility_id: int, code: str) -> FakeService | None:
        return next((s for s in self.services_ if s.facility_id == facility_id
                     and s.code == code), None)

    def counters(self, facility_id: int) -> list[FakeCounter]:
        return [c for c in self.counters_ if c.facility_id == facility_id and c.active]

    def counters_with_code(self, code: str) -> list[FakeCounter]:
        return [c for c in self.counters_ if c.code == code and c.active]

    def counter(self, facility_id: int, code: str) -> FakeCounter | None:
        return next((c for c in self.counters(facility_id) if c.code == code), None)

    def lock_counter(self, counter: FakeCounter) -> None:
        self.locked.append(counter.id)

    def open_counters(self, service_id: int) -> int:
        return sum(1 for c in self.counters_ if c.active and not c.paused
                   and any(link.service_id == service_id for link in c.links))


class FakeTickets:
    def __init__(self, directory: FakeDirectory) -> None:
        self._directory = directory
        self.visits: list[FakeVisit] = []
        self.rows: list[FakeTicket] = []
        self.events: list[FakeEvent] = []
        self.last_seq: dict[tuple[int, date], int] = {}

    def next_seq(self, service_id: int, day: date, *, joins: bool,
                 lock: str | None = None) -> int:
        key = (service_id, day)
        self.last_seq[key] = self.last_seq.get(key, 0) + 1
        return self.last_seq[key]

    def next_seq_and_waiting(self, service_id: int, day: date, *,
                             joins: bool) -> tuple[int, int]:
        waiting = self.waiting_count(service_id, [day])
        return self.next_seq(service_id, day, joins=joins), waiting + (1 if joins else 0)

    def adjust_waiting(self, service_id: int, day: date, delta: int) -> None:
        """The SQL side keeps a count; here counts are worked out from the rows."""

    def write(self, ticket: Any, values: Mapping[str, object],
              counter: Any = _KEEP) -> None:
        """The values set on the row object and its version bumped (the SQL side checks
        the version first)."""
        for name, value in values.items():
            setattr(ticket, name, value)
        if counter is not _KEEP:
            ticket.counter = counter
        ticket.version += 1

    def _service(self, service_id: int) -> FakeService:
        return next(s for s in self._directory.services_ if s.id == service_id)

    def insert_issued(self, visit: dict[str, Any], ticket: dict[str, Any],
                      event: dict[str, Any]) -> tuple[int, int]:
        row = FakeVisit(id=len(self.visits) + 1, **visit)
        self.visits.append(row)
        made = self.add_ticket(visit=row, service=self._service(ticket["service_id"]),
                               **ticket)
        self.add_event(ticket_id=made.id, **event)
        return row.id, made.id

    def insert_event(self, **fields: Any) -> None:
        self.add_event(**fields)

    def add_ticket(self, *, visit: FakeVisit, service: FakeService,
                   **fields: Any) -> FakeTicket:
        fields = {k: v for k, v in fields.items() if k not in ("facility_id", "service_id")}
        ticket = FakeTicket(id=len(self.rows) + 1, visit=visit, service=service, **fields)
        self.rows.append(ticket)
        visit.tickets.append(ticket)
        return ticket

    def add_event(self, **fields: Any) -> FakeEvent:
        event = FakeEvent(**fields)
        self.events.append(event)
        return event

    def visit_by_code(self, code: str) -> FakeVisit | None:
        return next((v for v in self.visits if v.code == code), None)

    def _waiting(self, service_ids: Iterable[int], days: Any) -> list[FakeTicket]:
        ids = set(service_ids)
        return [t for t in self.rows if t.status == "waiting" and t.service_id in ids
                and _on_days(t, days)]

    def waiting_list(self, ranks: dict[int, int], days: Any,
                     limit: int = 100) -> list[FakeTicket]:
        return in_call_order(self._waiting(ranks, days), ranks)[:limit]

    def next_waiting(self, ranks: dict[int, int], days: Any, lock: bool) -> FakeTicket | None:
        found = self.waiting_list(ranks, days, limit=1)
        return found[0] if found else None

    def ticket_by_number(self, service_ids: Sequence[int], days: Any, number: str,
                         lock: bool) -> FakeTicket | None:
        found = [t for t in self.rows if t.service_id in service_ids and _on_days(t, days)
                 and t.number == number]
        found.sort(key=lambda t: (t.status != "waiting", -t.day.toordinal()))
        return found[0] if found else None

    def current_at(self, counter_id: int) -> FakeTicket | None:
        held = [t for t in self.rows if t.counter_id == counter_id
                and t.status in ("called", "serving")]
        return held[-1] if held else None

    def no_show(self, service_ids: Sequence[int], days: Any, number: str | None,
                counter_id: int) -> FakeTicket | None:
        found = [t for t in self.rows if t.status == "no_show" and t.service_id in service_ids
                 and _on_days(t, days) and (t.number == number if number
                                            else t.counter_id == counter_id)]
        return max(found, key=lambda t: t.finished_at or t.issued_at) if found else None

    def people_ahead(self, ticket: FakeTicket, days: Sequence[date]) -> int:
        if ticket.status != "waiting":
            return 0
        return sum(1 for t in self._waiting([ticket.service_id], days)
                   if t is not ticket and is_ahead(t, ticket))

    def waiting_count(self, service_id: int, days: Sequence[date]) -> int:
        return len(self._waiting([service_id], days))

    def waiting_counts(self, facility_id: int, days: Any,
                       service_ids: Sequence[int] | None = None) -> dict[int, int]:
        ids = service_ids or [s.id for s in self._directory.services(facility_id)]
        return {i: len(self._waiting([i], days)) for i in ids}

    def count_issued(self, service_id: int, day: date, source: str) -> int:
        return sum(1 for t in self.rows if t.service_id == service_id and t.day == day
                   and t.source == source)

    def recent_service_minutes(self, service_id: int, since: datetime,
                               limit: int = 20) -> list[float]:
        return []

    def booked_on(self, service_id: int, day: date) -> list[FakeTicket]:
        return [t for t in self.rows if t.service_id == service_id and t.day == day
                and t.source == "booking" and t.status != "cancelled"]

    def booking_day(self, nik: str, service_id: int, day: date,
                    now: Any = None, jkn_split: bool = True) -> FakeBookingDay:
        same = [t for t in self.rows if t.service_id == service_id and t.day == day]
        return FakeBookingDay(
            booked=len(self.booked_on(service_id, day)),
            jkn_booked=sum(1 for t in self.booked_on(service_id, day) if t.visit.bpjs_number),
            mine=sum(1 for t in self.booked_on(service_id, day)
                     if t.visit.nik == nik and t.status in ACTIVE_BOOKING),
            ahead=sum(1 for t in same if t.status in ("booked", "waiting")),
            active=self.active_bookings_on(nik, day))

    def active_bookings_on(self, nik: str, day: date) -> int:
        return sum(1 for t in self.rows if t.visit.nik == nik and t.day == day
                   and t.source == "booking" and t.status in ACTIVE_BOOKING)

    def ahead_by_number(self, ticket: FakeTicket) -> int:
        return sum(1 for t in self.rows if t.service_id == ticket.service_id
                   and t.day == ticket.day and t.status in ("booked", "waiting")
                   and t.seq < ticket.seq)


class FakeKeys:
    def __init__(self) -> None:
        self.rows: dict[str, FakeKey] = {}

    def find(self, key: str) -> FakeKey | None:
        return self.rows.get(key)

    def remember(self, key: str, fingerprint: str, visit_code: str, at: datetime,
                 response: dict[str, Any] | None = None) -> None:
        self.rows[key] = FakeKey(fingerprint, visit_code, response)


class FakeCallReads:
    """A call-next's reads: in the fakes, the same rows as the directory's and tickets'."""

    def __init__(self, directory: FakeDirectory, tickets: FakeTickets):
        self.directory, self.tickets = directory, tickets

    def counter(self, facility_id: int, code: str) -> FakeCounter | None:
        return self.directory.counter(facility_id, code)

    def lock_counter(self, counter: FakeCounter) -> None:
        self.directory.lock_counter(counter)

    def current_at(self, counter: FakeCounter) -> FakeTicket | None:
        return self.tickets.current_at(counter.id)

    def next_waiting(self, counter: FakeCounter, ranks: dict[int, int], days: Any,
                     lock: bool) -> FakeTicket | None:
        return self.tickets.next_waiting(ranks, days, lock)
