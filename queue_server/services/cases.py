"""Cases of every e-service module: filing one, taking a workflow action on it, and its
timeline. The rules are domain.workflow's; here they meet the database, the clock and
the calendar (working days counted on the city's date).

Who may act is decided per case: `roles_for` gives a staff member `desk` in the module's
intake office, `office`/`head` in the office holding the case, `admin` for the
deployment's admin; whoever holds a case's tracking code acts as `citizen`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from ..domain.calendar import Calendar
from ..domain.codes import PUBLIC_REF, new_visit_code
from ..domain.errors import NotFound
from ..domain.workflow import Workflow, state_due
from .auth import ADMIN, Principal
from .closures import calendar as city_calendar
from .port_cases import CaseEventRow, CaseRow, CaseWork
from .ports import Clock


class CaseNotFound(NotFound):
    code = "case_not_found"
    text_id = "Kasus {code} tidak ditemukan."
    text_en = "No case has the code {code}."

    def __init__(self, code: str):
        super().__init__(code=code)


class RefNotFound(CaseNotFound):
    """A public reference (`WADUL-123`) that names no case, or none the caller may read
    by it. References are sequential and public, so a miss is no guess at a secret: it
    is never counted as a code probe (edge/code_guard.py), unlike a tracking code's."""

    text_id = "Nomor {code} tidak ditemukan."
    text_en = "Nothing has the reference {code}."


@dataclass(frozen=True)
class Actor:
    """Who acts on a case: `name` as the timeline shows it (`staff:budi`, `citizen`,
    `system`, `open311:Aplikasi Warga`), the roles held on this case, and the user."""

    name: str
    roles: frozenset[str]
    user_id: int | None = None

    @property
    def role(self) -> str:
        """The one role the timeline records (the most specific held)."""
        for role in ("admin", "head", "desk", "office", "citizen", "system"):
            if role in self.roles:
                return role
        return next(iter(sorted(self.roles)), "")


CITIZEN = Actor("citizen", frozenset({"citizen"}))
SYSTEM = Actor("system", frozenset({"system"}))


@dataclass
class Filing:
    """A new case: its module and kind, the office it starts with, the citizen behind it
    (personal data, kept off every public view), and whether it is already confirmed
    (False while a phone code is outstanding)."""

    module: str
    office_id: int | None = None
    nik: str | None = None
    phone: str | None = None
    name: str | None = None
    confirmed: bool = True
    comment: str = ""
    state_days: int | None = None  # a category's own limit for the first state
    overall_days: int | None = None  # a category's own overall limit
    data: dict[str, Any] = field(default_factory=dict)


def city_today(clock: Clock, timezone: str) -> date:
    """Today's date in the city's time zone (the day working days count from)."""
    return clock.now().astimezone(ZoneInfo(timezone)).date()


def roles_for(uow: CaseWork, principal: Principal | None, case: CaseRow | None,
              desk_office_id: int | None) -> frozenset[str]:
    """The workflow roles a staff `principal` holds on `case` (None: a case being filed):
    `admin` for the deployment's admin; `desk` as a member of the module's intake office;
    `office` as any member and `head` as head of the office holding the case, with the
    module roles `clerk` and `inspector` held there too. Empty for a
    device, a caller without a role here, or no principal."""
    if principal is None or principal.kind != "staff":
        return frozenset()
    roles: set[str] = {"admin"} if principal.role == ADMIN else set()
    held = uow.offices.roles_of(principal.id)
    if desk_office_id is not None and desk_office_id in held:
        roles.add("desk")
    if case is not None and case.office_id is not None:
        mine = held.get(case.office_id, set())
        if mine - {"head"}:
            roles.add("office")
        if "head" in mine:
            roles.update({"head", "office"})
        roles.update(mine & {"clerk", "inspector"})
    return frozenset(roles)


def staff_actor(uow: CaseWork, principal: Principal, case: CaseRow | None,
                desk_office_id: int | None) -> Actor:
    """The staff `principal` as an Actor on `case` (roles from `roles_for`)."""
    return Actor(principal.actor, roles_for(uow, principal, case, desk_office_id),
                 principal.id)


def _new_code(uow: CaseWork) -> str:
    while True:  # 31**10 codes: a collision is astronomically rare, but never reused
        code = new_visit_code()
        if not uow.cases.code_taken(code):
            return code


def open_case(uow: CaseWork, clock: Clock, workflow: Workflow, filing: Filing,
              actor: Actor, calendar: Calendar | None = None,
              timezone: str = "Asia/Jakarta") -> CaseRow:
    """File a case in the workflow's initial state, with its deadlines (working days from
    today in `timezone`) and the first timeline line (`file`). Returns the case (flushed,
    not committed); its `code` is the citizen's tracking code."""
    cal = calendar or city_calendar(uow)
    now, today = clock.now(), city_today(clock, timezone)
    first = workflow.state(workflow.initial)
    overall = filing.overall_days if filing.overall_days is not None else workflow.overall_days
    case = uow.cases.add(
        module=filing.module, kind=workflow.kind, code=_new_code(uow), state=first.name,
        office_id=filing.office_id, opened_at=now, state_since=now,
        state_due=state_due(cal, first, today, filing.state_days),
        due=None if overall is None else cal.add_working_days(today, overall),
        confirmed=filing.confirmed, nik=filing.nik, phone=filing.phone, name=filing.name)
    uow.cases.add_event(case_id=case.id, at=now, actor=actor.name, role=actor.role,
                        action="file", from_state=None, to_state=first.name,
                        office_id=filing.office_id, comment=filing.comment,
                        public=True, data=filing.data)
    return case


