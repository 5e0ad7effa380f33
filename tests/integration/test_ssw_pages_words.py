"""SSW's staff pages as a reviewer found them, through Flask's test client: signing in
from an application's page returns to it (only local addresses); the desk is refused to
a reviewing office and its bar offers only what it may open; an application's page says
dates, documents, offices and people in words, its first card is the application, the
revocation's reason is labelled so, and the PDF link shows only to those who may open
it; the form said again keeps nothing secret about lost files."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.integration.test_ssw_pages import csrf_of
from tests.integration.test_ssw_support import *  # noqa: F403
from tests.integration.test_ssw_support import to_state

pytestmark = pytest.mark.sqlite_only("page rendering; the use cases behind them are tested "
                                     "on both databases")


def sign_in(client: Any, username: str, back: str) -> Any:
    token = csrf_of(client.get("/ssw/desk").get_data(as_text=True))
    return client.post("/ssw/login", query_string={"back": back}, data={
        "username": username, "password": "demo", "csrf_token": token})


def shown(html: str) -> str:
    """The page's visible text (no tags, no scripts)."""
    html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_signing_in_returns_to_the_page_asked_for_and_only_a_local_one(
        client: Any, ssw: Engine) -> None:
    page = client.get("/ssw/kasus/SSW-7").get_data(as_text=True)
    assert "back=/ssw/kasus/SSW-7" in page.replace("%2F", "/")
    reply = sign_in(client, "dpmptsp", "/ssw/kasus/SSW-7")
    assert reply.status_code == 303 and reply.headers["Location"].endswith("/ssw/kasus/SSW-7")
    for bad in ("//evil.example/x", "https://evil.example/", "/ssw/..\\x", "/elsewhere"):
        reply = sign_in(client.application.test_client(), "dpmptsp", bad)
        assert reply.headers["Location"].endswith("/ssw/desk"), bad


def test_the_desk_is_for_the_desk_and_the_bar_offers_only_what_opens(
        client: Any, ssw: Engine) -> None:
    sign_in(client, "opd", "review")
    refused = client.get("/ssw/desk")
    assert refused.status_code == 403
    bar = client.get("/ssw/review").get_data(as_text=True)
    assert 'href="/ssw/desk"' not in bar and 'href="/ssw/laporan"' not in bar
    assert 'href="/ssw/review"' in bar


def test_an_application_page_says_things_in_words(client: Any, ssw: Engine) -> None:
    issued = to_state(client, "reklame", "issued")
    head = client.application.test_client()
    sign_in(head, "kepala-dpmptsp", "desk")
    html = head.get(f"/ssw/kasus/{issued['ref']}").get_data(as_text=True)
    text = shown(html)
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", text), text  # no ISO date said
    assert "Data permohonan" in html.split('id="facts-title"')[1][:40]
    assert "hari kerja ke-" not in text and "hari kerja terpakai" in text
    timeline = text.split("Riwayat")[-1]
    assert "KTP pemohon" in timeline and ": ktp" not in timeline
    assert "Dinas Lingkungan Hidup" in timeline
    assert "Kepala DPMPTSP" in timeline and "kepala-dpmptsp" not in timeline
    assert "Pemohon" in timeline
    assert '<label for="revoke-reason">Alasan pencabutan</label>' in html
    assert f"/api/v1/documents/{issued['document_code']}/pdf" in html
    reviewer = client.application.test_client()
    sign_in(reviewer, "opd", "review")
    seen = reviewer.get(f"/ssw/kasus/{issued['ref']}").get_data(as_text=True)
    assert "/pdf" not in seen and issued["document_code"] in seen  # /v/ still linked


def test_a_form_said_again_asks_for_every_file_again(client: Any, ssw: Engine) -> None:
    token = csrf_of(client.get("/ssw/ajukan/reklame").get_data(as_text=True))
    reply = client.post("/ssw/ajukan/reklame", data={
        "csrf_token": token, "applicant_kind": "business", "name": "Budi", "nik": "1",
        "phone": "081234567890", "address": "Jalan Tunjungan 1"})
    html = reply.get_data(as_text=True)
    assert reply.status_code == 422
    assert html.count('class="notice file-again"') == 4  # every file field of reklame
    assert "Pilih lagi berkas Anda" in html
    # the business's fields are required for a business, said at each field
    assert 'id="business_name-error"' in html and 'id="nib-error"' in html
    assert "Wajib bila pemohon badan usaha" in html
    fresh = client.get("/ssw/ajukan/reklame").get_data(as_text=True)
    assert "file-again" not in fresh
