"""The sweep every server process runs once a minute over the cases of every module:
a case left in a state past its deadline is either moved by the system (the state's
`on_timeout`: a complaint answered and not replied to closes after 10 working days,
SP4N-LAPOR!) or, once the escalation rule's working days are over, flagged and its
office's head notified (a timeline line, not public, the head's inbox flag, and with a
messaging gateway a message to the office's WhatsApp number: services/case_messages.py).
Phone codes never confirmed drop their case after the hold. Several processes may sweep
at once: each case is locked while it is moved, and a move re-checks the state."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from ..domain.calendar import Calendar
from ..domain.errors import DomainError
from ..domain.workflow import needs_escalation, working_days_over
from .case_kinds import CaseKind, kind_of
from .case_messages import tell_office
from .cases import SYSTEM, Step, act, city_today, note
from .closures import calendar as city_calendar
from .port_cases import CaseRow, CaseWork, FileStore
from .ports import Clock


@dataclass
class SweepReport:
    """How many cases the round moved by timeout, escalated, and dropped unconfirmed."""

    moved: int = 0
    escalated: int = 0
    dropped: int = 0


def drop_unconfirmed(uow: CaseWork, clock: Clock, kinds: Sequence[CaseKind]) -> list[int]:
    """Delete the cases of loaded modules whose phone code expired (or was spent by
    wrong tries) unconfirmed, with their rows (CasesPort.drop); a module switched off
    keeps its rows. Returns the ids dropped (not committed)."""
    modules = {kind.module for kind in kinds}
    dropped = []
    for case in uow.cases.unconfirmed_before(clock.now()):
        if case.module in modules:
            dropped.append(case.id)
            uow.cases.drop(case.id)
    return dropped


def _escalate(uow: CaseWork, clock: Clock, kind: CaseKind, case: CaseRow, cal: Calendar,
              today: date, timezone: str, tell: bool) -> None:
    """Flag `case` escalated, with a (non-public) timeline line, and with `tell` queue a
    message to its office's WhatsApp number (services.case_messages.tell_office)."""
    case.escalated_at = clock.now()
    over = working_days_over(cal, case.state_due, today)
    note(uow, clock, case, SYSTEM, "escalate",
         f"Lewat tenggat {over} hari kerja: diteruskan ke kepala OPD.",
         data={"working_days_over": over})
    if tell:
        tell_office(uow, clock, kind, case, over, timezone)


def sweep(new_uow: Callable[[], CaseWork], clock: Clock, kinds: Sequence[CaseKind],
          timezone: str, files: FileStore | None = None, tell: bool = False) -> SweepReport:
    """One round: the unconfirmed cases whose code expired are dropped
    (`drop_unconfirmed`; their files under `files` too, after the commit), and the cases
    due before today (city date in `timezone`) moved or escalated (with `tell`, a
    messaging gateway being configured, the office is sent a message); commits."""
    report = SweepReport()
    with new_uow() as uow:
        dropped = drop_unconfirmed(uow, clock, kinds)
        cal = city_calendar(uow)
        today = city_today(clock, timezone)
        for case in uow.cases.due_before(today):
            kind = kind_of(kinds, case.module, case.kind)
            if kind is None:
                continue
            state = kind.workflow.states.get(case.state)
            if state is not None and state.on_timeout:
                try:
                    act(uow, clock, kind.workflow, case, Step(state.on_timeout), SYSTEM,
                        cal, timezone)
                except DomainError:
                    continue  # another process moved it meanwhile
                report.moved += 1
            elif case.escalated_at is None and needs_escalation(
                    kind.workflow, cal, case.state_due, today):
                _escalate(uow, clock, kind, case, cal, today, timezone, tell)
                report.escalated += 1
        uow.commit()
    for case_id in dropped:  # the files only once their rows are gone for good
        if files is not None:
            files.forget(case_id)
    report.dropped = len(dropped)
    return report
