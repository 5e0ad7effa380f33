"""Dispositions of an incoming letter: the clerk (TU) or the head gives the letter to one
or several officers of the office with an instruction and a due date (working days, or a
date); the recipient's first look is the read receipt; the giver (or the head) may
withdraw it only while unread; a recipient may pass it on (a child disposition). Every
step is a workflow action on the case (workflow_incoming.yaml) and asks access.may_read
first. Follow-up and filing: incoming_close.py."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from queue_server.domain.errors import Words
from queue_server.services.auth import Principal
from queue_server.services.cases import Step, act, city_today, staff_actor
from queue_server.services.closures import calendar as city_calendar
from queue_server.services.port_cases import CaseRow, CaseWork
from queue_server.services.ports import Clock

from .access import involve, uninvolve
from .incoming import URGENCY_DAYS, WORKFLOW
from .incoming_errors import (
    DispositionAlreadyRead,
    DispositionClosed,
    DispositionNotFound,
    DueDateInvalid,
    DueDateNotWorkingDay,
    LetterFieldInvalid,
    NotInOffice,
    NotYourDisposition,
    SelfDisposition,
)
from .letters import locate
from .models import SuratDisposition, SuratLetter

log = logging.getLogger(__name__)
MAX_RECIPIENTS = 20


@dataclass
class Giving:
    """A disposition to give: recipients (user ids), the instruction, and the due date as
    a date or as working days from today (neither: the letter's urgency's days)."""

    to: list[int]
    instruction: str
    due: date | None = None
    due_days: int | None = None
    parent_id: int | None = field(default=None)


def _due(uow: CaseWork, today: date, giving: Giving, urgency: str) -> tuple[date, int]:
    """The due date and the working days until it."""
    cal = city_calendar(uow)
    if giving.due is not None and giving.due_days is not None:
        raise DueDateInvalid(Words("tanggal (due) atau hari kerja (due_days), bukan keduanya",
                                    "a date (due) or working days (due_days), not both"))
    if giving.due_days is not None:
        if not 0 < giving.due_days <= 60:
            raise DueDateInvalid(Words("1–60 hari kerja", "1–60 working days"))
        return cal.add_working_days(today, giving.due_days), giving.due_days
    if giving.due is not None:
        if giving.due < today:
            raise DueDateInvalid(Words("tanggalnya sudah lewat", "the date is in the past"))
        if not cal.is_working_day(giving.due):
            raise DueDateNotWorkingDay(cal.add_working_days(giving.due, 1))
        return giving.due, max(cal.working_days_between(today, giving.due), 0)
    days = URGENCY_DAYS[urgency]
    return cal.add_working_days(today, days), days


def _check_recipients(uow: CaseWork, letter: SuratLetter, giving: Giving,
                      giver: Principal) -> None:
    if giver.id in giving.to:
        raise SelfDisposition()
    if not giving.to or len(giving.to) > MAX_RECIPIENTS or len(set(giving.to)) != len(giving.to):
        raise LetterFieldInvalid("to", Words(f"1–{MAX_RECIPIENTS} penerima, tanpa ulang",
                                              f"1–{MAX_RECIPIENTS} recipients, none twice"))
    for user_id in giving.to:
        if letter.office_id not in uow.offices.roles_of(user_id):
            raise NotInOffice(str(user_id))
    instruction = giving.instruction.strip()
    if not instruction or len(instruction) > 500:
        raise LetterFieldInvalid("instruction", "1–500")


def _parent(uow: CaseWork, case: CaseRow, principal: Principal, parent_id: int
            ) -> SuratDisposition:
    parent = disposition(uow, case, parent_id)
    if parent.to_user_id != principal.id:
        raise NotYourDisposition()
    if parent.withdrawn_at is not None or parent.done_at is not None:
        raise DispositionClosed()
    return parent


def give(uow: CaseWork, clock: Clock, principal: Principal, ref: str, giving: Giving,
         timezone: str = "Asia/Jakarta") -> list[SuratDisposition]:
    """Give the letter `ref` to `giving.to` (action `dispose`: clerk or head; with
    `parent_id`, action `pass_on` by that disposition's recipient). The recipients must be
    members of the letter's office (NotInOffice 422), never the giver (SelfDisposition
    422), and become involved (they may read it). A due date must be a working day
    (DueDateNotWorkingDay 422 naming the next one). Raises as locate, the workflow's
    errors, DueDateInvalid 422,
    NotYourDisposition 403, DispositionClosed 409. Flushed, not committed."""
    case, letter = locate(uow, principal, ref)
    _check_recipients(uow, letter, giving, principal)
    action = "dispose" if giving.parent_id is None else "pass_on"
    if giving.parent_id is not None:
        _parent(uow, case, principal, giving.parent_id)
    today = city_today(clock, timezone)
    due, days = _due(uow, today, giving, letter.urgency)
    actor = staff_actor(uow, principal, case, None)
    act(uow, clock, WORKFLOW, case, Step(action, comment=giving.instruction, state_days=days,
                                         data={"to": giving.to, "due": due.isoformat()}),
        actor, timezone=timezone)
    session = uow.session  # type: ignore[attr-defined]
    rows = [SuratDisposition(case_id=case.id, parent_id=giving.parent_id,
                             from_user_id=principal.id, to_user_id=user_id,
                             instruction=giving.instruction.strip(), due=due,
                             created_at=clock.now()) for user_id in giving.to]
    session.add_all(rows)
    session.flush()
    for user_id in giving.to:
        involve(uow, case.id, user_id, "disposed")
    log.info("surat: %s %s to %d officer(s)", action, ref, len(rows))
    return rows


def disposition(uow: CaseWork, case: CaseRow, disposition_id: int) -> SuratDisposition:
    """The disposition `disposition_id` of `case`. Raises DispositionNotFound (404)."""
    session = uow.session  # type: ignore[attr-defined]
    row = session.get(SuratDisposition, disposition_id)
    if row is None or row.case_id != case.id:
        raise DispositionNotFound(disposition_id)
    return row


def withdraw(uow: CaseWork, clock: Clock, principal: Principal, ref: str,
             disposition_id: int, timezone: str = "Asia/Jakarta") -> SuratDisposition:
    """Withdraw a disposition while its recipient has not read it: by its giver or the
    office's head (NotYourDisposition 403); read → DispositionAlreadyRead 409; withdrawn
    or followed up → DispositionClosed 409. The recipient's access through it goes with
    it (access.uninvolve) unless another live disposition of theirs remains. Flushed, not
    committed."""
    case, _ = locate(uow, principal, ref)
    row = disposition(uow, case, disposition_id)
    actor = staff_actor(uow, principal, case, None)
    if row.from_user_id != principal.id and "head" not in actor.roles:
        raise NotYourDisposition()
    if row.withdrawn_at is not None or row.done_at is not None:
        raise DispositionClosed()
    if row.read_at is not None:
        raise DispositionAlreadyRead()
    act(uow, clock, WORKFLOW, case, Step("withdraw", data={"disposition": row.id}), actor,
        timezone=timezone)
    row.withdrawn_at = clock.now()
    session = uow.session  # type: ignore[attr-defined]
    session.flush()
    others = session.scalar(select(SuratDisposition.id).where(
        SuratDisposition.case_id == case.id, SuratDisposition.to_user_id == row.to_user_id,
        SuratDisposition.withdrawn_at.is_(None)).limit(1))
    if others is None:
        uninvolve(uow, case.id, row.to_user_id, "disposed")
    return row


def mark_read(uow: CaseWork, clock: Clock, principal: Principal, case_id: int,
              disposition_id: int | None = None) -> int:
    """The read receipt: set `read_at` on the principal's unread, live dispositions of the
    case (only `disposition_id` when given). Returns how many were marked."""
    session = uow.session  # type: ignore[attr-defined]
    query = select(SuratDisposition).where(
        SuratDisposition.case_id == case_id, SuratDisposition.to_user_id == principal.id,
        SuratDisposition.read_at.is_(None), SuratDisposition.withdrawn_at.is_(None))
    if disposition_id is not None:
        query = query.where(SuratDisposition.id == disposition_id)
    rows = list(session.scalars(query))
    for row in rows:
        row.read_at = clock.now()
    session.flush()
    return len(rows)


def read(uow: CaseWork, clock: Clock, principal: Principal, ref: str,
         disposition_id: int) -> SuratDisposition:
    """The recipient says they read the disposition (`POST …/dispositions/{id}/read`):
    NotYourDisposition 403 for anyone else. Idempotent."""
    case, _ = locate(uow, principal, ref)
    row = disposition(uow, case, disposition_id)
    if row.to_user_id != principal.id:
        raise NotYourDisposition()
    mark_read(uow, clock, principal, case.id, disposition_id)
    return row
