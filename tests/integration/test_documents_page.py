"""The verification page of an issued document, `/v/{code}` (queue_server/docpage): a
signed PDF validates with pyHanko and the page's SHA-256 is the file's; a copy checked on
the page matches, a tampered one (a changed byte, an appended update) does not and its
signature fails; revoked and replaced show; a confidential one hides title and number;
unknown and malformed codes are the same 404, counted; the upload limit."""

from __future__ import annotations

import hashlib
import re
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from queue_server.signing import LocalSigner
from tests.conftest import make_app
from tests.support.clock import FakeClock
from tests.support.documents import NUMBER, TITLE, Desk, appended, desk_for, tampered

pytestmark = pytest.mark.sqlite_only("a page over the documents' use cases; their SQL "
                                     "is the repository's, covered on both by the API tests")
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="module")
def signer(tmp_path_factory: pytest.TempPathFactory) -> LocalSigner:
    return LocalSigner(tmp_path_factory.mktemp("signing"))  # one key for the module


@pytest.fixture
def desk(app: Any, engine: Engine, tmp_path: Path, signer: LocalSigner) -> Desk:
    return desk_for(app, engine, tmp_path, signer)


def html(reply: Any) -> str:
    return reply.get_data(as_text=True)


def hash_on(page: str) -> str:
    """The SHA-256 as the page shows it: its groups, read together."""
    found = re.search(r'<code class="hash">(.*?)</code>', page, re.S)
    assert found is not None
    return re.sub(r"<[^>]+>", "", found.group(1))


def upload(client: Any, code: str, data: bytes, name: str = "surat.pdf",
           token: bool = True) -> Any:
    """The page's form posted with `data` as its file (encoded in memory: the test client
    would spool a large body to a temporary file it never closes)."""
    form: MultiDict[str, Any] = MultiDict([("file", FileStorage(BytesIO(data), name))])
    if token:
        found = CSRF.search(html(client.get(f"/v/{code}")))
        assert found is not None
        form.add("csrf_token", found.group(1))
    boundary, body = encode_multipart(form)
    return client.post(f"/v/{code}", data=body,
                       content_type=f"multipart/form-data; boundary={boundary}")


def test_a_signed_document_validates_and_its_page_shows_the_files_hash(
        client: Any, desk: Desk, clock: FakeClock, signer: LocalSigner) -> None:
    code, signed = desk.issue(clock)
    check = signer.check(signed)  # pyHanko: intact, valid, trusted by the local certificate
    assert (check.intact, check.valid, check.trusted, check.whole) == (True,) * 4
    reply = client.get(f"/v/{code}")
    page = html(reply)
    assert reply.status_code == 200
    assert reply.headers["X-Robots-Tag"] == "noindex" and "no-store" in reply.headers[
        "Cache-Control"]
    assert hash_on(page) == hashlib.sha256(signed).hexdigest()
    for shown in (TITLE, NUMBER, "Dinas Uji Kota", "Senin, 23 November 2026",
                  "Status: berlaku", code, "bukan Tanda Tangan Elektronik tersertifikasi BSrE"):
        assert shown in page, shown
    english = html(client.get(f"/v/{code}?lang=en"))
    assert "Status: valid" in english and "Monday, 23 November 2026" in english


def test_a_code_as_printed_or_typed_goes_to_its_page(client: Any, desk: Desk,
                                                     clock: FakeClock) -> None:
    code, _ = desk.issue(clock)
    grouped = f"{code[:4]}-{code[4:8]}-{code[8:]}".lower()
    reply = client.get(f"/v/{grouped}?lang=en")
    assert reply.status_code == 308 and reply.headers["Location"].endswith(
        f"/v/{code}?lang=en")
    assert client.get(reply.headers["Location"]).status_code == 200


def test_the_very_file_matches_and_its_signature_holds(client: Any, desk: Desk,
                                                       clock: FakeClock) -> None:
    code, signed = desk.issue(clock)
    page = html(upload(client, code, signed))
    assert "Cocok: berkas ini sama persis" in page
    assert "Tanda tangan di berkas ini sah" in page


def test_another_issued_document_is_named_as_such(client: Any, desk: Desk,
                                                  clock: FakeClock) -> None:
    code, _ = desk.issue(clock)
    other, other_signed = desk.issue(clock, title="Surat Keterangan Lain")
    page = html(upload(client, code, other_signed))
    assert "Tidak cocok" in page and f'href="/v/{other}"' in page
    assert f"dokumen lain yang diterbitkan server ini (kode {other})" in page
    english = html(upload(client, f"{code}?lang=en", other_signed))
    assert f"another document issued by this server (code {other})" in english
    api = client.post(f"/api/v1/documents/{code}/check",
                      data={"file": (BytesIO(other_signed), "lain.pdf")},
                      content_type="multipart/form-data").get_json()
    assert (api["matches"], api["other_code"]) == (False, other)


