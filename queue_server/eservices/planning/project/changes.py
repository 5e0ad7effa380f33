"""Changing a package before procurement: its title, schedule, payment plan, planned
progress, value or method while it is a draft or planned (once procurement has started
the tender holds the value, so 409). The line's row is locked before the package's, in
the same order as `packages.add`, so a change and a concurrent split see each other and
the packages never add up to more than the line. Published as OCDS `planningUpdate`."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from queue_server.services.auth import Principal
from queue_server.services.ports import Clock

from ..budgeting.access import PACKAGE_ROLES, require, who_is
from ..budgeting.decisions import locked_line
from ..budgeting.views import packaged
from ..ocds.publish import publish
from . import methods, plans
from .errors import LineExceeded, PackageWrongState, PlanInvalid
from .packages import locked

CHANGEABLE = ("draft", "planned")  # before procurement starts


@dataclass(frozen=True)
class PackageChange:
    """What a caller changes (None: kept): title, value (rupiah), method (empty: the
    suggested one), schedule, payment plan `[{termin, percent, month}]` and planned
    progress `[{month, percent}]`, multi-year contract and the reason of its approval."""

    title: str | None = None
    value: int | None = None
    method: str | None = None
    starts: date | None = None
    ends: date | None = None
    payment_plan: list[dict[str, Any]] | None = None
    plan: list[dict[str, Any]] | None = None
    multi_year: bool | None = None
    multi_year_reason: str | None = None


def _method(package: Any, ask: PackageChange, value: int) -> dict[str, str]:
    suggested = methods.suggest(value, package.category)
    followed = package.method == package.method_suggested  # it took the suggestion
    method = ask.method if ask.method is not None else (
        "" if followed else package.method)
    return {"method": methods.check(method, value, package.category),
            "method_suggested": suggested}


def _plans(package: Any, ask: PackageChange, starts: date, ends: date) -> dict[str, Any]:
    """The payment plan given, else the one held if it fits the schedule (PlanInvalid
    422 when it does not: a payment plan is never rewritten unasked); the progress plan
    given, else the one held when it was set by hand and fits, else (it was the default
    S-curve, or it no longer fits) a new S-curve over the schedule."""
    payment = plans.payment_plan(
        ask.payment_plan if ask.payment_plan is not None else package.payment_plan,
        starts, ends)
    if ask.plan is not None:
        return {"payment_plan": payment, "plan": plans.progress_plan(ask.plan, starts, ends)}
    progress = plans.s_curve(starts, ends)
    if package.plan != plans.s_curve(package.starts, package.ends):
        with contextlib.suppress(PlanInvalid):  # it no longer fits: the S-curve
            progress = plans.progress_plan(package.plan, starts, ends)
    return {"payment_plan": payment, "plan": progress}


def change(uow: Any, clock: Clock, who: Principal, code: str, ask: PackageChange) -> None:
    """Change the draft or planned package `code` for its office's staff, head or PPK
    (`BudgetForbidden` 403 others; `PackageNotFound` 404); another state is
    `PackageWrongState` (409); a value above what the line has left besides this
    package is `LineExceeded` (409, `details.left`); a bad title, plan or method 422;
    a schedule past the line's budget year of a package not multi-year (or multi-year
    without a reason) 422 (plans.within_year)."""
    with uow:
        line_id = locked(uow, code, lock=False).budget_line_id
        line = locked_line(uow, line_id)
        package = locked(uow, code)
        require(who_is(uow, who).acts_for(package.office_id, PACKAGE_ROLES),
                "mengubah paket kantor lain", "change another office's packages")
        if package.state not in CHANGEABLE:
            raise PackageWrongState(code, package.state, "diubah", "be changed")
        title = package.title if ask.title is None else ask.title.strip()
        value = package.value if ask.value is None else ask.value
        if not title or value <= 0:
            raise PlanInvalid("judul dan nilai di atas nol wajib",
                              "a title and a value above zero are required")
        left = line.amount - packaged(uow, line.id) + package.value
        if value > left:
            raise LineExceeded(value, left)
        starts, ends = ask.starts or package.starts, ask.ends or package.ends
        multi = package.multi_year if ask.multi_year is None else ask.multi_year
        found = _method(package, ask, value) | _plans(package, ask, starts, ends) | {
            "multi_year": multi, "multi_year_reason": plans.within_year(
                ends, line.year, multi, package.multi_year_reason
                if ask.multi_year_reason is None else ask.multi_year_reason)}
        package.title, package.value, package.starts, package.ends = title, value, starts, ends
        for name, held in found.items():
            setattr(package, name, held)
        package.version += 1
        publish(uow, clock, package.id, ["planningUpdate"])
        uow.commit()
