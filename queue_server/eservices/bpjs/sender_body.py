"""The body of a call to BPJS, built when it is sent (the outbox keeps no personal data):
`antrean/add` from the visit, its BPJS side, its poli ticket and the quota; `batal`'s
reason.

`antrean/add`'s fields are BPJS's (the hosted service answers Mobile JKN with the same
names, ESERVICES.md "BPJS Antrean Online"): a NON JKN patient (no BPJS card) is sent
with card number and NIK "-", as BPJS asks for walk-ins without JKN."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from queue_server.domain.hours import opens_at, ranges_on
from queue_server.persistence.models import Service, Ticket, TicketEvent, Visit
from queue_server.services.bookings import quota_left

from .config import service_roles
from .models import BpjsBooking
from .tasks import epoch_ms

NO_VALUE = "-"
KETERANGAN_ADD = "Harap datang sesuai perkiraan waktu dilayani."
KETERANGAN_BATAL = "Antrean dibatalkan atau pasien tidak hadir."


def _ticket(uow: Any, booking: BpjsBooking) -> Ticket | None:
    """The visit's first ticket in the booking's poli."""
    return uow.session.scalars(select(Ticket).where(
        Ticket.visit_id == booking.visit_id, Ticket.service_id == booking.service_id)
        .order_by(Ticket.id).limit(1)).first()


def _estimate(uow: Any, ticket: Ticket, service: Service) -> datetime:
    """When the patient should be served: a booking's place after its poli opens (the
    service's minutes per patient), a walk-in's issue plus the estimate it was given."""
    if ticket.source == "booking":
        opening = opens_at(service.hours, ticket.day, service.facility.timezone)
        if opening is not None:
            return opening + timedelta(minutes=service.avg_minutes * (ticket.seq - 1))
    issued = uow.session.scalars(select(TicketEvent.data).where(
        TicketEvent.ticket_id == ticket.id, TicketEvent.kind == "issued").limit(1)).first()
    wait_s = int((issued or {}).get("estimated_wait_s") or 0)
    return ticket.issued_at + timedelta(seconds=wait_s)


def _hours(service: Service, ticket: Ticket) -> str:
    """The poli's hours that day as BPJS writes them ("08:00-12:00"), "" when closed."""
    ranges = ranges_on(service.hours or {}, ticket.day)
    return f"{ranges[0][0]}-{ranges[-1][1]}" if ranges else ""


def _patient(visit: Visit, jkn: bool) -> dict[str, Any]:
    return {"nomorkartu": visit.bpjs_number if jkn and visit.bpjs_number else NO_VALUE,
            "nik": visit.nik if jkn and visit.nik else NO_VALUE,
            "nohp": _local_phone(visit.phone) or NO_VALUE}


def _local_phone(phone: str | None) -> str:
    """A phone number as BPJS's forms write it: "+6281…" (as antrian keeps it) → "081…"."""
    if phone and phone.startswith("+62"):
        return "0" + phone[3:]
    return phone or ""


def add_body(uow: Any, booking: BpjsBooking) -> dict[str, Any]:
    """`antrean/add`'s body for `booking` (inside a transaction); KeyError when its
    visit or poli ticket is gone."""
    visit = uow.session.get(Visit, booking.visit_id)
    ticket = _ticket(uow, booking)
    service = uow.session.get(Service, booking.service_id)
    if visit is None or ticket is None or service is None:
        raise KeyError(booking.visit_id)
    role = service_roles(uow, booking.facility_id).get(booking.service_id)
    quota = quota_left(uow, booking.service_id, booking.tanggalperiksa)
    jkn = booking.jenispasien == "JKN"
    return {
        "kodebooking": booking.kodebooking, "jenispasien": booking.jenispasien,
        **_patient(visit, jkn),
        "kodepoli": booking.kodepoli, "namapoli": role.namapoli if role else "",
        "pasienbaru": 0 if booking.norm else 1, "norm": booking.norm or NO_VALUE,
        "tanggalperiksa": booking.tanggalperiksa.isoformat(),
        "kodedokter": booking.kodedokter or (role.kodedokter if role else None) or 0,
        "namadokter": role.namadokter if role else "",
        "jampraktek": booking.jampraktek or _hours(service, ticket),
        "jeniskunjungan": booking.jeniskunjungan or 1,
        "nomorreferensi": booking.nomorreferensi or "",
        "nomorantrean": ticket.number, "angkaantrean": ticket.seq,
        "estimasidilayani": epoch_ms(_estimate(uow, ticket, service)),
        "sisakuotajkn": quota.jkn_left, "kuotajkn": quota.jkn_quota,
        "sisakuotanonjkn": quota.other_left, "kuotanonjkn": quota.other_quota,
        "keterangan": KETERANGAN_ADD,
    }


__all__ = ["KETERANGAN_BATAL", "NO_VALUE", "add_body"]
