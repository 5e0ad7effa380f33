"""Messages to a patient's phone: “nearly your turn” when few people are left ahead, and
the one-time code that confirms a phone booking (services/booking_holds.py).

Use cases only record what to send (in the same transaction as the change that caused
it); a worker delivers it to the configured webhook (a WhatsApp or SMS gateway), with
retries and back-off, once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from .days import service_days
from .port_records import NotificationRow
from .port_rows import ServiceRow, TicketFacts
from .ports import JsonObject, UnitOfWork
from .views import iso

KIND = "nearly_your_turn"
# A booking's one-time code: its payload holds the code until it is sent (or its hold
# goes), then the code is wiped; its text is never logged.
CODE_KIND = "booking_otp"
WIPED: JsonObject = {"kind": CODE_KIND, "wiped": True}
# A case's phone code (services/case_checks.py): kept, wiped and unlogged the same way.
CASE_CODE_KIND = "case_code"
CODE_KINDS = (CODE_KIND, CASE_CODE_KIND)
MAX_ATTEMPTS = 8


def backoff(attempts: int) -> timedelta:
    """1 s, 2 s, 4 s … after each failure, at most 10 minutes."""
    return timedelta(seconds=min(2 ** max(attempts - 1, 0), 600))


def notice_nearly(uow: UnitOfWork, service: ServiceRow, now: datetime,
                  threshold: int | None) -> None:
    """Queue a message for every patient with a phone who has `threshold` or fewer ahead."""
    if threshold is None:
        return
    facility = service.facility
    days = service_days(service, now)
    for ahead, ticket in enumerate(uow.tickets.waiting_list({service.id: 0}, days,
                                                            limit=threshold + 1)):
        if not ticket.visit.phone:
            continue
        message = (f"Antrean {ticket.number} di {facility.name}: tinggal {ahead} orang lagi. "
                   f"Silakan bersiap di {service.name}.")
        uow.notifications.add(
            ticket_id=ticket.id, facility_id=facility.id, kind=KIND, created_at=now,
            next_attempt_at=now,
            payload={"kind": KIND, "facility": facility.code, "facility_name": facility.name,
                     "service": service.code, "service_name": service.name,
                     "number": ticket.number, "people_ahead": ahead,
                     "phone": ticket.visit.phone, "code": ticket.visit.code,
                     "ticket_url": f"/t/{ticket.visit.code}", "message": message,
                     "queued_at": iso(now, facility.timezone)},
        )


def queue_booking_code(uow: UnitOfWork, ticket: TicketFacts, code: str, expires_at: datetime,
                       now: datetime) -> None:
    """Queue the one-time `code` of a held booking (`ticket`, with its visit and service)
    for the phone given with it, due at once; it is good until `expires_at`."""
    service = ticket.service
    facility = service.facility
    minutes = round((expires_at - now).total_seconds() / 60)
    message = (f"Kode verifikasi booking antrean {service.name} di {facility.name} tanggal "
               f"{ticket.day:%d-%m-%Y}: {code}. Berlaku {minutes} menit. Jangan berikan kode "
               "ini kepada siapa pun, termasuk petugas.")
    uow.notifications.add(
        ticket_id=ticket.id, facility_id=facility.id, kind=CODE_KIND, created_at=now,
        next_attempt_at=now,
        payload={"kind": CODE_KIND, "facility": facility.code, "facility_name": facility.name,
                 "service": service.code, "service_name": service.name,
                 "date": ticket.day.isoformat(), "phone": ticket.visit.phone, "otp": code,
                 "expires_at": iso(expires_at, facility.timezone), "message": message,
                 "queued_at": iso(now, facility.timezone)},
    )


def loggable(row: NotificationRow) -> str:
    """What a log line may say of a message: a queue message's text, masked by the
    caller; a code's message, and every e-service case's (its tracking code, the staff's
    answer, a link with the code), only by its kind."""
    if row.kind in CODE_KINDS or row.ticket_id is None:
        return row.kind
    return str(row.payload.get("message", ""))


def due(uow: UnitOfWork, now: datetime, limit: int = 20) -> list[NotificationRow]:
    return list(uow.notifications.due(now, limit))


def delivered(row: NotificationRow, now: datetime) -> None:
    row.status, row.sent_at, row.attempts = "sent", now, row.attempts + 1
    if row.kind in CODE_KINDS:
        row.payload = {"kind": row.kind, "wiped": True}


def failed(row: NotificationRow, now: datetime, why: str) -> None:
    row.attempts += 1
    row.last_error = why[:300]
    if row.attempts >= MAX_ATTEMPTS:
        row.status = "failed"
        if row.kind in CODE_KINDS:
            row.payload = {"kind": row.kind, "wiped": True}
    else:
        row.next_attempt_at = now + backoff(row.attempts)
