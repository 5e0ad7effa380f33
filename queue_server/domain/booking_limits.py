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
    text_id = ("NIK ini sudah memiliki {active} booking aktif pada {on:%d-%m-%Y} (batas "
               "{limit} per hari di semua puskesmas). Batalkan salah satu (lihat \"Cari "
               "booking saya\") atau pilih tanggal lain.")
    text_en = ("This NIK already holds {active} active bookings on {on:%Y-%m-%d} (the limit "
               "is {limit} a day across all health centres). Cancel one (see \"Find my "
               "bookings\") or choose another date.")

    def __init__(self, active: int, limit: int, on: date):
        super().__init__(active=active, limit=limit, on=on)
        self.limit = limit


def check_daily_limit(active: int, limit: int, on: date) -> None:
    """Refuse a new booking when the NIK's `active` bookings on `on` (every facility and
    service) have reached `limit`; raises DailyLimitReached. A limit below 1 means none."""
    if limit >= 1 and active >= limit:
        raise DailyLimitReached(active, limit, on)


class AlreadyBooked(DomainError):
    """The NIK already holds a confirmed booking of this service on that date (409)."""

    code = "already_booked"
    text_id = "Nomor antrean hanya dapat diambil 1 kali pada tanggal dan poli yang sama."
    text_en = "Only one booking per patient, service and day."


class QuotaFull(DomainError):
    """Every bookable place of the service's day is taken, held ones included (409)."""

    code = "quota_full"
    text_id = "Kuota penuh untuk tanggal ini."
    text_en = "No places left on that date."


def check_one_per_day(mine: int) -> None:
    """Refuse a second booking of one NIK for one service and day: `mine` is how many
    confirmed bookings (booked, or checked in and not yet done) it holds there already.
    Raises AlreadyBooked."""
    if mine:
        raise AlreadyBooked()


def check_quota(taken: int, quota: int) -> None:
    """Refuse a booking when `taken` places (bookings not cancelled, unexpired holds
    included) have reached the day's `quota`. Raises QuotaFull."""
    if taken >= quota:
        raise QuotaFull()
