"""Numbers the environment gives (`ANTRIAN_…` settings): a value the setting cannot take
stops the start with one sentence naming the variable, what it holds and what it takes;
never a traceback, never a default put in its place without a word (an operator who
wrote `ANTRIAN_BPJS_RETRY_FIRST_SECONDS=0` got 10 s and was not told)."""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from typing import TypeVar

T = TypeVar("T")


class BadSetting(ValueError):
    """`name` holds `raw`, which is not `expected` (a phrase: "a whole number of at least
    1"). The command line prints it and exits 2; gunicorn's app fails to load."""

    def __init__(self, name: str, raw: str, expected: str) -> None:
        super().__init__(f"{name}={raw!r} cannot be used: it must be {expected} "
                         "(or unset, for its default)")
        self.name, self.raw, self.expected = name, raw, expected


def _read(name: str, default: T, environ: Mapping[str, str], expected: str,
          parse: Callable[[str], T]) -> T:
    """`parse` of the environment's `name` (blank: `default`); a ValueError from it is
    BadSetting(name, raw, `expected`)."""
    raw = environ.get(name, "").strip()
    if raw == "":
        return default
    try:
        return parse(raw)
    except ValueError:
        raise BadSetting(name, raw, expected) from None


def _bounded(whole: bool, least: float, above: bool) -> tuple[str, Callable[[str], float]]:
    """What a number setting takes, in words, and its parser (ValueError outside it)."""
    words = (f"{'a whole number' if whole else 'a number'} "
             f"{f'above {least:g}' if above else f'of at least {least:g}'}")

    def parse(raw: str) -> float:
        value: float = int(raw) if whole else float(raw)
        if not math.isfinite(value) or value < least or (above and value == least):
            raise ValueError(raw)
        return value
    return words, parse


def number(name: str, default: float, *, whole: bool = False, least: float = 0,
           above: bool = False, environ: Mapping[str, str] = os.environ) -> float:
    """The environment's `name` as a number (`whole`: an int), `default` when unset or
    blank. It must be finite and at least `least` (`above`: more than `least`). Raises
    BadSetting otherwise. Units are the setting's own (its name says them: _SECONDS,
    _MINUTES, _HOURS, _DAYS, _BYTES)."""
    return _read(name, default, environ, *_bounded(whole, least, above))


def whole(name: str, default: int, *, least: int = 0,
          environ: Mapping[str, str] = os.environ) -> int:
    """`number` for a whole number (a count, a number of days or bytes)."""
    return int(number(name, default, whole=True, least=least, environ=environ))


def optional(name: str, *, environ: Mapping[str, str] = os.environ) -> float | None:
    """A number of at least 0 that may be left unset (None: the reader's own default)."""
    words, parse = _bounded(False, 0, False)
    return _read(name, None, environ, words, parse)


def rate(name: str, default: str, *, environ: Mapping[str, str] = os.environ) -> str:
    """A rate limit (`limits`' notation: "120 per minute", "20/minute;200/hour"), `default`
    when unset or blank. Raises BadSetting for one `limits` cannot read (every request it
    guards answered 500 before)."""
    from limits import parse_many

    def parse(raw: str) -> str:
        parse_many(raw)  # ValueError when `limits` cannot read it
        return raw
    return _read(name, default, environ,
                 'a rate limit such as "120 per minute" or "20/minute;200/hour"', parse)


def zone(name: str, default: str, *, environ: Mapping[str, str] = os.environ) -> str:
    """An IANA time zone ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"), `default` when
    unset or blank. Raises BadSetting for one the system's zone database lacks."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    def parse(raw: str) -> str:
        try:
            ZoneInfo(raw)
        except ZoneInfoNotFoundError:  # a KeyError; a malformed key is a ValueError
            raise ValueError(raw) from None
        return raw
    return _read(name, default, environ, 'a time zone such as "Asia/Jakarta" (WIB), '
                 '"Asia/Makassar" (WITA) or "Asia/Jayapura" (WIT)', parse)
