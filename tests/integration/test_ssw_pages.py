"""SSW's applicant pages through Flask's test client: the catalogue says each permit's
documents, fee in rupiah, working days and validity in both languages; the application
form marks each wrong field where it is (422) and, once right, answers the tracking code
and its `/c/{code}` link without echoing the NIK; the owner's re-upload page offers only
the flagged documents, each with its reason; and `/c/{code}` shows the application
(documents' checks, reviews done of all) but never the applicant's identity."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import Engine, update

from queue_server.eservices.ssw.catalogue import load_catalogue
from queue_server.eservices.ssw.models import SswDocument
from queue_server.persistence.uow import SqlUnitOfWork
from tests.support import factories, images

pytestmark = pytest.mark.sqlite_only("page rendering and form handling; the use cases "
                                     "behind them are tested on both databases by helper C")

CATALOGUE = Path(__file__).resolve().parents[2] / "queue_server/eservices/ssw/catalogue.yaml"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = images.png()
NIK = factories.nik(11)
NAME = "Budi Santoso Wibowo"
PHONE = "081234560011"
_loaded: set[int] = set()


@pytest.fixture
def ssw(engine: Engine) -> Engine:
    """The engine with SSW's permit catalogue loaded (kept between tests, as data)."""
    if id(engine) not in _loaded:
        load_catalogue(SqlUnitOfWork(engine), yaml.safe_load(CATALOGUE.read_text("utf-8")))
        _loaded.add(id(engine))
    return engine


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert match, "the page carries its CSRF token"
    return match.group(1)


def reklame_form(client: Any, **changes: Any) -> dict[str, Any]:
    """A right application for the advertising permit (reklame), with its files."""
    token = csrf_of(client.get("/ssw/ajukan/reklame").get_data(as_text=True))
    form: dict[str, Any] = {
        "csrf_token": token, "applicant_kind": "person", "name": NAME, "nik": NIK,
        "phone": PHONE, "address": "Jl. Tunjungan 12", "kelurahan": "Genteng",
        "doc-ktp": (_io(PDF), "ktp.pdf", "application/pdf"),
        "doc-desain": (_io(PDF), "desain.pdf", "application/pdf"),
        "doc-foto-lokasi": (_io(PNG), "lokasi.png", "image/png")}
    form.update(changes)
    return {k: v for k, v in form.items() if v is not None}


def _io(data: bytes) -> Any:
    import io

    return io.BytesIO(data)


def apply_reklame(client: Any) -> str:
    """Apply for a reklame permit through the page; returns the tracking code."""
    reply = client.post("/ssw/ajukan/reklame", data=reklame_form(client),
                        content_type="multipart/form-data")
    assert reply.status_code == 201, reply.get_data(as_text=True)[:2000]
    found = re.search(r'id="done-code">([^<]+)<', reply.get_data(as_text=True))
    assert found
    return found.group(1)


def test_the_catalogue_says_what_each_permit_asks_and_takes(client: Any, ssw: Engine) -> None:
    html = client.get("/ssw").get_data(as_text=True)
    assert "Izin Penyelenggaraan Reklame" in html and "Rp 150.000" in html
    assert "10 hari kerja" in html and "12 bulan" in html and "Gratis" in html
    assert "Desain dan ukuran reklame" in html and 'href="/ssw/ajukan/reklame"' in html
    english = client.get("/ssw?lang=en").get_data(as_text=True)
    assert "Advertising permit" in english and "IDR 150,000" in english
    assert "10 working days" in english and 'href="/ssw/ajukan/reklame?lang=en"' in english


def test_the_form_has_one_labelled_file_input_per_document(client: Any, ssw: Engine) -> None:
    html = client.get("/ssw/ajukan/reklame").get_data(as_text=True)
    for code in ("ktp", "desain", "foto-lokasi", "izin-pemilik"):
        assert f'<label for="doc-{code}">' in html and f'id="doc-{code}" name="doc-{code}"' in html
    assert "Jenis PDF, JPEG, PNG, paling besar 5 MB." in html
    assert client.get("/ssw/ajukan/tidak-ada").status_code == 404


def test_wrong_fields_are_marked_where_they_are(client: Any, ssw: Engine) -> None:
    form = reklame_form(client, name="", nik="1234", phone="12", **{"doc-desain": None})
    reply = client.post("/ssw/ajukan/reklame?lang=en", data=form,
                        content_type="multipart/form-data")
    assert reply.status_code == 422
    html = reply.get_data(as_text=True)
    assert "Check the marked fields." in html
    for name, said in (("name", "Required."), ("nik", "The NIK must be 16 digits."),
                       ("phone", "Not a valid mobile number"),
                       ("doc-desain", "This document is required.")):
        assert re.search(rf'id="{name}"[^>]*aria-invalid="true"', html, re.S), name
        assert re.search(rf'id="{name}-error">{re.escape(said)}', html), name
    assert 'value="Jl. Tunjungan 12"' in html  # what was typed stays


