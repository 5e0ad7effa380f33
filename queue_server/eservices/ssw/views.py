"""What SSW's staff read: one application as its desk, reviewers, inspector and head
see it (`staff_view`), and the work lists (`lists`). Who may read: the admin and every
member of the intake office (dpmptsp); a reviewing office's members the applications
it reviews. Lists carry no personal data (the applicant's kind and business name
only)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from queue_server.persistence.case_models import Case
from queue_server.services.auth import ADMIN, Principal
from queue_server.services.cases import public_ref, timeline
from queue_server.services.closures import calendar as city_calendar
from queue_server.services.port_cases import CaseRow, CaseWork

from . import MODULE
from .deadlines import progress
from .errors import ListUnknown, SswForbidden
from .flow import (
    WORKFLOW,
    actor_on,
    application,
    case_by_ref,
    city_tz,
    desk_id,
    permit_of,
    today,
)
from .models import SswApplication, SswPermitType, SswReview
from .store import all_documents, session_of
from .views_parts import applicant, document_rows, inspection_part, review_rows, staff_actions

LISTS = {"desk": {"submitted", "revision", "desk_review"}, "review": {"review"},
         "inspection": {"inspection"}, "approval": {"approval"}, "all": None,
         # every open application, for the desk to watch its deadline while it is with
         # the reviewing offices or the inspector (progress: warning, overdue)
         "monitor": {"submitted", "revision", "desk_review", "review", "inspection",
                     "approval"}}


def scope(uow: CaseWork, principal: Principal) -> tuple[bool, set[int]]:
    """What the staff `principal` may read: (every SSW application: admin or a member
    of the intake office, the offices whose reviews they see). SswForbidden (403) for
    a caller who is neither."""
    if principal.kind != "staff":
        raise SswForbidden("membaca", "read")
    held = set(uow.offices.roles_of(principal.id))
    desk = desk_id(uow)
    whole = principal.role == ADMIN or (desk is not None and desk in held)
    if not whole and not held:
        raise SswForbidden("membaca", "read")
    return whole, held


def _readable(uow: CaseWork, principal: Principal, case: CaseRow) -> tuple[bool, set[int]]:
    whole, held = scope(uow, principal)
    if not whole:
        offices = {r.office_id for r in session_of(uow).scalars(
            select(SswReview).where(SswReview.case_id == case.id))}
        if not offices & held:
            raise SswForbidden("membaca", "read")
    return whole, held


def staff_view(uow: CaseWork, principal: Principal, ref: str, tz: str,
               lang: str) -> dict[str, Any]:
    """Everything a staff page of the application `ref` shows: `ref`, `state` with its
    label, `permit`, the applicant (identity only for the intake office and the admin),
    `documents` (each requirement's latest state and its versions), `reviews` (each
    with its own deadline progress), `inspection`, `progress`, `timeline`, the issued
    permit (`permit_number`, `document_code`, `valid_until`), `reasons`, and what the
    caller may do (`actions`). RefNotFound 404, SswForbidden 403."""
    with uow:
        case = case_by_ref(uow, ref)
        whole, held = _readable(uow, principal, case)
        session = session_of(uow)
        row = session.scalar(select(SswApplication).where(SswApplication.case_id == case.id))
        permit = session.get(SswPermitType, row.permit_type_id)
        cal, day = city_calendar(uow), today(tz)
        state = WORKFLOW.state(case.state)
        return {
            "ref": public_ref(case), "state": case.state,
            "state_label": state.label_en if lang == "en" else state.label_id,
            "state_label_en": state.label_en,
            "permit": {"code": permit.code, "name": permit.name, "name_en": permit.name_en,
                       "fee": permit.fee, "days": permit.days,
                       "inspection": permit.inspection, "checklist": permit.checklist},
            "applicant": applicant(case, row, whole), "opened_at": case.opened_at.isoformat(),
            "due": case.due.isoformat() if case.due else None,
            "documents": document_rows(uow, case, permit, lang, whole),
            "reviews": review_rows(uow, case, cal, day, tz),
            "inspection": inspection_part(uow, case, permit, lang),
            "progress": progress(case, permit, day, cal, tz),
            "timeline": timeline(uow, WORKFLOW, case, tz, public_only=False),
            "permit_number": row.permit_number, "document_code": row.document_code,
            "valid_until": row.valid_until.isoformat() if row.valid_until else None,
            "reasons": row.reasons, "confirmed": case.confirmed,
            "actions": staff_actions(uow, principal, case, held),
            "roles": sorted(actor_on(uow, principal, case, acting=False).roles)}


def lists(uow: CaseWork, principal: Principal, which: str) -> list[dict[str, Any]]:
    """A work list, newest first (at most 500): `desk` (at the document check, waiting
    for corrections, objected), `review` (in review; a reviewing office's staff: those
    their office has still to decide), `inspection`, `approval`, `monitor` (every open
    one, with its deadline state), `all`. Rows: `ref`,
    `permit`, `permit_name`, `applicant_kind`, `business_name`, `state`, `state_label`,
    `due`, `progress`. ListUnknown 422, SswForbidden 403."""
    if which not in LISTS:
        raise ListUnknown(which)
    tz = city_tz()
    with uow:
        whole, held = scope(uow, principal)
        session = session_of(uow)
        query = (select(Case, SswApplication, SswPermitType)
                 .join(SswApplication, SswApplication.case_id == Case.id)
                 .join(SswPermitType, SswPermitType.id == SswApplication.permit_type_id)
                 .where(Case.module == MODULE, Case.confirmed.is_(True))
                 .order_by(Case.id.desc()).limit(500))
        states = LISTS[which]
        if states is not None:
            query = query.where(Case.state.in_(states))
        if not whole:
            mine = select(SswReview.case_id).where(SswReview.office_id.in_(held))
            if which == "review":
                mine = mine.where(SswReview.state == "pending")
            query = query.where(Case.id.in_(mine))
        cal, day = city_calendar(uow), today(tz)
        rows = [_row(case, row, permit, cal, day, tz)
                for case, row, permit in session.execute(query).all()]
        if which == "review":
            _review_columns(uow, rows, None if principal.role == ADMIN else held)
        return rows


def _review_columns(uow: CaseWork, rows: list[dict[str, Any]], held: set[int] | None) -> None:
    """On the review list: the office, its name and the due date of the pending review
    each row is there for (the caller's office's; the admin: the first pending)."""
    for item in rows:
        case_id = int(item["ref"].split("-")[1])
        pending = [r for r in session_of(uow).scalars(select(SswReview).where(
            SswReview.case_id == case_id, SswReview.state == "pending"))
            if held is None or r.office_id in held]
        office = uow.offices.by_id(pending[0].office_id) if pending else None
        item.update({"office": office.code if office else None,
                     "office_name": office.name if office else None,
                     "review_due": pending[0].due.isoformat() if pending else None})


def _row(case: Any, row: SswApplication, permit: SswPermitType, cal: Any, today: Any,
         tz: str) -> dict[str, Any]:
    state = WORKFLOW.state(case.state)
    return {"ref": public_ref(case), "permit": permit.code, "permit_name": permit.name,
            "applicant_kind": row.applicant_kind, "business_name": row.business_name,
            "state": case.state, "state_label": state.label_id,
            "state_label_en": state.label_en,
            "due": case.due.isoformat() if case.due else None,
            "opened_at": case.opened_at.isoformat(),
            "applicant": row.business_name or ("Perorangan" if row.applicant_kind == "person"
                                               else "Badan usaha"),
            "progress": progress(case, permit, today, cal, tz)}


def require_whole(uow: CaseWork, principal: Principal) -> None:
    """SswForbidden (403) unless the staff `principal` sees every application (the
    admin, a member of the intake office): who reads SSW's reports."""
    with uow:
        whole, _held = scope(uow, principal)
    if not whole:
        raise SswForbidden("membaca laporan", "read the reports of")


def require_file(uow: CaseWork, principal: Principal, ref: str, file_id: int) -> None:
    """SswForbidden (403) when `file_id` is a version of a personal document (catalogue
    `personal`: the applicant's KTP) of the application `ref` and the caller does not
    see the applicant's identity (a reviewing office's staff): the desk, its head and
    inspector and the admin open it. RefNotFound 404 as staff_view."""
    with uow:
        case = case_by_ref(uow, ref)
        whole, _held = _readable(uow, principal, case)
        permit = permit_of(uow, application(uow, case))
        personal = {d["code"] for d in permit.documents if d.get("personal")}
        opened = next((d for d in all_documents(uow, case.id) if d.file_id == file_id), None)
    if not whole and opened is not None and opened.requirement in personal:
        raise SswForbidden("membuka dokumen identitas pemohon", "open the applicant's "
                           "identity document of")

