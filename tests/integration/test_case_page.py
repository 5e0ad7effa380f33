"""The shared public case page `/c/{code}` (queue_server/casepage) with a test module's
case kind: what it shows and never shows, a confidential case, the citizen's actions,
the survey of a closed case, the phone code of a new one, its photos, unknown codes."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from queue_server.persistence.access_models import Notification
from queue_server.persistence.case_file_store import file_store
from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services import case_checks, case_files
from queue_server.services.cases import CITIZEN, Step, find
from tests.support import images
from tests.support import probe_kind as probe
from tests.support.cases import World, take, to_answered, world
from tests.support.clock import FakeClock

pytestmark = pytest.mark.sqlite_only("pages over the same use cases; the SQL is covered "
                                     "by test_cases.py and test_surveys.py on both")
PNG = images.png()  # a real one: stored photos are decoded and saved again


@pytest.fixture
def site(app: Any, engine: Engine) -> World:
    probe.install(app)
    return world(engine)


def new_case(w: World, clock: FakeClock, secret: bool = False, **filing: Any) -> str:
    return probe.new_case(w.engine, clock, secret, w.office, **filing)


def page(client: Any, code: str, query: str = "") -> Any:
    return client.get(f"/c/{code}{query}")


def test_a_case_page_shows_its_state_and_content_but_no_personal_data(
        client: Any, site: World, clock: FakeClock) -> None:
    code = new_case(site, clock)
    reply = page(client, code)
    html = reply.get_data(as_text=True)
    # the page of a tracking code, its owner's secret: never indexed
    assert reply.status_code == 200 and reply.headers["X-Robots-Tag"] == "noindex"
    for shown in ("Laporan uji", code, "Diterima", "Lampu jalan mati", "DSDABM", "Genteng",
                  "sejak Senin, 23 November 2026 08:00", "Kamis, 26 November 2026",
                  "Senin, 21 Desember 2026",
                  "Tolong segera diperbaiki"):
        assert shown in html, shown
    for hidden in (probe.NIK, probe.PHONE, probe.NAME, "081234"):
        assert hidden not in html, hidden
    english = page(client, code, "?lang=en").get_data(as_text=True)
    assert "Received" in english and "Tracking code" in english and 'lang="en"' in english


def test_a_confidential_case_shows_only_code_state_and_timeline(
        client: Any, site: World, clock: FakeClock) -> None:
    code = new_case(site, clock, secret=True)
    reply = page(client, code)
    html = reply.get_data(as_text=True)
    assert reply.status_code == 200 and reply.headers["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in html
    assert code in html and "Diterima" in html and "dirahasiakan" in html
    for hidden in ("Lampu jalan mati", "Genteng", "DSDABM", "Tolong segera", probe.NIK,
                   probe.PHONE, probe.NAME):
        assert hidden not in html, hidden


def test_an_unknown_code_is_a_404_page_counted_as_a_guess(app: Any, client: Any,
                                                          site: World) -> None:
    app.config["CODE_MISS_LIMIT"] = "2/minute"
    replies = [page(client, "ABCD-EFGH-JK") for _ in range(3)]
    assert [r.status_code for r in replies] == [308, 308, 308]  # grouped: sent on first
    replies = [page(client, "ABCDEFGHJK") for _ in range(3)]
    assert [r.status_code for r in replies] == [404, 404, 429]
    assert "Kode tidak ditemukan" in replies[0].get_data(as_text=True)
    assert replies[0].headers["X-Robots-Tag"] == "noindex"
    # the busy page speaks of codes of every kind, not of queue tickets only
    assert "tiket, booking, laporan, permohonan atau dokumen" in replies[2].get_data(as_text=True)


def test_an_answered_case_offers_the_citizens_actions(client: Any, site: World,
                                                      clock: FakeClock) -> None:
    code = new_case(site, clock)
    to_answered(site, clock, code)
    html = page(client, code).get_data(as_text=True)
    assert f'data-actions="/api/v1/probe/{code}/actions"' in html
    for action in ("close", "rate", "reopen"):
        assert f'data-action="{action}"' in html
    assert html.count('name="rating"') == 5 and "Keterangan (wajib)" in html
    assert 'data-action="verify"' not in html  # staff actions are not the citizen's
    assert "Saluran sudah dibersihkan." in html  # the office's public answer


def test_a_closed_case_offers_the_survey_once(client: Any, site: World,
                                              clock: FakeClock) -> None:
    code = new_case(site, clock)
    to_answered(site, clock, code)
    take(site, clock, code, CITIZEN, Step("close"))
    html = page(client, code).get_data(as_text=True)
    assert 'id="survey"' in html and 'data-subject="case"' in html
    assert html.count('type="radio" name="skm-') == 36 and "<legend>" in html
    reply = client.post("/api/v1/surveys", json={"subject": "case", "code": code,
                                                 "answers": [4] * 9})
    assert reply.status_code == 201
    after = page(client, code).get_data(as_text=True)
    assert 'id="survey"' not in after and "survei Anda sudah kami terima" in after


def test_a_new_case_waits_for_its_phone_code_and_the_code_confirms_it(
        client: Any, site: World, clock: FakeClock) -> None:
    code = new_case(site, clock, confirmed=False)
    with SqlUnitOfWork(site.engine) as uow:
        case_checks.start(uow, clock, find(uow, code), timedelta(minutes=10), "laporan uji")
        uow.commit()
        otp = str(uow.session.query(Notification).order_by(Notification.id.desc())
                  .first().payload["otp"])  # type: ignore[union-attr]
    html = page(client, code).get_data(as_text=True)
    assert 'id="confirm-form"' in html and "Lampu jalan mati" not in html
    assert "data-action=" not in html
    other = "000000" if otp != "000000" else "111111"
    wrong = client.post(f"/api/v1/cases/{code}/confirm", json={"otp": other})
    assert wrong.status_code == 422 and wrong.get_json()["error"]["code"] == "wrong_otp"
    right = client.post(f"/api/v1/cases/{code}/confirm", json={"otp": otp})
    assert right.status_code == 200 and right.get_json() == {"code": code, "confirmed": True}
    assert "Lampu jalan mati" in page(client, code).get_data(as_text=True)
    again = client.post(f"/api/v1/cases/{code}/confirm", json={"otp": otp})
    assert again.status_code == 409
    unknown = client.post("/api/v1/cases/ABCDEFGHJK/confirm", json={"otp": otp})
    assert unknown.status_code == 404 and unknown.get_json()["error"]["code"] == "case_not_found"


def test_only_the_photos_the_public_view_lists_are_served(
        app: Any, client: Any, site: World, clock: FakeClock) -> None:
    code = new_case(site, clock)
    store = file_store(app.instance_path)
    folder = store.folder
    with SqlUnitOfWork(site.engine) as uow:
        case = find(uow, code)
        shown = case_files.attach(uow, clock, store, case, PNG, "photo", ("image/png",), 1000)
        kept = case_files.attach(uow, clock, store, case, PNG + b"x", "photo",
                                 ("image/png",), 1000)
        probe.PHOTOS[case.id] = [shown.id]
        ids = (shown.id, kept.id)
        uow.commit()
    assert f"/c/{code}/files/{ids[0]}" in page(client, code).get_data(as_text=True)
    photo = client.get(f"/c/{code}/files/{ids[0]}")
    assert photo.status_code == 200 and photo.mimetype == "image/png" and photo.data == PNG
    assert client.get(f"/c/{code}/files/{ids[1]}").status_code == 404
    assert Path(folder).exists()
