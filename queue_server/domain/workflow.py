"""One workflow engine for every e-service: states, transitions, who may take them, and
deadlines in working days, all as data (a module's `workflow.yaml`), as eGov's DIGIT
platform runs grievances and licences through one configurable state machine.

A workflow names its states (each `open` or `closed`, with an optional deadline in
working days and an optional `on_timeout` action the system takes when it passes), its
transitions (`action`, the states it leaves, the state it reaches, the roles that may
take it, whether a comment or an office is needed, and for a citizen's action the
working days within which it may be taken), an overall deadline, and the escalation rule
("N working days over → flag and notify the office head"). Roles are words the module's
use cases give an actor for one case: `citizen` (holds the tracking code), `desk` (the
module's intake office, e.g. the Media Center), `office` and `head` (of the office
holding the case), `admin`, `system`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from .calendar import Calendar
from .errors import DomainError, Forbidden, InvalidInput, Words

ROLES = frozenset({"citizen", "desk", "office", "head", "admin", "system", "clerk", "inspector",
                   "drafter", "reviewer", "signer", "ppk"})  # drafter..signer: one letter's people
KINDS = ("open", "closed")


class WorkflowInvalid(InvalidInput):
    """A module's workflow data is wrong (a programming or configuration error)."""

    code = "invalid_workflow"
    text_id = "Alur kerja {kind} tidak sah: {why}"
    text_en = "The {kind} workflow is not valid: {why}"

    def __init__(self, kind: str, why: str):
        super().__init__(kind=kind, why=why)


class UnknownAction(InvalidInput):
    code = "unknown_action"
    text_id = "Aksi {action} tidak dikenal. Aksi yang ada: {known}."
    text_en = "Unknown action {action}. Known actions: {known}."

    def __init__(self, action: str, known: Iterable[str]):
        super().__init__(action=action, known=", ".join(sorted(known)))


class ActionNotAllowed(DomainError):
    """The case's state does not allow the action (409 `action_not_allowed`)."""

    code = "action_not_allowed"
    meaning = "The case's current state does not allow this action; `allowed` lists those it does."
    text_id = "Kasus berstatus {state}: aksi {action} tidak bisa dilakukan sekarang."
    text_en = "The case is {state}: the action {action} cannot be taken now."

    def __init__(self, state: Words, action: str | Words, allowed: list[str]):
        super().__init__(state=state, action=action)
        self.details = {"allowed": allowed}


class ActionForbidden(Forbidden):
    """The caller holds none of the roles the action needs on this case (403)."""

    code = "action_forbidden"
    text_id = "Anda tidak berwenang melakukan aksi {action} pada kasus ini."
    text_en = "You may not take the action {action} on this case."

    def __init__(self, action: str | Words):
        super().__init__(action=action)


class CommentRequired(InvalidInput):
    code = "comment_required"
    text_id = "Aksi \"{action}\" perlu keterangan: tuliskan alasannya."
    text_en = "The action \"{action}\" needs a comment: write the reason."

    def __init__(self, action: str | Words):
        super().__init__(action=action)


class OfficeRequired(InvalidInput):
    code = "office_required"
    text_id = "Aksi \"{action}\" perlu OPD tujuan: pilih OPD-nya."
    text_en = "The action \"{action}\" needs the office to send the case to: choose it."

    def __init__(self, action: str | Words):
        super().__init__(action=action)


class ActionTooLate(DomainError):
    """A citizen's action past its window (reopening after 10 working days): 409."""

    code = "action_too_late"
    text_id = "Aksi {action} hanya bisa dalam {days} hari kerja sejak {since}."
    text_en = "The action {action} can only be taken within {days} working days of {since}."

    def __init__(self, action: str | Words, days: int, since: date):
        from .dates import long_date

        super().__init__(action=action, days=days,
                         since=Words(long_date(since, "id"), long_date(since, "en")))


