"""Who may open which admin page: the signed-in staff member from the session cookie,
and the facility a page is about (the API checks every call again)."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.lookups import FacilityNotFound
from ..runtime import current
from ..services import auth as auth_service
from ..staff_session import signed_in

__all__ = ["Opened", "open_facility", "open_list", "own_facility_code", "signed_in"]


@dataclass(frozen=True)
class Opened:
    """A page an administrator may see: who (`user`, `role`) and, on a facility's page,
    its `code` and `name` (None on the list of facilities)."""

    user: str
    role: str
    facility: str | None = None
    facility_name: str | None = None


def own_facility_code(who: auth_service.Principal) -> str | None:
    """The code of the facility a facility admin runs (None for anyone bound to none)."""
    if who.facility_id is None:
        return None
    with current().uow(write=False) as uow:
        facility = uow.directory.find_facility(who.facility_id)
        return facility.code if facility is not None else None


def open_list(who: auth_service.Principal) -> Opened:
    """The list of facilities: the deployment's admin only (AdminOnly, 403, else)."""
    who.require_admin()
    return Opened(who.name, who.role)


def open_facility(who: auth_service.Principal, code: str) -> Opened:
    """A facility's page: the admin, or that facility's facility admin. Raises AdminOnly
    or WrongFacility (403) for anyone else, whether or not the facility exists (nothing
    is told about another facility), and FacilityNotFound (404) to the admin alone."""
    with current().uow(write=False) as uow:
        facility = uow.directory.facility(code)
        if facility is None:
            who.require_admin_of(-1)  # no facility has that id: only the admin passes
            raise FacilityNotFound(code)
        who.require_admin_of(facility.id)
        return Opened(who.name, who.role, facility.code, facility.name)
