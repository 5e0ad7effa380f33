"""Fix 18M on /pengadaan and /kontrak: times in the city's zone said in words (never a
slice of the stored UTC text), and the signed PDFs downloadable from /kontrak with the
page's own session."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.integration.procurement_support import T, caller, contract, make_package, providers
from tests.integration.test_procurement_pages import sign_in

pytestmark = pytest.mark.sqlite_only("page rendering; the time zone rule is not "
                                     "database-specific")


def test_the_bid_deadline_is_said_in_city_time(app: Any, engine: Any, clock: Any) -> None:
    providers(engine)
    code = make_package(engine, 300_000_000)
    tender = caller(app.test_client(), "pokja").post(T, {"package": code}).get_json()["code"]
    day = (clock.now() + timedelta(days=3)).date()
    deadline = datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)  # 16.00 WIB
    assert caller(app.test_client(), "pokja").post(f"{T}/{tender}/publish", {
        "bid_deadline": deadline.isoformat()}).status_code == 200
    pages = app.test_client()
    sign_in(pages, "pokja")
    for path in ("/pengadaan", f"/pengadaan/{tender}"):
        html = pages.get(path).get_data(as_text=True)
        assert "16.00" in html, path
        assert "09:00" not in html and f"{day.isoformat()} 09" not in html, path
    english = pages.get(f"/pengadaan/{tender}?lang=en").get_data(as_text=True)
    assert "16:00" in english


def test_the_contract_page_links_the_signed_pdf(app: Any, engine: Any, clock: Any) -> None:
    code = contract(app.test_client(), engine, clock)
    ppk = app.test_client()
    token = sign_in(ppk, "ppk-dsdabm", "kontrak")
    assert ppk.post(f"/kontrak/{code}/tandatangan", data={"csrf_token": token}).status_code == 303
    html = ppk.get("/kontrak").get_data(as_text=True)
    links = [part.split('"')[0] for part in html.split('href="/api/v1/documents/')[1:]]
    assert links and all(link.endswith("/pdf") for link in links)
    assert "T0" not in html.split("contract-1")[1].split("</ul>")[0]  # no ISO slice
    reply = ppk.get(f"/api/v1/documents/{links[0]}")
    assert reply.status_code == 200 and reply.data.startswith(b"%PDF")
    provider = app.test_client()
    sign_in(provider, "penyedia", "kontrak")
    mine = provider.get("/kontrak").get_data(as_text=True)
    assert f"/api/v1/documents/{links[0]}" in mine
    reply = provider.get(f"/api/v1/documents/{links[0]}")
    assert reply.status_code == 200 and reply.data.startswith(b"%PDF")


def _form_action(html: str) -> str:
    return html.split('action="')[1].split('"')[0].replace("&amp;", "&")


@pytest.mark.parametrize("path", ["/pengadaan/PBJ-2026-0004",
                                  "/controlling/paket/PKT-2026-0002"])
def test_signing_in_on_a_deep_link_returns_to_it(app: Any, path: str) -> None:
    from tests.integration.test_ssw_pages import csrf_of
    client = app.test_client()
    html = client.get(path).get_data(as_text=True)
    action = _form_action(html)
    reply = client.post(action, data={"username": "pokja", "password": "demo",
                                      "csrf_token": csrf_of(html)})
    assert reply.status_code == 303 and reply.headers["Location"].endswith(path)


@pytest.mark.parametrize("bad", ["https://evil.example/x", "//evil.example/x",
                                 "/\\evil.example", "/elsewhere", "javascript:alert(1)"])
def test_the_return_is_never_an_outside_address(app: Any, bad: str) -> None:
    from tests.integration.test_ssw_pages import csrf_of
    for login, home in (("/pengadaan/masuk?back=pengadaan", "/pengadaan"),
                        ("/controlling/login", "/controlling")):
        client = app.test_client()
        token = csrf_of(client.get(home).get_data(as_text=True))
        reply = client.post(login.split("?")[0], query_string={
            **dict([login.split("?")[1].split("=")] if "?" in login else []), "next": bad},
                            data={"username": "pokja", "password": "demo",
                                  "csrf_token": token})
        assert reply.status_code == 303
        assert reply.headers["Location"].split("?")[0].endswith(home), (login, bad)