@dataclass(frozen=True)
class State:
    """A state: `kind` open or closed; `days`: working days a case may stay in it before
    it is overdue (None: no limit); `on_timeout`: the action the system takes then."""

    name: str
    kind: str
    label_id: str
    label_en: str
    days: int | None = None
    on_timeout: str | None = None

    @property
    def words(self) -> Words:
        return Words(self.label_id, self.label_en)


@dataclass(frozen=True)
class Transition:
    """An action from any of `sources` to `target`, by any of `roles`."""

    action: str
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    label_id: str
    label_en: str
    comment: bool = False  # a comment is required
    office: bool = False  # the office to send the case to is required
    within_days: int | None = None  # working days since the source state was entered
    public: bool = True  # its comment shows on the public page

    @property
    def words(self) -> Words:
        """The action's label in each language (what refusals name it by)."""
        return Words(self.label_id, self.label_en)


@dataclass(frozen=True)
class Escalation:
    """`over_days` working days past a state's deadline → flag and notify `notify`."""

    over_days: int
    notify: str = "head"


@dataclass(frozen=True)
class Workflow:
    """A case type's states and transitions; `initial` is the state a filed case is in."""

    kind: str
    initial: str
    states: Mapping[str, State]
    transitions: Mapping[str, Transition]
    overall_days: int | None = None
    escalation: Escalation | None = None

    def state(self, name: str) -> State:
        """The state called `name` (WorkflowInvalid for a name the workflow lacks)."""
        found = self.states.get(name)
        if found is None:
            raise WorkflowInvalid(self.kind, f"unknown state {name}")
        return found

    def actions_from(self, state: str, roles: Iterable[str] | None = None) -> list[Transition]:
        """The transitions out of `state` (those `roles` may take, when given), in the
        workflow's order."""
        held = None if roles is None else set(roles)
        return [t for t in self.transitions.values() if state in t.sources
                and (held is None or t.roles & held)]

    def take(self, state: str, action: str, roles: Iterable[str], *,
             comment: str = "", office: object = None) -> Transition:
        """The transition `action` from `state` by an actor holding `roles`.

        Raises UnknownAction (422), ActionNotAllowed (409, with the allowed actions),
        ActionForbidden (403), CommentRequired or OfficeRequired (422)."""
        transition = self.transitions.get(action)
        if transition is None:
            raise UnknownAction(action, self.transitions)
        if state not in transition.sources:
            raise ActionNotAllowed(self.state(state).words, transition.words,
                                   [t.action for t in self.actions_from(state, roles)])
        if not transition.roles & set(roles):
            raise ActionForbidden(transition.words)
        if transition.comment and not comment.strip():
            raise CommentRequired(transition.words)
        if transition.office and office is None:
            raise OfficeRequired(transition.words)
        return transition

    def check_window(self, transition: Transition, calendar: Calendar, entered: date,
                     today: date) -> None:
        """Raise ActionTooLate when `transition` has a window (`within_days`) and more
        working days than that have passed since the state was `entered`."""
        days = transition.within_days
        if days is not None and calendar.working_days_between(entered, today) > days:
            raise ActionTooLate(transition.words, days, entered)


def state_due(calendar: Calendar, state: State, entered: date,
              days: int | None = None) -> date | None:
    """The date a case entering `state` on `entered` must leave it by: `days` (a
    category's own limit) or the state's, in working days; None when neither is set."""
    limit = days if days is not None else state.days
    return None if limit is None else calendar.add_working_days(entered, limit)


def working_days_over(calendar: Calendar, due: date | None, today: date) -> int:
    """Working days `today` is past `due` (0 when not past it, or no deadline)."""
    if due is None or today <= due:
        return 0
    return calendar.working_days_between(due, today)


def needs_escalation(workflow: Workflow, calendar: Calendar, due: date | None,
                     today: date) -> bool:
    """Whether a case due on `due` is past the escalation rule's working days today."""
    rule = workflow.escalation
    return rule is not None and working_days_over(calendar, due, today) >= rule.over_days
