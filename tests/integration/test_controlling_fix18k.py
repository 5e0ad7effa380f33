"""e-Controlling after the review of issue 18 (fix 18K), through the API and pages: the
curve has no actual for a month not over; a package finished after its contract's end
is flagged late with the days and the late penalty (dashboard, package views, CSV);
provider-reported spending and money paid are told apart in words."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.integration.controlling_support import approved, caller, contract

pytestmark = pytest.mark.sqlite_only("module rules on the ORM, nothing database-specific")
DASHBOARD = "/api/v1/controlling/dashboard"
PLAN = [{"month": "2026-10", "percent": 50}, {"month": "2026-11", "percent": 100}]


@pytest.fixture
def finished_late(app: Any, client: Any, engine: Engine, tmp_path: Any) -> int:
    """PKT-2026-0911: contract to 10 November, 100 % approved on 23 November (the
    clock's day): 13 days late. PKT-2026-0912 runs to December, October approved."""
    app.instance_path = str(tmp_path)
    late = contract(engine, "PKT-2026-0911", value=400_000_000, plan=PLAN,
                    starts=date(2026, 10, 1), ends=date(2026, 11, 10))
    running = contract(engine, "PKT-2026-0912", value=100_000_000, starts=date(2026, 10, 1),
                       ends=date(2026, 12, 31), plan=[*PLAN[:1], {"month": "2026-12",
                                                                  "percent": 100}])
    penyedia, ppk = caller(client, "penyedia"), caller(client, "ppk-dsdabm")
    approved(penyedia, ppk, late, "2026-10", 50, spent=150_000_000)
    approved(penyedia, ppk, late, "2026-11", 100, spent=375_820_000)
    approved(penyedia, ppk, running, "2026-10", 50)
    return late


def test_finished_late_is_flagged_with_its_penalty_and_the_curve_stops_at_today(
        client: Any, finished_late: int) -> None:
    figures = caller(client, "ppk-dsdabm").get(DASHBOARD).get_json()
    rows = {r["code"]: r for r in figures["packages"]}
    late = rows["PKT-2026-0911"]
    assert (late["days_late"], late["late_penalty"]) == (13, 5_200_000)
    assert "late" in late["flags"] and figures["totals"]["late_penalty"] == 5_200_000
    assert rows["PKT-2026-0912"]["days_late"] == 0
    curve = {p["month"]: p["actual"] for p in figures["curve"]}
    assert curve["2026-10"] == 50 and curve["2026-11"] is None and curve["2026-12"] is None
    view = caller(client, "opd").get("/api/v1/controlling/packages/PKT-2026-0911").get_json()
    assert (view["contract"]["days_late"], view["contract"]["late_penalty"]) == (13, 5_200_000)
    public = client.get("/pembangunan/PKT-2026-0911").get_data(as_text=True)
    assert "13 hari terlambat" in public and "5.200.000" in public
    client.application.config["CONTROLLING_LATE_PENALTY_PER_MIL"] = 2
    doubled = caller(client, "ppk-dsdabm").get(DASHBOARD).get_json()["packages"][0]
    assert doubled["late_penalty"] == 10_400_000


def test_reported_spending_and_money_paid_are_told_apart(client: Any,
                                                         finished_late: int) -> None:
    api = caller(client, "ppk-dsdabm")
    rows = list(csv.DictReader(io.StringIO(api.get(f"{DASHBOARD}?format=csv")
                                           .get_data(as_text=True))))
    first = rows[0]
    assert first["Realisasi keuangan menurut penyedia (Rp)"] == "375820000"
    assert (first["Dibayar (Rp)"], first["Denda keterlambatan (Rp)"]) == ("0", "5200000")
    english = api.get(f"{DASHBOARD}?format=csv&lang=en").get_data(as_text=True)
    assert "Spending reported by the provider (Rp)" in english and "Paid (Rp)" in english
    page = client.get("/controlling").get_data(as_text=True)
    assert "Realisasi keuangan menurut penyedia" in page and "Dibayar" in page
    assert "Denda keterlambatan" in page
    assert "Spending reported by the provider" in client.get(
        "/controlling/paket/PKT-2026-0911?lang=en").get_data(as_text=True)
    spec = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    assert "not money paid" in spec["ControllingDashboardOut"]["properties"]["packages"][
        "description"]
