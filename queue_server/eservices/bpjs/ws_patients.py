"""New patients (BPJS's metadata code 202, "pasien baru"), per facility.

BPJS's WS Antrean catalogue answers "ambil antrean" with 200 (booked), 201 (refused) or
202 (a new patient: the card has no medical record at the facility); on 202 Mobile JKN
sends the patient's identity to "info pasien baru" (FKRTL `POST /pasienbaru`, FKTP
`POST /peserta`), which answers the medical-record number (`norm`), and takes the
number again.

Medical records are the facility's SIMRS's, not antrian's, so by default
(`bpjs_facilities.new_patients` "accept") every card books and 202 never arises. A
facility that keeps record numbers here sets "register": a card with neither a
`bpjs_patients` row nor an earlier visit at the facility is answered 202; registering
keeps only the card, the NIK and a generated `norm` (the rest of what Mobile JKN sends:
name, family card, birth date, address, is not kept). Personal data: never logged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from queue_server.domain.identity import parse_nik
from queue_server.persistence.models import Visit
from queue_server.services.auth import Principal
from queue_server.services.ports import Clock

from .models import BpjsFacility, BpjsPatient
from .ws_errors import WsNewPatient, WsPatientMismatch
from .ws_parse import body_of, parse_card, text

REGISTER = "register"
COME_TO_ADMISSION = "Harap datang ke admisi untuk melengkapi data rekam medis"


@dataclass(frozen=True)
class Registration:
    """What is kept of a "pasien baru" request: the card (13 digits) and the NIK (16)."""

    nomorkartu: str
    nik: str


def parse_registration(raw: Any) -> Registration:
    """The card and NIK of a "pasien baru" body (FKRTL and FKTP send both under these
    names); the other identity fields are read by no rule and kept nowhere. Raises
    WsBodyNotJson, WsFieldMissing, and the NIK's rules (InvalidInput `invalid_nik`)."""
    body = body_of(raw)
    card = parse_card(text(body, "nomorkartu"))
    return Registration(card, parse_nik(text(body, "nik")).value)


def _row(uow: Any, facility_id: int, card: str) -> BpjsPatient | None:
    return uow.session.scalars(select(BpjsPatient).where(  # type: ignore[no-any-return]
        BpjsPatient.facility_id == facility_id, BpjsPatient.nomorkartu == card)).first()


def _visited(uow: Any, facility_id: int, card: str) -> bool:
    return uow.session.scalars(select(Visit.id).where(
        Visit.facility_id == facility_id, Visit.bpjs_number == card).limit(1)).first() \
        is not None


def known_norm(uow: Any, facility_id: int, card: str) -> str:
    """The card's `norm` at the facility ("" when it has none). At a facility whose
    `new_patients` is "register", a card with no registration and no earlier visit
    there raises WsNewPatient (BPJS code 202); elsewhere every card is known."""
    row = _row(uow, facility_id, card)
    if row is not None:
        return row.norm
    setup = uow.session.get(BpjsFacility, facility_id)
    if setup is not None and setup.new_patients == REGISTER \
            and not _visited(uow, facility_id, card):
        raise WsNewPatient()
    return ""


def _write(uow: Any, clock: Clock, facility_id: int, reg: Registration) -> str:
    """The card's registration (the existing one when the same NIK registers again,
    e.g. Mobile JKN retrying); WsPatientMismatch for another NIK. Committed."""
    row = _row(uow, facility_id, reg.nomorkartu)
    if row is not None:
        if row.nik != reg.nik:
            raise WsPatientMismatch()
        return row.norm
    row = BpjsPatient(facility_id=facility_id, nomorkartu=reg.nomorkartu, nik=reg.nik,
                      norm="", created_at=clock.now())
    uow.session.add(row)
    uow.session.flush()
    row.norm = f"RM{row.id:08d}"
    uow.commit()
    return row.norm


def register(uow: Any, clock: Clock, principal: Principal, reg: Registration) -> str:
    """Register `reg` at the caller's facility: its `norm` (a new one, or the one the
    card has). Two registrations of one card at once: the second reads the first's
    (the unique card per facility keeps one). Raises WsPatientMismatch."""
    facility_id = principal.own_facility()
    try:
        with uow:
            return _write(uow, clock, facility_id, reg)
    except IntegrityError:
        with uow:
            return _write(uow, clock, facility_id, reg)
