"""The citizen's phone, checked before their case is filed, as a phone booking is held:
with a messaging gateway a new case starts unconfirmed and a one-time code goes to the
phone given with it; the case is filed (confirmed) when the code comes back. A case
whose code expires, or that took too many wrong codes, is dropped by the case sweep
(services/case_sweep.py): nobody can file under another's NIK from an unknown phone.

The code rules are the booking hold's (domain.phone_codes: 6 digits from `secrets`,
kept only as a salted HMAC, MAX_ATTEMPTS wrong tries); the message is queued like the
booking's (services/notifications.py, kind `case_code`, wiped once sent, never logged).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from ..domain import phone_codes
from ..domain.case_codes import (
    MAX_SENDS,
    RESEND_SECONDS,
    CaseCodeExpired,
    CaseCodeSpent,
    CaseCodesUsedUp,
    CaseCodeTooSoon,
    NoCaseCode,
)
from ..domain.identity import NotAMobileNumber
from .notifications import CASE_CODE_KIND
from .port_cases import CaseCheckRow, CaseRow, CaseWork
from .ports import Clock
from .views import iso

# How long a case's phone code stays good: time to read a message and come back to it.
CODE_LASTS = timedelta(minutes=30)


def gateway_on(config: Mapping[str, Any]) -> bool:
    """Whether citizens' phones are checked by a code: a messaging gateway is configured
    (`NOTIFY_WEBHOOK_URL`) and `BOOKING_PHONE_CHECK` is not turned off ("0", False).
    The same rule as phone bookings (mobile_api/phone_bookings.phone_check)."""
    return bool(config.get("NOTIFY_WEBHOOK_URL")) and config.get("BOOKING_PHONE_CHECK") \
        is not False


def start(uow: CaseWork, clock: Clock, case: CaseRow, lasts: timedelta, what: str,
          timezone: str = "Asia/Jakarta") -> datetime:
    """Hold `case` unconfirmed and send a new one-time code to its phone, good for
    `lasts` and MAX_ATTEMPTS wrong tries (a code sent before is replaced). `what` names
    the case in the message ("pengaduan e-Wadul"). Queues a `case_code` notification
    (payload `kind, case, phone, otp, message, expires_at`, the time with `timezone`'s
    offset). Returns when the code expires (UTC). Flushed, not committed.
    Raises NotAMobileNumber (422 `invalid_phone`) when the case has no phone."""
    if not case.phone:
        raise NotAMobileNumber()
    case.confirmed = False
    return _send(uow, clock, case, lasts, what, timezone, 1)


def _send(uow: CaseWork, clock: Clock, case: CaseRow, lasts: timedelta, what: str,
          timezone: str, sends: int) -> datetime:
    """A new code for `case` (its `sends`-th), stored hashed and queued for its phone."""
    assert case.phone
    now = clock.now()
    code, expires = phone_codes.new_code(), now + lasts
    uow.cases.put_check(case.id, phone_codes.hash_code(code), phone_codes.MAX_ATTEMPTS,
                        expires, sends)
    minutes = max(1, round(lasts.total_seconds() / 60))
    message = (f"Kode verifikasi {what} {case.code}: {code}. Berlaku {minutes} menit. "
               "Jangan berikan kode ini kepada siapa pun, termasuk petugas.")
    uow.notifications.add(
        case_id=case.id, kind=CASE_CODE_KIND, created_at=now, next_attempt_at=now,
        payload={"kind": CASE_CODE_KIND, "case": case.code, "phone": case.phone,
                 "otp": code, "message": message, "expires_at": iso(expires, timezone)})
    return expires


def _pending(uow: CaseWork, clock: Clock,
             case: CaseRow) -> tuple[CaseRow, CaseCheckRow, datetime]:
    """The case (locked), its outstanding check and now; raises NoCaseCode (confirmed or
    never checked), CaseCodeSpent (no try left) or CaseCodeExpired."""
    case = uow.cases.lock(case)
    check = uow.cases.check(case.id)
    if case.confirmed or check is None:
        raise NoCaseCode()
    now = clock.now()
    if check.attempts_left <= 0:
        raise CaseCodeSpent()
    if check.expires_at <= now:
        raise CaseCodeExpired()
    return case, check, now


def confirm(uow: CaseWork, clock: Clock, case: CaseRow, otp: str) -> None:
    """Confirm `case` with the code `otp` its phone received: right, the case is filed
    (`confirmed`) and its check dropped (flushed; the caller commits).

    Errors: OtpNotDigits (422 `invalid_otp`); NoCaseCode (409 `no_code_pending`: already
    confirmed, or filed without a check); CaseCodeExpired (409 `case_code_expired`);
    WrongCode (422 `wrong_otp`, `attempts_left`); CaseCodeSpent (409
    `too_many_attempts`: the last wrong try; no code is taken any more, the case stays
    unconfirmed and the sweep drops it). A wrong code is counted and committed before
    the error is raised, so the count survives the caller's rollback."""
    otp = phone_codes.read_code(otp)
    case, check, now = _pending(uow, clock, case)
    if not phone_codes.code_matches(otp, check.code_hash):
        left = check.attempts_left - 1
        # The last wrong try spends the check: it expires now, for the sweep to drop.
        uow.cases.put_check(case.id, check.code_hash, left, now if left <= 0 else
                            check.expires_at, check.sends)
        uow.commit()
        raise CaseCodeSpent() if left <= 0 else phone_codes.WrongCode(left)
    case.confirmed = True
    uow.cases.drop_check(case.id)


def resend(uow: CaseWork, clock: Clock, case: CaseRow, lasts: timedelta, what: str,
           timezone: str = "Asia/Jakarta") -> datetime:
    """Send `case` a new code (the one before stops working) when the citizen's message
    did not come: at most MAX_SENDS codes per case in all, RESEND_SECONDS apart, and only
    while a code is still pending. Returns when the new code expires (UTC); flushed, not
    committed. Errors: NoCaseCode (409, confirmed or never checked), CaseCodeExpired or
    CaseCodeSpent (409: the case is dropped anyway), CaseCodeTooSoon (409
    `resend_too_soon`, `retry_after`), CaseCodesUsedUp (409 `too_many_codes`)."""
    case, check, now = _pending(uow, clock, case)
    if not case.phone:
        raise NoCaseCode()
    if check.sends >= MAX_SENDS:
        raise CaseCodesUsedUp(MAX_SENDS)
    wait = RESEND_SECONDS - (now - (check.expires_at - lasts)).total_seconds()
    if wait > 0:
        raise CaseCodeTooSoon(math.ceil(wait))
    return _send(uow, clock, case, lasts, what, timezone, check.sends + 1)
