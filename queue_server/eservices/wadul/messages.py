"""What the citizen is told on their phone when their complaint is answered, rejected or
merged (through services.case_messages, with a messaging gateway): the answer or the
reason, and the link to their `/c/{code}` page where they rate or reopen."""

from __future__ import annotations

from queue_server.services.case_messages import ANSWERED_KIND, CLOSED_KIND, tell_owner
from queue_server.services.cases import public_ref
from queue_server.services.port_cases import CaseRow, CaseWork
from queue_server.services.ports import Clock

from . import WORKFLOW
from .citizen import phone_trusted
from .models import WadulReport

TOLD = ("answer", "reject", "merge")  # the actions a citizen hears of
EXCERPT = 300  # characters of the answer or the reason in the message


def _excerpt(text: str) -> str:
    said = " ".join(text.split())
    return said if len(said) <= EXCERPT else said[:EXCERPT - 1].rstrip() + "…"


def _message(uow: CaseWork, case: CaseRow, report: WadulReport, action: str,
             comment: str) -> str:
    office = uow.offices.by_id(case.office_id) if case.office_id is not None else None
    if action == "answer":
        days = WORKFLOW.state("answered").days
        return (f"Pengaduan Anda {case.code} sudah dijawab oleh "
                f"{office.name if office else 'OPD'}: \"{_excerpt(comment)}\". Dalam {days} "
                "hari kerja Anda bisa memberi nilai atau membuka kembali pengaduan ini; "
                "tanpa tanggapan, pengaduan ditutup otomatis. Lihat jawabannya di")
    if action == "merge":
        parent = uow.cases.by_id(report.duplicate_of) if report.duplicate_of else None
        ref = public_ref(parent) if parent else "-"
        return (f"Pengaduan Anda {case.code} digabung dengan pengaduan yang sama, {ref}: "
                f"\"{_excerpt(comment)}\". Tindak lanjutnya diikuti di pengaduan itu. "
                "Lihat di")
    return (f"Pengaduan Anda {case.code} ditolak: \"{_excerpt(comment)}\". Anda bisa "
            "mengirim pengaduan baru dengan keterangan yang lebih lengkap. Lihat di")


def tell_citizen(uow: CaseWork, clock: Clock, tz: str, case: CaseRow, report: WadulReport,
                 action: str, comment: str) -> bool:
    """Queue the citizen's message after `action` (one of TOLD; others: nothing) when
    their phone may be told (citizen.phone_trusted). Returns whether one was queued."""
    if action not in TOLD or not phone_trusted(report.channel):
        return False
    kind = ANSWERED_KIND if action == "answer" else CLOSED_KIND
    return tell_owner(uow, clock, case, kind, _message(uow, case, report, action, comment),
                      tz)
