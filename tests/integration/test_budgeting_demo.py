"""The demo's budget and packages, built on e-Musrenbang's demo: standard costs, ceilings,
one approved line per accepted within-ceiling proposal of Kelurahan Kedungdoro, the road
programme line flagged over the standard and approved with a reason; three planned
packages (a tender of at least Rp 400 juta, a direct one of about Rp 150 juta, a late
one), dated relative to today; loaded twice without change."""

from __future__ import annotations

from typing import Any

import pytest

from queue_server.eservices.planning.budgeting.demo import load_demo as budget_demo
from queue_server.eservices.planning.musrenbang.demo import load_demo as musrenbang_demo
from queue_server.eservices.planning.project.demo import load_demo as project_demo
from tests.integration.test_budgeting_support import BUDGET, PROJECTS, caller

pytestmark = pytest.mark.sqlite_only("the demo loads through the same use cases")


def test_without_musrenbang_rows_the_demo_adds_nothing(app: Any, client: Any) -> None:
    budget_demo(app)
    project_demo(app)
    assert caller(client, "admin").get(f"{BUDGET}/lines").get_json()["items"] == []


def test_the_demo_budget_and_packages_load_once(app: Any, client: Any) -> None:
    musrenbang_demo(app)
    for _ in range(2):
        budget_demo(app)
        project_demo(app)
    admin = caller(client, "admin")
    lines = admin.get(f"{BUDGET}/lines").get_json()["items"]
    assert lines and all(line["state"] == "approved" for line in lines)
    road = [line for line in lines if line["source"] == "programme"]
    assert len(road) == 1 and road[0]["flags"][0] == "over_standard" and road[0]["reason"]
    assert any(line["source"] == "musrenbang" for line in lines)
    packages = admin.get(f"{PROJECTS}/packages").get_json()["items"]
    assert [p["state"] for p in packages] == ["planned"] * 3
    assert packages[0]["method"] == "tender" and packages[0]["value"] >= 400_000_000
    assert [p["method"] for p in packages[1:]] == ["direct", "direct"]
    assert all(len(p["payment_plan"]) >= 2 for p in packages)
