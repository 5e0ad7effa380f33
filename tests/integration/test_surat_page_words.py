"""e-Surat's pages say things in words: moments in the city's time zone ("23 November 2026
08.00", the reviewer saw UTC 7 hours off), dates in words, field codes as words in each
language, people by name and title, timelines with the actor's name and the action's
label; menus link only what the reader can open; the home page's worklists (the head's
letters to sign, the clerk's letters to dispose) and the register's date received."""

from __future__ import annotations

from typing import Any

from tests.integration.surat_in_support import registered
from tests.integration.surat_out_support import *  # noqa: F403
from tests.integration.surat_out_support import People
from tests.integration.test_surat_outgoing_pages import sign_in


def test_times_are_the_citys_in_words_and_people_are_named(out_app: Any, surat: Any,
                                                         clock: Any) -> None:
    case_id = registered(surat, clock, urgency="sangat_segera")
    clerk, officer = out_app.test_client(), out_app.test_client()
    token = sign_in(clerk, "tu-dsdabm")
    reply = clerk.post(f"/surat/SURAT-{case_id}", data={
        "csrf_token": token, "do": "dispose", "to": "kabid-dsdabm", "instruction": "Survei"})
    assert reply.status_code == 303
    sign_in(officer, "kabid-dsdabm")
    officer.get(f"/surat/SURAT-{case_id}")  # the read receipt, at 08.00 WIB (01.00 UTC)
    page = clerk.get(f"/surat/SURAT-{case_id}").get_data(as_text=True)
    assert "23 November 2026 08.00" in page and "T01:00" not in page
    assert "2 Maret 2026" in page  # the letter's date in words
    assert "Sangat segera" in page and "sangat_segera" not in page.split("<main")[1]
    assert "staff:" not in page and "user:" not in page
    assert "Kepala Bidang Jalan DSDABM · Staf" in page and "(staff)" not in page
    assert "· Didisposisikan ·" in page  # what happened, the API timeline's words
    english = clerk.get(f"/surat/SURAT-{case_id}?lang=en").get_data(as_text=True)
    assert "23 November 2026 08:00" in english and "Very urgent" in english
    register = clerk.get("/surat/masuk").get_data(as_text=True)
    assert "Didisposisikan" in register and ">disposed<" not in register
    assert "Tanggal diterima" in register and "23 November 2026 08.00" in register


def test_menus_show_only_what_the_reader_can_open(out_app: Any) -> None:
    staff, clerk = out_app.test_client(), out_app.test_client()
    sign_in(staff, "opd")
    sign_in(clerk, "tu-dsdabm")
    assert 'href="/surat/arsip"' not in staff.get("/surat").get_data(as_text=True)
    assert staff.get("/surat/arsip").status_code == 403
    assert 'href="/surat/arsip"' in clerk.get("/surat").get_data(as_text=True)


def test_the_home_pages_list_the_heads_and_the_clerks_work(out_app: Any, surat: Any,
                                                           clock: Any) -> None:
    waiting = registered(surat, clock, subject="Surat yang belum didisposisikan")
    people = People(out_app.test_client())
    ref = people.draft(subject="Surat untuk ditandatangani")
    people.walk(ref, [("kabid-dsdabm", "submit"), ("opd", "approve")])
    head, clerk = out_app.test_client(), out_app.test_client()
    sign_in(head, "kepala-opd")
    sign_in(clerk, "tu-dsdabm")
    mine = head.get("/surat").get_data(as_text=True)
    assert "Menunggu tanda tangan Anda" in mine and "Surat untuk ditandatangani" in mine
    desk = clerk.get("/surat").get_data(as_text=True)
    assert "Surat masuk belum didisposisikan" in desk and f"SURAT-{waiting}" in desk


def test_only_the_drafter_edits_a_draft(out_app: Any) -> None:
    people = People(out_app.test_client())
    ref = people.draft()
    other = out_app.test_client()
    token = sign_in(other, "opd")
    reply = other.post(f"/surat/keluar/{ref}/ubah", data={
        "csrf_token": token, "subject": "Diubah orang lain", "body": "x"})
    assert reply.status_code == 403
    assert "Diubah orang lain" not in other.get(f"/surat/{ref}").get_data(as_text=True)
