"""Work packages as the API and pages show them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from queue_server.services.auth import Principal

from ..budgeting.access import office_id_of, require, who_is
from .errors import PackageNotFound
from .models import ProjectPackage


def package_view(uow: Any, package: ProjectPackage) -> dict[str, Any]:
    """One package: code, ocid, line id, office code, kecamatan code, title, value,
    category, method (and the suggested one), schedule, payment plan, planned progress,
    state."""
    office = uow.offices.by_id(package.office_id)
    kecamatan = uow.offices.by_id(package.kecamatan_office_id) \
        if package.kecamatan_office_id else None
    return {"code": package.code, "ocid": package.ocid, "line": package.budget_line_id,
            "office": office.code, "kecamatan": kecamatan.code if kecamatan else None,
            "title": package.title, "value": package.value, "category": package.category,
            "method": package.method, "method_suggested": package.method_suggested,
            "starts": package.starts.isoformat(), "ends": package.ends.isoformat(),
            "payment_plan": package.payment_plan, "plan": package.plan,
            "state": package.state, "multi_year": bool(package.multi_year),
            "multi_year_reason": package.multi_year_reason or ""}


def listed(uow: Any, who: Principal, office: str = "", line: int | None = None,
           state: str = "") -> list[dict[str, Any]]:
    """The packages the caller reads (its offices'; the agency and admin: all), by
    office code, line and state; another office's is 403."""
    with uow:
        caller = who_is(uow, who)
        q = select(ProjectPackage).order_by(ProjectPackage.id)
        if office:
            office_id = office_id_of(uow, office)
            require(caller.reads(office_id), "membaca paket kantor lain",
                    "read another office's packages")
            q = q.where(ProjectPackage.office_id == office_id)
        elif not (caller.agency or caller.admin):
            q = q.where(ProjectPackage.office_id.in_(list(caller.offices) or [0]))
        if line is not None:
            q = q.where(ProjectPackage.budget_line_id == line)
        if state:
            q = q.where(ProjectPackage.state == state)
        return [package_view(uow, p) for p in uow.session.scalars(q)]


def one(uow: Any, who: Principal, code: str) -> dict[str, Any]:
    """One package; 404 when there is none, 403 for another office's."""
    with uow:
        package = uow.session.scalar(select(ProjectPackage).where(ProjectPackage.code == code))
        if package is None:
            raise PackageNotFound(code)
        require(who_is(uow, who).reads(package.office_id), "membaca paket kantor lain",
                "read another office's packages")
        return package_view(uow, package)