def find(uow: CaseWork, code: str, module: str | None = None) -> CaseRow:
    """The case of tracking `code` (of `module` when given; unconfirmed ones too).
    Raises CaseNotFound (404)."""
    case = uow.cases.by_code(code, module)
    if case is None:
        raise CaseNotFound(code)
    return case


MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL: a larger one names no case


def public_ref(case: CaseRow) -> str:
    """A case's public reference, `WADUL-123` (its module and id): what public lists,
    public pages and Open311 show. The tracking `code` stays its owner's secret (whoever
    holds it acts as the citizen), so it is never shown in public."""
    return f"{case.module.upper()}-{case.id}"


def find_by_ref(uow: CaseWork, ref: str, module: str) -> CaseRow:
    """The case of public reference `ref` (case-insensitive) of `module`, unconfirmed ones
    too (callers decide what is public). Raises RefNotFound (404; never counted as a
    code probe) for a malformed, unknown or other module's reference."""
    said = (ref or "").strip()[:60]
    matched = PUBLIC_REF.fullmatch(said)
    if (matched is None or matched.group(1).lower() != module.lower()
            or int(matched.group(2)) > MAX_ID):
        raise RefNotFound(said)
    case = uow.cases.by_id(int(matched.group(2)))
    if case is None or case.module != module:
        raise RefNotFound(said)
    return case


@dataclass
class Step:
    """One action asked of a case: the comment, the office it goes to (`forward`), the
    new state's own limit (a category's), and data for the timeline (a rating)."""

    action: str
    comment: str = ""
    office_id: int | None = None
    state_days: int | None = None
    data: dict[str, Any] = field(default_factory=dict)


def act(uow: CaseWork, clock: Clock, workflow: Workflow, case: CaseRow, step: Step,
        actor: Actor, calendar: Calendar | None = None,
        timezone: str = "Asia/Jakarta") -> CaseEventRow:
    """Take `step.action` on `case` as `actor`: the workflow decides whether it may
    (UnknownAction 422, ActionNotAllowed 409, ActionForbidden 403, CommentRequired or
    OfficeRequired 422, ActionTooLate 409); the case moves, its state deadline is set
    again in working days, an escalation flag is cleared by the move, and a timeline line
    is written. Returns that line (flushed, not committed)."""
    cal = calendar or city_calendar(uow)
    case = uow.cases.lock(case)
    transition = workflow.take(case.state, step.action, actor.roles, comment=step.comment,
                               office=step.office_id)
    today = city_today(clock, timezone)
    entered = case.state_since.astimezone(ZoneInfo(timezone)).date()
    workflow.check_window(transition, cal, entered, today)
    now, before = clock.now(), case.state
    target = workflow.state(transition.target)
    case.state, case.state_since = target.name, now
    case.state_due = state_due(cal, target, today, step.state_days)
    case.escalated_at = None
    if step.office_id is not None:
        case.office_id = step.office_id
    case.closed_at = now if target.kind == "closed" else None
    case.version += 1
    return uow.cases.add_event(
        case_id=case.id, at=now, actor=actor.name, role=actor.role, action=step.action,
        from_state=before, to_state=target.name, office_id=step.office_id,
        comment=step.comment.strip(), public=transition.public, data=step.data)


def note(uow: CaseWork, clock: Clock, case: CaseRow, actor: Actor, action: str,
         comment: str = "", public: bool = False,
         data: dict[str, Any] | None = None) -> CaseEventRow:
    """A timeline line that moves nothing (an internal note, an escalation flag, a photo
    added): the case keeps its state."""
    return uow.cases.add_event(case_id=case.id, at=clock.now(), actor=actor.name,
                               role=actor.role, action=action, from_state=case.state,
                               to_state=case.state, office_id=None, comment=comment,
                               public=public, data=data or {})


def timeline(uow: CaseWork, workflow: Workflow, case: CaseRow, tz: str,
             public_only: bool) -> list[dict[str, Any]]:
    """The case's timeline lines, oldest first: `at` (ISO with the city's offset),
    `action`, `from`/`to` states with their labels, `actor` (only `role` on a public
    view: no staff name shows to the public), `comment`, `office` (code)."""
    offices: dict[int, str] = {}
    rows = []
    for event in uow.cases.events(case.id, public_only):
        office = None
        if event.office_id is not None:
            if event.office_id not in offices:
                found = uow.offices.by_id(event.office_id)
                offices[event.office_id] = found.code if found else ""
            office = offices[event.office_id]
        label = workflow.states.get(event.to_state)
        rows.append({
            "at": _iso(event.at, tz), "action": event.action, "from": event.from_state,
            "to": event.to_state, "to_label": label.label_id if label else event.to_state,
            "to_label_en": label.label_en if label else event.to_state,
            "role": event.role, "actor": None if public_only else event.actor,
            "comment": event.comment, "office": office})
    return rows


def _iso(moment: datetime, tz: str) -> str:
    return moment.astimezone(ZoneInfo(tz)).isoformat(timespec="seconds")
