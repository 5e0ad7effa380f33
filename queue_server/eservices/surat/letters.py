"""Finding a letter by its public reference (`SURAT-12`) for a staff member who may read
it (access.require_read), the city's settings the use cases need, and the letter's
general view (details with timeline: incoming and outgoing alike)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from queue_server.services.auth import Principal
from queue_server.services.cases import find_by_ref, public_ref, timeline
from queue_server.services.port_cases import CaseRow, CaseWork

from . import MODULE
from .access import require_read
from .models import SuratLetter

# A timeline line says what happened, in the past tense (the API and the letter page
# alike: pages_words.named_timeline shows these words): the state reached, except for an
# action that keeps the state or whose state would say something else; those say the
# action done: a withdrawn disposition is "Ditarik", never "Didisposisikan"; a paraf is
# "Diparaf", never "Menunggu paraf"; a return is not a new "Konsep"; a follow-up while
# other dispositions are open (a note, the state stays `disposed`) is "Ditindaklanjuti".
EVENT_WORDS = {"withdraw": ("Ditarik", "Withdrawn"), "pass_on": ("Diteruskan", "Passed on"),
               "approve": ("Diparaf", "Approved (paraf)"), "draft": ("Disusun", "Drafted"),
               "follow_up": ("Ditindaklanjuti", "Followed up"),
               "return": ("Dikembalikan ke konseptor", "Returned to the drafter")}
# The case's opening line (the core records it as `file`, filing the case) is the
# letter's registration or drafting: never to be read as its filing (`file`, archived).
OPENING = {"incoming": "register", "outgoing": "draft"}


def said_timeline(lines: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    """The timeline `lines` of a letter of `kind` (incoming / outgoing) as e-Surat says
    them: the opening line's action is `register` / `draft` (OPENING), and the actions in
    EVENT_WORDS have their own `to_label`/`to_label_en`."""
    for line in lines:
        if line.get("from") is None and line.get("action") == "file":
            line["action"] = OPENING.get(kind, "register")
        words = EVENT_WORDS.get(str(line.get("action")))
        if words is not None:
            line["to_label"], line["to_label_en"] = words
    return lines


@dataclass(frozen=True)
class Where:
    """The city settings a letter's use case needs: its time zone (CITY_TIMEZONE)."""

    timezone: str = "Asia/Jakarta"


def letter_of(uow: CaseWork, case_id: int) -> SuratLetter | None:
    """The letter row of the case `case_id`, or None."""
    session = uow.session  # type: ignore[attr-defined]
    return session.scalar(select(SuratLetter).where(SuratLetter.case_id == case_id))


def locate(uow: CaseWork, principal: Principal | None, ref: str
           ) -> tuple[CaseRow, SuratLetter]:
    """The case and letter of `ref` (`SURAT-12`, any case) when `principal` may read it.
    Raises RefNotFound (404: unknown, malformed, or no letter) or LetterForbidden (403)."""
    case = find_by_ref(uow, ref, MODULE)
    letter = letter_of(uow, case.id)
    if letter is None:
        from queue_server.services.cases import RefNotFound

        raise RefNotFound(ref)
    require_read(uow, principal, letter)
    return case, letter


def _names(uow: CaseWork, ids: set[int]) -> dict[int, str]:
    from queue_server.persistence.access_models import User

    if not ids:
        return {}
    session = uow.session  # type: ignore[attr-defined]
    rows = session.execute(select(User.id, User.full_name, User.username)
                           .where(User.id.in_(ids))).all()
    return {row.id: row.full_name or row.username for row in rows}


def letter_facts(letter: SuratLetter) -> dict[str, Any]:
    """The letter's own fields (for readers only: the subject is here)."""
    return {
        "direction": letter.direction, "subject": letter.subject,
        "classification": letter.classification, "access": letter.access,
        "urgency": letter.urgency, "sender": letter.sender, "recipient": letter.recipient,
        "letter_date": letter.letter_date.isoformat() if letter.letter_date else None,
        "letter_number": letter.letter_number, "agenda_number": letter.agenda_number,
        "agenda_year": letter.agenda_year, "document_code": letter.document_code,
        "has_scan": letter.scan_file_id is not None,
        "filed_at": letter.filed_at.isoformat() if letter.filed_at else None}


def general_view(uow: CaseWork, principal: Principal | None, ref: str,
                 timezone: str) -> dict[str, Any]:
    """What a reader sees of the letter `ref`: `ref`, `state` (and its labels), the
    letter's fields (letter_facts), its office code, and the timeline (oldest first).
    Raises as `locate`."""
    from .workflows import workflow_of

    case, letter = locate(uow, principal, ref)
    workflow = workflow_of(case.kind)
    office = uow.offices.by_id(letter.office_id)
    state = workflow.state(case.state)
    return {"ref": public_ref(case), "state": case.state, "state_label": state.label_id,
            "state_label_en": state.label_en, "office": office.code if office else None,
            "state_due": case.state_due.isoformat() if case.state_due else None,
            **letter_facts(letter),
            "timeline": said_timeline(timeline(uow, workflow, case, timezone,
                                               public_only=False), case.kind)}


def user_names(uow: CaseWork, ids: set[int]) -> dict[int, str]:
    """Display names of users by id (their name, else username)."""
    return _names(uow, ids)
