"""The staff pages /pengadaan and /kontrak: sign-in, the provider's bid form, the PPK's,
the provider's and BPKAD's buttons on a contract, refusals said on the page, English."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.integration.procurement_support import (
    T,
    approve_progress,
    caller,
    contract,
    make_package,
    providers,
)
from tests.integration.test_ssw_pages import csrf_of

pytestmark = pytest.mark.sqlite_only("page rendering and form handling; the use cases "
                                     "behind them are tested through the API")


def sign_in(client: Any, username: str, page: str = "pengadaan") -> str:
    """Sign in on the page's form; the page's CSRF token after."""
    token = csrf_of(client.get(f"/{page}").get_data(as_text=True))
    reply = client.post(f"/pengadaan/masuk?back={page}", data={
        "username": username, "password": "demo", "csrf_token": token})
    assert reply.status_code == 303 and reply.headers["Location"].endswith(f"/{page}")
    return csrf_of(client.get(f"/{page}").get_data(as_text=True))


def test_signed_out_pages_ask_for_a_sign_in(client: Any) -> None:
    for path in ("/pengadaan", "/kontrak", "/kontrak?lang=en"):
        html = client.get(path).get_data(as_text=True)
        assert 'name="password"' in html


def test_the_provider_bids_on_the_page(app: Any, engine: Any, clock: Any) -> None:
    client = app.test_client()
    providers(engine)
    code = make_package(engine, 300_000_000)
    tender = caller(client, "pokja").post(T, {"package": code}).get_json()["code"]
    caller(client, "pokja").post(f"{T}/{tender}/publish", {
        "bid_deadline": (clock.now() + timedelta(days=2)).isoformat()})
    pages = app.test_client()
    token = sign_in(pages, "penyedia")
    html = pages.get("/pengadaan").get_data(as_text=True)
    assert tender in html and 'name="amount"' in html and "Kirim penawaran" in html
    above = pages.post(f"/pengadaan/{tender}/penawaran",
                       data={"amount": "300.000.001", "csrf_token": token})
    assert above.status_code == 422 and "HPS" in above.get_data(as_text=True)
    sent = pages.post(f"/pengadaan/{tender}/penawaran",
                      data={"amount": "290.000.000", "csrf_token": token})
    assert sent.status_code == 303
    assert 'name="amount"' not in pages.get("/pengadaan").get_data(as_text=True)
    english = pages.get("/pengadaan?lang=en").get_data(as_text=True)
    assert "Procurement" in english and "Published" in english


def test_the_contract_page_gives_each_role_its_buttons(app: Any, engine: Any,
                                                       clock: Any) -> None:
    code = contract(app.test_client(), engine, clock)
    ppk = app.test_client()
    token = sign_in(ppk, "ppk-dsdabm", "kontrak")
    assert "Tandatangani kontrak" in ppk.get("/kontrak").get_data(as_text=True)
    assert ppk.post(f"/kontrak/{code}/tandatangan", data={"csrf_token": token}).status_code == 303
    assert ppk.post(f"/kontrak/{code}/mulai", data={"csrf_token": token}).status_code == 303
    early = ppk.post(f"/kontrak/{code}/serah-terima", data={"csrf_token": token})
    assert early.status_code == 409 and "100" in early.get_data(as_text=True)
    approve_progress(engine, code, 30)
    provider = app.test_client()
    mine = sign_in(provider, "penyedia", "kontrak")
    assert provider.post(f"/kontrak/{code}/tagihan", data={
        "termin": "1", "number": "INV-9", "csrf_token": mine}).status_code == 303
    html = ppk.get("/kontrak").get_data(as_text=True)
    assert "INV-9" in html and 'value="approve"' in html
    invoice = html.split("/tagihan/")[1].split("/")[0]
    ppk.post(f"/kontrak/{code}/tagihan/{invoice}/putusan",
             data={"decision": "approve", "csrf_token": token})
    finance = app.test_client()
    theirs = sign_in(finance, "bpkad", "kontrak")
    assert 'name="reference"' in finance.get("/kontrak").get_data(as_text=True)
    paid = finance.post(f"/kontrak/{code}/tagihan/{invoice}/bayar",
                        data={"reference": "SP2D/1", "csrf_token": theirs})
    assert paid.status_code == 303
    assert "Dibayar" in finance.get("/kontrak").get_data(as_text=True)
    other = app.test_client()
    sign_in(other, "dinkes", "kontrak")
    assert code not in other.get("/kontrak").get_data(as_text=True)
