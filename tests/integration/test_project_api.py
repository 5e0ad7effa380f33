"""e-Project through its API: packages of an approved line with the method from the
thresholds, the payment plan and planned progress, gap-free codes and ocids, never above
the line, draft → planned → cancelled, and who may do what per office."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.test_budgeting_support import PROJECTS, caller, programme_line

pytestmark = pytest.mark.sqlite_only("the rules run in Python over rows both databases "
                                     "hold alike; the concurrency test runs on both")
PLAN = [{"termin": 1, "percent": 40, "month": "2027-04"},
        {"termin": 2, "percent": 60, "month": "2027-08"}]


def _add(client: Any, line: int, who: str = "opd", **body: Any) -> Any:
    return caller(client, who).post(f"{PROJECTS}/packages", {
        "line": line, "title": "Hotmix Jl. Kedungdoro", "value": 300_000_000,
        "category": "works", "starts": "2027-03-01", "ends": "2027-08-31", **body})


def test_a_package_gets_a_gap_free_code_its_ocid_and_the_suggested_method(
        client: Any) -> None:
    line = programme_line(client, amount_units=4000)  # Rp 740 juta
    first = _add(client, line, payment_plan=PLAN)
    assert first.status_code == 201, first.get_json()
    body = first.get_json()
    assert (body["code"], body["ocid"]) == ("PKT-2027-0001", "ocds-sby000-PKT-2027-0001")
    assert (body["method"], body["method_suggested"], body["state"]) == (
        "tender", "tender", "draft")
    assert body["payment_plan"][1] == {"termin": 2, "percent": 60.0, "month": "2027-08"}
    assert len(body["plan"]) == 6 and body["plan"][-1]["percent"] == 100.0
    second = _add(client, line, "ppk-dsdabm", value=150_000_000).get_json()
    assert (second["code"], second["method"]) == ("PKT-2027-0002", "direct")
    assert second["payment_plan"] == [{"termin": 1, "percent": 100.0, "month": "2027-08"}]
    suggested = caller(client, "opd").get(f"{PROJECTS}/method?value=150000000&category="
                                          "consulting").get_json()
    assert suggested == {"method": "tender", "needs_tender": True, "direct_limit": 100_000_000}


def test_direct_procurement_above_its_limit_and_a_bad_plan_are_refused(client: Any) -> None:
    line = programme_line(client, amount_units=4000)
    direct = _add(client, line, method="direct")
    assert (direct.status_code, direct.get_json()["error"]["code"]) == (
        422, "project_method_not_allowed")
    half = _add(client, line, payment_plan=PLAN[:1])
    assert (half.status_code, half.get_json()["error"]["code"]) == (422, "project_plan_invalid")
    backwards = _add(client, line, starts="2027-09-01")
    assert backwards.get_json()["error"]["code"] == "project_plan_invalid"
    assert caller(client, "opd").get(f"{PROJECTS}/packages").get_json()["items"] == []


def test_packages_never_add_up_above_the_line_and_a_cancelled_one_frees_its_value(
        client: Any) -> None:
    line = programme_line(client, amount_units=2000)  # Rp 370 juta
    code = _add(client, line).get_json()["code"]
    over = _add(client, line, value=70_000_001)
    assert over.status_code == 409
    error = over.get_json()["error"]
    assert (error["code"], error["left"]) == ("project_line_exceeded", 70_000_000)
    assert "Rp 70.000.000" in error["message"]
    assert _add(client, line, value=70_000_000).status_code == 201
    opd = caller(client, "opd")
    assert opd.post(f"{PROJECTS}/packages/{code}/actions", {"action": "cancel"}
                    ).get_json()["state"] == "cancelled"
    assert _add(client, line, value=300_000_000).status_code == 201


def test_a_line_not_yet_approved_has_no_packages(client: Any) -> None:
    line = programme_line(client, amount_units=2000, approve=False)
    reply = _add(client, line)
    assert (reply.status_code, reply.get_json()["error"]["code"]) == (
        409, "project_line_not_approved")
    assert _add(client, 999_999).status_code == 404


def test_only_the_lines_office_makes_and_moves_its_packages(client: Any) -> None:
    line = programme_line(client, amount_units=4000)
    for who in ("dlh", "bappeda", "kelurahan", "penyedia"):
        assert _add(client, line, who).status_code == 403, who
    code = _add(client, line).get_json()["code"]
    path = f"{PROJECTS}/packages/{code}"
    assert caller(client, "dlh").post(f"{path}/actions", {"action": "plan"}).status_code == 403
    assert caller(client, "dlh").get(path).status_code == 403
    assert caller(client, "dlh").get(f"{PROJECTS}/packages?office=dsdabm").status_code == 403
    assert caller(client, "dlh").get(f"{PROJECTS}/packages").get_json()["items"] == []
    assert len(caller(client, "bappeda").get(f"{PROJECTS}/packages").get_json()["items"]) == 1
    assert caller(client, "admin").get(path).status_code == 200


def test_a_draft_package_is_planned_once_and_cancelled_only_before_a_contract(
        client: Any) -> None:
    line = programme_line(client, amount_units=4000)
    code = _add(client, line).get_json()["code"]
    act = f"{PROJECTS}/packages/{code}/actions"
    ppk = caller(client, "ppk-dsdabm")
    assert ppk.post(act, {"action": "plan"}).get_json()["state"] == "planned"
    again = ppk.post(act, {"action": "plan"})
    assert (again.status_code, again.get_json()["error"]["code"]) == (409, "project_wrong_state")
    assert ppk.post(act, {"action": "cancel"}).get_json()["state"] == "cancelled"
    assert ppk.post(act, {"action": "cancel"}).status_code == 409
    assert ppk.post(f"{PROJECTS}/packages/PKT-1-9/actions", {"action": "plan"}
                    ).status_code == 404
