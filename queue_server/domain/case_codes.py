"""The phone check of a citizen's case (services/case_checks.py): the errors of confirming
a case with the one-time code sent to the phone given with it. The code itself, its
hashing and its wrong-code error are the booking hold's (domain.phone_codes): one rule
for every phone check. A case filed under someone else's NIK from an unknown phone is the
abuse this stops (Surabaya's WargaKu had such complaints, ESERVICES.md)."""

from __future__ import annotations

from .errors import DomainError


class CaseCodeExpired(DomainError):
    """The case's code ran out before it came back: the case is not filed and will be
    dropped (409 `case_code_expired`)."""

    code = "case_code_expired"
    text_id = ("Waktu verifikasi kode sudah habis; laporan ini tidak diteruskan. Silakan "
               "kirim laporan lagi.")
    text_en = ("The time to enter the code has run out; this report was not filed. Please "
               "send it again.")


class CaseCodeSpent(DomainError):
    """Too many wrong codes: no code of this case is taken any more; the case stays
    unconfirmed and is dropped (409 `too_many_attempts`, as for a booking)."""

    code = "too_many_attempts"
    text_id = ("Kode verifikasi salah terlalu sering; laporan ini tidak diteruskan. Silakan "
               "kirim laporan lagi.")
    text_en = ("The verification code was wrong too many times; this report was not filed. "
               "Please send it again.")


class NoCaseCode(DomainError):
    """The case has no code waiting: it was confirmed already or filed without a phone
    check (409 `no_code_pending`)."""

    code = "no_code_pending"
    text_id = "Tidak ada kode verifikasi yang ditunggu untuk kasus ini."
    text_en = "This case is not waiting for a verification code."


# Codes one case may be sent in all (the first and two resends), and the wait between two:
# a phone that got no message can ask again, nobody can flood it through one case.
MAX_SENDS = 3
RESEND_SECONDS = 60


class CaseCodesUsedUp(DomainError):
    """Every code a case may be sent was sent (409 `too_many_codes`)."""

    code = "too_many_codes"
    text_id = ("Kode verifikasi sudah dikirim {n} kali untuk laporan ini; tidak bisa dikirim "
               "lagi. Periksa nomor HP Anda, atau kirim laporan baru dengan nomor yang benar.")
    text_en = ("A verification code was sent {n} times for this report; no more can be sent. "
               "Check your phone number, or send a new report with the right one.")

    def __init__(self, n: int):
        super().__init__(n=n)


class CaseCodeTooSoon(DomainError):
    """A new code asked for before RESEND_SECONDS passed since the last (409
    `resend_too_soon`, `details.retry_after` in seconds)."""

    code = "resend_too_soon"
    text_id = "Kode baru saja dikirim; tunggu {seconds} detik sebelum meminta kode lagi."
    text_en = "A code was just sent; wait {seconds} seconds before asking for another."

    def __init__(self, seconds: int):
        super().__init__(seconds=seconds)
        self.details = {"retry_after": seconds}
        self.retry_after = seconds  # the answer's Retry-After header too
