"""BPJS Antrean Online set up for a test (issue 19): the demo's mapping (Poli Umum UMU,
Poli Gigi GIG, KIA KIA, pendaftaran the registration desk, apotek the pharmacy, each
as far as the facility has it) and the hosted account `mobilejkn`.

Every `bpjs_*` table is emptied between tests, so a test that needs the setup calls
`setup_bpjs(app)` (or with its engine) itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from queue_server.eservices.bpjs.demo_data import DEMO_ACCOUNT, DEMO_SERVICES
from queue_server.eservices.bpjs.demo_setup import write_demo_setup
from queue_server.persistence.uow import SqlUnitOfWork

DEMO_PASSWORD = "demo"


@dataclass(frozen=True)
class BpjsSetup:
    """What `setup_bpjs` wrote: the facility, the account's username and password, and
    the mapped services' ids by code (`services["umum"]`) and by kodepoli (`polis["UMU"]`)."""

    facility_id: int
    facility: str
    username: str
    password: str
    services: dict[str, int]
    polis: dict[str, int]


def _uow(engine_or_app: Any) -> Any:
    if isinstance(engine_or_app, Engine):
        return SqlUnitOfWork(engine_or_app)
    return engine_or_app.extensions["antrian"].uow()


def setup_bpjs(engine_or_app: Any, facility: str = "pkm-demo", level: str = "fkrtl",
               password: str = DEMO_PASSWORD, username: str = DEMO_ACCOUNT) -> BpjsSetup:
    """Write the demo's BPJS mapping for `facility` (a code) at `level` ("fkrtl" or
    "fktp") and the account `username` / `password` bound to it; committed."""
    with _uow(engine_or_app) as uow:
        found = uow.directory.facility(facility)
        assert found is not None, f"no facility {facility}"
        write_demo_setup(uow, found.id, level, password, username)
        services = {s.code: s.id for s in uow.directory.services(found.id, active_only=False)
                    if s.code in DEMO_SERVICES}
        uow.commit()
    polis = {str(DEMO_SERVICES[code][1]): sid for code, sid in services.items()
             if DEMO_SERVICES[code][1]}
    return BpjsSetup(found.id, facility, username, password, services, polis)
