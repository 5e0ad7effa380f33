"""Slowing down password guessing without letting a stranger lock a staff member out.

Three counts of failed logins within WINDOW decide whether a try may go ahead; past its
free failures each count makes the next try wait, twice as long after every failure:

- the pair (account, address): one address guessing one account. Failures from one
  address never delay the same account at another address;
- the address, over every account it tried (password spraying). A clinic's staff may
  share one address behind NAT, so an address gets more room than a pair;
- the account, from every address: only at a much higher count (guessing spread over
  many addresses). Then the account's owner waits too, so an admin is told (a security
  event, see services.security_events).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from .errors import RateLimited

WINDOW = timedelta(minutes=15)
MAX_DELAY = timedelta(minutes=15)
FREE_FAILURES = 5  # per (account, address) pair
FREE_FAILURES_PER_ADDRESS = 20
FREE_FAILURES_PER_ACCOUNT = 50

PAIR, ADDRESS, ACCOUNT = "pair", "address", "account"


class TooManyFailedLogins(RateLimited):
    """Logins from this address or for this account must wait (429 with Retry-After)."""

    code = "too_many_attempts"
    text_id = "Terlalu banyak percobaan login gagal; coba lagi dalam {retry_after} detik."
    text_en = "Too many failed logins; try again in {retry_after} seconds."


@dataclass(frozen=True)
class Failures:
    """Failed logins within WINDOW: how many, and when the last one was (None: none)."""

    count: int
    last: datetime | None = None


@dataclass(frozen=True)
class Verdict:
    """Whether a login try may go ahead: `retry_after` whole seconds to wait (0: go
    ahead) and `scope` (PAIR, ADDRESS or ACCOUNT), the count that holds it back longest."""

    retry_after: int = 0
    scope: str | None = None


def login_delay(failures: int, free: int = FREE_FAILURES) -> timedelta:
    """How long after the last failure the next try is allowed (failures within WINDOW):
    nothing below `free`, then 1 s, 2 s, 4 s … up to MAX_DELAY."""
    if failures < free:
        return timedelta(0)
    return min(timedelta(seconds=2 ** min(failures - free, 30)), MAX_DELAY)


def wait_seconds(failures: Failures, free: int, now: datetime) -> int:
    """Whole seconds from `now` until the next try is allowed by this count (0: now)."""
    delay = login_delay(failures.count, free)
    if not delay or failures.last is None or failures.last + delay <= now:
        return 0
    return math.ceil((failures.last + delay - now).total_seconds())


def judge(pair: Failures, address: Failures, account: Failures, now: datetime) -> Verdict:
    """The verdict on a login try given the three counts (see the module's docstring)."""
    waits = [(wait_seconds(pair, FREE_FAILURES, now), PAIR),
             (wait_seconds(address, FREE_FAILURES_PER_ADDRESS, now), ADDRESS),
             (wait_seconds(account, FREE_FAILURES_PER_ACCOUNT, now), ACCOUNT)]
    seconds, scope = max(waits, key=lambda w: w[0])
    return Verdict(seconds, scope) if seconds else Verdict()


def account_limit_engaged(account_failures: int) -> bool:
    """Whether an account with this many failures within WINDOW (from every address) is
    held back account-wide, so that its owner waits too."""
    return account_failures >= FREE_FAILURES_PER_ACCOUNT
