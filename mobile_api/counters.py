"""Counter routes: staff call the next patient and move the current one on."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint

from queue_server.domain.tickets import Action
from queue_server.runtime import current
from queue_server.services import console, counter_actions

from .auth import principal
from .schemas import ConsoleOut, CounterOut, FacilityQuery, FinishIn, RequeueIn, TicketOut

blp = Blueprint("counters", __name__, url_prefix="/api/v1/counters",
                description="Staff actions at a counter (loket or poli room)")
SECURITY = [{"bearer": []}]


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


@blp.post("/<counter>/call-next")
@blp.arguments(FacilityQuery(), location="query")
@blp.response(200, TicketOut)
@blp.doc(security=SECURITY)
def call_next(query: dict[str, Any], counter: str) -> dict[str, Any]:
    """Call the next waiting patient (finishing whoever the counter still holds).

    404 `queue_empty` when nobody waits; 409 `counter_paused` while paused.
    """
    rt = current()
    return counter_actions.call_next(rt.uow(), rt.clock, principal(), counter,
                                     query.get("facility"), rt.notify_at)


def _simple(action: Action, summary: str) -> None:
    def view(query: dict[str, Any], counter: str) -> dict[str, Any]:
        rt = current()
        return counter_actions.counter_action(rt.uow(), rt.clock, principal(), counter,
                                              action, query.get("facility"))

    view.__name__ = action.value
    view.__doc__ = summary
    path = f"/<counter>/{action.value}"
    blp.post(path)(blp.arguments(FacilityQuery(), location="query")(
        blp.response(200, TicketOut)(blp.doc(security=SECURITY)(view))))


_simple(Action.RECALL, "Announce the current patient again.")
_simple(Action.START, "The called patient has arrived: service starts.")
_simple(Action.SKIP, "The called patient did not come: mark as no-show.")


@blp.post("/<counter>/finish")
@blp.arguments(FinishIn())
@blp.arguments(FacilityQuery(), location="query")
@blp.response(200, TicketOut)
@blp.doc(security=SECURITY)
def finish(body: dict[str, Any], query: dict[str, Any], counter: str) -> dict[str, Any]:
    """Finish the current patient; with `transfer_to` send them on to that service's queue."""
    rt = current()
    return counter_actions.counter_action(rt.uow(), rt.clock, principal(), counter, Action.FINISH,
                                query.get("facility"), transfer_to=body.get("transfer_to"))


@blp.post("/<counter>/requeue")
@blp.arguments(RequeueIn())
@blp.arguments(FacilityQuery(), location="query")
@blp.response(200, TicketOut)
@blp.doc(security=SECURITY)
def requeue(body: dict[str, Any], query: dict[str, Any], counter: str) -> dict[str, Any]:
    """Put a patient back in the queue: the one being called, or a no-show by `number`."""
    rt = current()
    return counter_actions.counter_action(rt.uow(), rt.clock, principal(), counter, Action.REQUEUE,
                                query.get("facility"), number=body.get("number"))


def _pause_route(paused: bool, summary: str) -> None:
    def view(query: dict[str, Any], counter: str) -> dict[str, Any]:
        rt = current()
        return counter_actions.set_paused(rt.uow(), rt.clock, principal(), counter, paused,
                                query.get("facility"))

    view.__name__ = "pause" if paused else "resume"
    view.__doc__ = summary
    blp.post(f"/<counter>/{view.__name__}")(blp.arguments(FacilityQuery(), location="query")(
        blp.response(200, CounterOut)(blp.doc(security=SECURITY)(view))))


_pause_route(True, "Pause the counter: call-next is refused until it resumes.")
_pause_route(False, "Resume a paused counter.")
