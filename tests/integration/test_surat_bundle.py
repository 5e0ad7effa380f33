"""The SRIKANDI bundle of a letter: registration and filing are different actions in its
timeline; an outgoing letter's metadata names its sender office and its chain with
times; dispositions carry their recipients and read and done times."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from sqlalchemy import Engine, text

from tests.integration.surat_out_support import *  # noqa: F403
from tests.integration.surat_out_support import TO_SIGNED, People

pytestmark = pytest.mark.sqlite_only("the bundle's shape: no database behaviour")


def _meta(people: People, who: str, ref: str) -> tuple[dict[str, Any], list[str]]:
    reply = people[who].get(f"/api/v1/surat/letters/{ref}/bundle")
    assert reply.status_code == 200, reply.get_json()
    archive = zipfile.ZipFile(io.BytesIO(reply.data))
    return json.loads(archive.read("metadata.json")), archive.namelist()


def test_an_outgoing_letters_bundle_names_its_office_and_chain(people: People) -> None:
    ref = people.draft()
    people.walk(ref, [*TO_SIGNED, ("kabid-dsdabm", "send")])
    meta, names = _meta(people, "kabid-dsdabm", ref)
    assert names == ["metadata.json", "surat.pdf"] and meta["file"] == "surat.pdf"
    assert meta["sender"] == "Dinas Sumber Daya Air dan Bina Marga"
    assert [(s["step"], s["state"]) for s in meta["chain"]] == [
        ("paraf", "approved"), ("sign", "approved")]
    assert all(s["acted_at"].endswith("+07:00") for s in meta["chain"])
    assert meta["signed_at"] and meta["sent_at"]
    assert meta["timeline"][0]["action"] == "draft"


def test_an_incoming_copy_registers_disposes_and_files_apart(
        people: People, surat: Engine) -> None:
    ref = people.draft()
    people.walk(ref, [*TO_SIGNED, ("kabid-dsdabm", "send")])
    with surat.connect() as conn:
        copy = "SURAT-{}".format(conn.execute(text(
            "SELECT case_id FROM surat_letters WHERE direction = 'incoming'")).scalar())
    base = f"/api/v1/surat/letters/{copy}"
    given = people["tu-dlh"].post(f"{base}/dispositions", {"to": ["dlh"],
                                                           "instruction": "Mohon hadir"})
    item = given.get_json()["items"][0]
    people["dlh"].post(f"{base}/dispositions/{item['id']}/follow-up", {"text": "Hadir."})
    assert people["tu-dlh"].post(f"{base}/file", {}).status_code == 200
    meta, names = _meta(people, "tu-dlh", copy)
    assert names == ["metadata.json", "surat.pdf"]
    actions = [line["action"] for line in meta["timeline"]]
    assert actions[0] == "register" and actions[-1] == "file"
    assert actions.count("file") == 1
    disposed = meta["dispositions"][0]
    assert disposed["to"] and disposed["read_at"] and disposed["done_at"]
