"""What the hosted service's use cases look up: the poli behind a `kodepoli` (D's
configuration), the service and facility rows, and a Mobile JKN booking of the
caller's facility by `kodebooking` or, as FKTP asks, by card, poli and date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from queue_server.domain.codes import normalise_code
from queue_server.persistence.models import Facility, Service, Visit
from queue_server.services.auth import Principal

from .config import ServiceRole, service_by_kodepoli
from .models import BpjsBooking
from .ws_errors import WsBookingNotFound, WsDoctorNotFound, WsPoliNotFound


@dataclass(frozen=True)
class Poli:
    """A BPJS poli of the caller's facility: its mapping, service and facility rows."""

    role: ServiceRole
    service: Service
    facility: Facility

    @property
    def namapoli(self) -> str:
        return self.role.namapoli or self.service.name


def poli_of(uow: Any, principal: Principal, kodepoli: str,
            kodedokter: int | None = None) -> Poli:
    """The poli `kodepoli` of the caller's facility: WsPoliNotFound when none is mapped
    (or its service is inactive); WsDoctorNotFound when a `kodedokter` is sent and the
    poli names another doctor."""
    role = service_by_kodepoli(uow, principal.own_facility(), kodepoli) if kodepoli else None
    service = uow.session.get(Service, role.service_id) if role else None
    if role is None or service is None or not service.active:
        raise WsPoliNotFound()
    if kodedokter is not None and role.kodedokter not in (None, kodedokter):
        raise WsDoctorNotFound()
    return Poli(role, service, uow.session.get(Facility, role.facility_id))


def booking_by_code(uow: Any, principal: Principal, kodebooking: str) -> BpjsBooking:
    """The BPJS booking `kodebooking` of the caller's facility, else WsBookingNotFound
    (another facility's booking is not found either)."""
    code = normalise_code(kodebooking) if kodebooking else ""
    row = uow.session.scalars(select(BpjsBooking).where(
        BpjsBooking.kodebooking == code,
        BpjsBooking.facility_id == principal.own_facility())).first()
    if row is None:
        raise WsBookingNotFound()
    return row  # type: ignore[no-any-return]


def booking_by_card(uow: Any, principal: Principal, card: str, kodepoli: str,
                    day: date) -> BpjsBooking:
    """The caller's facility's booking of card `card` at poli `kodepoli` on `day` (the
    newest), else WsBookingNotFound. FKTP's Mobile JKN names a booking so."""
    row = uow.session.scalars(
        select(BpjsBooking).join(Visit, Visit.id == BpjsBooking.visit_id).where(
            BpjsBooking.facility_id == principal.own_facility(),
            BpjsBooking.kodepoli == kodepoli,
            BpjsBooking.tanggalperiksa == day, Visit.bpjs_number == card,
        ).order_by(BpjsBooking.created_at.desc())).first()
    if row is None:
        raise WsBookingNotFound()
    return row  # type: ignore[no-any-return]
