"""The forms of /pengadaan: the pokja's draft, publish, evaluation, award (a blacklisted
winner refused in words), answer to a sanggah; the bidder's sanggah within the period
(its end in words); the PPK's award letter and direct procurement; bad posts answered
4xx with the reason on the page; another office refused (403)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest

from tests.integration.controlling_support import fresh_user
from tests.integration.procurement_support import T, caller, make_package, providers
from tests.integration.test_ssw_pages import csrf_of

pytestmark = pytest.mark.sqlite_only("page forms; the use cases behind them are tested "
                                     "through the API on both databases")


def signed_in(app: Any, username: str, password: str = "demo") -> tuple[Any, str]:
    """A test client signed in on /pengadaan's form, and its CSRF token."""
    client = app.test_client()
    token = csrf_of(client.get("/pengadaan").get_data(as_text=True))
    reply = client.post("/pengadaan/masuk?back=pengadaan", data={
        "username": username, "password": password, "csrf_token": token})
    assert reply.status_code == 303, reply.get_data(as_text=True)[:300]
    return client, csrf_of(client.get("/pengadaan").get_data(as_text=True))


def post(client: Any, token: str, path: str, **form: str) -> Any:
    return client.post(path, data={**form, "csrf_token": token})


def bids_of(html: str) -> list[str]:
    return re.findall(r'data-bid="(\d+)"', html)


