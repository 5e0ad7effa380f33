"""e-Surat outgoing letters through the API: a letter from a template goes through its
paraf chain in order, is signed (numbered `{classification}/{sequence}/{unit}/{year}`,
its PDF signed and issued) and sent into the receiving office's register; returns reset
the chain; bad input is a named 4xx; a signer that cannot sign leaves nothing written."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import Engine, text

from queue_server.persistence.document_store import document_store
from queue_server.signing import signer_of
from tests.conftest import make_app
from tests.integration.surat_out_support import *  # noqa: F403
from tests.integration.surat_out_support import DRAFT, PATH, TO_SIGNED, People


def test_the_templates_are_listed_with_their_fields(people: People) -> None:
    reply = people["kabid-dsdabm"].get("/api/v1/surat/templates")
    assert reply.status_code == 200
    codes = {t["code"]: t for t in reply.get_json()}
    assert {"undangan", "edaran", "nota_dinas", "tugas", "keterangan"} <= set(codes)
    assert next(f["name"] for f in codes["undangan"]["fields"]) == "acara"
    assert "{acara}" in codes["undangan"]["body"]


def test_a_draft_is_filled_from_its_template_with_its_chain(people: People) -> None:
    reply = people["kabid-dsdabm"].post(PATH, DRAFT)
    assert reply.status_code == 201, reply.get_json()
    body = reply.get_json()
    assert body["state"] == "draft" and body["classification"] == "000.1"
    assert "rapat koordinasi saluran" in body["body"] and "{acara}" not in body["body"]
    assert [(s["step"], s["state"]) for s in body["chain"]] == [
        ("paraf", "waiting"), ("sign", "waiting")]
    assert body["chain"][1]["name"] == "Kepala DSDABM"
    assert [a["action"] for a in body["actions"]] == ["submit"]
    assert body["recipient"] == "Kepala Dinas Lingkungan Hidup"


def test_a_letter_goes_from_draft_to_sent_into_the_receiving_register(
        people: People, out_app: Any, surat: Engine) -> None:
    ref = people.draft()
    signed = people.walk(ref, TO_SIGNED).get_json()
    year = out_app.config["CLOCK"].now().year
    assert signed["state"] == "signed"
    assert signed["number"] == f"000.1/1/436.7.5/{year}"
    assert signed["pdf_url"] == f"/api/v1/documents/{signed['document_code']}/pdf"
    assert [s["state"] for s in signed["chain"]] == ["approved", "approved"]
    sent = people.act("kabid-dsdabm", ref, "send").get_json()
    assert sent["state"] == "sent" and sent["sent_at"]
    with surat.connect() as conn:
        row = conn.execute(text(
            "SELECT l.subject, l.sender, l.document_code, l.letter_number, o.code "
            "FROM surat_letters l JOIN offices o ON o.id = l.office_id "
            "WHERE l.direction = 'incoming' AND l.source_case_id = :c"),
            {"c": int(ref.split("-")[1])}).one()
    assert row == (DRAFT["subject"], "Dinas Sumber Daya Air dan Bina Marga",
                   signed["document_code"], signed["number"], "dlh")


def test_the_signed_pdf_validates_and_its_hash_is_the_documents(
        people: People, out_app: Any, surat: Engine) -> None:
    ref = people.draft(access="rahasia")
    code = people.walk(ref, TO_SIGNED).get_json()["document_code"]
    with surat.connect() as conn:
        digest, confidential, number = conn.execute(text(
            "SELECT sha256, confidential, number FROM documents WHERE code = :c"),
            {"c": code}).one()
    pdf = document_store(out_app.instance_path).get(digest)
    assert pdf is not None and hashlib.sha256(pdf).hexdigest() == digest
    check = signer_of(out_app).check(pdf)
    assert (check.intact, check.valid, check.trusted) == (True, True, True)
    assert confidential and number.startswith("000.1/1/")


def test_an_external_letter_is_recorded_as_sent(people: People) -> None:
    ref = people.draft(delivery="external", to_office=None, recipient="PT Saluran Jaya")
    people.walk(ref, TO_SIGNED)
    sent = people.act("tu-dsdabm", ref, "send").get_json()  # the office's TU sends
    assert (sent["state"], sent["recipient"], sent["to_office"]) == (
        "sent", "PT Saluran Jaya", None)


def test_a_return_needs_a_comment_and_resets_the_chain(people: People) -> None:
    ref = people.draft(reviewers=["opd", "tu-dsdabm"])
    people.walk(ref, [("kabid-dsdabm", "submit"), ("opd", "approve")])
    refused = people.act("tu-dsdabm", ref, "return")
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (
        422, "comment_required")
    back = people.act("tu-dsdabm", ref, "return", "Tanggal rapat belum pasti").get_json()
    assert back["state"] == "draft"
    assert [(s["state"], s["comment"]) for s in back["chain"]] == [
        ("waiting", ""), ("returned", "Tanggal rapat belum pasti"), ("waiting", "")]
    edited = people.patch("kabid-dsdabm", ref, {"subject": "Undangan rapat (tanggal baru)"})
    assert edited.status_code == 200 and edited.get_json()["subject"].endswith("baru)")
    again = people.act("kabid-dsdabm", ref, "submit").get_json()
    assert [s["state"] for s in again["chain"]] == ["current", "waiting", "waiting"]


def test_the_signer_may_return_the_letter_too(people: People) -> None:
    ref = people.draft()
    people.walk(ref, TO_SIGNED[:2])
    back = people.act("kepala-opd", ref, "return", "Perbaiki hal surat").get_json()
    assert back["state"] == "draft" and back["number"] is None


def test_a_reviewer_whose_turn_has_not_come_is_told_to_wait(people: People) -> None:
    ref = people.draft(reviewers=["opd", "tu-dsdabm"])
    people.act("kabid-dsdabm", ref, "submit")
    early = people.act("tu-dsdabm", ref, "approve")
    assert (early.status_code, early.get_json()["error"]["code"]) == (
        409, "surat_not_your_turn")
    assert "Petugas DSDABM" in early.get_json()["error"]["message"]
    signer_early = people.act("kepala-opd", ref, "sign")
    assert signer_early.status_code == 409


def test_only_the_drafter_edits_and_only_a_draft(people: People) -> None:
    ref = people.draft()
    other = people.patch("opd", ref, {"subject": "Ganti"})
    assert (other.status_code, other.get_json()["error"]["code"]) == (403, "surat_not_drafter")
    people.act("kabid-dsdabm", ref, "submit")
    late = people.patch("kabid-dsdabm", ref, {"subject": "Ganti"})
    assert (late.status_code, late.get_json()["error"]["code"]) == (409, "surat_not_draft")


def test_a_signer_that_cannot_sign_leaves_the_letter_unsigned_and_unnumbered(
        surat: Engine, clock: Any, tmp_path: Any) -> None:
    app = make_app(surat, clock, SIGNER="bsre")
    app.instance_path = str(tmp_path)
    people = People(app.test_client())
    ref = people.draft()
    people.walk(ref, TO_SIGNED[:2])
    refused = people.act("kepala-opd", ref, "sign")
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (
        503, "signing_unavailable")
    letter = people["kepala-opd"].get(f"{PATH}/{ref}").get_json()
    assert (letter["state"], letter["number"], letter["document_code"]) == (
        "signing", None, None)
    assert letter["chain"][-1]["state"] == "current"
    with surat.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM number_sequences")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM documents")).scalar() == 0
