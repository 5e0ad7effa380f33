"""e-Musrenbang's workflow and shared helpers: the proposal workflow (workflow.yaml), the
session, the city's date, the current cycle, and who holds which role on a proposal."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from queue_server.domain.errors import Words
from queue_server.domain.workflow import Workflow
from queue_server.domain.workflow_data import parse_workflow
from queue_server.services.auth import ADMIN, Principal
from queue_server.services.cases import city_today
from queue_server.services.ports import Clock
from queue_server.services.yaml_text import read_yaml

from .errors import CycleNotFound, MusrenbangForbidden, ProposalNotFound
from .models import MusrenbangCycle, MusrenbangProposal

MODULE = "planning"
KIND = "proposal"
AGENCY = "bappedalitbang"  # the planning agency: runs the cycle, catalogue, ceilings
WORKFLOW: Workflow = parse_workflow(
    KIND, read_yaml(Path(__file__).parent / "workflow.yaml"))
# Whose step each open state is: the proposal's column naming that office.
# The office roles that may take the responsible office's step (feasibility).
DECIDING = frozenset({"staff", "head"})
STEP_OFFICE = {"submitted": "kelurahan_office_id", "kelurahan_verified": "kecamatan_office_id",
               "kecamatan_verified": "office_id"}


def city_tz() -> str:
    """The city's time zone (app config CITY_TIMEZONE inside an app, else Asia/Jakarta)."""
    from flask import current_app, has_app_context

    if has_app_context():
        return str(current_app.config.get("CITY_TIMEZONE", "Asia/Jakarta"))
    return "Asia/Jakarta"


def price_tolerance() -> int:
    """How far (percent) above the catalogue price the responsible office may adjust a
    proposal's unit price: app config MUSRENBANG_PRICE_TOLERANCE, default 25. A policy
    of the planning agency (no regulation fixes it); above it the proposal goes back to
    the RW instead."""
    from flask import current_app, has_app_context

    if has_app_context():
        return int(current_app.config.get("MUSRENBANG_PRICE_TOLERANCE", 25))
    return 25


def today(clock: Clock) -> date:
    """Today's date in the city."""
    return city_today(clock, city_tz())


def cycle(uow: Any, year: int | None = None, lock: bool = False) -> MusrenbangCycle:
    """The cycle of budget `year` (None: the latest). Raises CycleNotFound (404)."""
    query = select(MusrenbangCycle)
    query = (query.where(MusrenbangCycle.year == year) if year is not None
             else query.order_by(MusrenbangCycle.year.desc()).limit(1))
    row = uow.session.scalar(query.with_for_update() if lock and on_postgres(uow) else query)
    if row is None:
        raise CycleNotFound(year if year is not None else "-")
    return row  # type: ignore[no-any-return]


def on_postgres(uow: Any) -> bool:
    """Whether the unit of work runs on PostgreSQL (row locks; SQLite's writer already
    holds the whole database)."""
    return bool(uow.session.get_bind().dialect.name == "postgresql")


def proposal(uow: Any, ref: str) -> MusrenbangProposal:
    """The proposal of public reference `ref` (`USL-2027-0001`, any case). Raises
    ProposalNotFound (404)."""
    said = (ref or "").strip().upper()[:30]
    row = uow.session.scalar(select(MusrenbangProposal).where(MusrenbangProposal.ref == said))
    if row is None:
        raise ProposalNotFound(said)
    return row  # type: ignore[no-any-return]


def is_agency(uow: Any, who: Principal | None) -> bool:
    """The deployment's admin or a member of the planning agency (bappedalitbang)."""
    if who is None or who.kind != "staff":
        return False
    if who.role == ADMIN:
        return True
    agency = uow.offices.by_code(AGENCY)
    return agency is not None and agency.id in uow.offices.roles_of(who.id)


def require_agency(uow: Any, who: Principal | None) -> None:
    """Raise MusrenbangForbidden (403) unless `who` is the agency's or the admin."""
    if not is_agency(uow, who):
        raise MusrenbangForbidden(Words("mengelola siklus Musrenbang (hanya Bappedalitbang)",
                                        "manage the Musrenbang cycle (Bappedalitbang only)"))


def roles_on(uow: Any, who: Principal, row: MusrenbangProposal, state: str) -> frozenset[str]:
    """`who`'s workflow roles on proposal `row` at `state`: `admin`; `drafter` as a
    member of its RW office; `reviewer` as a member of the office whose step `state`
    is (the responsible office's step: its `staff` or `head` only, not its clerk,
    inspector or ppk: a feasibility review is the office's technical staff's; the core's
    roles_for never gives these two, so no shared route acts for them)."""
    if who.kind != "staff":
        return frozenset()
    held = uow.offices.roles_of(who.id)
    roles = {"admin"} if who.role == ADMIN else set()
    if row.rw_office_id in held:
        roles.add("drafter")
    column = STEP_OFFICE.get(state)
    office_roles = held.get(getattr(row, column), set()) if column is not None else set()
    if office_roles & (DECIDING if column == "office_id" else set(office_roles)):
        roles.add("reviewer")
    return frozenset(roles)


def may_read(uow: Any, who: Principal, row: MusrenbangProposal) -> bool:
    """Staff reading a proposal's details: the agency, the admin, and members of its RW,
    kelurahan, kecamatan or responsible office."""
    held = uow.offices.roles_of(who.id) if who.kind == "staff" else {}
    mine = {row.rw_office_id, row.kelurahan_office_id, row.kecamatan_office_id, row.office_id}
    return is_agency(uow, who) or bool(mine & set(held))
