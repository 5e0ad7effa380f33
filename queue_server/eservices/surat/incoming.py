"""Registering an incoming letter (surat masuk): by a clerk (TU) or the head of the
receiving office, or by the outgoing side's internal delivery (no user). The letter is a
case of module `surat`, kind `incoming`, on workflow_incoming.yaml; it gets the office's
next agenda number of the year (gap-free, numbering.next_in scope `surat-agenda`), and
its scan (PDF or image, typed by its bytes) is kept as a case file."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from queue_server.domain.attachments import PHOTO_TYPES
from queue_server.domain.workflow import Workflow
from queue_server.domain.workflow_data import parse_workflow
from queue_server.persistence.case_models import OfficeMember
from queue_server.services import case_files
from queue_server.services.cases import SYSTEM, Actor, Filing, city_today, open_case
from queue_server.services.numbering import next_in
from queue_server.services.port_cases import CaseWork, FileStore
from queue_server.services.ports import Clock
from queue_server.services.yaml_text import read_yaml

from . import MODULE, classification
from .access import ACCESS_CLASSES, URGENCIES, involve
from .incoming_errors import REQUIRED, LetterFieldInvalid, at_most, one_of
from .models import SuratLetter

log = logging.getLogger(__name__)
KIND = "incoming"
WORKFLOW: Workflow = parse_workflow(KIND, read_yaml(
    Path(__file__).parent / "workflow_incoming.yaml"))
# Working days to dispose a letter by its urgency (office practice, no regulation).
URGENCY_DAYS = {"sangat_segera": 1, "segera": 2, "biasa": 5}
SCAN_TYPES = ("application/pdf", *PHOTO_TYPES)
SCAN_MAX_BYTES = 10 * 1024 * 1024
_LIMITS = {"sender": 200, "subject": 300, "letter_number": 80}


@dataclass
class IncomingLetter:
    """An incoming letter as registered: the receiving office, sender, subject,
    classification code, access class (access.ACCESS_CLASSES), urgency
    (access.URGENCIES), the sender's date and number; `source_case_id` and
    `document_code` when an outgoing letter of this deployment was delivered."""

    office_id: int
    sender: str
    subject: str
    classification: str
    access: str
    urgency: str
    letter_date: date | None
    letter_number: str | None
    source_case_id: int | None = None
    document_code: str | None = None


def _check(letter: IncomingLetter) -> None:
    for name, most in _LIMITS.items():
        value = (getattr(letter, name) or "").strip()
        if name != "letter_number" and not value:
            raise LetterFieldInvalid(name, REQUIRED)
        if len(value) > most:
            raise LetterFieldInvalid(name, at_most(most))
    if letter.access not in ACCESS_CLASSES:
        raise LetterFieldInvalid("access", one_of(ACCESS_CLASSES))
    if letter.urgency not in URGENCIES:
        raise LetterFieldInvalid("urgency", one_of(URGENCIES))


def keepers(uow: CaseWork, office_id: int) -> list[int]:
    """The user ids of the office's clerks (TU) and head: who registers its letters."""
    session = uow.session  # type: ignore[attr-defined]
    return sorted(set(session.scalars(select(OfficeMember.user_id).where(
        OfficeMember.office_id == office_id, OfficeMember.role.in_(("clerk", "head"))))))


def register_incoming(uow: CaseWork, clock: Clock, letter: IncomingLetter,
                      user_id: int | None, scan: tuple[bytes, str] | None = None,
                      files: FileStore | None = None, actor: Actor | None = None,
                      timezone: str = "Asia/Jakarta") -> SuratLetter:
    """Register `letter` in its office's incoming register (flushed, not committed):
    checks the fields (LetterFieldInvalid 422) and the classification
    (UnknownClassification 422), opens the case (state `registered`, due within the
    urgency's working days, URGENCY_DAYS), takes the agenda number of the office and the
    city's year, keeps `scan` (bytes, file name; PDF or image by its bytes, ≤ 10 MiB:
    the attachment errors, 422) in `files`, and involves `user_id` (the registering
    clerk) so they may read it whatever its class; with no user (an internal delivery)
    the office's clerks and head are involved as if its clerk had registered it, so a
    `rahasia` letter in an office without a head is still read and routed. The caller
    checks who may register."""
    _check(letter)
    classification.get(uow, letter.classification)
    today = city_today(clock, timezone)
    who = actor or (Actor(f"user:{user_id}", frozenset({"clerk"}), user_id)
                    if user_id is not None else SYSTEM)
    case = open_case(uow, clock, WORKFLOW, Filing(
        MODULE, office_id=letter.office_id, state_days=URGENCY_DAYS[letter.urgency],
        data={"agenda": True}), who, timezone=timezone)
    row = SuratLetter(
        case_id=case.id, direction=KIND, office_id=letter.office_id,
        classification=letter.classification, access=letter.access,
        urgency=letter.urgency, subject=letter.subject.strip(),
        sender=letter.sender.strip(), letter_date=letter.letter_date,
        letter_number=(letter.letter_number or "").strip() or None,
        agenda_number=next_in(uow, "surat-agenda",  # type: ignore[arg-type]
                              letter.office_id, today.year),
        agenda_year=today.year, document_code=letter.document_code,
        source_case_id=letter.source_case_id, created_by=user_id, created_at=clock.now())
    session = uow.session  # type: ignore[attr-defined]
    session.add(row)
    session.flush()
    if scan is not None and files is not None:
        kept = case_files.attach(uow, clock, files, case, scan[0], "scan", SCAN_TYPES,
                                 SCAN_MAX_BYTES, name=scan[1])
        row.scan_file_id = kept.id
    for registrar in ([user_id] if user_id is not None
                      else keepers(uow, letter.office_id)):
        involve(uow, case.id, registrar, "registered")
    session.flush()
    log.info("surat: incoming SURAT-%s registered, agenda %s/%s", case.id,
             row.agenda_number, row.agenda_year)
    return row
