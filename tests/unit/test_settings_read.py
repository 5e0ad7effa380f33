"""Numbers from the environment: a value the setting cannot take is refused by name (it
used to be a traceback, or a default put in its place without a word)."""

from __future__ import annotations

from pathlib import Path

import pytest

from queue_server.config import settings
from queue_server.settings_read import BadSetting, number, optional, rate, whole, zone


def test_unset_or_blank_is_the_default_and_a_good_value_is_read() -> None:
    assert number("X", 10, environ={}) == 10 and number("X", 10, environ={"X": " "}) == 10
    assert number("X", 10, environ={"X": "0.5"}) == 0.5
    assert whole("X", 7, environ={"X": "0"}) == 0
    assert optional("X", environ={}) is None and optional("X", environ={"X": "0"}) == 0


@pytest.mark.parametrize(("raw", "kwargs", "expected"), [
    ("ten", {}, "a number of at least 0"),
    ("-1", {}, "a number of at least 0"),
    ("nan", {}, "a number of at least 0"),
    ("inf", {}, "a number of at least 0"),
    ("0", {"above": True}, "a number above 0"),
    ("1.5", {"whole": True}, "a whole number of at least 0"),
    ("0", {"whole": True, "least": 1}, "a whole number of at least 1"),
])
def test_what_the_setting_cannot_take_is_refused_naming_it(
        raw: str, kwargs: dict, expected: str) -> None:
    with pytest.raises(BadSetting) as refused:
        number("ANTRIAN_X", 5, environ={"ANTRIAN_X": raw}, **kwargs)
    assert str(refused.value) == (f"ANTRIAN_X={raw!r} cannot be used: it must be {expected} "
                                  "(or unset, for its default)")


@pytest.mark.parametrize(("name", "raw"), [
    ("ANTRIAN_PROXIES", "one"), ("ANTRIAN_TOKEN_TTL_HOURS", "0"),
    ("ANTRIAN_BOOKING_HOLD_MINUTES", "-5"), ("ANTRIAN_BOOKINGS_PER_NIK_PER_DAY", "0"),
    ("ANTRIAN_CASE_SWEEP_SECONDS", "often"), ("ANTRIAN_CASE_FILE_MAX_BYTES", "5MB")])
def test_every_numeric_server_setting_is_checked(
        name: str, raw: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(name, raw)
    with pytest.raises(BadSetting) as refused:
        settings(str(tmp_path))
    assert refused.value.name == name


def test_a_rate_limit_is_read_or_refused_naming_it() -> None:
    assert rate("X", "5 per hour", environ={}) == "5 per hour"
    assert rate("X", "5 per hour", environ={"X": "20/minute;200/hour"}) == "20/minute;200/hour"
    with pytest.raises(BadSetting) as refused:
        rate("ANTRIAN_X", "5 per hour", environ={"ANTRIAN_X": "lots"})
    assert "ANTRIAN_X='lots' cannot be used: it must be a rate limit" in str(refused.value)


@pytest.mark.parametrize("name", [
    "ANTRIAN_BOOKING_LIMIT_PER_ADDRESS", "ANTRIAN_BOOKING_LIMIT_PER_NIK",
    "ANTRIAN_BOOKING_LIMIT_PER_PHONE", "ANTRIAN_CODE_MISS_LIMIT",
    "ANTRIAN_CODE_MISS_LIMIT_SIGNED_IN", "ANTRIAN_TOKEN_MISS_LIMIT"])
def test_every_rate_limit_of_the_server_is_checked_at_start(
        name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A limit `limits` cannot read made every request it guards answer 500."""
    monkeypatch.setenv(name, "lots")
    with pytest.raises(BadSetting) as refused:
        settings(str(tmp_path))
    assert refused.value.name == name


def test_a_time_zone_is_read_or_refused_naming_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert zone("X", "Asia/Jakarta", environ={"X": "Asia/Jayapura"}) == "Asia/Jayapura"
    monkeypatch.setenv("ANTRIAN_CITY_TIMEZONE", "Mars/Olympus")
    with pytest.raises(BadSetting) as refused:
        settings(str(tmp_path))
    assert refused.value.name == "ANTRIAN_CITY_TIMEZONE"
