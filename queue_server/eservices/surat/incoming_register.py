"""The incoming register for staff: registering a letter as a clerk (TU) or the head of
the receiving office, and the register list with its search, which leaves out every
letter the caller may not read (access.may_read): a `rahasia` letter's subject is never
matched, listed or counted for anyone else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select

from queue_server.services.auth import ADMIN, Principal
from queue_server.services.cases import Actor, public_ref
from queue_server.services.port_cases import CaseWork, FileStore
from queue_server.services.ports import Clock

from .access import may_read
from .incoming import IncomingLetter, register_incoming
from .incoming_errors import NotInOffice, NotOfficeClerk
from .models import SuratLetter

SCAN_LIMIT = 1000  # letters looked at per search before the access filter


def clerk_office(uow: CaseWork, principal: Principal, office_code: str | None) -> int:
    """The id of the office `principal` registers for: `office_code` (NotInOffice 422
    when unknown), or their one office as clerk or head. Raises NotOfficeClerk (403)
    unless they are clerk or head there."""
    held = uow.offices.roles_of(principal.id) if principal.kind == "staff" else {}
    if office_code:
        office = uow.offices.by_code(office_code)
        if office is None:
            raise NotInOffice(office_code[:40])
        office_id = office.id
    else:
        mine = [oid for oid, roles in held.items() if roles & {"clerk", "head"}]
        if len(mine) != 1:
            raise NotOfficeClerk()
        office_id = mine[0]
    if not held.get(office_id, set()) & {"clerk", "head"}:
        raise NotOfficeClerk()
    return office_id


def register_as_clerk(uow: CaseWork, clock: Clock, principal: Principal,
                      office_code: str | None, fields: dict[str, Any],
                      scan: tuple[bytes, str] | None, files: FileStore,
                      timezone: str) -> SuratLetter:
    """Register an incoming letter for the clerk or head `principal` (clerk_office's
    errors, then register_incoming's) and commit. Returns the letter."""
    with uow:
        office_id = clerk_office(uow, principal, office_code)
        letter = IncomingLetter(office_id=office_id, **fields)
        actor = Actor(principal.actor, frozenset({"clerk"}), principal.id)
        row = register_incoming(uow, clock, letter, principal.id, scan, files, actor,
                                timezone)
        uow.commit()
        return row


@dataclass
class Search:
    """The register's filter: words in the subject, sender or their number (`q`), the
    agenda year, the office (code), and the page (50 a page)."""

    q: str = ""
    year: int | None = None
    office: str | None = None
    page: int = 1
    per_page: int = 50


def _query(uow: CaseWork, principal: Principal, search: Search) -> Any:
    query = select(SuratLetter).where(SuratLetter.direction == "incoming")
    held = uow.offices.roles_of(principal.id)
    if principal.role != ADMIN:
        query = query.where(SuratLetter.office_id.in_(list(held) or [0]))
    if search.office:
        office = uow.offices.by_code(search.office)
        query = query.where(SuratLetter.office_id == (office.id if office else 0))
    if search.year:
        query = query.where(SuratLetter.agenda_year == search.year)
    words = search.q.strip()[:100]
    if words:
        like = f"%{words}%"
        query = query.where(or_(SuratLetter.subject.ilike(like), SuratLetter.sender.ilike(like),
                                SuratLetter.letter_number.ilike(like)))
    return query.order_by(SuratLetter.id.desc()).limit(SCAN_LIMIT)


def register_list(uow: CaseWork, principal: Principal, search: Search) -> dict[str, Any]:
    """The incoming letters `principal` may read (their offices'; the admin's: every
    office's `biasa` ones), newest first: `items` (ref, agenda, sender, subject, dates,
    classification, access, urgency, state), `page`, `total` (of readable ones)."""
    session = uow.session  # type: ignore[attr-defined]
    readable = [row for row in session.scalars(_query(uow, principal, search))
                if may_read(uow, principal, row)]
    start = (max(search.page, 1) - 1) * search.per_page
    items = []
    for row in readable[start:start + search.per_page]:
        case = uow.cases.by_id(row.case_id)
        if case is None:
            continue
        items.append({
            "ref": public_ref(case), "agenda_number": row.agenda_number,
            "agenda_year": row.agenda_year, "sender": row.sender, "subject": row.subject,
            "letter_number": row.letter_number,
            "letter_date": row.letter_date.isoformat() if row.letter_date else None,
            "classification": row.classification, "access": row.access,
            "urgency": row.urgency, "state": case.state,
            "state_due": case.state_due.isoformat() if case.state_due else None})
    return {"items": items, "page": search.page, "total": len(readable)}


def user_ids(uow: CaseWork, office_id: int, usernames: list[str]) -> list[int]:
    """The ids of `usernames`, each a member of the office `office_id` (NotInOffice 422
    naming the first that is not, or is unknown)."""
    from queue_server.persistence.access_models import User

    session = uow.session  # type: ignore[attr-defined]
    ids = []
    for name in usernames:
        found = session.scalar(select(User.id).where(User.username == name.strip()))
        if found is None or office_id not in uow.offices.roles_of(found):
            raise NotInOffice(name[:60])
        ids.append(int(found))
    return ids
