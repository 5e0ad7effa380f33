"""e-Wadul's dashboard on a small known set (JSON and CSV), who may see it, the reply
templates, the admin's change of a category, and the demo data loader."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine

from queue_server.eservices.wadul import demo_data
from queue_server.eservices.wadul.demo import load_demo
from tests.integration.wadul_support import *  # noqa: F403
from tests.integration.wadul_support import act, caller, forwarded, office_user
from tests.support import factories

DASHBOARD = "/api/v1/wadul/dashboard"


@pytest.fixture
def known(client: Any, citizen: Any, clock: Any, desk: Any, opd: Any,
          other_office: Any) -> None:
    """Two road complaints (dsdabm) and one rubbish complaint (dlh), filed Monday
    23 November 2026: the first answered that day and rated 4, the second answered on
    Tuesday 1 December (6 working days on, over jalan-rusak's 5) and rated 2."""
    first, second = forwarded(client, desk), forwarded(client, desk)
    forwarded(client, desk, category="sampah")
    for code in (first, second):
        assert act(opd, code, "accept").status_code == 200
    assert act(opd, first, "answer", comment="Selesai.").status_code == 200
    assert act(citizen, first, "rate", rating=4).status_code == 200
    clock.advance(days=8)
    opd = caller(client, "opd")  # logged in again: the token lasts hours, not a week
    assert act(opd, second, "answer", comment="Selesai.").status_code == 200
    assert act(citizen, second, "rate", rating=2).status_code == 200


def test_the_dashboard_counts_a_known_set(client: Any, known: None) -> None:
    desk = caller(client, "mediacenter")  # logged in again: the clock moved a week
    figures = desk.get(DASHBOARD).get_json()
    assert "error" not in figures, figures
    assert figures["cases"] == 3
    assert figures["per_category"] == [
        {"category": "jalan-rusak", "name": "Jalan rusak / berlubang",
         "name_en": "Damaged road", "cases": 2},
        {"category": "sampah", "name": "Sampah tidak diangkut",
         "name_en": "Rubbish not collected", "cases": 1}]
    assert [(r["office"], r["cases"]) for r in figures["per_office"]] == [
        ("dlh", 1), ("dsdabm", 2)]
    assert figures["per_month"] == [{"month": "2026-11", "cases": 3}]
    assert figures["answered"] == 2 and figures["median_days_to_answer"] == 3
    assert figures["answered_in_time_pct"] == 50.0
    assert figures["rating_mean"] == 3.0 and figures["rating_count"] == 2


def test_the_dashboard_times_each_office_and_counts_open_late_work(
        client: Any, known: None) -> None:
    figures = caller(client, "mediacenter").get(DASHBOARD).get_json()
    assert (figures["cases"], figures["open"], figures["overdue"], figures["escalated"]) == (
        3, 1, 1, 0)  # the rubbish one waits at dlh, past its 2 working days
    offices = {r["office"]: r for r in figures["per_office"]}
    assert (offices["dsdabm"]["answered"], offices["dsdabm"]["median_days"],
            offices["dsdabm"]["in_time_pct"]) == (2, 3.0, 50.0)
    assert (offices["dlh"]["answered"], offices["dlh"]["median_days"],
            offices["dlh"]["in_time_pct"]) == (0, None, None)


def test_the_dashboard_as_csv_has_the_same_figures(client: Any, known: None) -> None:
    desk = caller(client, "mediacenter")
    reply = desk.get(f"{DASHBOARD}?format=csv")
    assert reply.status_code == 200 and reply.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(reply.get_data(as_text=True))))
    got = {(r["section"], r["key"]): r["value"] for r in rows}
    assert got[("category", "jalan-rusak")] == "2" and got[("office", "dlh")] == "1"
    assert got[("summary", "answered_in_time_pct")] == "50.0"
    assert got[("summary", "rating_mean")] == "3.0"


