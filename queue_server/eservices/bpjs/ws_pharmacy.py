"""The pharmacy queue as Mobile JKN asks about it (BPJS's WS Antrean catalogue: "ambil
antrean farmasi", "status antrean farmasi", both by `kodebooking`).

A prescription reaches the pharmacy here when the poli sends the visit on to the
service mapped with role "pharmacy" (D's configuration): that transfer makes the visit's
pharmacy ticket. So "ambil" takes no new number: it answers the one the visit has there
(201 until the poli has sent it), and "status" that queue's day. antrian does not know
whether a prescription is compounded, so `jenisresep` is "-"."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from queue_server.domain.statuses import TicketStatus
from queue_server.persistence.models import Ticket
from queue_server.services import bookings
from queue_server.services.auth import Principal
from queue_server.services.ports import JsonObject

from .config import service_roles
from .ws_errors import WsPharmacyNotYet
from .ws_figures import day_figures
from .ws_lookup import booking_by_code

PHARMACY = "pharmacy"
UNKNOWN_KIND = "-"
_AHEAD = (TicketStatus.BOOKED.value, TicketStatus.WAITING.value)


def pharmacy_ticket(uow: Any, principal: Principal, kodebooking: str) -> Any:
    """The visit's ticket at a pharmacy of the caller's facility (the newest), else
    WsPharmacyNotYet; WsBookingNotFound for an unknown or another facility's code."""
    row = booking_by_code(uow, principal, kodebooking)
    pharmacies = {sid for sid, role in service_roles(uow, row.facility_id).items()
                  if role.role == PHARMACY}
    visit = bookings.find_visit(uow, row.kodebooking)
    there = [t for t in visit.tickets if t.service_id in pharmacies]
    if not there:
        raise WsPharmacyNotYet()
    return there[-1]


def take(uow: Any, principal: Principal, kodebooking: str) -> JsonObject:
    """Ambil antrean farmasi: the visit's pharmacy number (`nomorantrean`, its place in
    the day's sequence). Raises WsPharmacyNotYet, WsBookingNotFound."""
    with uow:
        ticket = pharmacy_ticket(uow, principal, kodebooking)
        return {"jenisresep": UNKNOWN_KIND, "nomorantrean": ticket.seq,
                "keterangan": f"Nomor antrean farmasi {ticket.number}."}


def _last_called_seq(uow: Any, ticket: Any) -> int:
    seq = uow.session.scalar(select(Ticket.seq).where(
        Ticket.service_id == ticket.service_id, Ticket.day == ticket.day,
        Ticket.called_at.is_not(None)).order_by(Ticket.called_at.desc()).limit(1))
    return int(seq or 0)


def status(uow: Any, principal: Principal, kodebooking: str) -> JsonObject:
    """Status antrean farmasi: the pharmacy's numbers that day (`totalantrean`), the
    patients still ahead of this one (`sisaantrean`, 0 once called) and the sequence
    number last called (`antreanpanggil`, 0 before the first call). Raises
    WsPharmacyNotYet, WsBookingNotFound."""
    with uow:
        ticket = pharmacy_ticket(uow, principal, kodebooking)
        figures = day_figures(uow, ticket.service_id, ticket.day)
        ahead = uow.bookings.ahead_by_number(ticket) if ticket.status in _AHEAD else 0
        return {"jenisresep": UNKNOWN_KIND, "totalantrean": figures.total,
                "sisaantrean": ahead, "antreanpanggil": _last_called_seq(uow, ticket),
                "keterangan": f"Nomor antrean farmasi {ticket.number}."}
