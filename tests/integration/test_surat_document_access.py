"""e-Surat decides who reads its signed documents (the "document_access" hook): a
`rahasia` letter's document is neither listed nor served to the admin or the sending
office's clerk; the receiving office reads the copy it received (its PDF on
/api/v1/documents and on its /scan); an internal `rahasia` letter is read by the
receiving office's clerks even without a head there; a refusal never names the class."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, text

from tests.integration.surat_out_support import *  # noqa: F403
from tests.integration.surat_out_support import TO_SIGNED, People

pytestmark = pytest.mark.sqlite_only("who reads what: no database behaviour")
DOCS = "/api/v1/documents"


def _sent(people: People, surat: Engine, access: str) -> tuple[str, str, str]:
    """A letter of `access` signed and sent to the DLH: (its ref, the DLH copy's ref,
    the document code)."""
    ref = people.draft(access=access)
    code = people.walk(ref, TO_SIGNED).get_json()["document_code"]
    assert people.act("kabid-dsdabm", ref, "send").status_code == 200
    with surat.connect() as conn:
        copy = conn.execute(text("SELECT case_id FROM surat_letters WHERE "
                                 "source_case_id = :c"), {"c": int(ref.split("-")[1])}).one()
    return ref, f"SURAT-{copy[0]}", code


def _listed(people: People, who: str) -> list[str]:
    reply = people[who].get(DOCS)
    assert reply.status_code == 200, reply.get_json()
    return [item["code"] for item in reply.get_json()["items"]]


def test_a_secret_letters_document_is_kept_from_the_admin_and_the_clerk(
        people: People, surat: Engine) -> None:
    _, _, code = _sent(people, surat, "rahasia")
    for who in ("admin", "tu-dsdabm", "dlh"):
        assert people[who].get(f"{DOCS}/{code}/pdf").status_code == 403, who
    for who in ("admin", "tu-dsdabm"):
        assert code not in _listed(people, who), who
    for who in ("kepala-opd", "kabid-dsdabm", "opd"):
        assert people[who].get(f"{DOCS}/{code}/pdf").status_code == 200, who
    assert code in _listed(people, "kepala-opd")
    public = people["admin"].get(f"{DOCS}/{code}").get_json()
    assert public["title"] is None and public["number"] is None


def test_the_receiving_office_reads_what_it_received(people: People, surat: Engine) -> None:
    _, copy, code = _sent(people, surat, "biasa")
    for who in ("tu-dlh", "dlh"):
        reply = people[who].get(f"{DOCS}/{code}/pdf")
        assert reply.status_code == 200 and reply.data.startswith(b"%PDF-"), who
        scan = people[who].get(f"/api/v1/surat/letters/{copy}/scan")
        assert scan.status_code == 200, (who, scan.get_json())
        assert scan.data == reply.data and scan.mimetype == "application/pdf"
    assert people["tu-dlh"].get(f"/api/v1/surat/letters/{copy}/bundle").status_code == 200


def test_a_secret_internal_letter_reaches_the_clerks_of_an_office_without_a_head(
        people: People, surat: Engine) -> None:
    _, copy, code = _sent(people, surat, "rahasia")
    assert people["tu-dlh"].get(f"/api/v1/surat/letters/{copy}").status_code == 200
    assert people["tu-dlh"].get(f"{DOCS}/{code}/pdf").status_code == 200
    assert people["tu-dlh"].get(f"/api/v1/surat/letters/{copy}/scan").status_code == 200
    refused = people["dlh"].get(f"/api/v1/surat/letters/{copy}")
    assert refused.status_code == 403


@pytest.mark.parametrize("access", ["biasa", "rahasia"])
def test_a_refusal_never_names_the_access_class(people: People, surat: Engine,
                                                access: str) -> None:
    ref = people.draft(access=access)
    reply = people["dlh"].get(f"/api/v1/surat/letters/{ref}")
    error: dict[str, Any] = reply.get_json()["error"]
    assert reply.status_code == 403 and error["code"] == "letter_forbidden"
    assert error["message"] == "Surat ini tidak dapat Anda buka."
    english = people.client.get(f"/api/v1/surat/letters/{ref}", headers={
        **people["dlh"].headers(), "Accept-Language": "en"}).get_json()["error"]
    assert english["message"] == "You cannot open this letter."
