"""The calendar's configuration keys through `load-config` (issue 12, point 1): accepted
as written in YAML, loaded twice without a change, a bad entry named where it is.
SQLite and PostgreSQL."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from queue_server import cli
from queue_server.domain.errors import InvalidInput
from tests.support import factories

YAML = """\
closed_dates:
  - {date: 2026-12-31, reason: Rapat kerja Dinas Kesehatan}
facilities:
  - code: pkm-yaml
    name: Puskesmas YAML
    cuti_bersama: open
    closed_dates: [{date: 2026-12-02, reason: Fogging gedung}]
    services:
      - code: umum
        name: Poli Umum
        prefix: B
        booking_cutoff: "13:30"
        open_on_holidays: false
        closed_dates: [{date: "2026-12-03", reason: Pelatihan dokter}]
        hours:
          weekdays: "07:30-14:30"
          "2026-12-24": "07:30-11:00"
          "2026-12-25": closed
          2026-12-26: closed
      - {code: ugd, name: UGD, prefix: U, hours: 24h, open_on_holidays: true}
"""


@pytest.fixture
def no_city_closures(engine: Engine) -> Iterator[None]:
    yield
    factories.load(engine, {"closed_dates": []})


def snapshot(engine: Engine) -> dict[str, Any]:
    """Every stored value the file decides, as plain rows."""
    with engine.connect() as conn:
        return {
            "facility": tuple(conn.execute(text(
                "SELECT closed_dates, joint_leave_closes FROM facilities "
                "WHERE code = 'pkm-yaml'")).one()),
            "services": [tuple(r) for r in conn.execute(text(
                "SELECT s.code, s.hours, s.closed_dates, s.open_on_holidays, s.booking_cutoff "
                "FROM services s JOIN facilities f ON f.id = s.facility_id "
                "WHERE f.code = 'pkm-yaml' ORDER BY s.code"))],
            "city": [(str(day), reason) for day, reason in conn.execute(text(
                "SELECT day, reason FROM city_closures ORDER BY day"))],
        }


def load_file(engine: Engine, path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    return cli.cmd_load_config(argparse.Namespace(file=str(path)))


def as_json(value: Any) -> Any:
    """A JSON column: a dict on PostgreSQL and SQLite alike (SQLite's raw text parsed)."""
    import json

    return json.loads(value) if isinstance(value, str) else value


def test_load_config_accepts_every_calendar_key_and_twice_changes_nothing(
        engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], no_city_closures: None) -> None:
    path = tmp_path / "kalender.yaml"
    path.write_text(YAML, encoding="utf-8")
    assert load_file(engine, path, monkeypatch) == 0, capsys.readouterr().err
    first = snapshot(engine)
    closed, joint_leave_closes = first["facility"]
    assert as_json(closed) == {"2026-12-02": "Fogging gedung"} and not joint_leave_closes
    ugd, (code, hours, closed, holidays, cutoff) = first["services"]  # by code
    hours = as_json(hours)
    assert hours["2026-12-25"] == [] and hours["2026-12-26"] == []  # quoted and unquoted
    assert hours["2026-12-24"] == [["07:30", "11:00"]] and hours["mon"] == [["07:30", "14:30"]]
    assert as_json(closed) == {"2026-12-03": "Pelatihan dokter"}
    assert (code, bool(holidays), cutoff) == ("umum", False, "13:30")
    assert ugd[0] == "ugd" and bool(ugd[3]) and ugd[4] is None
    assert first["city"] == [("2026-12-31", "Rapat kerja Dinas Kesehatan")]
    assert load_file(engine, path, monkeypatch) == 0
    assert snapshot(engine) == first
    # A file without top-level closed_dates leaves the city's closures alone.
    factories.load(engine, {"facilities": []})
    assert snapshot(engine)["city"] == first["city"]


SERVICE = {"code": "umum", "name": "Poli Umum", "prefix": "B"}


@pytest.mark.parametrize(("patch", "where"), [
    ({"services": [{**SERVICE, "hours": {"funday": "24h"}}]}, "pkm-salah service umum hours"),
    ({"services": [{**SERVICE, "hours": {"2026-12-25": "tutup"}}]},
     "pkm-salah service umum hours"),
    ({"services": [{**SERVICE, "booking_cutoff": 810}]}, "pkm-salah service umum booking_cutoff"),
    ({"services": [{**SERVICE, "open_on_holidays": "ya"}]}, "pkm-salah service umum"),
    ({"services": [{**SERVICE, "closed_dates": [{"date": "2026-12-03"}]}]},
     "pkm-salah service umum"),
    ({"services": [{**SERVICE, "active": "no"}]}, "pkm-salah service umum"),
    ({"services": [{**SERVICE, "booking_quota": "lima"}]}, "pkm-salah service umum"),
    ({"services": [{**SERVICE, "booking_quota": -1}]}, "pkm-salah service umum"),
    ({"services": [{**SERVICE, "walkin_limit": 2.5}]}, "pkm-salah service umum"),
    ({"services": [{**SERVICE, "avg_minutes": True}]}, "pkm-salah service umum"),
    ({"cuti_bersama": "kadang"}, "facility pkm-salah"),
    ({"closed_dates": [{"date": "2026-02-30", "reason": "x"}]}, "facility pkm-salah"),
])
def test_a_bad_entry_is_an_error_naming_where_it_is(engine: Engine, patch: dict,
                                                    where: str) -> None:
    facility = {"code": "pkm-salah", "name": "Puskesmas Salah", "services": [SERVICE], **patch}
    with pytest.raises(InvalidInput) as raised:
        factories.load(engine, {"facilities": [facility]})
    assert where in raised.value.message and where in raised.value.message_en
    with engine.connect() as conn:  # nothing of the file was kept
        assert conn.execute(text(
            "SELECT count(*) FROM facilities WHERE code = 'pkm-salah'")).scalar_one() == 0


def test_a_bad_city_closure_names_the_top_level(engine: Engine) -> None:
    with pytest.raises(InvalidInput) as raised:
        factories.load(engine, {"closed_dates": [{"reason": "Rapat"}]})
    assert "top-level closed_dates" in raised.value.message


def test_configured_codes_are_stored_as_the_api_reads_them(engine: Any, client: Any) -> None:
    factories.load(engine, {"facilities": [{
        "code": "PKM-Kode-Uji", "name": "Puskesmas Kode Uji",
        "services": [{"code": "Umum", "name": "Poli Umum", "prefix": "B"}],
        "counters": [{"code": "Ruang-1", "services": ["UMUM"]}]}]})
    services = client.get("/api/v1/facilities/pkm-kode-uji/services").get_json()
    assert [s["code"] for s in services] == ["umum"]


def test_a_configured_code_with_spaces_is_refused_naming_it(engine: Any) -> None:
    with pytest.raises(InvalidInput) as raised:
        factories.load(engine, {"facilities": [{
            "code": "pkm-besar", "name": "Puskesmas Besar",
            "services": [{"code": "Poli Umum", "name": "Poli Umum", "prefix": "B"}]}]})
    assert "pkm-besar service: Kode 'Poli Umum'" in raised.value.message
