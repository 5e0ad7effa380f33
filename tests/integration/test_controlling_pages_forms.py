"""The forms of /controlling/paket/{code}: the provider's monthly report (multipart, 1–5
photos; each refusal said next to its field, the values kept), the PPK's approval or
return (a reason needed) with the photos shown; other offices refused (403); no CSRF
token, 400."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest

from tests.integration.controlling_support import contract, fresh_user
from tests.integration.test_ssw_pages import csrf_of
from tests.support import images

pytestmark = pytest.mark.sqlite_only("page forms; the use cases behind them are tested "
                                     "through the API")
CODE = "PKT-2026-0901"
PAGE = f"/controlling/paket/{CODE}"


@pytest.fixture
def started(app: Any, engine: Any, tmp_path: Path) -> int:
    app.instance_path = str(tmp_path)
    return contract(engine, CODE)


def signed_in(app: Any, username: str, password: str = "demo") -> tuple[Any, str]:
    """A test client signed in on /controlling's form, and its CSRF token."""
    client = app.test_client()
    token = csrf_of(client.get("/controlling").get_data(as_text=True))
    reply = client.post("/controlling/login", data={
        "username": username, "password": password, "csrf_token": token})
    assert reply.status_code == 303
    return client, csrf_of(client.get("/controlling").get_data(as_text=True))


def report(client: Any, token: str, photos: int = 1, **fields: str) -> Any:
    form: dict[str, Any] = {"month": "2026-08", "physical": "12,5", "financial": "10",
                            "spent": "30.000.000", "note": "Galian selesai.",
                            "csrf_token": token, **fields}
    form["photos"] = [(BytesIO(images.jpeg(artist=images.ARTIST)), f"f{n}.jpg")
                      for n in range(photos)]
    return client.post(f"{PAGE}/laporan", data=form, content_type="multipart/form-data")


def field_error(html: str, name: str) -> str:
    found = re.search(rf'id="err-{name}">([^<]+)<', html)
    assert found, f"no error next to {name}"
    return found.group(1)


def test_each_refusal_is_said_next_to_its_field(app: Any, started: int) -> None:
    provider, token = signed_in(app, "penyedia")
    page = provider.get(PAGE).get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in page and 'name="photos"' in page
    none = report(provider, token, photos=0)
    html = none.get_data(as_text=True)
    assert none.status_code == 422 and "Lampirkan 1 sampai 5" in field_error(html, "photos")
    assert 'value="12,5"' in html and "Galian selesai." in html
    assert "foto" in field_error(report(provider, token, photos=6).get_data(as_text=True),
                                 "photos")
    high = report(provider, token, physical="120")
    assert high.status_code == 422 and "0 dan 100" in field_error(
        high.get_data(as_text=True), "physical")
    assert "keuangan" in field_error(report(provider, token, financial="x").get_data(
        as_text=True), "financial")
    spent = report(provider, token, spent="tiga juta")
    assert spent.status_code == 422 and "rupiah" in field_error(
        spent.get_data(as_text=True), "spent")
    future = report(provider, token, month="2027-01")
    assert future.status_code == 422 and field_error(future.get_data(as_text=True), "month")
    assert report(provider, token, month="bulan lalu").status_code == 422
    english = provider.post(f"{PAGE}/laporan?lang=en", data={
        "month": "2026-08", "physical": "10", "financial": "5", "csrf_token": token},
        content_type="multipart/form-data")
    assert "Attach 1 to 5" in field_error(english.get_data(as_text=True), "photos")


def test_the_provider_reports_and_the_ppk_returns_then_approves(app: Any,
                                                                 started: int) -> None:
    provider, token = signed_in(app, "penyedia")
    sent = report(provider, token, photos=2)
    assert sent.status_code == 303 and "done=report" in sent.headers["Location"]
    assert "menunggu keputusan PPK" in provider.get(sent.headers["Location"]).get_data(
        as_text=True)
    ppk, theirs = signed_in(app, "ppk-dsdabm")
    page = ppk.get(PAGE).get_data(as_text=True)
    photos = re.findall(r'<img src="(/api/v1/controlling/photos/\d+)"', page)
    assert len(photos) == 2 and 'alt="Foto progres 1 bulan 2026-08"' in page
    assert ppk.get(photos[0]).mimetype == "image/jpeg"
    decide = re.search(r'action="(/controlling/paket/[^"]+/putusan)"', page)
    assert decide
    bare = ppk.post(decide.group(1), data={"decision": "return", "csrf_token": theirs})
    assert bare.status_code == 422 and 'id="decide-error-' in bare.get_data(as_text=True)
    back = ppk.post(decide.group(1), data={"decision": "return", "reason": "Foto buram",
                                           "csrf_token": theirs})
    assert back.status_code == 303
    assert report(provider, token).status_code == 303
    decide = re.search(r'action="(/controlling/paket/[^"]+/putusan)"',
                       ppk.get(PAGE).get_data(as_text=True))
    assert decide
    done = ppk.post(decide.group(1), data={"decision": "approve", "csrf_token": theirs})
    assert done.status_code == 303
    page = ppk.get(done.headers["Location"]).get_data(as_text=True)
    assert "Laporan disetujui." in page and "Tidak ada laporan yang menunggu" in page
    again = ppk.post(decide.group(1), data={"decision": "approve", "csrf_token": theirs})
    assert again.status_code == 409


def test_other_offices_and_bad_posts_are_refused(app: Any, engine: Any, started: int) -> None:
    provider, token = signed_in(app, "penyedia")
    assert report(provider, token).status_code == 303
    outsider, theirs = signed_in(app, *fresh_user(engine, "dlh", "ppk"))
    assert outsider.get(PAGE).status_code == 403
    assert report(outsider, theirs).status_code == 403
    page = signed_in(app, "ppk-dsdabm")[0].get(PAGE).get_data(as_text=True)
    decide = re.search(r'action="(/controlling/paket/[^"]+/putusan)"', page)
    assert decide
    assert provider.post(decide.group(1), data={"decision": "approve",
                                                "csrf_token": token}).status_code == 403
    assert outsider.post(decide.group(1), data={"decision": "approve"}).status_code == 400
    assert report(provider, token).status_code == 303  # a resend of the waiting month
    gone = provider.post("/controlling/paket/PKT-0000-0000/laporan",
                         data={"csrf_token": token}, content_type="multipart/form-data")
    assert gone.status_code == 404
