"""Reading an office (OPD) entry and a user's office roles (issue 16): every mistake is a
422 naming the entry and key, in both languages; nothing is guessed."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest

from queue_server import cli
from queue_server.domain.errors import InvalidInput
from queue_server.services.auth import OFFICE, STAFF_ROLES
from queue_server.services.config_entries import Change
from queue_server.services.config_offices import (
    apply_office,
    office_list,
    parse_roles,
    with_offices,
)


class FakeOffices:
    """The offices repository, in memory: code → office."""

    def __init__(self) -> None:
        self.rows: dict[str, SimpleNamespace] = {}

    def by_code(self, code: str) -> SimpleNamespace | None:
        return self.rows.get(code)

    def put(self, code: str, **fields: object) -> SimpleNamespace:
        row = self.rows.setdefault(code, SimpleNamespace(id=len(self.rows) + 1, code=code))
        row.__dict__.update(fields)
        return row


class FakeWork:
    """A unit of work with offices and an audit log that keeps its rows."""

    def __init__(self) -> None:
        self.offices = FakeOffices()
        self.audit: list[dict[str, Any]] = []
        self.admin = SimpleNamespace(record=lambda **row: self.audit.append(row))


def change() -> Change:
    return Change("cli", datetime(2026, 11, 23, tzinfo=UTC))


def applied(entry: object) -> FakeWork:
    work = FakeWork()
    apply_office(work, entry, change())  # type: ignore[arg-type]
    return work


def test_an_office_takes_its_defaults_and_is_written_down_once() -> None:
    work = FakeWork()
    entry = {"code": "DSDABM", "name": " Dinas Sumber Daya Air dan Bina Marga "}
    row = apply_office(work, entry, change())  # type: ignore[arg-type]
    assert (row.code, row.name, row.name_en, row.kind, row.active) == (
        "dsdabm", "Dinas Sumber Daya Air dan Bina Marga", "", "dinas", True)
    apply_office(work, entry, change())  # type: ignore[arg-type]
    assert [(r["object_kind"], r["action"], r["facility_id"]) for r in work.audit] == [
        ("office", "create", None)]


@pytest.mark.parametrize(("entry", "said"), [
    ({"name": "Tanpa kode"}, "office: Field 'code' is required."),
    ({"code": "dlh"}, "office dlh: Field 'name' is required."),
    ({"code": "dlh", "name": "DLH", "kind": "dinas luar"},
     "office dlh: Unknown office kind 'dinas luar'; choose one of: dinas / badan / "
     "kecamatan / kelurahan / rw / provider / media_center / other."),
    ({"code": "dlh", "name": "DLH", "active": "ya"},
     "office dlh: Field 'active' must be true / false, not ya."),
    ({"code": "dlh", "name": "x" * 161},
     "office dlh: Field 'name' must be a text of at most 160 characters."),
    ({"code": "dlh", "name": "DLH", "kepala": "Budi"}, "office dlh: Unknown key 'kepala'."),
    ({"code": "dinas lingkungan", "name": "DLH"}, "office: Code 'dinas lingkungan' may"),
    ("dlh", "office: It must be an object (keys and values)."),
])
def test_a_wrong_office_entry_is_refused_naming_it(entry: object, said: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        applied(entry)
    assert raised.value.code == "invalid_config"
    assert raised.value.message_en.startswith(said)
    assert raised.value.message.startswith(said.split(":")[0] + ":")


def test_the_offices_of_a_file_must_be_a_list() -> None:
    assert office_list({}) == []
    with pytest.raises(InvalidInput, match="offices"):
        office_list({"offices": {"code": "dlh"}})


@pytest.mark.parametrize(("roles", "said"), [
    ("dlh", "user budi: Field 'offices' must be a list"),
    ([{"office": "dlh", "role": "verifier"}],
     "user budi: Unknown role 'verifier' in office 'dlh'; choose one of: "
     "staff / head / clerk / inspector / ppk."),
    ([{"office": "tidak-ada"}], "user budi: No office (OPD) 'tidak-ada'."),
    ([{"role": "staff"}], "user budi offices: Field 'office' is required."),
    ([{"office": "dlh", "jabatan": "kasi"}], "user budi offices: Unknown key 'jabatan'."),
    (["dlh"], "user budi offices: It must be an object"),
])
def test_a_users_wrong_office_roles_are_refused_naming_the_user(roles: object,
                                                                said: str) -> None:
    work = applied({"code": "dlh", "name": "DLH"})
    with pytest.raises(InvalidInput) as raised:
        parse_roles(work, roles, "user budi")  # type: ignore[arg-type]
    assert raised.value.message_en.startswith(said)
    assert raised.value.message.startswith("user budi")


def test_a_users_roles_name_existing_offices_and_default_to_staff() -> None:
    work = applied({"code": "dlh", "name": "DLH"})
    dlh = work.offices.rows["dlh"].id
    roles = parse_roles(work, [{"office": "DLH"}, {"office": "dlh", "role": "head"}],  # type: ignore[arg-type]
                        "user budi")
    assert roles == [(dlh, "staff"), (dlh, "head")]
    assert parse_roles(work, [], "user budi") == []  # type: ignore[arg-type]


def test_an_entry_shows_offices_only_when_it_holds_some() -> None:
    assert with_offices({"username": "budi"}, []) == {"username": "budi"}
    assert with_offices({"username": "budi"}, [{"office": "dlh", "role": "staff"}])[
        "offices"] == [{"office": "dlh", "role": "staff"}]


def test_office_is_a_staff_role_and_the_demo_banner_names_office_staff(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert OFFICE in STAFF_ROLES
    cli._print_demo("127.0.0.1", 5000)
    out = capsys.readouterr().out
    assert all(name in out for name in ("mediacenter /", "opd /", "kepala-opd /"))
