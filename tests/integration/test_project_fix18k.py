"""A package's schedule ends within its budget line's year unless it is a multi-year
contract with the reason of its approval (review of issue 18, fix 18K)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.test_budgeting_support import PROJECTS, caller, programme_line

pytestmark = pytest.mark.sqlite_only("the rule runs in Python over rows both databases "
                                     "hold alike")


def _add(client: Any, line: int, **body: Any) -> Any:
    return caller(client, "opd").post(f"{PROJECTS}/packages", {
        "line": line, "title": "Saluran Jl. Kedungdoro", "value": 300_000_000,
        "category": "works", "starts": "2027-03-01", "ends": "2027-12-31", **body})


def _patch(client: Any, code: str, **body: Any) -> Any:
    return client.patch(f"{PROJECTS}/packages/{code}", json=body,
                        headers=caller(client, "opd").headers())


def test_a_schedule_past_the_lines_year_needs_a_multi_year_approval(client: Any) -> None:
    line = programme_line(client, amount_units=4000)  # a 2027 line
    late = _add(client, line, ends="2028-01-30")
    assert (late.status_code, late.get_json()["error"]["code"]) == (
        422, "project_beyond_budget_year")
    assert late.get_json()["error"]["last_day"] == "2027-12-31"
    bare = _add(client, line, ends="2028-01-30", multi_year=True)
    assert bare.get_json()["error"]["code"] == "project_multi_year_reason_required"
    made = _add(client, line, ends="2028-01-30", multi_year=True,
                multi_year_reason="Persetujuan DPRD 12/2026")
    assert made.status_code == 201, made.get_json()
    assert made.get_json()["multi_year_reason"] == "Persetujuan DPRD 12/2026"
    single = _add(client, line, value=100_000_000).get_json()["code"]
    moved = _patch(client, single, ends="2028-02-28")
    assert (moved.status_code, moved.get_json()["error"]["code"]) == (
        422, "project_beyond_budget_year")
    marked = _patch(client, single, ends="2028-02-28", multi_year=True,
                    multi_year_reason="Perda 3/2026")
    assert marked.status_code == 200 and marked.get_json()["multi_year"] is True
