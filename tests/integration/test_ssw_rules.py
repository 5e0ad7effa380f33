"""SSW's rules the fix-up round of issue 17 made right: the owner's page offers no dead
form while documents are being corrected, only the head decides at the approval, an
inspection cannot pass over a failed item, unconfirmed applications wait, deadlines
start when the documents are complete, and the smaller rules of applying."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

from tests.integration.test_ssw_support import *  # noqa: F403
from tests.integration.test_ssw_support import CASES, apply, caller, to_state
from tests.support import factories

pytestmark = pytest.mark.sqlite_only("rules decided in Python over rows both databases "
                                     "hold alike; the flow runs on both")


def _revision(client: Any) -> dict[str, Any]:
    filed = apply(client, "reklame")
    desk = caller(client, "dpmptsp")
    url = f"{CASES}/{filed['ref']}/documents"
    assert desk.post(f"{url}/ktp", {"accepted": False, "reason": "buram"}).status_code == 200
    desk.post(f"{url}/desain", {"accepted": True})
    assert desk.post(f"{url}/foto-lokasi", {"accepted": True}).get_json()["state"] == \
        "revision"
    return filed


def test_the_owners_page_offers_no_case_form_during_revision(client: Any,
                                                            ssw: Engine) -> None:
    filed = _revision(client)
    page = client.get(f"/c/{filed['code']}")
    assert page.status_code == 200
    assert 'class="case-action"' not in page.get_data(as_text=True)
    # the re-upload route still takes the case back to the desk
    import io

    from tests.integration.test_ssw_support import APPS, PDF
    again = client.post(f"{APPS}/{filed['code']}/documents",
                        data={"ktp": (io.BytesIO(PDF), "ktp.pdf")},
                        content_type="multipart/form-data")
    assert again.get_json()["state"] == "submitted"


def test_flagging_waits_until_every_document_is_checked(client: Any, ssw: Engine) -> None:
    filed = apply(client, "reklame")
    desk = caller(client, "dpmptsp")
    url = f"{CASES}/{filed['ref']}/documents"
    view = desk.post(f"{url}/ktp", {"accepted": False, "reason": "buram"}).get_json()
    assert view["state"] == "submitted"  # desain and foto-lokasi not checked yet
    desk.post(f"{url}/desain", {"accepted": True})
    assert desk.post(f"{url}/foto-lokasi", {"accepted": True}).get_json()["state"] == \
        "revision"


def test_the_staff_view_offers_reject_at_approval_only_to_the_head(client: Any,
                                                                   ssw: Engine) -> None:
    ref = to_state(client, "reklame", "approval")["ref"]
    head = caller(client, "kepala-dpmptsp").get(f"{CASES}/{ref}").get_json()
    desk = caller(client, "dpmptsp").get(f"{CASES}/{ref}").get_json()
    assert set(head["actions"]["actions"]) == {"issue", "reject"}
    assert desk["actions"]["actions"] == []
    refused = caller(client, "pengawas").post(f"{CASES}/{ref}/actions",
                                              {"action": "reject", "comment": "x"})
    assert refused.status_code == 403 and factories.error(refused) == "action_forbidden"


def test_an_inspection_cannot_pass_over_a_failed_item(client: Any, ssw: Engine) -> None:
    ref = to_state(client, "reklame", "inspection")["ref"]
    inspector = caller(client, "pengawas")
    url = f"{CASES}/{ref}/inspection"
    answers = {"ukuran": {"ok": True}, "konstruksi": {"ok": False, "note": "miring"},
               "jarak": {"ok": True}}
    reply = inspector.post(url, {"answers": answers, "result": "pass"})
    assert reply.status_code == 422 and factories.error(reply) == "ssw_inspection_item_failed"
    assert "Konstruksi aman dan kokoh" in reply.get_json()["error"]["message"]
    assert reply.get_json()["error"]["items"] == ["konstruksi"]
    partial = inspector.post(url, {"answers": {"ukuran": {"ok": True}}, "result": "pass"})
    assert partial.status_code == 422 and factories.error(partial) == "ssw_inspection_invalid"
    view = caller(client, "admin").get(f"{CASES}/{ref}").get_json()
    assert view["state"] == "inspection" and view["inspection"]["result"] is None
    reply = inspector.post(url, {"answers": answers, "result": "fail", "notes": "miring"})
    assert reply.get_json()["state"] == "desk_review"


def test_a_permit_is_revoked_through_its_case_not_the_document_route(
        client: Any, ssw: Engine) -> None:
    issued = to_state(client, "tdup", "issued")
    code, ref = issued["document_code"], issued["ref"]
    admin = caller(client, "admin")
    refused = admin.post(f"/api/v1/documents/{code}/revoke", {"reason": "Usaha tutup"})
    assert refused.status_code == 409
    assert factories.error(refused) == "document_revoke_through_module"
    assert f"/ssw/kasus/{ref}" in refused.get_json()["error"]["message"]
    assert client.get(f"/api/v1/documents/{code}").get_json()["status"] == "valid"
    head = caller(client, "kepala-dpmptsp")
    reply = head.post(f"{CASES}/{ref}/actions", {"action": "revoke", "comment": "Usaha tutup"})
    assert reply.status_code == 200 and reply.get_json()["state"] == "revoked"
    assert client.get(f"/api/v1/documents/{code}").get_json()["status"] == "revoked"


def test_document_status_words_are_said_in_each_language() -> None:
    from queue_server.domain.document_errors import DocumentNotValid

    err = DocumentNotValid("ABCD2345EFGH", "revoked")
    assert "dicabut" in err.message and "revoked" not in err.message
    assert "revoked" in err.message_en


def test_the_desk_monitors_open_applications_with_their_deadline_state(
        client: Any, ssw: Engine) -> None:
    in_review = to_state(client, "reklame", "review")["ref"]
    inspecting = to_state(client, "reklame", "inspection")["ref"]
    items = caller(client, "dpmptsp").get("/api/v1/ssw/applications?list=monitor").get_json()
    rows = {i["ref"]: i for i in items["items"]}
    assert {in_review, inspecting} <= set(rows)
    assert rows[in_review]["due"] and rows[in_review]["progress"]["overdue"] is False
    assert rows[inspecting]["state"] == "inspection"


def test_the_demo_issues_its_permits_in_number_order(app: Any, client: Any,
                                                     ssw: Engine) -> None:
    from queue_server.eservices.ssw.demo import load_demo

    load_demo(app)
    docs = caller(client, "admin").get("/api/v1/documents?module=ssw").get_json()["items"]
    numbers = [int(d["number"].split("/")[1]) for d in sorted(docs,
                                                              key=lambda d: d["issued_at"])]
    assert numbers == sorted(numbers) and len(numbers) == 3
    assert caller(client, "dprkpp").get(
        "/api/v1/ssw/applications?list=review").status_code == 200


def test_the_report_is_one_named_table_and_refuses_before_reading_the_query(
        client: Any, ssw: Engine, clock: Any) -> None:
    import csv
    import io

    to_state(client, "tdup", "issued")
    to_state(client, "reklame", "approval")
    day = clock.now().date().isoformat()
    url = f"/api/v1/ssw/reports?from={day}&to={day}"
    desk = caller(client, "dpmptsp")
    table = list(csv.reader(io.StringIO(desk.get(url + "&format=csv").get_data(as_text=True))))
    header = table[0]
    assert header[:4] == ["kind", "permit", "office", "name"] and "reviews" in header
    assert all(len(line) == len(header) for line in table)
    dlh = next(dict(zip(header, line, strict=True)) for line in table if "dlh" in line)
    assert dlh["kind"] == "office" and dlh["permit"] == "" and dlh["reviews"] == "1"
    rows = desk.get(url).get_json()["rows"]
    tdup = next(r for r in rows if r.get("permit") == "tdup")
    assert isinstance(tdup["median_days"], float)
    for who in ("opd", "petugas"):
        assert caller(client, who).get("/api/v1/ssw/reports?from=x").status_code == 403
    reversed_ = desk.get("/api/v1/ssw/reports?from=2026-12-02&to=2026-12-01")
    assert reversed_.status_code == 422 and factories.error(reversed_) == "invalid_range"
    assert reversed_.get_json()["error"]["message"]


def test_identity_documents_are_only_for_the_desk_head_and_inspector(
        client: Any, ssw: Engine) -> None:
    from queue_server.eservices.ssw.views import require_file
    from queue_server.persistence.uow import SqlUnitOfWork
    from queue_server.services.auth import Principal

    ref = to_state(client, "reklame", "review")["ref"]
    seen = {}
    for user in ("dpmptsp", "kepala-dpmptsp", "pengawas", "admin", "dlh"):
        docs = caller(client, user).get(f"{CASES}/{ref}").get_json()["documents"]
        seen[user] = {d["code"]: d for d in docs}
    ktp_id = seen["dpmptsp"]["ktp"]["file_id"]
    assert seen["dpmptsp"]["ktp"]["personal"] and ktp_id
    assert all(seen[u]["ktp"]["file_id"] == ktp_id
               for u in ("kepala-dpmptsp", "pengawas", "admin"))
    assert seen["dlh"]["ktp"]["file_id"] is None
    assert {v["file_id"] for v in seen["dlh"]["ktp"]["versions"]} == {None}
    assert seen["dlh"]["desain"]["file_id"]  # the rest stays open to the reviewer
    with SqlUnitOfWork(ssw) as uow:
        dlh = uow.staff.user_by_username("dlh")
        assert dlh is not None
        who = Principal("staff", dlh.id, dlh.username, dlh.role, dlh.facility_id)
    with pytest.raises(Exception) as refused:
        require_file(SqlUnitOfWork(ssw), who, ref, ktp_id)
    assert getattr(refused.value, "code", "") == "ssw_forbidden"
    require_file(SqlUnitOfWork(ssw), who, ref, seen["dpmptsp"]["desain"]["file_id"])


def test_a_business_needs_its_nib(client: Any, ssw: Engine) -> None:
    from tests.integration.test_ssw_support import APPS, form

    for nib in (None, "12345", "91200000000AB"):
        reply = client.post(APPS, data=form("tdup", nib=nib),
                            content_type="multipart/form-data")
        assert reply.status_code == 422 and factories.error(reply) == "ssw_applicant_invalid"
        assert "NIB" in reply.get_json()["error"]["message"]


def test_a_renewal_is_of_the_holders_issued_permit_and_replaces_it(
        client: Any, ssw: Engine) -> None:
    from tests.integration.test_ssw_support import APPS, NIK, check_all, form

    old = to_state(client, "tdup", "issued")
    pending = apply(client, "tdup")["ref"]
    for ref, nik in ((old["ref"], factories.nik(22)), (pending, NIK), ("WADUL-1", NIK),
                     ("SSW-99999", NIK)):
        reply = client.post(APPS, data=form("tdup", renewal_of=ref, nik=nik),
                            content_type="multipart/form-data")
        assert reply.status_code == 422, (ref, reply.get_json())
        assert factories.error(reply) == "ssw_renewal_invalid"
    renewal = apply(client, "tdup", renewal_of=old["ref"])
    desk = caller(client, "dpmptsp")
    check_all(desk, renewal["ref"])
    new = caller(client, "kepala-dpmptsp").post(f"{CASES}/{renewal['ref']}/actions",
                                                {"action": "issue"}).get_json()
    facts = client.get(f"/api/v1/documents/{old['document_code']}").get_json()
    assert facts["status"] == "replaced"
    assert caller(client, "admin").get(f"{CASES}/{old['ref']}").get_json()["state"] == \
        "superseded"
    assert new["state"] == "issued"


def test_documents_are_listed_by_issue_time(client: Any, ssw: Engine, clock: Any) -> None:
    later = to_state(client, "tdup", "issued")["document_code"]
    clock.advance(days=-2)
    earlier = to_state(client, "tdup", "issued")["document_code"]  # a higher id
    items = caller(client, "admin").get("/api/v1/documents?module=ssw").get_json()["items"]
    assert [i["code"] for i in items][:2] == [later, earlier]
