"""e-Controlling's use cases on monthly reports: the provider reports a month (with 1–5
photos, kept without their metadata), resends it while it waits, and the office's PPK
approves (published as an OCDS `implementation` release) or returns it with a reason."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from queue_server.persistence.case_file_store import DiskFileStore
from queue_server.services import case_files
from queue_server.services.auth import Principal
from queue_server.services.ports import Clock

from ..ocds.publish import publish
from . import access, store
from .errors import (
    ContractNotFound,
    ContractNotRunning,
    PhotoCount,
    PhotoNotFound,
    ReasonRequired,
    ReportNotFound,
    ReportNotPending,
)
from .models import ControllingPhoto, ControllingReport
from .rules import FINANCIAL, PHYSICAL, check_report, percent, read_month

MAX_PHOTOS = 5
PHOTO_TYPES = ("image/jpeg", "image/png")


class PhotoStore(DiskFileStore):
    """Progress photos on disk: `<instance>/files/planning/<report id>/<sha256>`, 0600
    in 0700 folders (DiskFileStore's way of writing)."""

    def _path(self, case_id: int, sha256: str) -> Path:
        return self.folder / str(int(case_id)) / sha256


def photo_store(instance_path: str | Path) -> PhotoStore:
    """The progress photos of the server whose instance folder is `instance_path`."""
    return PhotoStore(Path(instance_path) / "files" / "planning")


@dataclass(frozen=True)
class ReportIn:
    """A month's report as sent: month `YYYY-MM`, physical and financial progress
    (percent, cumulative), spent (rupiah, cumulative), note, photos (their bytes)."""

    month: str
    physical: Any
    financial: Any
    spent: int = 0
    note: str = ""
    photos: list[bytes] = field(default_factory=list)


def _start(contract: Any, tz: str) -> date:
    """The day the works started: the contract's `starts`, else its notice's day."""
    if contract.starts is not None:
        return contract.starts
    moment = contract.started_at or contract.signed_at or contract.award_letter_at
    return moment.astimezone(ZoneInfo(tz)).date() if moment.tzinfo else moment.date()


def _prepared(photos: list[bytes], max_bytes: int) -> list[tuple[str, bytes]]:
    """Each photo checked and re-encoded without metadata, before anything is written
    (PhotoCount 422 outside 1–5; the file errors of case_files.prepare, 422)."""
    if not 1 <= len(photos) <= MAX_PHOTOS:
        raise PhotoCount(MAX_PHOTOS)
    return [case_files.prepare(data, PHOTO_TYPES, max_bytes, f"foto {n}")
            for n, data in enumerate(photos, 1)]


def _row(uow: Any, contract: Any, sent: ReportIn, month: str, who: Principal,
         now: datetime) -> ControllingReport:
    """The month's row: the waiting (or returned) one replaced, else a new one."""
    row = store.report_of(uow, contract.id, month)
    if row is None:
        row = ControllingReport(contract_id=contract.id, package_id=contract.package_id,
                                month=month, reported_at=now)
        uow.session.add(row)
    else:
        store.drop_photos(uow, row.id)
        row.version += 1
    row.physical, row.financial = percent(sent.physical, PHYSICAL), percent(sent.financial,
                                                                             FINANCIAL)
    row.spent, row.note = int(sent.spent), (sent.note or "").strip()[:2000]
    row.state, row.reason, row.reported_at, row.reported_by = "submitted", "", now, who.id
    row.decided_at = row.decided_by = None
    uow.session.flush()
    return row


def submit(uow: Any, clock: Clock, files: PhotoStore, tz: str, who: Principal,
           contract_id: int, sent: ReportIn, max_bytes: int) -> dict[str, Any]:
    """Report `sent.month` of the contract `contract_id` as its provider: 201's body
    (the report, as `view` gives it). Raises ContractNotFound 404, ControllingForbidden
    403 (not the provider's people), ContractNotRunning 409 (not started), the month and
    progress rules of rules.check_report (422/409), PhotoCount and the photo errors 422.
    Nothing is written when anything is refused."""
    with uow:
        contract = store.contract(uow, contract_id, lock=True)
        if contract is None:
            raise ContractNotFound()
        access.require_provider(uow, who, contract)
        if contract.state != "started":
            raise ContractNotRunning(contract.state)
        month = read_month(sent.month)
        physical, financial = percent(sent.physical, PHYSICAL), percent(sent.financial,
                                                                          FINANCIAL)
        kept = _prepared(sent.photos, max_bytes)
        now = clock.now()
        check_report(month, now.astimezone(ZoneInfo(tz)).date(), _start(contract, tz),
                     store.last_approved(uow, contract.id), physical, financial,
                     int(sent.spent), contract.value)
        row = _row(uow, contract, sent, month, who, now)
        _keep(uow, files, row.id, kept)
        uow.commit()
        return view(uow, row)


def _keep(uow: Any, files: PhotoStore, report_id: int, kept: list[tuple[str, bytes]]) -> None:
    for content_type, data in kept:
        digest = hashlib.sha256(data).hexdigest()
        store.add(uow, ControllingPhoto(report_id=report_id, content_type=content_type,
                                        size=len(data), sha256=digest))
        files.put(report_id, digest, data)


def decide(uow: Any, clock: Clock, who: Principal, report_id: int, approve: bool,
           reason: str = "") -> dict[str, Any]:
    """The PPK's decision on a waiting report: approved (then an OCDS `implementation`
    release of the package) or returned with `reason`. Raises ReportNotFound 404,
    ControllingForbidden 403 (not the package's office's PPK), ReportNotPending 409,
    ReasonRequired 422 (a return without a reason)."""
    with uow:
        row = store.report(uow, report_id)
        if row is None:
            raise ReportNotFound()
        package = store.package(uow, row.package_id)
        if package is None:
            raise ReportNotFound()
        access.require_ppk(uow, who, package)
        if row.state != "submitted":
            raise ReportNotPending(row.state)
        reason = (reason or "").strip()
        if not approve and not reason:
            raise ReasonRequired()
        row.state = "approved" if approve else "returned"
        row.reason, row.decided_at, row.decided_by = reason[:500], clock.now(), who.id
        row.version += 1
        uow.session.flush()
        if approve:
            publish(uow, clock, row.package_id, ["implementation"])
        uow.commit()
        return view(uow, row)


def view(uow: Any, row: ControllingReport) -> dict[str, Any]:
    """A report as the API shows it (no person's name: who reported is an id)."""
    return {"id": row.id, "contract_id": row.contract_id, "package_id": row.package_id,
            "month": row.month, "physical": float(row.physical),
            "financial": float(row.financial), "spent": row.spent, "note": row.note,
            "state": row.state, "reason": row.reason,
            "reported_at": row.reported_at.isoformat(),
            "decided_at": row.decided_at.isoformat() if row.decided_at else None,
            "photos": [{"id": p.id, "content_type": p.content_type, "size": p.size,
                        "url": f"/api/v1/controlling/photos/{p.id}"}
                       for p in store.photos(uow, row.id)]}


def photo(uow: Any, files: PhotoStore, who: Principal | None, photo_id: int
          ) -> tuple[str, bytes]:
    """A photo's type and bytes: for the package's readers (access.may_read) always;
    for anyone (`who` None) once its report is approved. Raises PhotoNotFound 404 (also
    for a photo the caller may not see: nothing said of it), ControllingForbidden 403."""
    with uow:
        row = store.photo(uow, photo_id)
        report = store.report(uow, row.report_id) if row is not None else None
        if row is None or report is None:
            raise PhotoNotFound()
        if who is not None and report.state != "approved":
            package = store.package(uow, report.package_id)
            if package is None:
                raise PhotoNotFound()
            access.require_read(uow, who, package, store.contract(uow, report.contract_id))
        elif who is None and report.state != "approved":
            raise PhotoNotFound()
        data = files.get(report.id, row.sha256)
        if data is None:
            raise PhotoNotFound()
        return row.content_type, data
