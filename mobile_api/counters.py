"""Counter routes: staff call the next patient (or a given number), move the current one
on, change a ticket's priority, pause the counter.

Every action takes an optional `expected_current` (what the console shows) and an optional
`Idempotency-Key` header; both are checked under the counter's lock."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_smorest import Blueprint
from marshmallow import Schema

from queue_server.domain.counters import SeenCurrent
from queue_server.domain.tickets import Action
from queue_server.runtime import current
from queue_server.services import console, counter_actions, desk
from queue_server.services.counter_guard import Guard

from .auth import principal
from .counter_schemas import (
    CallNumberIn,
    ConsoleOut,
    CounterActionIn,
    CounterKeyHeader,
    FinishIn,
    PriorityIn,
    RequeueIn,
)
from .schemas import CounterOut, FacilityQuery, TicketOut

blp = Blueprint("counters", __name__, url_prefix="/api/v1/counters",
                description="Staff actions at a counter (loket or poli room)")
SECURITY = [{"bearer": []}]
GUARDED = """

Body `expected_current` (optional): the number the console shows as current, or null;
when the counter's ticket differs: 409 `stale_view` with `error.counter`, nothing
changes. Header `Idempotency-Key` (optional): the same key and body again return the
first reply (200); another body with it is 409 `idempotency_key_reused`."""

# (body, counter code, facility code or None, guard) -> the reply
Handler = Callable[[dict[str, Any], str, str | None, Guard], dict[str, Any]]


@blp.get("")
@blp.response(200, CounterOut(many=True))
@blp.doc(security=SECURITY)
def list_counters() -> list[dict[str, Any]]:
    """The counters the caller may work at (an operator: their facility's)."""
    return console.counters(current().uow(write=False), principal())


@blp.get("/<counter>")
@blp.arguments(FacilityQuery(), location="query")
@blp.response(200, ConsoleOut)
@blp.doc(security=SECURITY)
def counter_state(query: dict[str, Any], counter: str) -> dict[str, Any]:
    """The console's view of a counter: current patient, its queue, no-shows, counts."""
    rt = current()
    return console.console(rt.uow(write=False), rt.clock, principal(), counter,
                           query.get("facility"))


def _guard(body: dict[str, Any], headers: dict[str, Any]) -> Guard:
    seen = SeenCurrent(body["expected_current"]) if "expected_current" in body else None
    return Guard(seen, headers.get("key"))


def _route(name: str, body: Schema, reply: Schema, doc: str, handler: Handler) -> None:
    """POST /<counter>/<name>: parse the body, the key and ?facility=, call `handler`."""
    def view(data: dict[str, Any], headers: dict[str, Any], query: dict[str, Any],
             counter: str) -> dict[str, Any]:
        return handler(data, counter, query.get("facility"), _guard(data, headers))

    view.__name__ = name.replace("-", "_")
    view.__doc__ = doc + GUARDED
    decorated = blp.doc(security=SECURITY)(view)
    decorated = blp.response(200, reply)(decorated)
    decorated = blp.arguments(FacilityQuery(), location="query")(decorated)
    decorated = blp.arguments(CounterKeyHeader(), location="headers")(decorated)
    decorated = blp.arguments(body)(decorated)
    blp.post(f"/<counter>/{name}")(decorated)


def _call_next(body: dict[str, Any], counter: str, facility: str | None,
               guard: Guard) -> dict[str, Any]:
    rt = current()
    return counter_actions.call_next(rt.uow(), rt.clock, principal(), counter, facility,
                                     rt.notify_at, guard=guard)


def _action(action: Action) -> Handler:
    def handler(body: dict[str, Any], counter: str, facility: str | None,
                guard: Guard) -> dict[str, Any]:
        rt = current()
        return counter_actions.counter_action(
            rt.uow(), rt.clock, principal(), counter, action, facility,
            transfer_to=body.get("transfer_to"), number=body.get("number"), guard=guard)
    return handler


def _pause(paused: bool) -> Handler:
    def handler(body: dict[str, Any], counter: str, facility: str | None,
                guard: Guard) -> dict[str, Any]:
        rt = current()
        return counter_actions.set_paused(rt.uow(), rt.clock, principal(), counter, paused,
                                          facility, guard=guard)
    return handler


def _call_number(body: dict[str, Any], counter: str, facility: str | None,
                 guard: Guard) -> dict[str, Any]:
    rt = current()
    return desk.call_number(rt.uow(), rt.clock, principal(), counter, body["number"],
                            facility, rt.notify_at, guard=guard)


def _priority(body: dict[str, Any], counter: str, facility: str | None,
              guard: Guard) -> dict[str, Any]:
    rt = current()
    return desk.change_priority(rt.uow(), rt.clock, principal(), counter, body["number"],
                                body["priority"], body["reason"], facility, guard=guard)


_route("call-next", CounterActionIn(), TicketOut(),
       "Call the next waiting patient (finishing whoever the counter still holds).\n\n"
       "404 `queue_empty` when nobody waits; 409 `counter_paused` while paused.", _call_next)
_route("recall", CounterActionIn(), TicketOut(), "Announce the current patient again.",
       _action(Action.RECALL))
_route("start", CounterActionIn(), TicketOut(),
       "The called patient has arrived: service starts.", _action(Action.START))
_route("skip", CounterActionIn(), TicketOut(),
       "The called patient did not come: mark as no-show.", _action(Action.SKIP))
_route("finish", FinishIn(), TicketOut(),
       "Finish the current patient; with `transfer_to` send them on to that service's "
       "queue.", _action(Action.FINISH))
_route("requeue", RequeueIn(), TicketOut(),
       "Put a patient back in the queue: the one being called, or a no-show by `number`.",
       _action(Action.REQUEUE))
_route("pause", CounterActionIn(), CounterOut(),
       "Pause the counter: call-next is refused until it resumes.", _pause(True))
_route("resume", CounterActionIn(), CounterOut(), "Resume a paused counter.", _pause(False))
_route("call-number", CallNumberIn(), TicketOut(),
       "Call a given waiting number of the counter's services to this counter.\n\n"
       "Finishes whoever the counter still holds, as call-next does. 422 `invalid_number`, "
       "404 `ticket_not_found`, 409 `invalid_transition` (called elsewhere, done …), "
       "409 `counter_paused`.", _call_number)
_route("priority", PriorityIn(), TicketOut(),
       "Change a ticket's priority class, recorded with who and why.\n\n"
       "A waiting ticket takes its new place in line at once; the history gets a "
       "`priority_changed` row (actor, from, to, reason). 422 `invalid_number`, "
       "`invalid_priority`, `reason_required`; 404 `ticket_not_found`; 409 "
       "`ticket_closed`, `priority_unchanged`.", _priority)