@pytest.mark.parametrize(("change", "said"), [
    (tampered, "isi yang ditandatangani sudah berubah"),
    (appended, "ada perubahan yang ditambahkan sesudah ditandatangani")])
def test_a_tampered_copy_does_not_match_and_its_signature_fails(
        client: Any, desk: Desk, clock: FakeClock, signer: LocalSigner, change: Any,
        said: str) -> None:
    code, signed = desk.issue(clock)
    copy = change(signed)
    assert signer.check(copy).ok is False
    reply = upload(client, code, copy)
    page = html(reply)
    assert reply.status_code == 200 and "Tidak cocok" in page and said in page
    assert hashlib.sha256(copy).hexdigest()[:8] in page
    assert "Tanda tangan di berkas ini sah" not in page


def test_revoked_and_replaced_documents_say_so(client: Any, desk: Desk,
                                               clock: FakeClock) -> None:
    old, signed = desk.issue(clock)
    new, _ = desk.issue(clock, title="Surat Keterangan Pengganti")
    desk.replace(clock, old, new)
    page = html(client.get(f"/v/{old}"))
    assert "Status: diganti sejak Senin, 23 November 2026 oleh dokumen" in page
    assert f'href="/v/{new}"' in page
    assert 'href="/v/' + new + '?lang=en"' in html(client.get(f"/v/{old}?lang=en"))
    desk.revoke(clock, new)
    page = html(client.get(f"/v/{new}"))
    assert "Status: dicabut sejak Senin, 23 November 2026" in page
    # the very file of a document no longer valid still matches, with a warning
    again = html(upload(client, old, signed))
    assert "Cocok" in again and "tidak berlaku lagi" in again


def test_a_confidential_document_shows_only_its_status_and_hash(
        client: Any, desk: Desk, clock: FakeClock) -> None:
    code, signed = desk.issue(clock, confidential=True, title="Nota Rahasia Mutasi",
                              number="800/99/436.1/2026")
    page = html(client.get(f"/v/{code}"))
    assert "Dokumen rahasia" in page and "Status: berlaku" in page
    assert hash_on(page) == hashlib.sha256(signed).hexdigest()
    for hidden in ("Nota Rahasia Mutasi", "800/99/436.1/2026", "Dinas Uji Kota"):
        assert hidden not in page, hidden
    assert "Cocok" in html(upload(client, code, signed))


@pytest.mark.parametrize("path", ["/v/ZZZZZZZZZZZZ", "/v/ABC", "/v/%E2%80%AE%FF",
                                  "/v/" + "Z" * 300, "/v/ZZZZ/ZZZZ/ZZZZ/x"])
def test_unknown_and_malformed_codes_are_the_same_404(client: Any, path: str) -> None:
    reply = client.get(path)
    assert reply.status_code == 404, path
    assert "Dokumen tidak ditemukan" in html(reply)
    assert reply.headers["X-Robots-Tag"] == "noindex"


def test_code_guesses_are_counted_and_refused_for_a_while(
        engine: Engine, clock: FakeClock) -> None:
    client = make_app(engine, clock, CODE_MISS_LIMIT="3/minute").test_client()
    statuses = [client.get(f"/v/ZZZZZZZZZZZ{n}").status_code for n in range(2, 6)]
    assert statuses == [404, 404, 404, 429]
    refused = client.get("/v/ZZZZZZZZZZZZ")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert client.get("/api/v1/documents/ZZZZZZZZZZZ7").status_code == 429


def test_an_upload_without_a_pdf_or_its_token_is_refused_readably(
        client: Any, desk: Desk, clock: FakeClock) -> None:
    code, signed = desk.issue(clock)
    token = CSRF.search(html(client.get(f"/v/{code}")))
    assert token is not None
    missing = client.post(f"/v/{code}", data={"csrf_token": token.group(1)},
                          content_type="multipart/form-data")
    assert missing.status_code == 422 and "Pilih berkas PDF" in html(missing)
    not_pdf = upload(client, code, b"GIF89a not a pdf", "foto.gif")
    assert not_pdf.status_code == 422 and "bukan PDF" in html(not_pdf)
    stale = upload(client, code, signed, token=False)
    assert stale.status_code == 400 and "kedaluwarsa" in html(stale)


def test_a_16_mb_upload_is_413_with_the_limit_said(client: Any, desk: Desk,
                                                   clock: FakeClock) -> None:
    code, _ = desk.issue(clock)
    big = b"%PDF-1.7\n" + b"0" * (16 * 1024 * 1024)
    reply = upload(client, code, big)
    page = html(reply)
    assert reply.status_code == 413
    assert "paling besar 15 MB" in page and "Kembali ke halaman verifikasi" in page
