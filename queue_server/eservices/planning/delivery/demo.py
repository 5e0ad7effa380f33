"""e-Delivery's demo data (the "demo" hook, after e-Procurement's): each awarded demo
package gets its award letter, signed contract and notice to proceed (SPMK), dated before
and at the package's start, through the use cases (signed documents); the tender
package's first two termins are invoiced, approved and paid (rows dated along its
schedule: the progress they needed is e-Controlling's demo's, loaded after this one).

The handover (BAST) needs the approved progress at 100 %, which e-Controlling's demo
writes after this hook: that demo calls `finish(app)` at its end, which hands over every
started demo contract whose approved progress reached 100 % (idempotent). Nothing again
once the demo packages have contracts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

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
        finance = principal_of(uow, "bpkad")
    for package in ready:
        who, begin = ppks[package.id], package.starts
        contracts.award_letter(rt.uow(), at(begin - timedelta(days=20)), paper, who,
                               package.code)
        contracts.sign(rt.uow(), at(begin - timedelta(days=15)), paper, who, package.code,
                       None, None)
        contracts.start(rt.uow(), at(begin), paper, who, package.code)
        with rt.uow(write=False) as uow:
            tender = store.tender_of(uow, package.id)
        if tender is not None and tender.method == "tender" and finance is not None:
            _paid_termins(rt, package, who.id, finance.id)


def _paid_termins(rt: Any, package: ProjectPackage, ppk_id: int, finance_id: int) -> None:
    """Termins 1 and 2 invoiced, approved and paid, dated a third and two thirds into
    the schedule (rows: their progress gates are e-Controlling's demo's)."""
    span = (package.ends - package.starts).days
    with rt.uow() as uow:
        row = contracts.contract_of(uow, package.id, package.code, lock=True)
        termins = uow.session.scalars(select(DeliveryTermin).where(
            DeliveryTermin.contract_id == row.id).order_by(DeliveryTermin.number)).all()
        for termin in termins[:2]:
            day = package.starts + timedelta(days=span * termin.number // 3)
            invoice = DeliveryInvoice(
                contract_id=row.id, termin_id=termin.id, amount=termin.amount,
                number=f"INV/KM/{day.year}/{termin.number:02d}", state="paid",
                submitted_at=at(day).moment, decided_at=at(day + timedelta(days=3)).moment,
                decided_by=ppk_id)
            uow.session.add(invoice)
            uow.session.flush()
            uow.session.add(DeliveryPayment(
                contract_id=row.id, invoice_id=invoice.id, amount=termin.amount,
                paid_at=at(day + timedelta(days=7)).moment, recorded_by=finance_id,
                reference=f"SP2D/{day.year}/{4100 + termin.number}"))
            termin.state = "paid"
        store.released(uow, at(package.starts + timedelta(days=span * 2 // 3 + 7)),
                       package.id, "implementation")
        uow.commit()


def finish(app: Any) -> None:
    """Hand over (BAST) every started contract whose approved physical progress is
    100 % (e-Controlling's demo calls this after writing its progress), dated the day
    after its package's end or today, whichever is earlier. Idempotent."""
    rt, paper = app.extensions["antrian"], paper_of(app)
    with rt.uow(write=False) as uow:
        done = [(p, ppk_of(uow, p.office_id)) for c, p in uow.session.execute(
            select(DeliveryContract, ProjectPackage).join(
                ProjectPackage, ProjectPackage.id == DeliveryContract.package_id).where(
                DeliveryContract.state == "started"))
            if approved_progress(uow, c.id) >= 100]
    today = store.today(rt.clock)
    for package, who in done:
        day = min(package.ends + timedelta(days=1), today)
        contracts.hand_over(rt.uow(), at(day, 10), paper, who, package.code)
