"""The permit SSW issues as its holder and a QR scanner read it: the PDF's content (the
holder is the business with its NIB, or the person; the date line without a weekday; no
doubled phrase; the validity said; signed by the head's name under the office's title,
never the login name) and the public facts `/v/{code}` and the API show so a changed
printout is caught."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import Engine

from queue_server.eservices.ssw import decisions
from queue_server.pdf import Layout
from tests.integration.test_ssw_support import *  # noqa: F403
from tests.integration.test_ssw_support import to_state

pytestmark = pytest.mark.sqlite_only("the content of one PDF layout; issuing runs on both "
                                     "databases in test_ssw_flow")


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> list[Layout]:
    """Every Layout issue_permit renders, in order."""
    seen: list[Layout] = []
    real = decisions.render

    def keep(layout: Layout, compress: bool = True) -> bytes:
        seen.append(layout)
        return real(layout, compress)

    monkeypatch.setattr(decisions, "render", keep)
    return seen


def test_a_business_permit_names_the_business_and_the_heads_name(
        client: Any, ssw: Engine, layouts: list[Layout]) -> None:
    issued = to_state(client, "reklame", "issued")
    layout = layouts[-1]
    fields = dict(layout.fields)
    assert fields["Pemegang izin"] == "Toko Budi (NIB 9120000000001)"
    assert fields["NIB"] == "9120000000001"
    assert "Budi Santoso" not in str(layout)  # the business holds it, not the person
    assert layout.signer_name == "Kepala DPMPTSP"  # the user's name, not kepala-dpmptsp
    assert layout.signer_title == ("Kepala Dinas Penanaman Modal dan Pelayanan Terpadu "
                                   "Satu Pintu")
    assert "kepala-dpmptsp" not in str(layout)
    assert layout.place_date.startswith("Surabaya, ") and "," not in layout.place_date[10:]
    assert not any(day in layout.place_date for day in ("Senin", "Selasa", "Rabu", "Kamis",
                                                       "Jumat", "Sabtu", "Minggu"))
    until = fields["Berlaku sampai"]
    assert until[-4:].isdigit() and "," not in until
    assert any(f"berlaku sampai dengan {until}" in p for p in layout.paragraphs)
    assert "()" not in " ".join(layout.paragraphs) and "  " not in " ".join(layout.paragraphs)
    facts = client.get(f"/api/v1/documents/{issued['document_code']}").get_json()["facts"]
    assert {"label": "Pemegang izin", "value": "Toko Budi (NIB 9120000000001)"} in facts
    assert {"label": "Berlaku sampai", "value": until} in facts
    page = client.get(f"/v/{issued['document_code']}").get_data(as_text=True)
    assert "Toko Budi (NIB 9120000000001)" in page and until in page
    assert "Jalan Tunjungan 12, Kelurahan Genteng" in page


def test_a_persons_permit_names_the_person_once(
        client: Any, ssw: Engine, layouts: list[Layout], monkeypatch: pytest.MonkeyPatch
        ) -> None:
    from tests.integration import test_ssw_support as support
    real_form = support.form
    monkeypatch.setattr(support, "form", lambda permit, files=None, **changes: real_form(
        permit, files, applicant_kind="person", business_name=None, **changes))
    to_state(client, "tdup", "issued")
    layout = layouts[-1]
    fields = dict(layout.fields)
    assert fields["Pemegang izin"] == "Budi Santoso" and "NIB" not in fields
    text = " ".join(layout.paragraphs)
    assert text.count("Budi Santoso") == 1, text
    assert fields["Berlaku sampai"] == "tidak terbatas"


def test_a_permits_case_page_and_errors_speak_of_no_report(client: Any, ssw: Engine) -> None:
    from tests.integration.test_ssw_support import CASES, apply, caller
    filed = apply(client, "reklame")
    page = re.sub(r"<script.*?</script>", "", client.get(f"/c/{filed['code']}").get_data(
        as_text=True), flags=re.S)  # the texts its script may say are the catalogue's
    lowered = page.lower()
    assert "laporan" not in lowered and "pelapor" not in lowered, page
    assert "Status pengajuan" in page or "Izin" in page
    english = re.sub(r"<script.*?</script>", "", client.get(
        f"/c/{filed['code']}?lang=en").get_data(as_text=True), flags=re.S)
    assert "report" not in english.lower()
    missing = caller(client, "admin").get(f"{CASES}/SSW-99999").get_json()
    assert missing["error"]["message"] == "Nomor SSW-99999 tidak ditemukan."


def test_the_code_lockout_on_a_permit_download_speaks_of_codes_not_tickets(
        client: Any, app: Any, ssw: Engine) -> None:
    issued = to_state(client, "tdup", "issued")
    app.config["CODE_MISS_LIMIT"] = "2/minute"
    path = f"/api/v1/documents/{issued['document_code']}/pdf?case=ABCDEFGHJK"
    stranger = app.test_client()
    replies = [stranger.get(path) for _ in range(3)]
    assert replies[-1].status_code == 429
    message = replies[-1].get_json()["error"]["message"]
    assert "tiket" not in message and "kode" in message
    busy = stranger.get("/c/ABCDEFGHJK").get_data(as_text=True)
    assert "permohonan" in busy
