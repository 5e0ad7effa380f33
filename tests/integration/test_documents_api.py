"""/api/v1/documents (mobile_api/documents.py): the list scoped per office (admin all,
an office's staff theirs, anyone else 403, devices 403), paging and the module filter,
absolute verification addresses; the public facts; the signed PDF for the admin, the
issuing office's staff and the case's owner (`?case=`), with its headers; the check of
an uploaded copy; the admin's revoke; every route in the OpenAPI document."""

from __future__ import annotations

import hashlib
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services.cases import find
from queue_server.signing import LocalSigner
from tests.conftest import DEMO_PASSWORD, Api, login
from tests.support import factories
from tests.support import probe_kind as probe
from tests.support.cases import World, world
from tests.support.clock import FakeClock
from tests.support.documents import Desk, desk_for, tampered

LIST = "/api/v1/documents"


@pytest.fixture(scope="module")
def signer(tmp_path_factory: pytest.TempPathFactory) -> LocalSigner:
    return LocalSigner(tmp_path_factory.mktemp("signing"))


@pytest.fixture
def desk(app: Any, engine: Engine, tmp_path: Path, signer: LocalSigner) -> Desk:
    return desk_for(app, engine, tmp_path, signer)


@pytest.fixture
def site(engine: Engine) -> World:
    return world(engine)


def as_user(client: Any, username: str, password: str = factories.PASSWORD) -> Api:
    return Api(client, login(client, username, password))


def codes(reply: Any) -> list[str]:
    assert reply.status_code == 200, reply.get_json()
    return [item["code"] for item in reply.get_json()["items"]]


def error(reply: Any) -> str:
    return str(reply.get_json()["error"]["code"])


def test_the_list_is_scoped_per_office(app: Any, client: Any, desk: Desk, site: World,
                                       clock: FakeClock) -> None:
    ours = [desk.issue(clock, office_id=site.office)[0] for _ in range(2)]
    theirs, _ = desk.issue(clock, office_id=site.desk_office, module="ssw", kind="permit")
    admin = as_user(client, "admin", DEMO_PASSWORD)
    assert codes(admin.get(LIST)) == [theirs, *reversed(ours)]
    assert codes(as_user(client, site.staff.name).get(LIST)) == list(reversed(ours))
    assert codes(as_user(client, site.head.name).get(LIST)) == list(reversed(ours))
    assert codes(as_user(client, site.desk.name).get(LIST)) == [theirs]
    outsider = as_user(client, site.outsider.name).get(LIST)
    assert outsider.status_code == 403 and error(outsider) == "document_forbidden"
    device = Api(client, "demo-kiosk").get(LIST)
    assert device.status_code == 403 and error(device) == "document_forbidden"
    assert app.test_client().get(LIST).status_code == 401  # no token, no session cookie


def test_list_items_paging_and_the_module_filter(app: Any, client: Any, desk: Desk,
                                                 site: World, clock: FakeClock) -> None:
    app.config["PUBLIC_URL"] = "https://antrian.surabaya.example/"
    made = [desk.issue(clock, office_id=site.office)[0] for _ in range(3)]
    permit, _ = desk.issue(clock, office_id=site.office, module="ssw", kind="permit")
    admin = as_user(client, "admin", DEMO_PASSWORD)
    first = admin.get(f"{LIST}?limit=2").get_json()
    assert [i["code"] for i in first["items"]] == [permit, made[2]]
    rest = admin.get(f"{LIST}?limit=2&before={first['next_before']}").get_json()
    assert [i["code"] for i in rest["items"]] == [made[1], made[0]]
    assert codes(admin.get(f"{LIST}?module=ssw")) == [permit]
    item = first["items"][0]
    assert item == {"code": permit, "title": "Surat Keterangan Uji",
                    "number": "500.1/17/436.7.5/2026", "kind": "permit", "module": "ssw",
                    "status": "valid", "issued_at": "2026-11-23T08:00:00+07:00",
                    "pdf_url": f"/api/v1/documents/{permit}/pdf",
                    "verify_url": f"https://antrian.surabaya.example/v/{permit}"}
    assert admin.get(f"{LIST}?limit=0").status_code == 422


@pytest.mark.sqlite_only("routes over the use cases; the listing's SQL runs on both")
def test_without_public_url_the_verify_url_is_the_requests_host(
        client: Any, desk: Desk, clock: FakeClock) -> None:
    code, _ = desk.issue(clock)
    admin = as_user(client, "admin", DEMO_PASSWORD)
    reply = admin.client.get(LIST, headers={**admin.headers(), "Host": "pkm.example:8080"})
    assert reply.get_json()["items"][0]["verify_url"] == f"http://pkm.example:8080/v/{code}"


@pytest.mark.sqlite_only("routes over the use cases; the listing's SQL runs on both")
def test_the_public_facts_of_a_code(client: Any, desk: Desk, clock: FakeClock) -> None:
    code, signed = desk.issue(clock)
    secret, _ = desk.issue(clock, confidential=True)
    facts = client.get(f"{LIST}/{code.lower()}").get_json()
    assert facts["title"] == "Surat Keterangan Uji" and facts["status"] == "valid"
    assert facts["sha256"] == hashlib.sha256(signed).hexdigest()
    hidden = client.get(f"{LIST}/{secret}").get_json()
    assert hidden["title"] is None and hidden["number"] is None and hidden["confidential"]
    missing = client.get(f"{LIST}/ZZZZZZZZZZZZ")
    assert missing.status_code == 404 and error(missing) == "document_not_found"


