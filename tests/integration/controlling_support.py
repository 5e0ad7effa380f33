"""Rows e-Controlling's tests need, made directly (the parts before it are built by other
helpers at the same time): a budget line, a package with a plan, a provider, a contract
`started`; report bodies (multipart with photos); callers."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from queue_server.eservices.planning.budgeting.models import BudgetLine
from queue_server.eservices.planning.delivery.models import (
    DeliveryContract,
    DeliveryPayment,
    DeliveryTermin,
)
from queue_server.eservices.planning.procurement.models import ProcurementProvider
from queue_server.eservices.planning.project.models import ProjectPackage
from queue_server.persistence.case_models import Office
from tests.conftest import Api, login
from tests.support import factories, images

WIB = ZoneInfo("Asia/Jakarta")
PLAN = [{"month": "2026-08", "percent": 10}, {"month": "2026-09", "percent": 35},
        {"month": "2026-10", "percent": 70}, {"month": "2026-11", "percent": 100}]


def office_id(db: Session, code: str) -> int:
    found = db.scalar(select(Office.id).where(Office.code == code))
    assert found is not None, code
    return int(found)


def provider(db: Session, office: str = "cv-karya-mandiri", npwp: str = "01.234.567.8-611.000"
             ) -> ProcurementProvider:
    found = db.scalar(select(ProcurementProvider).where(ProcurementProvider.npwp == npwp))
    if found is None:
        found = ProcurementProvider(office_id=office_id(db, office), name="CV Karya Mandiri"
                                    if office == "cv-karya-mandiri" else "PT Bangun Jaya",
                                    npwp=npwp, address="Jl. Tegalsari 1, Surabaya")
        db.add(found)
        db.flush()
    return found


def contract(engine: Engine, code: str = "PKT-2026-0901", office: str = "dsdabm",
             value: int = 400_000_000, plan: list[dict[str, Any]] | None = None,
             starts: date = date(2026, 8, 3), ends: date = date(2026, 11, 30),
             state: str = "started", firm: str = "cv-karya-mandiri",
             npwp: str = "01.234.567.8-611.000", method: str = "tender") -> int:
    """A package `code` of `office` in kec-tegalsari with `plan`, and its contract with
    the provider of office `firm`, in `state`; returns the contract's id."""
    now = datetime(2026, 7, 1, 9, tzinfo=WIB)
    with Session(engine) as db:
        line = BudgetLine(year=2026, code=f"5.1.02.{code[-4:]}", office_id=office_id(db, office),
                          title=f"Belanja {code}", source="programme", quantity=Decimal(1),
                          unit_price=value, amount=value, flags=[], state="approved",
                          created_at=now, extra={})
        db.add(line)
        db.flush()
        package = ProjectPackage(
            code=code, ocid=f"ocds-sby000-{code}", budget_line_id=line.id,
            office_id=office_id(db, office), kecamatan_office_id=office_id(db, "kec-tegalsari"),
            title=f"Perbaikan saluran {code}", value=value, method=method,
            method_suggested=method, category="works", starts=starts, ends=ends,
            payment_plan=[], plan=PLAN if plan is None else plan, state="contracted",
            created_at=now)
        db.add(package)
        db.flush()
        row = DeliveryContract(package_id=package.id, provider_id=provider(db, firm, npwp).id,
                               number=f"KONTRAK/{code}", value=value, state=state,
                               award_letter_at=now, signed_at=now, started_at=now,
                               starts=starts, ends=ends)
        db.add(row)
        db.commit()
        return row.id


def pay(engine: Engine, contract_id: int, amount: int) -> None:
    """A paid termin of `amount` rupiah (no invoice row: the payment's invoice is faked)."""
    from queue_server.eservices.planning.delivery.models import DeliveryInvoice

    now = datetime(2026, 10, 1, 9, tzinfo=WIB)
    with Session(engine) as db:
        termin = DeliveryTermin(contract_id=contract_id, number=1, percent=Decimal(50),
                                amount=amount, progress_needed=Decimal(50), state="paid")
        db.add(termin)
        db.flush()
        invoice = DeliveryInvoice(contract_id=contract_id, termin_id=termin.id, number="INV-1",
                                  amount=amount, submitted_at=now, state="paid")
        db.add(invoice)
        db.flush()
        db.add(DeliveryPayment(contract_id=contract_id, invoice_id=invoice.id, amount=amount,
                               paid_at=now, reference="SP2D-1"))
        db.commit()