def test_a_grouped_nik_and_a_spaced_phone_are_taken_as_the_domain_reads_them(
        client: Any, ssw: Engine) -> None:
    grouped = " ".join(NIK[i:i + 4] for i in range(0, 16, 4))
    form = reklame_form(client, nik=grouped, phone="+62 812-3456-0011")
    reply = client.post("/ssw/ajukan/reklame", data=form, content_type="multipart/form-data")
    assert reply.status_code == 201, reply.get_data(as_text=True)[:2000]


def test_a_file_of_a_type_the_permit_does_not_take_is_marked(client: Any, ssw: Engine) -> None:
    form = reklame_form(client, **{"doc-foto-lokasi": (_io(PDF), "lokasi.pdf",
                                                       "application/pdf")})
    reply = client.post("/ssw/ajukan/reklame", data=form, content_type="multipart/form-data")
    assert reply.status_code == 422
    assert "Jenis berkas tidak diterima: gunakan JPEG, PNG." in reply.get_data(as_text=True)


def test_a_form_without_its_csrf_token_is_refused(client: Any, ssw: Engine) -> None:
    form = reklame_form(client, csrf_token=None)
    reply = client.post("/ssw/ajukan/reklame", data=form, content_type="multipart/form-data")
    assert reply.status_code == 400


def test_the_answer_gives_the_code_and_its_page_never_the_nik(client: Any, ssw: Engine) -> None:
    reply = client.post("/ssw/ajukan/reklame", data=reklame_form(client),
                        content_type="multipart/form-data")
    html = reply.get_data(as_text=True)
    assert reply.status_code == 201
    code = re.search(r'id="done-code">([^<]+)<', html).group(1)  # type: ignore[union-attr]
    assert f'href="/c/{code}"' in html and "Simpan kode dan tautan ini" in html
    assert NIK not in html and PHONE not in html


def flag_document(engine: Engine, requirement: str, reason: str) -> None:
    """The desk's flag on one document, written as checks.check_document leaves it."""
    with engine.begin() as conn:
        conn.execute(update(SswDocument).where(SswDocument.requirement == requirement)
                     .values(state="revision", reason=reason))


def test_the_owner_sees_the_application_but_never_its_identity(
        client: Any, ssw: Engine) -> None:
    code = apply_reklame(client)
    flag_document(ssw, "desain", "Ukuran tidak tertulis")
    html = client.get(f"/c/{code}").get_data(as_text=True)
    assert "Izin Penyelenggaraan Reklame" in html and "Rp 150.000" in html
    assert "Perlu diperbaiki: Ukuran tidak tertulis" in html
    assert "Menunggu pemeriksaan" in html and f'href="/ssw/berkas/{code}"' in html
    for secret in (NIK, PHONE, NAME):
        assert secret not in html
    english = client.get(f"/c/{code}?lang=en").get_data(as_text=True)
    assert "Needs correcting: Ukuran tidak tertulis" in english


def test_the_reupload_page_offers_only_the_flagged_documents(client: Any, ssw: Engine) -> None:
    code = apply_reklame(client)
    page = client.get(f"/ssw/berkas/{code}")
    assert page.status_code == 200 and "Tidak ada dokumen yang perlu diperbaiki." in (
        page.get_data(as_text=True))
    assert page.headers["Cache-Control"] == "private, no-store"
    flag_document(ssw, "desain", "Ukuran tidak tertulis")
    html = client.get(f"/ssw/berkas/{code}").get_data(as_text=True)
    assert 'id="doc-desain"' in html and "Alasan: Ukuran tidak tertulis" in html
    assert 'id="doc-ktp"' not in html and 'id="doc-foto-lokasi"' not in html
    assert client.get("/ssw/berkas/ZZZZ-ZZZZ").status_code == 404


def test_a_corrected_document_goes_back_to_the_desk(client: Any, ssw: Engine) -> None:
    code = apply_reklame(client)
    flag_document(ssw, "desain", "Ukuran tidak tertulis")
    token = csrf_of(client.get(f"/ssw/berkas/{code}").get_data(as_text=True))
    missing = client.post(f"/ssw/berkas/{code}", data={"csrf_token": token},
                          content_type="multipart/form-data")
    assert missing.status_code == 422
    assert re.search(r'id="doc-desain-error">Dokumen ini wajib', missing.get_data(as_text=True))
    sent = client.post(f"/ssw/berkas/{code}", data={
        "csrf_token": token, "doc-desain": (_io(PDF), "desain-2.pdf", "application/pdf")},
        content_type="multipart/form-data")
    assert sent.status_code == 303 and sent.headers["Location"].endswith(f"/c/{code}")
    with SqlUnitOfWork(ssw) as uow:
        versions = uow.session.query(SswDocument).filter_by(requirement="desain").all()
        assert sorted((d.version, d.state) for d in versions) == [(1, "revision"),
                                                                 (2, "pending")]
