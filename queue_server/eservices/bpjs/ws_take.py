"""Ambil antrean: Mobile JKN takes a number. It is an ordinary antrian booking
(services.bookings.book with channel "bpjs": the same numbers, calendar, same-day
cutoff, per-NIK limits and quota), written with its BPJS row (source "mjkn", the fields
Mobile JKN sent) in one transaction, so the outbox never reports it with `antrean/add`.

Medical record numbers (`norm`) belong to the facility's SIMRS, which antrian is not:
by default every card is a patient here; a facility set to "register" answers an unseen
card BPJS's 202 "new patient" (ws_patients). A `norm` sent is kept on the BPJS row and
given back; without one, the card's registered `norm` is."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from queue_server.domain.hours import opens_at
from queue_server.services import bookings
from queue_server.services.auth import Principal
from queue_server.services.ports import Clock, JsonObject
from queue_server.services.records import TicketRecord

from .models import BpjsBooking
from .ws_figures import places
from .ws_lookup import Poli, poli_of
from .ws_parse import Take
from .ws_patients import known_norm

ARRIVE_EARLY = ("Peserta harap datang 30 menit sebelum pelayanan dan melakukan check-in "
                "dengan kode booking.")


@dataclass(frozen=True)
class TakeRules:
    """The deployment's booking rules: days ahead a booking may be made, and active
    bookings a NIK may hold a day (app config BOOKING_WINDOW_DAYS,
    BOOKINGS_PER_NIK_PER_DAY)."""

    window_days: int
    daily_limit: int


def _row_writer(poli: Poli, take: Take, now: datetime,
                taken: dict[str, Any]) -> Any:
    """The `on_booked` hook: the BPJS row of the booking, in the booking's transaction;
    notes the ticket's number and sequence in `taken`."""
    def write(uow: Any, ticket: TicketRecord) -> None:
        taken.update(number=ticket.number, seq=ticket.seq, code=ticket.visit.code)
        uow.session.add(BpjsBooking(
            visit_id=ticket.visit.id, facility_id=poli.facility.id,
            service_id=poli.service.id, kodebooking=ticket.visit.code, source="mjkn",
            jenispasien="JKN", kodepoli=poli.role.kodepoli or take.kodepoli,
            tanggalperiksa=take.tanggalperiksa, nomorreferensi=take.nomorreferensi,
            jeniskunjungan=take.jeniskunjungan, kodedokter=take.kodedokter,
            jampraktek=take.jampraktek, norm=take.norm, created_at=now))
        uow.session.flush()
    return write


def epoch_ms(iso_text: str | None, poli: Poli, day: date) -> int:
    """`estimasidilayani`: the booking's estimated call (ISO 8601) in epoch milliseconds;
    without one, when the poli opens that day (else that day's midnight, facility time)."""
    if iso_text:
        return int(datetime.fromisoformat(iso_text).timestamp() * 1000)
    tz = poli.facility.timezone
    start = opens_at(poli.service.hours, day, tz) or datetime.combine(
        day, time(0), ZoneInfo(tz))
    return int(start.timestamp() * 1000)


def take_number(uow: Any, clock: Clock, principal: Principal, take: Take,
                rules: TakeRules) -> JsonObject:
    """Book `take` at the caller's facility: BPJS's answer fields (`nomorantrean`,
    `angkaantrean`, `kodebooking`, `estimasidilayani` epoch ms, places after it).

    Raises WsPoliNotFound, WsDoctorNotFound, WsNewPatient (202, nothing booked), and
    whatever `bookings.book` raises: the date's rules (DateInPast, DateOutOfWindow,
    ClosedOnDate, BookingClosedToday), the patient's (AlreadyBooked,
    DailyLimitReached), QuotaFull, the identity rules."""
    with uow:
        poli = poli_of(uow, principal, take.kodepoli, take.kodedokter)
        facility_code, service_code = poli.facility.code, poli.service.code
        norm = known_norm(uow, poli.facility.id, take.nomorkartu)
    take = replace(take, norm=take.norm or norm)
    req = bookings.BookingRequest(facility=facility_code, service=service_code,
                                  date=take.tanggalperiksa, nik=take.nik, name="",
                                  phone=take.nohp, bpjs_number=take.nomorkartu)
    taken: dict[str, Any] = {}
    view, _ = bookings.book(uow, clock, req, rules.window_days, None, rules.daily_limit,
                            channel="bpjs",
                            on_booked=_row_writer(poli, take, clock.now(), taken))
    with uow:
        left = places(uow, poli.service.id, take.tanggalperiksa)
    return {
        "nomorantrean": taken["number"], "angkaantrean": taken["seq"],
        "kodebooking": taken["code"], "norm": take.norm, "namapoli": poli.namapoli,
        "namadokter": poli.role.namadokter,
        "estimasidilayani": epoch_ms(str(view.get("estimated_call_at") or "") or None,
                                     poli, take.tanggalperiksa),
        "sisakuotajkn": left.jkn_left, "kuotajkn": left.jkn_quota,
        "sisakuotanonjkn": left.other_left, "kuotanonjkn": left.other_quota,
        "keterangan": ARRIVE_EARLY,
    }
