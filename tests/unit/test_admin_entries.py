"""Reading a configuration entry's values (issue 15): numbers finite and within their
column, texts of their length, usernames of their form, values said without Python."""

from __future__ import annotations

import pytest

from queue_server import cli
from queue_server.domain.config_errors import NotAChoice, shown
from queue_server.domain.errors import InvalidInput
from queue_server.services.config_parse import number, text, username_of


@pytest.mark.parametrize("value", [float("inf"), float("nan"), 10**400, 100_001, -1, True,
                                   "5", 2.5])
def test_a_count_must_be_a_whole_number_within_a_day_s_bound(value: object) -> None:
    with pytest.raises(InvalidInput, match="booking_quota"):
        number({"booking_quota": value}, "booking_quota", "x", 0)


def test_minutes_are_bounded_by_a_day() -> None:
    assert number({"m": 1440}, "m", "x", 5.0, kind=float, least=0.1, most=1440) == 1440.0
    with pytest.raises(InvalidInput, match="1440"):
        number({"m": 1e400}, "m", "x", 5.0, kind=float, least=0.1, most=1440)


def test_texts_and_usernames_have_their_form() -> None:
    assert text({"name": " Poli "}, "name", "x") == "Poli"
    for bad in (5, ["a"], {"a": 1}, "x" * 121):
        with pytest.raises(InvalidInput, match="'name'"):
            text({"name": bad}, "name", "x")
    assert username_of("petugas.pagi_2", "user") == "petugas.pagi_2"
    for bad in ("Budi", "budi santoso", "ab", "x" * 61, 5):
        with pytest.raises(InvalidInput):
            username_of(bad, "user")


def test_values_are_said_as_json_writes_them_never_as_python() -> None:
    assert shown(True) == "true" and shown(None) == "null"
    assert shown({"date": "2026-02-30"}) == '{"date": "2026-02-30"}'
    assert "True" not in NotAChoice("active", "true / false", True).message


def test_the_demo_banner_names_every_demo_user(capsys: pytest.CaptureFixture[str]) -> None:
    cli._print_demo("127.0.0.1", 5000)
    out = capsys.readouterr().out
    assert all(name in out for name in ("admin /", "petugas /", "kepala /", "dinkes /"))
    assert all(name in out for name in ("tu-dsdabm", "kabid-dsdabm", "tu-dlh", "dpmptsp",
                                        "kepala-dpmptsp", "pengawas"))  # e-Surat and SSW
