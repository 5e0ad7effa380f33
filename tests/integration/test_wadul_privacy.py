"""e-Wadul: who sees the reporter (anonymous and confidential complaints), the lists each
caller gets (an office's inbox, the public list), and no personal data in log lines."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine

from queue_server.domain.privacy import mask_digits, mask_name
from queue_server.eservices.wadul.public import public_view
from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services.cases import public_ref
from tests.integration.wadul_public_support import ref_of, verify_all
from tests.integration.wadul_support import *  # noqa: F403
from tests.integration.wadul_support import NAME, NIK, REPORTS, act, file, forwarded
from tests.support.kept_logs import Kept

PUBLIC = "/api/v1/wadul/public/reports"


@pytest.fixture
def kept() -> Iterator[Kept]:
    """Every log record of the app during the test, as the JSON lines it writes."""
    handler, root = Kept(), logging.getLogger()
    old = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    root.setLevel(old)


def _reporter(api: Any, code: str) -> Any:
    reply = api.get(f"{REPORTS}/{code}")
    assert reply.status_code == 200, reply.get_json()
    return reply.get_json()["reporter"]


def test_the_office_sees_the_reporter_of_a_plain_complaint_only(
        client: Any, citizen: Any, desk: Any, opd: Any, admin: Any, wadul: Engine) -> None:
    plain = forwarded(client, desk)
    anonymous = forwarded(client, desk, anonymous=True)
    secret = forwarded(client, desk, confidential=True)
    assert _reporter(opd, plain)["nik"] == NIK
    for code in (anonymous, secret):
        assert _reporter(opd, code) is None
        assert _reporter(desk, code)["name"] == NAME
        assert _reporter(admin, code)["name"] == NAME
        own = _reporter(citizen, code)  # the filer sees their own, masked
        assert own == {"name": mask_name(NAME), "nik": mask_digits(NIK),
                       "phone": mask_digits(own["phone"])} and NIK not in str(own)


def test_the_public_list_shows_no_confidential_complaint_and_no_reporter(
        client: Any, citizen: Any, desk: Any, wadul: Engine) -> None:
    plain, anonymous = file(client), file(client, anonymous=True)
    secret = file(client, confidential=True)
    verify_all(wadul)
    listed = citizen.get(PUBLIC).get_json()
    refs = [row["ref"] for row in listed["items"]]
    assert ref_of(wadul, plain) in refs and ref_of(wadul, anonymous) in refs
    assert ref_of(wadul, secret) not in refs
    text = json.dumps(listed)
    for personal in (NIK, NAME, "81234567890", "Jalan berlubang", plain, anonymous, secret):
        assert personal not in text
    assert set(listed["items"][0]) == {
        "ref", "merged_into", "category", "category_name", "category_name_en", "kelurahan",
        "state", "state_label", "state_label_en", "open", "opened_at", "updated_at",
        "closed_at", "office", "office_en"}
    paged = citizen.get(f"{PUBLIC}?per_page=1&page=2").get_json()
    assert paged["total"] == 2 and len(paged["items"]) == 1
    assert citizen.get(f"{PUBLIC}?state=nowhere").status_code == 422


def test_the_owner_reads_a_confidential_complaint_on_its_page_and_nobody_else_does(
        client: Any, wadul: Engine) -> None:
    plain, secret = file(client, anonymous=True), file(client, confidential=True)
    with SqlUnitOfWork(wadul) as uow:
        open_case, secret_case = uow.cases.by_code(plain), uow.cases.by_code(secret)
        assert open_case is not None and secret_case is not None
        shown, own = public_view(uow, open_case), public_view(uow, secret_case)
        ref = public_ref(secret_case)
    assert shown is not None and shown["summary"].startswith("Jalan berlubang")
    assert own is not None and own["summary"].startswith("Jalan berlubang")
    for view in (shown, own):
        assert NAME not in json.dumps(view) and NIK not in json.dumps(view)
    page = client.get(f"/c/{secret}")  # the tracking code is its owner's secret
    assert page.headers["X-Robots-Tag"] == "noindex"
    assert "Jalan berlubang" in page.get_data(as_text=True)
    assert client.get(f"/api/v1/wadul/public/reports/{ref}").status_code == 404
    assert client.get(f"/wadul/laporan/{ref}").status_code == 404


def test_an_office_lists_its_own_complaints_and_is_refused_another_offices(
        client: Any, desk: Any, opd: Any, other_office: Any, wadul: Engine) -> None:
    road = forwarded(client, desk)
    rubbish = forwarded(client, desk, category="sampah")
    mine = opd.get(REPORTS).get_json()
    assert [row["ref"] for row in mine["items"]] == [ref_of(wadul, road)]
    assert "reporter" not in mine["items"][0]
    refused = opd.get(f"{REPORTS}?office=dlh")
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "wrong_office"
    assert [r["ref"] for r in other_office.get(REPORTS).get_json()["items"]] == [
        ref_of(wadul, rubbish)]
    every = desk.get(REPORTS).get_json()
    assert {ref_of(wadul, road), ref_of(wadul, rubbish)} <= {r["ref"] for r in every["items"]}
    assert opd.get(f"{REPORTS}?state=forwarded&overdue=false").get_json()["total"] == 1
    assert opd.get(f"{REPORTS}?overdue=true").get_json()["total"] == 0
    assert opd.get("/api/v1/wadul/desk/queue").status_code == 403


@pytest.mark.sqlite_only("log lines do not depend on the database")
def test_no_log_line_holds_the_reporters_nik_phone_or_name(
        client: Any, citizen: Any, desk: Any, opd: Any, kept: Kept, wadul: Engine) -> None:
    code = forwarded(client, desk, confidential=True)
    act(opd, code, "accept")
    act(opd, code, "answer", comment="Sudah.")
    act(citizen, code, "rate", rating=5)
    citizen.get(f"{REPORTS}/{code}")
    citizen.post(REPORTS, json={"category": "jalan-rusak", "description": "x",
                                "kelurahan": "A", "nik": NIK, "name": NAME})
    lines = json.dumps(kept.entries)
    assert kept.entries  # the access lines at least
    for personal in (NIK, NAME, "81234567890", "Siti"):
        assert personal not in lines
