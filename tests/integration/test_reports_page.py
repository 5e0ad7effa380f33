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
    yesterday = f"/reports?facility={site.code}&amp;from=2026-11-23&amp;to=2026-11-23"
    assert yesterday in page
    html = client.get(yesterday.replace("&amp;", "&")).get_data(as_text=True)
    assert "Waktu tunggu per jam kedatangan" in html
    assert "<td>08</td><td>4</td><td>3</td><td>20.0</td><td>45.0</td>" in html
    assert f"/api/v1/reports/hourly?format=csv&amp;facility={site.code}" in html
    chart = client.get(f"/reports/chart/hourly.svg?facility={site.code}&from=2026-11-23")
    assert chart.status_code == 200 and chart.mimetype == "image/svg+xml"
    assert b"<script" not in chart.get_data()


def test_an_unreadable_date_is_said_on_the_page(client: Any) -> None:
    login(client, "admin")
    reply = client.get("/reports?from=kemarin&lang=en")
    assert reply.status_code == 422
    assert "&#39;from&#39; must be an ISO 8601 date" in reply.get_data(as_text=True)


def test_a_facility_admin_sees_only_its_facility(client: Any,
                                                 site: factories.Site) -> None:  # noqa: F811
    login(client, site.username("kepala"), factories.PASSWORD)
    html = client.get("/reports").get_data(as_text=True)
    assert site.code in html and "Semua fasilitas" not in html
    assert client.get("/reports?facility=pkm-demo").status_code == 403
