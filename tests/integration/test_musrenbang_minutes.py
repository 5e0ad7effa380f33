"""The kecamatan forum's minutes (fix 18I): a public document anyone reads as PDF; one
valid minutes per kecamatan and cycle (a re-issue replaces the earlier); the forum's
date inside the kecamatan phase and not in the future; attendees not blank; the PDF
numbered, with each proposal's RW, Indonesian decimals, and the rejected and pending
proposals of the kecamatan too."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from queue_server.eservices.planning.musrenbang import minutes as minutes_module
from queue_server.services.cases import city_today
from tests.conftest import login
from tests.integration.test_musrenbang_pages import _signed_in
from tests.integration.test_musrenbang_support import (
    YEAR,
    act,
    call,
    move_phases,
    propose,
    set_up,
)

pytestmark = pytest.mark.sqlite_only("documents over rows both databases hold alike")


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The Layouts the minutes were rendered from (what the PDF prints)."""
    seen: list[Any] = []
    real = minutes_module.render

    def keep(layout: Any, *args: Any, **kwargs: Any) -> bytes:
        seen.append(layout)
        return real(layout, *args, **kwargs)

    monkeypatch.setattr(minutes_module, "render", keep)
    return seen


def _at_forum(client: Any, engine: Any, clock: Any) -> dict[str, str]:
    today = city_today(clock, "Asia/Jakarta")
    set_up(client, today)
    agreed = propose(client, item="JL-PAV", quantity="2.5").get_json()["ref"]
    turned = propose(client, user="rw02", item="TPS", quantity="1").get_json()["ref"]
    waiting = propose(client, item="PJU", quantity="1").get_json()["ref"]
    act(client, "kelurahan", agreed, "verify")
    act(client, "kelurahan", turned, "reject", "Lahan tidak tersedia")
    move_phases(engine, today, "kecamatan")
    act(client, "kecamatan", agreed, "forum")
    return {"agreed": agreed, "turned": turned, "waiting": waiting}


def test_the_minutes_pdf_is_public_and_lists_every_proposal(
        client: Any, clock: Any, engine: Any, layouts: list[Any]) -> None:
    refs = _at_forum(client, engine, clock)
    today = city_today(clock, "Asia/Jakarta")
    issued = call(client, "kecamatan", "POST", f"/cycles/{YEAR}/minutes",
                  {"held_on": today.isoformat(), "attendees": ["Camat", "Lurah"]})
    assert issued.status_code == 201, issued.get_json()
    code = issued.get_json()["code"]
    assert client.get(f"/api/v1/documents/{code}/pdf").status_code == 200  # anonymous
    for user in ("kelurahan", "rw01", "bappeda"):
        token = login(client, user)
        reply = client.get(f"/api/v1/documents/{code}/pdf",
                           headers={"Authorization": f"Bearer {token}"})
        assert reply.status_code == 200, user
    layout = layouts[-1]
    assert layout.number and layout.number.startswith("BA-001/MUSRENBANG/")
    text = "\n".join(layout.paragraphs)
    assert f"{refs['agreed']} | RW 01 Kedungdoro |" in text
    assert f"{refs['turned']} | RW 02 Kedungdoro |" in text
    line = next(p for p in layout.paragraphs if p.startswith(refs["agreed"]))
    assert "| 2,5 m² |" in line and "2.50" not in line
    assert refs["turned"] in text and refs["waiting"] in text
    assert "Usulan yang ditolak (1 usulan):" in text
    assert layout.signer_title == "Camat Tegalsari"
    assert layout.signer_name == "Petugas Kecamatan Tegalsari"  # the signing user (fix 18O)


def test_a_reissue_replaces_and_bad_dates_or_blank_attendees_are_refused(
        client: Any, clock: Any, engine: Any) -> None:
    _at_forum(client, engine, clock)
    today = city_today(clock, "Asia/Jakarta")
    path = f"/cycles/{YEAR}/minutes"
    future = call(client, "kecamatan", "POST", path, {
        "held_on": (today + timedelta(days=1)).isoformat(), "attendees": ["Camat"]})
    assert future.status_code == 422
    assert future.get_json()["error"]["code"] == "musrenbang_minutes_date_invalid"
    before = call(client, "kecamatan", "POST", path, {
        "held_on": (today - timedelta(days=30)).isoformat(), "attendees": ["Camat"]})
    assert before.status_code == 422
    blank = call(client, "kecamatan", "POST", path, {"held_on": today.isoformat(),
                                                     "attendees": ["  ", ""]})
    assert blank.status_code == 422
    first = call(client, "kecamatan", "POST", path, {"held_on": today.isoformat(),
                                                     "attendees": ["Camat"]}).get_json()["code"]
    second = call(client, "kecamatan", "POST", path, {"held_on": today.isoformat(),
                                                      "attendees": ["Camat", "Lurah"]})
    assert second.status_code == 201
    old = client.get(f"/api/v1/documents/{first}").get_json()
    assert old["status"] == "replaced", old


def test_a_refused_minutes_form_comes_back_as_sent(client: Any, clock: Any,
                                                   engine: Any) -> None:
    _at_forum(client, engine, clock)
    today = city_today(clock, "Asia/Jakarta")
    token = _signed_in(client, "kecamatan", "/musrenbang/verifikasi")
    refused = client.post("/musrenbang/verifikasi/berita-acara", data={
        "csrf_token": token, "held_on": (today + timedelta(days=2)).isoformat(),
        "attendees": "Camat Tegalsari\nLurah Kedungdoro"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert f'value="{(today + timedelta(days=2)).isoformat()}"' in page
    assert "Camat Tegalsari\nLurah Kedungdoro</textarea>" in page
    assert 'id="e-minutes"' in page
