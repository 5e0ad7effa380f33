"""The planning staff pages: `/anggaran` (an office's lines with flags; the agency's
approve or reject with a reason) and `/paket` (an office's lines with what is left and
its packages; split a line into a package), in Indonesian and English."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.conftest import DEMO_PASSWORD
from tests.integration.test_budgeting_support import programme_line

pytestmark = pytest.mark.sqlite_only("server-rendered pages over the same use cases")


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert match
    return match.group(1)


def sign_in(client: Any, username: str, page: str = "anggaran") -> str:
    """Sign in through the page's form; the CSRF token of the page after it."""
    form = client.get(f"/{page}").get_data(as_text=True)
    assert 'name="password"' in form
    reply = client.post(f"/anggaran/masuk?back={page}", data={
        "username": username, "password": DEMO_PASSWORD, "csrf_token": _csrf(form)})
    assert reply.status_code == 303
    return _csrf(client.get(f"/{page}").get_data(as_text=True))


def test_the_agency_approves_a_flagged_line_on_the_page_only_with_a_reason(
        app: Any, client: Any) -> None:
    line = programme_line(app.test_client(), amount_units=100, approve=False, price=190_000)
    token = sign_in(client, "bappeda")
    page = client.get("/anggaran").get_data(as_text=True)
    assert "di atas standar harga" in page and "Rp 19.000.000" in page
    assert "above the standard cost" in client.get("/anggaran?lang=en").get_data(as_text=True)
    bare = client.post(f"/anggaran/{line}/putusan", data={
        "csrf_token": token, "decision": "approve", "reason": ""})
    assert bare.status_code == 422 and "Tuliskan alasannya" in bare.get_data(as_text=True)
    assert client.post(f"/anggaran/{line}/putusan", data={
        "decision": "approve", "reason": "x"}).status_code == 400  # no CSRF token
    done = client.post(f"/anggaran/{line}/putusan", data={
        "csrf_token": token, "decision": "approve", "reason": "Harga pasar naik"})
    assert done.status_code == 303
    assert "Harga pasar naik" in client.get("/anggaran").get_data(as_text=True)


def test_an_office_sees_its_lines_without_the_decision_form(app: Any, client: Any) -> None:
    programme_line(app.test_client(), amount_units=100)
    sign_in(client, "dlh")
    assert "Belum ada baris anggaran" in client.get("/anggaran").get_data(as_text=True)
    other = app.test_client()
    sign_in(other, "opd")
    page = other.get("/anggaran").get_data(as_text=True)
    assert "Jalan" in page and "/putusan" not in page


def test_an_office_splits_a_line_into_a_package_on_the_page(app: Any, client: Any) -> None:
    programme_line(app.test_client(), amount_units=2000)  # Rp 370 juta
    token = sign_in(client, "opd", "paket")
    page = client.get("/paket").get_data(as_text=True)
    assert "Rp 370.000.000" in page
    form = {"csrf_token": token, "title": "Hotmix", "category": "works", "method": "",
            "starts": "2027-03-01", "ends": "2027-06-30"}
    line = re.search(r'<option value="(\d+)">', page).group(1)  # type: ignore[union-attr]
    over = client.post("/paket", data={**form, "line": line, "value": "400.000.000"})
    assert over.status_code == 409 and "tinggal Rp 370.000.000" in over.get_data(as_text=True)
    done = client.post("/paket", data={**form, "line": line, "value": "250.000.000"})
    assert done.status_code == 303
    listed = client.get("/paket?lang=en").get_data(as_text=True)
    assert "PKT-2027-0001" in listed and "Rp 120.000.000" in listed and "Tender" in listed
    planned = client.post("/paket/PKT-2027-0001/plan", data={"csrf_token": token})
    assert planned.status_code == 303
    assert "siap diadakan" in client.get("/paket").get_data(as_text=True)
    bad = client.post("/paket", data={**form, "line": line, "value": "abc"})
    assert bad.status_code == 422
