"""e-Surat's pages say what the API says: the archive shows the day each letter's
retention periods count from ("Dihitung sejak": filing or sending) beside the letter's
own date, both in words; the letter page's timeline says what happened in the past tense
with the API timeline's own words ("Ditarik", "Diparaf"), never a button's imperative
("Tarik disposisi", "Paraf (setujui)")."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, text

from tests.integration.surat_in_support import registered
from tests.integration.surat_out_support import *  # noqa: F403
from tests.integration.surat_out_support import People
from tests.integration.test_surat_outgoing_pages import sign_in

pytestmark = pytest.mark.sqlite_only("page words, no database behaviour")


def _timeline(page: str) -> str:
    return page.split('<ol class="timeline">', 1)[1].split("</ol>", 1)[0]


def test_the_archive_shows_the_day_the_periods_count_from(out_app: Any, surat: Engine,
                                                          clock: Any) -> None:
    case_id = registered(surat, clock, classification="700.1")  # dated 2 March 2026
    with surat.begin() as conn:  # filed on the clock's day, 23 November 2026
        conn.execute(text("UPDATE surat_letters SET filed_at = :at WHERE case_id = :c"),
                     {"at": clock.now(), "c": case_id})
    clerk = out_app.test_client()
    sign_in(clerk, "tu-dsdabm")
    row = clerk.get("/surat/arsip?year=2029").get_data(as_text=True).split(
        f"SURAT-{case_id}", 1)[1].split("</tr>", 1)[0]
    assert "2 Maret 2026" in row and "23 November 2026" in row  # 700.1: 3 years active
    archive = clerk.get("/surat/arsip?year=2029").get_data(as_text=True)
    assert "Dihitung sejak" in archive and "bukan sejak tanggal surat" in archive
    english = clerk.get("/surat/arsip?year=2029&lang=en").get_data(as_text=True)
    assert "Counted from" in english and "23 November 2026" in english


def test_a_withdrawn_disposition_is_said_in_the_past_tense(out_app: Any, surat: Engine,
                                                           clock: Any) -> None:
    case_id = registered(surat, clock)
    people = People(out_app.test_client())
    base = f"/api/v1/surat/letters/SURAT-{case_id}"
    given = people["tu-dsdabm"].post(f"{base}/dispositions",
                                     {"to": ["opd"], "instruction": "Mohon dicek"})
    assert given.status_code == 201, given.get_json()
    number = given.get_json()["items"][0]["id"]
    back = people["tu-dsdabm"].post(f"{base}/dispositions/{number}/withdraw")
    assert back.status_code == 200, back.get_json()
    clerk = out_app.test_client()
    sign_in(clerk, "tu-dsdabm")
    said = _timeline(clerk.get(f"/surat/SURAT-{case_id}").get_data(as_text=True))
    assert "Ditarik" in said and "Tarik disposisi" not in said
    assert "Didisposisikan" in said and "Teregistrasi" in said
    english = _timeline(clerk.get(f"/surat/SURAT-{case_id}?lang=en").get_data(as_text=True))
    assert "Withdrawn" in english and "Withdraw " not in english


def test_a_paraf_is_said_in_the_past_tense_in_the_api_and_on_the_page(
        out_app: Any, people: People) -> None:
    ref = people.draft()
    people.walk(ref, [("kabid-dsdabm", "submit"), ("opd", "approve")])
    lines = people["kabid-dsdabm"].get(f"/api/v1/surat/letters/{ref}").get_json()["timeline"]
    assert [(line["action"], line["to_label"]) for line in lines][:2] == [
        ("draft", "Disusun"), ("submit", "Menunggu paraf")]
    assert ("approve", "Diparaf", "Approved (paraf)") in [
        (line["action"], line["to_label"], line["to_label_en"]) for line in lines]
    drafter = out_app.test_client()
    sign_in(drafter, "kabid-dsdabm")
    said = _timeline(drafter.get(f"/surat/{ref}").get_data(as_text=True))
    assert "Diparaf" in said and "Paraf (setujui)" not in said
