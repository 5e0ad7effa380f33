"""SSW's whole flow through the API on both databases: applying (documents named when
missing, due in the permit's working days), document checks one by one with partial
resubmission, parallel reviews (all needed), inspection, the signed permit its owner
downloads, rejection with reasons, revocation."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine

from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services.closures import calendar as city_calendar
from tests.integration.test_ssw_support import *  # noqa: F403
from tests.integration.test_ssw_support import (
    APPS,
    CASES,
    PDF,
    PNG,
    apply,
    caller,
    check_all,
    form,
    office_user,
    to_state,
)
from tests.support import factories


def test_an_application_opens_a_case_due_in_the_permits_working_days(
        client: Any, ssw: Engine, clock: Any) -> None:
    filed = apply(client, "reklame")
    assert filed["state"] == "submitted" and filed["ref"].startswith("SSW-")
    assert filed["case_url"] == f"/c/{filed['code']}"
    assert filed["due"] is None  # "10 hari kerja setelah berkas lengkap"
    desk = caller(client, "dpmptsp")
    view = desk.get(f"{CASES}/{filed['ref']}").get_json()
    assert [d["state"] for d in view["documents"]] == ["pending", "pending", "pending",
                                                      "missing"]
    assert view["applicant"]["nik"] and "code" not in view
    assert view["progress"]["started"] is False
    check_all(desk, filed["ref"])  # complete: the permit's 10 working days start
    today = (clock.now() + timedelta(hours=7)).date()  # Surabaya's day
    with SqlUnitOfWork(ssw) as uow:
        due = city_calendar(uow).add_working_days(today, 10).isoformat()
    view = desk.get(f"{CASES}/{filed['ref']}").get_json()
    assert view["due"] == due and view["progress"]["used_days"] == 0


def test_missing_required_documents_are_each_named(client: Any, ssw: Engine) -> None:
    reply = client.post(APPS, data=form("reklame", files={"ktp": PDF}),
                        content_type="multipart/form-data")
    body = reply.get_json()["error"]
    assert reply.status_code == 422 and body["code"] == "ssw_documents_missing"
    assert body["missing"] == ["desain", "foto-lokasi"]
    assert "Desain dan ukuran reklame" in body["message"]  # named as the form says them
    assert "Foto lokasi pemasangan" in body["message"] and "foto-lokasi" not in body["message"]


def test_bad_applicant_and_file_type_are_refused(client: Any, ssw: Engine) -> None:
    reply = client.post(APPS, data=form("reklame", nik="123"),
                        content_type="multipart/form-data")
    assert reply.status_code == 422 and factories.error(reply) == "invalid_nik"
    files = {"ktp": PDF, "desain": PDF, "foto-lokasi": PDF}  # a photo is asked for
    reply = client.post(APPS, data=form("reklame", files=files),
                        content_type="multipart/form-data")
    assert reply.status_code == 422 and factories.error(reply) == "file_type_refused"
    reply = client.post(APPS, data=form("reklame", business_name=None),
                        content_type="multipart/form-data")
    assert factories.error(reply) == "ssw_applicant_invalid"
    assert client.post(APPS, data=form("nothing", files={}),
                       content_type="multipart/form-data").status_code == 404


def test_partial_resubmission_keeps_the_accepted_documents(client: Any, ssw: Engine) -> None:
    filed = apply(client, "reklame")
    ref, code = filed["ref"], filed["code"]
    desk = caller(client, "dpmptsp")
    url = f"{CASES}/{ref}/documents"
    assert factories.error(desk.post(f"{url}/ktp", {"accepted": False})) == \
        "ssw_reason_required"
    assert desk.post(f"{url}/ktp", {"accepted": False, "reason": "buram"}).status_code == 200
    assert desk.post(f"{url}/desain", {"accepted": False, "reason": "ukuran"}).status_code == 200
    view = desk.post(f"{url}/foto-lokasi", {"accepted": True}).get_json()
    assert view["state"] == "revision"
    again = f"{APPS}/{code}/documents"
    refused = client.post(again, data=form("reklame", files={"foto-lokasi": PNG}),
                          content_type="multipart/form-data")
    assert refused.status_code == 422 and factories.error(refused) == \
        "ssw_document_not_flagged"
    one = client.post(again, data={"ktp": (__import__("io").BytesIO(PDF), "ktp.pdf")},
                      content_type="multipart/form-data")
    assert one.status_code == 200 and one.get_json()["state"] == "revision"
    two = client.post(again, data={"desain": (__import__("io").BytesIO(PDF), "d.pdf")},
                      content_type="multipart/form-data")
    assert two.get_json()["state"] == "submitted"
    docs = {d["code"]: d for d in desk.get(f"{CASES}/{ref}").get_json()["documents"]}
    assert docs["foto-lokasi"]["state"] == "accepted" and docs["foto-lokasi"]["version"] == 1
    assert docs["ktp"]["state"] == "pending" and docs["ktp"]["version"] == 2
    assert [v["state"] for v in docs["ktp"]["versions"]] == ["revision", "pending"]
    check_all(desk, ref)
    assert desk.get(f"{CASES}/{ref}").get_json()["state"] == "review"


def test_reviews_run_in_parallel_and_all_are_needed(client: Any, ssw: Engine) -> None:
    ref = to_state(client, "pbg", "review")["ref"]
    view = caller(client, "admin").get(f"{CASES}/{ref}").get_json()
    assert {r["office"]: r["state"] for r in view["reviews"]} == {
        "dprkpp": "pending", "dsdabm": "pending", "dlh": "pending"}
    assert all(r["due"] for r in view["reviews"])
    for user, office in (("opd", "dsdabm"), ("dlh", "dlh")):
        reply = caller(client, user).post(f"{CASES}/{ref}/reviews/{office}", {"approve": True})
        assert reply.status_code == 200
    assert reply.get_json()["state"] == "review"  # two of three approved: not enough
    dprkpp = caller(client, office_user(ssw, "dprkpp"), factories.PASSWORD)
    done = dprkpp.post(f"{CASES}/{ref}/reviews/dprkpp", {"approve": True}).get_json()
    assert done["state"] == "inspection"


def _resend(client: Any, code: str, requirement: str) -> Any:
    data = {requirement: (io.BytesIO(PDF), f"{requirement}.pdf")}
    return client.post(f"{APPS}/{code}/documents", data=data,
                       content_type="multipart/form-data")


def test_an_objection_goes_back_to_the_applicant_and_on_to_the_permit(
        client: Any, ssw: Engine) -> None:
    filed = to_state(client, "reklame", "review")
    ref, code = filed["ref"], filed["code"]
    assert caller(client, "opd").post(f"{CASES}/{ref}/reviews/dsdabm",
                                      {"approve": True}).status_code == 200
    dlh = caller(client, "dlh")
    assert factories.error(dlh.post(f"{CASES}/{ref}/reviews/dlh", {"approve": False})) == \
        "ssw_reason_required"
    view = dlh.post(f"{CASES}/{ref}/reviews/dlh", {"approve": False,
                                                   "comment": "Sempadan saluran"}).get_json()
    assert view["state"] == "desk_review"
    desk = caller(client, "dpmptsp")
    bare = desk.post(f"{CASES}/{ref}/actions", {"action": "revise", "comment": "Geser"})
    assert bare.status_code == 422 and factories.error(bare) == \
        "ssw_revision_documents_required"
    back = desk.post(f"{CASES}/{ref}/actions", {"action": "revise", "documents": {
        "desain": "Geser papan 2 m dari saluran"}})
    assert back.status_code == 200 and back.get_json()["state"] == "revision"
    paused = desk.get(f"{CASES}/{ref}").get_json()
    assert paused["due"] is None and paused["progress"]["started"] is False
    docs = {d["code"]: d for d in desk.get(f"{CASES}/{ref}").get_json()["documents"]}
    assert docs["desain"]["state"] == "revision" and docs["ktp"]["state"] == "accepted"
    assert docs["desain"]["reason"] == "Geser papan 2 m dari saluran"
    assert _resend(client, code, "desain").get_json()["state"] == "submitted"
    desk.post(f"{CASES}/{ref}/documents/desain", {"accepted": True})
    view = desk.get(f"{CASES}/{ref}").get_json()
    assert view["state"] == "review" and view["due"]  # the clock goes on
    assert {r["office"]: r["state"] for r in view["reviews"]} == {"dsdabm": "approved",
                                                                  "dlh": "pending"}
    assert dlh.post(f"{CASES}/{ref}/reviews/dlh", {"approve": True}).status_code == 200
    answers = {i["code"]: {"ok": True} for i in view["permit"]["checklist"]}
    assert caller(client, "pengawas").post(f"{CASES}/{ref}/inspection", {
        "answers": answers, "result": "pass"}).get_json()["state"] == "approval"
    issued = caller(client, "kepala-dpmptsp").post(f"{CASES}/{ref}/actions",
                                                   {"action": "issue"})
    assert issued.get_json()["state"] == "issued"


def test_a_failed_inspection_goes_back_and_the_inspection_is_done_again(
        client: Any, ssw: Engine) -> None:
    filed = to_state(client, "reklame", "inspection")
    ref, code = filed["ref"], filed["code"]
    inspector = caller(client, "pengawas")
    checklist = caller(client, "admin").get(f"{CASES}/{ref}").get_json()["permit"]["checklist"]
    answers = {i["code"]: {"ok": i is not checklist[0], "note": "x"} for i in checklist}
    failed = inspector.post(f"{CASES}/{ref}/inspection", {
        "answers": answers, "result": "fail", "notes": "Konstruksi miring"})
    assert failed.get_json()["state"] == "desk_review"
    desk = caller(client, "dpmptsp")
    back = desk.post(f"{CASES}/{ref}/actions", {"action": "revise", "documents": {
        "desain": "Perkuat konstruksi"}})
    assert back.get_json()["state"] == "revision"
    assert _resend(client, code, "desain").get_json()["state"] == "submitted"
    view = desk.post(f"{CASES}/{ref}/documents/desain", {"accepted": True}).get_json()
    assert view["state"] == "inspection"  # reviews approved stay approved
    assert view["inspection"]["result"] is None
    good = {i["code"]: {"ok": True} for i in checklist}
    assert inspector.post(f"{CASES}/{ref}/inspection", {
        "answers": good, "result": "pass"}).get_json()["state"] == "approval"


def test_a_permit_is_issued_signed_and_its_owner_downloads_it(client: Any, ssw: Engine) -> None:
    issued = to_state(client, "reklame", "issued")
    assert issued["state"] == "issued"
    assert issued["permit_number"].startswith("503/1/436.7.21/")
    code = issued["document_code"]
    pdf = client.get(f"/api/v1/documents/{code}/pdf?case={issued['code']}")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    facts = client.get(f"/api/v1/documents/{code}").get_json()
    assert facts["status"] == "valid"
    view = caller(client, "admin").get(f"{CASES}/{issued['ref']}").get_json()
    assert view["valid_until"] and view["document_code"] == code
    second = to_state(client, "tdup", "issued")
    assert second["permit_number"].startswith("503/2/")


def test_rejection_keeps_the_reasons_and_revocation_revokes_the_document(
        client: Any, ssw: Engine) -> None:
    filed = apply(client, "tdup")
    desk = caller(client, "dpmptsp")
    assert desk.post(f"{CASES}/{filed['ref']}/actions", {"action": "reject"}).status_code == 422
    reply = desk.post(f"{CASES}/{filed['ref']}/actions",
                      {"action": "reject", "comment": "Zona permukiman"})
    assert reply.get_json()["state"] == "rejected"
    view = desk.get(f"{CASES}/{filed['ref']}").get_json()
    assert view["reasons"] == "Zona permukiman"
    issued = to_state(client, "tdup", "issued")
    head = caller(client, "kepala-dpmptsp")
    reply = head.post(f"{CASES}/{issued['ref']}/actions",
                      {"action": "revoke", "comment": "Usaha tutup"})
    assert reply.get_json()["state"] == "revoked"
    facts = client.get(f"/api/v1/documents/{issued['document_code']}").get_json()
    assert facts["status"] == "revoked"
