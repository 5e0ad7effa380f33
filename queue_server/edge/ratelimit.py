"""Request limits: bookings per client address, per patient and per phone
(mobile_api/patient_keys.py), unknown codes per caller (code_guard.py) and unknown tokens
per address (token_guard.py); fixed windows, 429 with Retry-After.

A patient's number (NIK, phone) is part of a store key only as `hashed`: an HMAC keyed
with the app's SECRET_KEY, so neither Redis nor its dumps hold it, nor can its few
billion possible values be tried against the keys without that secret.

Counted in Redis when `RATELIMIT_STORAGE_URI` is `redis://…` (every process shares the
counts) or in this process's memory (`memory://`, the embedded default). Every counter of
a request goes to Redis in one script call, and so do those of the requests a process
receives while it is counting others'; Flask-Limiter, used before, spent two round trips
and about a third of a millisecond of Python on every booking.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import itertools
import logging
import math
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from flask import Flask, current_app
from limits import parse_many

from ..domain.errors import TooManyRequests
from ..services.together import Combiner

PREFIX = "antrian:limit:"
log = logging.getLogger(__name__)

# (store key, window seconds, requests allowed in it)
Window = tuple[str, int, int]


class MemoryCounts:
    """Fixed windows in this process: {key: (count, window end)}."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._windows: dict[str, tuple[int, float]] = {}

    def hit(self, windows: list[Window]) -> list[float]:
        """Count one request in each window; the seconds left of those now over."""
        now = time.monotonic()
        over = []
        with self._lock:
            if len(self._windows) > 100_000:  # forget windows that ended
                self._windows = {k: v for k, v in self._windows.items() if v[1] > now}
            for key, seconds, allowed in windows:
                count, ends = self._windows.get(key, (0, 0.0))
                if ends <= now:
                    count, ends = 0, now + seconds
                self._windows[key] = (count + 1, ends)
                if count + 1 > allowed:
                    over.append(ends - now)
        return over

    def over(self, windows: list[Window]) -> list[float]:
        """The seconds left of those windows already over their count, counting nothing."""
        now = time.monotonic()
        # No lock: each entry is an immutable pair, replaced whole by `hit` (under its
        # lock), and a dict read is atomic; this runs on every bearer-token request.
        found = [self._windows.get(key, (0, 0.0)) for key, _, _ in windows]
        return [ends - now for (count, ends), (_, _, allowed) in zip(found, windows, strict=True)
                if ends > now and count > allowed]


# Every window's count in one command: a window starts at its first request (SET NX EX),
# then counts (INCR); the replies are the counts, in order.
_HIT = """
local counts = {}
for i, key in ipairs(KEYS) do
  redis.call('SET', key, 0, 'EX', ARGV[i], 'NX')
  counts[i] = redis.call('INCR', key)
end
return counts
"""


class RedisCounts:
    """Fixed windows in Redis, shared by every server process."""

    def __init__(self, url: str):
        import redis

        self.redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self.errors = redis.RedisError
        # EVALSHA, sent as EVAL once if Redis has not got the script (a restart).
        self._hit = self.redis.register_script(_HIT)
        # The windows of the requests that arrive while others' are being counted are
        # counted together, in one script call (a rush's bookings: one round trip for
        # the group, not one each).
        self._together: Combiner[list[Window], list[int]] = Combiner(self._count_many, 64)

    def _count_many(self, groups: Sequence[list[Window]]) -> list[list[int] | None]:
        """Each group's windows counted (their counts, in order), all in one call; None
        each while Redis is unreachable."""
        keys = [key for windows in groups for key, _, _ in windows]
        try:
            counts = self._hit(keys=keys, args=[s for w in groups for _, s, _ in w])
        except self.errors:
            return [None] * len(groups)
        ends = list(itertools.accumulate(len(windows) for windows in groups))
        return [[int(c) for c in counts[end - len(windows):end]]
                for windows, end in zip(groups, ends, strict=True)]

    def hit(self, windows: list[Window]) -> list[float]:
        counts = self._together.submit(windows) if windows else []
        if counts is None:
            # Redis lost: bookings go on unlimited rather than fail (docs/deploying.md
            # promises HTTP keeps working); the limits return with Redis.
            log.warning("rate-limit store unreachable; booking limits off meanwhile")
            return []
        try:
            # Only a refused request asks when its window ends.
            return [float(self.redis.ttl(key))
                    for (key, _, allowed), count in zip(windows, counts, strict=True)
                    if count > allowed]
        except self.errors:
            log.warning("rate-limit store unreachable; booking limits off meanwhile")
            return []

    def over(self, windows: list[Window]) -> list[float]:
        """The seconds left of those windows already over their count, counting nothing
        (one round trip); [] while Redis is unreachable."""
        try:
            pipe = self.redis.pipeline(transaction=False)
            for key, _, _ in windows:
                pipe.get(key)
                pipe.ttl(key)
            replies = pipe.execute()
        except self.errors:
            log.warning("rate-limit store unreachable; code limits off meanwhile")
            return []
        return [float(max(ttl, 1))
                for (_, _, allowed), count, ttl in zip(windows, replies[0::2], replies[1::2],
                                                       strict=True)
                if count is not None and int(count) > allowed]


