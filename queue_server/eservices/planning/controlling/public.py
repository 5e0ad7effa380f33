"""A package's progress as pages and the API show it: the public view (`/pembangunan/
{code}`: the curve, approved months with their photos, the contract's value and the
termins paid; companies' names, never a person's) and the staff view (every report, its
state and the PPK's reason, for the package's readers: access.may_read)."""

from __future__ import annotations

from datetime import date
from typing import Any

from queue_server.services.auth import Principal

from . import access, store
from .curves import curve, track_of
from .errors import PackageNotFound
from .progress import view
from .rules import Thresholds, days_late, late_penalty

DEFAULTS = Thresholds()  # the configured ones come from the routes


def _common(uow: Any, code: str, today: date, limits: Thresholds
            ) -> tuple[Any, Any, dict[str, Any]]:
    package = store.package_by_code(uow, code)
    contract = store.contract_of(uow, package.id) if package is not None else None
    if package is None:
        raise PackageNotFound(code)
    office = uow.offices.by_id(package.office_id)
    kecamatan = (uow.offices.by_id(package.kecamatan_office_id)
                 if package.kecamatan_office_id else None)
    body: dict[str, Any] = {
        "code": package.code, "title": package.title, "value": package.value,
        "state": package.state, "starts": package.starts.isoformat(),
        "ends": package.ends.isoformat(), "office": office.code if office else None,
        "office_name": office.name if office else None,
        "office_name_en": (office.name_en or office.name) if office else None,
        "kecamatan_name": kecamatan.name if kecamatan else None,
        "contract": None, "curve": [], "reports": []}
    if contract is not None:
        firm = store.provider(uow, contract.provider_id)
        count, rupiah = store.paid(uow, contract.id)
        track = track_of(uow, package, contract)
        late = days_late(track.standing, today)
        body["contract"] = {"id": contract.id, "number": contract.number,
                            "value": contract.value, "state": contract.state,
                            "provider": firm.name if firm else None,
                            "termins_paid": count, "paid": rupiah,
                            "starts": track.standing.starts.isoformat()
                            if track.standing.starts else None,
                            "ends": track.standing.ends.isoformat(), "days_late": late,
                            "late_penalty": late_penalty(contract.value, late,
                                                         limits.penalty_per_mil)}
        body["curve"] = curve(track, today)
    return package, contract, body


def public_view(uow: Any, code: str, today: date,
                limits: Thresholds = DEFAULTS) -> dict[str, Any]:
    """The package `code` for anyone: facts (the contract's days late and late penalty
    at `limits.penalty_per_mil`), curve, approved months (physical and financial
    percent, photos' addresses). Raises PackageNotFound (404)."""
    with uow:
        _, contract, body = _common(uow, code, today, limits)
        if contract is not None:
            body["reports"] = [
                {"month": r.month, "physical": float(r.physical),
                 "financial": float(r.financial),
                 "photos": [f"/api/v1/controlling/photos/{p.id}"
                            for p in store.photos(uow, r.id)]}
                for r in store.reports(uow, contract.id, approved_only=True)]
        return body


def staff_view(uow: Any, who: Principal, code: str, today: date,
               limits: Thresholds = DEFAULTS) -> dict[str, Any]:
    """The package `code` for its readers: the public facts and every report (state,
    reason, photos). Raises PackageNotFound (404), ControllingForbidden (403)."""
    with uow:
        package, contract, body = _common(uow, code, today, limits)
        access.require_read(uow, who, package, contract)
        if contract is not None:
            body["reports"] = [view(uow, r) for r in store.reports(uow, contract.id)]
            body["may_decide"] = "ppk" in uow.offices.roles_of(who.id).get(
                package.office_id, set())
            body["may_report"] = access.is_provider(uow, who, contract)
        return body
