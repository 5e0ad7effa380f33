"""The parts of SSW's staff view (views.staff_view): the applicant, the documents, the
reviews, the inspection, and what the caller may do."""

from __future__ import annotations

from datetime import date
from typing import Any

from queue_server.domain.calendar import Calendar
from queue_server.services.auth import Principal
from queue_server.services.port_cases import CaseRow, CaseWork

from .deadlines import review_progress
from .flow import WORKFLOW, actor_on
from .models import SswApplication, SswPermitType
from .store import all_documents, inspection, reviews


def applicant(case: CaseRow, row: SswApplication, identity: bool) -> dict[str, Any]:
    """The applicant: kind, business, address; NIK, phone and name only when
    `identity` (the intake office and the admin, who deal with the applicant)."""
    out: dict[str, Any] = {"kind": row.applicant_kind, "business_name": row.business_name,
                           "nib": row.nib, "address": row.address,
                           "kelurahan": row.kelurahan, "details": row.details,
                           "fee": row.fee, "renewal_of": row.renewal_of}
    if identity:
        out.update({"name": case.name, "nik": case.nik, "phone": case.phone})
    return out


def document_rows(uow: CaseWork, case: CaseRow, permit: SswPermitType,
                  lang: str, identity: bool = True) -> list[dict[str, Any]]:
    """Each requirement of the permit: name, required, types, `personal` (an identity
    document: catalogue `personal`), the latest version's `state` (`missing` when never
    sent), `reason`, `file_id`, and every `versions`. Without `identity` (a reviewing
    office: views.staff_view) a personal document's files are left out (`file_id`
    None), as its NIK, phone and name are."""
    versions: dict[str, list[Any]] = {}
    for doc in all_documents(uow, case.id):
        versions.setdefault(doc.requirement, []).append(doc)
    out = []
    for item in permit.documents:
        sent = versions.get(item["code"], [])
        last = sent[-1] if sent else None
        shown = identity or not item.get("personal")
        out.append({
            "code": item["code"], "requirement": item["code"],
            "name": item["name_en"] if lang == "en" else item["name"], "name_en": item["name_en"],
            "required": item["required"], "types": item["types"],
            "state": last.state if last else "missing", "reason": last.reason if last else "",
            "personal": bool(item.get("personal")), "version": last.version if last else 0,
            "file_id": last.file_id if last and shown else None,
            "versions": [{"version": d.version, "state": d.state, "reason": d.reason,
                          "file_id": d.file_id if shown else None,
                          "uploaded_at": d.uploaded_at.isoformat()}
                         for d in sent]})
    return out


def review_rows(uow: CaseWork, case: CaseRow, cal: Calendar, today: date,
                tz: str) -> list[dict[str, Any]]:
    """Each reviewing office's review: office code and name, state, comment, due, and
    its own deadline progress."""
    out = []
    for row in reviews(uow, case.id):
        office = uow.offices.by_id(row.office_id)
        progress = review_progress(row.started_at, row.due, row.decided_at, today, cal, tz)
        out.append({"office": office.code if office else "", "office_name":
                    office.name if office else "", "state": row.state, "comment": row.comment,
                    "due": row.due.isoformat(),
                    "decided_at": row.decided_at.isoformat() if row.decided_at else None,
                    "progress": progress})
        out[-1].update(warning=progress["warning"], overdue=progress["overdue"])
    return out


def inspection_part(uow: CaseWork, case: CaseRow, permit: SswPermitType,
                    lang: str) -> dict[str, Any] | None:
    """The checklist with the answers, the result and notes (None: no inspection)."""
    if not permit.inspection:
        return None
    row = inspection(uow, case.id)
    answers = row.answers if row else {}
    return {"checklist": [{"code": i["code"], "text": i["text_en"] if lang == "en"
                           else i["text"], **answers.get(i["code"], {})}
                          for i in permit.checklist],
            "answers": answers, "planned_for": row.planned_for.isoformat()
            if row and row.planned_for else None,
            "result": row.result if row else None, "notes": row.notes if row else "",
            "done_at": row.done_at.isoformat() if row and row.done_at else None}


def staff_actions(uow: CaseWork, principal: Principal, case: CaseRow,
                  held: set[int]) -> dict[str, Any]:
    """What the caller may do now: `actions` (issue, reject, revoke, revise),
    `check_documents`, `review_offices` (codes of the pending reviews of their
    offices), `inspect`."""
    roles = actor_on(uow, principal, case, acting=False).roles
    pending = [r for r in reviews(uow, case.id) if r.state == "pending" and r.office_id in held]
    codes = []
    for row in pending if case.state == "review" else []:
        office = uow.offices.by_id(row.office_id)
        codes.append(office.code if office else "")
    allowed = [t.action for t in WORKFLOW.actions_from(case.state, roles)]
    return {"actions": [{"decline": "reject"}.get(a, a) for a in allowed
                        if a in ("issue", "reject", "decline", "revoke", "revise")],
            "check_documents": bool(roles & {"desk", "admin"})
            and case.state in ("submitted", "revision"),
            "review_offices": codes,
            "inspect": "inspector" in roles and case.state == "inspection"}
