"""A contracting process made row by row for the OCDS tests (the chain's own use cases
are other parts' work: these rows stand for what they write), publishing a release after
each step as those parts do; and offline validators for the OCDS 1.1.5 schemas kept in
tests/data/ocds (copied from `../shared/ocds`, Apache-2.0 data: see its README)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT4
from sqlalchemy import Engine, select

from queue_server.eservices.planning.budgeting.models import BudgetLine
from queue_server.eservices.planning.controlling.models import ControllingReport
from queue_server.eservices.planning.delivery.models import (
    DeliveryContract,
    DeliveryInvoice,
    DeliveryPayment,
    DeliveryTermin,
)
from queue_server.eservices.planning.ocds.ids import ocid_of
from queue_server.eservices.planning.ocds.publish import publish
from queue_server.eservices.planning.ocds.settings import Settings
from queue_server.eservices.planning.procurement.models import (
    ProcurementBid,
    ProcurementProvider,
    ProcurementTender,
)
from queue_server.eservices.planning.project.models import ProjectPackage
from queue_server.persistence.case_models import Office
from queue_server.persistence.uow import SqlUnitOfWork

from .clock import FakeClock

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "ocds"
# The record package refers to a record schema the shared folder does not hold; this
# stand-in says what OCDS's records documentation does: an ocid, its releases (here
# embedded), and the compiled release, both checked by the release schema.
RECORD_URL = "https://standard.open-contracting.org/schema/1__2__0/record-schema.json"
SETTINGS = Settings(base_url="https://antrian.example.id")
VALUE = 1_500_000_000  # the package's owner estimate (HPS), rupiah: a tender


@cache
def schema(name: str) -> dict[str, Any]:
    """A schema file of the shared folder, parsed."""
    data: dict[str, Any] = json.loads((SCHEMAS / name).read_text("utf-8"))
    return data


def _checker() -> FormatChecker:
    checker = FormatChecker(formats=())

    @checker.checks("date-time", raises=ValueError)
    def _moment(value: object) -> bool:
        if isinstance(value, str):
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return "T" in value and parsed.tzinfo is not None
        return True

    @checker.checks("uri")
    def _uri(value: object) -> bool:
        return not isinstance(value, str) or bool(urlparse(value).scheme
                                                   and urlparse(value).netloc)
    return checker


def validator(name: str) -> Draft4Validator:
    """A validator of `name` (a schema file) resolving the release and record schemas
    by their URLs offline, checking date-time and uri formats."""
    release = schema("release-schema.json")
    record = {"id": RECORD_URL, "type": "object", "required": ["ocid", "releases"],
              "properties": {"ocid": {"type": "string"},
                             "releases": {"type": "array", "minItems": 1,
                                          "items": {"$ref": release["id"]}},
                             "compiledRelease": {"$ref": release["id"]}}}
    registry: Registry[Any] = Registry().with_resources([
        (release["id"], DRAFT4.create_resource(release)),
        (RECORD_URL, DRAFT4.create_resource(record))])
    return Draft4Validator(schema(name), registry=registry, format_checker=_checker())


def errors_of(name: str, data: Any) -> list[str]:
    """Each place where `data` breaks the schema `name`, as `path: message`."""
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator(name).iter_errors(data)]


class Chain:
    """One package's process, step by step; each step commits and publishes."""

    def __init__(self, engine: Engine, clock: FakeClock, code: str = "PKT-2026-0001"):
        self.engine, self.clock, self.code = engine, clock, code
        self.ocid = ocid_of({}, code)
        self.ids: dict[str, int] = {}

    def _office(self, uow: SqlUnitOfWork, code: str) -> int:
        return int(uow.session.scalar(select(Office.id).where(Office.code == code)))

    def step(self, tags: list[str], days: int = 3) -> Any:
        """A context: a unit of work to change rows in; then publish with `tags`."""
        return _Step(self, tags, days)

    def plan(self) -> None:
        """The approved budget line and the planned package (a road, by tender)."""
        with self.step(["planning"]) as uow:
            office = self._office(uow, "dsdabm")
            line = _add(uow, BudgetLine(
                year=2026, code="1.03.10.2.01.0036", office_id=office,
                title="Rehabilitasi jalan lingkungan", source="programme",
                quantity=Decimal("1500"), unit_price=1_000_000, amount=1_600_000_000,
                state="approved", created_at=self.clock.now(), approved_at=self.clock.now()))
            package = _add(uow, ProjectPackage(
                code=self.code, ocid=self.ocid, budget_line_id=line.id, office_id=office,
                title="Rehabilitasi Jalan Kedungdoro Gg. III", value=VALUE, method="tender",
                method_suggested="tender", category="works", starts=date(2027, 1, 4),
                ends=date(2027, 3, 31), state="planned", created_at=self.clock.now(),
                payment_plan=[{"termin": 1, "percent": 50, "month": "2027-02"},
                              {"termin": 2, "percent": 50, "month": "2027-03"}],
                plan=[{"month": "2027-01", "percent": 30}, {"month": "2027-02", "percent": 70},
                      {"month": "2027-03", "percent": 100}]))
            self.ids["package"] = package.id

    def tender(self) -> None:
        """The tender published, then three bids evaluated."""
        with self.step(["tender"]) as uow:
            now = self.clock.now()
            row = _add(uow, ProcurementTender(
                package_id=self.ids["package"], code=f"T-{self.code}", method="tender",
                state="published", title="Rehabilitasi Jalan Kedungdoro Gg. III",
                value=VALUE, created_at=now, published_at=now,
                bid_deadline=now + timedelta(days=7)))
            self.ids["tender"] = row.id
        with self.step(["tenderUpdate"], days=8) as uow:
            tender = uow.session.get(ProcurementTender, self.ids["tender"])
            tender.state = "evaluation"
            for n, (npwp, amount) in enumerate((("01.234.567.8-609.000", 1_380_000_000),
                                                ("02.345.678.9-609.000", 1_420_000_000),
                                                ("03.456.789.0-609.000", 1_450_000_000))):
                provider = _add(uow, ProcurementProvider(
                    name=f"CV Penyedia {n + 1}", npwp=npwp, address="Jl. Tegalsari 1"))
                bid = _add(uow, ProcurementBid(
                    tender_id=tender.id, provider_id=provider.id, amount=amount,
                    submitted_at=self.clock.now(), state="passed" if n < 2 else "failed"))
                self.ids.setdefault("winner", bid.id)
                self.ids.setdefault("supplier", provider.id)

    def award(self) -> None:
        """The award and its letter (SPPBJ), then the contract signed with two termins."""
        with self.step(["award"]) as uow:
            tender = uow.session.get(ProcurementTender, self.ids["tender"])
            tender.state, tender.winner_bid_id = "awarded", self.ids["winner"]
            tender.awarded_at = self.clock.now()
            contract = _add(uow, DeliveryContract(
                package_id=self.ids["package"], tender_id=tender.id,
                provider_id=self.ids["supplier"], value=1_380_000_000, state="award_letter",
                award_letter_at=self.clock.now(), award_letter_code="SPPBJ2026A"))
            self.ids["contract"] = contract.id
        with self.step(["contract"]) as uow:
            contract = uow.session.get(DeliveryContract, self.ids["contract"])
            contract.state, contract.signed_at = "signed", self.clock.now()
            contract.number, contract.contract_code = "027/PPK-DSDABM/2026", "KONTRAK26B"
            contract.starts, contract.ends = date(2027, 1, 4), date(2027, 3, 31)
            uow.session.get(ProjectPackage, self.ids["package"]).state = "contracted"
            for number, needed in ((1, Decimal("50")), (2, Decimal("100"))):
                _add(uow, DeliveryTermin(contract_id=contract.id, number=number,
                                         percent=Decimal("50"), amount=690_000_000,
                                         progress_needed=needed))

    def start(self) -> None:
        """The notice to proceed (SPMK)."""
        with self.step(["implementation"]) as uow:
            contract = uow.session.get(DeliveryContract, self.ids["contract"])
            contract.state, contract.started_at = "started", self.clock.now()
            contract.notice_code = "SPMK2026C"

    def progress(self, month: str, physical: int, financial: int) -> None:
        """A month's progress report, approved by the PPK."""
        with self.step(["implementation"]) as uow:
            _add(uow, ControllingReport(
                contract_id=self.ids["contract"], package_id=self.ids["package"],
                month=month, physical=Decimal(physical), financial=Decimal(financial),
                spent=VALUE * financial // 100, state="approved",
                reported_at=self.clock.now(), decided_at=self.clock.now()))

    def pay(self, number: int) -> None:
        """Termin `number` invoiced, approved and paid (SP2D)."""
        with self.step(["implementation"]) as uow:
            termin = uow.session.scalar(select(DeliveryTermin).where(
                DeliveryTermin.contract_id == self.ids["contract"],
                DeliveryTermin.number == number))
            invoice = _add(uow, DeliveryInvoice(
                contract_id=self.ids["contract"], termin_id=termin.id, number=f"INV-{number}",
                amount=termin.amount, submitted_at=self.clock.now(), state="paid"))
            _add(uow, DeliveryPayment(contract_id=self.ids["contract"], invoice_id=invoice.id,
                                      amount=termin.amount, paid_at=self.clock.now(),
                                      reference=f"SP2D-{number:04d}"))
            termin.state = "paid"

    def hand_over(self) -> None:
        """The handover (BAST) and the package completed."""
        with self.step(["implementation"]) as uow:
            contract = uow.session.get(DeliveryContract, self.ids["contract"])
            contract.state, contract.handed_over_at = "handed_over", self.clock.now()
            contract.handover_code = "BAST2026D"
            uow.session.get(ProjectPackage, self.ids["package"]).state = "completed"

    def whole(self) -> None:
        """Planning → tender → award → contract → progress to 100 % → two paid termins."""
        self.plan()
        self.tender()
        self.award()
        self.start()
        self.progress("2027-01", 30, 25)
        self.progress("2027-02", 70, 60)
        self.pay(1)
        self.progress("2027-03", 100, 100)
        self.hand_over()
        self.pay(2)


class _Step:
    def __init__(self, chain: Chain, tags: list[str], days: int):
        self.chain, self.tags, self.days = chain, tags, days

    def __enter__(self) -> SqlUnitOfWork:
        self.chain.clock.advance(days=self.days)
        self.uow = SqlUnitOfWork(self.chain.engine).__enter__()
        return self.uow

    def __exit__(self, kind: Any, *rest: Any) -> None:
        try:
            if kind is None:
                self.uow.session.flush()
                publish(self.uow, self.chain.clock, self.chain.ids["package"], self.tags,
                        SETTINGS)
                self.uow.commit()
        finally:
            self.uow.__exit__(kind, *rest)


def _add(uow: SqlUnitOfWork, row: Any) -> Any:
    uow.session.add(row)
    uow.session.flush()
    return row
