"""e-Delivery through the API: the contract's steps by the office's PPK with their signed
documents, termins summing exactly to the value, invoices only after the progress they
need, payments by BPKAD, and who may do what."""

from __future__ import annotations

from typing import Any

import pytest

from queue_server.persistence.uow import SqlUnitOfWork
from tests.integration.procurement_support import (
    C,
    T,
    approve_progress,
    awarded,
    caller,
    contract,
    signed,
)
from tests.integration.wadul_support import office_user
from tests.support.factories import PASSWORD, error

pytestmark = pytest.mark.sqlite_only("delivery's rules are not database-specific")


def test_no_award_letter_during_the_complaint_period_or_with_a_complaint_open(
        client: Any, engine: Any, clock: Any) -> None:
    code, view = awarded(client, engine, clock)
    ppk = caller(client, "ppk-dsdabm")
    early = ppk.post(f"{C}/{code}/award-letter")
    assert early.status_code == 409 and error(early) == "delivery_not_awarded"
    caller(client, "penyedia").post(f"{T}/{view['code']}/complaints", {"text": "Keberatan"})
    clock.advance(days=10)
    assert error(ppk.post(f"{C}/{code}/award-letter")) == "delivery_not_awarded"
    complaint = caller(client, "pokja").get(f"{T}/{view['code']}").get_json()["complaints"][0]
    caller(client, "pokja").post(f"{T}/{view['code']}/complaints/{complaint['id']}",
                                 {"upheld": False, "answer": "Evaluasi sudah benar"})
    assert ppk.post(f"{C}/{code}/award-letter").status_code == 200


def test_the_contract_steps_issue_signed_documents(client: Any, engine: Any,
                                                   clock: Any) -> None:
    code = signed(client, engine, clock)
    ppk = caller(client, "ppk-dsdabm")
    view = ppk.get(f"{C}/{code}").get_json()
    assert view["state"] == "started" and view["value"] == 950_000_000
    assert sum(t["amount"] for t in view["termins"]) == view["value"]
    codes = [s["document_code"] for s in view["steps"][:3]]
    assert all(codes) and view["steps"][3]["document_code"] is None
    for document in codes:
        assert client.get(f"/v/{document}").status_code == 200
    with SqlUnitOfWork(engine) as uow:
        kinds = {uow.documents.by_code(c).kind for c in codes}
    assert kinds == {"award_letter", "contract", "notice"}
    early = ppk.post(f"{C}/{code}/handover")
    assert error(early) == "delivery_progress_too_low"
    approve_progress(engine, code, 100, "2027-05")
    done = ppk.post(f"{C}/{code}/handover").get_json()
    assert done["state"] == "handed_over" and done["steps"][3]["document_code"]
    packages = caller(client, "opd").get(f"{C}/{code}").get_json()
    assert packages["state"] == "handed_over"


def test_the_provider_reads_its_contracts_documents_and_no_one_elses(
        client: Any, engine: Any, clock: Any) -> None:
    code = contract(client, engine, clock)
    letter = caller(client, "ppk-dsdabm").get(f"{C}/{code}").get_json()["steps"][0]
    penyedia = caller(client, "penyedia")
    assert penyedia.get(f"/api/v1/documents/{letter['document_code']}/pdf").status_code == 200
    assert caller(client, "pokja").get(f"{C}/{code}").status_code == 403
    assert caller(client, "dinkes").get(f"{C}/{code}").status_code == 403


def test_only_the_offices_ppk_moves_the_contract(client: Any, engine: Any, clock: Any) -> None:
    code = contract(client, engine, clock)
    for who in ("opd", "kepala-opd", "penyedia", "pokja", "bpkad"):
        reply = caller(client, who).post(f"{C}/{code}/sign", {})
        assert reply.status_code == 403, who


def test_invoice_needs_the_progress_and_payments_follow_the_decision(
        client: Any, engine: Any, clock: Any) -> None:
    code = signed(client, engine, clock)
    penyedia, ppk, bpkad = (caller(client, u) for u in ("penyedia", "ppk-dsdabm", "bpkad"))
    early = penyedia.post(f"{C}/{code}/invoices", {"termin": 1, "number": "INV-1"})
    assert early.status_code == 409 and error(early) == "delivery_progress_too_low"
    approve_progress(engine, code, 35)
    assert caller(client, "opd").post(f"{C}/{code}/invoices",
                                      {"termin": 1, "number": "INV-1"}).status_code == 403
    view = penyedia.post(f"{C}/{code}/invoices", {"termin": 1, "number": "INV-1"}).get_json()
    invoice = view["invoices"][0]["id"]
    second = penyedia.post(f"{C}/{code}/invoices", {"termin": 2, "number": "INV-2"})
    assert error(second) == "delivery_progress_too_low"
    unpaid = bpkad.post(f"{C}/{code}/invoices/{invoice}/payment", {"reference": "SP2D-1"})
    assert error(unpaid) == "delivery_invoice_wrong_state"
    no_reason = ppk.post(f"{C}/{code}/invoices/{invoice}/decision", {"approve": False})
    assert no_reason.status_code == 422
    ppk.post(f"{C}/{code}/invoices/{invoice}/decision", {"approve": True})
    assert ppk.post(f"{C}/{code}/invoices/{invoice}/payment",
                    {"reference": "SP2D-1"}).status_code == 403
    paid = bpkad.post(f"{C}/{code}/invoices/{invoice}/payment", {"reference": "SP2D-1"})
    assert paid.status_code == 200
    assert paid.get_json()["paid"] == view["termins"][0]["amount"]
    assert paid.get_json()["termins"][0]["state"] == "paid"
    again = bpkad.post(f"{C}/{code}/invoices/{invoice}/payment", {"reference": "SP2D-1"})
    assert again.status_code == 409


def test_another_provider_reads_and_invoices_nothing_of_the_contract(
        client: Any, engine: Any, clock: Any) -> None:
    code = signed(client, engine, clock)
    approve_progress(engine, code, 40)
    rival = caller(client, office_user(engine, "pt-bangun-jaya"), PASSWORD)
    assert rival.get(f"{C}/{code}").status_code == 403
    assert rival.post(f"{C}/{code}/invoices", {"termin": 1, "number": "X"}).status_code == 403
    letter = caller(client, "ppk-dsdabm").get(f"{C}/{code}").get_json()["steps"][1]
    assert rival.get(f"/api/v1/documents/{letter['document_code']}/pdf").status_code in (403, 404)
    assert all(c["package_code"] != code for c in rival.get(C).get_json()["items"])
