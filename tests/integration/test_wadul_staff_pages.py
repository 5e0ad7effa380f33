"""e-Wadul's staff pages as a clerk works from them: the links each role may open, the
office filter limited to the user's offices, the sign-in address reloaded, work lists
in deadline order with an excerpt and the privacy flags, the case page's own labels and
a timeline in words, the dashboard's office filter and English names, and the SKM page
for each role that reads an index."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import Engine

from queue_server.persistence.uow import SqlUnitOfWork
from tests.integration.test_wadul_pages import html_of, sign_in
from tests.integration.wadul_public_support import ref_of
from tests.integration.wadul_support import *  # noqa: F403
from tests.integration.wadul_support import act, caller, file, forwarded, report

pytestmark = pytest.mark.sqlite_only("pages read through the use cases tested on both")
NAV = {"desk": "/wadul/desk", "inbox": "/wadul/inbox", "dashboard": "/wadul/dashboard",
       "skm": "/wadul/skm"}


def nav_links(html: str) -> set[str]:
    bar = html.split('<nav aria-label="Halaman petugas"', 1)[1].split("</nav>", 1)[0]
    return {name for name, path in NAV.items() if f'href="{path}"' in bar}


def options(html: str, select_id: str) -> list[str]:
    return re.findall(r'<option value="([a-z0-9-]+)"',
                      html.split(f'id="{select_id}"')[1].split("</select>")[0])


@pytest.mark.parametrize(("user", "page", "links"), [
    ("opd", "/wadul/inbox", {"inbox"}),
    ("kepala-opd", "/wadul/inbox", {"inbox", "dashboard", "skm"}),
    ("mediacenter", "/wadul/desk", {"desk", "inbox", "dashboard"}),
    ("admin", "/wadul/desk", {"desk", "inbox", "dashboard", "skm"}),
])
def test_the_bar_links_only_the_pages_a_role_may_open(
        client: Any, wadul: Engine, user: str, page: str, links: set[str]) -> None:
    sign_in(client, user)
    assert nav_links(html_of(client, page)) == links
    for name, path in NAV.items():  # and every linked page opens
        if name in links:
            html_of(client, path)


def test_the_inbox_filter_offers_office_staff_their_offices_only(
        client: Any, wadul: Engine) -> None:
    sign_in(client, "opd")
    assert options(html_of(client, "/wadul/inbox"), "f-office") == ["dsdabm"]
    sign_in(client, "admin")
    assert {"dishub", "dsdabm", "dlh"} <= set(options(html_of(client, "/wadul/inbox"),
                                                      "f-office"))


@pytest.mark.parametrize(("path", "goes_to"), [
    ("/wadul/login", "/wadul/inbox"), ("/wadul/login?back=desk", "/wadul/desk"),
    ("/wadul/login?back=skm&lang=en", "/wadul/skm?lang=en"),
    ("/wadul/login?back=https://evil.example", "/wadul/inbox")])
def test_the_sign_in_address_reloaded_leads_to_its_page(
        client: Any, path: str, goes_to: str) -> None:
    reply = client.get(path)
    assert reply.status_code == 302 and reply.headers["Location"] == goes_to
    assert 'name="password"' in html_of(client, goes_to)


def test_the_desk_lists_by_deadline_with_an_excerpt_and_the_flags(
        client: Any, wadul: Engine, desk: Any) -> None:
    waiting = file(client, anonymous=True, description="Jalan berlubang di depan sekolah "
                   "dasar, sudah dua minggu tidak diperbaiki dan motor sering jatuh. " * 3)
    urgent = file(client, confidential=True)
    assert act(desk, urgent, "verify").status_code == 200  # verified: due in 1 working day
    sign_in(client, "mediacenter")
    html = html_of(client, "/wadul/desk")
    urgent_row, waiting_row = (f'<tr data-ref="{ref_of(wadul, c)}"' for c in (urgent, waiting))
    assert html.index(urgent_row) < html.index(waiting_row)
    row = html.split(waiting_row)[1].split("</tr>")[0]
    assert "Jalan berlubang di depan sekolah" in row and "…" in row and "Anonim" in row
    assert "Rahasia" in html.split(urgent_row)[1].split("</tr>")[0]


def test_the_case_page_names_who_entered_it_and_tells_the_timeline_in_words(
        client: Any, wadul: Engine, desk: Any) -> None:
    reply = desk.post("/api/v1/wadul/desk/reports", json=report(channel="whatsapp"))
    code = reply.get_json()["code"]
    for action in ("verify", "forward"):
        assert act(desk, code, action).status_code == 200
    sign_in(client, "mediacenter")
    ref = reply.get_json()["ref"]
    assert client.get(f"/wadul/kasus/{code}").headers["Location"].endswith(f"/wadul/kasus/{ref}")
    html = html_of(client, f"/wadul/kasus/{ref}")
    assert code not in html
    facts = html.split('class="facts"')[1].split("</dl>")[0]
    assert "Dicatat oleh</dt><dd>mediacenter" in facts and "boleh kosong" not in facts
    timeline = html.split('class="timeline"')[1].split("</ol>")[0]
    assert "Teruskan ke OPD" in timeline and "Dinas Sumber Daya Air dan Bina Marga" in timeline
    assert "(verify" not in timeline and "· dsdabm" not in timeline
    assert "mediacenter (Media Center)" in timeline


def test_the_dashboard_offers_an_inactive_office_and_names_categories_in_english(
        client: Any, wadul: Engine, desk: Any) -> None:
    forwarded(client, desk, category="sampah")
    sign_in(client, "admin")
    uow = SqlUnitOfWork(wadul)
    with uow:
        uow.offices.put("dlh", active=False)
        uow.commit()
    try:
        html = html_of(client, "/wadul/dashboard")
        assert "dlh" in options(html, "f-office")
        assert 'id="dash-total">1<' in html and 'id="dash-overdue">0<' in html
        english = html_of(client, "/wadul/dashboard?lang=en")
        assert "Rubbish not collected" in english and "Sampah tidak diangkut" not in english
    finally:
        with uow:
            uow.offices.put("dlh", active=True)
            uow.commit()


@pytest.mark.parametrize(("user", "status"), [
    ("admin", 200), ("dinkes", 200), ("kepala", 200), ("kepala-opd", 200), ("opd", 403),
    ("mediacenter", 403)])
def test_the_skm_page_opens_for_those_who_read_an_index(
        client: Any, wadul: Engine, user: str, status: int) -> None:
    sign_in(client, user)
    html = html_of(client, "/wadul/skm", status)
    if status == 200:
        assert 'id="ikm-value"' in html and "Mutu pelayanan" in html
        assert ('id="f-module"' in html) == (user in ("admin", "dinkes"))


def test_an_office_head_reads_their_office_index_and_no_other(
        client: Any, wadul: Engine, desk: Any, opd: Any) -> None:
    code = forwarded(client, desk)
    for action, extra in (("accept", {}), ("answer", {"comment": "Sudah ditambal."})):
        assert act(opd, code, action, **extra).status_code == 200
    citizen = client.application.test_client()
    assert act(citizen, code, "close").status_code == 200
    sent = citizen.post("/api/v1/surveys", json={"subject": "case", "code": code,
                                                 "answers": [4] * 9})
    assert sent.status_code == 201, sent.get_json()
    head = caller(client, "kepala-opd")
    mine = head.get("/api/v1/surveys/index?office=dsdabm")
    assert mine.status_code == 200 and mine.get_json()["count"] == 1
    assert head.get("/api/v1/surveys/index").get_json()["count"] == 1
    assert head.get("/api/v1/surveys/index?office=dlh").status_code == 403
    sign_in(client, "kepala-opd")
    html = html_of(client, "/wadul/skm?lang=en")
    assert 'id="ikm-value">100.0<' in html and "A (" in html


def test_the_form_asks_for_identity_and_says_the_emergency_in_english(
        client: Any, wadul: Engine) -> None:
    html = html_of(client, "/wadul?lang=en")
    assert re.search(r'id="nik"[^>]*required', html)
    assert re.search(r'id="phone"[^>]*required', html)
    redirect = re.search(r'data-redirect="([^"]*112[^"]*)"', html)
    assert redirect and "Call 112" in redirect.group(1)
