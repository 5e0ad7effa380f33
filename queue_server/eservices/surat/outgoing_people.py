"""Who is who on an outgoing letter: users named by id or username, the office a drafter
drafts for, the review chain (paraf) and the signer, checked against the office."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from queue_server.domain.errors import Words
from queue_server.persistence.access_models import User
from queue_server.persistence.case_models import OfficeMember
from queue_server.services.auth import Principal
from queue_server.services.port_cases import CaseWork, OfficeRow

from .outgoing_errors import (
    ChainEmpty,
    DraftOfficeNeeded,
    NoHead,
    NotDraftingMember,
    ReviewerInvalid,
    SignerInvalid,
)

MAX_REVIEWERS = 8


def user_named(uow: CaseWork, who: str | int) -> User | None:
    """The active user of id `who` (an int or digits) or of username `who`."""
    session = uow.session  # type: ignore[attr-defined]
    said = str(who).strip()
    if said.isdigit():
        found = session.get(User, int(said))
    else:
        found = session.scalar(select(User).where(User.username == said))
    return found if found is not None and found.active else None


def drafting_office(uow: CaseWork, principal: Principal, code: str | None) -> OfficeRow:
    """The office `principal` drafts for: `code`, or their only office. Raises
    NotDraftingMember (403: not a member there, or of no office) or DraftOfficeNeeded
    (422: member of several and none named)."""
    held = uow.offices.roles_of(principal.id)
    if code:
        office = uow.offices.by_code(code)
        if office is None or office.id not in held or not office.active:
            raise NotDraftingMember(code)
        return office
    offices = [o for o in (uow.offices.by_id(i) for i in sorted(held)) if o and o.active]
    if not offices:
        raise NotDraftingMember("-")
    if len(offices) > 1:
        raise DraftOfficeNeeded(", ".join(o.code for o in offices))
    return offices[0]


def _members(uow: CaseWork, office_id: int) -> dict[int, set[str]]:
    session = uow.session  # type: ignore[attr-defined]
    q = select(OfficeMember.user_id, OfficeMember.role).where(
        OfficeMember.office_id == office_id)
    found: dict[int, set[str]] = {}
    for user_id, role in session.execute(q):
        found.setdefault(user_id, set()).add(role)
    return found


def heads(uow: CaseWork, office_id: int) -> list[User]:
    """The office's active heads, by username."""
    session = uow.session  # type: ignore[attr-defined]
    ids = [uid for uid, roles in _members(uow, office_id).items() if "head" in roles]
    users = [session.get(User, uid) for uid in ids]
    return sorted((u for u in users if u is not None and u.active), key=lambda u: u.username)


def chain_of(uow: CaseWork, office: OfficeRow, drafter_id: int, reviewers: Sequence[str | int],
             signer: str | int | None) -> tuple[list[int], int]:
    """The reviewers' user ids in order and the signer's id. Each reviewer must be an
    active member of `office`, named once, neither the drafter nor the signer
    (ReviewerInvalid 422); at least one (ChainEmpty 422), at most MAX_REVIEWERS. The
    signer is the office's head (SignerInvalid 422 for anyone else; NoHead 422 when the
    office has none); None: its first head."""
    members = _members(uow, office.id)
    signer_id = _signer(uow, office, members, signer)
    ids: list[int] = []
    for who in list(reviewers)[:MAX_REVIEWERS + 1]:
        user = user_named(uow, who)
        if user is None:
            raise ReviewerInvalid(str(who), Words("pengguna tidak dikenal", "unknown user"))
        if user.id not in members:
            raise ReviewerInvalid(user.username, Words(f"bukan pegawai {office.code}",
                                                       f"not a member of {office.code}"))
        if user.id in ids or user.id in (drafter_id, signer_id):
            raise ReviewerInvalid(user.username, Words("disebut dua kali", "named twice"))
        ids.append(user.id)
    if not ids:
        raise ChainEmpty()
    if len(ids) > MAX_REVIEWERS:
        raise ReviewerInvalid(str(reviewers[-1]), Words(
            f"paling banyak {MAX_REVIEWERS} pemaraf", f"at most {MAX_REVIEWERS} reviewers"))
    return ids, signer_id


def _signer(uow: CaseWork, office: OfficeRow, members: dict[int, set[str]],
            signer: str | int | None) -> int:
    if signer is None or str(signer).strip() == "":
        found = heads(uow, office.id)
        if not found:
            raise NoHead(office.code)
        return found[0].id
    user = user_named(uow, signer)
    if user is None or "head" not in members.get(user.id, set()):
        raise SignerInvalid(str(signer), office.code)
    return user.id


def display_name(uow: CaseWork, user_id: int | None) -> str:
    """A user's full name (their username when it has none); "" for None."""
    if user_id is None:
        return ""
    user = uow.session.get(User, user_id)  # type: ignore[attr-defined]
    if user is None:
        return ""
    return user.full_name or user.username