def caller(client: Any, username: str, password: str | None = None) -> Api:
    """The API as `username` (demo password unless `password`)."""
    return Api(client, login(client, username) if password is None
               else login(client, username, password))


def fresh_user(engine: Engine, office: str, role: str = "staff") -> tuple[str, str]:
    """A new user holding `role` in `office`: (username, password)."""
    entry = factories.user(None, f"ctl-{office}", role="office", name=f"Staf {office}",
                           offices=[{"office": office, "role": role}])
    factories.load(engine, {"users": [entry]})
    return str(entry["username"]), factories.PASSWORD


def send(api: Api, contract_id: int, photos: list[bytes] | None = None,
         **fields: Any) -> Any:
    """POST a month's report as multipart (one JPEG by default)."""
    body = {"month": "2026-08", "physical": "10", "financial": "8", "spent": "30000000",
            "note": "Galian selesai.", **{k: str(v) for k, v in fields.items()}}
    pictures = [images.jpeg(artist=images.ARTIST, gps=True)] if photos is None else photos
    form = MultiDict([*body.items(), *[("photos", FileStorage(BytesIO(p), f"f{n}.jpg"))
                                       for n, p in enumerate(pictures)]])
    boundary, data = encode_multipart(form)
    return api.client.post(f"/api/v1/controlling/contracts/{contract_id}/reports", data=data,
                           headers=api.headers(),
                           content_type=f"multipart/form-data; boundary={boundary}")


def decide(api: Api, report_id: int, decision: str = "approve", reason: str = "") -> Any:
    return api.post(f"/api/v1/controlling/reports/{report_id}/decision",
                    {"decision": decision, "reason": reason})


def approved(provider_api: Api, ppk: Api, contract_id: int, month: str, physical: Any,
             financial: Any = None, spent: int = 0) -> dict[str, Any]:
    """A month reported and approved; returns the approved report."""
    sent = send(provider_api, contract_id, month=month, physical=physical,
                financial=physical if financial is None else financial, spent=spent)
    assert sent.status_code == 201, sent.get_json()
    done = decide(ppk, sent.get_json()["id"])
    assert done.status_code == 200, done.get_json()
    return dict(done.get_json())


def link_proposal(engine: Engine, contract_id: int) -> int:
    """An accepted musrenbang proposal made the budget line of the contract's package;
    returns the proposal's id."""
    from queue_server.eservices.planning.musrenbang.models import (
        MusrenbangCycle,
        MusrenbangItem,
        MusrenbangProposal,
    )
    from queue_server.persistence.case_models import Case

    now = datetime(2025, 3, 1, 9, tzinfo=WIB)
    with Session(engine) as db:
        row = db.get(DeliveryContract, contract_id)
        assert row is not None
        package = db.get(ProjectPackage, row.package_id)
        assert package is not None
        cycle = db.scalar(select(MusrenbangCycle).where(MusrenbangCycle.year == 2026))
        if cycle is None:
            cycle = MusrenbangCycle(year=2026, phases={}, rw_ceiling=300_000_000, created_at=now)
            db.add(cycle)
            db.flush()
        item = MusrenbangItem(cycle_id=cycle.id, code=f"SAL-{contract_id}", name="Saluran",
                              unit="m", unit_price=1_000_000, office_id=package.office_id)
        case = Case(module="planning", kind="proposal", code=f"CTLTEST{contract_id:04d}",
                    state="accepted", opened_at=now, state_since=now)
        db.add_all([item, case])
        db.flush()
        proposal = MusrenbangProposal(
            case_id=case.id, ref=f"USL-CTL-{contract_id}", cycle_id=cycle.id,
            rw_office_id=office_id(db, "kel-kedungdoro-rw01"),
            kelurahan_office_id=office_id(db, "kel-kedungdoro"),
            kecamatan_office_id=office_id(db, "kec-tegalsari"), item_id=item.id,
            office_id=package.office_id, quantity=Decimal(100), unit_price=1_000_000,
            amount=100_000_000, location="RW 01", created_at=now)
        db.add(proposal)
        db.flush()
        line = db.get(BudgetLine, package.budget_line_id)
        assert line is not None
        line.proposal_id, line.source = proposal.id, "musrenbang"
        db.commit()
        return proposal.id
