"""How many places one patient (NIK) may hold on one day, across every facility."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .config_errors import InvalidConfig, shown
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


# The JKN / non-JKN split of a day's booking places (issue 19). BPJS Kesehatan asks a
# facility that takes Mobile JKN bookings to keep part of its daily quota for JKN members
# (the antrean's `kuotajkn` / `kuotanonjkn`, Surat Edaran BPJS on Antrean Online): a
# service's `jkn_quota` of its `booking_quota` is JKN's, the rest everyone else's; None
# keeps one shared quota.


@dataclass(frozen=True)
class QuotaLeft:
    """A service's booking places on a day: `total` (booking_quota) and `left`, and per
    side: `jkn_quota` / `jkn_left` (bookings with a BPJS card number) and `other_quota` /
    `other_left` (the others). Without a split both sides are the whole quota, and both
    lefts the places left."""

    total: int
    left: int
    jkn_quota: int
    jkn_left: int
    other_quota: int
    other_left: int
    split: bool


def quota_left(total: int, jkn_quota: int | None, taken: int, jkn_taken: int) -> QuotaLeft:
    """The places left of a day whose `total` places are split at `jkn_quota` (None: not
    split), `taken` of them taken (JKN ones included) and `jkn_taken` by JKN bookings."""
    left = max(total - taken, 0)
    if jkn_quota is None:
        return QuotaLeft(total, left, total, left, total, left, False)
    other_quota, other_taken = max(total - jkn_quota, 0), taken - jkn_taken
    jkn_left = max(jkn_quota - jkn_taken, 0)
    other_left = max(other_quota - other_taken, 0)
    return QuotaLeft(total, min(left, jkn_left + other_left), jkn_quota, jkn_left,
                     other_quota, other_left, True)


class JknQuotaFull(DomainError):
    """A JKN booking when every place kept for JKN members is taken (409)."""

    code = "jkn_quota_full"
    text_id = ("Kuota pasien JKN untuk tanggal ini sudah habis ({quota} tempat). Pilih "
               "tanggal lain, atau datang langsung dan ambil nomor di kiosk.")
    text_en = ("The places kept for JKN patients on that date are all taken ({quota}). "
               "Choose another date, or come in and take a number at the kiosk.")

    def __init__(self, quota: int):
        super().__init__(quota=quota)


class NonJknQuotaFull(DomainError):
    """A booking without a BPJS card when every place for non-JKN patients is taken (409)."""

    code = "non_jkn_quota_full"
    text_id = ("Kuota pasien umum (non-JKN) untuk tanggal ini sudah habis ({quota} tempat). "
               "Peserta JKN dapat mendaftar dengan nomor kartu BPJS; atau pilih tanggal lain.")
    text_en = ("The places for non-JKN patients on that date are all taken ({quota}). JKN "
               "members may book with their BPJS card number; or choose another date.")

    def __init__(self, quota: int):
        super().__init__(quota=quota)


def check_places(places: QuotaLeft, jkn: bool) -> None:
    """Refuse a booking when its side of the day is full: a JKN booking (`jkn`: it carries
    a BPJS card number) takes a place of `jkn_quota`, any other one of the rest. Without a
    split: QuotaFull when no place is left. Raises QuotaFull, JknQuotaFull, NonJknQuotaFull."""
    if not places.split:
        check_quota(places.total - places.left, places.total)
    elif jkn and places.jkn_left <= 0:
        raise JknQuotaFull(places.jkn_quota)
    elif not jkn and places.other_left <= 0:
        raise NonJknQuotaFull(places.other_quota)


class JknQuotaTooLarge(InvalidConfig):
    """A service's `jkn_quota` outside 0..booking_quota (422 `invalid_config`)."""

    text_id = ("Isian 'jkn_quota' harus bilangan bulat dari 0 sampai booking_quota "
               "({quota}), atau kosong (satu kuota bersama), bukan {value}.")
    text_en = ("Field 'jkn_quota' must be a whole number from 0 to booking_quota "
               "({quota}), or empty (one shared quota), not {value}.")

    def __init__(self, value: object, quota: int):
        super().__init__(value=shown(value), quota=quota)


def check_jkn_quota(jkn_quota: object, booking_quota: int) -> int | None:
    """A service's `jkn_quota` as kept: None (one shared quota) or a whole number from 0
    to `booking_quota`. Raises JknQuotaTooLarge (naming the field) for anything else."""
    if jkn_quota is None:
        return None
    if (isinstance(jkn_quota, bool) or not isinstance(jkn_quota, int | float)
            or jkn_quota != int(jkn_quota) or not 0 <= jkn_quota <= booking_quota):
        raise JknQuotaTooLarge(jkn_quota, booking_quota)
    return int(jkn_quota)
