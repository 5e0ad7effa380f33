"""Reading one value of a configuration entry (a facility, service, counter, device or
user as `load-config` and `/api/v1/admin` give it): each reader raises InvalidInput
`invalid_config` naming the entry and key, never a crash nor a silent default."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

from ..domain import admin_errors as refused
from ..domain import config_errors as bad
from ..domain.errors import InvalidInput
from ..domain.identity import reference_form

# The file, or one entry of it, as YAML or JSON gives it: Any on purpose, since its
# values are checked one key at a time where they are read (need, plain_code, choice,
# number, the domain's parse_* functions); `object` would need a cast at every read.
ConfigData = dict[str, Any]
T = TypeVar("T")
V = TypeVar("V")


# The keys each entry may have (a facility's in a file may also list its contents).
FACILITY_KEYS = frozenset({"code", "name", "timezone", "running_text", "cuti_bersama",
                           "closed_dates"})
CONTENT_KEYS = frozenset({"services", "counters", "devices"})
SERVICE_KEYS = frozenset({"code", "name", "prefix", "hours", "booking_quota", "walkin_limit",
                          "avg_minutes", "target_wait", "shown_on_boards", "active",
                          "open_on_holidays", "booking_cutoff", "closed_dates",
                          "jkn_quota"})
COUNTER_KEYS = frozenset({"code", "name", "services", "active"})
DEVICE_KEYS = frozenset({"code", "kind", "name", "active", "token", "token_hash"})
USER_KEYS = frozenset({"username", "role", "facility", "name", "active", "password",
                       "password_hash", "offices"})
FILE_KEYS = frozenset({"closed_dates", "offices", "facilities", "users"})
# The longest texts the columns hold (persistence/models.py, access_models.py).
NAME_LENGTH = 120
CODE_LENGTH = 40
RUNNING_TEXT_LENGTH = 500  # as PUT /api/v1/facilities/{f}/running-text allows
SECRET_LENGTH = 200
USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]*")
USERNAME_LENGTH = (3, 60)
# The largest number a count may be (bookings, walk-ins a day) and minutes may be (a day).
MOST_A_DAY = 100_000
MINUTES_A_DAY = 1440


def need(entry: ConfigData, key: str, where: str) -> Any:
    """`entry[key]`; KeyRequired (`where: 'key' is required`) when absent or empty."""
    if entry.get(key) in (None, ""):
        raise bad.KeyRequired(key).at(where)
    return entry[key]


def text(entry: ConfigData, key: str, where: str, default: str | None = None,
         most: int = NAME_LENGTH, required: bool = False) -> str | None:
    """`entry[key]` as a text of at most `most` characters (outer spaces kept off),
    `default` when absent; KeyRequired when `required` and absent or blank; a number, a
    list, a mapping or a longer text is NotText naming the key."""
    value = need(entry, key, where) if required else entry.get(key)
    if value is None:
        return default
    if not isinstance(value, str) or len(value.strip()) > most:
        raise bad.NotText(key, most).at(where)
    if required and not value.strip():
        raise bad.KeyRequired(key).at(where)
    return value.strip()


def username_of(value: object, where: str) -> str:
    """A username as it may be written: lower-case letters, digits, `.`, `-`, `_`, 3 to
    60 characters, no spaces; UsernameForm else."""
    least, most = USERNAME_LENGTH
    if (not isinstance(value, str) or not least <= len(value) <= most
            or not USERNAME.fullmatch(value)):
        raise bad.UsernameForm(value, least, most).at(where)
    return value


def plain_code(value: object, where: str) -> str:
    """A configured code in the one form the API reads codes in (lower case, NFKC, ASCII),
    so `Umum` in a file and `umum` from a phone name the same service; CodeNotPlain (a
    text or a whole number of at most CODE_LENGTH characters) else."""
    plain = isinstance(value, str | int) and not isinstance(value, bool)
    code = reference_form(str(value)) if plain else None
    if code is None or len(code) > CODE_LENGTH:
        raise bad.CodeNotPlain(value, CODE_LENGTH).at(where)
    return code


def located(where: str, parse: Callable[[V], T], value: V) -> T:
    """`parse(value)`, its InvalidInput prefixed with where the value is in the file."""
    try:
        return parse(value)
    except InvalidInput as exc:
        raise exc.at(where) from None


def iso_closures(closures: dict[date, str]) -> dict[str, str]:
    """Closures as stored: ISO date → reason, in date order."""
    return {day.isoformat(): reason for day, reason in sorted(closures.items())}


def choice(entry: ConfigData, key: str, where: str, choices: Mapping[object, T],
           default: object) -> T:
    """The stored value of a key limited to `choices` (file value → stored value)."""
    value = entry.get(key, default)
    if isinstance(value, bool) is not isinstance(default, bool) or value not in list(choices):
        allowed = " / ".join(str(c).lower() for c in choices)
        raise bad.NotAChoice(key, allowed, value).at(where)
    return choices[value]


def flag(entry: ConfigData, key: str, where: str, default: bool) -> bool:
    """A boolean key (`true`/`false` only), `default` when absent."""
    return bool(choice(entry, key, where, {True: True, False: False}, default))


def number(entry: ConfigData, key: str, where: str, default: float | None,
           kind: type[int] | type[float] = int, least: float = 0,
           most: float = MOST_A_DAY) -> float | None:
    """`entry[key]` as a finite number of `kind` (int: a whole number) from `least` to
    `most`, `default` when absent; a boolean, text, Infinity or a number out of range is
    NumberOutOfRange (`invalid_config`) naming the key, never a crash nor a silent 0."""
    value = entry.get(key)
    if value is None:
        return default
    # NaN and Infinity fail the comparison too; a huge int is compared exactly.
    ok = isinstance(value, int | float) and not isinstance(value, bool) and (
        least <= value <= most)
    if ok and kind is int and value != int(value):
        ok = False
    if not ok:
        raise bad.NumberOutOfRange(key, kind is int, least, most, value).at(where)
    return kind(value)


def active(entry: ConfigData, where: str) -> bool:
    """A service's, counter's, user's or device's `active` (true unless the entry says
    false; anything but a boolean is InvalidInput). False: its logins or token stop."""
    return flag(entry, "active", where, True)


def only_keys(entry: object, allowed: frozenset[str], where: str) -> ConfigData:
    """`entry` as a mapping with no key outside `allowed`; EntryNotMapping or UnknownKey
    (naming the key) else, so a misspelt key is not silently ignored."""
    if not isinstance(entry, dict):
        raise refused.EntryNotMapping().at(where)
    unknown = sorted(str(k) for k in entry if k not in allowed)
    if unknown:
        raise refused.UnknownKey(unknown[0]).at(where)
    return entry


def entry_keys(entry: object, allowed: frozenset[str], where: str) -> ConfigData:
    """only_keys for an entry of a file or a body: `where` (`pkm-demo service`) is
    followed by the entry's code or username when it has one, so the message says which
    entry has the unknown key."""
    if isinstance(entry, dict):
        name = entry.get("code", entry.get("username"))
        if isinstance(name, str | int) and not isinstance(name, bool):
            where = f"{where} {name}"
    return only_keys(entry, allowed, where)
