"""The `/anggaran` page's forms: an office's staff makes a budget line from a ready
proposal of its office or from a programme, the planning agency loads the standard-cost
CSV and sets office ceilings; the flags are shown; a refusal is said next to its field
(aria-describedby) with the form kept as sent, in Indonesian and English."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest

from tests.integration.test_budgeting_pages import sign_in
from tests.integration.test_budgeting_support import ACCOUNT, YEAR, make_proposal

pytestmark = pytest.mark.sqlite_only("server-rendered forms over the same use cases")
COSTS = "code,name,unit,price\nSSH.1,Hotmix,m2,185000\n"


def _said_next_to(page: str, field: str, words: str) -> None:
    """`words` in the refusal next to `field` (`<form>-<name>`), the field pointing at it."""
    assert re.search(rf'aria-describedby="[^"]*err-{field}"', page), field
    start = page.index(f'id="err-{field}"')
    assert words in page[start:start + 400], page[start:start + 400]


def test_an_office_budgets_a_ready_proposal_of_its_own_on_the_page(
        app: Any, client: Any) -> None:
    engine = app.extensions["antrian"].engine
    ref = make_proposal(engine)
    other = make_proposal(engine, office="dlh")
    token = sign_in(client, "opd")
    page = client.get("/anggaran").get_data(as_text=True)
    assert f'<option value="{ref}"' in page and other not in page
    form = {"csrf_token": token, "source": "proposal", "office": "dsdabm",
            "proposal": ref, "code": "5.1.02"}
    bad = client.post("/anggaran/baris", data=form)
    assert bad.status_code == 422
    html = bad.get_data(as_text=True)
    _said_next_to(html, "proposal-code", "Kode rekening 5.1.02 tidak sesuai pola")
    assert 'value="5.1.02"' in html  # the form as it was sent
    stranger = client.post("/anggaran/baris", data={**form, "proposal": other,
                                                    "code": ACCOUNT})
    assert stranger.status_code == 403 and "Anda tidak berwenang" in stranger.get_data(
        as_text=True)
    done = client.post("/anggaran/baris", data={**form, "code": ACCOUNT})
    assert done.status_code == 303 and "done=line-" in done.headers["Location"]
    listed = client.get(done.headers["Location"]).get_data(as_text=True)
    assert f"({ref})" in listed and "Baris anggaran dibuat" in listed
    assert f'<option value="{ref}"' not in listed  # budgeted: no longer ready
    twice = client.post("/anggaran/baris", data={**form, "code": ACCOUNT})
    assert twice.status_code == 409  # at most one line each (no longer in the list)


def test_a_programme_line_refused_field_by_field_then_flagged(app: Any, client: Any) -> None:
    agency = app.test_client()
    agency_token = sign_in(agency, "bappeda")
    token = sign_in(client, "opd")
    form = {"csrf_token": token, "source": "programme", "office": "dsdabm",
            "code": ACCOUNT, "title": "Jalan lingkungan", "year": str(YEAR),
            "standard_cost": "SSH.1", "quantity": "100"}
    missing = client.post("/anggaran/baris", data=form)
    assert missing.status_code == 422
    _said_next_to(missing.get_data(as_text=True), "programme-standard_cost",
                  "Standar harga SSH.1 tahun 2027 tidak ada")
    words = client.post("/anggaran/baris?lang=en", data={**form, "quantity": "banyak"})
    assert words.status_code == 422
    _said_next_to(words.get_data(as_text=True), "programme-quantity",
                  "The quantity must be a number above zero")
    assert agency.post(f"/anggaran/standar-harga?year={YEAR}", data={
        "csrf_token": agency_token, "csv": COSTS}).status_code == 303
    assert agency.post(f"/anggaran/pagu?year={YEAR}", data={
        "csrf_token": agency_token, "office": "dsdabm", "amount": "10.000.000"}
        ).status_code == 303
    done = client.post("/anggaran/baris", data={**form, "unit_price": "190.000"})
    assert done.status_code == 303
    page = client.get("/anggaran").get_data(as_text=True)
    assert "Rp 19.000.000" in page and "di atas standar harga" in page
    assert "melebihi pagu perangkat daerah" in page
    decided = agency.get("/anggaran").get_data(as_text=True)
    assert 'name="reason"' in decided and "required" in decided  # flagged: reason needed


def test_the_agency_loads_standard_costs_and_sets_ceilings_on_the_page(
        client: Any) -> None:
    token = sign_in(client, "bappeda")
    page = client.get(f"/anggaran?year={YEAR}").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in page and 'id="ceiling-office"' in page
    bad = client.post(f"/anggaran/standar-harga?year={YEAR}", data={
        "csrf_token": token, "csv": COSTS + "SSH.2,Paving,m2,murah\n"})
    assert bad.status_code == 422
    _said_next_to(bad.get_data(as_text=True), "costs-csv", "baris 2: harga murah")
    upload = client.post(f"/anggaran/standar-harga?year={YEAR}", data={
        "csrf_token": token, "file": (io.BytesIO(COSTS.encode()), "ssh.csv")},
        content_type="multipart/form-data")
    assert upload.status_code == 303
    listed = client.get(upload.headers["Location"]).get_data(as_text=True)
    assert "SSH.1" in listed and "Rp 185.000" in listed and "Standar harga dimuat" in listed
    half = client.post(f"/anggaran/pagu?year={YEAR}&lang=en", data={
        "csrf_token": token, "office": "dsdabm", "amount": "12,5"})
    assert half.status_code == 422
    _said_next_to(half.get_data(as_text=True), "ceiling-amount", "The ceiling must be")
    unknown = client.post(f"/anggaran/pagu?year={YEAR}", data={
        "csrf_token": token, "office": "nowhere", "amount": "1.000"})
    _said_next_to(unknown.get_data(as_text=True), "ceiling-office", "nowhere tidak dikenal")
    assert client.post(f"/anggaran/pagu?year={YEAR}", data={
        "csrf_token": token, "office": "dsdabm", "amount": "2.500.000.000"}
        ).status_code == 303
    assert "Rp 2.500.000.000" in client.get(f"/anggaran?year={YEAR}").get_data(as_text=True)


def test_an_office_may_not_load_costs_or_set_ceilings(app: Any, client: Any) -> None:
    token = sign_in(client, "opd")
    page = client.get("/anggaran").get_data(as_text=True)
    assert "standar-harga" not in page and "/anggaran/pagu" not in page
    assert client.post(f"/anggaran/pagu?year={YEAR}", data={
        "csrf_token": token, "office": "dsdabm", "amount": "1.000"}).status_code == 403
    assert client.post(f"/anggaran/standar-harga?year={YEAR}", data={
        "csrf_token": token, "csv": COSTS}).status_code == 403
    assert app.test_client().post("/anggaran/pagu", data={}).status_code == 401
