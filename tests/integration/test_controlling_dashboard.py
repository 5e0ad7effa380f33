"""e-Controlling's dashboard on generated packages (on plan, late and stalled,
overspent), who sees which packages, the CSV, the charts, the public package page (no
personal data) and a proposal followed to its progress (follow.py)."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from sqlalchemy import Engine

from queue_server.eservices.planning.controlling.follow import follow
from tests.integration.controlling_support import (
    approved,
    caller,
    contract,
    fresh_user,
    link_proposal,
    pay,
    send,
)

pytestmark = pytest.mark.sqlite_only("module rules on the ORM, nothing database-specific")
DASHBOARD = "/api/v1/controlling/dashboard"


@pytest.fixture
def generated(app: Any, client: Any, engine: Engine, tmp_path: Any) -> dict[str, int]:
    """On plan (dsdabm, Aug–Oct approved to 70 %), late and stalled (dlh, August's 10 %
    only), overspent (dsdabm, October 70 % physical but 85 % financial; a termin paid)."""
    app.instance_path = str(tmp_path)
    ids = {"on_plan": contract(engine, "PKT-2026-0901"),
           "stalled": contract(engine, "PKT-2026-0902", office="dlh", value=100_000_000),
           "overspent": contract(engine, "PKT-2026-0903", value=200_000_000)}
    penyedia, ppk = caller(client, "penyedia"), caller(client, "ppk-dsdabm")
    for month, pct in (("2026-08", 10), ("2026-09", 35), ("2026-10", 70)):
        approved(penyedia, ppk, ids["on_plan"], month, pct)
    approved(penyedia, ppk, ids["overspent"], "2026-10", 70, 85, 170_000_000)
    pay(engine, ids["overspent"], 100_000_000)
    dlh_ppk = caller(client, *fresh_user(engine, "dlh", "ppk"))
    approved(penyedia, dlh_ppk, ids["stalled"], "2026-08", 10)
    return ids


def _by_code(figures: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["code"]: row for row in figures["packages"]}


def test_the_dashboard_flags_late_stalled_and_overspent_packages(
        client: Any, generated: dict[str, int]) -> None:
    figures = caller(client, "bappeda").get(DASHBOARD).get_json()
    rows = _by_code(figures)
    assert rows["PKT-2026-0901"]["flags"] == []
    assert (rows["PKT-2026-0901"]["planned"], rows["PKT-2026-0901"]["actual"]) == (70, 70)
    assert rows["PKT-2026-0902"]["flags"] == ["late", "stalled"]
    assert rows["PKT-2026-0902"]["deviation"] == -60
    assert rows["PKT-2026-0903"]["flags"] == ["overspent"]
    assert rows["PKT-2026-0903"]["paid"] == 100_000_000
    assert figures["totals"] == {"packages": 3, "value": 700_000_000, "late": 1,
                                 "overspent": 1, "stalled": 1, "late_penalty": 0}
    offices = {r["office"]: r for r in figures["per_office"]}
    assert (offices["dsdabm"]["packages"], offices["dsdabm"]["actual"]) == (2, 70)
    assert (offices["dlh"]["late"], offices["dlh"]["actual"]) == (1, 10)
    [kecamatan] = figures["per_kecamatan"]
    assert kecamatan["kecamatan"] == "kec-tegalsari"
    assert kecamatan["actual"] == round((70 * 600 + 10 * 100) / 700, 2)
    october = next(p for p in figures["curve"] if p["month"] == "2026-10")
    assert october["actual"] == kecamatan["actual"] and october["planned"] == 70


def test_offices_see_their_own_packages_and_the_csv_lists_them(
        client: Any, engine: Engine, generated: dict[str, int]) -> None:
    opd = caller(client, "opd")
    assert sorted(_by_code(opd.get(DASHBOARD).get_json())) == ["PKT-2026-0901",
                                                               "PKT-2026-0903"]
    assert opd.get("/api/v1/controlling/packages/PKT-2026-0902").status_code == 403
    assert len(caller(client, "admin").get(DASHBOARD).get_json()["packages"]) == 3
    assert len(caller(client, "penyedia").get(DASHBOARD).get_json()["packages"]) == 3
    other_firm = caller(client, *fresh_user(engine, "pt-bangun-jaya"))
    assert other_firm.get(DASHBOARD).get_json()["packages"] == []
    narrowed = caller(client, "admin").get(f"{DASHBOARD}?office=dlh").get_json()
    assert list(_by_code(narrowed)) == ["PKT-2026-0902"]
    reply = opd.get(f"{DASHBOARD}?format=csv")
    assert reply.status_code == 200 and reply.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(reply.get_data(as_text=True))))
    assert [(r["code"], r["flags"]) for r in rows] == [("PKT-2026-0901", ""),
                                                      ("PKT-2026-0903", "overspent")]
    assert client.application.test_client().get(DASHBOARD).status_code == 401


def test_the_dashboard_page_and_its_charts(client: Any, generated: dict[str, int]) -> None:
    caller(client, "bappeda")  # the session cookie of the API's login
    page = client.get("/controlling")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "PKT-2026-0902" in text and "Macet" in text
    for name in ("office", "kecamatan", "curve"):
        chart = client.get(f"/controlling/chart/{name}.svg")
        assert chart.status_code == 200 and chart.mimetype == "image/svg+xml"
        assert b"<script" not in chart.data
    english = client.get("/controlling?lang=en").get_data(as_text=True)
    assert "Stalled" in english
    staff = client.get("/controlling/paket/PKT-2026-0901")
    assert staff.status_code == 200 and "2026-10" in staff.get_data(as_text=True)


def test_the_public_page_shows_approved_progress_and_no_personal_data(
        app: Any, client: Any, generated: dict[str, int]) -> None:
    send(caller(client, "penyedia"), generated["on_plan"], month="2026-11", physical=90,
         financial=80, note="Pak Budi 081234567890 mengawasi")
    public = app.test_client()
    page = public.get("/pembangunan/PKT-2026-0901")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "CV Karya Mandiri" in text and "2026-10" in text
    assert "2026-11" not in text.split("h-months")[1]  # waiting months are not public
    for secret in ("081234567890", "Budi", "Direktur CV Karya Mandiri", "mengawasi"):
        assert secret not in text
    body = public.get("/api/v1/controlling/public/packages/PKT-2026-0901").get_json()
    assert [r["month"] for r in body["reports"]] == ["2026-08", "2026-09", "2026-10"]
    assert "note" not in body["reports"][0]
    assert public.get(body["reports"][0]["photos"][0]).status_code == 200
    assert public.get("/pembangunan/PKT-2026-0901/kurva.svg").mimetype == "image/svg+xml"
    assert public.get("/pembangunan/PKT-TIDAK-ADA").status_code == 404


def test_a_proposal_is_followed_to_its_progress(
        app: Any, engine: Engine, generated: dict[str, int]) -> None:
    proposal = link_proposal(engine, generated["on_plan"])
    with app.app_context():
        uow = app.extensions["antrian"].uow(write=False)
        with uow:
            chain = follow(uow, proposal)
            assert follow(uow, proposal + 999) is None
    assert chain is not None and chain["budget_line"]["state"] == "approved"
    [package] = chain["packages"]
    assert (package["code"], package["provider"], package["progress"],
            package["progress_month"], package["completed"]) == (
        "PKT-2026-0901", "CV Karya Mandiri", 70.0, "2026-10", False)
    assert (package["contract_value"], package["termins_paid"]) == (400_000_000, 0)
