"""The web's shapes of issued documents (services/document_web.py, docpage/shown.py) and
the one judgement of a signature (port_documents.SignatureCheck.ok): no database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from queue_server.docpage.shown import hash_groups, page_facts
from queue_server.domain.document_web_errors import RevokeAdminOnly
from queue_server.services.auth import OPERATOR, Principal
from queue_server.services.document_web import item, revoke_by_admin, said_date
from queue_server.services.port_documents import SignatureCheck

DIGEST = "0123456789abcdef" * 4


@dataclass
class Row:
    """The fields of a document row the shapes read."""

    code: str = "ABCD2345EFGH"
    title: str = "Izin Reklame"
    number: str | None = "503/7/436.7.21/2026"
    kind: str = "permit"
    module: str = "ssw"
    status: str = "valid"
    issued_at: datetime = datetime(2026, 11, 30, 18, 30, tzinfo=UTC)  # 01:30 in Jakarta


def test_a_listed_item_has_its_addresses_and_city_time() -> None:
    shown = item(Row(), "https://kota.example/", "Asia/Jakarta")  # type: ignore[arg-type]
    assert shown["issued_at"] == "2026-12-01T01:30:00+07:00"
    assert shown["pdf_url"] == "/api/v1/documents/ABCD2345EFGH/pdf"
    assert shown["verify_url"] == "https://kota.example/v/ABCD2345EFGH"


def test_dates_are_said_in_words_on_the_citys_day() -> None:
    assert said_date("2026-12-01T01:30:00+07:00", "id") == "Selasa, 1 Desember 2026"
    assert said_date("2026-12-01T01:30:00+07:00", "en") == "Tuesday, 1 December 2026"
    assert said_date(None, "id") is None


def test_the_hash_is_grouped_for_the_eye_and_whole_when_joined() -> None:
    groups = hash_groups(DIGEST)
    assert len(groups) == 8 and all(len(g) == 8 for g in groups)
    assert "".join(groups) == DIGEST
    facts = page_facts({"sha256": DIGEST, "issued_at": "2026-11-23T08:00:00+07:00",
                        "status_at": None}, "id")
    assert facts["issued_on"] == "Senin, 23 November 2026" and facts["status_on"] is None


@pytest.mark.parametrize(("intact", "valid", "trusted", "whole", "ok"), [
    (True, True, True, True, True),
    (False, True, True, True, False),  # a changed byte inside the signed range
    (True, False, True, True, False),
    (True, True, False, True, False),  # another certificate
    (True, True, True, False, False),  # an update appended after the signature
])
def test_a_signature_holds_only_when_every_check_does(intact: bool, valid: bool,
                                                      trusted: bool, whole: bool,
                                                      ok: bool) -> None:
    assert SignatureCheck(intact, valid, trusted, "x", whole).ok is ok


def test_only_the_admin_revokes_here() -> None:
    operator = Principal("staff", 7, "opd", OPERATOR, None)
    device = Principal("device", 3, "kiosk", "kiosk", 1)
    for who in (operator, device):
        with pytest.raises(RevokeAdminOnly):
            revoke_by_admin(None, None, who, "ABCD2345EFGH", "keliru", "Asia/Jakarta")  # type: ignore[arg-type]
