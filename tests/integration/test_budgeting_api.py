"""e-Budgeting through its API: standard costs from CSV (all or nothing, refusals named),
office ceilings, lines from proposals and programmes with their flags, the agency's
decisions (a flagged line only with a reason), and who may do what per office."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

from tests.integration.test_budgeting_support import (
    ACCOUNT,
    BUDGET,
    YEAR,
    caller,
    make_proposal,
    programme_line,
    put,
)

pytestmark = pytest.mark.sqlite_only("the rules run in Python over rows both databases "
                                     "hold alike; the concurrency test runs on both")
CSV = "code,name,unit,price\nSSH.1,Hotmix,m2,185000\nSSH.2,Paving,m2,165000\n"


def _line(client: Any, who: str = "opd", **body: Any) -> Any:
    return caller(client, who).post(f"{BUDGET}/lines", {"office": "dsdabm", "code": ACCOUNT,
                                                        **body})


def test_a_standard_cost_csv_with_bad_rows_is_refused_whole_naming_each_row(
        client: Any) -> None:
    agency = caller(client, "bappeda")
    bad = CSV + "SSH.3,Beton,m3,-5\nSSH.1,Lagi,m2,100\n,Kosong,m,1\nSSH.4,X,m,9" + "9" * 20
    reply = put(agency, f"{BUDGET}/standard-costs", {"year": YEAR, "csv": bad})
    assert reply.status_code == 422
    error = reply.get_json()["error"]
    assert error["code"] == "budgeting_standard_costs_invalid"
    assert [r["row"] for r in error["rows"]] == [3, 4, 5, 6]
    assert "baris 3" in error["message"]
    listed = agency.get(f"{BUDGET}/standard-costs?year={YEAR}").get_json()["items"]
    assert listed == []
    header = put(agency, f"{BUDGET}/standard-costs", {"year": YEAR, "csv": "a,b\n1,2\n"})
    assert header.get_json()["error"]["rows"][0]["row"] == 0
    assert put(agency, f"{BUDGET}/standard-costs",
               {"year": YEAR, "csv": CSV}).get_json() == {"loaded": 2}
    again = put(agency, f"{BUDGET}/standard-costs",
                {"year": YEAR, "csv": "code,name,unit,price\nSSH.1,Hotmix,m2,190000\n"})
    assert again.get_json() == {"loaded": 1}
    listed = agency.get(f"{BUDGET}/standard-costs?year={YEAR}").get_json()["items"]
    assert [(r["code"], r["price"]) for r in listed] == [("SSH.1", 190000), ("SSH.2", 165000)]


def test_only_the_agency_or_admin_loads_standard_costs_and_sets_ceilings(client: Any) -> None:
    for who in ("opd", "ppk-dsdabm", "kelurahan"):
        assert put(caller(client, who), f"{BUDGET}/standard-costs",
                   {"year": YEAR, "csv": CSV}).status_code == 403
        assert put(caller(client, who), f"{BUDGET}/ceilings",
                   {"year": YEAR, "office": "dsdabm", "amount": 1}).status_code == 403
    assert put(caller(client, "admin"), f"{BUDGET}/ceilings",
               {"year": YEAR, "office": "dsdabm", "amount": 5}).status_code == 200
    reply = put(caller(client, "bappeda"), f"{BUDGET}/ceilings",
                {"year": YEAR, "office": "dlh", "amount": 7})
    assert {(c["office"], c["amount"]) for c in reply.get_json()["items"]} == {
        ("dsdabm", 5), ("dlh", 7)}
    own = caller(client, "opd").get(f"{BUDGET}/ceilings?year={YEAR}").get_json()["items"]
    assert [(c["office"], c["amount"]) for c in own] == [("dsdabm", 5)]
    unknown = put(caller(client, "bappeda"), f"{BUDGET}/ceilings",
                  {"year": YEAR, "office": "nope", "amount": 1})
    assert unknown.get_json()["error"]["code"] == "budgeting_office_unknown"


def test_an_accepted_proposal_becomes_one_line_priced_from_its_adjusted_price(
        client: Any, engine: Engine) -> None:
    ref = make_proposal(engine, quantity="120", unit_price=150_000, adjusted=140_000)
    ready = caller(client, "opd").get(f"{BUDGET}/proposals?office=dsdabm").get_json()["items"]
    assert [p["ref"] for p in ready] == [ref] and "nik" not in ready[0]
    reply = _line(client, proposal=ref)
    assert reply.status_code == 201, reply.get_json()
    line = reply.get_json()
    assert (line["source"], line["proposal"], line["year"]) == ("musrenbang", ref, YEAR)
    assert (line["unit_price"], line["amount"], line["state"]) == (140_000, 16_800_000, "draft")
    again = _line(client, proposal=ref)
    assert (again.status_code, again.get_json()["error"]["code"]) == (
        409, "budgeting_proposal_budgeted")
    assert caller(client, "opd").get(f"{BUDGET}/proposals?office=dsdabm").get_json() == {
        "items": []}


@pytest.mark.parametrize(("state", "within"), [("kecamatan_verified", True),
                                                ("rejected", True), ("accepted", False)])
def test_a_proposal_not_accepted_or_out_of_the_ceiling_is_not_budgeted(
        client: Any, engine: Engine, state: str, within: bool) -> None:
    reply = _line(client, proposal=make_proposal(engine, state=state, within=within))
    assert (reply.status_code, reply.get_json()["error"]["code"]) == (
        409, "budgeting_proposal_not_ready")


def test_another_office_cannot_budget_a_proposal_or_make_lines_for_an_office(
        client: Any, engine: Engine) -> None:
    ref = make_proposal(engine, office="dlh")
    assert _line(client, proposal=ref).status_code == 403
    assert _line(client, "dlh", proposal=make_proposal(engine)).status_code == 403
    assert _line(client, "kelurahan", title="x", year=YEAR, standard_cost="SSH.1",
                 quantity=1).status_code == 403
    assert _line(client, "dlh", proposal=ref, office="dlh").status_code == 201


def test_a_bad_account_code_or_unknown_standard_cost_is_a_clear_422(client: Any) -> None:
    put(caller(client, "bappeda"), f"{BUDGET}/standard-costs", {"year": YEAR, "csv": CSV})
    reply = _line(client, title="Jalan", year=YEAR, standard_cost="SSH.1", quantity=10,
                  code="5.1.02")
    assert reply.status_code == 422
    assert reply.get_json()["error"]["code"] == "budgeting_account_code_invalid"
    missing = _line(client, title="Jalan", year=YEAR, standard_cost="SSH.9", quantity=10)
    assert missing.get_json()["error"]["code"] == "budgeting_standard_cost_not_found"
    bare = _line(client, title="", year=YEAR, standard_cost="SSH.1", quantity=10)
    assert bare.get_json()["error"]["code"] == "budgeting_line_invalid"
    huge = _line(client, title="Jalan", year=YEAR, standard_cost="SSH.1", quantity=10**9,
                 unit_price=10**14)
    assert (huge.status_code, huge.get_json()["error"]["code"]) == (
        422, "budgeting_line_invalid")


def test_a_flagged_line_is_approved_only_with_a_reason_and_only_by_the_agency(
        client: Any) -> None:
    put(caller(client, "bappeda"), f"{BUDGET}/ceilings",
        {"year": YEAR, "office": "dsdabm", "amount": 100_000_000})
    line_id = programme_line(client, amount_units=1000, approve=False, price=190_000)
    line = caller(client, "opd").get(f"{BUDGET}/lines/{line_id}").get_json()
    assert line["flags"] == ["over_standard", "over_office_ceiling"]
    path = f"{BUDGET}/lines/{line_id}/decision"
    for who in ("opd", "ppk-dsdabm", "kepala-opd"):
        assert caller(client, who).post(path, {"approve": True, "reason": "x"}
                                        ).status_code == 403
    bare = caller(client, "bappeda").post(path, {"approve": True, "reason": "  "})
    assert bare.status_code == 422
    assert bare.get_json()["error"]["code"] == "budgeting_reason_required"
    assert bare.get_json()["error"]["flags"] == ["over_standard", "over_office_ceiling"]
    done = caller(client, "bappeda").post(path, {"approve": True, "reason": "Harga naik"})
    assert (done.get_json()["state"], done.get_json()["reason"]) == ("approved", "Harga naik")
    assert caller(client, "bappeda").post(path, {"approve": False, "reason": "x"}
                                          ).status_code == 409


def test_a_clean_line_is_approved_without_a_reason_but_rejected_only_with_one(
        client: Any) -> None:
    first = programme_line(client, amount_units=10, approve=False)
    second = programme_line(client, amount_units=10, approve=False)
    agency = caller(client, "bappeda")
    assert agency.post(f"{BUDGET}/lines/{first}/decision", {"approve": True}
                       ).get_json()["state"] == "approved"
    assert agency.post(f"{BUDGET}/lines/{second}/decision", {"approve": False}
                       ).status_code == 422
    assert agency.post(f"{BUDGET}/lines/{second}/decision",
                       {"approve": False, "reason": "Bukan prioritas"}
                       ).get_json()["state"] == "rejected"
    assert agency.post(f"{BUDGET}/lines/999999/decision", {"approve": True}
                       ).status_code == 404


def test_an_office_reads_its_own_lines_the_agency_and_admin_read_all(app: Any,
                                                                   client: Any) -> None:
    line_id = programme_line(client, amount_units=10)
    assert [x["id"] for x in caller(client, "opd").get(f"{BUDGET}/lines").get_json()[
        "items"]] == [line_id]
    assert caller(client, "dlh").get(f"{BUDGET}/lines").get_json()["items"] == []
    assert caller(client, "dlh").get(f"{BUDGET}/lines?office=dsdabm").status_code == 403
    assert caller(client, "dlh").get(f"{BUDGET}/lines/{line_id}").status_code == 403
    for who in ("bappeda", "admin"):
        assert len(caller(client, who).get(f"{BUDGET}/lines?office=dsdabm&state=approved"
                                           ).get_json()["items"]) == 1
    assert app.test_client().get(f"{BUDGET}/lines").status_code == 401
