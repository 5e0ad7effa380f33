"""A call's ticket rows are written through Core (issue 14), keeping the optimistic version
check the ORM's flush made: a row changed since it was loaded is never overwritten."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, delete, event, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from queue_server.persistence.models import CounterService, Service, Ticket
from queue_server.persistence.uow import SqlUnitOfWork
from tests.conftest import Api
from tests.support.this_thread import this_thread_only


def test_a_call_next_flushes_nothing_through_the_orm(kiosk: Api, staff: Api) -> None:
    for _ in range(3):
        kiosk.ticket()
    assert staff.act("loket-1", "call-next").status_code == 200
    flushes: list[int] = []

    def counted(*args: Any) -> None:
        flushes.append(1)

    heard = this_thread_only(counted)
    event.listen(Session, "before_flush", heard)
    try:
        reply = staff.act("loket-1", "call-next")  # finishes the first, calls the second
    finally:
        event.remove(Session, "before_flush", heard)
    assert reply.status_code == 200
    assert reply.get_json()["version"] == 2  # issued at 1, called once
    assert flushes == []


def test_a_ticket_changed_since_it_was_loaded_is_not_overwritten(
    kiosk: Api, engine: Engine,
) -> None:
    number = kiosk.ticket()["number"]
    with SqlUnitOfWork(engine) as uow:
        ticket = uow.session.scalars(select(Ticket).where(Ticket.number == number)
                                     .order_by(Ticket.id.desc())).first()
        assert ticket is not None
        # Another transaction's change, as the database would show it to this one.
        uow.connection.execute(update(Ticket.__table__).where(Ticket.__table__.c.id == ticket.id)
                               .values(version=Ticket.__table__.c.version + 1))
        with pytest.raises(StaleDataError):
            uow.tickets.write(ticket, {"status": "called"})
        row = uow.connection.execute(select(Ticket.__table__.c.status, Ticket.__table__.c.version)
                                     .where(Ticket.__table__.c.id == ticket.id)).one()
        assert (row.status, row.version) == ("waiting", 2)
        assert ticket.status == "waiting" and ticket.version == 1


def test_a_call_next_reads_nothing_through_the_orm(kiosk: Api, staff: Api) -> None:
    """Its counter, held ticket and next ticket are read as plain values (call_reads.py)."""
    for _ in range(3):
        kiosk.ticket()
    assert staff.act("loket-1", "call-next").status_code == 200
    orm_statements: list[str] = []

    def counted(state: Any) -> None:
        orm_statements.append(str(state.statement))

    heard = this_thread_only(counted)
    event.listen(Session, "do_orm_execute", heard)
    try:
        reply = staff.act("loket-1", "call-next")
    finally:
        event.remove(Session, "do_orm_execute", heard)
    assert reply.status_code == 200
    assert orm_statements == []


def test_a_plain_ticket_changed_since_it_was_loaded_is_not_overwritten(
    kiosk: Api, staff: Api, engine: Engine,
) -> None:
    kiosk.ticket()
    kiosk.ticket()
    called = staff.act("loket-1", "call-next").get_json()
    with SqlUnitOfWork(engine) as uow:
        counter = uow.calls.counter(_facility_id(uow), "loket-1")
        assert counter is not None
        ticket = uow.calls.current_at(counter)
        assert ticket is not None and ticket.number == called["number"]
        uow.connection.execute(update(Ticket.__table__).where(Ticket.__table__.c.id == ticket.id)
                               .values(version=Ticket.__table__.c.version + 1))
        with pytest.raises(StaleDataError):
            uow.tickets.write(ticket, {"status": "done"})
        assert ticket.status == "called" and ticket.version == called["version"]


@pytest.fixture
def kept_links(engine: Engine) -> Iterator[None]:
    """Every counter's services, put back afterwards: the configuration outlives a test,
    and a loket-1 left calling `umum` alone fails later modules' call-next at loket-1."""
    links = CounterService.__table__
    with engine.connect() as conn:
        before = [dict(row._mapping) for row in conn.execute(select(links))]
    yield
    with engine.begin() as conn:
        conn.execute(delete(links))
        conn.execute(insert(links), before)


def test_a_held_ticket_of_a_service_the_counter_no_longer_calls_is_finished(
    kiosk: Api, staff: Api, engine: Engine, kept_links: None,
) -> None:
    """The counter's services changed while it held a patient: call-next still finishes
    that patient (their service read on its own) and calls the next of its new service."""
    first = kiosk.ticket("pendaftaran")["number"]
    assert staff.act("loket-1", "call-next").get_json()["number"] == first
    second = kiosk.ticket("umum")["number"]
    _serve_only(engine, "loket-1", "umum")
    reply = staff.act("loket-1", "call-next")
    assert reply.status_code == 200, reply.get_json()
    assert reply.get_json()["number"] == second
    assert _status(engine, first) == "done"


def _facility_id(uow: SqlUnitOfWork) -> int:
    facility = uow.directory.facility("pkm-demo")
    assert facility is not None
    return facility.id


def _serve_only(engine: Engine, counter_code: str, service_code: str) -> None:
    """The counter now calls this one service (as an admin's change would leave it)."""
    services, links = Service.__table__, CounterService.__table__
    with SqlUnitOfWork(engine) as uow:
        counter = uow.calls.counter(_facility_id(uow), counter_code)
        assert counter is not None
        service_id = uow.connection.execute(
            select(services.c.id).where(services.c.facility_id == counter.facility_id,
                                        services.c.code == service_code)).scalar_one()
        uow.connection.execute(delete(links).where(links.c.counter_id == counter.id))
        uow.connection.execute(insert(links).values(counter_id=counter.id,
                                                    service_id=service_id, rank=0))
        uow.commit()


def _status(engine: Engine, number: str) -> str:
    tickets = Ticket.__table__
    with SqlUnitOfWork(engine) as uow:
        return str(uow.connection.execute(
            select(tickets.c.status).where(tickets.c.number == number)
            .order_by(tickets.c.id.desc()).limit(1)).scalar_one())
