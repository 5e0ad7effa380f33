"""Helpers for tests of e-Wadul's public side: a complaint's public reference, and the
Media Center's verification done straight in the database (public only once verified)."""

from __future__ import annotations

from sqlalchemy import Engine, text

from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services.cases import public_ref


def ref_of(engine: Engine, code: str) -> str:
    """The public reference (`WADUL-123`) of the complaint of tracking `code`."""
    with SqlUnitOfWork(engine) as uow:
        case = uow.cases.by_code(code)
        assert case is not None
        return public_ref(case)


def verify_all(engine: Engine) -> None:
    """Every received complaint marked verified (as if the desk had verified each)."""
    with engine.begin() as conn:
        conn.execute(text("UPDATE cases SET state = 'verified' WHERE state = 'received'"))
