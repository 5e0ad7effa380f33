"""One description of a new visit and ticket: the walk-in's Core inserts and the transfer's
ORM row both take their columns from it, and it must match the tables."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from queue_server.domain.new_tickets import (
    TICKET_FIELDS,
    VISIT_FIELDS,
    NewTicket,
    NewVisit,
    new_ticket,
)
from queue_server.domain.tickets import TicketStatus
from queue_server.persistence.models import Ticket, Visit
from queue_server.persistence.repositories.statements import (
    TICKET_COLUMNS,
    VISIT_COLUMNS,
    DescriptionMismatch,
    described_columns,
)
from queue_server.services.records import TicketRecord, VisitRecord, written

NOW = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)
DAY = date(2026, 11, 23)
# Ticket columns a new ticket leaves to the database: its key, its visit's id (the writer
# adds it), counters and times that start empty, and the version and recalls defaults.
TICKET_LEFT_OUT = {"id", "visit_id", "version", "recalls", "counter_id", "called_at",
                   "started_at", "finished_at", "next_ticket_id"}


def columns(table: object) -> set[str]:
    return {c.name for c in table.c}  # type: ignore[attr-defined]


def test_the_visit_columns_are_every_column_of_visits_but_its_key() -> None:
    assert VISIT_COLUMNS == VISIT_FIELDS
    assert set(VISIT_COLUMNS) == columns(Visit.__table__) - {"id"}


def test_the_ticket_columns_are_every_column_of_tickets_a_new_ticket_sets() -> None:
    assert TICKET_COLUMNS == TICKET_FIELDS
    assert set(TICKET_COLUMNS) == columns(Ticket.__table__) - TICKET_LEFT_OUT


def test_every_column_left_out_may_be_left_out() -> None:
    for name in TICKET_LEFT_OUT - {"visit_id"}:
        column = Ticket.__table__.c[name]
        assert column.primary_key or column.nullable or column.default is not None, name


def test_a_description_missing_a_column_that_needs_a_value_stops_the_import() -> None:
    names = [f for f in TICKET_FIELDS if f != "number"]
    with pytest.raises(DescriptionMismatch, match="number"):
        described_columns(Ticket.__table__, names, supplied=("visit_id",))


def test_a_field_without_a_column_stops_the_import() -> None:
    with pytest.raises(DescriptionMismatch, match="colour"):
        described_columns(Visit.__table__, [*VISIT_FIELDS, "colour"])


def test_the_visits_id_must_be_supplied_when_it_is_not_described() -> None:
    with pytest.raises(DescriptionMismatch, match="visit_id"):
        described_columns(Ticket.__table__, TICKET_FIELDS)


def test_a_waiting_ticket_queues_from_now_with_its_priority_head_start() -> None:
    ticket = new_ticket(1, 2, "A", DAY, 7, "elderly", TicketStatus.WAITING, "walk_in", NOW)
    assert ticket.number == "A-007" and ticket.status is TicketStatus.WAITING
    assert ticket.waiting_since == NOW
    assert ticket.queue_key == NOW - timedelta(minutes=20)


def test_a_booking_waits_for_nothing_until_its_patient_checks_in() -> None:
    ticket = new_ticket(1, 2, "B", DAY, 1, "regular", TicketStatus.BOOKED, "booking", NOW)
    assert ticket.waiting_since is None and ticket.queue_key is None


def test_a_new_ticket_row_names_exactly_the_described_columns() -> None:
    ticket = new_ticket(1, 2, "A", DAY, 3, "regular", TicketStatus.WAITING, "walk_in", NOW)
    row = ticket.row()
    assert tuple(row) == TICKET_COLUMNS
    assert row["status"] == "waiting" and row["number"] == "A-003"
    assert NewTicket(**row) == ticket


def test_a_new_visit_row_names_exactly_the_described_columns() -> None:
    visit = NewVisit(facility_id=1, code="ABCDEFGHJK", day=DAY, channel="kiosk",
                     priority="regular", created_at=NOW, nik=None, name=None, phone=None,
                     bpjs_number=None)
    assert tuple(visit.row()) == VISIT_COLUMNS


def test_a_description_cannot_be_changed_after_it_is_made() -> None:
    ticket = new_ticket(1, 2, "A", DAY, 3, "regular", TicketStatus.WAITING, "walk_in", NOW)
    with pytest.raises(AttributeError):
        ticket.status = TicketStatus.CALLED  # type: ignore[misc]


def test_a_written_ticket_is_its_description_with_the_ids_the_database_gave() -> None:
    ticket = new_ticket(1, 2, "A", DAY, 3, "regular", TicketStatus.WAITING, "walk_in", NOW)
    visit = NewVisit(facility_id=1, code="ABCDEFGHJK", day=DAY, channel="kiosk",
                     priority="regular", created_at=NOW, nik=None, name="Siti", phone=None,
                     bpjs_number=None)
    record = written(visit, 11, ticket, 12, service=None)  # type: ignore[arg-type]
    assert isinstance(record, TicketRecord) and isinstance(record.visit, VisitRecord)
    assert (record.id, record.visit.id, record.visit.tickets) == (12, 11, [record])
    assert {name: getattr(record, name) for name in TICKET_FIELDS} == ticket.row()
    assert record.visit.name == "Siti" and record.version == 1 and record.counter is None
