"""The Media Center corrects a complaint after filing (staff action `edit`): the two
privacy flags (anonim, rahasia) a citizen set wrongly, and the description, redacted of
names or numbers that should not be published. SP4N-LAPOR! has the verifier check the
flags and the text before a report is published (Permenpan-RB 62/2018); a correction may
still come later, so it is allowed in every state.

The case does not move. The timeline records that it was edited, by whom and which
fields, never the old text: once redacted, the old description is in no view at all."""

from __future__ import annotations

from dataclasses import dataclass

from queue_server.domain.errors import InvalidInput
from queue_server.domain.workflow import ActionForbidden
from queue_server.services.cases import Actor, note
from queue_server.services.port_cases import CaseRow, CaseWork
from queue_server.services.ports import Clock

from .domain import check_description
from .models import WadulReport

EDIT = "edit"
# Who may edit: the intake desk (the Media Center verifies complaints) and the admin.
EDITORS = frozenset({"desk", "admin"})


class NothingToEdit(InvalidInput):
    code = "nothing_to_edit"
    text_id = ("Untuk mengubah pengaduan, isi anonymous, confidential, atau description "
               "(uraian baru).")
    text_en = "To edit a complaint, give anonymous, confidential or description (the new text)."


@dataclass(frozen=True)
class EditIn:
    """The corrections asked: a flag left None is kept; `description` None is kept."""

    anonymous: bool | None = None
    confidential: bool | None = None
    description: str | None = None


def may_edit(roles: frozenset[str]) -> bool:
    """Whether a caller holding `roles` on a complaint may correct it (EDITORS)."""
    return bool(roles & EDITORS)


def changes(report: WadulReport, asked: EditIn) -> dict[str, object]:
    """The fields `asked` changes on `report` (field → new value; the description
    checked: DescriptionLength 422). Raises NothingToEdit (422) when nothing is given."""
    if asked.anonymous is None and asked.confidential is None and asked.description is None:
        raise NothingToEdit()
    wanted: dict[str, object] = {"anonymous": asked.anonymous,
                                 "confidential": asked.confidential}
    if asked.description is not None:
        wanted["description"] = check_description(asked.description)
    return {name: value for name, value in wanted.items()
            if value is not None and getattr(report, name) != value}


def edit_report(uow: CaseWork, clock: Clock, case: CaseRow, report: WadulReport,
                asked: EditIn, actor: Actor, comment: str = "") -> list[str]:
    """Apply `asked` to the complaint as `actor` (desk or admin, else ActionForbidden
    403), then a non-public timeline line `edit` naming the changed fields (data
    `changed`; the old values are not kept) with the staff's `comment`. A correction that
    changes nothing writes nothing. Returns the changed field names (not committed)."""
    if not may_edit(actor.roles):
        raise ActionForbidden(EDIT)
    changed = changes(report, asked)
    if not changed:
        return []
    case = uow.cases.lock(case)
    for name, value in changed.items():
        setattr(report, name, value)
    case.version += 1
    note(uow, clock, case, actor, EDIT, comment=(comment or "").strip(), public=False,
         data={"changed": sorted(changed)})
    return sorted(changed)
