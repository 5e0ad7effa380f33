"""How many places one patient (NIK) may hold on one day, across every facility."""

from __future__ import annotations

from datetime import date

from .errors import DomainError

# Active bookings (booked, or checked in and not yet done) one NIK may hold on one date,
# at any facility and service: ANTRIAN_BOOKINGS_PER_NIK_PER_DAY. Issue 12 saw one NIK take
# 8 places on one day at three puskesmas; a patient rarely needs more than a poli and,
# say, the lab.
DEFAULT_BOOKINGS_PER_NIK_PER_DAY = 2


class DailyLimitReached(DomainError):
    """The NIK already holds `limit` (or more) active bookings on that date (409 `daily_limit`)."""

    code = "daily_limit"

    def __init__(self, active: int, limit: int, on: date):
        super().__init__(
            f"NIK ini sudah memiliki {active} booking aktif pada {on:%d-%m-%Y} (batas "
            f"{limit} per hari di semua puskesmas). Batalkan salah satu (lihat \"Cari "
            "booking saya\") atau pilih tanggal lain.",
            f"This NIK already holds {active} active bookings on {on:%Y-%m-%d} (the limit "
            f"is {limit} a day across all health centres). Cancel one (see \"Find my "
            "bookings\") or choose another date.",
        )
        self.limit = limit


def check_daily_limit(active: int, limit: int, on: date) -> None:
    """Refuse a new booking when the NIK's `active` bookings on `on` (every facility and
    service) have reached `limit`; raises DailyLimitReached. A limit below 1 means none."""
    if limit >= 1 and active >= limit:
        raise DailyLimitReached(active, limit, on)
