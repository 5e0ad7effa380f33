"""What the applicant is told on their phone (through services.case_messages, with a
messaging gateway: `NOTIFY_WEBHOOK_URL`), as e-Wadul tells its citizens: the documents
sent back (each with what to fix) and the day to send them by, a rejection with its
reasons, the permit issued (its number) and a permit revoked (the reason); the renewal
reminder is reminders.py's. Every message ends with the link to `/c/{code}`."""

from __future__ import annotations

from collections.abc import Mapping

from queue_server.domain.dates import long_date
from queue_server.services.case_messages import messages_on, tell_owner
from queue_server.services.port_cases import CaseRow, CaseWork
from queue_server.services.ports import Clock

from .flow import application, city_tz, permit_of

FLAGGED_KIND = "ssw_documents_flagged"
REJECTED_KIND = "ssw_rejected"
ISSUED_KIND = "ssw_issued"
REVOKED_KIND = "ssw_revoked"
EXCERPT = 300  # characters of a reason in a message


def _excerpt(text: str) -> str:
    said = " ".join((text or "").split())
    return said if len(said) <= EXCERPT else said[:EXCERPT - 1].rstrip() + "…"


def _on() -> bool:
    """Whether messages go out: the app's gateway inside an app context."""
    from flask import current_app, has_app_context

    return has_app_context() and messages_on(current_app.config)


def _permit_name(uow: CaseWork, case: CaseRow) -> str:
    return str(permit_of(uow, application(uow, case)).name)


def tell_flagged(uow: CaseWork, clock: Clock, case: CaseRow,
                 reasons: Mapping[str, str]) -> bool:
    """The documents sent back (requirement code → reason; named as the catalogue
    names them) and the revision's own deadline (the case's state due, in working
    days of the `revision` state). Returns whether a message was queued."""
    if not _on():
        return False
    permit = permit_of(uow, application(uow, case))
    names = {d["code"]: d["name"] for d in permit.documents}
    items = "; ".join(f"{names.get(code, code)}: {_excerpt(why)}"
                      for code, why in sorted(reasons.items()))
    until = f" paling lambat {long_date(case.state_due)}" if case.state_due else ""
    return tell_owner(uow, clock, case, FLAGGED_KIND, (
        f"Permohonan {permit.name} Anda perlu perbaikan berkas. {items}. Kirim ulang "
        f"dokumen itu{until} lewat"), city_tz())


def tell_rejected(uow: CaseWork, clock: Clock, case: CaseRow, reasons: str) -> bool:
    """The application rejected, with its reasons. Returns whether one was queued."""
    if not _on():
        return False
    return tell_owner(uow, clock, case, REJECTED_KIND, (
        f"Permohonan {_permit_name(uow, case)} Anda ditolak: \"{_excerpt(reasons)}\". "
        "Lihat alasannya di"), city_tz())


def tell_issued(uow: CaseWork, clock: Clock, case: CaseRow, number: str) -> bool:
    """The permit issued: its number; the signed PDF is on the case page."""
    if not _on():
        return False
    return tell_owner(uow, clock, case, ISSUED_KIND, (
        f"{_permit_name(uow, case)} Anda sudah terbit dengan nomor {number}. Unduh izin "
        "bertanda tangan elektronik di"), city_tz())


def tell_revoked(uow: CaseWork, clock: Clock, case: CaseRow, reason: str) -> bool:
    """The permit revoked, with the reason. Returns whether one was queued."""
    if not _on():
        return False
    return tell_owner(uow, clock, case, REVOKED_KIND, (
        f"{_permit_name(uow, case)} Anda dicabut: \"{_excerpt(reason)}\". Lihat di"),
        city_tz())
