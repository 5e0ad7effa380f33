"""Proposals nobody acted on before their step's phase ended: the case sweep ("sweeps"
hook) closes them as `lapsed` ("Tidak diproses sampai fase berakhir"), the timeline naming
the office that did not act (or the RW that did not send a returned one again), so no
proposal stays pending after its cycle has moved on (rule of fix 18I)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from queue_server.domain.dates import long_date
from queue_server.persistence.case_models import Case
from queue_server.services.cases import SYSTEM, Step, act

from .flow import STEP_OFFICE, WORKFLOW
from .models import MusrenbangCycle, MusrenbangProposal
from .proposals import step_phase
from .rules import PHASE_WORDS

PENDING = ("submitted", "returned", "kelurahan_verified", "kecamatan_verified")


def _why(uow: Any, row: MusrenbangProposal, case: Case, phase: str, ended: date) -> str:
    """The public words: which phase ended when, and who did not act."""
    column = "rw_office_id" if case.state == "returned" else STEP_OFFICE[case.state]
    office = uow.offices.by_id(getattr(row, column))
    name = office.name if office else "-"
    did_not = ("tidak mengajukannya lagi" if case.state == "returned"
               else "tidak memprosesnya")
    return (f"Tahap {PHASE_WORDS[phase].id} berakhir {long_date(ended, 'id')}: "
            f"{name} {did_not}.")


def lapse_cycle(uow: Any, clock: Any, cycle_row: MusrenbangCycle, day: date,
                timezone: str) -> int:
    """Close as `lapsed` the cycle's pending proposals whose step's phase ended before
    `day`; flushes, returns how many."""
    found = list(uow.session.execute(
        select(MusrenbangProposal, Case).join(Case, Case.id == MusrenbangProposal.case_id)
        .where(MusrenbangProposal.cycle_id == cycle_row.id, Case.state.in_(PENDING))))
    count = 0
    for row, case in found:
        phase = step_phase(uow, case)
        if phase is None:
            continue
        ended = date.fromisoformat(cycle_row.phases[phase]["ends"])
        if day > ended:
            act(uow, clock, WORKFLOW, case, Step("lapse", comment=_why(
                uow, row, case, phase, ended)), SYSTEM, timezone=timezone)
            count += 1
    return count


def sweep_lapsed(uow: Callable[[], Any], clock: Any, timezone: str, tell: bool) -> None:
    """The "sweeps" hook: every cycle's pending proposals past their step's phase are
    closed as lapsed (one commit per round)."""
    day = clock.now().astimezone(ZoneInfo(timezone)).date()
    with uow() as work:
        count = sum(lapse_cycle(work, clock, row, day, timezone)
                    for row in work.session.scalars(select(MusrenbangCycle)))
        if count:
            work.commit()
