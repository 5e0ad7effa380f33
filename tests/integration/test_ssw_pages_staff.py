"""SSW's staff pages through Flask's test client: signed out they show the shared sign-in
form; the DPMPTSP desk lists new applications (warning from 80 %, overdue from 100 % of
the permit's working days), opens one with the applicant's identity and checks each
document (a revision without its reason is refused at the page with the use case's
words); a reviewing office sees only its own reviews and approves through the page;
another office's member is refused; the report and its CSV are for DPMPTSP only."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.integration.test_ssw_pages import NIK, apply_reklame, csrf_of, ssw  # noqa: F401  (fixture)
from tests.integration.wadul_support import office_user
from tests.support import factories
from tests.support.clock import FakeClock

pytestmark = [pytest.mark.sqlite_only("page rendering and form handling; the use cases "
                                      "behind them are tested on both databases by helper C"),
              pytest.mark.usefixtures("ssw")]


def sign_in(client: Any, username: str, page: str = "desk",
            password: str = "demo") -> None:
    token = csrf_of(client.get(f"/ssw/{page}").get_data(as_text=True))
    reply = client.post(f"/ssw/login?back={page}", data={
        "username": username, "password": password, "csrf_token": token})
    assert reply.status_code == 303 and reply.headers["Location"].endswith(f"/ssw/{page}")


def ref_in(html: str) -> str:
    found = re.search(r'data-ref="(SSW-\d+)"', html)
    assert found, "a row of the list"
    return found.group(1)


def act(client: Any, ref: str, **form: str) -> Any:
    token = csrf_of(client.get(f"/ssw/kasus/{ref}").get_data(as_text=True))
    return client.post(f"/ssw/kasus/{ref}/aksi", data={"csrf_token": token, **form})


def test_signed_out_staff_pages_ask_for_a_sign_in(client: Any) -> None:
    for page in ("desk", "review", "inspeksi", "laporan"):
        html = client.get(f"/ssw/{page}").get_data(as_text=True)
        assert 'id="username"' in html and "SSW: masuk petugas" in html, page
    assert client.get("/ssw/kasus/SSW-1").status_code == 200  # the form, not the case


def test_the_desk_lists_applications_and_flags_late_ones(
        client: Any, app: Any, clock: FakeClock) -> None:
    apply_reklame(app.test_client())
    sign_in(client, "dpmptsp")
    html = client.get("/ssw/desk").get_data(as_text=True)
    ref = ref_in(html)
    assert "Perorangan" in html and NIK not in html  # no personal data in lists
    assert f'data-ref="{ref}" class=""' in html
    _to_review(client, ref)  # the permit's working days count from complete documents
    clock.advance(days=16)  # more than 10 working days: past the permit's deadline
    office = client.application.test_client()
    sign_in(office, "opd", "review")
    late = office.get("/ssw/review").get_data(as_text=True)
    assert f'data-ref="{ref}" class="overdue"' in late and "terlambat" in late


def test_the_desk_checks_each_document_on_the_application_page(
        client: Any, app: Any) -> None:
    code = apply_reklame(app.test_client())
    sign_in(client, "dpmptsp")
    ref = ref_in(client.get("/ssw/desk").get_data(as_text=True))
    html = client.get(f"/ssw/kasus/{ref}").get_data(as_text=True)
    assert NIK in html and code not in html  # identity for the desk; never the code
    assert html.count('class="act check-accept"') == 3
    refused = act(client, ref, do="check", requirement="desain", accepted="0", text="")
    # back to the case page (never left at /aksi), the refusal said there once
    assert refused.status_code == 303 and refused.headers["Location"].endswith(f"/ssw/kasus/{ref}")
    said = client.get(f"/ssw/kasus/{ref}").get_data(as_text=True)
    assert 'id="act-error"' in said
    assert 'id="act-error"' not in client.get(f"/ssw/kasus/{ref}").get_data(as_text=True)
    flagged = act(client, ref, do="check", requirement="desain", accepted="0",
                  text="Ukuran tidak tertulis")
    assert flagged.status_code == 303
    page = client.get(f"/ssw/kasus/{ref}").get_data(as_text=True)
    assert "Perlu diperbaiki" in page and "Ukuran tidak tertulis" in page
    assert act(client, ref, do="nothing").status_code == 303
    assert 'id="act-error"' in client.get(f"/ssw/kasus/{ref}").get_data(as_text=True)
    owner = app.test_client().get(f"/ssw/berkas/{code}").get_data(as_text=True)
    assert 'id="doc-desain"' in owner and 'id="doc-ktp"' not in owner


def _to_review(client: Any, ref: str) -> None:
    for requirement in ("ktp", "desain", "foto-lokasi"):
        assert act(client, ref, do="check", requirement=requirement,
                   accepted="1").status_code == 303


def test_a_reviewing_office_sees_and_approves_only_its_review(
        client: Any, app: Any, engine: Engine) -> None:
    apply_reklame(app.test_client())
    sign_in(client, "dpmptsp")
    ref = ref_in(client.get("/ssw/desk").get_data(as_text=True))
    _to_review(client, ref)
    assert "Kajian teknis" in client.get(f"/ssw/kasus/{ref}").get_data(as_text=True)
    office = app.test_client()
    sign_in(office, "opd", "review")
    listed = office.get("/ssw/review").get_data(as_text=True)
    assert ref in listed and "Dinas" in listed
    page = office.get(f"/ssw/kasus/{ref}").get_data(as_text=True)
    assert page.count('class="act review-form"') == 1 and NIK not in page
    assert act(office, ref, do="review", office="dsdabm", approve="1",
               text="Sesuai").status_code == 303
    assert ref not in office.get("/ssw/review").get_data(as_text=True)
    other = app.test_client()
    sign_in(other, office_user(engine, "dprkpp"), "review", factories.PASSWORD)  # no reviewer
    refused = other.get(f"/ssw/kasus/{ref}")
    assert refused.status_code == 403, refused.get_data(as_text=True)[-1500:]


def test_the_report_and_its_csv_are_for_the_desk(client: Any, app: Any) -> None:
    apply_reklame(app.test_client())
    sign_in(client, "dpmptsp", "laporan")
    html = client.get("/ssw/laporan?start=2026-01-01&end=2026-12-31").get_data(as_text=True)
    assert "Izin Penyelenggaraan Reklame" in html and 'id="csv-link"' in html
    sheet = client.get("/ssw/laporan?start=2026-01-01&end=2026-12-31&format=csv")
    assert sheet.mimetype == "text/csv"
    assert sheet.get_data(as_text=True).splitlines()[0].startswith("kind,permit,name")
    office = app.test_client()
    sign_in(office, "opd", "review")
    assert office.get("/ssw/laporan").status_code == 403


def test_documents_open_for_staff_and_a_rejection_reads_on_the_owner_page(
        client: Any, app: Any) -> None:
    code = apply_reklame(app.test_client())
    sign_in(client, "dpmptsp")
    ref = ref_in(client.get("/ssw/desk").get_data(as_text=True))
    link = re.search(rf'href="(/ssw/kasus/{ref}/berkas/\d+)"',
                     client.get(f"/ssw/kasus/{ref}").get_data(as_text=True))
    assert link, "each sent document has its view link"
    opened = client.get(link.group(1))
    assert opened.status_code == 200 and opened.headers["Cache-Control"] == "private, no-store"
    assert app.test_client().get(link.group(1)).status_code == 401  # signed out
    assert client.get(f"/ssw/kasus/{ref}/berkas/999999").status_code == 404
    assert act(client, ref, do="reject", text="Lokasi di jalur hijau").status_code == 303
    owner = app.test_client().get(f"/c/{code}").get_data(as_text=True)
    assert "Ditolak" in owner and "Alasan penolakan" in owner
    assert "Lokasi di jalur hijau" in owner
