"""The shared public page of a case, `/c/{code}`: what whoever holds the tracking code
sees of any module's case, found through the module's CaseKind (services/case_kinds.py,
registered under the "case_kinds" hook; the core never imports a module).

No personal data is ever part of it (NIK, phone, name stay in the case row). A case its
module does not show in public (`public_view` answers None: a confidential complaint) or
one still waiting for its phone code shows only its code, state and timeline, without
content or comments. The holder of the code is the case's owner: they take the
citizen's actions and, once it is closed, answer the satisfaction survey.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from ..domain.dates import long_date
from . import case_checks, case_files, surveys
from .case_kinds import CaseKind, kind_of
from .cases import CaseNotFound, find, timeline
from .port_cases import CaseRow, FileStore
from .ports import Clock, JsonObject
from .surveys import SurveyWork
from .views import iso


def _kind(uow: SurveyWork, kinds: Sequence[CaseKind], code: str) -> tuple[CaseRow, CaseKind]:
    """The case of `code` and its module's kind. CaseNotFound also when its module is
    switched off (no kind registered): nobody can act on it then."""
    case = find(uow, code)
    kind = kind_of(kinds, case.module, case.kind)
    if kind is None:
        raise CaseNotFound(code)
    return case, kind


def _said(moment: datetime | date | None, tz: str, lang: str) -> str | None:
    """A date (or a moment, in the city's zone, with its time) in words."""
    if moment is None:
        return None
    if isinstance(moment, datetime):
        local = moment.astimezone(ZoneInfo(tz))
        return f"{long_date(local.date(), lang)} {local:%H:%M}"
    return long_date(moment, lang)


def _actions(kind: CaseKind, case: CaseRow, spent: Sequence[str]) -> list[JsonObject]:
    """The citizen's actions from the case's state, less those the module says are
    `spent` (a rating given): confirmed cases only."""
    if not case.confirmed:
        return []
    return [{"action": t.action, "label_id": t.label_id, "label_en": t.label_en,
             "comment": t.comment, "rating": t.action == "rate"}
            for t in kind.workflow.actions_from(case.state, {"citizen"})
            if t.action not in spent]


def _owner_facts(uow: SurveyWork, kind: CaseKind, case: CaseRow) -> dict[str, Any]:
    """The module's facts for the owner (CaseKind.owner_facts): `rating`, `spent`."""
    facts = kind.owner_facts(uow, case) if kind.owner_facts and case.confirmed else {}
    return {"rating": facts.get("rating"), "spent": list(facts.get("spent", ()))}


def _office(uow: SurveyWork, case: CaseRow, view: dict[str, Any]) -> str | None:
    if view.get("office"):
        return str(view["office"])
    office = uow.offices.by_id(case.office_id) if case.office_id is not None else None
    return office.name if office else None


def public_case(uow: SurveyWork, kinds: Sequence[CaseKind], code: str, tz: str,
                lang: str = "id") -> JsonObject:
    """Everything `/c/{code}` shows, in `lang` where words are ours: the kind's title,
    `code`, `state` (name, labels, kind) and `since` (words), `confirmed`, `public`
    (False: content hidden), the module's `view` (title, summary, fields, photos) and
    `office`, `due`/`state_due` (words), the public `timeline` (comments dropped when
    hidden), the citizen's `actions` (less the module's spent ones) and where they post
    (`actions_path`), the `rating` given (or None), and `survey` ("open", "given", or
    None while the case is open). Raises CaseNotFound (404)."""
    with uow:
        case, kind = _kind(uow, kinds, code)
        state = kind.workflow.state(case.state)
        view = kind.public_view(uow, case) if case.confirmed else None
        lines = timeline(uow, kind.workflow, case, tz, public_only=True)
        if view is None:
            lines = [{**line, "comment": ""} for line in lines]
        closed = state.kind == "closed" and case.closed_at is not None
        facts = _owner_facts(uow, kind, case)
        return {
            "title_id": kind.title_id, "title_en": kind.title_en, "code": case.code,
            "state": {"name": state.name, "label_id": state.label_id,
                      "label_en": state.label_en, "kind": state.kind},
            "since": _said(case.state_since, tz, lang), "confirmed": case.confirmed,
            "public": view is not None, "view": view or {},
            "office": _office(uow, case, view) if view is not None else None,
            "due": _said(case.due, tz, lang) if view is not None and not closed else None,
            "state_due": (_said(case.state_due, tz, lang)
                          if view is not None and not closed else None),
            "timeline": lines, "actions": _actions(kind, case, facts["spent"]),
            "rating": facts["rating"],
            "actions_path": kind.actions_path.format(code=case.code),
            "survey": surveys.offer(uow, "case", case.code) if closed else None}


def public_file(uow: SurveyWork, kinds: Sequence[CaseKind], code: str, file_id: int,
                store: FileStore) -> tuple[str, bytes] | None:
    """The type and bytes of the file `file_id` of the case `code` (kept by `store`,
    services.case_files) when the case's public view lists it (a photo shown on the
    page), else None. Raises CaseNotFound (404), FileMissing (404: not on disk)."""
    with uow:
        case, kind = _kind(uow, kinds, code)
        view = kind.public_view(uow, case) if case.confirmed else None
        if view is None or file_id not in view.get("photos", []):
            return None
        row = uow.cases.file(case.id, file_id)
        return None if row is None else (row.content_type, case_files.read(store, row))


def resend(uow: SurveyWork, clock: Clock, kinds: Sequence[CaseKind], code: str,
           tz: str) -> JsonObject:
    """Send the unconfirmed case `code` a new phone code (committed): `{code,
    code_expires}` (ISO, the city's offset). Raises CaseNotFound (404) and the errors of
    services.case_checks.resend (409 `no_code_pending`, `case_code_expired`,
    `too_many_attempts`, `resend_too_soon`, `too_many_codes`)."""
    with uow:
        case, kind = _kind(uow, kinds, code)
        expires = case_checks.resend(uow, clock, case, case_checks.CODE_LASTS,
                                     kind.title_id or case.module, tz)
        uow.commit()
        return {"code": case.code, "code_expires": iso(expires, tz)}


def confirm(uow: SurveyWork, clock: Clock, code: str, otp: str) -> JsonObject:
    """Confirm the case `code` with the one-time code its phone received (committed).
    Raises CaseNotFound (404) and the errors of services.case_checks.confirm (422
    `invalid_otp`, `wrong_otp`; 409 `no_code_pending`, `case_code_expired`,
    `too_many_attempts`)."""
    with uow:
        case = find(uow, code)
        case_checks.confirm(uow, clock, case, otp)
        uow.commit()
        return {"code": case.code, "confirmed": True}
