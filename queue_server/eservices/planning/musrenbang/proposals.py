"""RW proposals: the RW chair proposes from the cycle's active catalogue within the RW's
ceiling (checked with the RW's ceiling row, or the cycle, locked: two racing submissions
never both pass), edits a returned one and submits it again. Each proposal is a case
(module `planning`, kind `proposal`) with a public reference `USL-{year}-{0001}`
gap-free per cycle (services.numbering)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select

from queue_server.domain.errors import Words
from queue_server.persistence.case_models import Case
from queue_server.services.auth import ADMIN, Principal
from queue_server.services.cases import Actor, Filing, Step, act, open_case
from queue_server.services.numbering import next_in
from queue_server.services.ports import Clock

from .catalogue import item as catalogue_item
from .cycles import ceiling_of
from .errors import CeilingExceeded, MusrenbangForbidden, ProposalInvalid
from .flow import MODULE, WORKFLOW, city_tz, cycle, on_postgres, proposal, roles_on, today
from .models import MusrenbangArea, MusrenbangCycle, MusrenbangItem, MusrenbangProposal
from .rules import ACTION_PHASES, STEP_PHASES, amount_of, parse_quantity, require_phase

SCOPE = "musrenbang-usulan"
# A returned proposal goes back to the step that returned it (the state it was returned
# from → the action sending it back there).
RESUBMIT = {"submitted": "resubmit", "kelurahan_verified": "resubmit_forum",
            "kecamatan_verified": "resubmit_office"}
# States whose amount no longer counts against the RW's ceiling.
NOT_COUNTED = ("rejected", "withdrawn", "lapsed")


@dataclass
class Proposal:
    """What the RW chair enters: the catalogue item's code, quantity (in the item's
    unit, up to 2 decimals), where, optional coordinates, why, the RW's priority (1 =
    first), and which RW (its office code) when the chair holds several."""

    item: str
    quantity: Any
    location: str
    justification: str = ""
    priority: int = 1
    lat: float | None = None
    lon: float | None = None
    rw: str | None = None


def _checked(data: Proposal) -> None:
    """Check the fields other than the quantity (rules.parse_quantity checks it against
    the item's unit). Raises ProposalInvalid (422)."""
    if not data.location.strip() or len(data.location.strip()) > 300:
        raise ProposalInvalid(Words("lokasi wajib diisi (paling panjang 300 huruf)",
                                    "the location is required (at most 300 characters)"))
    if not 1 <= int(data.priority) <= 99:
        raise ProposalInvalid(Words("prioritas 1 sampai 99", "priority 1 to 99"))
    if (data.lat is None) != (data.lon is None) or (data.lat is not None and not (
            -90 <= data.lat <= 90 and -180 <= float(data.lon or 0) <= 180)):
        raise ProposalInvalid(Words("koordinat tidak sah", "the coordinates are not valid"))


def rw_area(uow: Any, who: Principal, rw: str | None) -> MusrenbangArea:
    """The area of the RW office `who` chairs (the one named by `rw` when given; the
    admin may name any RW, to enter a proposal handed in on paper). Raises
    MusrenbangForbidden (403) for someone who is no RW's member."""
    held = uow.offices.roles_of(who.id) if who.kind == "staff" else {}
    query = select(MusrenbangArea).order_by(MusrenbangArea.id)
    if not (rw and who.kind == "staff" and who.role == ADMIN):
        query = query.where(MusrenbangArea.rw_office_id.in_(list(held) or [-1]))
    areas = list(uow.session.scalars(query))
    if rw:
        office = uow.offices.by_code(rw)
        areas = [a for a in areas if office is not None and a.rw_office_id == office.id]
    if not areas:
        raise MusrenbangForbidden(Words("mengajukan usulan (hanya pengurus RW)",
                                        "submit proposals (RW chairs only)"))
    return areas[0]


def budget_of(uow: Any, row: MusrenbangCycle, rw_office_id: int, lock: bool = False,
              leave_out: int | None = None) -> tuple[int, int]:
    """(ceiling, used) of an RW in the cycle in rupiah: its ceiling row or the cycle's
    default; the total of its proposals not rejected, withdrawn or lapsed (`leave_out`:
    one proposal's id not counted). With `lock`, the ceiling row (else the cycle row) is
    locked until commit."""
    ceiling = ceiling_of(uow, row, rw_office_id, lock=lock and on_postgres(uow))
    if ceiling is None:
        if lock:
            cycle(uow, row.year, lock=True)
        ceiling = row.rw_ceiling
    query = (select(func.coalesce(func.sum(MusrenbangProposal.amount), 0))
             .join(Case, Case.id == MusrenbangProposal.case_id)
             .where(MusrenbangProposal.cycle_id == row.id,
                    MusrenbangProposal.rw_office_id == rw_office_id,
                    Case.state.notin_(NOT_COUNTED)))
    if leave_out is not None:
        query = query.where(MusrenbangProposal.id != leave_out)
    return ceiling, int(uow.session.scalar(query) or 0)


def _within(uow: Any, row: MusrenbangCycle, rw_id: int, amount: int,
            leave_out: int | None = None) -> None:
    ceiling, used = budget_of(uow, row, rw_id, lock=True, leave_out=leave_out)
    if used + amount > ceiling:
        raise CeilingExceeded(amount, ceiling - used, ceiling)


def submit(uow: Any, clock: Clock, who: Principal, year: int | None,
           data: Proposal) -> MusrenbangProposal:
    """The RW chair submits a proposal in the submission phase (PhaseClosed 409):
    MusrenbangForbidden 403 (no RW), ItemNotInCatalogue, ProposalInvalid 422,
    CeilingExceeded 422 (telling what is left). Commits; returns the proposal."""
    with uow:
        area = rw_area(uow, who, data.rw)
        row = cycle(uow, year)
        require_phase(row.phases, ACTION_PHASES["submit"], today(clock))
        _checked(data)
        found = catalogue_item(uow, row.id, data.item)
        quantity = parse_quantity(data.quantity, found.unit)
        amount = amount_of(quantity, found.unit_price)
        _within(uow, row, area.rw_office_id, amount)
        ref = f"USL-{row.year}-{next_in(uow, SCOPE, None, row.year):04d}"
        case = open_case(uow, clock, WORKFLOW, Filing(
            MODULE, office_id=area.kelurahan_office_id, data={"ref": ref}),
            Actor(who.actor, frozenset({"drafter"}), who.id), timezone=city_tz())
        due_by_phase(uow, case, row.phases)
        made = MusrenbangProposal(
            case_id=case.id, ref=ref, cycle_id=row.id, rw_office_id=area.rw_office_id,
            kelurahan_office_id=area.kelurahan_office_id,
            kecamatan_office_id=area.kecamatan_office_id, item_id=found.id,
            office_id=found.office_id, quantity=quantity, unit_price=found.unit_price,
            amount=amount, location=data.location.strip(), lat=data.lat, lon=data.lon,
            justification=data.justification.strip()[:4000], priority=int(data.priority),
            created_at=clock.now(), created_by=who.id)
        uow.session.add(made)
        uow.commit()
    return made


def revise(uow: Any, clock: Clock, who: Principal, ref: str,
           changes: Mapping[str, Any]) -> MusrenbangProposal:
    """The RW chair edits a returned proposal and sends it again: fields of Proposal not
    in `changes` keep their values. It goes back to the step that returned it (see
    resubmit_action; ActionForbidden 403 for another RW, ActionNotAllowed 409 unless
    returned) while that step's phase runs (PhaseClosed 409), checked as a new one
    against the ceiling without its old amount. Commits; returns the proposal."""
    with uow:
        row = proposal(uow, ref)
        case = uow.cases.by_id(row.case_id)
        action = resubmit_action(uow, case)
        roles = roles_on(uow, who, row, case.state)
        WORKFLOW.take(case.state, action, roles)
        the_cycle = cycle(uow, _year(uow, row))
        require_phase(the_cycle.phases, ACTION_PHASES[action], today(clock))
        data = Proposal(**{**sent_values(uow, row), **{
            k: v for k, v in changes.items() if k in Proposal.__dataclass_fields__}})
        _checked(data)
        found = catalogue_item(uow, row.cycle_id, data.item)
        quantity = parse_quantity(data.quantity, found.unit)
        amount = amount_of(quantity, found.unit_price)
        _within(uow, the_cycle, row.rw_office_id, amount, leave_out=row.id)
        row.item_id, row.office_id, row.quantity = found.id, found.office_id, quantity
        row.unit_price, row.adjusted_price, row.amount = found.unit_price, None, amount
        row.location, row.lat, row.lon = data.location.strip(), data.lat, data.lon
        row.justification, row.priority = data.justification.strip()[:4000], int(data.priority)
        act(uow, clock, WORKFLOW, case, Step(action),
            Actor(who.actor, frozenset({"drafter"}), who.id), timezone=city_tz())
        due_by_phase(uow, case, the_cycle.phases)
        uow.commit()
    return row


def resubmit_action(uow: Any, case: Any) -> str:
    """The action sending a returned proposal back to the step that returned it:
    `resubmit` (the kelurahan), `resubmit_forum` (the kecamatan forum) or
    `resubmit_office` (the responsible office), from the last return on its timeline
    (rule of fix 18I: a return is never a dead end while that step's phase runs)."""
    origin = next((e.from_state for e in reversed(uow.cases.events(case.id, False))
                   if e.to_state == "returned"), "submitted")
    return RESUBMIT.get(origin, "resubmit")


def step_phase(uow: Any, case: Any) -> str | None:
    """The phase whose end closes the case's open step (the last phase its step may be
    taken in; for a returned proposal, the phase it may be sent again in); None when
    closed."""
    if case.state == "returned":
        return ACTION_PHASES[resubmit_action(uow, case)][-1]
    allowed = STEP_PHASES.get(case.state)
    return allowed[-1] if allowed else None


def due_by_phase(uow: Any, case: Any, phases: Mapping[str, Any]) -> None:
    """Set the case's step deadline to the end of its step's phase (a proposal's step
    is due when the cycle's phase for it ends, never before that phase has started)."""
    phase = step_phase(uow, case)
    case.state_due = date.fromisoformat(phases[phase]["ends"]) if phase else None


def sent_values(uow: Any, row: MusrenbangProposal) -> dict[str, Any]:
    """A proposal's fields as the RW chair sent them (Proposal's names)."""
    found = uow.session.get(MusrenbangItem, row.item_id)
    return {"item": found.code if found else "", "quantity": row.quantity,
            "location": row.location, "justification": row.justification,
            "priority": row.priority, "lat": row.lat, "lon": row.lon}


def withdraw(uow: Any, clock: Clock, who: Principal, ref: str) -> MusrenbangProposal:
    """The RW chair withdraws a proposal before the kelurahan verifies it (or while it is
    returned): workflow `withdraw` (ActionForbidden 403 for another RW, ActionNotAllowed
    409 after verification); its amount no longer counts against the RW's ceiling.
    Commits; returns the proposal."""
    with uow:
        row = proposal(uow, ref)
        case = uow.cases.by_id(row.case_id)
        roles = roles_on(uow, who, row, case.state)
        act(uow, clock, WORKFLOW, case, Step("withdraw"), Actor(who.actor, roles, who.id),
            timezone=city_tz())
        uow.commit()
    return row


def _year(uow: Any, row: MusrenbangProposal) -> int:
    return int(uow.session.get(MusrenbangCycle, row.cycle_id).year)
