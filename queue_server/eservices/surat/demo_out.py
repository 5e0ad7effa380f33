"""e-Surat's outgoing demo letters (the "demo" hook `serve --demo` runs after
config/demo.yaml): when the DSDABM has no outgoing letter yet, one invitation drafted by
`kabid-dsdabm`, initialled by `opd`, signed by `kepala-opd` and sent to the DLH (so
`GET /api/v1/documents` lists a signed letter and `tu-dlh` finds it in the DLH's
register), and one circular waiting for `opd`'s paraf. Idempotent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from queue_server.persistence.document_store import document_store
from queue_server.services.auth import Principal
from queue_server.services.cases import public_ref
from queue_server.signing import signer_of

from . import classification
from .models import SuratLetter
from .outgoing import KIND, Draft, draft_letter
from .outgoing_actions import act_on_letter
from .outgoing_sign import Signing

INVITATION = Draft(
    subject="Undangan rapat koordinasi pembersihan saluran sebelum musim hujan",
    template="undangan", classification="600.1.7", delivery="internal", to_office="dlh",
    reviewers=["opd"], fields={
        "acara": "rapat koordinasi pembersihan saluran dan angkutan sedimen",
        "hari_tanggal": "Senin, 7 Desember 2026", "waktu": "09.00 WIB - selesai",
        "tempat": "Ruang Rapat DSDABM, Jalan Jimerto 25-27 Surabaya"})
CIRCULAR = Draft(
    subject="Edaran jam kerja piket banjir selama musim hujan", template="edaran",
    delivery="external", recipient="Seluruh Kepala UPTD Pematusan", reviewers=["opd"],
    fields={"tentang": "musim hujan 2026/2027",
            "isi": "Setiap UPTD Pematusan menyiapkan petugas piket banjir 24 jam dan "
                   "melaporkan genangan melalui Media Center."})


def _who(uow: Any, username: str) -> Principal:
    user = uow.staff.user_by_username(username)
    assert user is not None, f"demo user {username} (config/demo.yaml)"
    return Principal("staff", user.id, user.username, user.role, user.facility_id)


def load_demo_out(app: Any) -> None:
    """The two demo letters, when the DSDABM office has no outgoing letter (needs the
    demo's offices and users; loads the classification codes when none are loaded)."""
    rt = app.extensions["antrian"]
    with rt.uow() as uow:
        office = uow.offices.by_code("dsdabm")
        if office is None or uow.staff.user_by_username("kabid-dsdabm") is None:
            return
        session = uow.session
        if session.scalar(select(func.count()).select_from(SuratLetter).where(
                SuratLetter.office_id == office.id, SuratLetter.direction == KIND)):
            return
        empty = not classification.all_codes(uow)
    if empty:
        classification.load_csv(rt.uow(), (Path(__file__).parent / "klasifikasi.csv")
                                .read_text("utf-8"))
    base = str(app.config.get("PUBLIC_URL") or "http://localhost:5000")
    signing = Signing(signer_of(app), document_store(app.instance_path), base)
    tz = str(app.config.get("CITY_TIMEZONE", "Asia/Jakarta"))
    steps = [("kabid-dsdabm", "submit"), ("opd", "approve"), ("kepala-opd", "sign"),
             ("kabid-dsdabm", "send")]
    _letter(rt, INVITATION, steps, signing, tz)
    _letter(rt, CIRCULAR, steps[:1], signing, tz)


def _letter(rt: Any, draft: Draft, steps: list[tuple[str, str]], signing: Signing,
            tz: str) -> None:
    with rt.uow() as uow:
        case, _ = draft_letter(uow, rt.clock, _who(uow, "kabid-dsdabm"), draft, tz)
        ref = public_ref(case)
        uow.commit()
    for username, action in steps:
        with rt.uow() as uow:
            act_on_letter(uow, rt.clock, _who(uow, username), ref, action, "", signing, tz)
            uow.commit()
