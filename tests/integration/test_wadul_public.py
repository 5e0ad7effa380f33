"""e-Wadul's public side: a complaint is public by its reference (`WADUL-123`) once the
Media Center has verified it; the tracking code stays the filer's secret (never in a
public list, page or Open311 answer), a reference opens nothing but reading, and the
reporter never shows to the public, anonymous or not."""

from __future__ import annotations

import json
import re
import struct
import zlib
from io import BytesIO
from typing import Any

import pytest
from sqlalchemy import Engine, text

from queue_server.domain.privacy import mask_digits
from tests.conftest import Api
from tests.integration.wadul_public_support import ref_of, verify_all
from tests.integration.wadul_support import *  # noqa: F403
from tests.integration.wadul_support import (
    NAME,
    NIK,
    PHONE,
    REPORTS,
    act,
    answered,
    file,
    forwarded,
    report,
)

PUBLIC = "/api/v1/wadul/public/reports"
O311 = "/open311/v2"
pytestmark = pytest.mark.sqlite_only("visibility rules over the use cases tested on both")


def real_png() -> bytes:
    """A 1×1 PNG any decoder reads (photos may be re-encoded when stored)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def no_secret(body: str, *codes: str) -> None:
    """Neither a tracking code nor any of the reporter's data is in `body`."""
    for secret in (NIK, NAME, PHONE[1:], "Siti", *codes):
        assert secret not in body, secret


def test_a_stranger_reads_a_verified_complaint_by_reference_without_identity_or_code(
        client: Any, citizen: Any, desk: Api, wadul: Engine) -> None:
    plain, anonymous = file(client), file(client, anonymous=True)
    for code in (plain, anonymous):
        assert act(desk, code, "verify").status_code == 200
        ref = ref_of(wadul, code)
        reply = citizen.get(f"{PUBLIC}/{ref.lower()}")  # any case
        assert reply.status_code == 200, reply.get_json()
        shown = reply.get_json()
        assert shown["ref"] == ref and shown["state"] == "verified"
        assert shown["description"].startswith("Jalan berlubang")
        assert shown["links"]["page"] == f"/wadul/laporan/{ref}"
        page = citizen.get(f"/wadul/laporan/{ref}")
        assert page.status_code == 200 and "Jalan berlubang" in page.get_data(as_text=True)
        assert ref in citizen.get(f"/wadul/laporan/{ref}?lang=en").get_data(as_text=True)
        for body in (reply.get_data(as_text=True), page.get_data(as_text=True),
                     citizen.get(PUBLIC).get_data(as_text=True),
                     citizen.get("/wadul/laporan").get_data(as_text=True)):
            no_secret(body, plain, anonymous)
            assert "/c/" not in body


def test_a_reference_opens_no_action_and_no_owner_page(
        client: Any, citizen: Any, desk: Api, opd: Api, wadul: Engine) -> None:
    code = answered(client, desk, opd)
    ref = ref_of(wadul, code)
    for action in ("close", "rate", "reopen"):
        refused = act(citizen, ref, action, comment="Belum beres.", rating=1)
        assert refused.status_code == 403, refused.get_json()
        assert refused.get_json()["error"]["code"] == "ref_needs_staff"
    read = citizen.get(f"{REPORTS}/{ref}")  # the reference is public: no owner's view
    assert read.status_code == 403 and f"/wadul/laporan/{ref}" in read.get_json()["error"][
        "message"]
    assert citizen.get(f"/c/{ref}", follow_redirects=True).status_code == 404
    assert citizen.post(f"/wadul/laporan/{ref}").status_code == 405
    assert citizen.get(f"{PUBLIC}/{ref}").get_json()["state"] == "answered"  # untouched


def test_received_rejected_and_confidential_complaints_are_never_public(
        client: Any, citizen: Any, desk: Api, wadul: Engine) -> None:
    received, rejected = file(client), file(client)
    secret = file(client, confidential=True)
    assert act(desk, rejected, "reject", comment="Bukan wewenang kota.").status_code == 200
    assert act(desk, secret, "verify").status_code == 200
    listed = citizen.get(PUBLIC).get_json()
    assert listed["total"] == 0 and citizen.get(f"{PUBLIC}?state=received").status_code == 422
    assert "Jalan berlubang" not in citizen.get("/wadul/laporan").get_data(as_text=True)
    for code in (received, rejected, secret):
        ref = ref_of(wadul, code)
        missing = citizen.get(f"{PUBLIC}/{ref}")
        assert missing.status_code == 404
        assert missing.get_json()["error"]["code"] == "case_not_found"
        assert citizen.get(f"/wadul/laporan/{ref}").status_code == 404
        assert citizen.get(f"{O311}/requests/{ref}.json").status_code == 404
    assert citizen.get(f"{O311}/requests.json").get_json() == []
    for wrong in ("WADUL-0", "WADUL-99999999", "SURAT-1", "ABCDEFGHJK", "wadul-x"):
        assert citizen.get(f"{PUBLIC}/{wrong}").status_code == 404
        assert citizen.get(f"/wadul/laporan/{wrong}").status_code == 404


