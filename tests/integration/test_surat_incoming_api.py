"""e-Surat incoming letters through the API: registration (clerk or head only, JSON or
multipart with a scan), classification codes (admin loads a CSV), the disposition cycle
(dispose, read receipt, withdraw only while unread, pass on, follow up, file)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.integration.surat_in_support import *  # noqa: F403
from tests.integration.surat_in_support import SUBJECT, caller
from tests.support.factories import error

pytestmark = pytest.mark.sqlite_only("who may act is decided in Python over rows; the "
                                     "register's database paths run on both in "
                                     "test_surat_incoming.py and the access tests")

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BODY = {"sender": "Kelurahan Rungkut Kidul", "subject": SUBJECT, "classification": "600.1",
        "access": "biasa", "urgency": "segera", "letter_date": "2026-11-20",
        "letter_number": "600.1/45/436.11.5/2026"}


def register(client: Any, who: str = "tu-dsdabm", **changes: Any) -> Any:
    return caller(client, who).post("/api/v1/surat/incoming", {**BODY, **changes})


def test_a_clerk_registers_with_a_scan_and_reads_it_back(client: Any, surat: Engine) -> None:
    tu = caller(client, "tu-dsdabm")
    reply = client.post("/api/v1/surat/incoming", headers=tu.headers(),
                        data={**BODY, "scan": (io.BytesIO(PDF), "surat.pdf")},
                        content_type="multipart/form-data")
    assert reply.status_code == 201, reply.get_json()
    ref = reply.get_json()["ref"]
    assert reply.get_json()["agenda_number"] == 1
    scan = tu.get(f"/api/v1/surat/letters/{ref}/scan")
    assert scan.status_code == 200 and scan.data == PDF
    assert scan.mimetype == "application/pdf"
    view = tu.get(f"/api/v1/surat/letters/{ref}").get_json()
    assert view["subject"] == SUBJECT and view["state"] == "registered"
    assert view["timeline"][0]["action"] == "register"


def test_a_scan_that_is_no_pdf_nor_image_is_refused(client: Any, surat: Engine) -> None:
    tu = caller(client, "tu-dsdabm")
    reply = client.post("/api/v1/surat/incoming", headers=tu.headers(),
                        data={**BODY, "scan": (io.BytesIO(b"MZ\x90"), "a.exe")},
                        content_type="multipart/form-data")
    assert reply.status_code == 422
    assert error(reply) == "file_type_refused"
    assert caller(client, "kepala-opd").get("/api/v1/surat/incoming").get_json()["total"] == 0


@pytest.mark.parametrize(("who", "changes", "status", "code"), [
    ("opd", {}, 403, "not_office_clerk"),             # staff, not a clerk
    ("tu-dlh", {"office": "dsdabm"}, 403, "not_office_clerk"),  # another office's clerk
    ("kepala-opd", {}, 201, None),                     # the head may register
    ("tu-dsdabm", {"classification": "999"}, 422, "unknown_classification"),
    ("tu-dsdabm", {"office": "nowhere"}, 422, "not_in_office"),
])
def test_who_may_register(client: Any, surat: Engine, who: str, changes: dict[str, Any],
                          status: int, code: str | None) -> None:
    reply = register(client, who, **changes)
    assert reply.status_code == status, reply.get_json()
    if code:
        assert error(reply) == code


def test_the_admin_loads_classifications_and_a_bad_line_is_named(client: Any,
                                                                 surat: Engine) -> None:
    admin = caller(client, "admin")
    put = lambda who, text: client.put(  # noqa: E731
        "/api/v1/surat/classifications", data=text, headers={
            **who.headers(), "Content-Type": "text/csv"})
    good = ("code,title,active_years,inactive_years,disposition\n"  # as the file says it
            "000.1,Ketatausahaan dan Kerumahtanggaan,2,3,musnah\n")
    assert put(admin, good).get_json() == {"loaded": 1}
    bad = good + "500.x,Salah,2,3,musnah\n"
    reply = put(admin, bad)
    assert reply.status_code == 422 and error(reply) == "invalid_config"
    assert "3" in reply.get_json()["error"]["message"]
    assert put(caller(client, "tu-dsdabm"), good).status_code == 403
    codes = [item["code"] for item in
             caller(client, "opd").get("/api/v1/surat/classifications").get_json()["items"]]
    assert "600.1" in codes


def _dispose(client: Any, ref: str, who: str, to: list[str], **extra: Any) -> Any:
    return caller(client, who).post(f"/api/v1/surat/letters/{ref}/dispositions",
                                    {"to": to, "instruction": "Mohon ditindaklanjuti", **extra})


def test_the_disposition_cycle(client: Any, surat: Engine) -> None:
    ref = register(client).get_json()["ref"]
    given = _dispose(client, ref, "tu-dsdabm", ["kabid-dsdabm", "opd"], due_days=3)
    assert given.status_code == 201, given.get_json()
    kabid_d, opd_d = given.get_json()["items"]
    base = f"/api/v1/surat/letters/{ref}/dispositions"
    assert caller(client, "tu-dsdabm").post(f"{base}/{opd_d['id']}/withdraw").status_code == 200
    kabid = caller(client, "kabid-dsdabm")
    assert kabid.post(f"{base}/{kabid_d['id']}/read").get_json()["items"][0]["read_at"]
    late = caller(client, "tu-dsdabm").post(f"{base}/{kabid_d['id']}/withdraw")
    assert late.status_code == 409 and error(late) == "disposition_already_read"
    passed = _dispose(client, ref, "kabid-dsdabm", ["opd"], parent_id=kabid_d["id"])
    assert passed.status_code == 201, passed.get_json()
    child = passed.get_json()["items"][-1]
    assert child["parent_id"] == kabid_d["id"]
    opd = caller(client, "opd")
    done = opd.post(f"{base}/{child['id']}/follow-up", {"text": "Saluran sudah dibersihkan."})
    assert done.status_code == 200, done.get_json()
    assert opd.get(f"/api/v1/surat/letters/{ref}").get_json()["state"] == "disposed"
    closing = kabid.post(f"{base}/{kabid_d['id']}/follow-up", {"text": "Sudah dicek."})
    assert closing.status_code == 200, closing.get_json()
    assert opd.get(f"/api/v1/surat/letters/{ref}").get_json()["state"] == "followed_up"
    filed = caller(client, "tu-dsdabm").post(f"/api/v1/surat/letters/{ref}/file", {})
    assert filed.status_code == 200
    assert opd.get(f"/api/v1/surat/letters/{ref}").get_json()["state"] == "filed"


@pytest.mark.parametrize(("who", "to", "status", "code"), [
    ("tu-dsdabm", ["kabid-dsdabm"], 201, None),
    ("kepala-opd", ["opd"], 201, None),
    ("opd", ["kabid-dsdabm"], 403, "action_forbidden"),      # staff: no dispose
    ("tu-dlh", ["kabid-dsdabm"], 403, "letter_forbidden"),   # another office
    ("tu-dsdabm", ["dlh"], 422, "not_in_office"),            # recipient elsewhere
])
def test_who_may_dispose_and_to_whom(client: Any, surat: Engine, who: str, to: list[str],
                                     status: int, code: str | None) -> None:
    ref = register(client).get_json()["ref"]
    reply = _dispose(client, ref, who, to)
    assert reply.status_code == status, reply.get_json()
    if code:
        assert error(reply) == code


def test_only_the_recipient_follows_up_and_the_head_files_early(client: Any,
                                                                surat: Engine) -> None:
    ref = register(client).get_json()["ref"]
    item = _dispose(client, ref, "tu-dsdabm", ["kabid-dsdabm"]).get_json()["items"][0]
    base = f"/api/v1/surat/letters/{ref}"
    other = caller(client, "opd").post(f"{base}/dispositions/{item['id']}/follow-up",
                                       {"text": "Bukan saya"})
    assert other.status_code == 403 and error(other) == "not_your_disposition"
    clerk = caller(client, "tu-dsdabm").post(f"{base}/file", {"comment": "Arsip saja"})
    assert clerk.status_code == 403  # file_early: the head only
    head = caller(client, "kepala-opd")
    assert error(head.post(f"{base}/file", {})) == "comment_required"
    assert head.post(f"{base}/file", {"comment": "Sudah dibahas di rapat."}).status_code == 200
    again = head.post(f"{base}/file", {"comment": "lagi"})
    assert again.status_code == 409
