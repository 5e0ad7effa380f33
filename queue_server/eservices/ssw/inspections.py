"""The field inspection, where the permit needs one (catalogue `inspection`): the
inspector (office role `inspector` at the intake office) answers the permit's checklist
item by item and records pass or fail; a pass goes to the head's decision, a fail back
to the desk, which rejects the application or sends it back for revision (DIGIT's
document verifier → field inspector flow, ESERVICES.md)."""

from __future__ import annotations

from typing import Any

from queue_server.services.auth import Principal
from queue_server.services.cases import note
from queue_server.services.port_cases import CaseWork
from queue_server.services.ports import Clock

from .errors import InspectionInvalid, InspectionItemFailed, ReasonRequired, named
from .flow import (
    actor_on,
    application,
    case_by_ref,
    move,
    permit_of,
    require_roles,
    require_state,
    system_actor,
)
from .models import SswInspection
from .store import add, inspection

RESULTS = ("pass", "fail")


def checked_answers(checklist: list[dict[str, Any]],
                    answers: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The answers, one per checklist item (`{ok: bool, note: str}`), tidied; an item
    missing or unknown is InspectionInvalid (422)."""
    codes = [item["code"] for item in checklist]
    if not isinstance(answers, dict):
        raise InspectionInvalid("answers is an object: item code → {ok, note}")
    missing = [c for c in codes if c not in answers]
    unknown = sorted(set(answers) - set(codes))
    if missing or unknown:
        raise InspectionInvalid(f"missing {', '.join(missing) or '-'}; "
                                f"unknown {', '.join(unknown) or '-'}")
    out = {}
    for code in codes:
        said = answers[code] if isinstance(answers[code], dict) else {}
        if not isinstance(said.get("ok"), bool):
            raise InspectionInvalid(f"{code}: ok must be true or false")
        out[code] = {"ok": said["ok"], "note": str(said.get("note") or "")[:500]}
    return out


def record_inspection(uow: CaseWork, clock: Clock, principal: Principal, ref: str,
                      answers: dict[str, dict[str, Any]], result: str, notes: str) -> None:
    """The inspector records the checklist `answers` and the `result` (pass or fail; a
    fail needs `notes`: ReasonRequired 422; bad answers or result: InspectionInvalid
    422; every checklist item answered; a pass with an item not in order:
    InspectionItemFailed 422 naming it). Only the intake office's inspectors
    (SswForbidden 403), while the case is at the inspection (WrongStep 409).
    Pass → `to_approval`; fail → `object` (the desk decides). Commits."""
    if result not in RESULTS:
        raise InspectionInvalid("result is pass or fail")
    notes = (notes or "").strip()
    if result == "fail" and not notes:
        raise ReasonRequired()
    with uow:
        case = case_by_ref(uow, ref)
        actor = actor_on(uow, principal, case)
        require_roles(actor, {"inspector"}, "mencatat peninjauan lapangan",
                      "record the field inspection of")
        require_state(case, {"inspection"}, "mencatat peninjauan", "recording the inspection")
        permit = permit_of(uow, application(uow, case))
        row = inspection(uow, case.id) or add(uow, SswInspection(case_id=case.id, answers={}))
        row.answers = checked_answers(permit.checklist, answers)
        failed = [code for code, said in row.answers.items() if not said["ok"]]
        if result == "pass" and failed:
            raise InspectionItemFailed(failed, named(permit.checklist, failed, "text"))
        row.result, row.notes, row.inspector_id = result, notes[:2000], principal.id
        row.done_at = clock.now()
        note(uow, clock, case, actor, f"inspection_{result}", notes)
        move(uow, clock, case, "to_approval" if result == "pass" else "object",
             system_actor(actor), notes)
        uow.commit()
