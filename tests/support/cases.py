"""Cases for tests of the shared e-service use cases: the real e-Wadul workflow, offices
and staff with their office roles (fresh codes and usernames), and a case filed or moved
through the use cases themselves."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Engine, text

from queue_server.domain.workflow_data import parse_workflow
from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services.auth import OPERATOR, Principal
from queue_server.services.case_kinds import CaseKind
from queue_server.services.cases import CITIZEN, Actor, Filing, Step, act, open_case, staff_actor
from queue_server.services.port_cases import CaseRow
from queue_server.services.ports import Clock
from tests.support import factories

ROOT = Path(__file__).resolve().parents[2]
WADUL = parse_workflow("wadul", yaml.safe_load(
    (ROOT / "queue_server" / "eservices" / "wadul" / "workflow.yaml").read_text("utf-8")))
KIND = CaseKind("wadul", WADUL, None, lambda uow, case: None)
TZ = "Asia/Jakarta"


@dataclass(frozen=True)
class World:
    """Two offices (the intake desk and one that answers) and their staff: `desk` is
    staff at the desk office, `staff` and `head` at the answering office, `outsider`
    holds no office role, `admin` is the deployment's admin."""

    engine: Engine
    desk_office: int
    office: int
    desk: Principal
    staff: Principal
    head: Principal
    outsider: Principal
    admin: Principal

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine)

    def actor(self, who: Principal, case: CaseRow | None) -> Actor:
        with self.uow() as uow:
            return staff_actor(uow, who, case, self.desk_office)


def _principal(engine: Engine, username: str, role: str = OPERATOR) -> Principal:
    with engine.connect() as conn:
        user_id = conn.execute(text("SELECT id FROM users WHERE username = :u"),
                               {"u": username}).scalar_one()
    return Principal("staff", user_id, username, role, None)


_MADE: dict[Engine, World] = {}


def world(engine: Engine) -> World:
    """Offices and staff in `engine`, made once per session database (they are
    configuration: the reset between tests keeps them)."""
    if engine not in _MADE:
        _MADE[engine] = _make_world(engine)
    return _MADE[engine]


def _make_world(engine: Engine) -> World:
    site = factories.facility(users=("desk", "opd", "kepala", "luar")).load(engine)
    people = {stem: _principal(engine, site.username(stem))
              for stem in ("desk", "opd", "kepala", "luar")}
    with SqlUnitOfWork(engine) as uow:
        desk = uow.offices.put(factories.fresh("media-center"), name="Media Center",
                               kind="media_center")
        office = uow.offices.put(factories.fresh("dsdabm"), name="DSDABM", kind="dinas")
        desk_id, office_id = desk.id, office.id
        uow.offices.set_roles(people["desk"].id, [(desk_id, "staff")])
        uow.offices.set_roles(people["opd"].id, [(office_id, "staff")])
        uow.offices.set_roles(people["kepala"].id, [(office_id, "head")])
        uow.commit()
    admin = Principal("staff", people["luar"].id, "admin-test", "admin", None)
    return World(engine, desk_id, office_id, people["desk"], people["opd"], people["kepala"],
                 people["luar"], admin)


def file_case(w: World, clock: Clock, **filing: Any) -> str:
    """A complaint filed by a citizen now (committed); returns its tracking code."""
    with w.uow() as uow:
        case = open_case(uow, clock, WADUL, Filing(module="wadul", **filing), CITIZEN,
                         timezone=TZ)
        code = case.code
        uow.commit()
    return code


def take(w: World, clock: Clock, code: str, who: Principal | Actor, step: Step) -> None:
    """`step` taken on the case `code` by a staff principal (roles from the database) or
    an actor; committed."""
    with w.uow() as uow:
        case = uow.cases.by_code(code)
        assert case is not None
        actor = who if isinstance(who, Actor) else staff_actor(uow, who, case, w.desk_office)
        act(uow, clock, WADUL, case, step, actor, timezone=TZ)
        uow.commit()


def to_answered(w: World, clock: Clock, code: str) -> None:
    """Move a received complaint through the desk and the office to `answered`."""
    take(w, clock, code, w.desk, Step("verify"))
    take(w, clock, code, w.desk, Step("forward", office_id=w.office))
    take(w, clock, code, w.staff, Step("accept"))
    take(w, clock, code, w.staff, Step("answer", comment="Saluran sudah dibersihkan."))
