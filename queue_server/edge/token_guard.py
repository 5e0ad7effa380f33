"""Unknown bearer tokens, counted per address: a token guesser is refused for a while.

A bearer token (a kiosk's, a display's, a staff login's) is the whole credential. So every
token refused as unknown (`invalid_token`: no login has it, no active device) is counted
for the caller's address, in the same stores as the other limits (ratelimit.py: this
process's memory, or Redis shared by every process), under its own window name and
`TOKEN_MISS_LIMIT` (e.g. "20/minute;200/hour"). An address with more than that is refused
on every request that presents a bearer token, known tokens included (else a 429 would
tell the guesser which guess was right), until the window ends: 429
`too_many_unknown_tokens` with Retry-After. Requests without a bearer token (a patient's
page, a console on its session cookie) go on.

Not guesses, never counted: a login's token that expired, was logged out or whose user
was deactivated (`session_expired`: a console left open overnight must not block the
clinic's address), and the token of a device set inactive (services/token_guesses.py).
A session cookie naming an unknown token is counted like a bearer token (the cookie is
signed, so that only happens to a stale one, or a forged one with a stolen key).
"""

from __future__ import annotations

from typing import Any

from flask import Flask, session

from ..domain.access import InvalidToken
from ..domain.errors import DomainError, RateLimited
from ..runtime import current
from ..services.token_guesses import is_guess
from .caller import bearer_token, client_address
from .ratelimit import Window, count_and_wait, wait_if_over, windows_of

MISS_CODES = frozenset({InvalidToken.code})


class TokenGuessing(RateLimited):
    """Too many unknown tokens from one address: every request with a bearer token from it
    is refused for a while."""

    code = "too_many_unknown_tokens"
    text_id = ("Terlalu banyak token yang tidak dikenal dari alamat ini; periksa token "
               "perangkat dan coba lagi dalam {retry_after} detik.")
    text_en = ("Too many unknown tokens from this address; check the device's token and "
               "try again in {retry_after} seconds.")


def _windows() -> list[Window]:
    return windows_of("token-miss", "TOKEN_MISS_LIMIT", "addr:" + client_address())


def refuse_if_blocked() -> None:
    """Raise TokenGuessing while this request's address is over its miss limit."""
    wait = wait_if_over(_windows())
    if wait is not None:
        raise TokenGuessing(wait)


def counted(exc: DomainError, token: Any = None) -> DomainError:
    """The error to answer for `exc`: an unknown token (a guess, not a device's ended one)
    is counted for the address and becomes TokenGuessing once that is over the limit; any
    other error is returned as it is. `token`: the one refused, when it came otherwise
    than as the request's bearer token or session (a socket's `auth`)."""
    if exc.code not in MISS_CODES:
        return exc
    token = token or bearer_token() or session.get("token")
    if isinstance(token, str) and token:
        rt = current()
        if not is_guess(rt.uow(write=False), token):
            return exc
    wait = count_and_wait(_windows())
    if wait is not None:
        return TokenGuessing(wait)
    return exc


def install(app: Flask) -> None:
    """Refuse a blocked address's bearer-token requests before the view reads the token."""

    @app.before_request
    def _guard_tokens() -> None:
        if bearer_token() is not None:
            refuse_if_blocked()
