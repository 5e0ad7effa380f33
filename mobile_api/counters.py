"""Counter routes: staff call the next patient (or a given number), move the current one
on, change a ticket's priority, pause the counter.

Every action takes an optional `expected_current` (what the console shows) and an optional
`Idempotency-Key` header; both are checked under the counter's lock."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from marshmallow import Schema

from queue_server.domain.counters import SeenCurrent
from queue_server.runtime import current
from queue_server.services import console, counter_actions
from queue_server.services.counter_guard import Guard

from .auth import principal
from .blueprint import Blueprint
from .counter_schemas import (
    CallNumberIn,
    ConsoleOut,
    CounterActionIn,
    CounterKeyHeader,
    FinishIn,
    PriorityIn,
    RequeueIn,
    TransferIn,
)
from .schemas import CounterOut, FacilityQuery, TicketOut

blp = Blueprint("counters", __name__, url_prefix="/api/v1/counters",
                description="Staff actions at a counter (loket or poli room)")
SECURITY: list[dict[str, list[str]]] = [{"bearer": []}]
GUARDED = """

Body `expected_current` (optional): the number the console shows as current, or null;
when the counter's ticket differs: 409 `stale_view` with `error.counter`, nothing
changes. Header `Idempotency-Key` (optional): the same key and body again return the
first reply (200); another body with it is 409 `idempotency_key_reused`."""
Body = dict[str, Any]
# A command's view: (body, Idempotency-Key header, ?facility=, counter code) -> the reply
View = Callable[[Body, Body, Body, str], Body]


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


def _command(body: Schema, reply: Schema, text: str) -> Callable[[View], View]:
    """Document and parse a command's route alike: `text` (summary, blank line,
    description) and the GUARDED paragraph as its OpenAPI text, staff security, a 200 of
    `reply`; the view gets the `body`, the Idempotency-Key header, ?facility= and the
    counter code, in that order."""
    def decorate(view: View) -> View:
        view.__doc__ = text + GUARDED
        decorated = blp.doc(security=SECURITY)(view)
        decorated = blp.response(200, reply)(decorated)
        decorated = blp.arguments(FacilityQuery(), location="query")(decorated)
        decorated = blp.arguments(CounterKeyHeader(), location="headers")(decorated)
        return blp.arguments(body)(decorated)
    return decorate


def _guard(body: Body, headers: Body) -> Guard:
    """What the console saw (`expected_current`, when sent) and the Idempotency-Key."""
    seen = SeenCurrent(body["expected_current"]) if "expected_current" in body else None
    return Guard(seen, headers.get("key"))


@blp.post("/<counter>/call-next")
@_command(CounterActionIn(), TicketOut(),
          "Call the next waiting patient (finishing whoever the counter still holds).\n\n"
          "404 `queue_empty` when nobody waits; 409 `counter_paused` while paused.")
def call_next(body: Body, headers: Body, query: Body, counter: str) -> Body:
    rt = current()
    return counter_actions.call_next(rt.uow(), rt.clock, principal(), counter,
                                     query.get("facility"), rt.notify_at,
                                     guard=_guard(body, headers))


@blp.post("/<counter>/recall")
@_command(CounterActionIn(), TicketOut(), "Announce the current patient again.")
def recall(body: Body, headers: Body, query: Body, counter: str) -> Body:
    rt = current()
    return counter_actions.recall(rt.uow(), rt.clock, principal(), counter,
                                  query.get("facility"), guard=_guard(body, headers))


@blp.post("/<counter>/start")
@_command(CounterActionIn(), TicketOut(), "The called patient has arrived: service starts.")
def start(body: Body, headers: Body, query: Body, counter: str) -> Body:
    rt = current()
    return counter_actions.start(rt.uow(), rt.clock, principal(), counter,
                                 query.get("facility"), guard=_guard(body, headers))


@blp.post("/<counter>/skip")
@_command(CounterActionIn(), TicketOut(), "The called patient did not come: mark as no-show.")
def skip(body: Body, headers: Body, query: Body, counter: str) -> Body:
    rt = current()
    return counter_actions.skip(rt.uow(), rt.clock, principal(), counter,
                                query.get("facility"), guard=_guard(body, headers))


@blp.post("/<counter>/finish")
@_command(FinishIn(), TicketOut(),
          "Finish the current patient; with `transfer_to` send them on to that service's "
          "queue (what `/transfer` does; kept for clients written before it).")
def finish(body: Body, headers: Body, query: Body, counter: str) -> Body:
    if body.get("transfer_to"):
        return _transfer(body, headers, query, counter)
    rt = current()
    return counter_actions.finish(rt.uow(), rt.clock, principal(), counter,
                                  query.get("facility"), guard=_guard(body, headers))


@blp.post("/<counter>/transfer")
@_command(TransferIn(), TicketOut(),
          "Finish the current patient and send them on to the queue of `transfer_to` "
          "(a new ticket there, in the reply's `transferred_to`).\n\n"
          "404 `service_not_found`, 422 `invalid_transfer` (its own service), 409 "
          "`no_current_ticket`.")
def transfer(body: Body, headers: Body, query: Body, counter: str) -> Body:
    return _transfer(body, headers, query, counter)


def _transfer(body: Body, headers: Body, query: Body, counter: str) -> Body:
    rt = current()
    return counter_actions.transfer(rt.uow(), rt.clock, principal(), counter,
                                    body["transfer_to"], query.get("facility"),
                                    guard=_guard(body, headers))


@blp.post("/<counter>/requeue")
@_command(RequeueIn(), TicketOut(),
          "Put a patient back in the queue: the one being called, or a no-show by `number`.")
def requeue(body: Body, headers: Body, query: Body, counter: str) -> Body:
    rt = current()
    return counter_actions.requeue(rt.uow(), rt.clock, principal(), counter,
                                   body.get("number"), query.get("facility"),
                                   guard=_guard(body, headers))


@blp.post("/<counter>/pause")
@_command(CounterActionIn(), CounterOut(),
          "Pause the counter: call-next is refused until it resumes.")
def pause(body: Body, headers: Body, query: Body, counter: str) -> Body:
    rt = current()
    return counter_actions.pause(rt.uow(), rt.clock, principal(), counter,
                                 query.get("facility"), guard=_guard(body, headers))


@blp.post("/<counter>/resume")
@_command(CounterActionIn(), CounterOut(), "Resume a paused counter.")
def resume(body: Body, headers: Body, query: Body, counter: str) -> Body:
    rt = current()
    return counter_actions.resume(rt.uow(), rt.clock, principal(), counter,
                                  query.get("facility"), guard=_guard(body, headers))


@blp.post("/<counter>/call-number")
@_command(CallNumberIn(), TicketOut(),
          "Call a given waiting number of the counter's services to this counter.\n\n"
          "Finishes whoever the counter still holds, as call-next does. 422 `invalid_number`, "
          "404 `ticket_not_found`, 409 `invalid_transition` (called elsewhere, done …), "
          "409 `counter_paused`.")
def call_number(body: Body, headers: Body, query: Body, counter: str) -> Body:
    rt = current()
    return counter_actions.call_number(rt.uow(), rt.clock, principal(), counter,
                                       body["number"], query.get("facility"), rt.notify_at,
                                       guard=_guard(body, headers))


@blp.post("/<counter>/priority")
@_command(PriorityIn(), TicketOut(),
          "Change a ticket's priority class, recorded with who and why.\n\n"
          "A waiting ticket takes its new place in line at once; the history gets a "
          "`priority_changed` row (actor, from, to, reason). 422 `invalid_number`, "
          "`invalid_priority`, `reason_required`; 404 `ticket_not_found`; 409 "
          "`ticket_closed`, `priority_unchanged`.")
def priority(body: Body, headers: Body, query: Body, counter: str) -> Body:
    rt = current()
    return counter_actions.change_priority(rt.uow(), rt.clock, principal(), counter,
                                           body["number"], body["priority"], body["reason"],
                                           query.get("facility"), guard=_guard(body, headers))
