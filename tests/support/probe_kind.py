"""A test-only module's case kind ("probe", the e-Wadul workflow) for the shared case
page `/c/{code}`: its public view shows fixed content, hides the cases a test marks
secret, and lists the photos a test names. Register it on an app with `install`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from queue_server.eservices import register
from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services.case_kinds import CaseKind
from queue_server.services.cases import CITIZEN, Actor, Filing, Step, act, find, open_case
from queue_server.services.port_cases import CaseRow, CaseWork
from queue_server.services.ports import Clock
from tests.support.cases import TZ, WADUL

NIK, PHONE, NAME = "3578010101900001", "081234567890", "Siti Rahayu"
SECRET: set[int] = set()  # case ids kept out of public view
PHOTOS: dict[int, list[int]] = {}  # case id → the file ids its view lists
ADMIN = Actor("staff:admin", frozenset({"admin"}))


def probe_view(uow: CaseWork, case: CaseRow) -> dict[str, Any] | None:
    if case.id in SECRET:
        return None
    return {"title": "Lampu jalan mati", "summary": "Lampu di depan balai RW padam.",
            "fields": [["Kelurahan", "Genteng"]], "photos": PHOTOS.get(case.id, [])}


def install(app: Any) -> None:
    """Register the probe kind on `app`, forgetting earlier tests' marks (ids restart)."""
    SECRET.clear()
    PHOTOS.clear()
    register(app, "case_kinds", CaseKind("probe", WADUL, None, probe_view, "Laporan uji",
                                         "Test report", "/api/v1/probe/{code}/actions"))


def _demo_office(uow: SqlUnitOfWork) -> int:
    office = uow.offices.by_code("dsdabm")  # config/demo.yaml's: nothing new is loaded
    assert office is not None
    return office.id


def new_case(engine: Engine, clock: Clock, secret: bool = False,
             office_id: int | None = None, **filing: Any) -> str:
    """A probe case filed by a citizen (with NIK, phone and name) at `office_id` (the
    demo's DSDABM when None); its tracking code."""
    with SqlUnitOfWork(engine) as uow:
        office = office_id if office_id is not None else _demo_office(uow)
        case = open_case(uow, clock, WADUL, Filing(
            module="probe", office_id=office, nik=NIK, phone=PHONE, name=NAME,
            comment="Tolong segera diperbaiki, rumah saya di sebelahnya.", **filing),
            CITIZEN, timezone=TZ)
        code, case_id = case.code, case.id
        uow.commit()
    if secret:
        SECRET.add(case_id)
    return code


def moved(engine: Engine, clock: Clock, code: str, *steps: Step,
          actor: Actor = ADMIN) -> None:
    """`steps` taken on the case `code` in turn (by the deployment's admin by default:
    no office staff need loading), each committed."""
    for step in steps:
        with SqlUnitOfWork(engine) as uow:
            act(uow, clock, WADUL, find(uow, code), step, actor, timezone=TZ)
            uow.commit()


def answered(engine: Engine, clock: Clock, code: str) -> None:
    """A filed probe case verified, forwarded to DSDABM, taken on and answered."""
    with SqlUnitOfWork(engine) as uow:
        office = _demo_office(uow)
    moved(engine, clock, code, Step("verify"), Step("forward", office_id=office),
          Step("accept"), Step("answer", comment="Lampu sudah diganti."))
