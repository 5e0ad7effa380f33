"""Actions on a complaint through the shared workflow: staff by their roles on it (desk,
office, head, admin), the holder of the tracking code as `citizen` (close, rate, reopen).
What e-Wadul adds to the engine: `forward` goes to the category's office unless another
is named, `return` sends it back to the Media Center (the desk office: out of the
returning office's inbox and counts), `accept` and `reopen` give the office the category's
days, `rate` keeps the rating once and `reopen` clears it (the new answer is rated anew;
the old rating stays in the timeline), `merge` names the original, `answer` is timed for
the dashboard. The desk's `edit` (editing.py) corrects the flags and the description
without moving the case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from queue_server.domain.workflow import ActionForbidden
from queue_server.services.auth import Principal
from queue_server.services.cases import (
    CITIZEN,
    Actor,
    Step,
    act,
    city_today,
    public_ref,
    staff_actor,
)
from queue_server.services.port_cases import CaseRow, CaseWork
from queue_server.services.ports import Clock

from . import WORKFLOW
from .citizen import spent_actions
from .domain import (
    OfficeInactive,
    OfficeUnknown,
    check_rating,
)
from .editing import EDIT, EditIn, edit_report
from .messages import tell_citizen
from .models import WadulReport
from .reading import category_of, desk_id, full, staff_roles
from .refs import locate, merge_target
from .store import WadulStore


@dataclass
class ActionIn:
    """An action asked of a complaint: its name, a comment (the answer's text, the
    reason of a rejection), the office code to forward to (`opd`), the citizen's
    `rating` (1-5, with `rate`), the original's reference for `merge` (`duplicate_of`), and
    the corrections of `edit` (`anonymous`, `confidential`, `description`; None: kept)."""

    action: str
    comment: str = ""
    opd: str | None = None
    rating: int | None = None
    duplicate_of: str | None = None
    anonymous: bool | None = None
    confidential: bool | None = None
    description: str | None = None


def _step(uow: CaseWork, store: WadulStore, case: CaseRow, report: WadulReport,
          asked: ActionIn) -> Step:
    """The engine's Step for `asked`, with e-Wadul's rules applied before it moves."""
    step = Step(asked.action, asked.comment or "")
    category = category_of(store, report)
    if asked.action == "forward":
        office = (uow.offices.by_code(asked.opd) if asked.opd
                  else uow.offices.by_id(category.office_id))
        if office is None:
            raise OfficeUnknown(asked.opd or str(category.office_id))
        if not office.active:
            raise OfficeInactive(office.code)
        step.office_id = office.id
    elif asked.action == "return":
        step.office_id = desk_id(uow)
    elif asked.action in ("accept", "reopen"):
        step.state_days = category.days
        if asked.action == "reopen" and report.rating is not None:
            step.data = {"previous_rating": report.rating}
    elif asked.action == "rate":
        step.data = {"rating": check_rating(asked.rating, report.rating)}
    elif asked.action == "merge":
        step.data = {"duplicate_of": public_ref(merge_target(uow, case, asked.duplicate_of))}
    return step


def _apply(uow: CaseWork, clock: Clock, tz: str, case: CaseRow, asked: ActionIn,
           actor: Actor, tell: bool = False) -> None:
    """Take the action and keep e-Wadul's record of it; with `tell` (a messaging gateway)
    the citizen hears of an answer, a rejection or a merge (messages.tell_citizen)."""
    store = WadulStore(uow)
    report = store.report(case.id)
    assert report is not None
    act(uow, clock, WORKFLOW, case, _step(uow, store, case, report, asked), actor,
        timezone=tz)
    if asked.action == "rate":
        report.rating = asked.rating
    elif asked.action == "merge":
        report.duplicate_of = merge_target(uow, case, asked.duplicate_of).id
    elif asked.action == "answer":
        report.answered_at = clock.now()
    elif asked.action == "reopen":
        report.answered_at, report.rating = None, None
    if tell:
        tell_citizen(uow, clock, tz, case, report, asked.action, asked.comment)


def act_as_staff(uow: CaseWork, clock: Clock, tz: str, principal: Principal, code: str,
                 asked: ActionIn, tell: bool = False) -> dict[str, Any]:
    """Take `asked` on the complaint of `code` as staff `principal` (roles from
    services.cases.roles_for). Raises CaseNotFound (404), WrongOffice or WadulForbidden
    (403: no role on this complaint), the engine's errors (ActionNotAllowed 409,
    ActionForbidden 403, UnknownAction/CommentRequired/OfficeRequired 422), OfficeUnknown,
    DuplicateRequired/DuplicateInvalid (422), OfficeInactive (409: forward to a
    deactivated office); for `edit` (desk and admin only) editing.NothingToEdit and
    DescriptionLength (422). With `tell` (services.case_messages.messages_on) an answer, a
    rejection or a merge queues a message to the citizen's phone. Commits; returns the
    complaint as the caller now reads it (reading.full)."""
    with uow:
        case = locate(uow, code, staff=True)  # a public reference or the tracking code
        staff_roles(uow, principal, case)  # refuses a caller with no role on it
        actor = staff_actor(uow, principal, case, desk_id(uow))
        if asked.action == EDIT:
            report = WadulStore(uow).report(case.id)
            assert report is not None
            edit_report(uow, clock, case, report, EditIn(
                asked.anonymous, asked.confidential, asked.description), actor,
                asked.comment)
        else:
            _apply(uow, clock, tz, case, asked, actor, tell)
        body = _after(uow, clock, tz, case, principal)
        uow.commit()
    return body


def _after(uow: CaseWork, clock: Clock, tz: str, case: CaseRow,
           principal: Principal | None) -> dict[str, Any]:
    today: date = city_today(clock, tz)
    if principal is None:
        return full(uow, case, frozenset({"citizen"}), True, tz, today)
    roles = staff_roles_or_none(uow, principal, case)
    return full(uow, case, roles, False, tz, today)


def staff_roles_or_none(uow: CaseWork, principal: Principal, case: CaseRow) -> frozenset[str]:
    """The staff roles on `case` after an action (a forward may have moved the case to
    another office: the caller then reads it with no role, without the reporter)."""
    from queue_server.services.cases import roles_for

    return roles_for(uow, principal, case, desk_id(uow))


def act_as_citizen(uow: CaseWork, clock: Clock, tz: str, code: str,
                   asked: ActionIn) -> dict[str, Any]:
    """Take `asked` as the holder of the tracking `code` (role `citizen`: close, rate
    with `rating` 1-5 once, reopen with a comment, the last two within 10 working days
    of the answer: ActionTooLate 409 after). Raises CaseNotFound (404), InvalidRating
    (422), RatedAlready (409) and the engine's errors. Commits; returns the owner's view."""
    if asked.action == EDIT:  # the desk's correction, never the filer's
        raise ActionForbidden(EDIT)
    with uow:
        case = locate(uow, code, staff=False)  # the tracking code only
        _apply(uow, clock, tz, case, asked, CITIZEN)
        body = _after(uow, clock, tz, case, None)
        uow.commit()
    return body


def owner_facts(uow: CaseWork, case: CaseRow) -> dict[str, Any]:
    """What `/c/{code}` tells the complaint's owner (services.case_kinds.OwnerFacts): the
    `rating` given and the `spent` actions (citizen.spent_actions: `rate` once rated)."""
    report = WadulStore(uow).report(case.id)
    rating = report.rating if report is not None else None
    return {"rating": rating, "spent": sorted(spent_actions(rating))}


__all__ = ["ActionIn", "act_as_citizen", "act_as_staff", "owner_facts", "staff_roles"]
