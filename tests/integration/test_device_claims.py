"""A kiosk's token, once vouched for in this process, is confirmed inside the walk-in's own
transaction (issue 20: one connection and one transaction fewer a walk-in). These tests
change the device row behind the process's cache, as another process or a restore would
(no configuration version moves), and expect what a fresh look-up would answer."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, text

from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services.auth import hash_token
from tests.conftest import Api, make_app
from tests.support import factories


@pytest.fixture
def site(engine: Engine) -> factories.Site:
    return factories.facility("pkm-klaim", devices=[factories.device("kiosk")]).load(engine)


def tickets(engine: Engine, site: factories.Site) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(
            "SELECT count(*) FROM tickets t JOIN facilities f ON f.id = t.facility_id "
            "WHERE f.code = :code"), {"code": site.code}).scalar_one())


def behind_the_cache(engine: Engine, sql: str, **params: Any) -> None:
    with engine.begin() as conn:
        conn.execute(text(sql), params)


def warm(app: Any, site: factories.Site) -> Api:
    """The kiosk's client after one walk-in: its token is in the process's cache."""
    kiosk = Api(app.test_client(), site.token("kiosk"))
    assert kiosk.post("/api/v1/kiosk/tickets", {"service": "umum"}).status_code == 201
    assert hash_token(site.token("kiosk")) in app.extensions["antrian"].devices
    return kiosk


def error(reply: Any) -> tuple[int, str]:
    return reply.status_code, reply.get_json()["error"]["code"]


DEACTIVATE = "UPDATE devices SET active = false WHERE token_hash = :h"


def walk_in_after(engine: Engine, clock: Any, site: factories.Site, change: str,
                  service: str = "umum", **params: Any) -> tuple[Any, Any, Api]:
    """A warm kiosk's walk-in after `change` (SQL; `:h` is its token's hash) was made
    behind the cache: (app, reply, the kiosk's client)."""
    app = make_app(engine, clock)
    kiosk = warm(app, site)
    behind_the_cache(engine, change, h=hash_token(site.token("kiosk")), **params)
    return app, kiosk.post("/api/v1/kiosk/tickets", {"service": service}), kiosk


def test_a_kiosk_deactivated_behind_the_cache_gets_no_number(
        engine: Engine, clock: Any, site: factories.Site) -> None:
    app, reply, _ = walk_in_after(engine, clock, site, DEACTIVATE)
    assert error(reply) == (401, "invalid_token")
    assert tickets(engine, site) == 1  # the refused walk-in wrote nothing
    assert hash_token(site.token("kiosk")) not in app.extensions["antrian"].devices


def test_a_token_replaced_behind_the_cache_is_refused(
        engine: Engine, clock: Any, site: factories.Site) -> None:
    _, reply, _ = walk_in_after(
        engine, clock, site, "UPDATE devices SET token_hash = :new WHERE token_hash = :h",
        new=hash_token("another-token-entirely"))
    assert error(reply) == (401, "invalid_token")
    assert tickets(engine, site) == 1


def test_a_refused_kiosk_hears_401_even_where_its_request_was_wrong_too(
        engine: Engine, clock: Any, site: factories.Site) -> None:
    """An unknown service would be 404; a revoked device learns nothing but 401."""
    _, reply, _ = walk_in_after(engine, clock, site, DEACTIVATE, service="tidak-ada")
    assert error(reply) == (401, "invalid_token")


def test_a_kiosk_moved_to_another_facility_issues_there_after_one_refusal(
        engine: Engine, clock: Any, site: factories.Site) -> None:
    other = factories.facility("pkm-klaim-baru").load(engine)
    _, reply, kiosk = walk_in_after(
        engine, clock, site, "UPDATE devices SET facility_id = (SELECT id FROM facilities "
        "WHERE code = :code) WHERE token_hash = :h", code=other.code)
    assert error(reply) == (401, "invalid_token")
    assert kiosk.post("/api/v1/kiosk/tickets", {"service": "umum"}).status_code == 201
    assert (tickets(engine, site), tickets(engine, other)) == (1, 1)


def test_a_unit_of_work_runs_its_checks_first_or_at_its_end(engine: Engine) -> None:
    seen: list[str] = []

    def check(uow: SqlUnitOfWork) -> None:
        seen.append("check")
        assert uow.connection.in_transaction()

    read = SqlUnitOfWork(engine)
    read.require(check)
    with read:
        seen.append("before the first statement")
        read.connection.execute(text("SELECT 1"))
        seen.append("after it")
    assert seen == ["before the first statement", "check", "after it"]

    idle = SqlUnitOfWork(engine)
    idle.require(check)
    with idle:
        seen.append("nothing read")
    assert seen[-2:] == ["nothing read", "check"]

    def refuse(uow: SqlUnitOfWork) -> None:
        raise PermissionError("no")

    failing = SqlUnitOfWork(engine)
    failing.require(refuse)
    with pytest.raises(PermissionError), failing:
        raise LookupError("the use case's own error is replaced")
