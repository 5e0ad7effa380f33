"""An office's WhatsApp number through the configuration file: an entry without `phone`
keeps the number (set through the admin API, say), as a user entry without a password
keeps the password; `phone: null` or `""` clears it. The demo's offices have one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import Engine

from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services.configuration import load_config
from tests.support import factories

ROOT = Path(__file__).resolve().parents[2]


def phone_of(engine: Engine, code: str) -> str | None:
    with SqlUnitOfWork(engine) as uow:
        office = uow.offices.by_code(code)
        assert office is not None
        return office.phone


@pytest.mark.sqlite_only("the entry's keys are read in Python, the same on every database")
@pytest.mark.parametrize("cleared", [None, ""])
def test_an_office_entry_without_phone_keeps_the_number(engine: Engine,
                                                        cleared: Any) -> None:
    code = factories.fresh("opd-telp")
    entry = {"code": code, "name": "Dinas Telepon", "kind": "dinas"}
    load_config(SqlUnitOfWork(engine), {"offices": [{**entry, "phone": "0811-0000-0199"}]})
    assert phone_of(engine, code) == "+6281100000199"
    load_config(SqlUnitOfWork(engine), {"offices": [{**entry, "name": "Dinas Telp"}]})
    assert phone_of(engine, code) == "+6281100000199"  # kept: the entry has no `phone`
    load_config(SqlUnitOfWork(engine), {"offices": [{**entry, "phone": cleared}]})
    assert phone_of(engine, code) is None


def test_the_demo_offices_have_a_demo_whatsapp_number(engine: Engine) -> None:
    demo = yaml.safe_load((ROOT / "config" / "demo.yaml").read_text("utf-8"))["offices"]
    phones = {entry["code"]: phone_of(engine, entry["code"]) for entry in demo}
    assert len(phones) >= 13 and len(set(phones.values())) == len(phones)
    assert all(p and p.startswith("+62811000001") for p in phones.values()), phones
