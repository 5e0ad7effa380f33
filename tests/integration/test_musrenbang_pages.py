"""e-Musrenbang's staff pages without a browser (the form checked again by the server,
the work list's steps and refusals) and the kecamatan forum's minutes (a signed
document listing the agreed proposals, linked from the public page)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from queue_server.services.cases import city_today
from tests.integration.test_musrenbang_support import (
    YEAR,
    act,
    call,
    move_phases,
    propose,
    set_up,
)

pytestmark = pytest.mark.sqlite_only("pages over rows both databases hold alike")


def _signed_in(client: Any, username: str, path: str) -> str:
    page = client.get(path).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    back = "rw" if path.endswith("/rw") else "verifikasi"
    reply = client.post(f"/musrenbang/login?back={back}", data={
        "username": username, "password": "demo", "csrf_token": token})
    assert reply.status_code == 303
    page = client.get(path).get_data(as_text=True)  # the signed-in session's own token
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def test_the_server_refuses_a_form_over_the_ceiling(client: Any, clock: Any) -> None:
    set_up(client, city_today(clock, "Asia/Jakarta"), rw_ceiling=10_000_000)
    token = _signed_in(client, "rw01", "/musrenbang/rw")
    form = {"csrf_token": token, "item": "PJU", "quantity": "2", "location": "Gg. I",
            "priority": "1", "justification": "", "lat": "", "lon": ""}
    over = client.post("/musrenbang/rw", data=form)
    assert over.status_code == 422
    assert "melebihi sisa pagu RW: tersisa Rp 10.000.000" in over.get_data(as_text=True)
    sent = client.post("/musrenbang/rw", data={**form, "quantity": "1"})
    assert sent.status_code == 201 and f"USL-{YEAR}-0001" in sent.get_data(as_text=True)


def test_the_work_list_shows_only_the_offices_step(client: Any, clock: Any) -> None:
    set_up(client, city_today(clock, "Asia/Jakarta"))
    ref = propose(client).get_json()["ref"]
    token = _signed_in(client, "kecamatan", "/musrenbang/verifikasi")
    assert ref not in client.get("/musrenbang/verifikasi").get_data(as_text=True)
    client.post("/musrenbang/logout", data={"csrf_token": token})
    token = _signed_in(client, "kelurahan", "/musrenbang/verifikasi")
    assert ref in client.get("/musrenbang/verifikasi").get_data(as_text=True)
    refused = client.post(f"/musrenbang/verifikasi/{ref}",
                          data={"csrf_token": token, "action": "reject", "comment": ""})
    assert refused.status_code == 422
    done = client.post(f"/musrenbang/verifikasi/{ref}",
                       data={"csrf_token": token, "action": "verify", "comment": ""})
    assert done.status_code == 303


def test_the_kecamatan_forum_issues_signed_minutes(client: Any, clock: Any, engine: Any) -> None:
    today = city_today(clock, "Asia/Jakarta")
    set_up(client, today)
    ref = propose(client).get_json()["ref"]
    act(client, "kelurahan", ref, "verify")
    move_phases(engine, today, "kecamatan")
    act(client, "kecamatan", ref, "forum")
    body = {"held_on": today.isoformat(), "attendees": ["Camat", "Lurah Kedungdoro"]}
    assert call(client, "kelurahan", "POST", f"/cycles/{YEAR}/minutes", body).status_code == 403
    issued = call(client, "kecamatan", "POST", f"/cycles/{YEAR}/minutes", body)
    assert issued.status_code == 201, issued.get_json()
    code = issued.get_json()["code"]
    assert issued.get_json()["proposals"] == 1
    assert client.get(f"/v/{code}").status_code == 200
    assert f"/v/{code}" in client.get("/musrenbang").get_data(as_text=True)
