"""Messages about a case through the messaging gateway (`NOTIFY_WEBHOOK_URL`), queued in
the same transaction as the change that caused them and delivered by the notification
worker like the queue's (services/notifications.py): to the citizen when their case has
an answer or is turned down, to the office's WhatsApp number when a case of theirs is
escalated. Links are paths (`case_url`, `staff_url`); the worker makes them absolute
with `PUBLIC_URL`, in the payload and in the message text.

A module decides when its citizen is told (it knows its own actions); the escalation is
the core sweep's (services/case_sweep.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .case_kinds import CaseKind
from .cases import public_ref
from .port_cases import CaseRow, CaseWork
from .ports import Clock
from .views import iso

ANSWERED_KIND = "case_answered"
CLOSED_KIND = "case_closed"
ESCALATED_KIND = "case_escalated"
KINDS = (ANSWERED_KIND, CLOSED_KIND, ESCALATED_KIND)


def messages_on(config: Mapping[str, Any]) -> bool:
    """Whether case messages are sent: a messaging gateway is configured."""
    return bool(config.get("NOTIFY_WEBHOOK_URL"))


def _queue(uow: CaseWork, clock: Clock, case: CaseRow, kind: str, phone: str,
           message: str, tz: str, fields: dict[str, Any]) -> None:
    now = clock.now()
    uow.notifications.add(
        case_id=case.id, kind=kind, created_at=now, next_attempt_at=now,
        payload={"kind": kind, "phone": phone, "message": message, **fields,
                 "queued_at": iso(now, tz)})


def tell_owner(uow: CaseWork, clock: Clock, case: CaseRow, kind: str, message: str,
               tz: str) -> bool:
    """Queue `message` (its last words: the link to `/c/{code}`, appended here) for the
    phone the case was filed with; nothing when it has none. The payload: `kind`,
    `case` (the tracking code: this goes to its owner only), `phone`, `case_url`,
    `message`, `queued_at`. Returns whether a message was queued (flushed with the unit
    of work, not committed)."""
    if not case.phone:
        return False
    path = f"/c/{case.code}"
    _queue(uow, clock, case, kind, case.phone, f"{message} {path}", tz,
           {"case": case.code, "case_url": path})
    return True


def tell_office(uow: CaseWork, clock: Clock, kind: CaseKind, case: CaseRow,
                working_days_over: int, tz: str) -> bool:
    """Tell the office holding `case` (its `phone`, the WhatsApp number for
    escalations, read by the head) that the case is `working_days_over` working days
    past its deadline: the office, the case's public reference, the days, and the link
    to the staff page (CaseKind.staff_path). Nothing when the office has no phone.
    Returns whether a message was queued (not committed)."""
    office = uow.offices.by_id(case.office_id) if case.office_id is not None else None
    if office is None or not office.phone:
        return False
    ref = public_ref(case)
    path = kind.staff_path.format(ref=ref) if kind.staff_path else ""  # never the code
    message = (f"Eskalasi {kind.title_id or case.module} {ref} di {office.name}: lewat "
               f"tenggat {working_days_over} hari kerja. Mohon kepala OPD segera "
               f"menindaklanjuti. {path}").strip()
    _queue(uow, clock, case, ESCALATED_KIND, office.phone, message, tz,
           {"case": ref, "office": office.code, "office_name": office.name,
            "working_days_over": working_days_over, "staff_url": path})
    return True
