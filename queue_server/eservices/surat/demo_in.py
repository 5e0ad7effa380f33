"""e-Surat's incoming demo (the "demo" hook `serve --demo` runs after config/demo.yaml):
the classification codes (klasifikasi.csv, always: idempotent) and, when DSDABM has no
incoming letter yet, six letters registered by `tu-dsdabm` (the clerk): one `rahasia`,
one `sangat_segera`, some disposed to `kabid-dsdabm` and `opd` (the `rahasia` one to
`kabid-dsdabm` only: `opd` may not read it), one read, one followed up, one filed."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select

from queue_server.persistence.case_file_store import file_store
from queue_server.services.auth import Principal

from . import classification, dispositions, incoming_close
from .incoming import IncomingLetter, register_incoming
from .models import SuratLetter

OFFICE = "dsdabm"
# sender, subject, classification, access, urgency, what happens next
LETTERS = (
    ("Kelurahan Rungkut Kidul", "Permohonan normalisasi saluran Jl. Rungkut Asri",
     "600.1.7", "biasa", "segera", "followed_up"),
    ("Kecamatan Tegalsari", "Laporan genangan di Jl. Kedungdoro setelah hujan deras",
     "600.1.7", "biasa", "sangat_segera", "read"),
    ("Inspektorat Kota Surabaya", "Pemeriksaan pengadaan pintu air Jagir",
     "700.1", "rahasia", "biasa", "disposed_one"),
    ("PDAM Surya Sembada", "Koordinasi pemasangan pipa di bantaran Kali Mas",
     "600.1", "terbatas", "biasa", "disposed"),
    ("Bappedalitbang Kota Surabaya", "Undangan rapat rencana kerja 2027",
     "000.7", "biasa", "biasa", "filed"),
    ("Warga RW 05 Wonokromo", "Permohonan pengerukan sedimen saluran",
     "600.1.7", "biasa", "biasa", "registered"),
)


def _principal(uow: Any, username: str) -> Principal:
    user = uow.staff.user_by_username(username)
    return Principal("staff", user.id, user.username, user.role, user.facility_id)


def _advance(uow: Any, clock: Any, ref: str, then: str, tz: str) -> None:
    clerk, head = _principal(uow, "tu-dsdabm"), _principal(uow, "kepala-opd")
    kabid, opd = _principal(uow, "kabid-dsdabm"), _principal(uow, "opd")
    if then == "registered":
        return
    if then == "filed":
        incoming_close.file_letter(uow, clock, head, ref, "Cukup sebagai informasi.", tz)
        return
    to = [kabid.id, opd.id] if then == "disposed" else [kabid.id]  # disposed_one: kabid
    given = dispositions.give(uow, clock, clerk, ref, dispositions.Giving(
        to=to, instruction="Mohon ditindaklanjuti dan dilaporkan."), tz)
    if then in ("read", "followed_up"):
        dispositions.read(uow, clock, kabid, ref, given[0].id)
    if then == "followed_up":
        incoming_close.follow_up(uow, clock, kabid, ref, given[0].id,
                                 "Sudah disurvei; normalisasi dijadwalkan minggu depan.")


def load_demo_incoming(app: Any) -> None:
    """Load the classification codes and, once, the demo incoming letters (see above)."""
    rt = app.extensions["antrian"]
    tz = str(app.config.get("CITY_TIMEZONE", "Asia/Jakarta"))
    classification.load_csv(rt.uow(), classification.DATA_FILE.read_text("utf-8"))
    with rt.uow() as uow:
        office = uow.offices.by_code(OFFICE)
        clerk = uow.staff.user_by_username("tu-dsdabm")
        if office is None or clerk is None or uow.session.scalar(
                select(func.count()).select_from(SuratLetter)
                .where(SuratLetter.office_id == office.id,
                       SuratLetter.direction == "incoming")):
            return
        for number, (sender, subject, code, access, urgency, then) in enumerate(LETTERS, 1):
            row = register_incoming(uow, rt.clock, IncomingLetter(
                office_id=office.id, sender=sender, subject=subject, classification=code,
                access=access, urgency=urgency, letter_date=date(2026, 1, 5 + number),
                letter_number=f"{code}/{40 + number}/2026"), clerk.id,
                files=file_store(app.instance_path), timezone=tz)
            _advance(uow, rt.clock, f"SURAT-{row.case_id}", then, tz)
        uow.commit()
