"""Technical reviews: every reviewing office of the permit (catalogue `reviewers`)
reviews in parallel, each with its own deadline in working days; approval needs every
review approved; one objection sends the case back to the desk, which rejects it or
sends it back for revision (SSW Alfa: offices review, the head of DPM-PTSP signs)."""

from __future__ import annotations

from queue_server.services.auth import Principal
from queue_server.services.cases import Actor, city_today, note, staff_actor
from queue_server.services.closures import calendar as city_calendar
from queue_server.services.port_cases import CaseRow, CaseWork
from queue_server.services.ports import Clock

from .errors import AlreadyDecided, NotAReviewer, ReasonRequired, SswForbidden, office_words
from .flow import (
    application,
    case_by_ref,
    city_tz,
    move,
    permit_of,
    require_confirmed,
    require_state,
    system_actor,
)
from .models import SswInspection, SswPermitType, SswReview
from .store import add, inspection, reviews


def start_reviews(uow: CaseWork, clock: Clock, case: CaseRow, permit: SswPermitType,
                  actor: Actor) -> None:
    """Open one review per reviewing office (a review approved before, when the case
    comes back after a revision, stays approved; others start again), each due its
    office's working days from today; then the case moves to `review`, or on when no
    review is left (`advance`)."""
    cal, today, now = city_calendar(uow), city_today(clock, city_tz()), clock.now()
    existing = {row.office_id: row for row in reviews(uow, case.id)}
    waiting = 0
    for item in permit.reviewers:
        office = uow.offices.by_code(item["office"])
        if office is None:
            continue
        row = existing.get(office.id)
        if row is not None and row.state == "approved":
            continue
        due = cal.add_working_days(today, int(item["days"]))
        if row is None:
            row = add(uow, SswReview(case_id=case.id, office_id=office.id, state="pending",
                                     started_at=now, due=due))
        row.state, row.started_at, row.due, row.comment = "pending", now, due, ""
        row.decided_by = row.decided_at = None
        waiting += 1
    if waiting:
        move(uow, clock, case, "open_reviews", actor)
    else:
        advance(uow, clock, case, permit, actor)


def advance(uow: CaseWork, clock: Clock, case: CaseRow, permit: SswPermitType,
            actor: Actor) -> None:
    """Every review approved: to the field inspection when the permit needs one (a
    failed one before is cleared), else to the head's decision."""
    if permit.inspection:
        found = inspection(uow, case.id)
        if found is None:
            add(uow, SswInspection(case_id=case.id, answers={}))
        else:
            found.result, found.done_at, found.answers = None, None, {}
        move(uow, clock, case, "to_inspection", actor)
    else:
        move(uow, clock, case, "to_approval", actor)


def decide_review(uow: CaseWork, clock: Clock, principal: Principal, ref: str,
                  office_code: str, approve: bool, comment: str) -> None:
    """A member of the reviewing office `office_code` approves or objects (an objection
    needs `comment`: ReasonRequired 422). The office must review this application
    (NotAReviewer 422); staff of another office: SswForbidden 403; only while the case
    is in review (WrongStep 409) and the review pending (AlreadyDecided 409). An
    objection sends the case to the desk (`object`); the last approval moves it on.
    Commits."""
    comment = (comment or "").strip()
    if not approve and not comment:
        raise ReasonRequired()
    with uow:
        case = case_by_ref(uow, ref)
        require_confirmed(case)
        office = uow.offices.by_code(office_code)
        permit = permit_of(uow, application(uow, case))
        if office is None or office.code not in {r["office"] for r in permit.reviewers}:
            raise NotAReviewer(office_words(office) if office else office_code)
        if principal.kind != "staff" or office.id not in uow.offices.roles_of(principal.id):
            raise SswForbidden("mengkaji (atas nama kantor lain)", "review (for another office)")
        require_state(case, {"review"}, "memutuskan kajian", "deciding a review")
        row = next((r for r in reviews(uow, case.id) if r.office_id == office.id), None)
        if row is None or row.state != "pending":
            raise AlreadyDecided(office_words(office))
        row.state = "approved" if approve else "objected"
        row.comment, row.decided_by, row.decided_at = comment, principal.id, clock.now()
        actor = staff_actor(uow, principal, case, None)
        note(uow, clock, case, actor, f"review_{row.state}", comment,
             data={"office": office.code})
        _after_review(uow, clock, case, row, system_actor(actor), comment)
        uow.commit()


def _after_review(uow: CaseWork, clock: Clock, case: CaseRow, row: SswReview,
                  actor: Actor, comment: str) -> None:
    if row.state == "objected":
        move(uow, clock, case, "object", actor, comment)
    elif all(r.state == "approved" for r in reviews(uow, case.id)):
        advance(uow, clock, case, permit_of(uow, application(uow, case)), actor)
