"""The admin pages, server side: sign-in, who sees which page, the refusal page, and
every text the pages and their scripts use is in both catalogues."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from queue_server.domain.texts import LANGUAGES, messages
from tests.support import factories

ADMIN = Path(__file__).resolve().parents[2] / "queue_server" / "admin"


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert match, "the page carries its CSRF token"
    return match.group(1)


def sign_in(client: Any, username: str, password: str = "demo", lang: str = "") -> Any:
    token = csrf_of(client.get("/admin").get_data(as_text=True))
    return client.post(f"/admin/login{lang}", data={"username": username, "password": password,
                                                    "csrf_token": token})


def test_the_admin_page_asks_for_a_sign_in_first(client: Any) -> None:
    page = client.get("/admin")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'name="password"' in html and "Masuk admin" in html
    assert "Admin sign-in" in client.get("/admin?lang=en").get_data(as_text=True)


def test_the_admin_sees_every_facility_and_a_new_facility_form(client: Any) -> None:
    reply = sign_in(client, "admin")
    assert reply.status_code == 303 and reply.headers["Location"].endswith("/admin")
    html = client.get("/admin").get_data(as_text=True)
    assert 'id="new-facility"' in html and "facilities.js" in html
    page = client.get("/admin/f/pkm-demo?lang=en")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'data-facility="pkm-demo"' in html and "Puskesmas Demo" in html and "Services" in html


def test_a_facility_admin_goes_straight_to_its_facility_and_no_other(client: Any,
                                                                    engine: Any) -> None:
    other = factories.facility("pkm-lain").load(engine)
    sign_in(client, "kepala")
    reply = client.get("/admin?lang=en")
    assert reply.status_code == 303
    assert reply.headers["Location"].endswith("/admin/f/pkm-demo?lang=en")
    assert client.get("/admin/f/pkm-demo").status_code == 200
    refused = client.get(f"/admin/f/{other.code}")
    html = refused.get_data(as_text=True)
    assert refused.status_code == 403 and 'data-code="wrong_facility"' in html
    assert other.code not in html.replace(f"/admin/f/{other.code}", "")
    # A facility that does not exist is refused the same way: nothing to probe.
    assert client.get("/admin/f/pkm-tidak-ada").status_code == 403


@pytest.mark.parametrize("username", ["petugas", "dinkes"])
def test_an_operator_or_the_city_gets_a_refusal_page_not_an_empty_shell(
        client: Any, username: str) -> None:
    sign_in(client, username)
    for path in ("/admin", "/admin/f/pkm-demo"):
        reply = client.get(path)
        html = reply.get_data(as_text=True)
        assert reply.status_code == 403, path
        assert "Tidak diizinkan" in html and 'data-code="admin_only"' in html
        assert "facility.js" not in html and "facilities.js" not in html


def test_the_admin_learns_that_a_facility_does_not_exist(client: Any) -> None:
    sign_in(client, "admin")
    reply = client.get("/admin/f/pkm-tidak-ada?lang=en")
    assert reply.status_code == 404 and "No facility" in reply.get_data(as_text=True)


def test_a_wrong_password_shows_the_form_again_with_the_reason(client: Any) -> None:
    reply = sign_in(client, "admin", "salah")
    assert reply.status_code == 401
    html = reply.get_data(as_text=True)
    assert 'role="alert"' in html and 'value="admin"' in html


def test_the_sign_in_form_without_its_csrf_token_is_refused(client: Any) -> None:
    reply = client.post("/admin/login", data={"username": "admin", "password": "demo"})
    assert reply.status_code == 400


def test_signing_out_ends_the_login(client: Any) -> None:
    sign_in(client, "admin")
    token = csrf_of(client.get("/admin").get_data(as_text=True))
    assert client.post("/admin/logout", data={"csrf_token": token}).status_code == 303
    assert 'name="password"' in client.get("/admin").get_data(as_text=True)
    assert client.get("/api/v1/counters").status_code == 401


@pytest.mark.sqlite_only("reads files and the catalogue: no database")
def test_every_text_the_admin_pages_and_scripts_use_is_in_both_catalogues() -> None:
    used: set[str] = set()
    for template in (ADMIN / "templates" / "admin").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        used |= set(re.findall(r"_\([\"']admin\.([\w.]+)[\"']\)", text))
        if "admin.day." in text:
            used |= {f"day.{d}" for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    for script in (ADMIN / "static").glob("*.js"):
        text = script.read_text(encoding="utf-8")
        for call in re.findall(r"\bt\(([^)]*)\)", text):
            used |= {k for k in re.findall(r'"([\w.]+)"', call) if not k.endswith(".")}
        used |= set(re.findall(r'"((?:role|did)\.\w+)"', text))
        if '"dayShort."' in text:
            used |= {f"dayShort.{d}" for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    assert len(used) > 50
    for lang in LANGUAGES:
        # offices.js (issue 16) reads its own offices.* texts, then admin.*
        missing = sorted(k for k in used if f"admin.{k}" not in messages(lang)
                         and f"offices.{k}" not in messages(lang))
        assert missing == [], f"{lang}: no text for {missing}"


def test_unreadable_input_in_an_admin_address_gets_a_readable_page(client: Any) -> None:
    reply = client.get("/admin/f/pkm-demo?lang=%00")
    assert reply.status_code == 422 and reply.mimetype == "text/html"
    assert "Isian tidak bisa dibaca" in reply.get_data(as_text=True)
