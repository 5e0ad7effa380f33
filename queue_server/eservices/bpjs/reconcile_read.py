"""The reconciliation use case: who may read it, the facility's reported visits of a day
from the outbox, and BPJS's own dashboard through the client when one is configured
(asked after the transaction: the network is never inside one)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from queue_server.domain.lookups import FacilityNotFound
from queue_server.persistence.models import Ticket
from queue_server.services.auth import Principal
from queue_server.services.ports import Clock

from .client import BpjsUnavailable
from .config import service_roles
from .models import BpjsBooking, BpjsCall
from .reconcile import CallFact, VisitFacts, poli_rows, visit_rows


def _facility(uow: Any, principal: Principal, code: str) -> Any:
    """The facility `code` after the reports' access rule (admin and city: any; a
    facility admin: its own). Raises ReportsForbidden, WrongFacility, FacilityNotFound."""
    facility = uow.directory.facility(code)
    if facility is None:
        principal.require_reports_of(None)
        raise FacilityNotFound(code)
    principal.require_reports_of(facility.id)
    return facility


def _numbers(uow: Any, bookings: list[BpjsBooking]) -> dict[int, str]:
    """Each booking's poli ticket number (the visit's first ticket in its poli)."""
    ids = [b.visit_id for b in bookings]
    rows = uow.session.execute(select(Ticket.visit_id, Ticket.service_id, Ticket.number)
                               .where(Ticket.visit_id.in_(ids)).order_by(Ticket.id)).all()
    wanted = {b.visit_id: b.service_id for b in bookings}
    numbers: dict[int, str] = {}
    for visit_id, service_id, number in rows:
        if wanted.get(visit_id) == service_id:
            numbers.setdefault(visit_id, number)
    return numbers


def visit_facts(uow: Any, facility_id: int, day: date) -> list[VisitFacts]:
    """The facility's visits reported for `day` (tanggalperiksa) with their calls."""
    bookings = list(uow.session.scalars(select(BpjsBooking).where(
        BpjsBooking.facility_id == facility_id, BpjsBooking.tanggalperiksa == day)))
    if not bookings:
        return []
    names = {r.kodepoli: r.namapoli for r in service_roles(uow, facility_id).values()}
    numbers = _numbers(uow, bookings)
    facts = {b.visit_id: VisitFacts(b.kodebooking, numbers.get(b.visit_id, ""), b.kodepoli,
                                    names.get(b.kodepoli, b.kodepoli), b.source)
             for b in bookings}
    for call in uow.session.scalars(select(BpjsCall).where(
            BpjsCall.visit_id.in_(list(facts))).order_by(BpjsCall.id)):
        facts[call.visit_id].calls.append(CallFact(
            call.kind, call.taskid, call.waktu_ms, call.status, call.attempts,
            call.last_code, call.last_message))
    return list(facts.values())


def _dashboard(client: Any, day: date) -> tuple[dict[str, dict[str, Any]] | None, str]:
    """BPJS's dashboard of `day` per kodepoli, read on the times we sent ("rs": the
    same clock as ours; "server" would add the sending delay), and what became of
    asking ("ok",
    "not_configured", "unavailable", or BPJS's refusal message)."""
    if client is None:
        return None, "not_configured"
    try:
        answer = client.dashboard(day, "rs")  # the times as we sent them
    except BpjsUnavailable:
        return None, "unavailable"
    if answer.code != 200 or not isinstance(answer.response, dict):
        return None, answer.message or f"code {answer.code}"
    rows = answer.response.get("list") or []
    return {str(r.get("kodepoli")): r for r in rows if isinstance(r, dict)}, "ok"


def reconciliation(uow: Callable[[], Any], clock: Clock, principal: Principal,
                   facility: str, day: date | None, client: Any = None) -> dict[str, Any]:
    """`{"facility", "date", "dashboard", "polis": [...], "visits": [...]}` for facility
    code `facility` on `day` (None: today in the facility's zone): reconcile.poli_rows
    and visit_rows; `dashboard` says whether BPJS's own figures are beside ours.
    Raises ReportsForbidden / WrongFacility (403), FacilityNotFound (404)."""
    with uow() as work:
        found = _facility(work, principal, facility)
        when = day or clock.now().astimezone(ZoneInfo(found.timezone)).date()
        facts = visit_facts(work, found.id, when)
    board, said = _dashboard(client, when)
    return {"facility": facility, "date": when.isoformat(), "dashboard": said,
            "polis": poli_rows(facts, board), "visits": visit_rows(facts)}


__all__ = ["reconciliation", "visit_facts"]
