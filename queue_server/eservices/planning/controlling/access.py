"""Who may do what in e-Controlling: the provider's people (members of its office)
report their contracts' progress; the package's office's commitment officer (office
role `ppk`) decides; the office's people read their packages; the planning agency
(`bappedalitbang`), the admin and the city account read everything. Anyone else: 403."""

from __future__ import annotations

from typing import Any

from queue_server.domain.errors import Words
from queue_server.services.auth import ADMIN, CITY, Principal

from ..delivery.models import DeliveryContract
from ..project.models import ProjectPackage
from . import store
from .errors import ControllingForbidden

PLANNING_AGENCY = "bappedalitbang"
REPORT = Words("melaporkan progres kontrak ini", "report this contract's progress")
DECIDE = Words("memutuskan laporan progres paket ini", "decide on this package's progress")
READ = Words("melihat paket ini", "see this package")


def sees_all(uow: Any, who: Principal) -> bool:
    """Whether `who` reads every office's packages: the admin, the city account and the
    planning agency's people."""
    if who.kind != "staff":
        return False
    if who.role in (ADMIN, CITY):
        return True
    agency = uow.offices.by_code(PLANNING_AGENCY)
    return agency is not None and agency.id in uow.offices.roles_of(who.id)


def office_ids(uow: Any, who: Principal) -> list[int] | None:
    """The offices whose packages `who` reads (None: every office)."""
    if sees_all(uow, who):
        return None
    return sorted(uow.offices.roles_of(who.id)) if who.kind == "staff" else []


def is_provider(uow: Any, who: Principal, contract: DeliveryContract) -> bool:
    """Whether `who` is a member of the contract's provider's office."""
    firm = store.provider(uow, contract.provider_id)
    return (firm is not None and firm.office_id is not None and who.kind == "staff"
            and firm.office_id in uow.offices.roles_of(who.id))


def require_provider(uow: Any, who: Principal, contract: DeliveryContract) -> None:
    """ControllingForbidden (403) unless `who` acts for the contract's provider."""
    if not is_provider(uow, who, contract):
        raise ControllingForbidden(REPORT)


def require_ppk(uow: Any, who: Principal, package: ProjectPackage) -> None:
    """ControllingForbidden (403) unless `who` is the package's office's PPK."""
    if who.kind != "staff" or "ppk" not in uow.offices.roles_of(who.id).get(
            package.office_id, set()):
        raise ControllingForbidden(DECIDE)


def may_read(uow: Any, who: Principal, package: ProjectPackage,
             contract: DeliveryContract | None) -> bool:
    """Whether `who` reads the package's progress (and its photos before approval)."""
    if sees_all(uow, who):
        return True
    if who.kind == "staff" and package.office_id in uow.offices.roles_of(who.id):
        return True
    return contract is not None and is_provider(uow, who, contract)


def require_read(uow: Any, who: Principal, package: ProjectPackage,
                 contract: DeliveryContract | None) -> None:
    """ControllingForbidden (403) unless may_read."""
    if not may_read(uow, who, package, contract):
        raise ControllingForbidden(READ)
