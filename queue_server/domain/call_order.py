"""The call order: which waiting ticket a counter calls first.

One rule, read by call-next, by the console's waiting list and by "people ahead":

1. the counter's own services before those it only helps (the link's `rank`: 0 is its
   own service, higher ranks are called only when the lower ones are empty);
2. then the earliest `queue_key` (the moment the ticket counts as having joined: its
   waiting start minus its priority's head start, domain/priority.py), so priority
   patients go ahead by their head start and everyone else by waited time;
3. then the earlier queue day (a 24-hour service's number from before midnight first);
4. then the lower number of that day (`seq`);
5. and, for two services' tickets tied on all of that (same rank, same moment, same day
   and number), the service's id, so the order is total and the same on every database
   (before issue 14 the database broke that tie as it liked: SQLite and PostgreSQL
   differed).

`CALL_ORDER` names these fields in order; the SQL that picks and lists waiting tickets
(persistence/repositories/call_order.py) builds its ORDER BY from it, and an integration
test checks that the database's order equals `in_call_order`'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Protocol, TypeVar

# The sort key's fields, most significant first.
CALL_ORDER: tuple[str, ...] = ("rank", "queue_key", "day", "seq", "service_id")
# The rank of a service the counter does not serve (never selected: the queries filter
# on the counter's services).
UNRANKED = 99


class Waiting(Protocol):
    """What the order reads of a waiting ticket."""

    @property
    def service_id(self) -> int: ...
    @property
    def queue_key(self) -> datetime | None: ...
    @property
    def day(self) -> date: ...
    @property
    def seq(self) -> int: ...


W = TypeVar("W", bound=Waiting)
CallKey = tuple[int, datetime, date, int, int]


def ranks_matter(ranks: Mapping[int, int]) -> bool:
    """Whether the ranks can change the order: only if the counter's services differ in
    rank (with one rank for all, the rank part of the key is the same for every ticket)."""
    return len(set(ranks.values())) > 1


def call_key(ticket: Waiting, ranks: Mapping[int, int]) -> CallKey:
    """The ticket's place in the call order at a counter whose services have `ranks`
    (service id → rank); smaller is called first. Raises ValueError for a ticket with no
    `queue_key` (it does not wait)."""
    if ticket.queue_key is None:
        raise ValueError(f"ticket {ticket.service_id}/{ticket.day}/{ticket.seq} does not wait")
    rank = ranks.get(ticket.service_id, UNRANKED) if ranks_matter(ranks) else 0
    return (rank, ticket.queue_key, ticket.day, ticket.seq, ticket.service_id)


def in_call_order(tickets: Iterable[W], ranks: Mapping[int, int]) -> list[W]:
    """`tickets` (all waiting) in the order a counter with `ranks` calls them."""
    return sorted(tickets, key=lambda ticket: call_key(ticket, ranks))


def is_ahead(other: Waiting, ticket: Waiting) -> bool:
    """Whether `other` is called before `ticket` in their service's queue (both of one
    service, so ranks and the service's id play no part)."""
    return call_key(other, {}) < call_key(ticket, {})
