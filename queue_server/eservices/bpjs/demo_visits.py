"""A few demo visits for BPJS to report (`serve --demo`): yesterday morning at `pkm-demo`,
walk-ins taken at the kiosk, served at registration, sent on to a poli (Poli Umum, KIA)
and the pharmacy, and finished, each step a few minutes after the one before (the
clock set back, as e-Wadul's demo does). The outbox reads their history at once, so the
reconciliation page (`/bpjs/rekonsiliasi?date=<yesterday>`) lists them and the outbox
loop reports them to the demo's fake BPJS once the server runs. Idempotent: nothing is
added when the facility has a ticket on that day already."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from queue_server.persistence.models import Ticket
from queue_server.services import arrivals, counter_calls, counter_moves
from queue_server.services.auth import OPERATOR, Principal

from .demo_data import DEMO_FACILITY
from .outbox import read_history

# (the poli's service code, its counter) for each demo visit, in the order they come.
PATHS = (("umum", "poli-umum"), ("kia", "kia"), ("umum", "poli-umum"))
STEP = timedelta(minutes=6)


@dataclass
class DemoClock:
    """A clock the loader sets back and moves on (services.ports.Clock)."""

    at: datetime

    def now(self) -> datetime:
        return self.at


def load_demo_visits(app: Any) -> None:
    """Yesterday's demo visits at `pkm-demo` through registration, a poli and the
    pharmacy (PATHS), then one reading round of the outbox. Needs the demo's users."""
    rt = app.extensions["antrian"]
    with rt.uow() as uow:
        facility = uow.directory.facility(DEMO_FACILITY)
        user = uow.staff.user_by_username("petugas")
        if facility is None or user is None:
            return
        zone = ZoneInfo(facility.timezone)
        day = rt.clock.now().astimezone(zone).date() - timedelta(days=1)
        if uow.session.scalar(select(func.count(Ticket.id)).where(
                Ticket.facility_id == facility.id, Ticket.day == day)):
            return
    staff = Principal("staff", user.id, user.username, OPERATOR, facility.id)
    clock = DemoClock(datetime.combine(day, time(7, 30), zone))
    for number, (service, counter) in enumerate(PATHS):
        clock.at = datetime.combine(day, time(7, 30), zone) + number * 4 * STEP
        _visit(rt, clock, staff, service, counter)
    read_history(rt.uow, rt.clock)


def _visit(rt: Any, clock: DemoClock, staff: Principal, service: str, counter: str) -> None:
    """One walk-in: registration (loket-1), the poli `service` at `counter`, the pharmacy."""
    arrivals.issue_walk_in(rt.uow(), clock, staff, "pendaftaran", facility_code=DEMO_FACILITY)
    for desk, onward in (("loket-1", service), (counter, "apotek"), ("apotek", None)):
        clock.at += STEP
        counter_calls.call_next(rt.uow(), clock, staff, desk, DEMO_FACILITY)
        clock.at += STEP / 3
        counter_moves.start(rt.uow(), clock, staff, desk, DEMO_FACILITY)
        clock.at += STEP
        if onward is None:
            counter_moves.finish(rt.uow(), clock, staff, desk, DEMO_FACILITY)
        else:
            counter_moves.transfer(rt.uow(), clock, staff, desk, onward, DEMO_FACILITY)