def test_the_pokja_runs_a_tender_on_the_page(app: Any, engine: Any, clock: Any) -> None:
    providers(engine)
    code = make_package(engine, 300_000_000)
    pokja, token = signed_in(app, "pokja")
    listing = pokja.get("/pengadaan").get_data(as_text=True)
    assert code in listing and "Buat draf tender" in listing
    made = post(pokja, token, f"/pengadaan/paket/{code}/draf")
    assert made.status_code == 303
    tender = made.headers["Location"].split("/pengadaan/")[1].split("?")[0]
    assert 'name="deadline"' in pokja.get(f"/pengadaan/{tender}").get_data(as_text=True)
    bad = post(pokja, token, f"/pengadaan/{tender}/umumkan", deadline="besok pagi")
    assert bad.status_code == 422 and "Batas penawaran harus setelah" in bad.get_data(
        as_text=True)
    past = post(pokja, token, f"/pengadaan/{tender}/umumkan", deadline="2020-01-01T10:00")
    assert past.status_code == 422
    later = (clock.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    assert post(pokja, token, f"/pengadaan/{tender}/umumkan", deadline=later).status_code == 303
    assert caller(app.test_client(), "penyedia").post(
        f"{T}/{tender}/bids", {"amount": 280_000_000}).status_code == 200
    clock.advance(days=3)
    pokja, token = signed_in(app, "pokja")
    page = pokja.get(f"/pengadaan/{tender}").get_data(as_text=True)
    bid = bids_of(page)[0]
    unnoted = post(pokja, token, f"/pengadaan/{tender}/evaluasi/{bid}", result="fail")
    assert unnoted.status_code == 422 and "penawaran yang gugur" in unnoted.get_data(
        as_text=True)
    score = post(pokja, token, f"/pengadaan/{tender}/evaluasi/{bid}", result="pass",
                 score="sembilan")
    assert score.status_code == 422 and "Nilai evaluasi" in score.get_data(as_text=True)
    assert post(pokja, token, f"/pengadaan/{tender}/evaluasi/{bid}", result="pass",
                score="90,5", note="Lengkap").status_code == 303
    assert post(pokja, token, f"/pengadaan/{tender}/pemenang", bid="x").status_code == 404
    won = post(pokja, token, f"/pengadaan/{tender}/pemenang", bid=bid)
    assert won.status_code == 303
    page = pokja.get(f"/pengadaan/{tender}?done=awarded").get_data(as_text=True)
    assert "Pemenang ditetapkan" in page and "90.5" in page


def awarded_with_two_bidders(app: Any, engine: Any, clock: Any) -> tuple[str, str, Any]:
    """A tender bid on by both providers, evaluated (both passed), PT Bangun Jaya
    blacklisted: (tender code, package code, PT's (username, password))."""
    providers(engine)
    code = make_package(engine, 300_000_000)
    api = app.test_client()
    pokja = caller(api, "pokja")
    tender = pokja.post(T, {"package": code}).get_json()["code"]
    pokja.post(f"{T}/{tender}/publish", {
        "bid_deadline": (clock.now() + timedelta(days=2)).isoformat()})
    pt = fresh_user(engine, "pt-bangun-jaya")
    caller(api, "penyedia").post(f"{T}/{tender}/bids", {"amount": 290_000_000})
    caller(api, *pt).post(f"{T}/{tender}/bids", {"amount": 270_000_000})
    reply = pokja.post("/api/v1/procurement/blacklist", {
        "npwp": "023456789012000", "name": "PT Bangun Jaya", "reason": "Wanprestasi 2025",
        "starts": "2026-01-01", "ends": None, "source": "LKPP"})
    assert reply.status_code == 200, reply.get_json()
    clock.advance(days=3)
    for bid in pokja.get(f"{T}/{tender}").get_json()["bids"]:
        pokja.post(f"{T}/{tender}/evaluations", {"bid": bid["id"], "passed": True})
    return tender, code, pt


def test_award_refusal_sanggah_and_award_letter(app: Any, engine: Any, clock: Any) -> None:
    tender, code, pt = awarded_with_two_bidders(app, engine, clock)
    pokja, token = signed_in(app, "pokja")
    page = pokja.get(f"/pengadaan/{tender}").get_data(as_text=True)
    cheapest = bids_of(page)[0]
    refused = post(pokja, token, f"/pengadaan/{tender}/pemenang", bid=cheapest)
    text = refused.get_data(as_text=True)
    assert refused.status_code == 409 and "daftar hitam" in text and "Wanprestasi" in text
    english = pokja.post(f"/pengadaan/{tender}/pemenang?lang=en",
                         data={"bid": cheapest, "csrf_token": token})
    assert "is blacklisted" in english.get_data(as_text=True)
    other = bids_of(page)[1]
    assert post(pokja, token, f"/pengadaan/{tender}/pemenang", bid=other).status_code == 303
    bidder, mine = signed_in(app, *pt)
    page = bidder.get(f"/pengadaan/{tender}").get_data(as_text=True)
    assert 'id="complaint-form"' in page and "Sanggah dapat diajukan sampai dengan" in page
    assert re.search(r"sampai dengan \w+, \d+ \w+ 20\d\d", page)
    empty = post(bidder, mine, f"/pengadaan/{tender}/sanggah", text=" ")
    assert empty.status_code == 422 and "isi sanggah" in empty.get_data(as_text=True)
    assert post(bidder, mine, f"/pengadaan/{tender}/sanggah",
                text="Kami penawar terendah.").status_code == 303
    page = pokja.get(f"/pengadaan/{tender}").get_data(as_text=True)
    complaint = re.findall(r"/sanggah/(\d+)", page)[0]
    blank = post(pokja, token, f"/pengadaan/{tender}/sanggah/{complaint}", result="reject")
    assert blank.status_code == 422
    assert post(pokja, token, f"/pengadaan/{tender}/sanggah/{complaint}", result="reject",
                answer="Penyedia masuk daftar hitam.").status_code == 303
    ppk, theirs = signed_in(app, "ppk-dsdabm")
    early = post(ppk, theirs, f"/pengadaan/{tender}/sppbj")
    assert early.status_code == 409 and "masa sanggah" in early.get_data(as_text=True)
    clock.advance(days=10)
    ppk, theirs = signed_in(app, "ppk-dsdabm")
    assert "Terbitkan SPPBJ" in ppk.get(f"/pengadaan/{tender}").get_data(as_text=True)
    issued = post(ppk, theirs, f"/pengadaan/{tender}/sppbj")
    assert issued.status_code == 303 and "/kontrak" in issued.headers["Location"]
    assert code in ppk.get("/kontrak").get_data(as_text=True)


def test_wrong_office_and_provider_are_refused(app: Any, engine: Any, clock: Any) -> None:
    tender, _, _ = awarded_with_two_bidders(app, engine, clock)
    outsider, token = signed_in(app, "dinkes")
    assert outsider.get(f"/pengadaan/{tender}").status_code == 403
    assert post(outsider, token, f"/pengadaan/{tender}/pemenang", bid="1").status_code == 403
    provider, mine = signed_in(app, "penyedia")
    assert post(provider, mine, f"/pengadaan/{tender}/sanggah/1", result="uphold",
                answer="x").status_code == 403
    ppk, theirs = signed_in(app, "ppk-dsdabm")
    assert post(ppk, theirs, f"/pengadaan/{tender}/evaluasi/1", result="pass").status_code == 403
    assert outsider.post(f"/pengadaan/{tender}/pemenang", data={"bid": "1"}).status_code == 400


def test_the_ppk_records_a_direct_procurement(app: Any, engine: Any) -> None:
    ids = providers(engine)
    code = make_package(engine, 150_000_000, method="direct")
    ppk, token = signed_in(app, "ppk-dsdabm")
    page = ppk.get("/pengadaan").get_data(as_text=True)
    assert "Pengadaan langsung" in page and code in page
    form = {"provider": str(ids["cv-karya-mandiri"]), "offer": "149.000.000"}
    above = post(ppk, token, f"/pengadaan/paket/{code}/langsung", **form,
                 negotiated="151.000.000")
    assert above.status_code == 422 and "melebihi HPS" in above.get_data(as_text=True)
    typo = post(ppk, token, f"/pengadaan/paket/{code}/langsung", **form, negotiated="seratus")
    assert typo.status_code == 422 and "rupiah" in typo.get_data(as_text=True)
    done = post(ppk, token, f"/pengadaan/paket/{code}/langsung", **form,
                negotiated="145.000.000", note="Negosiasi 2 Des")
    assert done.status_code == 303
    assert "Rp 145.000.000" in ppk.get(done.headers["Location"]).get_data(as_text=True)
    pokja, theirs = signed_in(app, "pokja")
    other = make_package(engine, 120_000_000, method="direct")
    assert 'id="h-ready-direct"' not in pokja.get("/pengadaan").get_data(as_text=True)
    assert post(pokja, theirs, f"/pengadaan/paket/{other}/langsung", **form,
                negotiated="100.000.000").status_code == 403
