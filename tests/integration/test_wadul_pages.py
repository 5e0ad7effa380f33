"""e-Wadul's pages, server side: the citizen form and the public list (no identity, no
confidential case), the staff sign-in, who sees which staff page, the case page's
timeline, the dashboard and its charts, and every text the pages use in both languages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from queue_server.domain.texts import LANGUAGES, messages
from queue_server.eservices.wadul.domain import CHANNELS
from queue_server.eservices.wadul.pages_dashboard import CHARTS
from queue_server.eservices.wadul.pages_nav import EXTRA_ACTIONS, ROLES
from tests.integration.wadul_public_support import ref_of, verify_all
from tests.integration.wadul_support import *  # noqa: F403
from tests.integration.wadul_support import (
    NAME,
    NIK,
    PHONE,
    act,
    answered,
    file,
    forwarded,
    office_user,
    report,
)
from tests.support import factories

PAGES = Path(__file__).resolve().parents[2] / "queue_server" / "eservices" / "wadul"
pytestmark = pytest.mark.sqlite_only("pages read through the use cases tested on both")


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert match, "the page carries its CSRF token"
    return match.group(1)


def sign_in(client: Any, username: str, back: str = "desk") -> Any:
    token = csrf_of(client.get("/wadul").get_data(as_text=True))
    return client.post(f"/wadul/login?back={back}", data={
        "username": username, "password": "demo", "csrf_token": token})


def html_of(client: Any, path: str, status: int = 200) -> str:
    reply = client.get(path)
    assert reply.status_code == status, (path, reply.status_code)
    return str(reply.get_data(as_text=True))


def test_the_form_lists_categories_with_their_office_and_an_emergency_redirect(
        client: Any, wadul: Any) -> None:
    html = html_of(client, "/wadul")
    assert 'value="jalan-rusak"' in html and "hari kerja" in html
    assert re.search(r'data-redirect="[^"]*112', html), "the emergency category says 112"
    assert 'type="file"' in html and 'id="anonymous"' in html and 'id="confidential"' in html
    assert "working days" in html_of(client, "/wadul?lang=en")


def test_the_list_pages_forward_their_filters(client: Any, wadul: Any, desk: Any) -> None:
    for n in range(21):  # entered by the Media Center: no limit per address
        reply = desk.post("/api/v1/wadul/desk/reports", json=report(
            channel="whatsapp", description=f"Jalan berlubang nomor {n} di depan pasar."))
        assert reply.status_code == 201, reply.get_json()
    verify_all(wadul)  # public once verified
    html = html_of(client, "/wadul/laporan?category=jalan-rusak")
    assert "Halaman 1 dari 2" in html and "page=2" in html and "category=jalan-rusak" in html
    assert "Halaman 2 dari 2" in html_of(client, "/wadul/laporan?category=jalan-rusak&page=2")


def test_the_public_list_shows_no_identity_no_code_and_no_confidential_case(
        client: Any, wadul: Any) -> None:
    shown = file(client)
    hidden = file(client, confidential=True)
    verify_all(wadul)
    ref = ref_of(wadul, shown)
    html = html_of(client, "/wadul/laporan")
    assert f'href="/wadul/laporan/{ref}"' in html and ref_of(wadul, hidden) not in html
    for secret in (NIK, PHONE, NAME, shown, hidden, "/c/"):
        assert secret not in html
    assert ref not in html_of(client, "/wadul/laporan?category=sampah")
    assert ref in html_of(client, "/wadul/laporan?state=verified&category=jalan-rusak")
    assert 'value="received"' not in html  # never public: not offered as a filter


def test_an_unknown_state_in_the_public_list_says_so(client: Any, wadul: Any) -> None:
    html = html_of(client, "/wadul/laporan?state=bogus", 422)
    assert 'role="alert"' in html


@pytest.mark.parametrize("path", ["/wadul/desk", "/wadul/inbox", "/wadul/dashboard",
                                  "/wadul/kasus/ABCDEFGHJK"])
def test_a_staff_page_asks_for_a_sign_in_first(client: Any, path: str) -> None:
    html = html_of(client, path)
    assert 'name="password"' in html and "/wadul/login?back=" in html


def test_a_sign_in_returns_to_its_page_and_a_wrong_password_is_refused(
        client: Any, wadul: Any) -> None:
    reply = sign_in(client, "mediacenter", back="inbox")
    assert reply.status_code == 303 and reply.headers["Location"].endswith("/wadul/inbox")
    token = csrf_of(client.get("/wadul").get_data(as_text=True))
    refused = client.post("/wadul/login?back=https://evil.example", data={
        "username": "opd", "password": "wrong", "csrf_token": token})
    assert refused.status_code == 401 and 'role="alert"' in refused.get_data(as_text=True)


def test_the_desk_lists_new_cases_with_their_actions(client: Any, wadul: Any) -> None:
    code = file(client)
    sign_in(client, "mediacenter")
    html = html_of(client, "/wadul/desk")
    assert f'data-ref="{ref_of(wadul, code)}"' in html and 'value="verify"' in html
    assert code not in html  # staff work by reference; the code is the filer's
    assert 'id="desk-form"' in html and 'value="whatsapp"' in html


def test_office_staff_are_refused_the_desk(client: Any, wadul: Any) -> None:
    sign_in(client, "opd")
    assert 'role="alert"' in html_of(client, "/wadul/desk", 403)


def test_the_inbox_shows_the_office_its_own_cases_and_their_actions(
        client: Any, wadul: Any, desk: Any) -> None:
    code = forwarded(client, desk)
    sign_in(client, "opd")
    html = html_of(client, "/wadul/inbox")
    assert f'data-ref="{ref_of(wadul, code)}"' in html and 'value="accept"' in html
    assert code not in html


def test_another_office_sees_neither_the_case_in_its_inbox_nor_its_page(
        client: Any, wadul: Any, desk: Any) -> None:
    code = forwarded(client, desk)
    user = office_user(wadul, "dlh")
    token = csrf_of(client.get("/wadul").get_data(as_text=True))
    client.post("/wadul/login?back=inbox", data={
        "username": user, "password": factories.PASSWORD, "csrf_token": token})
    assert f'data-ref="{ref_of(wadul, code)}"' not in html_of(client, "/wadul/inbox")
    html_of(client, f"/wadul/kasus/{ref_of(wadul, code)}", 403)


def test_the_case_page_shows_the_timeline_with_staff_names_and_hides_an_anonymous_reporter(
        client: Any, wadul: Any, desk: Any, opd: Any) -> None:
    code = answered(client, desk, opd, anonymous=True)
    sign_in(client, "opd")
    html = html_of(client, f"/wadul/kasus/{ref_of(wadul, code).lower()}")
    assert "Sudah ditambal." in html and "mediacenter" in html
    assert NIK not in html and PHONE not in html and NAME not in html and code not in html
    html_of(client, "/wadul/kasus/ZZZZZZZZZZ", 404)
    html_of(client, "/wadul/kasus/WADUL-99999", 404)


def test_the_dashboard_shows_figures_charts_and_a_csv_link(
        app: Any, client: Any, wadul: Any, desk: Any, opd: Any) -> None:
    code = answered(client, desk, opd)
    assert act(app.test_client(), code, "rate", rating=4).status_code == 200
    sign_in(client, "kepala-opd", back="dashboard")
    html = html_of(client, "/wadul/dashboard")
    assert 'id="summary"' in html and "/api/v1/wadul/dashboard?format=csv" in html
    chart = client.get("/wadul/dashboard/chart/category.svg")
    assert chart.status_code == 200 and chart.mimetype == "image/svg+xml"
    assert b"<script" not in chart.data
    assert client.get("/wadul/dashboard/chart/nothing.svg").status_code == 404
    assert 'role="alert"' in html_of(client, "/wadul/dashboard?since=kemarin", 422)


def test_every_text_the_pages_and_their_scripts_use_is_in_both_catalogues() -> None:
    used = set()
    for source in [*PAGES.glob("templates/wadul/*.html"), *PAGES.glob("pages*.py")]:
        used |= set(re.findall(r"wadul_(?:pages|public)\.[a-z_]+[a-z]",
                               source.read_text("utf-8")))
    for script in PAGES.glob("static/*.js"):
        used |= {f"wadul_pages.{k}" for k in
                 re.findall(r"\bt\(\"([a-z_]+)\"", script.read_text("utf-8"))}
    # endpoints (url_for), and the prefixes of keys the templates build
    used -= {"wadul_pages.static", "wadul_pages.form", "wadul_pages.desk",
             "wadul_pages.inbox", "wadul_pages.dashboard", "wadul_pages.case",
             "wadul_pages.chart", "wadul_pages.login", "wadul_pages.public_reports",
             "wadul_pages.chart_label", "wadul_pages.skm", "wadul_pages.tl",
             "wadul_pages.role", "wadul_pages.public_case",
             "wadul_pages.public_photo_file", "wadul_pages.case_file"}
    used |= {f"wadul_pages.channel_{c}" for c in CHANNELS}
    used |= {f"wadul_pages.tl_{a}" for a in EXTRA_ACTIONS}
    used |= {f"wadul_pages.role_{r}" for r in ROLES}
    used |= {f"wadul_pages.chart_label_{c}" for c in CHARTS}
    for lang in LANGUAGES:
        missing = sorted(used - messages(lang).keys())
        assert missing == [], f"{lang}: no text for {missing}"
