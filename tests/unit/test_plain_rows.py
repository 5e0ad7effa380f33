"""The plain values a call-next reads (persistence/repositories/plain.py) keep every column
of their tables: a column added to a table and not to its value fails here, not at a desk."""

from __future__ import annotations

import dataclasses

import pytest

from queue_server.persistence.models import Counter, Facility, Service, Ticket, Visit
from queue_server.persistence.repositories.plain import (
    PlainCounter,
    PlainFacility,
    PlainService,
    PlainTicket,
    PlainVisit,
)


@pytest.mark.parametrize(("value", "model"), [
    (PlainFacility, Facility), (PlainService, Service), (PlainCounter, Counter),
    (PlainVisit, Visit), (PlainTicket, Ticket),
])
def test_every_column_is_kept(value: type, model: type) -> None:
    kept = {field.name for field in dataclasses.fields(value)}
    columns = {column.name for column in model.__table__.columns}  # type: ignore[attr-defined]
    assert columns - kept == set()
