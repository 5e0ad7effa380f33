"""e-Procurement and e-Delivery in the test databases (no tests here): a planned package
(with its budget line) made directly, the demo providers' rows, approved progress, and
helpers that move a package through tender, award and contract by the API."""

from __future__ import annotations

import weakref
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, select

from queue_server.eservices.planning.budgeting.models import BudgetLine
from queue_server.eservices.planning.controlling.models import ControllingReport
from queue_server.eservices.planning.delivery.models import DeliveryContract
from queue_server.eservices.planning.procurement.models import ProcurementProvider
from queue_server.eservices.planning.project.models import ProjectPackage
from queue_server.persistence.case_models import Office
from queue_server.persistence.uow import SqlUnitOfWork
from tests.conftest import Api, login
from tests.support import factories
from tests.support.clock import WIB

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=WIB)  # FakeClock's start: a Monday
PROVIDERS = {"cv-karya-mandiri": "012345678901000", "pt-bangun-jaya": "023456789012000"}
PLAN = [{"termin": 1, "percent": 30, "month": "2027-02"},
        {"termin": 2, "percent": 30, "month": "2027-03"},
        {"termin": 3, "percent": 40, "month": "2027-04"}]
T = "/api/v1/procurement/tenders"
C = "/api/v1/delivery/contracts"

__all__ = [
    "NOW",
    "PLAN",
    "C",
    "T",
    "approve_progress",
    "awarded",
    "caller",
    "contract",
    "make_package",
    "providers",
    "signed",
]


class Caller(Api):
    """The API as a demo user, signed in again when the test's clock moved past the
    session's life (401)."""

    def __init__(self, client: Any, username: str, password: str = "demo"):
        super().__init__(client, login(client, username, password))
        self.username, self.password = username, password

    def _again(self, send: Any) -> Any:
        reply = send()
        if reply.status_code == 401:
            self.token = login(self.client, self.username, self.password)
            reply = send()
        return reply

    def get(self, path: str, **kw: Any) -> Any:
        return self._again(lambda: Api.get(self, path, **kw))

    def post(self, path: str, json: Any = None, **kw: Any) -> Any:
        return self._again(lambda: Api.post(self, path, json, **kw))


_callers: weakref.WeakKeyDictionary[Any, dict[str, Caller]] = weakref.WeakKeyDictionary()


def caller(client: Any, username: str, password: str = "demo") -> Caller:
    """The API as `username` (demo users' password by default), signed in once per
    test client."""
    known = _callers.setdefault(client, {})
    if username not in known:
        known[username] = Caller(client, username, password)
    return known[username]


def _office(session: Any, code: str) -> int:
    return int(session.scalar(select(Office.id).where(Office.code == code)))


def providers(engine: Engine) -> dict[str, int]:
    """The demo providers' rows (office code → provider id), made once."""
    with SqlUnitOfWork(engine) as uow:
        made = {}
        for code, npwp in PROVIDERS.items():
            office = _office(uow.session, code)
            row = uow.session.scalar(select(ProcurementProvider).where(
                ProcurementProvider.office_id == office))
            if row is None:
                row = ProcurementProvider(office_id=office, name=code.upper(), npwp=npwp,
                                          address="Surabaya")
                uow.session.add(row)
                uow.session.flush()
            made[code] = row.id
        uow.commit()
    return made


def make_package(engine: Engine, value: int = 1_000_000_000, method: str = "tender",
                 office: str = "dsdabm", plan: list[dict[str, Any]] | None = None,
                 state: str = "planned") -> str:
    """A package of `office` (with a budget line of the same value) in `state`; its
    code."""
    code = factories.fresh("PKT").upper()
    with SqlUnitOfWork(engine) as uow:
        office_id = _office(uow.session, office)
        line = BudgetLine(year=2027, code=f"5.1.{code}", office_id=office_id, title="Jalan",
                          source="programme", quantity=Decimal(1), unit_price=value,
                          amount=value, flags=[], state="approved", created_at=NOW)
        uow.session.add(line)
        uow.session.flush()
        uow.session.add(ProjectPackage(
            code=code, ocid=f"ocds-sby000-{code}", budget_line_id=line.id,
            office_id=office_id, title=f"Paket {code}", value=value, method=method,
            method_suggested=method, category="works", starts=date(2027, 1, 4),
            ends=date(2027, 6, 30), payment_plan=PLAN if plan is None else plan, plan=[],
            state=state, created_at=NOW))
        uow.commit()
    return code


def approve_progress(engine: Engine, code: str, percent: int, month: str = "2027-02") -> None:
    """An approved monthly report of `percent` physical progress on the package's
    contract."""
    with SqlUnitOfWork(engine) as uow:
        package = uow.session.scalar(select(ProjectPackage).where(ProjectPackage.code == code))
        row = uow.session.scalar(select(DeliveryContract).where(
            DeliveryContract.package_id == package.id))
        uow.session.add(ControllingReport(
            contract_id=row.id, package_id=package.id, month=month,
            physical=Decimal(percent), financial=Decimal(0), spent=0, note="",
            state="approved", reported_at=NOW))
        uow.commit()


def awarded(client: Any, engine: Engine, clock: Any, value: int = 1_000_000_000,
            plan: list[dict[str, Any]] | None = None) -> tuple[str, dict[str, Any]]:
    """A package whose tender is published, bid on by both providers, evaluated and
    awarded to CV Karya Mandiri: (package code, the tender's view)."""
    providers(engine)
    code = make_package(engine, value, plan=plan)
    pokja, penyedia = caller(client, "pokja"), caller(client, "penyedia")
    tender = pokja.post(T, {"package": code}).get_json()
    deadline = (clock.now() + timedelta(days=3)).isoformat()
    published = pokja.post(f"{T}/{tender['code']}/publish", {"bid_deadline": deadline})
    assert published.status_code == 200
    bid = penyedia.post(f"{T}/{tender['code']}/bids", {"amount": value - 50_000_000})
    assert bid.status_code == 200, bid.get_json()
    clock.advance(days=4)
    bid = pokja.get(f"{T}/{tender['code']}").get_json()["bids"][0]["id"]
    pokja.post(f"{T}/{tender['code']}/evaluations", {"bid": bid, "passed": True, "score": 90})
    view = pokja.post(f"{T}/{tender['code']}/award", {"bid": bid}).get_json()
    assert view["state"] == "awarded", view
    return code, view


def contract(client: Any, engine: Engine, clock: Any, **kw: Any) -> str:
    """An awarded package after its complaint period, with its award letter: its code."""
    code, _ = awarded(client, engine, clock, **kw)
    clock.advance(days=10)
    reply = caller(client, "ppk-dsdabm").post(f"{C}/{code}/award-letter")
    assert reply.status_code == 200, reply.get_json()
    return code


def signed(client: Any, engine: Engine, clock: Any, **kw: Any) -> str:
    """A contract signed and started (SPMK): the package's code."""
    code = contract(client, engine, clock, **kw)
    ppk = caller(client, "ppk-dsdabm")
    assert ppk.post(f"{C}/{code}/sign", {}).status_code == 200
    assert ppk.post(f"{C}/{code}/start").status_code == 200
    return code
