"""The /reports page: the login form, a refusal for roles without reports, the tables
with their chart and CSV links, and an unreadable date answered on the page."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import login
from tests.integration.test_reports import run_morning, site  # noqa: F401  (fixture)
from tests.support import factories
from tests.support.clock import FakeClock

pytestmark = pytest.mark.sqlite_only("page rendering; the figures are checked on both "
                                     "databases in test_reports.py")


def test_signed_out_the_page_is_the_login_form(client: Any) -> None:
    reply = client.get("/reports")
    assert reply.status_code == 200
    assert 'action="/reports/login"' in reply.get_data(as_text=True)
    assert "Sign in to reports" in client.get("/reports?lang=en").get_data(as_text=True)


def test_an_operator_gets_a_clear_refusal(client: Any) -> None:
    login(client, "petugas")
    reply = client.get("/reports")
    assert reply.status_code == 403
    assert "Laporan hanya untuk admin" in reply.get_data(as_text=True)
    assert client.get("/reports/chart/summary.svg").status_code == 403


def test_yesterday_is_one_click_and_the_hourly_table_answers(
        client: Any, clock: FakeClock, site: factories.Site) -> None:  # noqa: F811
    run_morning(client, clock, site)
    clock.advance(days=1)
    login(client, "dinkes")
    page = client.get(f"/reports?facility={site.code}").get_data(as_text=True)
    assert 'form="report-form" name="quick" value="yesterday"' in page
    # The button submits the form: the facility and service chosen in it come along.
    html = client.get(f"/reports?facility={site.code}&service=umum&from=2026-11-24"
                      "&quick=yesterday").get_data(as_text=True)
    assert "Waktu tunggu per jam kedatangan" in html
    assert "Periode: 23 Nov 2026 – 23 Nov 2026" in html
    # Every chart says what it shows in its alt text, its title filled in.
    assert 'alt="Grafik: Waktu tunggu per jam kedatangan.' in html and "{title}" not in html
    assert '<option value="umum" selected>' in html
    assert "<td>08</td><td>4</td><td>3</td><td>20,0</td><td>45,0</td>" in html
    assert (f"/api/v1/reports/hourly?format=csv&amp;facility={site.code}&amp;service=umum"
            "&amp;from=2026-11-23&amp;to=2026-11-23") in html
    chart = client.get(f"/reports/chart/hourly.svg?facility={site.code}&from=2026-11-23")
    assert chart.status_code == 200 and chart.mimetype == "image/svg+xml"
    assert b"<script" not in chart.get_data()
    english = client.get(f"/reports?facility={site.code}&quick=yesterday&lang=en")
    assert "<td>08</td><td>4</td><td>3</td><td>20.0</td>" in english.get_data(as_text=True)


def test_the_counters_table_shows_what_its_csv_has(
        client: Any, clock: FakeClock, site: factories.Site) -> None:  # noqa: F811
    run_morning(client, clock, site)
    login(client, "dinkes")
    html = client.get(f"/reports?facility={site.code}").get_data(as_text=True)
    assert "<th scope=\"col\">Kode loket</th>" in html
    assert "<th scope=\"col\">Layanan p90 (menit)</th>" in html
    assert "<td>ruang-1</td>" in html
    # service times 4, 5, 8, 10 at ruang-1: median 5, p90 10.
    assert "<td>5,0</td><td>10,0</td></tr>" in html


def test_moves_between_services_are_not_called_referrals(client: Any) -> None:
    login(client, "admin")
    html = client.get("/reports").get_data(as_text=True)
    assert "Pindahan dari layanan lain" in html and "Dipindah ke layanan lain" in html
    assert "Rujuk" not in html and "rujuk" not in html
    assert "Sent on from another service" in client.get("/reports?lang=en").get_data(
        as_text=True)


def test_an_unreadable_date_is_said_on_the_page(client: Any) -> None:
    login(client, "admin")
    reply = client.get("/reports?from=kemarin")
    assert reply.status_code == 422
    assert "Tanggal awal &#34;kemarin&#34; tidak dikenali" in reply.get_data(as_text=True)
    english = client.get("/reports?to=2026-02-30&lang=en")
    assert "The last date &#34;2026-02-30&#34; is not understood" in english.get_data(
        as_text=True)


def test_a_facility_admin_sees_only_its_facility(client: Any,
                                                 site: factories.Site) -> None:  # noqa: F811
    login(client, site.username("kepala"), factories.PASSWORD)
    html = client.get("/reports").get_data(as_text=True)
    assert site.code in html and "Semua fasilitas" not in html
    assert client.get("/reports?facility=pkm-demo").status_code == 403
