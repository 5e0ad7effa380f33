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
from queue_server.services.numbering import next_in
from queue_server.services.port_documents import DocumentStore, Signer
from queue_server.services.ports import Clock

from .errors import MinutesDateInvalid, MinutesIncomplete, MusrenbangForbidden
from .flow import MODULE, city_tz, cycle, today
from .models import MusrenbangCycle, MusrenbangItem, MusrenbangMinutes, MusrenbangProposal
from .rules import ACTION_PHASES, money, phase_span, quantity_words, require_phase

AGREED = ("kecamatan_verified", "accepted")
SCOPE = "musrenbang-berita-acara"  # the minutes' numbers, per kecamatan and year
SECTIONS = (("Usulan yang disepakati forum", AGREED),
            ("Usulan yang ditolak", ("rejected",)),
            ("Usulan yang belum disepakati atau tidak diproses",
             ("submitted", "returned", "kelurahan_verified", "lapsed")))


def _kecamatan(uow: Any, who: Principal, code: str | None) -> Any:
    """The kecamatan office `who` is a member of (the one named by `code`)."""
    held = uow.offices.roles_of(who.id) if who.kind == "staff" else {}
    for office_id in held:
        office = uow.offices.by_id(office_id)
        if office is not None and office.kind == "kecamatan" and code in (None, office.code):
            return office
    raise MusrenbangForbidden(Words("mencatat forum kecamatan (hanya petugas kecamatan)",
                                    "record the kecamatan forum (kecamatan staff only)"))


def agreed(uow: Any, cycle_row: MusrenbangCycle, kecamatan_id: int,
           states: tuple[str, ...] = AGREED) -> list[Any]:
    """The kecamatan's proposals in `states` (default: those the forum agreed), with
    their items and case states, by ref."""
    return list(uow.session.execute(
        select(MusrenbangProposal, MusrenbangItem, Case.state)
        .join(Case, Case.id == MusrenbangProposal.case_id)
        .join(MusrenbangItem, MusrenbangItem.id == MusrenbangProposal.item_id)
        .where(MusrenbangProposal.cycle_id == cycle_row.id,
               MusrenbangProposal.kecamatan_office_id == kecamatan_id,
               Case.state.in_(states)).order_by(MusrenbangProposal.ref)))


def _checked(row: MusrenbangCycle, body: dict[str, Any], day: date) -> list[str]:
    """The attendees (names, blanks dropped; MinutesIncomplete 422 when none) after
    checking the forum's date lies in the kecamatan phase and not after `day`
    (MinutesDateInvalid 422)."""
    attendees = [str(a).strip()[:200] for a in body.get("attendees") or [] if str(a).strip()]
    held = body.get("held_on")
    if not isinstance(held, date) or not attendees:
        raise MinutesIncomplete()
    phase = row.phases["kecamatan"]
    if not date.fromisoformat(phase["starts"]) <= held <= min(
            date.fromisoformat(phase["ends"]), day):
        raise MinutesDateInvalid(phase_span(row.phases, "kecamatan"))
    return attendees


def _line(uow: Any, proposal: MusrenbangProposal, item: MusrenbangItem) -> str:
    rw = uow.offices.by_id(proposal.rw_office_id)
    return (f"{proposal.ref} | {rw.name if rw else '-'} | {item.name} | "
            f"{quantity_words(proposal.quantity)} {item.unit} | {proposal.location} | "
            f"{money(proposal.amount).id}")


def _body(uow: Any, row: MusrenbangCycle, office_id: int) -> tuple[list[str], int]:
    """The minutes' paragraphs: every proposal of the kecamatan, one line each (ref | RW
    | item | quantity | location | amount), under agreed, rejected and not agreed;
    and how many were agreed."""
    out: list[str] = []
    count = len(agreed(uow, row, office_id))
    for heading, states in SECTIONS:
        listed = agreed(uow, row, office_id, states)
        out.append(f"{heading} ({len(listed)} usulan):")
        out.extend(_line(uow, p, i) for p, i, _state in listed)
        if not listed:
            out.append("-")
    return out, count


def record(uow: Any, clock: Clock, who: Principal, year: int | None, body: dict[str, Any],
           signer: Signer, store: DocumentStore, base_url: str,
           check_phase: bool = True) -> tuple[str, int]:
    """Record the forum (`held_on` date, `attendees` names, optional `kecamatan` code) and
    issue its numbered minutes; a later issue replaces the earlier (one valid minutes per
    kecamatan and cycle). PhaseClosed 409 outside the kecamatan phase,
    MusrenbangForbidden 403, MinutesIncomplete / MinutesDateInvalid 422,
    SigningUnavailable 503. Commits; returns (document code, proposals agreed)."""
    with uow:
        office = _kecamatan(uow, who, body.get("kecamatan"))
        row = cycle(uow, year)
        if check_phase:
            require_phase(row.phases, ACTION_PHASES["minutes"], today(clock))
        attendees = _checked(row, body, today(clock))
        held: date = body["held_on"]
        paragraphs, count = _body(uow, row, office.id)
        code = documents.new_code(uow)
        number = f"BA-{next_in(uow, SCOPE, office.id, row.year):03d}/MUSRENBANG/" \
                 f"{office.code.upper()}/{row.year}"
        title = f"Berita Acara Musrenbang {office.name} Tahun {row.year}"
        pdf = render(Layout(
            office=office.name, title=title, number=number,
            verify_url=documents.verify_url(base_url, code),
            fields=[("Tanggal forum", long_date(held, "id")), ("Peserta", ", ".join(attendees)),
                    ("Usulan disepakati", str(count))],
            paragraphs=paragraphs, place_date=f"Surabaya, {long_date(today(clock), 'id')}",
            signer_title=f"Camat {office.name.removeprefix('Kecamatan ')}",
            signer_name=signer_name(uow, who)))
        documents.issue(uow, clock, signer, store, documents.Issue(
            MODULE, "minutes", title, office.name, office_id=office.id, number=number,
            reason="Berita acara Musrenbang kecamatan",
            facts=[("Tanggal forum", held.isoformat()), ("Usulan", str(count))]), code, pdf)
        _keep(uow, clock, row, office.id, held, code, attendees)
        uow.commit()
    return code, count


def signer_name(uow: Any, who: Principal) -> str:
    """The name printed under the minutes' signature: the signing user's full name (their
    username when blank)."""
    user = uow.staff.user(who.id) if who.kind == "staff" else None
    return str((user.full_name or user.username) if user else who.name)


def may_read_document(uow: Any, who: Principal | None, row: Any) -> bool | None:
    """The "document_access" hook: a kecamatan forum's minutes (kind `minutes`) are public
    (not confidential: Permendagri 86/2017 makes the forums' results public), so anyone
    reads their PDF; None for any other document (the core's rule)."""
    return True if row.kind == "minutes" and not row.confidential else None


def _keep(uow: Any, clock: Clock, row: MusrenbangCycle, kecamatan_id: int, held: date,
          code: str, attendees: list[str]) -> None:
    found = uow.session.scalar(select(MusrenbangMinutes).where(
        MusrenbangMinutes.cycle_id == row.id,
        MusrenbangMinutes.kecamatan_office_id == kecamatan_id))
    if found is None:
        found = MusrenbangMinutes(cycle_id=row.id, kecamatan_office_id=kecamatan_id)
        uow.session.add(found)
    elif found.document_code and found.document_code != code:
        documents.replace(uow, clock, found.document_code, code,
                          reason="Diganti berita acara forum yang baru")
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
