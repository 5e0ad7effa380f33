"""Who may read a letter (e-Surat's access classes, as SRIKANDI's: Perka ANRI on the
security classification of records): `biasa` every member of the office holding it;
`terbatas` its head and clerks, and the people involved in it; `rahasia` its head and
the people involved only (the clerk who registered it is involved). The deployment's
admin reads `biasa` letters; nobody outside these reads a `terbatas` or `rahasia` letter's
subject, body, scan or timeline, in a page, an API answer, a search or a log line. The
one rule: every page, route and search asks `may_read`."""

from __future__ import annotations

from sqlalchemy import select

from queue_server.domain.errors import Forbidden
from queue_server.services.auth import ADMIN, Principal
from queue_server.services.port_cases import CaseWork
from queue_server.services.port_documents import DocumentRow, DocumentWork

from .models import SuratLetter, SuratPerson

ACCESS_CLASSES = ("biasa", "terbatas", "rahasia")
URGENCIES = ("biasa", "segera", "sangat_segera")
WHY = ("registered", "disposed", "drafted", "reviewer", "signer")


class LetterForbidden(Forbidden):
    """One neutral text whatever the reason: naming the access class would tell someone
    of another office that a letter is `rahasia`."""

    code = "letter_forbidden"
    text_id = "Surat ini tidak dapat Anda buka."
    text_en = "You cannot open this letter."
    meaning = "The caller may not read this letter (its office or its access class)."

    def __init__(self) -> None:
        super().__init__()


def involve(uow: CaseWork, case_id: int, user_id: int, why: str) -> None:
    """Record that `user_id` is involved in the letter of `case_id` as `why` (one of WHY):
    they may read it whatever its class. Idempotent."""
    session = uow.session  # type: ignore[attr-defined]
    if session.get(SuratPerson, (case_id, user_id, why)) is None:
        session.add(SuratPerson(case_id=case_id, user_id=user_id, why=why))
        session.flush()


def uninvolve(uow: CaseWork, case_id: int, user_id: int, why: str) -> None:
    """Take back the involvement of `user_id` as `why` (a withdrawn disposition that was
    their only one): they read the letter again only as its class allows."""
    session = uow.session  # type: ignore[attr-defined]
    row = session.get(SuratPerson, (case_id, user_id, why))
    if row is not None:
        session.delete(row)
        session.flush()


def involved(uow: CaseWork, case_id: int, user_id: int) -> bool:
    """Whether `user_id` is involved in the letter of `case_id` in any way."""
    session = uow.session  # type: ignore[attr-defined]
    q = select(SuratPerson.why).where(SuratPerson.case_id == case_id,
                                      SuratPerson.user_id == user_id).limit(1)
    return session.scalar(q) is not None


def may_read(uow: CaseWork, principal: Principal | None, letter: SuratLetter) -> bool:
    """Whether `principal` may read `letter` (see the module's rule above)."""
    if principal is None or principal.kind != "staff":
        return False
    if involved(uow, letter.case_id, principal.id):
        return True
    held = uow.offices.roles_of(principal.id).get(letter.office_id, set())
    if letter.access == "biasa":
        return bool(held) or principal.role == ADMIN
    if letter.access == "terbatas":
        return bool(held & {"head", "clerk"})
    return "head" in held


def require_read(uow: CaseWork, principal: Principal | None, letter: SuratLetter) -> None:
    """Raises LetterForbidden (403) unless `may_read`."""
    if not may_read(uow, principal, letter):
        raise LetterForbidden()


def may_read_document(uow: DocumentWork, principal: Principal | None,
                      row: DocumentRow) -> bool | None:
    """The "document_access" hook (services.documents.DocumentAccess): whoever may read
    a letter carrying the document `row` (the signed outgoing letter, or an incoming copy
    delivered to another office) reads the document, nobody else (not the admin nor the
    issuing office's staff beyond `may_read`); None for a document of no letter."""
    session = uow.session  # type: ignore[attr-defined]
    letters = session.scalars(select(SuratLetter).where(
        SuratLetter.document_code == row.code)).all()
    if not letters:
        return None
    return any(may_read(uow, principal, letter) for letter in letters)
