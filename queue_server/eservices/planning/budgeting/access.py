"""Who may do what in the planning chain's budgeting and project parts: an office's
people act on their office's rows only; the planning agency (bappedalitbang) approves
lines, sets ceilings and loads standard costs; the admin reads everything and may act."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from queue_server.services.auth import ADMIN, Principal

from .errors import BudgetForbidden, OfficeUnknown

AGENCY = "bappedalitbang"
LINE_ROLES = frozenset({"staff", "head"})  # make budget lines for their office
PACKAGE_ROLES = frozenset({"staff", "head", "ppk"})  # split lines into packages


@dataclass(frozen=True)
class Who:
    """A staff caller with the office roles held: office id → roles."""

    principal: Principal
    admin: bool
    agency: bool
    offices: dict[int, set[str]] = field(default_factory=dict)

    def acts_for(self, office_id: int, roles: Iterable[str]) -> bool:
        """Whether the caller holds one of `roles` in the office (the admin: always)."""
        return self.admin or bool(self.offices.get(office_id, set()) & set(roles))

    def reads(self, office_id: int) -> bool:
        """The agency and the admin read every office's rows; others their own."""
        return self.admin or self.agency or office_id in self.offices


def who_is(uow: Any, principal: Principal) -> Who:
    """The caller's standing; `BudgetForbidden` (403) for a caller who is not staff."""
    if principal.kind != "staff":
        raise BudgetForbidden("membuka anggaran", "open the budget")
    roles = uow.offices.roles_of(principal.id)
    agency = uow.offices.by_code(AGENCY)
    return Who(principal, principal.role == ADMIN,
               agency is not None and agency.id in roles, roles)


def require(allowed: bool, what_id: str, what_en: str) -> None:
    """Raise `BudgetForbidden` (403) saying what was refused unless `allowed`."""
    if not allowed:
        raise BudgetForbidden(what_id, what_en)


def office_id_of(uow: Any, code: str) -> int:
    """The id of the office `code`; `OfficeUnknown` (422) if there is none."""
    office = uow.offices.by_code(code)
    if office is None:
        raise OfficeUnknown(code)
    return int(office.id)
