"""Work packages: an approved budget line split into packages (method from the value
thresholds, schedule, payment plan, planned progress) whose values never add up to more
than the line, also under concurrent requests (the line's row is locked); a package goes
draft → planned (ready for procurement) and may be cancelled while not contracted. Each
change is published as an OCDS release in the same transaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from queue_server.services.auth import Principal
from queue_server.services.numbering import next_in
from queue_server.services.ports import Clock

from ..budgeting.access import PACKAGE_ROLES, office_id_of, require, who_is
from ..budgeting.decisions import locked_line
from ..budgeting.views import packaged
from ..musrenbang.models import MusrenbangProposal
from ..ocds.ids import ocid_of
from ..ocds.publish import publish
from . import methods, plans
from .errors import LineExceeded, LineNotApproved, PackageNotFound, PackageWrongState, PlanInvalid
from .models import ProjectPackage

SCOPE = "project-package"  # the gap-free number's scope (services/numbering)
CANCELLABLE = ("draft", "planned", "procuring")


@dataclass(frozen=True)
class NewPackage:
    """A package asked for: its line (id), title, value (rupiah, the HPS), category,
    schedule, and optionally method (else the suggested one), payment plan, planned
    progress and kecamatan (office code; a musrenbang line's comes from its proposal),
    and whether it is a multi-year contract (with the reason of its approval)."""

    line: int
    title: str
    value: int
    category: str
    starts: date
    ends: date
    method: str = ""
    payment_plan: list[dict[str, Any]] | None = None
    plan: list[dict[str, Any]] | None = None
    kecamatan: str = ""
    multi_year: bool = False
    multi_year_reason: str = ""


def _kecamatan(uow: Any, line: Any, ask: NewPackage) -> int | None:
    if ask.kecamatan:
        return office_id_of(uow, ask.kecamatan)
    if line.proposal_id:
        proposal = uow.session.get(MusrenbangProposal, line.proposal_id)
        return int(proposal.kecamatan_office_id) if proposal else None
    return None


def _checked(ask: NewPackage) -> dict[str, Any]:
    if not ask.title.strip() or ask.value <= 0:
        raise PlanInvalid("judul dan nilai di atas nol wajib",
                          "a title and a value above zero are required")
    suggested = methods.suggest(ask.value, ask.category)
    return {"method": methods.check(ask.method, ask.value, ask.category),
            "method_suggested": suggested,
            "payment_plan": plans.payment_plan(ask.payment_plan, ask.starts, ask.ends),
            "plan": plans.progress_plan(ask.plan, ask.starts, ask.ends)}


def add(uow: Any, clock: Clock, config: Mapping[str, Any], who: Principal,
        ask: NewPackage) -> str:
    """Add a draft package to the approved line `ask.line` for the line's office (its
    staff, head or PPK; others 403). The line's row is locked first, so concurrent adds
    see each other: a value above what is left is `LineExceeded` (409, `details.left`).
    A schedule past the line's budget year without `multi_year` (and its reason) is
    BeyondBudgetYear / MultiYearReasonRequired (422, plans.within_year).
    Returns the package's code `PKT-{year}-{seq:04d}` (gap-free)."""
    checked = _checked(ask)
    with uow:
        line = locked_line(uow, ask.line)
        require(who_is(uow, who).acts_for(line.office_id, PACKAGE_ROLES),
                "membuat paket kantor lain", "make another office's packages")
        if line.state != "approved":
            raise LineNotApproved(line.id)
        reason = plans.within_year(ask.ends, line.year, ask.multi_year, ask.multi_year_reason)
        left = line.amount - packaged(uow, line.id)
        if ask.value > left:
            raise LineExceeded(ask.value, left)
        code = f"PKT-{line.year}-{next_in(uow, SCOPE, None, line.year):04d}"
        package = ProjectPackage(
            code=code, ocid=ocid_of(config, code), budget_line_id=line.id,
            office_id=line.office_id, kecamatan_office_id=_kecamatan(uow, line, ask),
            title=ask.title.strip(), value=ask.value, category=ask.category,
            starts=ask.starts, ends=ask.ends, state="draft", created_at=clock.now(),
            created_by=who.id, multi_year=ask.multi_year, multi_year_reason=reason,
            **checked)
        uow.session.add(package)
        uow.session.flush()
        publish(uow, clock, package.id, ["planning"])
        uow.commit()
        return code


def locked(uow: Any, code: str, lock: bool = True) -> ProjectPackage:
    """The package `code`, its row locked to the end of the transaction unless `lock`
    is False; `PackageNotFound` (404)."""
    q = select(ProjectPackage).where(ProjectPackage.code == code)
    package = uow.session.scalar(q.with_for_update() if lock else q)
    if package is None:
        raise PackageNotFound(code)
    return package


def act(uow: Any, clock: Clock, who: Principal, code: str, action: str) -> str:
    """`plan` (draft → planned: ready for procurement) or `cancel` (while not
    contracted) the package `code`, by its office's staff, head or PPK (403 otherwise);
    a wrong state is `PackageWrongState` (409). Returns the new state."""
    with uow:
        package = locked(uow, code)
        require(who_is(uow, who).acts_for(package.office_id, PACKAGE_ROLES),
                "mengubah paket kantor lain", "change another office's packages")
        if action == "plan" and package.state == "draft":
            package.state = "planned"
        elif action == "cancel" and package.state in CANCELLABLE:
            package.state = "cancelled"
        else:
            words = {"plan": ("direncanakan", "be planned"),
                     "cancel": ("dibatalkan", "be cancelled")}[action]
            raise PackageWrongState(code, package.state, *words)
        package.version += 1
        publish(uow, clock, package.id, ["planningUpdate"])
        uow.commit()
        return package.state
