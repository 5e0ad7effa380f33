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
