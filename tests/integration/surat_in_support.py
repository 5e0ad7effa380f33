"""e-Surat incoming letters in the test databases: the classification codes (kept between
tests, like the demo configuration), ids of demo offices and users, a valid letter, and
callers by role.

Use: `from tests.integration.surat_in_support import *  # noqa: F403` brings the fixture."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, select

from queue_server.eservices.surat import classification
from queue_server.eservices.surat.incoming import IncomingLetter, register_incoming
from queue_server.persistence.access_models import User
from queue_server.persistence.uow import SqlUnitOfWork
from tests.conftest import Api, login

SUBJECT = "Permohonan normalisasi saluran Kali Rungkut"
SECRET = "Rahasia: penyelidikan pintu air Jagir"
__all__ = ["surat"]
_loaded: set[int] = set()


def load_codes(engine: Engine) -> Engine:
    """Load the classification codes into `engine` (once per database per session)."""
    if id(engine) not in _loaded:
        classification.load_csv(SqlUnitOfWork(engine),
                                classification.DATA_FILE.read_text("utf-8"))
        _loaded.add(id(engine))
    return engine


@pytest.fixture
def surat(engine: Engine) -> Engine:
    """The engine with the classification codes loaded (once per database per session)."""
    return load_codes(engine)


def office_id(engine: Engine, code: str = "dsdabm") -> int:
    with SqlUnitOfWork(engine) as uow:
        office = uow.offices.by_code(code)
        assert office is not None
        return int(office.id)


def user_id(engine: Engine, username: str) -> int:
    with SqlUnitOfWork(engine) as uow:
        return int(uow.session.scalar(select(User.id).where(User.username == username)))


def letter(engine: Engine, **changes: Any) -> IncomingLetter:
    """A valid incoming letter to DSDABM (a kelurahan asks for a channel to be cleared)."""
    fields: dict[str, Any] = {
        "office_id": office_id(engine), "sender": "Kelurahan Rungkut Kidul",
        "subject": SUBJECT, "classification": "600.1", "access": "biasa",
        "urgency": "biasa", "letter_date": date(2026, 3, 2),
        "letter_number": "600.1/45/436.11.5/2026", **changes}
    return IncomingLetter(**fields)


def registered(engine: Engine, clock: Any, by: str | None = "tu-dsdabm",
               **changes: Any) -> int:
    """Register a letter (committed); returns its case id."""
    with SqlUnitOfWork(engine) as uow:
        row = register_incoming(uow, clock, letter(engine, **changes),
                                user_id(engine, by) if by else None)
        uow.commit()
        return int(row.case_id)


def caller(client: Any, username: str) -> Api:
    """The API as the demo user `username`."""
    return Api(client, login(client, username))