def init_limits(app: Flask) -> None:
    """The counts' store (`app.extensions["antrian_limits"]`) and the code-miss guard.

    Raises ValueError for a RATELIMIT_STORAGE_URI of another scheme."""
    uri = app.config.get("RATELIMIT_STORAGE_URI") or "memory://"
    if uri.startswith(("redis://", "rediss://", "unix://")):
        app.extensions["antrian_limits"] = RedisCounts(uri)
    elif uri.startswith("memory://"):
        app.extensions["antrian_limits"] = MemoryCounts()
    else:
        raise ValueError(f"RATELIMIT_STORAGE_URI: use memory://, redis://, rediss:// or "
                         f"unix://, not {uri!r}")
    from . import code_guard, token_guard  # they import this module, so not at the top

    token_guard.install(app)  # first: a blocked token guesser costs no database read
    code_guard.install(app)


@functools.lru_cache(maxsize=64)
def _allowances(rule: str) -> tuple[tuple[int, int], ...]:
    """(amount, window seconds) of each "N per period" in `rule`, parsed once per text."""
    return tuple((item.amount, item.get_expiry()) for item in parse_many(rule))


def windows_of(name: str, setting: str, caller: str) -> list[Window]:
    """The store's windows of one rule: every "N per period" of the config key `setting`
    ("5/minute;100/day"), for `caller`. Raises ValueError for a malformed setting."""
    return [(f"{PREFIX}{name}:{amount}/{seconds}:{caller}", seconds, amount)
            for amount, seconds in _allowances(current_app.config[setting])]


def _retry_after(over: list[float]) -> int | None:
    """Whole seconds (at least 1) until the last of the windows over their allowance ends;
    None when none is over."""
    return max(1, math.ceil(max(over))) if over else None


def wait_if_over(windows: list[Window]) -> int | None:
    """Seconds the caller must wait because one of `windows` is already over its
    allowance (None: free to go). Counts nothing."""
    return _retry_after(current_app.extensions["antrian_limits"].over(windows))


def count_and_wait(windows: list[Window]) -> int | None:
    """Count one request in each of `windows`; the seconds to wait when that makes one of
    them over its allowance (None: still within every allowance)."""
    return _retry_after(current_app.extensions["antrian_limits"].hit(windows))


def limited(*rules: tuple[str, str, Callable[[], str | None]]) -> Callable[[Any], Any]:
    """Refuse a request over any of `rules`: (name, config key holding "N per period",
    function giving the caller's key, or None when the rule does not apply to this
    request). Every rule that applies counts the request, refused or not."""
    def decorate(view: Any) -> Any:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            windows = [window for name, setting, who in rules
                       for caller in (who(),) if caller is not None
                       for window in windows_of(name, setting, caller)]
            wait = count_and_wait(windows)
            if wait is not None:
                raise TooManyRequests(wait)
            return view(*args, **kwargs)
        return wrapper
    return decorate


def hashed(*parts: str) -> str:
    """A store key's part for personal numbers (`parts`, joined): 32 hex digits of an
    HMAC-SHA256 keyed with SECRET_KEY, the same in every process of the deployment."""
    secret = str(current_app.config.get("SECRET_KEY") or "").encode()
    message = "\x1f".join(parts).encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]