@pytest.mark.sqlite_only("routes over the use cases; the listing's SQL runs on both")
def test_the_pdf_for_the_admin_and_the_issuing_office_only(
        app: Any, client: Any, desk: Desk, site: World, clock: FakeClock) -> None:
    code, signed = desk.issue(clock, office_id=site.office, kind="surat keluar/2026")
    for who in (as_user(client, "admin", DEMO_PASSWORD), as_user(client, site.staff.name)):
        reply = who.get(f"{LIST}/{code}/pdf")
        assert reply.status_code == 200 and reply.data == signed
        assert reply.headers["Content-Type"] == "application/pdf"
        assert reply.headers["Content-Disposition"] == (
            f'inline; filename="surat-surat-keluar-2026-{code.lower()}.pdf"')
        assert "no-store" in reply.headers["Cache-Control"]
    for who in (as_user(client, site.desk.name), as_user(client, site.outsider.name),
                Api(client, "demo-kiosk"), Api(app.test_client())):
        reply = who.get(f"{LIST}/{code}/pdf")
        assert reply.status_code == 403 and error(reply) == "document_forbidden"


@pytest.mark.sqlite_only("routes over the use cases; the listing's SQL runs on both")
def test_the_cases_owner_reads_the_pdf_with_its_tracking_code(
        app: Any, client: Any, engine: Engine, desk: Desk, site: World,
        clock: FakeClock) -> None:
    probe.install(app)
    tracking = probe.new_case(engine, clock, office_id=site.office)
    with SqlUnitOfWork(engine) as uow:
        case_id = find(uow, tracking).id
    code, signed = desk.issue(clock, office_id=site.office, case_id=case_id)
    grouped = f"{tracking[:4]}-{tracking[4:]}".lower()
    reply = client.get(f"{LIST}/{code}/pdf?case={grouped}")
    assert reply.status_code == 200 and reply.data == signed
    other = probe.new_case(engine, clock, office_id=site.office)
    assert client.get(f"{LIST}/{code}/pdf?case={other}").status_code == 403


@pytest.mark.sqlite_only("routes over the use cases; the listing's SQL runs on both")
def test_an_uploaded_copy_is_checked(client: Any, desk: Desk, clock: FakeClock) -> None:
    code, signed = desk.issue(clock)

    def check(data: bytes) -> Any:
        return client.post(f"{LIST}/{code}/check", data={"file": (BytesIO(data), "a.pdf")},
                           content_type="multipart/form-data")

    same = check(signed).get_json()
    assert same["matches"] is True and same["sha256"] == hashlib.sha256(signed).hexdigest()
    assert same["signature"]["ok"] is True and "sertifikat lokal" in same["signature"]["signer"]
    changed = check(tampered(signed)).get_json()
    assert changed["matches"] is False and changed["signature"]["ok"] is False
    assert changed["signature"]["intact"] is False
    not_pdf = check(b"hello")
    assert not_pdf.status_code == 422 and error(not_pdf) == "not_a_pdf"
    empty = client.post(f"{LIST}/{code}/check", data={}, content_type="multipart/form-data")
    assert empty.status_code == 422 and error(empty) == "document_file_missing"


@pytest.mark.sqlite_only("routes over the use cases; the listing's SQL runs on both")
def test_a_16_mb_copy_is_413_in_megabytes(client: Any, desk: Desk, clock: FakeClock) -> None:
    from werkzeug.datastructures import FileStorage, MultiDict
    from werkzeug.test import encode_multipart

    code, _ = desk.issue(clock)
    boundary, body = encode_multipart(MultiDict([("file", FileStorage(
        BytesIO(b"%PDF-" + bytes(16 * 1024 * 1024)), "big.pdf"))]))
    reply = client.post(f"{LIST}/{code}/check", data=body,
                        content_type=f"multipart/form-data; boundary={boundary}")
    assert reply.status_code == 413 and error(reply) == "request_entity_too_large"
    assert "masing-masing paling besar 15 MB" in reply.get_json()["error"]["message"]


@pytest.mark.sqlite_only("routes over the use cases; the listing's SQL runs on both")
def test_the_admin_revokes_once_and_nobody_else_can(
        app: Any, client: Any, desk: Desk, site: World, clock: FakeClock) -> None:
    code, _ = desk.issue(clock, office_id=site.office)
    body = {"reason": "Diterbitkan keliru"}
    staff = as_user(client, site.staff.name).post(f"{LIST}/{code}/revoke", body)
    assert staff.status_code == 403 and error(staff) == "document_revoke_admin_only"
    assert app.test_client().post(f"{LIST}/{code}/revoke", json=body).status_code == 401
    admin = as_user(client, "admin", DEMO_PASSWORD)
    done = admin.post(f"{LIST}/{code}/revoke", body)
    assert done.status_code == 200 and done.get_json()["status"] == "revoked"
    again = admin.post(f"{LIST}/{code}/revoke", body)
    assert again.status_code == 409 and error(again) == "document_not_valid"
    assert admin.post(f"{LIST}/{code}/revoke", {}).status_code == 422
    assert "Status: dicabut" in client.get(f"/v/{code}").get_data(as_text=True)


@pytest.mark.sqlite_only("the document, not the database")
def test_every_route_is_in_the_openapi_document(client: Any) -> None:
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert {"get"} <= set(paths[LIST]) and {"get"} <= set(paths[LIST + "/{code}"])
    assert "get" in paths[LIST + "/{code}/pdf"]
    assert "application/pdf" in paths[LIST + "/{code}/pdf"]["get"]["responses"]["200"][
        "content"]
    check = paths[LIST + "/{code}/check"]["post"]
    assert "multipart/form-data" in check["requestBody"]["content"]
    assert "post" in paths[LIST + "/{code}/revoke"]
