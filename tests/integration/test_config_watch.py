"""A configuration changed by another process (here: written straight to the database,
with its audit row, as a second worker or `load-config` beside the server would) shows in
this process within about a second, not after the catalogue's 10-second lifetime."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, insert, update

from queue_server.persistence.admin_models import AuditEvent
from queue_server.persistence.models import Service
from queue_server.persistence.uow import SqlUnitOfWork
from tests.conftest import Api
from tests.support import factories
from tests.support.servers import wait_until


def _walk_in(kiosk: Api) -> str:
    reply = kiosk.post("/api/v1/kiosk/tickets", {"service": "umum"})
    return "issued" if reply.status_code == 201 else reply.get_json()["error"]["code"]


def test_a_walk_in_limit_set_by_another_process_holds_within_seconds(
    client: Any, engine: Engine,
) -> None:
    """The kiosk's walk-ins read the service from the process's catalogue (kept for 10 s):
    a limit set elsewhere must stop them within about a second."""
    site = factories.facility("pkm-awas", devices=[factories.device("kiosk")]).load(engine)
    kiosk = Api(client, site.token("kiosk"))
    assert _walk_in(kiosk) == "issued"  # the service is now kept in this process
    with SqlUnitOfWork(engine) as uow:
        facility = uow.directory.facility(site.code)
        assert facility is not None
        services, audit = Service.__table__, AuditEvent.__table__
        uow.connection.execute(update(services).where(
            services.c.facility_id == facility.id, services.c.code == "umum")
            .values(walkin_limit=1))
        uow.connection.execute(insert(audit).values(
            at=datetime.now(UTC), actor="staff:elsewhere", facility_id=facility.id,
            object_kind="service", object_code="umum", action="update",
            before={"walkin_limit": None}, after={"walkin_limit": 1}))
        uow.commit()
    wait_until(lambda: _walk_in(kiosk) == "walkin_full", timeout=5, interval=0.25,
               what="the walk-in limit set by another process")
