"""e-Musrenbang's public pages: every cycle reachable by year, a proposal's follow-up in
the page's words and number format with links to its packages and the forum minutes'
PDF, its history act by act with the office that acted, the staff's way in, the icon."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from queue_server.eservices.planning.musrenbang import pages
from queue_server.services.cases import city_today
from tests.integration.test_musrenbang_support import (
    YEAR,
    act,
    call,
    move_phases,
    phases_around,
    propose,
    set_up,
)

pytestmark = pytest.mark.sqlite_only("pages over rows both databases hold alike")


def _today(clock: Any) -> Any:
    return city_today(clock, "Asia/Jakarta")


def test_every_cycle_is_reachable_by_year(client: Any, clock: Any) -> None:
    today = _today(clock)
    set_up(client, today)
    ref = propose(client).get_json()["ref"]
    made = call(client, "bappeda", "POST", "/cycles", {
        "year": YEAR + 1, "phases": phases_around(today + timedelta(days=400), "submission"),
        "rw_ceiling": 1_000_000})
    assert made.status_code == 201
    default = client.get("/musrenbang").get_data(as_text=True)
    assert ref in default  # the newest cycle holding proposals, not the empty new one
    assert f'<option value="{YEAR + 1}"' in default and f'<option value="{YEAR}" selected' \
        in default
    newer = client.get(f"/musrenbang?tahun={YEAR + 1}").get_data(as_text=True)
    assert ref not in newer and f"Musrenbang {YEAR + 1}" in newer
    assert ref in client.get(f"/musrenbang?tahun={YEAR}").get_data(as_text=True)
    assert client.get("/musrenbang?tahun=1999").status_code == 404
    assert client.get("/musrenbang?tahun=abc").status_code == 404


def test_the_history_names_each_act_and_the_office(client: Any, clock: Any) -> None:
    set_up(client, _today(clock))
    ref = propose(client).get_json()["ref"]
    act(client, "kelurahan", ref, "verify")
    page = client.get(f"/musrenbang/usulan/{ref}").get_data(as_text=True)
    history = page.split('class="timeline"')[1]
    assert "Diajukan — RW 01 Kedungdoro" in history
    assert "Verifikasi kelurahan — Kelurahan Kedungdoro" in history
    assert "Forum kecamatan" not in history  # the state reached is not the act
    english = client.get(f"/musrenbang/usulan/{ref}?lang=en").get_data(as_text=True)
    assert "Verify (kelurahan) — Kelurahan Kedungdoro" in english


FOLLOWED: dict[str, Any] = {
    "budget_line": {"code": "5.1.02", "title": "PJU Gg. II", "amount": 430_000_000,
                    "state": "approved", "year": YEAR},
    "packages": [{"code": "PKT-2027-0001", "title": "PJU Kedungdoro", "value": 430_000_000,
                  "method": "tender", "state": "completed", "provider": "CV Karya Mandiri",
                  "contract_value": 420_000_000, "contract_state": "handed_over",
                  "termins_paid": 2, "paid": 210_000_000, "progress": 100.0,
                  "progress_month": "2027-10", "completed": True}],
    "completed": True}


def test_the_follow_up_speaks_the_pages_language(client: Any, clock: Any,
                                                 monkeypatch: Any) -> None:
    set_up(client, _today(clock))
    ref = propose(client).get_json()["ref"]
    monkeypatch.setattr(pages, "follow", lambda uow, proposal_id: {
        "budget_line": dict(FOLLOWED["budget_line"]),
        "packages": [dict(p) for p in FOLLOWED["packages"]], "completed": True})
    page = client.get(f"/musrenbang/usulan/{ref}").get_data(as_text=True)
    after = page.split('id="after-title"')[1].split("</section>")[0]
    assert "disetujui" in after and "selesai" in after and "(approved)" not in after
    assert "Rp 430.000.000" in after and "100 %" in after and "100.0" not in after
    assert "Oktober 2027" in after and "Rp 210.000.000" in after
    assert 'href="/pembangunan/PKT-2027-0001"' in after
    english = client.get(f"/musrenbang/usulan/{ref}?lang=en").get_data(as_text=True)
    after_en = english.split('id="after-title"')[1].split("</section>")[0]
    assert "IDR 430,000,000" in after_en and "October 2027" in after_en
    assert 'href="/pembangunan/PKT-2027-0001?lang=en"' in after_en


def test_the_minutes_pdf_is_linked_from_the_proposal(client: Any, clock: Any,
                                                    engine: Any) -> None:
    today = _today(clock)
    set_up(client, today)
    ref = propose(client).get_json()["ref"]
    act(client, "kelurahan", ref, "verify")
    move_phases(engine, today, "kecamatan")
    act(client, "kecamatan", ref, "forum")
    issued = call(client, "kecamatan", "POST", f"/cycles/{YEAR}/minutes",
                  {"held_on": today.isoformat(), "attendees": ["Camat", "Lurah"]})
    assert issued.status_code == 201, issued.get_json()
    code = issued.get_json()["code"]
    for path in (f"/musrenbang/usulan/{ref}", "/musrenbang"):
        page = client.get(path).get_data(as_text=True)
        assert f'href="/api/v1/documents/{code}/pdf"' in page, path
        assert f'href="/v/{code}"' in page


def test_staff_find_the_sign_in_and_browsers_the_icon(client: Any) -> None:
    page = client.get("/musrenbang").get_data(as_text=True)
    assert 'href="/musrenbang/verifikasi">Masuk (petugas)</a>' in page
    english = client.get("/musrenbang?lang=en").get_data(as_text=True)
    assert 'href="/musrenbang/verifikasi?lang=en">Sign in (staff)</a>' in english
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.mimetype == "image/png"
    assert icon.data.startswith(b"\x89PNG")
