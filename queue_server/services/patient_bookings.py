"""One patient's bookings across every facility: the per-NIK daily limit, and "my
bookings" for a patient who lost the code (NIK and the phone given at booking)."""

from __future__ import annotations

from datetime import UTC, date, timedelta

from ..domain.booking_limits import check_daily_limit
from ..domain.identity import parse_nik, parse_phone
from ..domain.numbering import service_day
from .ports import Clock, JsonObject, UnitOfWork


def lock_booking_day(uow: UnitOfWork, nik: str, day: date) -> None:
    """Hold this NIK's bookings for `day` until the transaction ends. Taken before the
    service's number lock, by every booking, so the daily limit cannot race (two
    bookings of one NIK at two facilities at once) and locks never cross."""
    uow.patients.lock_booking_day(nik, day)


def day_lock(uow: UnitOfWork, nik: str, day: date) -> str | None:
    """`lock_booking_day`'s lock as a key, for the number's statement to take first
    (None where the database needs no such lock: SQLite's writers run one at a time)."""
    return uow.patients.day_lock(nik, day)


def check_daily_place(uow: UnitOfWork, nik: str, day: date, limit: int,
                      active: int | None = None) -> None:
    """Refuse a booking beyond `limit` active bookings of this NIK on `day`, at any facility
    and service (ANTRIAN_BOOKINGS_PER_NIK_PER_DAY): raises DailyLimitReached (409
    `daily_limit`). Call it under `lock_booking_day`; `active`: the count when the
    caller has it already (`booking_day`'s, read under that lock)."""
    if active is None:
        active = uow.patients.active_bookings_on(nik, day)
    check_daily_limit(active, limit, day)


def lookup(uow: UnitOfWork, clock: Clock, nik: str, phone: str) -> list[JsonObject]:
    """The NIK's active bookings from today on, when `phone` is the one given at booking.

    `nik` and `phone` come normalised from the edge; their rules still apply here
    (InvalidInput `invalid_nik`, `invalid_phone`, 422), and the phone is compared in its
    stored form (`+62…`). An unknown pair gives [], the same answer whether or not the NIK
    has bookings. Each item: number, facility {code, name}, service {code, name}, date
    (ISO), code (the visit's public code) and status; nothing else.
    """
    nik, phone = parse_nik(nik).value, parse_phone(phone)
    now = clock.now()
    # Every facility's local day is today's UTC date or a day either side of it.
    since = now.astimezone(UTC).date() - timedelta(days=1)
    with uow:
        rows = uow.patients.active_bookings(nik, phone, since)
    return [{"number": row.number, "date": row.day.isoformat(), "code": row.code,
             "status": row.status,
             "facility": {"code": row.facility_code, "name": row.facility_name},
             "service": {"code": row.service_code, "name": row.service_name}}
            for row in rows if row.day >= service_day(now, row.timezone)]
