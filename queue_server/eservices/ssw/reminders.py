"""Renewal reminders: a message to the holder's phone some days before an issued permit
expires (DIGIT's trade licence renewal alerts), once per permit; run by the case sweep
through the module's "sweeps" hook."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from queue_server.domain.dates import long_date
from queue_server.persistence.case_models import Case
from queue_server.services.case_messages import tell_owner
from queue_server.services.cases import city_today
from queue_server.services.port_cases import CaseWork
from queue_server.services.ports import Clock

from .flow import city_tz
from .models import SswApplication, SswPermitType
from .store import session_of

REMINDER_KIND = "ssw_permit_expiring"


def remind_expiring(uow: CaseWork, clock: Clock, days_before: int = 30,
                    tz: str | None = None) -> int:
    """Queue a reminder (services.case_messages.tell_owner) for every issued permit
    valid until within `days_before` calendar days from today and not reminded yet,
    and mark it reminded (`tz`: the city's time zone, else flow.city_tz). Returns how
    many were queued. Commits."""
    tz = tz or city_tz()
    day = city_today(clock, tz)
    count = 0
    with uow:
        session = session_of(uow)
        rows = session.execute(
            select(Case, SswApplication, SswPermitType)
            .join(SswApplication, SswApplication.case_id == Case.id)
            .join(SswPermitType, SswPermitType.id == SswApplication.permit_type_id)
            .where(Case.state == "issued", SswApplication.reminded_at.is_(None),
                   SswApplication.valid_until.is_not(None),
                   SswApplication.valid_until >= day,
                   SswApplication.valid_until <= day + timedelta(days=days_before))).all()
        for case, row, permit in rows:
            message = (f"Izin {permit.name} nomor {row.permit_number} berlaku sampai "
                       f"{long_date(row.valid_until)}. Ajukan perpanjangan sebelum masa "
                       "berlakunya habis.")
            if tell_owner(uow, clock, case, REMINDER_KIND, message, tz):
                count += 1
            row.reminded_at = clock.now()
        uow.commit()
    return count


def sweep_reminders(uow: Callable[[], Any], clock: Clock, timezone: str, tell: bool) -> None:
    """The "sweeps" hook: each case-sweep round, remind expiring permits when messages
    are sent (`tell`: a messaging gateway is configured)."""
    if tell:
        remind_expiring(uow(), clock, tz=timezone)

