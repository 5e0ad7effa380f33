"""Staff work by a complaint's public reference `WADUL-n`; the tracking code reaches only
its owner (second review of issue 16: B1, M1, 3, 4, 10). A merged complaint's filer is
given the original's reference, never its code; an office's lists, pages, answers and
escalation messages hold no code; a reference opens nothing without staff credentials;
unknown references are no code probes and a code typed where a reference goes is masked
in the access log; the owner's answers are never stored by a cache."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from queue_server.eservices import hooks
from queue_server.services.case_kinds import kind_of
from tests.conftest import Api, make_app
from tests.integration.test_code_probing import From
from tests.integration.test_wadul_pages import html_of, sign_in
from tests.integration.test_wadul_uploads import _post
from tests.integration.wadul_public_support import ref_of, verify_all
from tests.integration.wadul_support import *  # noqa: F403
from tests.integration.wadul_support import NIK, REPORTS, act, answered, file, forwarded
from tests.support import images
from tests.support.clock import FakeClock
from tests.support.kept_logs import Kept

PUBLIC = "/api/v1/wadul/public/reports"


def _error(reply: Any) -> str:
    return str(reply.get_json()["error"]["code"])


def test_a_merged_complaints_filer_gets_the_originals_reference_never_its_code(
        client: Any, citizen: Any, desk: Api, wadul: Engine) -> None:
    original, copy = file(client), file(client)
    ref = ref_of(wadul, original)
    merged = act(desk, copy, "merge", comment="Sama dengan laporan lain.", duplicate_of=ref)
    assert merged.status_code == 200, merged.get_json()
    own = citizen.get(f"{REPORTS}/{copy}").get_json()
    assert own["merged_into"] == ref and own["duplicate_of"] == ref and own["code"] == copy
    page = citizen.get(f"/c/{copy}").get_data(as_text=True)
    for answer in (json.dumps(own), json.dumps(merged.get_json()), page):
        assert original not in answer  # the other filer's secret stays theirs


@pytest.mark.sqlite_only("which fields an answer carries: no database behaviour")
def test_an_office_never_sees_a_tracking_code_and_works_by_reference(
        client: Any, citizen: Any, desk: Api, opd: Api, wadul: Engine) -> None:
    code = forwarded(client, desk)
    ref = ref_of(wadul, code)
    listed = opd.get(REPORTS).get_json()
    assert [row["ref"] for row in listed["items"]] == [ref]
    assert act(opd, ref, "accept").status_code == 200
    answered_ = act(opd, ref.lower(), "answer", comment="Sudah ditambal.")
    assert answered_.get_json()["state"] == "answered"
    read = opd.get(f"{REPORTS}/{ref}")
    assert read.status_code == 200 and read.get_json()["reporter"]["nik"] == NIK
    queue = desk.get("/api/v1/wadul/desk/queue").get_json()
    for answer in (listed, answered_.get_json(), read.get_json(), queue,
                   opd.get(f"{REPORTS}?state=answered").get_json()):
        assert code not in json.dumps(answer)
        assert all("code" not in row for row in [answer, *answer.get("items", [])])
    sign_in(client, "opd", back="inbox")
    for path in ("/wadul/inbox", f"/wadul/kasus/{ref}", "/wadul/inbox?state=answered"):
        assert code not in html_of(client, path), path


def test_a_reference_without_staff_credentials_neither_acts_nor_reads_identity(
        client: Any, citizen: Any, desk: Api, opd: Api, wadul: Engine) -> None:
    code = answered(client, desk, opd, anonymous=True)
    ref = ref_of(wadul, code)
    for action, extra in (("rate", {"rating": 5}), ("close", {}), ("reopen", {"comment": "x"})):
        refused = act(citizen, ref, action, **extra)
        assert refused.status_code == 403 and _error(refused) == "ref_needs_staff"
    read = citizen.get(f"{REPORTS}/{ref}")
    assert read.status_code == 403 and "reporter" not in json.dumps(read.get_json())
    assert citizen.get(f"{REPORTS}/{code}").get_json()["rating"] is None  # nothing rated


def test_the_desk_merges_by_reference_and_opens_a_case_by_reference_or_code(
        client: Any, desk: Api, wadul: Engine) -> None:
    original, copy = file(client), file(client)
    ref, own = ref_of(wadul, original), ref_of(wadul, copy)
    itself = act(desk, copy, "merge", comment="sama", duplicate_of=own)
    assert _error(itself) == "invalid_duplicate" and copy not in json.dumps(itself.get_json())
    unknown = act(desk, own, "merge", comment="sama", duplicate_of="WADUL-99999")
    assert _error(unknown) == "invalid_duplicate"
    assert act(desk, own, "merge", comment="sama", duplicate_of=ref.lower()).get_json()[
        "merged_into"] == ref
    sign_in(client, "mediacenter")
    assert ref in html_of(client, f"/wadul/kasus/{ref}")
    for typed, goes in ((ref.lower(), ref), (f" {original.lower()} ", original)):
        reply = client.get(f"/wadul/kasus?ref={typed}")
        assert reply.status_code == 303 and reply.headers["Location"].endswith(
            f"/wadul/kasus/{goes}")
    by_code = client.get(f"/wadul/kasus/{original}")
    assert by_code.status_code == 303 and by_code.headers["Location"].endswith(ref)
    assert 'id="open-ref"' in html_of(client, "/wadul/desk")


def test_the_desks_own_entry_alone_tells_staff_the_code(
        client: Any, desk: Api, wadul: Engine) -> None:
    entered = desk.post("/api/v1/wadul/desk/reports", json={
        "channel": "phone", "category": "jalan-rusak", "kelurahan": "Tegalsari",
        "description": "Jalan berlubang di depan pasar, sudah seminggu."}).get_json()
    assert entered["ref"] == ref_of(wadul, entered["code"])
    read = desk.get(f"{REPORTS}/{entered['code']}").get_json()  # a code read out: found
    assert read["ref"] == entered["ref"] and "code" not in read


def test_the_escalation_links_the_staff_page_by_reference(app: Any) -> None:
    kind = kind_of(hooks(app, "case_kinds"), "wadul")
    assert kind is not None and kind.staff_path.format(ref="WADUL-7") == "/wadul/kasus/WADUL-7"


@pytest.mark.sqlite_only("the code guard's counters and the access log: no database")
def test_unknown_references_are_no_code_probes_and_a_code_there_is_masked(
        engine: Engine, clock: FakeClock, wadul: Engine, access: Kept) -> None:
    app = make_app(engine, clock, CODE_MISS_LIMIT="3/minute")
    poller = From(app, "203.0.113.44")
    reply = poller.post(REPORTS, json={
        "category": "jalan-rusak", "description": "Jalan berlubang besar di depan sekolah.",
        "kelurahan": "Tegalsari", "nik": NIK, "phone": "081234567890"})
    code = reply.get_json()["code"]
    for n in range(40, 50):  # a civic app polling references that are not public (yet)
        assert poller.get(f"{PUBLIC}/WADUL-{n}").status_code == 404
        assert poller.get(f"/wadul/laporan/WADUL-{n}").status_code == 404
        assert poller.get(f"/open311/v2/requests/WADUL-{n}.json").status_code == 404
    assert poller.get(f"/c/{code}").status_code == 200  # its own page still opens
    access.entries.clear()
    for path in (f"/wadul/laporan/{code}", f"{PUBLIC}/{code.lower()}",
                 f"/open311/v2/requests/{code}.json", f"/wadul/laporan/{code}/foto/1",
                 f"/wadul/kasus/{code}", "/wadul/laporan/WADUL-41"):
        poller.get(path)
    logged = json.dumps(access.entries)
    assert code not in logged and code.lower() not in logged and code[2:] not in logged
    paths = [entry["path"] for entry in access.entries]
    assert f"/wadul/laporan/{code[:2]}********" in paths and "/wadul/laporan/WADUL-41" in paths
    assert f"/open311/v2/requests/{code[:2]}********.json" in paths


@pytest.mark.sqlite_only("response headers: no database behaviour")
def test_the_owners_answers_and_photos_are_never_stored_by_a_cache(
        app: Any, client: Any, wadul: Engine, tmp_path: Path) -> None:
    app.instance_path = str(tmp_path)
    filed = _post(app.test_client(), [(images.png(), "jalan.png")]).get_json()
    code = filed["code"]
    verify_all(wadul)
    page = client.get(f"/c/{code}")
    photo = page.get_data(as_text=True).split(f"/c/{code}/files/")[1].split('"')[0]
    for reply in (page, client.get(f"/c/{code}/files/{photo}"), client.get(f"{REPORTS}/{code}"),
                  client.get("/c/ZZZZZZZZZZ")):
        assert reply.headers["Cache-Control"] == "private, no-store", reply.request.path
    public = client.get(f"/wadul/laporan/{filed['ref']}")
    assert public.status_code == 200 and "no-store" not in public.headers.get("Cache-Control", "")
