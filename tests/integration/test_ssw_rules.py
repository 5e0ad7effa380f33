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
    assert "konstruksi" in reply.get_json()["error"]["message"]
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
