"""How an outgoing letter reads to staff (API answers and pages): the letter, its chain
with each step's state and time, its number and document links once signed, and the
actions the caller may take now; the lists of an office's outgoing letters and of those
waiting for the caller's paraf or signature. Every row passes access.may_read."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from queue_server.services.auth import Principal
from queue_server.services.cases import public_ref
from queue_server.services.port_cases import CaseRow, CaseWork

from .access import may_read
from .models import SuratLetter, SuratReview
from .outgoing import KIND, WORKFLOW
from .outgoing_chain import chain, letter_roles
from .outgoing_people import display_name

LIST_LIMIT = 200


def _iso(moment: Any) -> str | None:
    return moment.isoformat(timespec="seconds") if moment is not None else None


def _chain_rows(uow: CaseWork, case_id: int) -> list[dict[str, Any]]:
    return [{"position": s.position, "user_id": s.user_id,
             "name": display_name(uow, s.user_id), "step": s.step, "state": s.state,
             "acted_at": _iso(s.acted_at), "comment": s.comment}
            for s in chain(uow, case_id)]


def actions_for(uow: CaseWork, principal: Principal, case: CaseRow,
                letter: SuratLetter) -> list[dict[str, Any]]:
    """The actions `principal` may take on the letter now (name, labels, comment needed)."""
    roles = letter_roles(uow, principal, case, letter, chain(uow, case.id))
    return [{"action": t.action, "label": t.label_id, "label_en": t.label_en,
             "comment": t.comment}
            for t in WORKFLOW.actions_from(case.state, roles) if "system" not in t.roles]


def letter_view(uow: CaseWork, principal: Principal, case: CaseRow,
                letter: SuratLetter) -> dict[str, Any]:
    """The letter as its reader sees it (the caller checked may_read)."""
    state = WORKFLOW.state(case.state)
    office = uow.offices.by_id(letter.office_id)
    to_office = uow.offices.by_id(letter.to_office_id) if letter.to_office_id else None
    code = letter.document_code
    return {
        "ref": public_ref(case), "state": case.state, "state_label": state.label_id,
        "state_label_en": state.label_en, "office": office.code if office else None,
        "subject": letter.subject, "recipient": letter.recipient,
        "classification": letter.classification, "access": letter.access,
        "urgency": letter.urgency, "template": letter.template, "body": letter.body,
        "delivery": letter.delivery, "to_office": to_office.code if to_office else None,
        "drafter": display_name(uow, letter.created_by),
        "number": letter.letter_number,
        "letter_date": letter.letter_date.isoformat() if letter.letter_date else None,
        "document_code": code,
        "pdf_url": f"/api/v1/documents/{code}/pdf" if code else None,
        "verify_url": f"/v/{code}" if code else None,
        "created_at": _iso(letter.created_at), "signed_at": _iso(letter.signed_at),
        "sent_at": _iso(letter.sent_at),
        "chain": _chain_rows(uow, case.id),
        "actions": actions_for(uow, principal, case, letter)}


def _row(uow: CaseWork, case: CaseRow, letter: SuratLetter) -> dict[str, Any]:
    state = WORKFLOW.state(case.state)
    return {"ref": public_ref(case), "state": case.state, "state_label": state.label_id,
            "state_label_en": state.label_en, "subject": letter.subject,
            "recipient": letter.recipient, "number": letter.letter_number,
            "access": letter.access, "urgency": letter.urgency,
            "created_at": _iso(letter.created_at)}


def lists(uow: CaseWork, principal: Principal) -> dict[str, list[dict[str, Any]]]:
    """`office`: the outgoing letters of the caller's offices (newest first); `mine`: those
    waiting for the caller's paraf or signature, and the caller's drafts (returned ones
    too). Letters the caller may not read are left out."""
    session = uow.session  # type: ignore[attr-defined]
    offices = sorted(uow.offices.roles_of(principal.id))
    turn = select(SuratReview.case_id).where(SuratReview.user_id == principal.id,
                                             SuratReview.state == "current")
    mine = (session.query(SuratLetter)
            .filter(SuratLetter.direction == KIND)
            .filter(SuratLetter.case_id.in_(turn) | (SuratLetter.created_by == principal.id))
            .order_by(SuratLetter.id.desc()).limit(LIST_LIMIT).all())
    of_office = (session.query(SuratLetter)
                 .filter(SuratLetter.direction == KIND, SuratLetter.office_id.in_(offices))
                 .order_by(SuratLetter.id.desc()).limit(LIST_LIMIT).all())
    return {"mine": _readable(uow, principal, mine, mine_only=True),
            "office": _readable(uow, principal, of_office)}


def _readable(uow: CaseWork, principal: Principal, letters: list[SuratLetter],
              mine_only: bool = False) -> list[dict[str, Any]]:
    rows = []
    for letter in letters:
        case = uow.cases.by_id(letter.case_id)
        if case is None or not may_read(uow, principal, letter):
            continue
        if mine_only and case.state not in ("draft", "review", "signing", "signed"):
            continue
        rows.append(_row(uow, case, letter))
    return rows
