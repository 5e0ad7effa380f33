"""e-Controlling's monthly reports through the API: who may report and decide (403 for
another provider or office), the month and progress rules, photos kept without their
metadata (0600) and who sees them, a resend replacing a waiting month, approval final."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.integration.controlling_support import (
    approved,
    caller,
    contract,
    decide,
    fresh_user,
    send,
)
from tests.support import images
from tests.support.factories import error

pytestmark = pytest.mark.sqlite_only("module rules on the ORM, nothing database-specific")


@pytest.fixture
def files(app: Any, tmp_path: Path) -> Path:
    app.instance_path = str(tmp_path)
    return tmp_path / "files" / "planning"


@pytest.fixture
def started(engine: Engine) -> int:
    return contract(engine)


def test_the_provider_reports_and_the_ppk_approves(client: Any, started: int,
                                                   files: Path) -> None:
    penyedia, ppk = caller(client, "penyedia"), caller(client, "ppk-dsdabm")
    sent = send(penyedia, started)
    assert sent.status_code == 201, sent.get_json()
    body = sent.get_json()
    assert (body["month"], body["physical"], body["state"]) == ("2026-08", 10.0, "submitted")
    assert len(body["photos"]) == 1
    done = decide(ppk, body["id"])
    assert done.status_code == 200 and done.get_json()["state"] == "approved"
    again = decide(ppk, body["id"])
    assert again.status_code == 409
    assert error(again) == "controlling_report_not_pending"


def test_photos_are_kept_without_metadata_0600_and_shown_by_role(
        client: Any, app: Any, started: int, files: Path) -> None:
    penyedia = caller(client, "penyedia")
    sent = send(penyedia, started, photos=[images.jpeg(artist=images.ARTIST, gps=True),
                                           images.png()])
    assert sent.status_code == 201, sent.get_json()
    kept = [p for p in files.rglob("*") if p.is_file()]
    assert len(kept) == 2
    for path in kept:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert images.exif_of(path.read_bytes()) == {} and b"Budi" not in path.read_bytes()
    url = sent.get_json()["photos"][0]["url"]
    assert caller(client, "opd").get(url).status_code == 200  # the office's people
    assert penyedia.get(url).headers["Content-Type"] == "image/jpeg"
    assert app.test_client().get(url).status_code == 404  # not public before approval
    assert caller(client, "kecamatan").get(url).status_code == 403
    assert decide(caller(client, "ppk-dsdabm"), sent.get_json()["id"]).status_code == 200
    assert app.test_client().get(url).status_code == 200  # public once approved


def test_another_provider_and_another_office_s_ppk_are_refused(
        client: Any, engine: Engine, started: int, files: Path) -> None:
    other_firm = caller(client, *fresh_user(engine, "pt-bangun-jaya"))
    other_ppk = caller(client, *fresh_user(engine, "dlh", "ppk"))
    refused = send(other_firm, started)
    assert refused.status_code == 403 and error(refused) == "controlling_forbidden"
    assert send(caller(client, "ppk-dsdabm"), started).status_code == 403  # not the provider
    sent = send(caller(client, "penyedia"), started)
    report_id = sent.get_json()["id"]
    for who in (other_ppk, caller(client, "opd"), caller(client, "penyedia")):
        assert decide(who, report_id).status_code == 403
    assert other_firm.get(
        "/api/v1/controlling/packages/PKT-2026-0901").status_code == 403


def test_progress_never_falls_and_an_approved_month_is_final(
        client: Any, started: int, files: Path) -> None:
    penyedia, ppk = caller(client, "penyedia"), caller(client, "ppk-dsdabm")
    approved(penyedia, ppk, started, "2026-09", 40, 30, 100_000_000)
    cases: list[tuple[dict[str, Any], int, str]] = [
             ({"month": "2026-10", "physical": 35}, 422, "controlling_progress_decreased"),
             ({"month": "2026-10", "physical": 50, "financial": 20}, 422,
              "controlling_progress_decreased"),
             ({"month": "2026-10", "physical": 101}, 422, "controlling_percent_out_of_range"),
             ({"month": "2026-09", "physical": 45, "financial": 40}, 409,
              "controlling_report_final"),
             ({"month": "2026-12", "physical": 50, "financial": 40}, 422,
              "controlling_month_in_future"),
             ({"month": "2026-07", "physical": 50, "financial": 40}, 422,
              "controlling_month_before_start"),
             ({"month": "2026-13", "physical": 50}, 422, "controlling_invalid_month"),
             ({"month": "2026-10", "physical": 50, "financial": 40,
               "spent": 400_000_001}, 422, "controlling_spent_above_value")]
    for fields, status, code in cases:
        reply = send(penyedia, started, **{"financial": 40, **fields})
        assert (reply.status_code, error(reply)) == (status, code), fields
    assert error(send(penyedia, started, photos=[])) == "controlling_photo_count"
    assert send(penyedia, started, photos=[images.png()] * 6).status_code == 422
    assert send(penyedia, started, photos=[b"not a picture"]).status_code == 422


def test_a_resend_replaces_the_waiting_month_and_a_return_needs_a_reason(
        client: Any, started: int, files: Path) -> None:
    penyedia, ppk = caller(client, "penyedia"), caller(client, "ppk-dsdabm")
    first = send(penyedia, started, month="2026-10", physical=60, financial=50)
    second = send(penyedia, started, month="2026-10", physical=65, financial=50,
                  photos=[images.png(), images.png((3, 3))])
    assert second.get_json()["id"] == first.get_json()["id"]
    assert (second.get_json()["physical"], len(second.get_json()["photos"])) == (65.0, 2)
    no_reason = decide(ppk, first.get_json()["id"], "return")
    assert error(no_reason) == "controlling_reason_required"
    back = decide(ppk, first.get_json()["id"], "return", "Foto tidak menunjukkan lokasi.")
    assert back.get_json()["state"] == "returned"
    seen = caller(client, "opd").get("/api/v1/controlling/packages/PKT-2026-0901").get_json()
    assert [(r["month"], r["state"], r["reason"]) for r in seen["reports"]] == [
        ("2026-10", "returned", "Foto tidak menunjukkan lokasi.")]


def test_an_id_no_row_can_have_is_404_not_500(client: Any, started: int, files: Path) -> None:
    huge = 2**70
    assert send(caller(client, "penyedia"), huge).status_code == 404
    assert decide(caller(client, "ppk-dsdabm"), huge).status_code == 404
    assert client.get(f"/api/v1/controlling/photos/{huge}").status_code == 404
