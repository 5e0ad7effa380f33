"""Which complaint a caller names. Staff work from the public reference `WADUL-123`
(what lists, pages, Open311 and the escalation message show); the tracking code is the
filer's secret: whoever holds it acts as the citizen, so it is never shown to staff
except in the answer to the desk's own entry (the clerk tells the caller their code).
A staff caller may still give a code (a caller read it out on the phone)."""

from __future__ import annotations

from queue_server.domain.codes import is_public_ref, normalise_code
from queue_server.domain.errors import Forbidden
from queue_server.services.cases import CaseNotFound, find, find_by_ref
from queue_server.services.port_cases import CaseRow, CaseWork

from . import MODULE
from .domain import check_duplicate


class RefNeedsStaff(Forbidden):
    """A public reference where only the tracking code opens a complaint (no staff
    credentials): the reference is public, so it opens nothing but the public page."""

    code = "ref_needs_staff"
    text_id = ("{ref} adalah nomor laporan publik: tanpa login staf, buka /wadul/laporan/{ref}; "
               "pelapor memakai kode pelacakan dari tanda terimanya.")
    text_en = ("{ref} is a public reference: without a staff sign-in, open "
               "/wadul/laporan/{ref}; the filer uses the tracking code of their receipt.")

    def __init__(self, ref: str):
        super().__init__(ref=ref.strip().upper()[:60])


def locate(uow: CaseWork, key: str, staff: bool) -> CaseRow:
    """The complaint `key` names: for `staff`, a public reference (`WADUL-123`, any case)
    or a tracking code (any form normalise_code reads); for anyone else the tracking code
    only. Raises RefNotFound (404, not counted as a code probe), CaseNotFound (404) and
    RefNeedsStaff (403: a reference without staff credentials)."""
    if is_public_ref(key):
        if not staff:
            raise RefNeedsStaff(key)
        return find_by_ref(uow, key, MODULE)
    return find(uow, normalise_code(key), MODULE)


def _other(uow: CaseWork, given: str) -> CaseRow | None:
    try:
        return locate(uow, given, staff=True)
    except CaseNotFound:
        return None


def merge_target(uow: CaseWork, case: CaseRow, given: str | None) -> CaseRow:
    """The complaint `case` is merged into, named by `given` (its public reference, or
    its tracking code for the desk): another existing complaint, not merged itself
    (domain.check_duplicate). Raises DuplicateRequired (422: none given) and
    DuplicateInvalid (422), whose message repeats what was typed, never another
    complaint's code."""
    said = (given or "").strip()
    other = _other(uow, said) if said else None
    state = other.state if other is not None and other.id != case.id else None
    check_duplicate(case.code, said, state)
    assert other is not None  # check_duplicate refuses a missing one
    return other
