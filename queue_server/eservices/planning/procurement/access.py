"""Who acts in procurement and delivery, from the caller's office roles: the procurement
unit (UKPBJ, its pokja), a provider's people (members of the provider's own office, kind
`provider`), a package office's PPK (office role `ppk`) and its staff, the finance agency
(BPKAD); the admin reads everything. Each check raises ProcurementForbidden (403)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from queue_server.services.auth import ADMIN, Principal

from .errors import ProcurementForbidden, ProviderNotFound
from .models import ProcurementProvider

UNIT_OFFICE = "ukpbj"  # the procurement unit (Unit Kerja Pengadaan Barang/Jasa)
FINANCE_OFFICE = "bpkad"  # records payments (SP2D)
PPK = "ppk"  # commitment officer (Pejabat Pembuat Komitmen), an office role


def is_admin(who: Principal) -> bool:
    """The city's administrator (reads everything)."""
    return who.kind == "staff" and who.role == ADMIN


def roles(uow: Any, who: Principal) -> dict[int, set[str]]:
    """office id → the roles `who` holds there (none for a device)."""
    if who.kind != "staff":
        return {}
    key = ("office-roles", who.id)
    if key not in uow.memo:
        uow.memo[key] = uow.offices.roles_of(who.id)
    return dict(uow.memo[key])


def member_of_code(uow: Any, who: Principal, code: str) -> bool:
    """Whether `who` holds any role in the office of `code`."""
    office = uow.offices.by_code(code)
    return office is not None and office.id in roles(uow, who)


def require_unit(uow: Any, who: Principal, what: str, what_en: str) -> None:
    """The procurement unit's staff (or the admin) only."""
    if not (is_admin(who) or member_of_code(uow, who, UNIT_OFFICE)):
        raise ProcurementForbidden(what, what_en)


def require_finance(uow: Any, who: Principal, what: str, what_en: str) -> None:
    """BPKAD's staff (or the admin) only."""
    if not (is_admin(who) or member_of_code(uow, who, FINANCE_OFFICE)):
        raise ProcurementForbidden(what, what_en)


def require_ppk(uow: Any, who: Principal, office_id: int, what: str, what_en: str) -> None:
    """The PPK of office `office_id` (or the admin) only."""
    if not (is_admin(who) or PPK in roles(uow, who).get(office_id, set())):
        raise ProcurementForbidden(what, what_en)


def in_office(uow: Any, who: Principal, office_id: int) -> bool:
    """Whether `who` holds any role in office `office_id`."""
    return office_id in roles(uow, who)


def provider_of(uow: Any, who: Principal) -> ProcurementProvider | None:
    """The provider `who` acts for (member of its office), None for anyone else."""
    offices = list(roles(uow, who))
    if not offices:
        return None
    return uow.session.scalar(select(ProcurementProvider).where(  # type: ignore[no-any-return]
        ProcurementProvider.office_id.in_(offices)).order_by(ProcurementProvider.id).limit(1))


def require_provider(uow: Any, who: Principal, what: str, what_en: str) -> ProcurementProvider:
    """The provider `who` acts for; ProcurementForbidden when none."""
    found = provider_of(uow, who)
    if found is None:
        raise ProcurementForbidden(what, what_en)
    return found


def provider_by_code(uow: Any, code: str) -> ProcurementProvider:
    """The provider whose office has `code`, or whose id is `code` (digits);
    ProviderNotFound (404)."""
    office = uow.offices.by_code(code)
    found = None
    if office is not None:
        found = uow.session.scalar(select(ProcurementProvider).where(
            ProcurementProvider.office_id == office.id))
    elif code.isdigit() and len(code) < 10:
        found = uow.session.get(ProcurementProvider, int(code))
    if found is None:
        raise ProviderNotFound(code)
    return found  # type: ignore[no-any-return]
