"""e-Surat's outgoing pages: the list (what waits for the reader, the office's letters),
the draft form from a template (its placeholders as fields, the chain from the office's
members), the letter page's outgoing part with its chain and the reader's actions (posted
from the page, refusals said on it), the PDF and verification links once signed; in
Indonesian by default and English with `?lang=en`."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.integration.surat_out_support import *  # noqa: F403
from tests.integration.surat_out_support import People

pytestmark = pytest.mark.sqlite_only("pages read the same use cases on both databases")
FORM = {"template": "undangan", "subject": "Undangan rapat saluran", "classification": "000.1",
        "access": "biasa", "urgency": "segera", "delivery": "internal", "to_office": "dlh",
        "reviewer_1": "opd", "field_acara": "rapat saluran",
        "field_hari_tanggal": "Senin, 7 Desember 2026", "field_waktu": "09.00",
        "field_tempat": "Ruang Rapat"}


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert match
    return match.group(1)


def sign_in(client: Any, username: str) -> str:
    token = csrf_of(client.get("/surat/keluar").get_data(as_text=True))
    reply = client.post("/surat/login", data={
        "username": username, "password": "demo", "csrf_token": token})
    assert reply.status_code == 303
    return csrf_of(client.get("/surat/keluar").get_data(as_text=True))


def test_the_outgoing_pages_ask_for_a_sign_in(out_app: Any) -> None:
    client = out_app.test_client()
    for path in ("/surat/keluar", "/surat/keluar/baru"):
        assert 'name="password"' in client.get(path).get_data(as_text=True)


def test_the_form_offers_the_templates_fields_and_the_offices_members(out_app: Any) -> None:
    client = out_app.test_client()
    sign_in(client, "kabid-dsdabm")
    page = client.get("/surat/keluar/baru?template=tugas").get_data(as_text=True)
    assert 'name="field_nama"' in page and 'name="field_tugas"' in page
    assert 'value="opd"' in page and 'value="tu-dsdabm"' in page
    chain = page.split('id="reviewer-1"')[1].split("</select>")[0]
    assert 'value="kepala-opd"' not in chain  # the head signs, never initials
    signer = page.split('id="signer"')[1].split("</select>")[0]
    assert 'value="kepala-opd"' in signer and "Kepala DSDABM" in signer
    english = client.get("/surat/keluar/baru?lang=en").get_data(as_text=True)
    assert "Draft an outgoing letter" in english and "Review chain (paraf)" in english


def test_a_letter_is_drafted_initialled_and_signed_from_the_pages(out_app: Any) -> None:
    drafter, reviewer, head = (out_app.test_client() for _ in range(3))
    token = sign_in(drafter, "kabid-dsdabm")
    made = drafter.post("/surat/keluar/baru", data={**FORM, "csrf_token": token})
    assert made.status_code == 303, made.get_data(as_text=True)
    ref = made.location.rsplit("/", 1)[1]
    page = drafter.get(f"/surat/{ref}").get_data(as_text=True)
    assert "Konsep" in page and "Ajukan untuk paraf" in page and "rapat saluran" in page
    drafter.post(f"/surat/keluar/{ref}/aksi", data={"action": "submit", "csrf_token": token})
    token = sign_in(reviewer, "opd")
    assert ref in reviewer.get("/surat/keluar").get_data(as_text=True)
    reviewer.post(f"/surat/keluar/{ref}/aksi", data={"action": "approve", "csrf_token": token})
    token = sign_in(head, "kepala-opd")
    head.post(f"/surat/keluar/{ref}/aksi", data={"action": "sign", "csrf_token": token})
    signed = head.get(f"/surat/{ref}").get_data(as_text=True)
    assert "/api/v1/documents/" in signed and "/v/" in signed and "436.7.5" in signed
    assert signed.count("disetujui") == 2


def test_a_refusal_is_said_on_the_letter_page(out_app: Any) -> None:
    client = out_app.test_client()
    token = sign_in(client, "kabid-dsdabm")
    ref = client.post("/surat/keluar/baru", data={**FORM, "csrf_token": token}
                      ).location.rsplit("/", 1)[1]
    back = client.post(f"/surat/keluar/{ref}/aksi", data={"action": "sign",
                                                           "csrf_token": token})
    assert back.status_code == 303
    assert "tidak bisa dilakukan sekarang" in client.get(back.location).get_data(as_text=True)


def test_a_bad_form_is_shown_again_with_its_message(out_app: Any) -> None:
    client = out_app.test_client()
    token = sign_in(client, "kabid-dsdabm")
    reply = client.post("/surat/keluar/baru", data={**FORM, "reviewer_1": "",
                                                    "csrf_token": token})
    page = reply.get_data(as_text=True)
    assert reply.status_code == 422 and "paling sedikit satu pemaraf" in page
    assert 'value="Undangan rapat saluran"' in page  # what was typed is kept


def test_the_list_names_what_waits_for_me(out_app: Any) -> None:
    people = People(out_app.test_client())
    ref = people.draft()
    client = out_app.test_client()
    sign_in(client, "kabid-dsdabm")
    page = client.get("/surat/keluar").get_data(as_text=True)
    assert ref in page and "Menunggu saya" in page
