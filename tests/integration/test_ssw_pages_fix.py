"""SSW's staff pages after the rule fixes (fix 17-P3), through Flask's test client: the
desk sends an objected application back naming each document to correct with its
reason, the owner re-uploads just that one and the objecting office reviews again;
a reviewing office cannot open the applicant's KTP; the desk watches every open
application's deadline (not started while the documents are incomplete); errors name
offices and documents as people read them, not by their codes."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest

from tests.integration.test_ssw_pages import PDF, apply_reklame, csrf_of, ssw  # noqa: F401
from tests.integration.test_ssw_pages_staff import _to_review, act, ref_in, sign_in
from tests.support.clock import FakeClock

pytestmark = [pytest.mark.sqlite_only("page rendering and form handling; the use cases "
                                      "behind them are tested on both databases"),
              pytest.mark.usefixtures("ssw")]


def _state(client: Any, ref: str) -> str:
    html = client.get(f"/ssw/kasus/{ref}").get_data(as_text=True)
    found = re.search(r'id="state">([^<]+)<', html)
    assert found
    return found.group(1)


def _objected(app: Any) -> tuple[str, str, Any, Any]:
    """A reklame application DLH approved and DSDABM objected to: (code, ref, the desk's
    client, DSDABM's client)."""
    code = apply_reklame(app.test_client())
    desk = app.test_client()
    sign_in(desk, "dpmptsp")
    ref = ref_in(desk.get("/ssw/desk").get_data(as_text=True))
    _to_review(desk, ref)
    dlh = app.test_client()
    sign_in(dlh, "dlh", "review")
    assert act(dlh, ref, do="review", office="dlh", approve="1", text="Sesuai").status_code == 303
    opd = app.test_client()
    sign_in(opd, "opd", "review")
    assert act(opd, ref, do="review", office="dsdabm", approve="0",
               text="Ukuran melebihi batas").status_code == 303
    return code, ref, desk, opd


def test_the_desk_sends_back_one_document_and_the_office_reviews_again(app: Any) -> None:
    code, ref, desk, opd = _objected(app)
    page = desk.get(f"/ssw/kasus/{ref}").get_data(as_text=True)
    assert 'id="send-back-form"' in page and page.count('class="check send-back-doc"') == 3
    act(desk, ref, do="send_back", text="")  # nothing ticked: refused, said on the page
    said = desk.get(f"/ssw/kasus/{ref}").get_data(as_text=True)
    assert 'id="act-error"' in said and "masing-masing dengan alasannya" in said
    act(desk, ref, do="send_back", revise_doc="desain")  # ticked without its reason
    assert "Tuliskan alasannya" in desk.get(f"/ssw/kasus/{ref}").get_data(as_text=True)
    assert act(desk, ref, do="send_back", revise_doc="desain",
               **{"why-desain": "Ukuran reklame melebihi 8 m²"}).status_code == 303
    owner = app.test_client()
    form = owner.get(f"/ssw/berkas/{code}").get_data(as_text=True)
    assert 'id="doc-desain"' in form and "Ukuran reklame melebihi 8 m²" in form
    assert 'id="doc-ktp"' not in form and 'id="doc-foto-lokasi"' not in form
    sent = owner.post(f"/ssw/berkas/{code}", content_type="multipart/form-data", data={
        "csrf_token": csrf_of(form),
        "doc-desain": (io.BytesIO(PDF), "desain-2.pdf", "application/pdf")})
    assert sent.status_code == 303, sent.get_data(as_text=True)[:1500]
    assert act(desk, ref, do="check", requirement="desain", accepted="1").status_code == 303
    again = opd.get(f"/ssw/kasus/{ref}").get_data(as_text=True)
    assert again.count('class="act review-form"') == 1  # DSDABM again; DLH's approval stays
    act(opd, ref, do="review", office="dsdabm", approve="1", text="Sudah sesuai")
    inspector = app.test_client()
    sign_in(inspector, "pengawas", "inspeksi")
    items = re.findall(r'name="ok-([\w-]+)"', inspector.get(f"/ssw/kasus/{ref}").get_data(
        as_text=True))
    assert items
    act(inspector, ref, do="inspect", result="pass", text="Sesuai",
        **{f"ok-{item}": "1" for item in items})
    assert _state(desk, ref) == "Menunggu penerbitan"


def test_a_reviewing_office_may_not_open_the_applicants_ktp(app: Any) -> None:
    apply_reklame(app.test_client())
    desk = app.test_client()
    sign_in(desk, "dpmptsp")
    ref = ref_in(desk.get("/ssw/desk").get_data(as_text=True))
    _to_review(desk, ref)
    page = desk.get(f"/ssw/kasus/{ref}").get_data(as_text=True)
    links = dict(re.findall(
        r'<tr data-requirement="([\w-]+)"[^>]*>\s*<td><a href="(/ssw/kasus/[^"]+)"', page))
    assert set(links) >= {"ktp", "desain"}
    assert desk.get(links["ktp"]).status_code == 200  # the desk deals with the applicant
    opd = app.test_client()
    sign_in(opd, "opd", "review")
    assert opd.get(links["ktp"]).status_code == 403
    assert opd.get(links["desain"]).status_code == 200
    shown = opd.get(f"/ssw/kasus/{ref}").get_data(as_text=True)
    assert links["ktp"] not in shown and links["desain"] in shown
    assert 'href=""' not in shown and "/berkas/None" not in shown


def test_the_desk_monitors_every_open_applications_deadline(
        app: Any, clock: FakeClock) -> None:
    apply_reklame(app.test_client())
    desk = app.test_client()
    sign_in(desk, "dpmptsp")
    html = desk.get("/ssw/desk").get_data(as_text=True)
    ref = ref_in(html)
    monitor = html.split('id="list-monitor"')[1]
    assert ref in monitor and "Tenggat mulai dihitung saat berkas lengkap" in monitor
    _to_review(desk, ref)  # with the reviewing offices now: not on the desk's work list
    clock.advance(days=16)
    desk = app.test_client()  # a fresh sign-in: the old session has run out
    sign_in(desk, "dpmptsp")
    html = desk.get("/ssw/desk").get_data(as_text=True)
    assert ref not in html.split('id="list-monitor"')[0]
    monitor = html.split('id="list-monitor"')[1]
    assert f'data-ref="{ref}" class="overdue"' in monitor and "terlambat" in monitor
    english = desk.get("/ssw/desk?lang=en").get_data(as_text=True)
    assert "Deadlines of every open application" in english


def test_errors_name_offices_and_documents_not_codes(app: Any) -> None:
    apply_reklame(app.test_client())
    desk = app.test_client()
    sign_in(desk, "dpmptsp")
    ref = ref_in(desk.get("/ssw/desk").get_data(as_text=True))
    _to_review(desk, ref)
    opd = app.test_client()
    sign_in(opd, "opd", "review")
    act(opd, ref, do="review", office="dsdabm", approve="1", text="Sesuai")
    act(opd, ref, do="review", office="dsdabm", approve="1", text="Sesuai")  # again
    said = re.search(r'id="act-error">([^<]+)<', opd.get(f"/ssw/kasus/{ref}").get_data(
        as_text=True))
    assert said and "sudah diputuskan" in said.group(1) and "dsdabm" not in said.group(1)
    assert "Dinas" in said.group(1)


def test_a_missing_document_is_named_in_each_language() -> None:
    from queue_server.eservices.ssw.catalogue import default_catalogue
    from queue_server.eservices.ssw.errors import DocumentsMissing, InspectionItemFailed, named

    reklame = next(p for p in default_catalogue() if p["code"] == "reklame")
    error = DocumentsMissing(["desain"], named(reklame["documents"], ["desain"]))
    assert "Desain dan ukuran reklame" in error.message and "desain," not in error.message
    assert "Design and size of the sign" in error.message_en
    assert error.details == {"missing": ["desain"]}
    failed = InspectionItemFailed(["jarak"], named(reklame["checklist"], ["jarak"], "text"))
    assert "Tidak menghalangi jalan" in failed.message and "roads" in failed.message_en
    assert "x" in named([], ["x"]).id  # an unknown code stays as it is
