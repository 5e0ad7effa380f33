"""SSW in the test databases (no tests here): the catalogue loaded, callers by role, and
helpers that apply through the API and move an application along its steps.

Use: `from tests.integration.test_ssw_support import *  # noqa: F403`."""

from __future__ import annotations

import io
import weakref
from typing import Any

import pytest
from sqlalchemy import Engine

from queue_server.eservices.ssw.catalogue import default_catalogue, load_catalogue
from queue_server.persistence.uow import SqlUnitOfWork
from tests.conftest import Api
from tests.integration.wadul_support import caller as login_as
from tests.integration.wadul_support import office_user
from tests.support import factories, images

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = images.png()
NIK = factories.nik(21)
PHONE = "081234560021"
APPS = "/api/v1/ssw/applications"
CASES = "/api/v1/ssw/cases"
FILES = {"reklame": {"ktp": PDF, "desain": PDF, "foto-lokasi": PNG},
         "pbg": {"ktp": PDF, "sertifikat": PDF, "gambar": PDF, "krk": PDF},
         "krk": {"ktp": PDF, "sertifikat": PDF, "denah": PDF},
         "tdup": {"ktp": PDF, "nib": PDF}}

__all__ = ["APPS", "CASES", "FILES", "NIK", "PDF", "PHONE", "PNG", "Api", "apply", "caller",
           "check_all", "form", "office_user", "ssw", "to_state"]


@pytest.fixture
def ssw(engine: Engine) -> Engine:
    """The engine with SSW's catalogue (catalogue.yaml) loaded: idempotent."""
    load_catalogue(SqlUnitOfWork(engine), default_catalogue())
    return engine


_callers: weakref.WeakKeyDictionary[Any, dict[str, Api]] = weakref.WeakKeyDictionary()


def caller(client: Any, username: str, password: str = "demo") -> Api:
    """The API as `username` (demo users' password by default), logged in once per
    test client."""
    known = _callers.setdefault(client, {})
    if username not in known:
        known[username] = login_as(client, username, password)
    return known[username]


def form(permit: str, files: dict[str, bytes] | None = None, **changes: Any) -> dict[str, Any]:
    """A right multipart body for `permit` with its required files (or `files`)."""
    body: dict[str, Any] = {
        "permit_type": permit, "applicant_kind": "business", "nik": NIK, "phone": PHONE,
        "name": "Budi Santoso", "address": "Jalan Tunjungan 12", "kelurahan": "Genteng",
        "business_name": "Toko Budi", "nib": "9120000000001"}
    body.update(changes)
    body = {k: v for k, v in body.items() if v is not None}
    for code, data in (FILES[permit] if files is None else files).items():
        sent = (io.BytesIO(data), f"{code}.{'png' if data == PNG else 'pdf'}")
        # a file field may share its name with a text field (tdup's `nib` document)
        body[code] = [body[code], sent] if code in body else sent
    return body


def apply(client: Any, permit: str = "reklame", **changes: Any) -> dict[str, Any]:
    """Apply through the API (201; 202 with a gateway: the phone code outstanding); the
    answer (code, ref, state, due, confirmed, case_url)."""
    reply = client.post(APPS, data=form(permit, **changes), content_type="multipart/form-data")
    assert reply.status_code in (201, 202), reply.get_json()
    return dict(reply.get_json())


def check_all(desk: Api, ref: str, accepted: bool = True) -> Any:
    """The desk accepts every document of the application still pending."""
    view = desk.get(f"{CASES}/{ref}").get_json()
    reply = None
    for doc in view["documents"]:
        if doc["state"] == "pending":
            reply = desk.post(f"{CASES}/{ref}/documents/{doc['code']}",
                              {"accepted": accepted, "reason": "" if accepted else "buram"})
            assert reply.status_code == 200, reply.get_json()
    return reply


def to_state(client: Any, permit: str, state: str) -> dict[str, Any]:
    """A fresh application of `permit` moved by the demo users to `state` (review,
    inspection, approval, issued); its answer."""
    filed = apply(client, permit)
    ref = filed["ref"]
    check_all(caller(client, "dpmptsp"), ref)
    if state == "review":
        return filed
    for office in ("dsdabm", "dlh", "dprkpp"):
        user = {"dsdabm": "opd", "dlh": "dlh"}.get(office)
        view = caller(client, "admin").get(f"{CASES}/{ref}").get_json()
        if any(r["office"] == office and r["state"] == "pending" for r in view["reviews"]):
            engine = client.application.config["ENGINE"]
            api = caller(client, user) if user else caller(
                client, office_user(engine, office), factories.PASSWORD)
            assert api.post(f"{CASES}/{ref}/reviews/{office}", {"approve": True}).status_code \
                == 200
    if state == "inspection":
        return filed
    view = caller(client, "admin").get(f"{CASES}/{ref}").get_json()
    if view["state"] == "inspection":
        answers = {i["code"]: {"ok": True} for i in view["permit"]["checklist"]}
        reply = caller(client, "pengawas").post(f"{CASES}/{ref}/inspection",
                                                {"answers": answers, "result": "pass"})
        assert reply.status_code == 200, reply.get_json()
    if state == "approval":
        return filed
    reply = caller(client, "kepala-dpmptsp").post(f"{CASES}/{ref}/actions", {"action": "issue"})
    assert reply.status_code == 200, reply.get_json()
    return {**filed, **reply.get_json()}
