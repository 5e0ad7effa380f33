"""e-Controlling's demo data, on top of the delivery part's demo contracts: monthly
progress reported by the provider and approved by the PPK through the use cases
(photos included), dated on each month's 25th relative to today (within the works'
schedule), each followed by the tender package's termin of that month paid (delivery's
demo `pay_due`), so every OCDS release is dated as its event, in date order:
- the first running contract of a tendered package: to 100 % by its end month, then
  handed over (BAST) by delivery's demo `finish(app)` (its handover needs 100 %
  approved progress first);
- the first other one still within its schedule: to about 60 % by last month;
- any other running contract: one early month at 10 % and nothing since, so the
  dashboard flags it late and stalled.
Idempotent: a contract that already has a report is left alone."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from queue_server.services.auth import Principal

from ..delivery.demo import finish, pay_due
from . import progress, store
from .models import ControllingReport
from .rules import month_index, month_of, shift


@dataclass
class DemoClock:
    """A clock the loader sets (services.ports.Clock)."""

    at: datetime

    def now(self) -> datetime:
        return self.at


def _photo(shade: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (96, 72), (120 + shade, 110, 90)).save(out, "PNG")
    return out.getvalue()


def _person(uow: Any, office_id: int | None, role: str) -> Principal | None:
    """A user holding `role` (any role when "*") in the office, as a Principal."""
    if office_id is None:
        return None
    for username, held in uow.offices.members(office_id):
        if role in ("*", held):
            user = uow.staff.user_by_username(username)
            if user is not None:
                return Principal("staff", user.id, user.username, user.role,
                                 user.facility_id)
    return None


def _months(start: str, last: str) -> list[str]:
    return [shift(start, n) for n in range(max(0, month_index(last) - month_index(start) + 1))]


def _shape(kind: str, start: str, this: str, ends: str) -> list[tuple[str, float]]:
    """(month, physical percent) of the reports to make for a contract of `kind`: to
    100 % by its end month (or this month), to 60 % by last month, or 10 % once."""
    if kind == "stalled":
        return [(start, 10.0)] if month_index(this) - month_index(start) >= 2 else []
    last = min(this, ends) if kind == "complete" else shift(this, -1)
    months = _months(start, last) or [this]
    goal = 100.0 if kind == "complete" else 60.0
    return [(m, round(goal * (n + 1) / len(months), 2)) for n, m in enumerate(months)]


def _report(rt: Any, app: Any, clock: DemoClock, contract: Any, who: Principal,
            ppk: Principal, month: str, physical: float) -> None:
    sent = progress.ReportIn(month=month, physical=physical, financial=max(0, physical - 5),
                             spent=int(contract.value * max(0, physical - 5) / 100),
                             note="Pekerjaan berjalan sesuai rencana.",
                             photos=[_photo(int(physical))])
    done = progress.submit(rt.uow(), clock, progress.photo_store(app.instance_path),
                           str(app.config.get("CITY_TIMEZONE", "Asia/Jakarta")), who,
                           contract.id, sent, 5 * 1024 * 1024)
    progress.decide(rt.uow(), clock, ppk, done["id"], True)


@dataclass(frozen=True)
class Plan:
    """One demo contract: its row, its package's end, kind of story, provider and PPK."""

    contract: Any
    ends: date
    kind: str
    provider: Principal
    ppk: Principal


def _kind(package: Any, today: date, taken: set[str]) -> str:
    """The story of a package: the first tendered one `complete`, the first one still
    within its schedule `running`, any other `stalled`."""
    if package.method != "direct" and "complete" not in taken:
        return "complete"
    if package.ends >= today and "running" not in taken:
        return "running"
    return "stalled"


def _plans(uow: Any, today: date) -> list[Plan]:
    """The running contracts without a report yet, each with its story."""
    found: list[Plan] = []
    taken: set[str] = set()
    for package, contract in store.contracted(uow, None):
        has = uow.session.scalar(select(ControllingReport.id).where(
            ControllingReport.contract_id == contract.id).limit(1))
        if contract.state != "started" or has is not None:
            continue
        firm = store.provider(uow, contract.provider_id)
        who = _person(uow, firm.office_id if firm else None, "*")
        ppk = _person(uow, package.office_id, "ppk")
        if who is None or ppk is None:
            continue
        kind = _kind(package, today, taken)
        taken.add(kind)
        found.append(Plan(contract, contract.ends or package.ends, kind, who, ppk))
    return found


def _at(month: str, plan: Plan, starts: date, now: datetime, zone: ZoneInfo) -> DemoClock:
    """When the month's report is made and approved: the 25th at 15:00, but not before
    the day after the works start, not after the contract's end, never after now."""
    year, mon = (int(x) for x in month.split("-"))
    day = min(max(date(year, mon, 25), starts + timedelta(days=1)), plan.ends)
    return DemoClock(min(datetime.combine(day, time(15), zone), now))


def load_demo(app: Any) -> None:
    """The demo's monthly progress (see the module's docstring); nothing when there is
    no running contract without reports (already loaded, or no delivery demo)."""
    rt = app.extensions["antrian"]
    zone = ZoneInfo(str(app.config.get("CITY_TIMEZONE", "Asia/Jakarta")))
    now = rt.clock.now().astimezone(zone)
    with rt.uow() as uow:
        plans = _plans(uow, now.date())
    for plan in plans:
        start = plan.contract.starts or plan.contract.started_at.astimezone(zone).date()
        for month, physical in _shape(plan.kind, month_of(start), month_of(now),
                                      month_of(plan.ends)):
            clock = _at(month, plan, start, now, zone)
            _report(rt, app, clock, plan.contract, plan.provider, plan.ppk, month, physical)
            pay_due(app, plan.contract.id, clock.at.date())  # that month's termin, if any

    finish(app)  # the handover (BAST) of the package now at 100 % (delivery's demo)

