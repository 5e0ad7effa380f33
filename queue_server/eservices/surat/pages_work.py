"""What e-Surat's pages put in front of each reader: the menu links their roles can open
(the retention list only for a clerk, a head or the admin, as retention.schedule
allows), the head's letters waiting for their signature and the clerk's registered
letters not yet disposed (the home page's worklists), and the date each letter of the
register was registered. Every listed letter passes access.may_read."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from queue_server.persistence.case_models import Case
from queue_server.services.auth import ADMIN, Principal
from queue_server.services.cases import public_ref

from .access import may_read
from .models import SuratLetter, SuratReview

LIMIT = 100


def nav_for(uow: Any, who: Principal | None) -> dict[str, bool]:
    """The menu links `who` can use: `letters` (register, outgoing: office members and the
    admin), `archive` (clerk or head somewhere, or the admin)."""
    if who is None or who.kind != "staff":
        return {"letters": False, "archive": False}
    admin = who.role == ADMIN
    held = uow.offices.roles_of(who.id)
    return {"letters": admin or bool(held),
            "archive": admin or any(roles & {"clerk", "head"} for roles in held.values())}


def _rows(uow: Any, who: Principal, letters: list[SuratLetter]) -> list[dict[str, Any]]:
    rows = []
    for letter in letters:
        case = uow.cases.by_id(letter.case_id)
        if case is not None and may_read(uow, who, letter):
            rows.append({"ref": public_ref(case), "subject": letter.subject,
                         "sender": letter.sender, "urgency": letter.urgency,
                         "letter_date": letter.letter_date, "registered": case.opened_at})
    return rows


def worklists(uow: Any, who: Principal) -> dict[str, list[dict[str, Any]]]:
    """`to_sign`: outgoing letters whose signature step is `who`'s turn; `to_dispose`:
    incoming letters still `registered` in the offices where `who` is clerk or head."""
    session = uow.session
    turn = select(SuratReview.case_id).where(
        SuratReview.user_id == who.id, SuratReview.step == "sign",
        SuratReview.state == "current")
    to_sign = list(session.scalars(select(SuratLetter).where(
        SuratLetter.case_id.in_(turn)).order_by(SuratLetter.id).limit(LIMIT)))
    desks = [office_id for office_id, roles in uow.offices.roles_of(who.id).items()
             if roles & {"clerk", "head"}]
    waiting = list(session.scalars(
        select(SuratLetter).join(Case, Case.id == SuratLetter.case_id).where(
            SuratLetter.direction == "incoming", SuratLetter.office_id.in_(desks),
            Case.state == "registered").order_by(SuratLetter.id).limit(LIMIT)))
    return {"to_sign": _rows(uow, who, to_sign), "to_dispose": _rows(uow, who, waiting)}


def registered_on(uow: Any, refs: list[str]) -> dict[str, Any]:
    """The moment each letter `SURAT-n` of `refs` was registered (its case opened)."""
    ids = [int(ref.split("-", 1)[1]) for ref in refs if ref.split("-", 1)[-1].isdigit()]
    if not ids:
        return {}
    rows = uow.session.execute(select(Case.id, Case.opened_at).where(Case.id.in_(ids)))
    return {f"SURAT-{case_id}": opened for case_id, opened in rows}
