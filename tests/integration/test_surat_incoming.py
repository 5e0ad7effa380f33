"""e-Surat incoming letters: registration (agenda numbers per office and year, fields,
classification, scan), the use case helper B's internal delivery calls."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, select

from queue_server.eservices.surat.incoming import register_incoming
from queue_server.eservices.surat.models import SuratPerson
from queue_server.persistence.uow import SqlUnitOfWork
from tests.integration.surat_in_support import *  # noqa: F403
from tests.integration.surat_in_support import letter, office_id, user_id


def _register(engine: Engine, clock: Any, **changes: Any) -> tuple[int, int, int]:
    with SqlUnitOfWork(engine) as uow:
        row = register_incoming(uow, clock, letter(engine, **changes),
                                user_id(engine, "tu-dsdabm"))
        uow.commit()
        return row.case_id, row.agenda_number or 0, row.agenda_year or 0


def test_agenda_numbers_count_per_office_and_year(surat: Engine, clock: Any) -> None:
    first, second = _register(surat, clock), _register(surat, clock)
    other = _register(surat, clock, office_id=office_id(surat, "dlh"))
    assert (first[1], second[1], other[1]) == (1, 2, 1)
    assert first[2] == clock.now().year


def test_the_registering_clerk_is_involved(surat: Engine, clock: Any) -> None:
    case_id, _, _ = _register(surat, clock, access="rahasia")
    with SqlUnitOfWork(surat) as uow:
        whys = uow.session.scalars(select(SuratPerson.why)
                                   .where(SuratPerson.case_id == case_id)).all()
        case = uow.cases.by_id(case_id)
        assert whys == ["registered"]
        assert (case.module, case.kind, case.state) == ("surat", "incoming", "registered")


def test_internal_delivery_registers_without_a_user(surat: Engine, clock: Any) -> None:
    with SqlUnitOfWork(surat) as uow:
        row = register_incoming(uow, clock, letter(surat, document_code="ABCD2345EF"), None)
        uow.commit()
        assert row.created_by is None and row.document_code == "ABCD2345EF"
        assert uow.cases.events(row.case_id)[0].actor == "system"


@pytest.mark.parametrize(("field", "value", "code"), [
    ("classification", "999.9", "unknown_classification"),
    ("access", "sangat_rahasia", "invalid_letter"),
    ("urgency", "kilat", "invalid_letter"),
    ("subject", "  ", "invalid_letter"),
    ("sender", "x" * 201, "invalid_letter"),
])
def test_a_wrong_field_registers_nothing(surat: Engine, clock: Any, field: str, value: str,
                                         code: str) -> None:
    from queue_server.domain.errors import DomainError

    with SqlUnitOfWork(surat) as uow:
        with pytest.raises(DomainError) as raised:
            register_incoming(uow, clock, letter(surat, **{field: value}), None)
        assert raised.value.code == code
    _, number, _ = _register(surat, clock)
    assert number == 1  # the refused one took no agenda number

