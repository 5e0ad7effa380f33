"""e-Wadul's edges after the second review: a returned complaint goes back to the Media
Center, a reopened one is rated anew, an emergency category is told before identity is
asked, a NIK typed in groups and a decimal comma are read, the desk corrects the privacy
flags and redacts the description, and staff land on a page of their own."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

from queue_server.persistence.uow import SqlUnitOfWork
from tests.conftest import Api
from tests.integration.test_wadul_pages import html_of, sign_in
from tests.integration.wadul_public_support import ref_of
from tests.integration.wadul_support import *  # noqa: F403
from tests.integration.wadul_support import (
    NIK,
    REPORTS,
    act,
    answered,
    caller,
    file,
    forwarded,
    report,
)

PUBLIC = "/api/v1/wadul/public/reports"
O311 = "/open311/v2/requests.json"
DASHBOARD = "/api/v1/wadul/dashboard"


def _refs(client: Any, path: str) -> list[str]:
    return [row["ref"] for row in client.get(path).get_json()["items"]]


def test_a_returned_complaint_goes_back_to_the_media_center(
        client: Any, citizen: Any, desk: Api, opd: Api, wadul: Engine) -> None:
    code = forwarded(client, desk)
    ref = ref_of(wadul, code)
    assert _refs(opd, "/api/v1/wadul/reports") == [ref]
    returned = act(opd, code, "return", comment="Bukan jalan kota.")
    assert returned.status_code == 200 and returned.get_json()["state"] == "verified"
    assert _refs(opd, "/api/v1/wadul/reports") == []  # out of the office's inbox
    seen = desk.get(f"{REPORTS}/{code}").get_json()
    assert seen["office"]["code"] == "media-center"
    row = citizen.get(PUBLIC).get_json()["items"][0]
    assert row["ref"] == ref and row["office"] == "Media Center"
    admin = caller(client, "admin")
    offices = {r["office"]: r["cases"]
               for r in admin.get(DASHBOARD).get_json()["per_office"]}
    assert offices == {"media-center": 1}


@pytest.mark.sqlite_only("the rating's rule is in Python; the timeline's data read once")
def test_a_reopened_complaint_is_rated_anew_and_counted_once(
        client: Any, citizen: Any, desk: Api, opd: Api, wadul: Engine) -> None:
    admin = caller(client, "admin")
    code = answered(client, desk, opd)
    assert act(citizen, code, "rate", rating=2).status_code == 200
    assert admin.get(DASHBOARD).get_json()["rating_count"] == 1
    reopened = act(citizen, code, "reopen", comment="Lubangnya muncul lagi.")
    assert reopened.status_code == 200 and reopened.get_json()["rating"] is None
    assert admin.get(DASHBOARD).get_json()["rating_count"] == 0  # current ratings only
    assert act(opd, code, "answer", comment="Sudah diaspal ulang.").status_code == 200
    assert "rate" in [a["action"] for a in citizen.get(f"{REPORTS}/{code}").get_json()[
        "actions"]]
    rated = act(citizen, code, "rate", rating=5)
    assert rated.status_code == 200 and rated.get_json()["rating"] == 5
    figures = admin.get(DASHBOARD).get_json()
    assert figures["rating_count"] == 1 and figures["rating_mean"] == 5
    with SqlUnitOfWork(wadul) as uow:
        case = uow.cases.by_code(code)
        assert case is not None
        data = {e.action: e.data for e in uow.cases.events(case.id, False)
                if e.action == "reopen"}
    assert data == {"reopen": {"previous_rating": 2}}  # the old one stays in the timeline


@pytest.mark.sqlite_only("input checks; no database-specific behaviour")
def test_an_emergency_category_is_told_before_identity_is_asked(
        citizen: Any, wadul: Engine) -> None:
    body = report("kebakaran")
    del body["nik"], body["phone"]
    reply = citizen.post(REPORTS, json=body)
    assert reply.status_code == 409, reply.get_json()
    assert reply.get_json()["error"]["code"] == "category_redirect"
    assert "112" in reply.get_json()["error"]["redirect"]


@pytest.mark.sqlite_only("input reading; no database-specific behaviour")
@pytest.mark.parametrize("typed", [" ".join([NIK[:4], NIK[4:8], NIK[8:12], NIK[12:]]),
                                   f"{NIK[:6]}-{NIK[6:12]}-{NIK[12:]}"])
def test_a_nik_in_groups_and_a_decimal_comma_are_read(
        citizen: Any, desk: Api, wadul: Engine, typed: str) -> None:
    form = {**report(nik=typed, phone="0812-3456-7890"), "lat": "-7,26", "lon": "112,75",
            "channel": "web"}
    reply = citizen.post(REPORTS, data=form, content_type="multipart/form-data")
    assert reply.status_code == 201, reply.get_json()
    seen = desk.get(f"{REPORTS}/{reply.get_json()['code']}").get_json()
    assert seen["reporter"]["nik"] == NIK and seen["reporter"]["phone"] == "+6281234567890"
    assert (seen["lat"], seen["lon"]) == (-7.26, 112.75)
    wrong = citizen.post(REPORTS, data={**form, "lat": "-7,2,6"},
                         content_type="multipart/form-data")
    assert wrong.status_code == 422


def test_the_desk_marks_a_complaint_confidential_and_it_leaves_every_public_list(
        client: Any, citizen: Any, desk: Api, wadul: Engine) -> None:
    code = file(client)
    assert act(desk, code, "verify").status_code == 200
    ref = ref_of(wadul, code)
    assert _refs(citizen, PUBLIC) == [ref]
    assert [r["service_request_id"] for r in citizen.get(O311).get_json()] == [ref]
    edited = act(desk, code, "edit", confidential=True, comment="Menyebut nama tetangga.")
    assert edited.status_code == 200, edited.get_json()
    assert edited.get_json()["state"] == "verified" and edited.get_json()["confidential"]
    assert _refs(citizen, PUBLIC) == []
    assert citizen.get(O311).get_json() == []
    assert citizen.get(f"{PUBLIC}/{ref}").status_code == 404


@pytest.mark.sqlite_only("the edit's rules are in Python, the same on every database")
def test_the_desk_redacts_a_description_and_the_old_text_is_in_no_view(
        client: Any, citizen: Any, desk: Api, opd: Api, wadul: Engine) -> None:
    code = forwarded(client, desk, description="Pak Budi Santoso 0812999888 buang sampah.")
    assert act(opd, code, "edit", anonymous=True).status_code == 403  # the office may not
    assert act(citizen, code, "edit", anonymous=True).status_code == 403  # nor the filer
    nothing = act(desk, code, "edit")
    assert nothing.status_code == 422
    assert nothing.get_json()["error"]["code"] == "nothing_to_edit"
    assert act(desk, code, "edit", description="pendek").get_json()["error"]["code"] == (
        "invalid_description")
    edited = act(desk, code, "edit", description="Warga membuang sampah di saluran air.",
                 anonymous=True)
    assert edited.status_code == 200 and edited.get_json()["anonymous"] is True
    line = edited.get_json()["timeline"][-1]
    assert line["action"] == "edit" and line["actor"] == "staff:mediacenter"
    assert line["to"] == "forwarded"  # the case did not move
    for who in (desk, opd, citizen):
        body = who.get(f"{REPORTS}/{code}").get_data(as_text=True)
        assert "Budi" not in body and "0812999888" not in body
    owner = citizen.get(f"{REPORTS}/{code}").get_json()
    assert "edit" not in [e["action"] for e in owner["timeline"]]  # a staff line only
    with SqlUnitOfWork(wadul) as uow:
        case = uow.cases.by_code(code)
        assert case is not None
        assert [e.data for e in uow.cases.events(case.id, False) if e.action == "edit"] == [
            {"changed": ["anonymous", "description"]}]


@pytest.mark.sqlite_only("where a sign-in lands is decided in Python")
@pytest.mark.parametrize(("user", "back", "lands"), [
    ("opd", "desk", "/wadul/inbox"), ("mediacenter", "desk", "/wadul/desk"),
    ("opd", "dashboard", "/wadul/inbox"), ("kepala-opd", "dashboard", "/wadul/dashboard")])
def test_staff_signing_in_land_on_a_page_of_their_own(
        app: Any, wadul: Engine, user: str, back: str, lands: str) -> None:
    reply = sign_in(app.test_client(), user, back)
    assert reply.status_code == 303 and reply.headers["Location"].endswith(lands)


@pytest.mark.sqlite_only("pages read through the use cases tested on both")
def test_office_names_are_english_on_english_pages(
        app: Any, client: Any, desk: Api, wadul: Engine) -> None:
    english, indonesian = "Water Resources and Highways Office", "Dinas Sumber Daya Air"
    assert english in html_of(client, "/wadul?lang=en")
    assert indonesian in html_of(client, "/wadul") and english not in html_of(client, "/wadul")
    forwarded(client, desk)
    assert english in html_of(client, "/wadul/laporan?lang=en")
    assert indonesian in html_of(client, "/wadul/laporan")
    staff = app.test_client()
    sign_in(staff, "admin", "dashboard")
    page = html_of(staff, "/wadul/dashboard?lang=en")
    assert page.count(english) >= 2  # the office filter and the table's row


@pytest.mark.sqlite_only("pages read through the use cases tested on both")
def test_an_empty_kelurahan_shows_as_a_dash(
        app: Any, client: Any, desk: Api, wadul: Engine) -> None:
    code = file(client, kelurahan="", lat=-7.26, lon=112.75)
    assert act(desk, code, "verify").status_code == 200
    assert "<td>Jalan rusak / berlubang</td><td>–</td>" in html_of(client, "/wadul/laporan")


@pytest.mark.sqlite_only("pages read through the use cases tested on both")
def test_the_desk_s_case_page_offers_the_correction_and_an_office_s_does_not(
        app: Any, client: Any, desk: Api, wadul: Engine) -> None:
    ref = ref_of(wadul, forwarded(client, desk))
    for user, offered in (("mediacenter", True), ("opd", False)):
        staff = app.test_client()
        sign_in(staff, user, "inbox")
        page = html_of(staff, f"/wadul/kasus/{ref}")
        assert ('id="edit-form"' in page) is offered, user
