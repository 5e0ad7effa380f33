"""Closing an incoming letter: a recipient follows up their disposition (what was done);
when every live disposition is done (passed-on ones too: see `all_done`), the letter
moves to `followed_up`; the clerk (TU) or the head then files it (`filed`), or the head files it
at once with a reason (`file_early`). Also the dispositions as a reader sees them and an
officer's open ones (the /surat home)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from queue_server.services.auth import Principal
from queue_server.services.cases import Step, act, note, public_ref, staff_actor
from queue_server.services.port_cases import CaseWork
from queue_server.services.ports import Clock

from .dispositions import disposition
from .incoming import WORKFLOW
from .incoming_errors import DispositionClosed, LetterFieldInvalid, NotYourDisposition
from .letters import letter_of, locate, user_names
from .models import SuratDisposition


def _live(rows: list[SuratDisposition]) -> list[SuratDisposition]:
    return [row for row in rows if row.withdrawn_at is None]


def all_done(rows: list[SuratDisposition]) -> bool:
    """Whether every live (not withdrawn) disposition is done, passed-on ones included: a
    disposition passed on is done only when its own holder follows it up too (they
    answer for it to whoever gave it), whichever of them follows up first."""
    live = _live(rows)
    return bool(live) and all(row.done_at is not None for row in live)


def of_case(uow: CaseWork, case_id: int) -> list[SuratDisposition]:
    """The case's dispositions, oldest first."""
    session = uow.session  # type: ignore[attr-defined]
    return list(session.scalars(select(SuratDisposition)
                                .where(SuratDisposition.case_id == case_id)
                                .order_by(SuratDisposition.id)))


def follow_up(uow: CaseWork, clock: Clock, principal: Principal, ref: str,
              disposition_id: int, text: str, done: bool = True,
              timezone: str = "Asia/Jakarta") -> SuratDisposition:
    """The recipient records what was done (`text`, 1–4000 characters; LetterFieldInvalid
    422) on their disposition (NotYourDisposition 403; withdrawn or done:
    DispositionClosed 409). `done` closes it; when that closes the last open one, the
    letter moves to `followed_up` (workflow action `follow_up`), else a timeline note.
    Also the read receipt. Flushed, not committed."""
    case, _ = locate(uow, principal, ref)
    row = disposition(uow, case, disposition_id)
    if row.to_user_id != principal.id:
        raise NotYourDisposition()
    if row.withdrawn_at is not None or row.done_at is not None:
        raise DispositionClosed()
    said = (text or "").strip()
    if not said or len(said) > 4000:
        raise LetterFieldInvalid("follow_up", "1–4000")
    actor = staff_actor(uow, principal, case, None)
    WORKFLOW.take(case.state, "follow_up", actor.roles)  # may this role follow up here?
    now = clock.now()
    row.follow_up, row.read_at = said, row.read_at or now
    row.done_at = now if done else None
    uow.session.flush()  # type: ignore[attr-defined]
    data = {"disposition": row.id, "done": done}
    if done and all_done(of_case(uow, case.id)):
        act(uow, clock, WORKFLOW, case, Step("follow_up", comment=said, data=data), actor,
            timezone=timezone)
    else:
        note(uow, clock, case, actor, "follow_up", comment=said, data=data)
    return row


def file_letter(uow: CaseWork, clock: Clock, principal: Principal, ref: str,
                comment: str = "", timezone: str = "Asia/Jakarta") -> None:
    """File the letter: `file` once followed up (clerk or head), else `file_early` (head
    only, with a reason: CommentRequired 422). The workflow's errors otherwise (403/409).
    Flushed, not committed."""
    case, letter = locate(uow, principal, ref)
    action = "file" if case.state == "followed_up" else "file_early"
    act(uow, clock, WORKFLOW, case, Step(action, comment=comment),
        staff_actor(uow, principal, case, None), timezone=timezone)
    letter.filed_at = clock.now()
    uow.session.flush()  # type: ignore[attr-defined]


def _said(row: SuratDisposition, names: dict[int, str]) -> dict[str, Any]:
    def iso(moment: Any) -> str | None:
        return moment.isoformat() if moment is not None else None

    return {"id": row.id, "parent_id": row.parent_id, "from_user_id": row.from_user_id,
            "from": names.get(row.from_user_id, ""), "to_user_id": row.to_user_id,
            "to": names.get(row.to_user_id, ""), "instruction": row.instruction,
            "due": iso(row.due), "created_at": iso(row.created_at),
            "read_at": iso(row.read_at), "withdrawn_at": iso(row.withdrawn_at),
            "done_at": iso(row.done_at), "follow_up": row.follow_up}


def listing(uow: CaseWork, principal: Principal, ref: str) -> list[dict[str, Any]]:
    """The letter's dispositions with their read receipts, for those who may read it
    (locate's errors otherwise)."""
    case, _ = locate(uow, principal, ref)
    rows = of_case(uow, case.id)
    names = user_names(uow, {r.from_user_id for r in rows} | {r.to_user_id for r in rows})
    return [_said(row, names) for row in rows]


def my_open(uow: CaseWork, principal: Principal) -> list[dict[str, Any]]:
    """The principal's live dispositions not yet done (unread first, then by due date),
    each with the letter's `ref`, subject and urgency (the recipient is involved, so may
    read it)."""
    session = uow.session  # type: ignore[attr-defined]
    rows = list(session.scalars(select(SuratDisposition).where(
        SuratDisposition.to_user_id == principal.id, SuratDisposition.withdrawn_at.is_(None),
        SuratDisposition.done_at.is_(None))))
    rows.sort(key=lambda r: (r.read_at is not None, r.due or r.created_at.date(), r.id))
    names = user_names(uow, {row.from_user_id for row in rows})
    mine = []
    for row in rows:
        case, letter = uow.cases.by_id(row.case_id), letter_of(uow, row.case_id)
        if case is None or letter is None:
            continue
        mine.append({**_said(row, names), "ref": public_ref(case), "subject": letter.subject,
                     "urgency": letter.urgency, "unread": row.read_at is None})
    return mine
