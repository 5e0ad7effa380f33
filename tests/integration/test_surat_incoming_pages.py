"""e-Surat's incoming pages: sign-in, the officer's home, the register with its search and
the registration form (with a scan), the letter page (read receipt on opening, actions
posted from it), the retention list; in Indonesian by default and English with
`?lang=en`; a `rahasia` letter's subject never on a page for someone not allowed."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from sqlalchemy import Engine, text

from tests.integration.surat_in_support import *  # noqa: F403
from tests.integration.surat_in_support import SECRET, SUBJECT, caller, registered

pytestmark = pytest.mark.sqlite_only("pages read the same use cases on both databases")
PDF = b"%PDF-1.4\n%%EOF\n"


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert match
    return match.group(1)


def sign_in(client: Any, username: str) -> str:
    token = csrf_of(client.get("/surat").get_data(as_text=True))
    reply = client.post("/surat/login?back=masuk", data={
        "username": username, "password": "demo", "csrf_token": token})
    assert reply.status_code == 303 and reply.location.endswith("/surat/masuk")
    return csrf_of(client.get("/surat").get_data(as_text=True))


def test_the_pages_ask_for_a_sign_in(client: Any, surat: Engine) -> None:
    for path in ("/surat", "/surat/masuk", "/surat/arsip", "/surat/SURAT-1"):
        page = client.get(path).get_data(as_text=True)
        assert 'name="password"' in page and "Masuk e-Surat" in page
    assert "Sign in to e-Surat" in client.get("/surat?lang=en").get_data(as_text=True)


def test_a_clerk_registers_from_the_page_and_opens_the_letter(client: Any,
                                                             surat: Engine) -> None:
    token = sign_in(client, "tu-dsdabm")
    page = client.get("/surat/masuk").get_data(as_text=True)
    assert "Registrasi surat masuk" in page
    reply = client.post("/surat/masuk", data={
        "csrf_token": token, "office": "dsdabm", "sender": "Kelurahan Jagir",
        "subject": SUBJECT, "classification": "600.1", "access": "biasa",
        "urgency": "segera", "letter_date": "2026-11-20",
        "scan": (io.BytesIO(PDF), "surat.pdf")}, content_type="multipart/form-data")
    assert reply.status_code == 303, reply.get_data(as_text=True)
    letter = client.get(reply.location).get_data(as_text=True)
    assert SUBJECT in letter and "Lihat pindaian" in letter and "Disposisi baru" in letter
    bad = client.post("/surat/masuk", data={"csrf_token": token, "sender": "X",
                                            "subject": "Y", "classification": "999"})
    assert bad.status_code == 422 and "999" in bad.get_data(as_text=True)
    assert client.post("/surat/masuk", data={"sender": "X"}).status_code == 400  # no CSRF


def test_dispose_read_and_follow_up_from_the_pages(app: Any, surat: Engine,
                                                   clock: Any) -> None:
    case_id = registered(surat, clock)
    ref = f"SURAT-{case_id}"
    clerk, kabid = app.test_client(), app.test_client()
    token = sign_in(clerk, "tu-dsdabm")
    given = clerk.post(f"/surat/{ref}", data={"csrf_token": token, "do": "dispose",
                                              "to": ["kabid-dsdabm"], "instruction": "Survei",
                                              "due_days": "2"})
    assert given.status_code == 303
    assert "Belum dibaca" in clerk.get(f"/surat/{ref}").get_data(as_text=True)
    token_k = sign_in(kabid, "kabid-dsdabm")
    home = kabid.get("/surat").get_data(as_text=True)
    assert ref in home and "Belum dibaca" in home
    kabid.get(f"/surat/{ref}")  # opening the page is the read receipt
    assert "Dibaca" in clerk.get(f"/surat/{ref}").get_data(as_text=True)
    items = caller(app.test_client(), "tu-dsdabm").get(
        f"/api/v1/surat/letters/{ref}/dispositions").get_json()["items"]
    late = clerk.post(f"/surat/{ref}", data={"csrf_token": token, "do": "withdraw",
                                             "disposition": items[0]["id"]})
    assert "sudah dibaca" in clerk.get(late.location).get_data(as_text=True)
    done = kabid.post(f"/surat/{ref}", data={"csrf_token": token_k, "do": "follow_up",
                                             "disposition": items[0]["id"], "text": "Selesai"})
    assert done.status_code == 303
    assert "Ditindaklanjuti" in kabid.get(f"/surat/{ref}").get_data(as_text=True)


@pytest.mark.parametrize("who", ["opd", "tu-dlh", "admin"])
def test_a_secret_letter_is_on_no_page_for_others(app: Any, surat: Engine, clock: Any,
                                                  who: str) -> None:
    case_id = registered(surat, clock, access="rahasia", subject=SECRET,
                         classification="700.1")
    client = app.test_client()
    sign_in(client, who)
    for path in ("/surat", "/surat/masuk", "/surat/masuk?q=penyelidikan", "/surat/arsip?year=2029",
                 f"/surat/SURAT-{case_id}", f"/surat/SURAT-{case_id}?lang=en"):
        page = client.get(path)
        assert "pintu air Jagir" not in page.get_data(as_text=True), (who, path)
    assert client.get(f"/surat/SURAT-{case_id}").status_code == 403


def test_the_head_sees_it_and_the_archive_lists_it(app: Any, surat: Engine,
                                                   clock: Any) -> None:
    case_id = registered(surat, clock, access="rahasia", subject=SECRET,
                         classification="700.1")
    client = app.test_client()
    sign_in(client, "kepala-opd")
    assert SECRET in client.get("/surat/masuk").get_data(as_text=True)
    with surat.begin() as conn:  # filed today: the retention periods count from it
        conn.execute(text("UPDATE surat_letters SET filed_at = :at WHERE case_id = :c"),
                     {"at": clock.now(), "c": case_id})
    archive = client.get("/surat/arsip?year=2029&lang=en").get_data(as_text=True)
    assert "Active period ends" in archive and SECRET in archive  # 700.1: 3 years active
