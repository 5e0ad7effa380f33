"""e-Wadul: filing a complaint through the API (JSON, multipart with photos, the Media
Center's entry), and every refusal leaving nothing written."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, text

from queue_server.domain.privacy import mask_name
from tests.conftest import make_app
from tests.integration.wadul_support import *  # noqa: F403
from tests.integration.wadul_support import NAME, NIK, PNG, REPORTS, file, report


def _cases(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM cases")).scalar_one())


def test_a_citizen_files_a_complaint_and_reads_all_of_it_by_its_code(
        client: Any, wadul: Engine) -> None:
    reply = client.post(REPORTS, json=report())
    assert reply.status_code == 201, reply.get_json()
    body = reply.get_json()
    assert body["status"] == "received" and body["confirmed"] is True
    assert body["links"]["page"] == f"/c/{body['code']}"
    mine = client.get(f"{REPORTS}/{body['code']}").get_json()
    assert mine["state"] == "received" and mine["category"]["code"] == "jalan-rusak"
    assert mine["reporter"] == {"name": mask_name(NAME), "phone": "+628******7890",
                                "nik": NIK[:4] + "*" * 8 + NIK[-4:]}  # their own, masked
    assert mine["timeline"][0]["action"] == "file" and mine["timeline"][0]["actor"] is None
    assert mine["office"]["code"] == "media-center" and mine["channel"] == "api"


def test_categories_are_public_with_their_office_days_and_redirect(
        client: Any, wadul: Engine) -> None:
    found = {c["code"]: c for c in client.get("/api/v1/wadul/categories").get_json()}
    assert len(found) >= 20
    assert found["jalan-rusak"]["office"] == "dsdabm" and found["jalan-rusak"]["days"] == 5
    assert found["sampah"]["office"] == "dlh" and found["sampah"]["days"] == 2
    assert "112" in found["kebakaran"]["redirect"]


@pytest.mark.sqlite_only("input checks; no database-specific behaviour")
def test_an_emergency_category_refuses_the_form_and_says_where_to_go(
        client: Any, wadul: Engine) -> None:
    reply = client.post(REPORTS, json=report("kebakaran"))
    assert reply.status_code == 409
    error = reply.get_json()["error"]
    assert error["code"] == "category_redirect" and "112" in error["redirect"]
    assert "112" in error["message"]
    assert _cases(wadul) == 0


@pytest.mark.sqlite_only("input checks; no database-specific behaviour")
@pytest.mark.parametrize(("change", "status", "code"), [
    ({"category": "tidak-ada"}, 404, "category_not_found"),
    ({"description": "rusak"}, 422, "invalid_description"),
    ({"kelurahan": "  "}, 422, "kelurahan_required"),
    ({"lat": 51.5, "lon": -0.12}, 422, "invalid_point"),
    ({"lat": -7.26}, 422, "invalid_point"),
    ({"nik": "1234"}, 422, "invalid_nik"),
    ({"phone": "12345"}, 422, "invalid_phone"),
    ({"anonymous": "perhaps"}, 422, "invalid_body"),
])
def test_bad_input_is_refused_with_a_message_and_writes_nothing(
        client: Any, wadul: Engine, change: dict[str, Any], status: int, code: str) -> None:
    reply = client.post(REPORTS, json={**report(), **change})
    assert reply.status_code == status, reply.get_json()
    assert reply.get_json()["error"]["code"] == code
    assert reply.get_json()["error"]["message"]
    assert _cases(wadul) == 0


def _multipart(photos: list[tuple[bytes, str]], **extra: Any) -> dict[str, Any]:
    from io import BytesIO

    data: dict[str, Any] = {k: str(v) for k, v in report(**extra).items()}
    data["photos"] = [(BytesIO(raw), name) for raw, name in photos]
    return data


def test_a_complaint_with_photos_keeps_them_private_on_disk(
        client: Any, app: Any, wadul: Engine) -> None:
    reply = client.post(REPORTS, data=_multipart([(PNG, "jalan.png"), (PNG, "lagi.jpg")]),
                        content_type="multipart/form-data")
    assert reply.status_code == 201, reply.get_json()
    mine = client.get(f"{REPORTS}/{reply.get_json()['code']}").get_json()
    assert len(mine["photos"]) == 2
    from pathlib import Path
    stored = [p for p in (Path(app.instance_path) / "files").rglob("*") if p.is_file()]
    assert stored and all(p.stat().st_mode & 0o777 == 0o600 for p in stored)


@pytest.mark.parametrize(("photos", "code"), [
    ([(PNG, f"{n}.png") for n in range(4)], "too_many_files"),
    ([(PNG, "ok.png"), (b"hello, not a picture", "bad.jpg")], "file_type_refused"),
    ([(PNG + b"\x00" * 2048, "big.png")], "file_too_large"),
])
def test_photos_over_the_limit_or_of_a_wrong_type_are_refused_and_nothing_is_written(
        engine: Engine, clock: Any, wadul: Engine, photos: list[tuple[bytes, str]],
        code: str) -> None:
    client = make_app(engine, clock, CASE_FILE_MAX_BYTES=1024).test_client()
    reply = client.post(REPORTS, data=_multipart(photos), content_type="multipart/form-data")
    assert reply.status_code == 422, reply.get_json()
    error = reply.get_json()["error"]
    assert error["code"] == code and error["message"]
    assert _cases(wadul) == 0


@pytest.mark.sqlite_only("the phone check's path; no database-specific behaviour")
def test_with_a_gateway_the_complaint_waits_for_the_phone_code(
        engine: Engine, clock: Any, wadul: Engine) -> None:
    client = make_app(engine, clock, NOTIFY_WEBHOOK_URL="http://127.0.0.1:9/hook").test_client()
    reply = client.post(REPORTS, json=report())
    assert reply.status_code == 202, reply.get_json()
    body = reply.get_json()
    assert body["status"] == "unconfirmed" and body["code_expires"]
    public = client.get("/api/v1/wadul/public/reports").get_json()
    assert body["code"] not in [row["code"] for row in public["items"]]
    assert client.post(REPORTS, json=report(phone=None)).status_code == 422


def test_the_media_center_enters_a_whatsapp_complaint_without_identity(
        client: Any, desk: Any, opd: Any, wadul: Engine) -> None:
    body = {k: v for k, v in report().items() if k not in ("nik", "phone", "name")}
    reply = desk.post("/api/v1/wadul/desk/reports", {**body, "channel": "whatsapp"})
    assert reply.status_code == 201, reply.get_json()
    code = reply.get_json()["code"]
    seen = desk.get(f"{REPORTS}/{code}").get_json()
    assert seen["channel"] == "whatsapp" and seen["confirmed"] and seen["entered_by"]
    assert seen["timeline"][0]["actor"] == "staff:mediacenter"
    refused = opd.post("/api/v1/wadul/desk/reports", {**body, "channel": "phone"})
    assert refused.status_code == 403
    assert refused.get_json()["error"]["code"] == "wadul_forbidden"
    assert desk.post("/api/v1/wadul/desk/reports",
                     {**body, "channel": "web"}).status_code == 422
    assert file(client)  # a citizen's own filing still works beside
