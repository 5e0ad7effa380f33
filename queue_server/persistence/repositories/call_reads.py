"""A call-next's reads through Core, as plain values (plain.py): the counter, the ticket it
holds and the next waiting one, with the same locks as the ORM reads they replace."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, select

from ...domain.tickets import ACTIVE_AT_COUNTER
from ..models import Counter, CounterService, Facility, Service, Ticket, Visit
from ..queue_days import QueueDays
from . import call_order
from .base import Repository
from .plain import PlainCounter, PlainTicket, counter_from, prefixed, ticket_from

if TYPE_CHECKING:
    from ...services.port_rows import CounterRow

_counters, _facilities = Counter.__table__, Facility.__table__
_links, _services = CounterService.__table__, Service.__table__
_tickets, _visits = Ticket.__table__, Visit.__table__

_COUNTER = (
    select(*prefixed(_counters, "c_"), *prefixed(_facilities, "f_"),
           _links.c.service_id.label("l_service_id"), _links.c.rank.label("l_rank"),
           *prefixed(_services, "s_"))
    .select_from(
        _counters.join(_facilities, _facilities.c.id == _counters.c.facility_id)
        .outerjoin(_links.join(_services, _services.c.id == _links.c.service_id),
                   _links.c.counter_id == _counters.c.id))
    .where(_counters.c.facility_id == bindparam("facility_id"),
           _counters.c.code == bindparam("code"))
    .order_by(_links.c.rank, _links.c.service_id)
)
_LOCK = (select(_counters.c.name, _counters.c.position, _counters.c.paused,
                _counters.c.active)
         .where(_counters.c.id == bindparam("counter_id")).with_for_update())
_CURRENT = (
    select(*prefixed(_tickets, "t_"), *prefixed(_visits, "v_"))
    .select_from(_tickets.join(_visits, _visits.c.id == _tickets.c.visit_id))
    .where(_tickets.c.counter_id == bindparam("counter_id"),
           _tickets.c.status.in_([str(s) for s in ACTIVE_AT_COUNTER]))
    .order_by(_tickets.c.called_at.desc())
    .limit(1)
)
_VISIT = select(*prefixed(_visits, "v_")).where(_visits.c.id == bindparam("visit_id"))


class CallReads(Repository):
    """The counter, its current ticket and the next one, as plain values (no ORM)."""

    def counter(self, facility_id: int, code: str) -> PlainCounter | None:
        """A facility's counter of this code (active or not) with its facility and the
        services it calls (links by rank), or None."""
        rows = self._core(_COUNTER, facility_id=facility_id, code=code).mappings().all()
        return counter_from(rows)

    def lock_counter(self, counter: CounterRow) -> None:
        """Serialise actions on one counter (`counter` as `counter()` read it); on
        PostgreSQL its row is read again under the lock (FOR UPDATE), so `counter` shows
        what the action before committed."""
        if not isinstance(counter, PlainCounter):
            raise TypeError("lock_counter takes the counter that CallReads.counter read")
        if self.on_postgres:
            row = self._core(_LOCK, counter_id=counter.id).mappings().one()
            counter.name, counter.position = row["name"], row["position"]
            counter.paused, counter.active = row["paused"], row["active"]

    def current_at(self, counter: CounterRow) -> PlainTicket | None:
        """The ticket this counter called or serves (its latest call), or None."""
        row = self._core(_CURRENT, counter_id=counter.id).mappings().first()
        return None if row is None else self._ticket(row, counter)

    def next_waiting(self, counter: CounterRow, ranks: dict[int, int], days: QueueDays,
                     lock: bool) -> PlainTicket | None:
        """The ticket `counter` calls next (the call order of `ranks` over `days`); `lock`:
        held until commit on PostgreSQL (SKIP LOCKED: two counters take two tickets)."""
        locked = lock and self.on_postgres
        statement = call_order.next_waiting_row(ranks, days, locked)
        row = self._core(statement).mappings().first()
        if row is None:
            return None
        if locked:
            visit = self._core(_VISIT, visit_id=row["t_visit_id"]).mappings().one()
            row = {**row, **visit}
        return self._ticket(row, counter)

    def _ticket(self, row: Mapping[str, Any], counter: CounterRow) -> PlainTicket:
        """The ticket of `row`, its service taken from the counter's links (or, for one the
        counter no longer calls, read through the ORM); its `counter` is `counter` when it
        stands there, else None (a waiting ticket's former counter is not read: the call
        sets the new one)."""
        service_id = row["t_service_id"]
        service: Any = next((link.service for link in counter.links
                             if link.service_id == service_id), None)
        if service is None:
            service = self.session.get_one(Service, service_id)
        holder = counter if row["t_counter_id"] == counter.id else None
        return ticket_from(row, service, holder, self._visit_tickets)

    def _visit_tickets(self, visit_id: int) -> Sequence[Any]:
        return self.session.get_one(Visit, visit_id).tickets
