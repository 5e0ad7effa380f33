"""Finding and numbering the rows procurement and delivery share: packages by code,
tenders by code or package, the city's day, and the release of a change (OCDS)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select

from queue_server.services.cases import city_today
from queue_server.services.numbering import next_in
from queue_server.services.ports import Clock

from ..ocds.publish import publish
from ..project.models import ProjectPackage
from .errors import PackageNotFound, TenderNotFound
from .models import ProcurementBid, ProcurementProvider, ProcurementTender


def city_tz() -> str:
    """The city's time zone (app config CITY_TIMEZONE; Asia/Jakarta outside an app)."""
    from flask import current_app, has_app_context

    if has_app_context():
        return str(current_app.config.get("CITY_TIMEZONE", "Asia/Jakarta"))
    return "Asia/Jakarta"


def today(clock: Clock) -> date:
    """The city's date now."""
    return city_today(clock, city_tz())


def package(uow: Any, code: str, lock: bool = False) -> ProjectPackage:
    """The package of `code` (PackageNotFound 404); locked until commit when `lock`."""
    q = select(ProjectPackage).where(ProjectPackage.code == code)
    if lock:
        q = q.with_for_update().execution_options(populate_existing=True)
    found = uow.session.scalar(q)
    if found is None:
        raise PackageNotFound(code)
    return found  # type: ignore[no-any-return]


def tender_of(uow: Any, package_id: int) -> ProcurementTender | None:
    """The procurement of a package, if it has one."""
    return uow.session.scalar(  # type: ignore[no-any-return]
        select(ProcurementTender).where(ProcurementTender.package_id == package_id))


def tender(uow: Any, code: str, lock: bool = False) -> ProcurementTender:
    """The procurement of `code` (TenderNotFound 404); locked until commit when `lock`."""
    q = select(ProcurementTender).where(ProcurementTender.code == code)
    if lock:
        q = q.with_for_update().execution_options(populate_existing=True)
    found = uow.session.scalar(q)
    if found is None:
        raise TenderNotFound(code)
    return found  # type: ignore[no-any-return]


def bids(uow: Any, tender_id: int) -> Sequence[ProcurementBid]:
    """A tender's bids, lowest amount first."""
    return uow.session.scalars(select(ProcurementBid).where(  # type: ignore[no-any-return]
        ProcurementBid.tender_id == tender_id).order_by(ProcurementBid.amount,
                                                        ProcurementBid.id)).all()


def provider(uow: Any, provider_id: int) -> ProcurementProvider:
    """The provider of `provider_id` (always there: bids and contracts name it)."""
    found = uow.session.get(ProcurementProvider, provider_id)
    assert found is not None
    return found  # type: ignore[no-any-return]


def new_code(uow: Any, clock: Clock) -> str:
    """The next procurement code of the year, `PBJ-{year}-{nnnn}` (gap-free)."""
    year = today(clock).year
    return f"PBJ-{year}-{next_in(uow, 'planning-procurement', None, year):04d}"


def released(uow: Any, clock: Clock, package_id: int, *tags: str) -> None:
    """Publish the package's process as it now stands (OCDS release tagged `tags`), in
    the caller's transaction (planning.ocds.publish)."""
    uow.session.flush()
    publish(uow, clock, package_id, list(tags))


def bump(row: Any) -> None:
    """One more version of a row that a client may hold (tenders, packages, contracts)."""
    row.version = (row.version or 1) + 1
