"""Rows and callers for the e-Budgeting and e-Project tests: a musrenbang proposal made
directly (a case of module `planning`, kind `proposal`, in a given state, with its cycle
and catalogue item), API callers by demo username, and a line made and approved."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, select

from queue_server.eservices.planning.musrenbang.models import (
    MusrenbangCycle,
    MusrenbangItem,
    MusrenbangProposal,
)
from queue_server.persistence.case_models import Case
from queue_server.persistence.uow import SqlUnitOfWork
from tests.conftest import Api, login

YEAR = 2027
ACCOUNT = "1.03.10.2.01.0017.5.1.02.01.01.0024"
BUDGET = "/api/v1/budgeting"
PROJECTS = "/api/v1/projects"
_SEQ = itertools.count(1)


def make_proposal(engine: Engine, office: str = "dsdabm", state: str = "accepted",
                  within: bool | None = True, quantity: str = "100", unit_price: int = 150_000,
                  adjusted: int | None = None) -> str:
    """A proposal of Kelurahan Kedungdoro (RW 01) for an item of `office`; its ref."""
    n = next(_SEQ)
    now = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
    with SqlUnitOfWork(engine) as uow:
        s = uow.session
        ids = {code: uow.offices.by_code(code).id for code in  # type: ignore[union-attr]
               (office, "kel-kedungdoro", "kel-kedungdoro-rw01", "kec-tegalsari")}
        cycle = s.scalar(select(MusrenbangCycle).where(MusrenbangCycle.year == YEAR))
        if cycle is None:
            cycle = MusrenbangCycle(year=YEAR, phases={}, rw_ceiling=300_000_000,
                                    created_at=now)
            s.add(cycle)
            s.flush()
        item = MusrenbangItem(cycle_id=cycle.id, code=f"IT-{n}", name="Paving jalan",
                              unit="m2", unit_price=unit_price, office_id=ids[office])
        case = Case(module="planning", kind="proposal", code=f"TPRP{n:06d}", state=state,
                    office_id=ids[office], opened_at=now, state_since=now)
        s.add_all([item, case])
        s.flush()
        ref = f"MUS-T{n}"
        qty = Decimal(quantity)
        s.add(MusrenbangProposal(
            case_id=case.id, ref=ref, cycle_id=cycle.id, rw_office_id=ids["kel-kedungdoro-rw01"],
            kelurahan_office_id=ids["kel-kedungdoro"], kecamatan_office_id=ids["kec-tegalsari"],
            item_id=item.id, office_id=ids[office], quantity=qty, unit_price=unit_price,
            adjusted_price=adjusted, amount=int(qty * unit_price), location="Jl. Kedungdoro",
            within_ceiling=within, created_at=now))
        uow.commit()
    return ref


def caller(client: Any, username: str) -> Api:
    """The API as the demo user `username` (one sign-in per test client)."""
    tokens = client.__dict__.setdefault("budgeting_tokens", {})
    if username not in tokens:
        tokens[username] = login(client, username)
    return Api(client, tokens[username])


def put(api: Api, path: str, body: Any) -> Any:
    return api.client.put(path, json=body, headers=api.headers())


def programme_line(client: Any, amount_units: int = 1000, approve: bool = True,
                   price: int = 185_000) -> int:
    """A programme line of DSDABM: `amount_units` m2 of standard cost SSH.1 (Rp 185.000),
    approved by the agency (unless `approve` is False); its id."""
    put(caller(client, "bappeda"), f"{BUDGET}/standard-costs",
        {"year": YEAR, "csv": "code,name,unit,price\nSSH.1,Hotmix,m2,185000\n"})
    reply = caller(client, "opd").post(f"{BUDGET}/lines", {
        "office": "dsdabm", "code": ACCOUNT, "title": "Jalan", "year": YEAR,
        "standard_cost": "SSH.1", "quantity": amount_units, "unit_price": price})
    assert reply.status_code == 201, reply.get_json()
    line: int = reply.get_json()["id"]
    if approve:
        decided = caller(client, "bappeda").post(f"{BUDGET}/lines/{line}/decision",
                                                 {"approve": True, "reason": "ok"})
        assert decided.status_code == 200, decided.get_json()
    return line
