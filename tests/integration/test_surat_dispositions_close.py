"""e-Surat dispositions: a withdrawn disposition takes its access away (unless another
live one remains) and the timeline says "Ditarik"; passing a disposition on does not
close the letter until every live disposition, the passed-on one included, is done,
whichever holder follows up first; a due date on a day off and a disposition to oneself
are refused."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.integration.surat_in_support import *  # noqa: F403
from tests.integration.surat_in_support import SECRET, caller
from tests.integration.test_surat_incoming_api import register

pytestmark = pytest.mark.sqlite_only("disposition rules: no database behaviour")


def _give(client: Any, ref: str, who: str, to: list[str], **extra: Any) -> list[Any]:
    reply = caller(client, who).post(f"/api/v1/surat/letters/{ref}/dispositions",
                                     {"to": to, "instruction": "Mohon dicek", **extra})
    assert reply.status_code == 201, reply.get_json()
    return list(reply.get_json()["items"])


def _state(client: Any, ref: str) -> str:
    return str(caller(client, "kepala-opd").get(f"/api/v1/surat/letters/{ref}")
               .get_json()["state"])


def test_a_withdrawn_disposition_takes_its_access_away(client: Any, surat: Engine) -> None:
    ref = register(client, subject=SECRET, access="rahasia").get_json()["ref"]
    given = _give(client, ref, "tu-dsdabm", ["opd"])[0]
    opd = caller(client, "opd")
    base = f"/api/v1/surat/letters/{ref}"
    back = caller(client, "tu-dsdabm").post(f"{base}/dispositions/{given['id']}/withdraw")
    assert back.status_code == 200, back.get_json()
    assert opd.get(base).status_code == 403
    timeline = caller(client, "tu-dsdabm").get(base).get_json()["timeline"]
    assert (timeline[-1]["action"], timeline[-1]["to_label"],
            timeline[-1]["to_label_en"]) == ("withdraw", "Ditarik", "Withdrawn")


def test_another_live_disposition_keeps_the_access(client: Any, surat: Engine) -> None:
    ref = register(client, subject=SECRET, access="rahasia").get_json()["ref"]
    first = _give(client, ref, "tu-dsdabm", ["opd"])[0]
    _give(client, ref, "kepala-opd", ["opd"])
    caller(client, "tu-dsdabm").post(
        f"/api/v1/surat/letters/{ref}/dispositions/{first['id']}/withdraw")
    assert caller(client, "opd").get(f"/api/v1/surat/letters/{ref}").status_code == 200


@pytest.mark.parametrize("first", ["opd", "kabid-dsdabm"])
def test_a_passed_on_disposition_closes_only_with_its_holder(
        client: Any, surat: Engine, first: str) -> None:
    ref = register(client).get_json()["ref"]
    parent = _give(client, ref, "tu-dsdabm", ["kabid-dsdabm"])[0]
    child = _give(client, ref, "kabid-dsdabm", ["opd"], parent_id=parent["id"])[-1]
    order = {"opd": child["id"], "kabid-dsdabm": parent["id"]}
    second = "kabid-dsdabm" if first == "opd" else "opd"
    base = f"/api/v1/surat/letters/{ref}/dispositions"
    done = caller(client, first).post(f"{base}/{order[first]}/follow-up", {"text": "Beres."})
    assert done.status_code == 200, done.get_json()
    assert _state(client, ref) == "disposed"
    done = caller(client, second).post(f"{base}/{order[second]}/follow-up", {"text": "Ok."})
    assert done.status_code == 200, done.get_json()
    assert _state(client, ref) == "followed_up"


def test_a_due_date_on_a_day_off_is_refused_naming_the_next_working_day(
        client: Any, surat: Engine, clock: Any) -> None:
    ref = register(client).get_json()["ref"]
    today = clock.now().date()
    saturday = today + timedelta(days=(5 - today.weekday()) % 7 or 7)
    reply = caller(client, "tu-dsdabm").post(
        f"/api/v1/surat/letters/{ref}/dispositions",
        {"to": ["opd"], "instruction": "Mohon dicek", "due": saturday.isoformat()})
    assert reply.status_code == 422, reply.get_json()
    said = reply.get_json()["error"]
    assert said["code"] == "due_date_not_working_day"
    following = date.fromisoformat(said["next_working_day"])
    assert following > saturday and following.weekday() < 5
    assert "hari kerja berikutnya" in said["message"] and str(following.day) in said["message"]


def test_nobody_disposes_a_letter_to_themselves(client: Any, surat: Engine) -> None:
    ref = register(client).get_json()["ref"]
    reply = caller(client, "kepala-opd").post(
        f"/api/v1/surat/letters/{ref}/dispositions",
        {"to": ["kepala-opd", "opd"], "instruction": "Saya sendiri"})
    assert reply.status_code == 422 and reply.get_json()["error"]["code"] == "self_disposition"
    listed = caller(client, "kepala-opd").get(f"/api/v1/surat/letters/{ref}/dispositions")
    assert listed.get_json()["items"] == []
