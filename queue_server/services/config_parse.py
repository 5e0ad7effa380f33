"""Reading one value of a configuration entry (a facility, service, counter, device or
user as `load-config` and `/api/v1/admin` give it): each reader raises InvalidInput
`invalid_config` naming the entry and key, never a crash nor a silent default."""

from __future__ import annotations

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


def need(entry: ConfigData, key: str, where: str) -> Any:
    """`entry[key]`; KeyRequired (`where: 'key' is required`) when absent or empty."""
    if entry.get(key) in (None, ""):
        raise bad.KeyRequired(key).at(where)
    return entry[key]


def plain_code(value: object, where: str) -> str:
    """A configured code in the one form the API reads codes in (lower case, NFKC, ASCII),
    so `Umum` in a file and `umum` from a phone name the same service; CodeNotPlain else."""
    code = reference_form(str(value))
    if code is None:
        raise bad.CodeNotPlain(value).at(where)
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
           kind: type[int] | type[float] = int, least: float = 0) -> float | None:
    """`entry[key]` as a number of `kind` (int: a whole number) no smaller than `least`,
    `default` when absent; a boolean, text or a number out of range is InvalidInput
    `invalid_config` naming the key, never a crash of `load-config` nor a silent 0."""
    value = entry.get(key)
    if value is None:
        return default
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if ok and kind is int and value != int(value):
        ok = False
    if not ok or value < least:
        raise bad.NumberTooSmall(key, kind is int, least, value).at(where)
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
