"""Unknown visit and booking codes, counted per caller: a prober is refused for a while.

A code is a credential (about 49 bits): whoever holds one reads the visit. So every
*miss* (a well-formed code that names no visit: `visit_not_found`, `booking_not_found`)
is counted for the caller, in the same stores as the booking limits (ratelimit.py: this
process's memory, or Redis shared by every process). A caller with more than
`CODE_MISS_LIMIT` misses (e.g. "20/minute;200/hour") is refused on every code route,
found codes included, until the window ends: 429 `too_many_unknown_codes` with
Retry-After. Hits are never counted, so a patient who mistypes a few times is not held up.

Who is the caller: an anonymous client by its address; a signed-in one (a kiosk's device
token, a staff token or console session) by its device or user, under the higher
`CODE_MISS_LIMIT_SIGNED_IN`: a kiosk serves a whole waiting room from one address, and
its token is a credential of its own (revoked, it stops at once).

Guarded: every route with a `code` in its path (a visit or booking code by the API's
convention, mobile_api/fields.py): `/api/v1/bookings/{code}`, its `qr.svg`, `cancel`,
`check-in` and `confirm`, the patient page `/t/{code}`, the case page `/c/{code}` and
`/api/v1/cases/{code}/confirm`, but not a case's public reference (`WADUL-123`:
sequential and public, its misses `RefNotFound` are not counted); the survey's code
(`POST /api/v1/surveys`, its body); and the patient socket (`{"visit": CODE}`, through
`guarded`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, g, request, session

from ..domain.errors import DomainError, NotFound, RateLimited
from ..domain.lookups import BookingNotFound, VisitNotFound
from ..runtime import current
from ..services.auth import Principal, authenticate
from ..services.cases import RefNotFound
from . import token_guard
from .caller import bearer_token, client_address
from .ratelimit import Window, count_and_wait, wait_if_over, windows_of

# A case's tracking code (services/cases.py CaseNotFound) is a credential just the same;
# so is an issued document's verification code (services/documents.py DocumentNotFound).
MISS_CODES = frozenset({VisitNotFound.code, BookingNotFound.code, "case_not_found",
                        "document_not_found"})
T = TypeVar("T")


class CodeProbing(RateLimited):
    """Too many unknown codes from one caller: every code route refuses it for a while."""

    code = "too_many_unknown_codes"
    # Said on every code route: tickets, bookings and e-service tracking codes alike.
    text_id = ("Terlalu banyak kode yang tidak dikenal; periksa kode Anda (pada kertas "
               "atau pesan yang Anda terima) dan coba lagi dalam {retry_after} detik.")
    text_en = ("Too many unknown codes; check your code (on the paper or in the message "
               "you received) and try again in {retry_after} seconds.")


def _signed_in() -> Principal | None:
    """The request's signed-in caller (bearer token or console session), or None.

    Read only to choose the counter: `g.principal` is left to the route, so a session
    caller still meets the route's CSRF check."""
    if "principal" in g:
        return g.principal
    token = bearer_token() or session.get("token")
    if not token:
        return None
    rt = current()
    try:
        return authenticate(rt.uow(write=False), rt.clock, token, cached=True)
    except DomainError:  # a stale or made-up token counts as no token: by address
        return None


def _windows() -> list[Window]:
    """The miss windows of this request's caller (worked out once per request)."""
    if "code_miss_windows" not in g:
        who = _signed_in()
        if who is not None:
            g.code_miss_windows = windows_of("code-miss", "CODE_MISS_LIMIT_SIGNED_IN",
                                             f"{who.kind}:{who.id}")
        else:
            g.code_miss_windows = windows_of("code-miss", "CODE_MISS_LIMIT",
                                             "addr:" + client_address())
    return g.code_miss_windows


def refuse_if_blocked() -> None:
    """Raise CodeProbing while this request's caller is over its miss limit."""
    wait = wait_if_over(_windows())
    if wait is not None:
        raise CodeProbing(wait)


def count_miss() -> None:
    """Count one unknown code for this request's caller; CodeProbing once that makes it
    more than the limit (this miss is then answered 429, not 404)."""
    wait = count_and_wait(_windows())
    if wait is not None:
        raise CodeProbing(wait)


def counted(exc: DomainError) -> DomainError:
    """The error to answer for `exc`: a code miss is counted, and may become CodeProbing;
    any other error is returned as it is (an unknown token: see token_guard.py)."""
    if exc.code in token_guard.MISS_CODES:
        return token_guard.counted(exc)
    if exc.code not in MISS_CODES or isinstance(exc, (CodeProbing, RefNotFound)):
        return exc  # a public reference's miss is no guess at a secret
    try:
        count_miss()
    except CodeProbing as over:
        return over
    return exc


def guarded(applies: bool, look: Callable[..., T], *args: Any) -> T:
    """`look(*args)` under the code limit when `applies` (a socket watching a visit):
    refused while the caller is blocked; a miss it raises is counted (NotFound, or
    CodeProbing once over)."""
    if not applies:
        return look(*args)
    refuse_if_blocked()
    try:
        return look(*args)
    except NotFound as exc:
        raise counted(exc) from None


def install(app: Flask) -> None:
    """Refuse blocked callers on every guarded route, before the view looks anything up."""

    @app.before_request
    def _guard_codes() -> None:
        if "code" in (request.view_args or {}):
            refuse_if_blocked()
