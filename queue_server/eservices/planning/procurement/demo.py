"""e-Procurement's demo data (the "demo" hook, after e-Project's): the demo providers'
rows, then, dated before each package's start: the tender package's tender published with
three bids, evaluated and awarded to CV Karya Mandiri, PT Bangun Jaya's complaint
(sanggah) answered, rejected; the direct packages procured directly from CV Karya
Mandiri. Through the use cases, at past moments (a fixed clock). Nothing again once the
demo packages have procurements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from queue_server.persistence.access_models import User
from queue_server.persistence.case_models import OfficeMember

from ..budgeting.demo import principal_of
from ..project.methods import needs_tender
from ..project.models import ProjectPackage
from . import complaints, direct, store, tenders
from .models import ProcurementBid, ProcurementComplaint, ProcurementProvider
from .store import city_tz

# The demo providers (NPWP made up: the 15-digit form).
PROVIDERS = (("cv-karya-mandiri", "CV Karya Mandiri", "017263548609000",
              "Jl. Kedungdoro 45, Surabaya"),
             ("pt-bangun-jaya", "PT Bangun Jaya Konstruksi", "028374659102000",
              "Jl. Rungkut Industri 8, Surabaya"),
             (None, "CV Sinar Teknik", "039485761203000", "Jl. Ngagel 17, Surabaya"))


@dataclass
class At:
    """A clock standing at one moment (the demo's past steps)."""

    moment: datetime

    def now(self) -> datetime:
        return self.moment


def at(day: Any, hour: int = 9) -> At:
    """A clock at `hour` o'clock of `day` in the city."""
    return At(datetime.combine(day, time(hour), ZoneInfo(city_tz())))


def providers(uow: Any) -> dict[str, ProcurementProvider]:
    """The demo providers' rows (by NPWP: made once), by name."""
    made = {}
    for office_code, name, npwp, address in PROVIDERS:
        row = uow.session.scalar(select(ProcurementProvider).where(
            ProcurementProvider.npwp == npwp))
        if row is None:
            office = uow.offices.by_code(office_code) if office_code else None
            row = ProcurementProvider(office_id=office.id if office else None, name=name,
                                      npwp=npwp, address=address)
            uow.session.add(row)
            uow.session.flush()
        made[name] = row
    return made


def ppk_of(uow: Any, office_id: int) -> Any:
    """The office's PPK (office role ppk) as a principal; the admin where it has none."""
    username = uow.session.scalar(
        select(User.username).join(OfficeMember, OfficeMember.user_id == User.id)
        .where(OfficeMember.office_id == office_id, OfficeMember.role == "ppk")
        .order_by(User.username))
    return principal_of(uow, username or "admin")


def load_demo(app: Any) -> None:
    """Procure each planned demo package once (see the module)."""
    rt = app.extensions["antrian"]
    with rt.uow() as uow:
        found = providers(uow)
        uow.commit()
        planned = list(uow.session.scalars(select(ProjectPackage).where(
            ProjectPackage.state == "planned").order_by(ProjectPackage.id)))
        pokja, penyedia = principal_of(uow, "pokja"), principal_of(uow, "penyedia")
        ppks = {p.id: ppk_of(uow, p.office_id) for p in planned}
    if pokja is None or penyedia is None:
        return
    for package in planned:
        if needs_tender(package.method):
            _tender(rt, package, found, pokja, penyedia)
        else:
            start = package.starts - timedelta(days=25)  # before its award letter (20)
            direct.direct(rt.uow(), at(start), ppks[package.id], package.code, "cv-karya-mandiri",
                          package.value, package.value * 97 // 100,
                          "Negosiasi: harga satuan pekerjaan turun 3 %")


def _tender(rt: Any, package: ProjectPackage, found: dict[str, ProcurementProvider],
            pokja: Any, penyedia: Any) -> None:
    """The tender of the road package, 45 days before its start to 20 days before."""
    begin = package.starts - timedelta(days=45)
    code = tenders.create(rt.uow(), at(begin), pokja, package.code).code
    deadline = at(begin + timedelta(days=10), 16).moment
    tenders.publish(rt.uow(), at(begin), pokja, code, deadline)
    tenders.bid(rt.uow(), at(begin + timedelta(days=3)), penyedia, code,
                package.value * 92 // 100)
    with rt.uow() as uow:  # the two other bidders have no demo user: their bids as rows
        tender_id = store.tender(uow, code).id
        for name, share in (("PT Bangun Jaya Konstruksi", 95), ("CV Sinar Teknik", 89)):
            uow.session.add(ProcurementBid(
                tender_id=tender_id, provider_id=found[name].id,
                amount=package.value * share // 100, state="submitted", note="",
                submitted_at=at(begin + timedelta(days=5)).moment))
        uow.commit()
    _evaluate(rt, code, begin + timedelta(days=11), pokja, found)


def _evaluate(rt: Any, code: str, day: Any, pokja: Any,
              found: dict[str, ProcurementProvider]) -> None:
    """Evaluation (Sinar Teknik fails), award, PT Bangun Jaya's complaint rejected."""
    with rt.uow(write=False) as uow:
        row = store.tender(uow, code)
        bids = {b.provider_id: b.id for b in store.bids(uow, row.id)}
    marks = (("CV Karya Mandiri", True, 88.5, ""), ("PT Bangun Jaya Konstruksi", True, 84.0, ""),
             ("CV Sinar Teknik", False, None, "Personel inti tidak memenuhi syarat"))
    for name, passed, score, note in marks:
        tenders.evaluate(rt.uow(), at(day), pokja, code, bids[found[name].id], passed, score,
                         note)
    tenders.award(rt.uow(), at(day, 14), pokja, code, bids[found["CV Karya Mandiri"].id])
    with rt.uow() as uow:
        uow.session.add(ProcurementComplaint(
            tender_id=row.id, provider_id=found["PT Bangun Jaya Konstruksi"].id,
            text="Metode kerja kami dinilai lebih rendah tanpa penjelasan.",
            filed_at=at(day + timedelta(days=1)).moment, state="open"))
        uow.commit()
        complaint = uow.session.scalar(select(ProcurementComplaint.id).where(
            ProcurementComplaint.tender_id == row.id))
    complaints.answer(rt.uow(), at(day + timedelta(days=3)), pokja, code, complaint, False,
                      "Evaluasi teknis sesuai dokumen pemilihan; skor metode kerja dijelaskan "
                      "dalam berita acara hasil pemilihan.")
