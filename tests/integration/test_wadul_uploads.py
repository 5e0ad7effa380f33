"""e-Wadul's photos through the API and the staff pages: photos of a real size are taken
(the routes that take files have a cap of their own, every other route keeps 64 KiB),
kept without their metadata (the checksum and size are the kept bytes'), refused with a
message a person can act on (per file, per body in MB, unknown fields named), and shown
to the staff who may read the case."""

from __future__ import annotations

import hashlib
import re
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from queue_server.persistence.case_file_store import file_store
from queue_server.persistence.case_models import Case, CaseFile
from tests.conftest import make_app
from tests.integration.wadul_support import *  # noqa: F403
from tests.integration.wadul_support import REPORTS, act, caller, report
from tests.support import images

pytestmark = pytest.mark.sqlite_only("files on disk and the request cap: no database "
                                     "behaviour of their own")
DESK = "/api/v1/wadul/desk/reports"
MB = 1024 * 1024


def _form(photos: list[tuple[bytes, str]], field: str = "photos", **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {k: str(v) for k, v in report(**extra).items()}
    data[field] = [FileStorage(BytesIO(raw), name) for raw, name in photos]
    return data


def _send(client: Any, path: str, form: dict[str, Any],
          headers: dict[str, str] | None = None) -> Any:
    """POST `form` as multipart, encoded in memory (the test client would spool a large
    body to a temporary file it never closes)."""
    boundary, body = encode_multipart(MultiDict(
        [(k, v) for k, values in form.items()
         for v in (values if isinstance(values, list) else [values])]))
    return client.post(path, data=body, headers=headers or {},
                       content_type=f"multipart/form-data; boundary={boundary}")


def _post(client: Any, photos: list[tuple[bytes, str]], path: str = REPORTS,
          headers: dict[str, str] | None = None, **extra: Any) -> Any:
    return _send(client, path, _form(photos, **extra), headers)


def _kept(files: Path) -> list[Path]:
    return [p for p in files.rglob("*") if p.is_file()] if files.exists() else []


def _count(engine: Engine, table: Any) -> int:
    with engine.connect() as db:
        return int(db.scalar(select(func.count()).select_from(table)) or 0)


def _rows(engine: Engine, code: str) -> list[CaseFile]:
    with Session(engine) as db:
        case_id = db.scalar(select(Case.id).where(Case.code == code))
        return list(db.scalars(select(CaseFile).where(CaseFile.case_id == case_id)
                               .order_by(CaseFile.id)))


@pytest.fixture
def files(app: Any, tmp_path: Path) -> Path:
    """The app's case files kept under `tmp_path` (its own instance folder)."""
    app.instance_path = str(tmp_path)
    return tmp_path / "files"


def test_a_1_mb_jpeg_and_a_4_5_mb_png_are_taken_and_kept_without_metadata(
        client: Any, wadul: Engine, files: Path, app: Any) -> None:
    jpeg = images.noise("JPEG", 1_000_000, artist=images.ARTIST)
    png = images.noise("PNG", 4_500_000)
    assert 0.9 * MB < len(jpeg) < 1.1 * MB and 4.2 * MB < len(png) < 5 * MB
    reply = _post(client, [(jpeg, "jalan.jpg"), (png, "got.png")])
    assert reply.status_code == 201, reply.get_json()
    rows = _rows(wadul, reply.get_json()["code"])
    assert [row.content_type for row in rows] == ["image/jpeg", "image/png"]
    store = file_store(app.instance_path)
    for row in rows:
        kept = store.get(row.case_id, row.sha256)
        assert kept is not None and images.exif_of(kept) == {} and b"Budi" not in kept
        assert (row.size, row.sha256) == (len(kept), hashlib.sha256(kept).hexdigest())
    assert rows[0].sha256 != hashlib.sha256(jpeg).hexdigest()  # saved again


def test_a_6_mb_photo_is_refused_with_the_per_file_message(
        client: Any, wadul: Engine, files: Path) -> None:
    big = images.png() + bytes(6 * MB)
    reply = _post(client, [(images.png(), "kecil.png"), (big, "besar.png")])
    assert reply.status_code == 422, reply.get_json()
    error = reply.get_json()["error"]
    assert error["code"] == "file_too_large" and error["max_bytes"] == 5 * MB
    assert error["message"] == "Berkas foto 2 terlalu besar: paling besar 5 MB per berkas."
    assert _count(wadul, Case) == 0 and _kept(files) == []


def test_a_body_over_the_upload_cap_is_413_in_megabytes(
        engine: Engine, clock: Any, wadul: Engine) -> None:
    client = make_app(engine, clock, CASE_FILE_MAX_BYTES=MB).test_client()
    reply = _post(client, [(bytes(MB), f"{n}.png") for n in range(3)] + [
        (bytes(200_000), "3.png")])
    assert reply.status_code == 413
    error = reply.get_json()["error"]
    assert error["code"] == "request_entity_too_large"
    assert error["message"] == ("Kiriman terlalu besar: paling besar 3.1 MB seluruhnya, yaitu "
                                "3 berkas masing-masing paling besar 1 MB.")
    assert _count(wadul, Case) == 0
    english = _post(client, [(bytes(MB), f"{n}.png") for n in range(4)],
                    headers={"Accept-Language": "en"}).get_json()["error"]
    assert english["message"] == ("The upload is too large: at most 3.1 MB in all, that is 3 "
                                  "files of at most 1 MB each.")


def test_other_routes_keep_the_64_kib_cap(client: Any, wadul: Engine) -> None:
    code = client.post(REPORTS, json=report()).get_json()["code"]
    big = {"action": "reopen", "comment": "x" * (65 * 1024)}
    for path in (f"{REPORTS}/{code}/actions", "/api/v1/bookings"):
        reply = client.post(path, json=big)
        assert reply.status_code == 413, path
        assert reply.get_json()["error"]["message"] == (
            "Isi permintaan terlalu besar: paling besar 64 KB.")


@pytest.mark.parametrize("path", [REPORTS, DESK])
def test_a_file_under_an_unknown_name_is_refused_naming_it(
        client: Any, wadul: Engine, path: str) -> None:
    headers = {"Authorization": f"Bearer {caller(client, 'mediacenter').token}"} \
        if path == DESK else {}
    extra = {"channel": "whatsapp"} if path == DESK else {}
    form = _form([(images.png(), "jalan.png")], field="photo", **extra)
    reply = _send(client, path, form, headers)
    assert reply.status_code == 422, reply.get_json()
    error = reply.get_json()["error"]
    assert error["code"] == "invalid_body" and "photo" in error["fields"]
    assert _count(wadul, Case) == 0


def test_a_third_photo_that_does_not_decode_leaves_no_case_and_no_file(
        client: Any, wadul: Engine, files: Path) -> None:
    broken = images.jpeg((64, 64))[:400]
    reply = _post(client, [(images.png(), "1.png"), (images.jpeg(), "2.jpg"),
                           (broken, "3.jpg")])
    assert reply.status_code == 422
    error = reply.get_json()["error"]
    assert error["code"] == "file_type_refused" and "foto 3" in error["message"]
    assert _count(wadul, Case) == 0 and _count(wadul, CaseFile) == 0
    assert _kept(files) == []


def test_a_decompression_bomb_is_a_named_422(client: Any, wadul: Engine) -> None:
    reply = _post(client, [(images.bomb_png(), "bom.png")])
    assert reply.status_code == 422
    assert reply.get_json()["error"]["code"] == "image_too_large"
    assert _count(wadul, Case) == 0


def _sign_in(client: Any, username: str) -> None:
    page = client.get("/wadul").get_data(as_text=True)
    token = re.search(r'name="csrf-token" content="([^"]+)"', page)
    assert token
    reply = client.post("/wadul/login?back=inbox", data={
        "username": username, "password": "demo", "csrf_token": token.group(1)})
    assert reply.status_code == 303


def test_staff_who_may_read_the_case_see_its_photos(
        app: Any, client: Any, wadul: Engine, files: Path) -> None:
    sent = images.jpeg((40, 20), orientation=6, artist=images.ARTIST, gps=True)
    filed = _post(app.test_client(), [(sent, "jalan.jpg")]).get_json()
    code, ref = filed["code"], filed["ref"]
    file_id = _rows(wadul, code)[0].id
    path = f"/wadul/kasus/{ref}/files/{file_id}"
    assert app.test_client().get(path).status_code == 401  # signed out: the sign-in page
    desk, office = app.test_client(), app.test_client()
    _sign_in(desk, "mediacenter")
    _sign_in(office, "opd")
    shown = desk.get(path)
    assert shown.status_code == 200 and shown.mimetype == "image/jpeg"
    assert images.exif_of(shown.data) == {} and images.opened(shown.data).size == (20, 40)
    assert shown.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in shown.headers["Cache-Control"]
    page = desk.get(f"/wadul/kasus/{ref}").get_data(as_text=True)
    assert f'src="{path}"' in page and f'alt="Foto 1 pengaduan {ref}"' in page
    assert office.get(path).status_code == 403  # still with the Media Center
    api = caller(client, "mediacenter")
    assert act(api, code, "verify").status_code == 200
    assert act(api, code, "forward").status_code == 200
    assert office.get(path).status_code == 200  # now the office holds it
    assert desk.get(f"/wadul/kasus/{ref}/files/{file_id + 999}").status_code == 404


def test_the_desk_enters_a_complaint_with_photos(
        client: Any, wadul: Engine, files: Path) -> None:
    api = caller(client, "mediacenter")
    form = _form([(images.jpeg(artist=images.ARTIST), "wa.jpg"), (images.png(), "wa.png")],
                 channel="whatsapp")
    reply = _send(client, DESK, form, api.headers())
    assert reply.status_code == 201, reply.get_json()
    rows = _rows(wadul, reply.get_json()["code"])
    assert [row.content_type for row in rows] == ["image/jpeg", "image/png"]
    page = client.get("/wadul/desk").get_data(as_text=True)
    assert 'id="d-photos"' in page and 'data-max="3"' in page and 'data-max-mb="5"' in page


def test_a_part_whose_name_cannot_be_read_is_a_4xx_not_a_5xx(client: Any, wadul: Engine) -> None:
    for disposition in (b'form-data; name="x\\"', b"form-data"):  # Werkzeug reads no name
        body = b"--B\r\nContent-Disposition: " + disposition + b"\r\n\r\n{}\r\n--B--\r\n"
        reply = client.post(REPORTS, data=body, content_type="multipart/form-data; boundary=B")
        assert reply.status_code == 422, reply.get_data(as_text=True)
        assert reply.get_json()["error"]["code"] == "invalid_text"
    assert _count(wadul, Case) == 0
