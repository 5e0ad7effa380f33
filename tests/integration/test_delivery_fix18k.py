"""The contract keeps to its budget year (unless the package is multi-year) and its
termins fall due within its period (review of issue 18, fix 18K)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from queue_server.eservices.planning.project.models import ProjectPackage
from queue_server.persistence.uow import SqlUnitOfWork
from tests.integration.procurement_support import C, caller, contract
from tests.support.factories import error

pytestmark = pytest.mark.sqlite_only("delivery's rules are not database-specific")


def test_a_contract_past_its_lines_year_is_refused_unless_multi_year(
        client: Any, engine: Any, clock: Any) -> None:
    code = contract(client, engine, clock)  # line year 2027
    ppk = caller(client, "ppk-dsdabm")
    late = ppk.post(f"{C}/{code}/sign", {"ends": "2028-01-30"})
    assert (late.status_code, error(late)) == (422, "project_beyond_budget_year")
    assert "31" in late.get_json()["error"]["message"]
    with SqlUnitOfWork(engine) as uow:
        package = uow.session.scalar(select(ProjectPackage).where(ProjectPackage.code == code))
        assert package is not None
        package.multi_year, package.multi_year_reason = True, "Persetujuan DPRD 12/2026"
        uow.commit()
    assert ppk.post(f"{C}/{code}/sign", {"ends": "2028-01-30"}).status_code == 200


def test_a_termin_due_after_the_contracts_end_is_refused(
        client: Any, engine: Any, clock: Any) -> None:
    code = contract(client, engine, clock)  # termins due 2027-02 … 2027-04
    ppk = caller(client, "ppk-dsdabm")
    short = ppk.post(f"{C}/{code}/sign", {"ends": "2027-03-31"})
    assert (short.status_code, error(short)) == (422, "delivery_termin_after_end")
    assert ppk.get(f"{C}/{code}").get_json()["state"] == "award_letter"
    assert ppk.post(f"{C}/{code}/sign", {"ends": "2027-04-30"}).status_code == 200
