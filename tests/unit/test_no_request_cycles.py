"""A unit of work and its repositories are freed as soon as a request drops them, not left
in a reference cycle for the garbage collector (whose pauses were the walk-in tail)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine

from queue_server.persistence.uow import SqlUnitOfWork


@pytest.fixture
def collector_off() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def test_a_used_unit_of_work_is_freed_without_the_collector(collector_off: None) -> None:
    engine = create_engine("sqlite://")
    uow = SqlUnitOfWork(engine)
    with uow:
        assert uow.tickets.on_postgres is False  # the repositories exist and work
    gone = weakref.ref(uow)
    repository = weakref.ref(uow.tickets)
    del uow
    assert gone() is None and repository() is None
    engine.dispose()
