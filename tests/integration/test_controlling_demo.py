"""e-Controlling's demo loader on running contracts: one to 100 % and handed over, a
direct one to about 60 %, one late and stalled; loading it again changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from queue_server.eservices.planning.controlling.demo import load_demo
from queue_server.eservices.planning.controlling.models import ControllingReport
from queue_server.eservices.planning.delivery.models import DeliveryContract
from tests.integration.controlling_support import caller, contract

pytestmark = pytest.mark.sqlite_only("the demo's rows, nothing database-specific")


def _reports(engine: Engine) -> list[tuple[int, str, float, str]]:
    with Session(engine) as db:
        return [(r.contract_id, r.month, float(r.physical), r.state) for r in db.scalars(
            select(ControllingReport).order_by(ControllingReport.contract_id,
                                               ControllingReport.month))]


def test_the_demo_reports_progress_once(app: Any, client: Any, engine: Engine,
                                        tmp_path: Any) -> None:
    app.instance_path = str(tmp_path)
    road = contract(engine, "PKT-2026-0001")
    direct = contract(engine, "PKT-2026-0002", value=150_000_000, method="direct")
    slow = contract(engine, "PKT-2026-0003", value=90_000_000)
    load_demo(app)
    first = _reports(engine)
    by_contract: dict[int, list[tuple[str, float]]] = {}
    for contract_id, month, physical, state in first:
        assert state == "approved"
        by_contract.setdefault(contract_id, []).append((month, physical))
    assert by_contract[road][-1] == ("2026-11", 100.0)
    assert by_contract[direct][-1] == ("2026-10", 60.0)
    assert by_contract[slow] == [("2026-08", 10.0)]
    load_demo(app)
    assert _reports(engine) == first
    figures = caller(client, "bappeda").get("/api/v1/controlling/dashboard").get_json()
    flags = {row["code"]: row["flags"] for row in figures["packages"]}
    assert flags["PKT-2026-0003"] == ["late", "stalled"]
    with Session(engine) as db:
        handed = db.get(DeliveryContract, road)
        assert handed is not None and handed.state == "handed_over"
