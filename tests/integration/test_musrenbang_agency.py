"""The planning agency's screen `/musrenbang/perencanaan` (open a cycle, re-date its
phases, import the catalogue with each refused line said, areas, ceilings, ranking) and
its API `PATCH /api/v1/musrenbang/cycles/{year}`; the demo server's banner."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest

from queue_server.services.cases import city_today
from tests.integration.test_musrenbang_support import (
    YEAR,
    act,
    call,
    move_phases,
    phases_around,
    propose,
    redate,
    set_up,
)

pytestmark = pytest.mark.sqlite_only("pages and rules over rows both databases hold alike")
PAGE = "/musrenbang/perencanaan"


def _today(clock: Any) -> Any:
    return city_today(clock, "Asia/Jakarta")


def _token(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def signed_in(client: Any, username: str, path: str = PAGE) -> str:
    """Sign `username` in through the page's login form; the session's CSRF token."""
    token = _token(client.get(path).get_data(as_text=True))
    back = path.rsplit("/", 1)[1].split("?")[0]
    reply = client.post(f"/musrenbang/login?back={back}", data={
        "username": username, "password": "demo", "csrf_token": token})
    assert reply.status_code == 303, reply.get_data(as_text=True)
    return _token(client.get(path).get_data(as_text=True))


def _dates(phases: dict[str, dict[str, str]]) -> dict[str, str]:
    return {f"{code}_{end}": day for code, span in phases.items() for end, day in span.items()}


def test_the_api_re_dates_a_cycle_in_order_only(client: Any, clock: Any) -> None:
    today = _today(clock)
    set_up(client, today)
    later = phases_around(today + timedelta(days=5), "submission")
    body = {"phases": later, "rw_ceiling": 7_000_000}
    assert call(client, "kelurahan", "PATCH", f"/cycles/{YEAR}", body).status_code == 403
    assert call(client, "bappeda", "PATCH", "/cycles/2031", body).status_code == 404
    swapped = {**later, "office": later["kecamatan"], "kecamatan": later["office"]}
    refused = call(client, "bappeda", "PATCH", f"/cycles/{YEAR}", {"phases": swapped})
    assert refused.status_code == 422
    assert refused.get_json()["error"]["code"] == "musrenbang_cycle_invalid"
    done = call(client, "bappeda", "PATCH", f"/cycles/{YEAR}", body)
    assert done.status_code == 200, done.get_json()
    shown = done.get_json()
    assert shown["rw_ceiling"] == 7_000_000
    assert shown["phases"][0] == {"code": "submission", **later["submission"]}
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "patch" in paths["/api/v1/musrenbang/cycles/{year}"]


def test_only_the_agency_opens_the_screen(client: Any, clock: Any, app: Any) -> None:
    set_up(client, _today(clock))
    browser = app.test_client()  # no login of the API calls' client
    assert 'name="password"' in browser.get(PAGE).get_data(as_text=True)
    signed_in(browser, "kelurahan", "/musrenbang/verifikasi")
    refused = browser.get(PAGE)
    assert refused.status_code == 403
    assert "Bappedalitbang" in refused.get_data(as_text=True)


def test_a_refused_catalogue_lists_each_line_and_keeps_the_text(client: Any, clock: Any) -> None:
    set_up(client, _today(clock))
    redate(client, _today(clock) + timedelta(days=60), "submission")  # fix 18I: the
    # catalogue changes only before the submission phase starts
    token = signed_in(client, "bappeda")
    page = client.get(PAGE).get_data(as_text=True)
    assert f"Perencanaan Musrenbang {YEAR}" in page and "Rp 6.500.000" in page
    bad = ("code,name,unit,unit_price,office,category\n"
           "A,Satu,m,1000,dsdabm,x\nB,Dua,m,-5,dsdabm,x\nC,Tiga,m,1000,nowhere,x\n")
    refused = client.post(f"{PAGE}/kamus?tahun={YEAR}", data={"csrf_token": token, "csv": bad})
    assert refused.status_code == 422
    text = refused.get_data(as_text=True)
    assert re.search(r"Baris \d+: harga satuan harus", text)
    assert re.search(r"Baris \d+: perangkat daerah &#39;nowhere&#39; tidak dikenal", text)
    assert "C,Tiga,m,1000,nowhere,x" in text  # the CSV as sent, to correct
    good = "code,name,unit,unit_price,office,category\nA,Satu,m,1000,dsdabm,x\n"
    done = client.post(f"{PAGE}/kamus?tahun={YEAR}", data={"csrf_token": token, "csv": good})
    assert done.status_code == 303 and "selesai=catalogue" in done.headers["Location"]
    assert "Kamus usulan diimpor." in client.get(done.headers["Location"]).get_data(as_text=True)


def test_ceilings_areas_and_phases_from_the_screen(client: Any, clock: Any, app: Any) -> None:
    today = _today(clock)
    set_up(client, today)
    call(client, "rw01", "GET", f"/cycles/{YEAR}/budget")
    client = app.test_client()  # the pages' own session
    token = signed_in(client, "bappeda")
    sent = client.post(f"{PAGE}/pagu?tahun={YEAR}", data={
        "csrf_token": token, "kl_kel-kedungdoro": "30.000.000",
        "rw_kel-kedungdoro-rw01": "12000000"})
    assert sent.status_code == 303
    budget = call(client, "rw01", "GET", f"/cycles/{YEAR}/budget").get_json()
    assert budget["ceiling"] == 12_000_000
    token = signed_in(client, "bappeda")
    page = client.get(PAGE).get_data(as_text=True)
    assert 'name="kl_kel-kedungdoro"' in page and 'value="30000000"' in page
    bad = client.post(f"{PAGE}/pagu?tahun={YEAR}", data={
        "csrf_token": token, "rw_kel-kedungdoro-rw02": "banyak"})
    assert bad.status_code == 422 and 'value="banyak"' in bad.get_data(as_text=True)
    placed = client.post(f"{PAGE}/wilayah", data={
        "csrf_token": token, "kel_kel-kedungdoro-rw03": "kel-kedungdoro",
        "kec_kel-kedungdoro-rw03": "kec-tegalsari"})
    assert placed.status_code == 303
    dates = _dates(phases_around(today, "submission"))
    wrong = {**dates, "results_starts": dates["submission_starts"]}
    refused = client.post(f"{PAGE}/tahap?tahun={YEAR}", data={
        "csrf_token": token, "rw_ceiling": "500000000", **wrong})
    assert refused.status_code == 422
    text = refused.get_data(as_text=True)
    assert "tidak berurutan" in text, re.findall(r"field-error[^<]*<", text)
    assert f'value="{dates["submission_starts"]}"' in text
    later = _dates(phases_around(today - timedelta(days=2), "submission"))
    moved = client.post(f"{PAGE}/tahap?tahun={YEAR}", data={
        "csrf_token": token, "rw_ceiling": "400.000.000", **later})
    assert moved.status_code == 303
    shown = call(client, None, "GET", f"/cycles/{YEAR}").get_json()
    assert shown["rw_ceiling"] == 400_000_000
    assert shown["phases"][4]["ends"] == later["results_ends"]


def test_opening_a_cycle_from_the_screen(client: Any, clock: Any) -> None:
    today = _today(clock)
    set_up(client, today)
    token = signed_in(client, "bappeda")
    dates = _dates(phases_around(today + timedelta(days=365), "submission"))
    bad = client.post(f"{PAGE}/siklus", data={"csrf_token": token, "year": "20x8",
                                              "rw_ceiling": "1000", **dates})
    assert bad.status_code == 422 and "tahun anggaran harus" in bad.get_data(as_text=True)
    made = client.post(f"{PAGE}/siklus", data={"csrf_token": token, "year": str(YEAR + 1),
                                               "rw_ceiling": "250.000.000", **dates})
    assert made.status_code == 303 and f"tahun={YEAR + 1}" in made.headers["Location"]
    again = client.post(f"{PAGE}/siklus", data={"csrf_token": token, "year": str(YEAR + 1),
                                                "rw_ceiling": "1", **dates})
    assert again.status_code == 409 and "sudah ada" in again.get_data(as_text=True)
    assert call(client, None, "GET", f"/cycles/{YEAR + 1}").get_json()["rw_ceiling"] == 250_000_000


def test_ranking_from_the_screen_says_why_in_each_language(client: Any, clock: Any,
                                                           engine: Any) -> None:
    today = _today(clock)
    set_up(client, today, ceilings={"kel-kedungdoro": 10_000_000})
    small = propose(client, "rw01", quantity="1").get_json()["ref"]  # 6.500.000
    big = propose(client, "rw02", quantity="2").get_json()["ref"]  # 13.000.000
    for ref in (small, big):
        act(client, "kelurahan", ref, "verify")
    move_phases(engine, today, "kecamatan")
    for ref in (small, big):
        act(client, "kecamatan", ref, "forum")
    move_phases(engine, today, "office")
    for ref in (small, big):
        act(client, "opd", ref, "accept")
    token = signed_in(client, "bappeda")
    early = client.post(f"{PAGE}/peringkat?tahun={YEAR}", data={"csrf_token": token})
    assert early.status_code == 409
    move_phases(engine, today, "results")
    done = client.post(f"{PAGE}/peringkat?tahun={YEAR}", data={"csrf_token": token})
    assert done.status_code == 303
    page = client.get(PAGE).get_data(as_text=True)
    assert "pagu kelurahan tersisa Rp 3.500.000, usulan Rp 13.000.000" in page
    english = client.get(f"/musrenbang/usulan/{big}?lang=en").get_data(as_text=True)
    assert "the kelurahan ceiling has IDR 3,500,000 left, the proposal is IDR 13,000,000" \
        in english
    assert "pagu kelurahan tersisa" not in english
    api = client.get(f"/api/v1/musrenbang/proposals/{big}?lang=en").get_json()
    assert api["fell_out"].startswith("the kelurahan ceiling has IDR 3,500,000")


def test_the_demo_banner_names_the_planning_users(capsys: Any) -> None:
    from queue_server.cli import _print_demo

    _print_demo("127.0.0.1", 5000)
    said = capsys.readouterr().out
    for user in ("rw01", "kelurahan", "kecamatan", "bappeda", "ppk-dsdabm", "pokja",
                 "penyedia", "bpkad"):
        assert re.search(rf"\b{re.escape(user)}\b", said), user


def test_the_agency_reads_other_offices_steps_without_a_form(client: Any, clock: Any,
                                                              app: Any) -> None:
    set_up(client, _today(clock))
    ref = propose(client).get_json()["ref"]
    agency = app.test_client()
    signed_in(agency, "bappeda", "/musrenbang/verifikasi")
    page = agency.get("/musrenbang/verifikasi").get_data(as_text=True)
    assert ref in page and f'action="/musrenbang/verifikasi/{ref}"' not in page
    assert "Hanya dibaca: langkah ini diputuskan oleh Kelurahan Kedungdoro." in page
    assert 'href="/musrenbang/perencanaan">Perencanaan Musrenbang</a>' in page
    clerk = app.test_client()
    signed_in(clerk, "kelurahan", "/musrenbang/verifikasi")
    page = clerk.get("/musrenbang/verifikasi").get_data(as_text=True)
    assert f'action="/musrenbang/verifikasi/{ref}"' in page
    assert "/musrenbang/perencanaan" not in page
