"""e-Surat access classes never leak: a `rahasia` letter's subject is in no list, search
result, API answer or log line for someone not allowed (the office's staff, another
office's clerk, the admin), while its head and the clerk who registered it read it; a
`terbatas` one is for the head, clerks and those involved. Also the retention list and
the SRIKANDI bundle."""

from __future__ import annotations

import io
import json
import logging
import zipfile
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.integration.surat_in_support import *  # noqa: F403
from tests.integration.surat_in_support import SECRET, caller, registered
from tests.support.factories import error

PDF = b"%PDF-1.4\n%%EOF\n"


def _secret(client: Any, access: str = "rahasia") -> str:
    reply = caller(client, "tu-dsdabm").post("/api/v1/surat/incoming", {
        "sender": "Inspektorat", "subject": SECRET, "classification": "700.1",
        "access": access, "urgency": "biasa", "letter_date": "2026-01-10"})
    assert reply.status_code == 201, reply.get_json()
    return str(reply.get_json()["ref"])


READS = ("/api/v1/surat/incoming", f"/api/v1/surat/incoming?q={SECRET.split()[1]}",
         "/api/v1/surat/incoming?q=Jagir&year=2026", "/api/v1/surat/retention?year=2031",
         "/api/v1/surat/retention?year=2031&format=csv")
PER_LETTER = ("", "/scan", "/bundle", "/dispositions")


@pytest.mark.parametrize("who", ["opd", "tu-dlh", "admin", "kabid-dsdabm"])
def test_a_secret_letter_never_shows_to_others(client: Any, surat: Engine, who: str,
                                               caplog: pytest.LogCaptureFixture) -> None:
    ref = _secret(client)
    caplog.set_level(logging.DEBUG)
    api = caller(client, who)
    for path in READS:
        reply = api.get(path)
        assert SECRET.encode() not in reply.data, (who, path)
        assert b"Jagir" not in reply.data, (who, path)
    for tail in PER_LETTER:
        reply = api.get(f"/api/v1/surat/letters/{ref}{tail}")
        assert reply.status_code == 403 and error(reply) == "letter_forbidden", (who, tail)
        assert b"Jagir" not in reply.data
    assert "Jagir" not in caplog.text


@pytest.mark.parametrize("who", ["kepala-opd", "tu-dsdabm"])
def test_the_head_and_the_registering_clerk_read_it(client: Any, surat: Engine,
                                                    who: str) -> None:
    ref = _secret(client)
    api = caller(client, who)
    found = api.get("/api/v1/surat/incoming?q=Jagir").get_json()["items"]
    assert [item["ref"] for item in found] == [ref]
    assert api.get(f"/api/v1/surat/letters/{ref}").get_json()["subject"] == SECRET


def test_a_recipient_of_a_disposition_reads_it(client: Any, surat: Engine) -> None:
    ref = _secret(client)
    kabid = caller(client, "kabid-dsdabm")
    assert kabid.get(f"/api/v1/surat/letters/{ref}").status_code == 403
    given = caller(client, "tu-dsdabm").post(f"/api/v1/surat/letters/{ref}/dispositions",
                                             {"to": ["kabid-dsdabm"], "instruction": "Periksa"})
    assert given.status_code == 201
    assert kabid.get(f"/api/v1/surat/letters/{ref}").get_json()["subject"] == SECRET
    assert caller(client, "opd").get(f"/api/v1/surat/letters/{ref}").status_code == 403


@pytest.mark.parametrize(("who", "reads"), [("opd", False), ("tu-dsdabm", True),
                                            ("kepala-opd", True), ("admin", False)])
def test_a_restricted_letter_is_for_head_and_clerks(client: Any, surat: Engine, who: str,
                                                    reads: bool) -> None:
    ref = _secret(client, "terbatas")
    reply = caller(client, who).get(f"/api/v1/surat/letters/{ref}")
    assert (reply.status_code == 200) is reads


def test_the_admin_reads_an_ordinary_letter(client: Any, surat: Engine, clock: Any) -> None:
    case_id = registered(surat, clock)
    reply = caller(client, "admin").get(f"/api/v1/surat/letters/SURAT-{case_id}")
    assert reply.status_code == 200


def test_retention_lists_transfer_and_final_years(client: Any, surat: Engine,
                                                  clock: Any) -> None:
    case_id = registered(surat, clock)  # 600.1: active 3 years, inactive 7
    tu = caller(client, "tu-dsdabm")
    assert tu.get("/api/v1/surat/retention?year=2029").get_json()["transfer"] == []
    filed = caller(client, "kepala-opd").post(f"/api/v1/surat/letters/SURAT-{case_id}/file",
                                              {"comment": "Selesai dibahas."})
    assert filed.status_code == 200  # counted from the filing (2026-11-23), not 2026-03-02
    transfer = tu.get("/api/v1/surat/retention?year=2029").get_json()
    assert [(row["counted_from"], row["active_until"]) for row in transfer["transfer"]] == [
        ("2026-11-23", "2029-11-23")]
    final = tu.get("/api/v1/surat/retention?year=2036").get_json()["final"]
    assert [row["disposition"] for row in final] == ["permanen"]
    csv_text = tu.get("/api/v1/surat/retention?year=2036&format=csv").get_data(as_text=True)
    assert csv_text.splitlines()[1].startswith("final,SURAT-")
    refused = caller(client, "opd").get("/api/v1/surat/retention?year=2036")
    assert refused.status_code == 403 and error(refused) == "retention_forbidden"


def test_the_bundle_holds_metadata_and_the_scan(client: Any, surat: Engine) -> None:
    tu = caller(client, "tu-dsdabm")
    reply = client.post("/api/v1/surat/incoming", headers=tu.headers(), data={
        "sender": "Kecamatan Tegalsari", "subject": "Genangan Kedungdoro",
        "classification": "600.1.7", "scan": (io.BytesIO(PDF), "s.pdf")},
        content_type="multipart/form-data")
    ref = reply.get_json()["ref"]
    got = tu.get(f"/api/v1/surat/letters/{ref}/bundle")
    assert got.status_code == 200 and got.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(got.data))
    meta = json.loads(archive.read("metadata.json"))
    assert meta["subject"] == "Genangan Kedungdoro" and meta["classification"] == "600.1.7"
    assert meta["retention"]["disposition"] == "permanen" and meta["timeline"]
    assert archive.read("surat.pdf") == PDF
    none = tu.post("/api/v1/surat/incoming", {"sender": "X", "subject": "Tanpa pindaian",
                                              "classification": "000"}).get_json()["ref"]
    bare = tu.get(f"/api/v1/surat/letters/{none}/bundle")
    assert bare.status_code == 200  # metadata alone
    archive = zipfile.ZipFile(io.BytesIO(bare.data))
    assert archive.namelist() == ["metadata.json"]
    assert json.loads(archive.read("metadata.json"))["file"] is None
