"""e-Wadul: actions through the API for each role (citizen, Media Center desk, an
office's staff and head, admin, another office's staff), the category's routing and
days, merging, and the citizen's rating and reopening window in working days."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.integration.wadul_public_support import ref_of
from tests.integration.wadul_support import *  # noqa: F403
from tests.integration.wadul_support import REPORTS, act, answered, file, forwarded


def _error(reply: Any) -> str:
    return str(reply.get_json()["error"]["code"])


def test_a_complaint_goes_from_filing_to_rating_through_each_role(
        client: Any, citizen: Any, desk: Any, opd: Any, wadul: Engine) -> None:
    code = file(client)
    assert act(desk, code, "verify").get_json()["state"] == "verified"
    moved = act(desk, code, "forward").get_json()
    assert moved["state"] == "forwarded" and moved["office"]["code"] == "dsdabm"
    assert act(opd, code, "accept").get_json()["state"] == "in_progress"
    assert act(opd, code, "answer", comment="Sudah ditambal.").get_json()["state"] == "answered"
    rated = act(citizen, code, "rate", rating=4).get_json()
    assert rated["state"] == "closed" and rated["rating"] == 4
    assert [line["action"] for line in rated["timeline"]] == [
        "file", "verify", "forward", "accept", "answer", "rate"]


@pytest.mark.sqlite_only("the refusals are the workflow's; both databases run the others")
@pytest.mark.parametrize(("who", "action", "status", "code"), [
    ("citizen", "verify", 403, "action_forbidden"),
    ("opd", "verify", 403, "wrong_office"),  # the case is still the Media Center's
    ("desk", "accept", 409, "action_not_allowed"),
    ("desk", "answer", 409, "action_not_allowed"),
    ("desk", "fly", 422, "unknown_action"),
    ("desk", "reject", 422, "comment_required"),
])
def test_actions_refused_on_a_new_complaint(
        client: Any, citizen: Any, desk: Any, opd: Any, wadul: Engine, who: str, action: str,
        status: int, code: str) -> None:
    case = file(client)
    api = {"citizen": citizen, "desk": desk, "opd": opd}[who]
    reply = act(api, case, action)
    assert reply.status_code == status, reply.get_json()
    assert _error(reply) == code


def test_on_a_forwarded_complaint_only_its_office_takes_it_on(
        client: Any, citizen: Any, desk: Any, opd: Any, head: Any, other_office: Any,
        wadul: Engine) -> None:
    code = forwarded(client, desk)
    refused = act(other_office, code, "accept")
    assert refused.status_code == 403 and _error(refused) == "wrong_office"
    assert other_office.get(f"{REPORTS}/{code}").status_code == 403
    assert _error(act(desk, code, "accept")) == "action_forbidden"
    assert _error(act(citizen, code, "close")) == "action_not_allowed"
    assert act(head, code, "accept").status_code == 200  # a head is office staff too
    assert act(head, code, "forward", opd="dlh").get_json()["office"]["code"] == "dlh"
    assert act(other_office, code, "accept").status_code == 200  # now dlh's
    assert act(opd, code, "answer", comment="x").status_code == 403


def test_an_office_returns_a_complaint_to_the_desk_which_sees_it_as_returned(
        client: Any, citizen: Any, desk: Any, opd: Any, wadul: Engine) -> None:
    code = forwarded(client, desk)
    assert _error(act(opd, code, "return")) == "comment_required"
    assert act(opd, code, "return", comment="Bukan jalan kota.").get_json()["state"] == (
        "verified")
    queue = desk.get("/api/v1/wadul/desk/queue?state=returned").get_json()
    assert [row["ref"] for row in queue["items"]] == [ref_of(wadul, code)]


def test_accept_gives_the_office_the_categorys_working_days(
        client: Any, citizen: Any, desk: Any, opd: Any, other_office: Any, wadul: Engine) -> None:
    road = forwarded(client, desk)  # jalan-rusak: 5 working days, dsdabm
    rubbish = forwarded(client, desk, category="sampah")  # 2 working days, dlh
    assert act(desk, road, "verify").status_code == 409
    # Monday 23 November 2026: 5 working days on is Monday 30, 2 is Wednesday 25.
    assert act(opd, road, "accept").get_json()["state_due"] == "2026-11-30"
    assert act(other_office, rubbish, "accept").get_json()["state_due"] == "2026-11-25"


def test_forward_to_an_unknown_office_is_refused(
        client: Any, citizen: Any, desk: Any, wadul: Engine) -> None:
    code = file(client)
    act(desk, code, "verify")
    reply = act(desk, code, "forward", opd="dinas-tidak-ada")
    assert reply.status_code == 422 and _error(reply) == "office_not_found"
    assert desk.get(f"{REPORTS}/{code}").get_json()["state"] == "verified"


@pytest.mark.sqlite_only("input checks; no database-specific behaviour")
def test_merge_needs_another_complaint_not_merged_itself(
        client: Any, citizen: Any, desk: Any, wadul: Engine) -> None:
    first, second, third = file(client), file(client), file(client)
    assert _error(act(desk, second, "merge", comment="sama")) == "duplicate_required"
    assert _error(act(desk, second, "merge", comment="sama",
                      duplicate_of=second)) == "invalid_duplicate"
    merged = act(desk, second, "merge", comment="sama", duplicate_of=first.lower())
    assert merged.get_json()["state"] == "merged"  # the desk may give the original's code
    assert merged.get_json()["duplicate_of"] == ref_of(wadul, first)  # and gets its ref
    assert _error(act(desk, third, "merge", comment="sama",
                      duplicate_of=second)) == "invalid_duplicate"


def test_the_citizen_rates_once_with_a_rating_from_one_to_five(
        client: Any, citizen: Any, desk: Any, opd: Any, wadul: Engine) -> None:
    code = answered(client, desk, opd)
    for bad in (0, 6, "5", None):
        reply = act(citizen, code, "rate", rating=bad)
        assert reply.status_code == 422 and _error(reply) in ("invalid_rating", "invalid_body")
    assert act(citizen, code, "rate", rating=5).status_code == 200
    again = act(citizen, code, "rate", rating=3)
    assert again.status_code == 409 and _error(again) == "rated_already"


def test_the_citizen_reopens_within_ten_working_days_and_not_after(
        client: Any, citizen: Any, clock: Any, desk: Any, opd: Any, wadul: Engine) -> None:
    code = answered(client, desk, opd)
    late = answered(client, desk, opd)
    assert _error(act(citizen, code, "reopen")) == "comment_required"
    reopened = act(citizen, code, "reopen", comment="Lubangnya muncul lagi.").get_json()
    assert reopened["state"] == "in_progress" and reopened["rating"] is None
    clock.advance(days=15)  # Monday 23 to Tuesday 8 December: 11 working days
    assert date(2026, 12, 8) == clock.now().date()
    for action, body in (("reopen", {"comment": "lagi"}), ("rate", {"rating": 4})):
        reply = act(citizen, late, action, **body)
        assert reply.status_code == 409 and _error(reply) == "action_too_late"
    assert act(citizen, late, "close").status_code == 200  # closing has no window


@pytest.mark.sqlite_only("a lookup; no database-specific behaviour")
def test_an_unknown_code_is_404(client: Any, citizen: Any, desk: Any, wadul: Engine) -> None:
    assert client.get(f"{REPORTS}/ZZZZZZZZZZ").status_code == 404
    assert act(citizen, "ZZZZZZZZZZ", "close").status_code == 404
