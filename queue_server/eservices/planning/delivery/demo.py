"""e-Delivery's demo data (the "demo" hook, after e-Procurement's): each awarded demo
package gets its award letter, signed contract and notice to proceed (SPMK), dated before
and at the package's start, through the use cases (signed documents).

The rest happens in date order inside e-Controlling's demo (loaded after this one), so
each OCDS release is dated as its event and says what was known then: after each
month's approved progress it calls `pay_due` (the tender package's termins of that month
invoiced, approved and paid), and at its end `finish(app)`, which hands over every
started demo contract whose approved progress reached 100 % and pays its last termin
(idempotent). Nothing again once the demo packages have contracts."""

from __future__ import annotations

from datetime import UTC, date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from queue_server.persistence.document_store import document_store
from queue_server.signing import signer_of

from ..procurement import store
from ..procurement.demo import at, ppk_of, principal_of
from ..project.models import ProjectPackage
from . import contracts
from .contracts import approved_progress
from .models import DeliveryContract, DeliveryInvoice, DeliveryPayment, DeliveryTermin
from .paper import Paper


def paper_of(app: Any) -> Paper:
    """The app's signer and document store; the QR's address from PUBLIC_URL."""
    base = str(app.config.get("PUBLIC_URL") or "http://localhost:5000")
    return Paper(signer_of(app), document_store(app.instance_path), base)


def load_demo(app: Any) -> None:
    """Contract each awarded demo package once (see the module)."""
    rt, paper = app.extensions["antrian"], paper_of(app)
    with rt.uow(write=False) as uow:
        ready = [p for p in uow.session.scalars(select(ProjectPackage).where(
            ProjectPackage.state == "procuring").order_by(ProjectPackage.id))
            if (t := store.tender_of(uow, p.id)) is not None and t.state == "awarded"
            and uow.session.scalar(select(DeliveryContract.id).where(
                DeliveryContract.package_id == p.id)) is None]
        ppks = {p.id: ppk_of(uow, p.office_id) for p in ready}
    for package in ready:
        who, begin = ppks[package.id], package.starts
        contracts.award_letter(rt.uow(), at(begin - timedelta(days=20)), paper, who,
                               package.code)
        contracts.sign(rt.uow(), at(begin - timedelta(days=15)), paper, who, package.code,
                       None, None)
        contracts.start(rt.uow(), at(begin), paper, who, package.code)


def pay_due(app: Any, contract_id: int, day: date, last: bool = False) -> None:
    """Pay the demo tender contract's termins planned for `day`'s month (all that are
    left when `last`: the final termin, its retention released after the handover):
    invoiced the day after `day`, approved the next, paid (SP2D) the next, never after
    today, each payment published as its own release dated as it happened. Rows: the
    progress gates are met by e-Controlling's demo reports, loaded in date order.
    Direct contracts and unpaid-for finance users are left alone."""
    rt = app.extensions["antrian"]
    with rt.uow(write=False) as uow:
        contract = uow.session.get(DeliveryContract, contract_id)
        package = uow.session.get(ProjectPackage, contract.package_id) if contract else None
        tender = store.tender_of(uow, package.id) if package else None
        finance = principal_of(uow, "bpkad")
    if package is None or tender is None or tender.method != "tender" or finance is None:
        return
    months = {int(t["termin"]): str(t.get("month") or "") for t in package.payment_plan}
    who = ppk_of_id(rt, package.office_id)
    with rt.uow() as uow:
        termins = uow.session.scalars(select(DeliveryTermin).where(
            DeliveryTermin.contract_id == contract_id, DeliveryTermin.state == "planned")
            .order_by(DeliveryTermin.number)).all()
        final = max((t.number for t in termins), default=0)
        due = [t for t in termins if (last or t.number != final)
               and (last or months.get(t.number) == day.strftime("%Y-%m"))]
        if not due:
            return
        stop = store.today(rt.clock)
        for termin in due:
            _pay(uow, package, termin, [min(day + timedelta(days=n), stop) for n in (1, 2, 3)],
                 who, finance.id)
        uow.commit()


def ppk_of_id(rt: Any, office_id: int) -> int:
    """The id of the office's PPK (the admin's where it has none)."""
    with rt.uow(write=False) as uow:
        return int(ppk_of(uow, office_id).id)


def _pay(uow: Any, package: ProjectPackage, termin: DeliveryTermin, days: list[date],
         ppk_id: int, finance_id: int) -> None:
    """Termin `termin` invoiced on days[0], approved on days[1] and paid on days[2]."""
    invoice = DeliveryInvoice(
        contract_id=termin.contract_id, termin_id=termin.id, amount=termin.amount,
        number=f"INV/KM/{days[0].year}/{termin.number:02d}", state="paid",
        submitted_at=at(days[0]).moment, decided_at=at(days[1]).moment, decided_by=ppk_id)
    uow.session.add(invoice)
    uow.session.flush()
    uow.session.add(DeliveryPayment(
        contract_id=termin.contract_id, invoice_id=invoice.id, amount=termin.amount,
        paid_at=at(days[2], 14).moment, recorded_by=finance_id,
        reference=f"SP2D/{days[2].year}/{4100 + termin.number}"))
    termin.state = "paid"
    store.released(uow, at(days[2], 14), package.id, "implementation")


def finish(app: Any) -> None:
    """Hand over (BAST) every started contract whose approved physical progress is
    100 % (e-Controlling's demo calls this after writing its progress), dated the day
    after that progress was approved (never after today), then pay its termins left
    (the last one's retention released after the handover). Idempotent."""
    rt, paper = app.extensions["antrian"], paper_of(app)
    zone = ZoneInfo(store.city_tz())
    with rt.uow(write=False) as uow:
        done = [(c.id, p, ppk_of(uow, p.office_id), _reached(uow, c.id, zone))
                for c, p in uow.session.execute(
                    select(DeliveryContract, ProjectPackage).join(
                        ProjectPackage, ProjectPackage.id == DeliveryContract.package_id)
                    .where(DeliveryContract.state == "started"))
                if approved_progress(uow, c.id) >= 100]
    today = store.today(rt.clock)
    for contract_id, package, who, reached in done:
        day = min(reached + timedelta(days=1), today)
        contracts.hand_over(rt.uow(), at(day, 10), paper, who, package.code)
        pay_due(app, contract_id, day, last=True)


def _reached(uow: Any, contract_id: int, zone: ZoneInfo) -> date:
    """The city date the contract's latest approved progress report was approved (or
    reported, when no decision time is held)."""
    from ..controlling.models import ControllingReport

    report = uow.session.scalar(select(ControllingReport).where(
        ControllingReport.contract_id == contract_id, ControllingReport.state == "approved")
        .order_by(ControllingReport.month.desc()).limit(1))
    moment = report.decided_at or report.reported_at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone).date()
