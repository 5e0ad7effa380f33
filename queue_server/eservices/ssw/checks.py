"""The desk (members of dpmptsp, SSW's front office) checks each document on its own:
accepted, or sent back for revision with a reason the applicant reads. While any is in
revision the case waits for the applicant, who sends only those again; the accepted
ones stay accepted. Once every required document is accepted the technical reviews
open, in parallel (reviews.start_reviews). SSW Alfa flags missing documents one by one
while the rest keeps moving (ESERVICES.md, Surabaya Single Window)."""

from __future__ import annotations

from collections.abc import Mapping

from queue_server.services.auth import Principal
from queue_server.services.cases import Actor, note
from queue_server.services.port_cases import CaseRow, CaseWork
from queue_server.services.ports import Clock

from .deadlines import start_clock
from .errors import ReasonRequired, RevisionDocumentsRequired, UnknownRequirement
from .flow import (
    actor_on,
    application,
    case_by_ref,
    city_tz,
    move,
    permit_of,
    require_roles,
    require_state,
    system_actor,
)
from .messages import tell_flagged
from .models import SswPermitType
from .reviews import start_reviews
from .store import latest_documents

CHECKING = {"submitted", "revision"}


def all_required_accepted(uow: CaseWork, case: CaseRow, permit: SswPermitType) -> bool:
    """Whether the latest version of every required document is accepted."""
    latest = latest_documents(uow, case.id)
    return all(d["code"] in latest and latest[d["code"]].state == "accepted"
               for d in permit.documents if d["required"])


def check_document(uow: CaseWork, clock: Clock, principal: Principal, ref: str,
                   requirement: str, accepted: bool, reason: str) -> None:
    """The desk records its check of the latest version of `requirement` on the
    application `ref`: accepted, or `revision` with `reason` (ReasonRequired 422).
    Only members of the intake office and the admin (SswForbidden 403); while the case
    is at the document check or waiting for corrections (WrongStep 409); the document
    must have been sent (UnknownRequirement 422). A revision sends a case at the check
    to the applicant (`ask_revision`); all required documents accepted opens the
    reviews. Commits."""
    reason = (reason or "").strip()
    if not accepted and not reason:
        raise ReasonRequired()
    with uow:
        case = case_by_ref(uow, ref)
        actor = actor_on(uow, principal, case)
        require_roles(actor, {"desk", "admin"}, "memeriksa dokumen", "check the documents of")
        require_state(case, CHECKING, "memeriksa dokumen", "checking documents")
        row = latest_documents(uow, case.id).get(requirement)
        if row is None:
            raise UnknownRequirement(requirement)
        row.state, row.reason = ("accepted", "") if accepted else ("revision", reason[:500])
        row.checked_by, row.checked_at = principal.id, clock.now()
        note(uow, clock, case, actor, "document_checked", reason, public=True,
             data={"requirement": requirement, "accepted": accepted, "version": row.version})
        _after_check(uow, clock, case, system_actor(actor))
        uow.commit()


def flag_documents(uow: CaseWork, clock: Clock, case: CaseRow, principal: Principal,
                   actor: Actor, documents: Mapping[str, str]) -> list[str]:
    """Send the latest version of each document named in `documents` (requirement code
    → the reason the applicant reads) back for revision, as the desk's check does: at
    least one (RevisionDocumentsRequired 422), each one the application has
    (UnknownRequirement 422), each with its reason (ReasonRequired 422). Used when the
    desk sends an objected application back (decisions.send_back); the caller commits.
    Returns the codes flagged, sorted."""
    if not documents:
        raise RevisionDocumentsRequired()
    latest = latest_documents(uow, case.id)
    for requirement, reason in sorted(documents.items()):
        row = latest.get(requirement)
        if row is None:
            raise UnknownRequirement(requirement)
        if not (reason or "").strip():
            raise ReasonRequired()
        row.state, row.reason = "revision", reason.strip()[:500]
        row.checked_by, row.checked_at = principal.id, clock.now()
        note(uow, clock, case, actor, "document_checked", row.reason, public=True,
             data={"requirement": requirement, "accepted": False, "version": row.version})
    return sorted(documents)


def _after_check(uow: CaseWork, clock: Clock, case: CaseRow, actor: Actor) -> None:
    """What a check leads to once every document has been checked: corrections asked
    (the flagged ones), or the reviews opened (all required accepted)."""
    if case.state != "submitted":
        return
    latest = latest_documents(uow, case.id)
    if any(row.state == "pending" for row in latest.values()):
        return
    flagged = sorted(req for req, row in latest.items() if row.state == "revision")
    if flagged:
        move(uow, clock, case, "ask_revision", actor, ", ".join(flagged))
        tell_flagged(uow, clock, case, {req: latest[req].reason for req in flagged})
        return
    permit = permit_of(uow, application(uow, case))
    if all_required_accepted(uow, case, permit):
        start_clock(uow, clock, case, permit, city_tz())
        start_reviews(uow, clock, case, permit, actor)