@pytest.mark.sqlite_only("who sees the dashboard does not depend on the database")
def test_a_head_sees_their_office_and_plain_staff_see_no_dashboard(
        client: Any, wadul: Engine, known: None) -> None:
    head, opd, desk = (caller(client, name) for name in ("kepala-opd", "opd", "mediacenter"))
    other_office = caller(client, office_user(wadul, "dlh"), factories.PASSWORD)
    mine = head.get(DASHBOARD).get_json()
    assert mine["cases"] == 2 and [r["office"] for r in mine["per_office"]] == ["dsdabm"]
    assert head.get(f"{DASHBOARD}?office=dlh").get_json()["error"]["code"] == "wrong_office"
    for refused in (opd, other_office):
        assert refused.get(DASHBOARD).status_code == 403
    assert desk.get(f"{DASHBOARD}?office=dlh").get_json()["cases"] == 1
    assert desk.get(f"{DASHBOARD}?since=2026-12-01&until=2026-11-01").status_code == 422


@pytest.mark.sqlite_only("data reading; no database-specific behaviour")
def test_reply_templates_are_listed_for_staff_by_state(desk: Any, citizen: Any) -> None:
    every = desk.get("/api/v1/wadul/replies").get_json()
    assert {r["action"] for r in every} >= {"answer", "reject", "merge", "forward"}
    answers = desk.get("/api/v1/wadul/replies?state=in_progress").get_json()
    assert answers and all(r["state"] == "in_progress" for r in answers)
    assert desk.get("/api/v1/wadul/replies?state=x").status_code == 422
    assert citizen.get("/api/v1/wadul/replies").status_code == 401


@pytest.mark.sqlite_only("one row's update; no database-specific behaviour")
def test_only_the_admin_changes_a_category(admin: Any, opd: Any, citizen: Any,
                                           wadul: Engine) -> None:
    body = {"name": "Pohon tumbang", "office": "dlh", "days": 3, "position": 4}
    changed = admin.client.put("/api/v1/wadul/categories/pohon-tumbang", json=body,
                               headers=admin.headers())
    assert changed.status_code == 200 and changed.get_json()["days"] == 3
    refused = opd.client.put("/api/v1/wadul/categories/pohon-tumbang", json=body,
                             headers=opd.headers())
    assert refused.status_code == 403
    bad = admin.client.put("/api/v1/wadul/categories/pohon-tumbang",
                           json={**body, "office": "tidak-ada"}, headers=admin.headers())
    assert bad.status_code == 422
    restore = {**body, "days": 2}
    admin.client.put("/api/v1/wadul/categories/pohon-tumbang", json=restore,
                     headers=admin.headers())


@pytest.mark.sqlite_only("the demo loader's idempotence does not depend on the database")
def test_the_demo_loads_a_city_month_of_complaints_once(app: Any, desk: Any,
                                                        citizen: Any) -> None:
    load_demo(app)
    load_demo(app)
    items = desk.get("/api/v1/wadul/reports?per_page=100").get_json()["items"]
    assert len(items) == len(demo_data.REPORTS) >= 25
    assert {row["state"] for row in items} >= {
        "received", "verified", "forwarded", "in_progress", "answered", "closed",
        "rejected", "merged"}
    assert any(row["escalated"] for row in items), "the sweep escalated the late one"
    assert any(row["overdue"] for row in items)
    assert any(row["anonymous"] for row in items) and any(row["confidential"] for row in items)
    assert sum(1 for row in items if row["rating"]) >= 5
    assert len({row["category"]["code"] for row in items}) >= 10
    assert len({row["office"]["code"] for row in items if row["office"]}) >= 6
    opened = sorted(row["opened_at"][:10] for row in items)
    assert (date.fromisoformat(opened[-1]) - date.fromisoformat(opened[0])).days >= 75
    public = citizen.get("/api/v1/wadul/public/reports?per_page=100").get_json()
    assert 0 < public["total"] < len(items)  # never the confidential, received, rejected
    ikm = caller(app.test_client(), "admin").get("/api/v1/surveys/index?module=wadul")
    assert ikm.get_json()["count"] >= 5
