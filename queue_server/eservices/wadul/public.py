"""How a complaint reads outside the staff's pages: on its owner's page `/c/{code}` (the
tracking code is the owner's secret) and, once it is public (domain.is_public: verified,
confirmed, not confidential), by its public reference `WADUL-123` on the public page
`/wadul/laporan/{ref}`, in the public API and to Open311 readers. The reporter (NIK,
phone, name) is never part of any of them, anonymous or not."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from queue_server.services import case_files
from queue_server.services.cases import CaseNotFound, find_by_ref, public_ref, timeline
from queue_server.services.port_cases import CaseRow, CaseWork, FileStore

from . import MODULE, WORKFLOW
from .domain import is_public
from .models import WadulReport
from .store import WadulStore

# Timeline roles whose comments a public reader sees: staff and the system. A citizen's
# own words (a reopen's reason) are not verified by the desk and may name people.
STAFF_ROLES = frozenset({"desk", "office", "head", "admin", "system"})


def merged_into(uow: CaseWork, report: WadulReport) -> str | None:
    """The public reference of the complaint this one was merged into, or None."""
    if report.duplicate_of is None:
        return None
    parent = uow.cases.by_id(report.duplicate_of)
    return public_ref(parent) if parent else None


def public_view(uow: CaseWork, case: CaseRow) -> dict[str, Any] | None:
    """The complaint's fields on its owner's page `/c/{code}` (the tracking code is the
    owner's secret, so a confidential complaint shows its owner everything too; public
    readers go through `public_case`, which refuses it), or None when the case has no
    complaint row: `title` (the category), `summary` (the description), `fields` (label,
    value pairs in Indonesian: kelurahan, address, the public reference and, for a merged
    one, the complaint it joined), `photos` (file ids), `office` (name). Never the
    reporter."""
    store = WadulStore(uow)
    report = store.report(case.id)
    if report is None:
        return None
    category = store.category_by_id(report.category_id)
    office = uow.offices.by_id(case.office_id) if case.office_id is not None else None
    fields = [["Kategori", category.name if category else ""],
              ["Kelurahan", report.kelurahan or "–"]]
    if report.address:
        fields.append(["Alamat", report.address])
    fields.append(["Nomor laporan publik", public_ref(case)])
    parent = merged_into(uow, report)
    if parent:
        fields.append(["Digabung ke laporan", parent])
    return {"title": f"Pengaduan: {category.name if category else ''}".strip(),
            "summary": report.description, "fields": fields,
            "photos": [f.id for f in uow.cases.files(case.id) if f.kind == "photo"],
            "office": office.name if office else None}


def public_case(uow: CaseWork, ref: str) -> tuple[CaseRow, WadulReport]:
    """The public complaint of reference `ref` and its report. Raises CaseNotFound (404)
    for a malformed or unknown reference and for one that is not public (the same answer:
    a reader cannot tell a confidential complaint from a missing one)."""
    case = find_by_ref(uow, ref, MODULE)
    report = WadulStore(uow).report(case.id)
    if report is None or not is_public(case.state, case.confirmed, report.confidential):
        raise CaseNotFound(ref.strip()[:60])
    return case, report


def _iso(moment: Any, tz: str) -> str | None:
    return None if moment is None else moment.astimezone(ZoneInfo(tz)).isoformat(
        timespec="seconds")


def _lines(uow: CaseWork, case: CaseRow, tz: str) -> list[dict[str, Any]]:
    """The public timeline: every public line, staff comments only, no names."""
    return [{**line, "comment": line["comment"] if line["role"] in STAFF_ROLES else ""}
            for line in timeline(uow, WORKFLOW, case, tz, public_only=True)]


def public_report(uow: CaseWork, tz: str, ref: str) -> dict[str, Any]:
    """A public complaint as anyone reads it by its reference: `ref`, category (code,
    name, name_en), kelurahan, address, map point, office (name), state (name, labels,
    open), `opened_at`/`updated_at`/`closed_at` (ISO, city time), `due` (date),
    description, `photos` (file ids served by the public photo route), `merged_into`
    (a reference or null) and the public timeline (staff comments only). Raises
    CaseNotFound (404; also for a complaint that is not public)."""
    with uow:
        case, report = public_case(uow, ref)
        store = WadulStore(uow)
        category = store.category_by_id(report.category_id)
        office = uow.offices.by_id(case.office_id) if case.office_id is not None else None
        state = WORKFLOW.state(case.state)
        view = public_view(uow, case) or {}
        return {
            "ref": public_ref(case), "state": case.state, "state_label": state.label_id,
            "state_label_en": state.label_en, "open": state.kind == "open",
            "category": {"code": category.code if category else "",
                         "name": category.name if category else "",
                         "name_en": category.name_en if category else ""},
            "kelurahan": report.kelurahan, "address": report.address, "lat": report.lat,
            "lon": report.lon, "office": office.name if office else None,
            "office_en": (office.name_en or office.name) if office else None,
            "description": report.description, "opened_at": _iso(case.opened_at, tz),
            "updated_at": _iso(case.state_since, tz), "closed_at": _iso(case.closed_at, tz),
            "due": case.due.isoformat() if case.due and case.closed_at is None else None,
            "photos": list(view.get("photos") or []), "merged_into": merged_into(uow, report),
            "timeline": _lines(uow, case, tz)}


def public_photo(uow: CaseWork, store: FileStore, ref: str,
                 file_id: int) -> tuple[str, bytes] | None:
    """The type and bytes of photo `file_id` of the public complaint `ref` when its public
    view lists it, else None. Raises CaseNotFound (404: unknown or not public) and
    FileMissing (404: not on disk)."""
    with uow:
        case, _ = public_case(uow, ref)
        view = public_view(uow, case) or {}
        if file_id not in (view.get("photos") or []):
            return None
        row = uow.cases.file(case.id, file_id)
        return None if row is None else (row.content_type, case_files.read(store, row))