def test_the_owner_sees_their_identity_masked_and_a_staff_token_is_judged_as_staff(
        client: Any, citizen: Any, desk: Api, other_office: Api, wadul: Engine) -> None:
    code = forwarded(client, desk)  # to dsdabm
    own = citizen.get(f"{REPORTS}/{code}").get_json()
    assert own["reporter"]["nik"] == mask_digits(NIK) and NIK not in json.dumps(own)
    assert own["ref"] == ref_of(wadul, code)
    refused = other_office.get(f"{REPORTS}/{code}")  # holds the code, but is staff
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "wrong_office"
    refused = act(other_office, code, "close")
    assert refused.status_code in (403, 409) and "reporter" not in refused.get_json()
    junk = citizen.get(f"{REPORTS}/{code}", headers={"Authorization": "Bearer nonsense"})
    assert junk.status_code == 401


def test_photos_are_served_by_reference_and_open311_links_them(
        client: Any, citizen: Any, desk: Api, wadul: Engine) -> None:
    filed = citizen.post(REPORTS, data={**report(), "photos": (BytesIO(real_png()), "a.png")},
                         content_type="multipart/form-data")
    assert filed.status_code == 201, filed.get_json()
    code = filed.get_json()["code"]
    ref = ref_of(wadul, code)
    assert citizen.get(f"/wadul/laporan/{ref}/foto/1").status_code == 404  # not yet public
    assert act(desk, code, "verify").status_code == 200
    [photo] = citizen.get(f"{PUBLIC}/{ref}").get_json()["links"]["photos"]
    served = citizen.get(photo)
    assert served.status_code == 200 and served.mimetype == "image/png"
    assert citizen.get(f"/wadul/laporan/{ref}/foto/999999").status_code == 404
    assert f'src="{photo}"' in citizen.get(f"/wadul/laporan/{ref}").get_data(as_text=True)
    [shown] = citizen.get(f"{O311}/requests/{ref}.json").get_json()
    assert shown["service_request_id"] == ref and shown["media_url"].endswith(photo)
    assert shown["service_notice"].endswith(f"/wadul/laporan/{ref}")
    no_secret(json.dumps(shown), code)


def test_open311_reads_staff_notes_never_the_citizen_s_own_words(
        client: Any, citizen: Any, desk: Api, opd: Api, wadul: Engine) -> None:
    code = answered(client, desk, opd)  # answered "Sudah ditambal."
    ref = ref_of(wadul, code)
    assert act(citizen, code, "reopen", comment="Masih berlubang, hubungi saya di 0812")\
        .status_code == 200
    [shown] = citizen.get(f"{O311}/requests/{ref}.json").get_json()
    assert shown["status_notes"] == "Sudah ditambal."
    page = citizen.get(f"/wadul/laporan/{ref}").get_data(as_text=True)
    public = citizen.get(f"{PUBLIC}/{ref}").get_data(as_text=True)
    for body in (page, public):
        assert "Sudah ditambal." in body and "hubungi saya" not in body


def test_a_merged_complaint_shows_its_parent_s_reference(
        client: Any, citizen: Any, desk: Api, wadul: Engine) -> None:
    parent, child = file(client), file(client)
    assert act(desk, parent, "verify").status_code == 200
    assert act(desk, child, "merge", comment="Sama.", duplicate_of=parent).status_code == 200
    parent_ref, child_ref = ref_of(wadul, parent), ref_of(wadul, child)
    owner_page = citizen.get(f"/c/{child}").get_data(as_text=True)
    assert "Digabung ke laporan" in owner_page and parent_ref in owner_page
    assert parent not in owner_page
    shown = citizen.get(f"{PUBLIC}/{child_ref}").get_json()
    assert shown["merged_into"] == parent_ref and shown["state"] == "merged"
    page = citizen.get(f"/wadul/laporan/{child_ref}").get_data(as_text=True)
    assert f'href="/wadul/laporan/{parent_ref}"' in page and parent not in page
    row = next(r for r in citizen.get(PUBLIC).get_json()["items"] if r["ref"] == child_ref)
    assert row["merged_into"] == parent_ref


def test_open311_files_a_report_placed_by_lat_long_alone(
        client: Any, citizen: Any, admin: Api, wadul: Engine) -> None:
    key = admin.post("/api/v1/wadul/open311-keys", {"name": "Peta Warga"}).get_json()["key"]
    reply = citizen.post(f"{O311}/requests.json", data={
        "api_key": key, "service_code": "jalan-rusak", "lat": "-7.2871", "long": "112.7394",
        "description": "Jalan berlubang di depan pasar."})
    assert reply.status_code == 201, reply.get_json()
    [answer] = reply.get_json()
    ref = answer["service_request_id"]
    assert re.fullmatch(r"WADUL-\d+", ref)
    with wadul.connect() as conn:
        kelurahan, code = conn.execute(text(
            "SELECT r.kelurahan, c.code FROM wadul_reports r JOIN cases c "
            "ON c.id = r.case_id WHERE c.id = :i"), {"i": int(ref.split("-")[1])}).one()
    assert kelurahan == "" and f"/c/{code}" in answer["service_notice"]
    verify_all(wadul)
    [shown] = citizen.get(f"{O311}/requests/{ref}.json").get_json()
    assert (shown["lat"], shown["long"]) == (-7.2871, 112.7394) and code not in str(shown)
    assert "Jalan berlubang" in citizen.get(f"/wadul/laporan/{ref}").get_data(as_text=True)
