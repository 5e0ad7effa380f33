"""The kecamatan forum's minutes (berita acara Musrenbang kecamatan, Permendagri 86/2017
art. 93): the kecamatan's staff record the forum's date and attendees in the kecamatan
phase; the minutes list the proposals the forum agreed (state kecamatan_verified or
later) and are issued as a signed PDF (services.documents, module `planning`, kind
`minutes`) whose code the public pages link."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from queue_server.domain.dates import long_date
from queue_server.domain.errors import Words
from queue_server.pdf import Layout, render
from queue_server.persistence.case_models import Case
from queue_server.services import documents
from queue_server.services.auth import Principal
from queue_server.services.port_documents import DocumentStore, Signer
from queue_server.services.ports import Clock

from .errors import MusrenbangForbidden
from .flow import MODULE, city_tz, cycle, today
from .models import MusrenbangCycle, MusrenbangItem, MusrenbangMinutes, MusrenbangProposal
from .rules import ACTION_PHASES, money, require_phase

AGREED = ("kecamatan_verified", "accepted")


def _kecamatan(uow: Any, who: Principal, code: str | None) -> Any:
    """The kecamatan office `who` is a member of (the one named by `code`)."""
    held = uow.offices.roles_of(who.id) if who.kind == "staff" else {}
    for office_id in held:
        office = uow.offices.by_id(office_id)
        if office is not None and office.kind == "kecamatan" and code in (None, office.code):
            return office
    raise MusrenbangForbidden(Words("mencatat forum kecamatan (hanya petugas kecamatan)",
                                    "record the kecamatan forum (kecamatan staff only)"))


def agreed(uow: Any, cycle_row: MusrenbangCycle, kecamatan_id: int) -> list[Any]:
    """The kecamatan's proposals the forum agreed, with their items, by ref."""
    return list(uow.session.execute(
        select(MusrenbangProposal, MusrenbangItem)
        .join(Case, Case.id == MusrenbangProposal.case_id)
        .join(MusrenbangItem, MusrenbangItem.id == MusrenbangProposal.item_id)
        .where(MusrenbangProposal.cycle_id == cycle_row.id,
               MusrenbangProposal.kecamatan_office_id == kecamatan_id,
               Case.state.in_(AGREED)).order_by(MusrenbangProposal.ref)))


def record(uow: Any, clock: Clock, who: Principal, year: int | None, body: dict[str, Any],
           signer: Signer, store: DocumentStore, base_url: str,
           check_phase: bool = True) -> tuple[str, int]:
    """Record the forum (`held_on` date, `attendees` names, optional `kecamatan` code) and
    issue its minutes (a new document each time; the latest is linked). PhaseClosed 409
    outside the kecamatan phase, MusrenbangForbidden 403, SigningUnavailable 503.
    Commits; returns (document code, proposals listed)."""
    with uow:
        office = _kecamatan(uow, who, body.get("kecamatan"))
        row = cycle(uow, year)
        if check_phase:
            require_phase(row.phases, ACTION_PHASES["minutes"], today(clock))
        listed = agreed(uow, row, office.id)
        held: date = body["held_on"]
        attendees = [str(a).strip()[:200] for a in body["attendees"] if str(a).strip()]
        code = documents.new_code(uow)
        title = f"Berita Acara Musrenbang {office.name} Tahun {row.year}"
        pdf = render(Layout(
            office=office.name, title=title, verify_url=documents.verify_url(base_url, code),
            fields=[("Tanggal forum", long_date(held, "id")), ("Peserta", ", ".join(attendees)),
                    ("Usulan disepakati", str(len(listed)))],
            paragraphs=[f"{p.ref}: {i.name}, {p.quantity} {i.unit}, {p.location}, "
                        f"{money(p.amount).id}" for p, i in listed],
            place_date=f"Surabaya, {long_date(today(clock), 'id')}",
            signer_title=f"Camat {office.name.removeprefix('Kecamatan ')}"))
        documents.issue(uow, clock, signer, store, documents.Issue(
            MODULE, "minutes", title, office.name, office_id=office.id,
            reason="Berita acara Musrenbang kecamatan",
            facts=[("Tanggal forum", held.isoformat()), ("Usulan", str(len(listed)))]), code, pdf)
        _keep(uow, row, office.id, held, code, attendees)
        uow.commit()
    return code, len(listed)


def _keep(uow: Any, row: MusrenbangCycle, kecamatan_id: int, held: date, code: str,
          attendees: list[str]) -> None:
    found = uow.session.scalar(select(MusrenbangMinutes).where(
        MusrenbangMinutes.cycle_id == row.id,
        MusrenbangMinutes.kecamatan_office_id == kecamatan_id))
    if found is None:
        found = MusrenbangMinutes(cycle_id=row.id, kecamatan_office_id=kecamatan_id)
        uow.session.add(found)
    found.held_at = datetime.combine(held, time(9), ZoneInfo(city_tz()))
    found.document_code, found.attendees = code, attendees


def of_cycle(uow: Any, cycle_row: MusrenbangCycle) -> list[dict[str, Any]]:
    """The cycle's minutes: `[{kecamatan, held_on, code}]` (public)."""
    out = []
    for found in uow.session.scalars(select(MusrenbangMinutes).where(
            MusrenbangMinutes.cycle_id == cycle_row.id).order_by(MusrenbangMinutes.id)):
        office = uow.offices.by_id(found.kecamatan_office_id)
        out.append({"kecamatan": office.name if office else "", "code": found.document_code,
                    "held_on": found.held_at.astimezone(ZoneInfo(city_tz())).date().isoformat()})
    return out
