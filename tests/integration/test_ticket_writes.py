"""A call's ticket rows are written through Core (issue 14), keeping the optimistic version
check the ORM's flush made: a row changed since it was loaded is never overwritten."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, event, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from queue_server.persistence.models import Ticket
from queue_server.persistence.uow import SqlUnitOfWork
from tests.conftest import Api


def test_a_call_next_flushes_nothing_through_the_orm(kiosk: Api, staff: Api) -> None:
    for _ in range(3):
        kiosk.ticket()
    assert staff.act("loket-1", "call-next").status_code == 200
    flushes: list[int] = []

    def counted(*args: Any) -> None:
        flushes.append(1)

    event.listen(Session, "before_flush", counted)
    try:
        reply = staff.act("loket-1", "call-next")  # finishes the first, calls the second
    finally:
        event.remove(Session, "before_flush", counted)
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
