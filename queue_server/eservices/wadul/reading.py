"""Reading a complaint: the whole of it for the holder of its tracking code (their own
identity masked: a code shared by mistake leaks no NIK nor phone), for staff what their
roles on it allow (the reporter only for the desk, the admin, and the office when the
complaint is neither anonymous nor confidential), and the few public fields a public
list shows. Staff and the public know a complaint by its public reference `ref`
(`WADUL-123`); the tracking code appears only in its holder's own view (refs.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from queue_server.domain.privacy import mask_digits, mask_name
from queue_server.services.auth import Principal
from queue_server.services.cases import public_ref, roles_for, timeline
from queue_server.services.port_cases import CaseRow, CaseWork

from . import DESK_OFFICE, WORKFLOW
from .citizen import spent_actions
from .domain import WadulForbidden, WrongOffice, identity_visible
from .editing import may_edit
from .models import WadulCategory, WadulReport
from .public import merged_into
from .refs import locate
from .store import WadulStore


def _iso(moment: datetime | None, tz: str) -> str | None:
    return None if moment is None else moment.astimezone(ZoneInfo(tz)).isoformat(
        timespec="seconds")


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def desk_id(uow: CaseWork) -> int | None:
    """The id of the intake office (the Media Center), None when it is not configured."""
    desk = uow.offices.by_code(DESK_OFFICE)
    return desk.id if desk else None


def staff_roles(uow: CaseWork, principal: Principal, case: CaseRow) -> frozenset[str]:
    """The workflow roles `principal` holds on `case`. Raises WrongOffice (403) for a
    member of other offices only, WadulForbidden (403) for staff with no e-Wadul role."""
    roles = roles_for(uow, principal, case, desk_id(uow))
    if roles:
        return roles
    if uow.offices.roles_of(principal.id):
        raise WrongOffice()
    raise WadulForbidden("membaca pengaduan", "read complaints")


def category_of(store: WadulStore, report: WadulReport,
                cache: dict[int, WadulCategory] | None = None) -> WadulCategory:
    """The complaint's category row (through `cache` when given, by id)."""
    if cache is not None and report.category_id in cache:
        return cache[report.category_id]
    row = store.category_by_id(report.category_id)
    assert row is not None  # a foreign key
    if cache is not None:
        cache[report.category_id] = row
    return row


def _office(uow: CaseWork, office_id: int | None) -> dict[str, str] | None:
    office = uow.offices.by_id(office_id) if office_id is not None else None
    return None if office is None else {"code": office.code, "name": office.name,
                                        "name_en": office.name_en or office.name}


def summary(uow: CaseWork, case: CaseRow, report: WadulReport, category: WadulCategory,
            tz: str, today: date) -> dict[str, Any]:
    """A complaint's fields without the reporter, the timeline or the actions: the row of
    a staff list (`overdue`: its state deadline passed on `today`, the city's date), by
    its public reference `ref`, never its tracking code; `duplicate_of` and `merged_into`
    are the public reference of the complaint it was merged into (None: not merged)."""
    state = WORKFLOW.state(case.state)
    parent = merged_into(uow, report)
    return {
        "ref": public_ref(case), "state": case.state,
        "state_label": state.label_id,
        "state_label_en": state.label_en, "open": state.kind == "open",
        "category": {"code": category.code, "name": category.name,
                     "name_en": category.name_en},
        "office": _office(uow, case.office_id), "description": report.description,
        "kelurahan": report.kelurahan, "address": report.address, "lat": report.lat,
        "lon": report.lon, "anonymous": report.anonymous,
        "confidential": report.confidential, "channel": report.channel,
        "confirmed": case.confirmed, "opened_at": _iso(case.opened_at, tz),
        "state_due": _day(case.state_due), "due": _day(case.due),
        "overdue": bool(case.closed_at is None and case.state_due and case.state_due < today),
        "escalated": case.escalated_at is not None, "closed_at": _iso(case.closed_at, tz),
        "rating": report.rating, "duplicate_of": parent, "merged_into": parent}


def full(uow: CaseWork, case: CaseRow, roles: frozenset[str], owner: bool, tz: str,
         today: date) -> dict[str, Any]:
    """The complaint as a caller holding `roles` (or the tracking code: `owner`) reads it:
    the summary (with `code` for the owner alone), the reporter when identity_visible
    allows (else null; masked for the owner, privacy.mask_digits / mask_name), the photo
    ids, the actions open to the caller now, and the timeline (staff names hidden from the
    owner)."""
    store = WadulStore(uow)
    report = store.report(case.id)
    assert report is not None
    body = summary(uow, case, report, category_of(store, report), tz, today)
    if owner:
        body = {"code": case.code, **body}
    seen = identity_visible(roles, owner, report.anonymous, report.confidential)
    body["reporter"] = None if not seen else (
        {"name": mask_name(case.name), "phone": mask_digits(case.phone),
         "nik": mask_digits(case.nik)} if owner
        else {"name": case.name, "phone": case.phone, "nik": case.nik})
    body["entered_by"] = report.entered_by if roles & {"desk", "admin"} else None
    body["editable"] = may_edit(roles)  # the desk's `edit` (editing.py)
    body["photos"] = [f.id for f in uow.cases.files(case.id) if f.kind == "photo"]
    body["actions"] = [{"action": t.action, "label": t.label_id, "label_en": t.label_en,
                        "comment": t.comment, "office": t.office}
                       for t in WORKFLOW.actions_from(case.state, roles)
                       if t.action not in spent_actions(report.rating)]
    body["timeline"] = timeline(uow, WORKFLOW, case, tz, public_only=owner)
    return body


def read_report(uow: CaseWork, tz: str, today: date, key: str,
                principal: Principal | None) -> dict[str, Any]:
    """The complaint `key` names as `principal` reads it. None (no credential) is the
    holder of the tracking code, who sees all of their own (identity masked); a public
    reference opens nothing for them (RefNeedsStaff 403). A staff caller names it by
    reference or code (refs.locate) and is judged by their roles only, never as the
    holder. Raises CaseNotFound/RefNotFound (404), WrongOffice or WadulForbidden (403)."""
    with uow:
        if principal is None:
            case = locate(uow, key, staff=False)
            return full(uow, case, frozenset({"citizen"}), True, tz, today)
        if principal.kind != "staff":
            raise WadulForbidden("membaca pengaduan", "read complaints")
        case = locate(uow, key, staff=True)
        return full(uow, case, staff_roles(uow, principal, case), False, tz, today)


def public_row(uow: CaseWork, case: CaseRow, report: WadulReport, category: WadulCategory,
               tz: str) -> dict[str, Any]:
    """A complaint in a public list: its public reference `ref` (never the tracking
    code), category, kelurahan, state and dates, the office, `merged_into` (a reference):
    never the reporter nor the description (callers list public ones only)."""
    state = WORKFLOW.state(case.state)
    office = _office(uow, case.office_id)
    return {"ref": public_ref(case), "merged_into": merged_into(uow, report),
            "category": category.code, "category_name": category.name,
            "category_name_en": category.name_en, "kelurahan": report.kelurahan,
            "state": case.state, "state_label": state.label_id,
            "state_label_en": state.label_en, "open": state.kind == "open",
            "opened_at": _iso(case.opened_at, tz), "updated_at": _iso(case.state_since, tz),
            "closed_at": _iso(case.closed_at, tz),
            "office": office["name"] if office else None,
            "office_en": office["name_en"] if office else None}
